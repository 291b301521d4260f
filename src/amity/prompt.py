"""Builds the messages for one reply: persona, honesty rules, guidance from stages, memories, history.

Small local models follow short, concrete instructions best, so the system prompt is a handful of plain
lines. The history is the turns the running summary does not cover yet, within a token budget (estimated at
~3.5 characters a token); older turns are represented by the summary. The window moves in steps, not turn
by turn (:func:`history_window`), so the prompt's prefix stays the same between steps and a prompt cache
(llama.cpp's ``cache_prompt``, vLLM's prefix caching) evaluates only what is new.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from amity.stages import TurnContext
from amity.types import MemoryHit, Message, Persona, Turn

CHARS_PER_TOKEN = 3.5
EXAMPLES_BEGIN = "Examples of how you talk (made up: not this user, not things they told you):"
EXAMPLES_END = "End of examples. The real conversation with the user starts now; only what follows is theirs."


def estimate_tokens(text: str) -> int:
    return int(len(text) / CHARS_PER_TOKEN) + 1


def persona_block(persona: Persona, user_name: str | None) -> str:
    who = f"You are {persona.name} ({persona.pronouns}), a companion AI. {persona.backstory}"
    traits = f"Your character: {', '.join(persona.traits)}." if persona.traits else ""
    talking_to = (
        f"You are talking with {user_name}; call them by name now and then."
        if user_name
        else "You don't know the user's name yet; you may ask what to call them."
    )
    rules = (
        "Rules: you are an AI, never claim to be human; if asked about feelings, say yours are simulated. "
        "Never pressure the user to stay, never guilt-trip, never act jealous. "
        "Reply in the user's language, briefly (1-3 sentences), and end your turn."
    )
    return "\n".join(x for x in (who, traits, f"Style: {persona.speaking_style}", talking_to, rules) if x)


def turn_tokens(turn: Turn) -> int:
    """Estimated prompt tokens of one history turn (its text and the chat template's markers)."""
    return estimate_tokens(turn.text) + 4


def select_history(history: list[Turn], budget_tokens: int) -> list[Turn]:
    """The most recent turns that fit the budget, oldest first."""
    chosen: list[Turn] = []
    used = 0
    for turn in reversed(history):
        cost = turn_tokens(turn)
        if used + cost > budget_tokens:
            break
        chosen.append(turn)
        used += cost
    return list(reversed(chosen))


def unsummarised(history: list[Turn], summarised_until: datetime | None) -> list[Turn]:
    """The turns after the last one the running summary covers (all of them without a summary)."""
    return [t for t in history if summarised_until is None or t.created_at > summarised_until]


def history_window(history: list[Turn], budget_tokens: int, summarised_until: datetime | None) -> list[Turn]:
    """The history the prompt shows, oldest first: every turn the summary does not cover yet.

    That list only grows at its end from one turn to the next, so the prompt before it stays a cached
    prefix. When it outgrows the budget, the after-turn work summarises its oldest turns at once
    (``Companion._summarise``), which moves the window's start in one step. Until that summary exists
    (it is being written, or failed) the newest turns that fit are shown instead."""
    pending = unsummarised(history, summarised_until)
    if sum(turn_tokens(t) for t in pending) <= budget_tokens:
        return pending
    return select_history(history, budget_tokens)


def stable_messages(
    persona: Persona,
    user_name: str | None,
    standing: Sequence[str],
    summary: str | None,
    history: list[Turn],
    history_budget: int,
    summarised_until: datetime | None = None,
) -> list[Message]:
    """The part of the prompt that stays the same from turn to turn: persona, standing rules, examples,
    summary, history. llama.cpp keeps it cached; :meth:`amity.engine.Companion.warm` sends the next turn's
    version ahead of time so that a turn only evaluates its late message and the user's words. The summary
    comes after the examples: when a new one moves the history window, the persona and examples before it
    stay cached."""
    system = [persona_block(persona, user_name), *standing]
    messages = [Message("system", "\n".join(system))]
    if persona.examples:  # marked as made up, or small models take them for this user's past ("your painting")
        messages.append(Message("system", EXAMPLES_BEGIN))
        for user_text, reply in persona.examples:
            messages.append(Message("user", user_text))
            messages.append(Message("assistant", reply))
        messages.append(Message("system", EXAMPLES_END))
    if summary:
        messages.append(Message("system", f"Earlier in your conversations (summary): {summary}"))
    for turn in history_window(history, history_budget, summarised_until):
        messages.append(Message("user" if turn.role == "user" else "assistant", turn.text))
    return messages


def late_message(memories: Sequence[MemoryHit], guidance: Sequence[str], budget_tokens: int | None = None) -> str:
    """What changes every turn: memories and guidance, in one short system message.

    ``budget_tokens`` (spoken turns) keeps it short, because every token of it is evaluated while the
    user waits: guidance lines first, in the stages' order (safety and affect come first), then the
    best memories, each whole line only while it fits."""
    if budget_tokens is None:
        now: list[str] = []
        if memories:
            now.append("Things you remember about the user (use only if relevant):")
            now.extend(f"- {m.text}" for m in memories)
        if guidance:
            now.append("For this reply:")
            now.extend(f"- {line}" for line in guidance)
        return "\n".join(now)
    used = 0
    kept_guidance: list[str] = []
    kept_memories: list[str] = []
    for line, target in [*((g, kept_guidance) for g in guidance), *((m.text, kept_memories) for m in memories)]:
        cost = estimate_tokens(line) + 1
        if used + cost > budget_tokens:
            continue
        target.append(line)
        used += cost
    lines = ["For this reply:", *(f"- {line}" for line in kept_guidance)] if kept_guidance else []
    if kept_memories:
        lines.append("You remember: " + " ".join(kept_memories))
    return "\n".join(lines)


def build_messages(ctx: TurnContext, history_budget: int, late_budget: int | None = None) -> list[Message]:
    """Stable part first (persona, summary, examples, history) so llama.cpp's prompt cache can reuse it
    from turn to turn; what changes every turn (memories, guidance) goes in a short system message just
    before the user's message (at most ``late_budget`` tokens when given)."""
    messages = stable_messages(
        ctx.persona,
        ctx.user.display_name,
        ctx.standing,
        ctx.summary,
        ctx.history,
        history_budget,
        ctx.summarised_until,
    )
    now = late_message(ctx.memories, ctx.guidance, late_budget)
    if now:
        messages.append(Message("system", now))
    messages.append(Message("user", ctx.text))
    return messages


def summary_messages(previous: str | None, turns: Sequence[Turn], user_name: str | None) -> list[Message]:
    """Ask for the running summary: the earlier summary plus the turns that leave the window.

    The transcript sits between markers and the instruction comes after it: given "User: … Companion: …"
    lines followed by "Updated summary:", the 1.5B model copied the dialogue instead of summarising it
    once the transcript was ~20 turns long (see :func:`usable_summary`)."""
    who = user_name or "the user"
    lines = [f"{'User' if t.role == 'user' else 'Companion'}: {t.text}" for t in turns]
    text = "\n".join(lines)
    prior = f"What you knew before: {previous}\n\n" if previous else ""
    return [
        Message(
            "system",
            "You summarise conversations between a user and their companion. Write plain prose in the third "
            "person: who and what was mentioned (names, places, dates, feelings, plans, preferences). At most 5 "
            "sentences. Never copy the dialogue lines; no advice, no commentary.",
        ),
        Message(
            "user",
            f"{prior}Conversation with {who}:\n<<<\n{text}\n>>>\n\n"
            "Write the summary of everything above (at most 5 sentences, third person, prose):",
        ),
    ]


def usable_summary(text: str, turns: Sequence[Turn]) -> bool:
    """False for what a small model writes instead of a summary: nothing, dialogue lines ("User: …"), or
    a verbatim copy of the transcript (half of its 6-word runs found in the turns)."""
    words = text.split()
    if len(words) < 3:
        return False
    if any(line.strip().lower().startswith(("user:", "companion:", "<<<", ">>>")) for line in text.splitlines()):
        return False
    source = " ".join(" ".join(t.text.split()).lower() for t in turns)
    runs = [" ".join(words[i : i + 6]).lower() for i in range(len(words) - 5)]
    return not runs or sum(run in source for run in runs) < len(runs) / 2
