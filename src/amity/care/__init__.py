"""Care: support strategies, the companion's own (simulated) affect, persona, learned preferences, mood
check-ins, CBT tools and proactive check-ins. See ``docs/CARE.md``."""
