"""Life events told with a date: "I start a new job on Monday", "Maya is visiting tomorrow", "we're moving on the 15th".

The generic event rule of :mod:`amity.memory.extraction` needs an event noun ("interview", "wedding"); people rarely
announce the events that matter most to them that way. :func:`life_event` names such an event as a noun phrase that
reads well on its own, in a reminder ("The first day at the new job is tomorrow.") and in a follow-up ("ask how the
first day at the new job went"). The caller has already found a future date in the same clause; a clause without a
date never becomes an event.

Words that are also verbs ("test", "date", "show", "race") count only after a determiner ("my driving test", "a
date"), so "I want to test it on Monday" finds nothing.
"""

from __future__ import annotations

import re

_I = r"(?:i|i'm|i am|i'll|i will|we|we're|we are|we'll|we will)"
_START = r"(?:(?:be\s+)?start(?:ing|s)?|(?:be\s+)?begin(?:ning|s)?)"
_PLACE = r"(?P<at>(?:the\s+|a\s+|my\s+)?[\w'-]+(?:\s+[\w'-]+)?)"
_NAME = r"(?P<name>[A-Z][a-zà-ÿ'-]+)"
_NOT_NAMES = frozenset({"I", "We", "He", "She", "They", "It", "My", "Our", "The", "Today", "Tomorrow", "Monday"})
_NOUN_EVENT = (
    r"driving test|blood test|test|date|first date|audition|race|marathon|performance|show|hearing|court date|"
    r"scan|results|dentist|doctor's|therapy session|job fair|open day|move|big day"
)
_DATE_WORDS = re.compile(
    r"\s+(?:on|this|next|tomorrow|today|in|at|is|starts?|begins?)\b.*$|\s+(?:monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday)\b.*$",
    re.I,
)

_START_BARE = re.compile(
    rf"\b(?:i|i'll|i will)\s+{_START}\s+(?:on|this|next|tomorrow|in\s+\w+\s+(?:days?|weeks?))\b", re.I
)
_NEW_JOB = re.compile(
    r"\b(?:got|landed|accepted|took|was\s+offered|have)\s+(?:the|a|my|that)\s+(?:new\s+)?(?:job|position|role|internship)\b|"
    r"\bnew\s+job\b|\b(?:got|was)\s+hired\b",
    re.I,
)
_VISIT = "{who}'s visit"
_NEW_JOB_DAY = "the first day at the new job"
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"\b{_I}\s+{_START}\s+(?:a|my|the|our)\s+new\s+(?:job|role|position)\b", re.I), _NEW_JOB_DAY),
    (re.compile(rf"\bmy\s+first\s+day\s+(?:at|of)\s+{_PLACE}", re.I), "the first day at {at}"),
    (re.compile(rf"\b{_I}\s+{_START}\s+(?:work(?:ing)?\s+)?at\s+{_PLACE}", re.I), "the first day at {at}"),
    (
        re.compile(
            rf"\b{_I}\s+{_START}\s+(?P<at>(?:college|uni|university|school|high school|my course|my degree|"
            r"my apprenticeship|my internship|an internship|therapy|my new school))\b",
            re.I,
        ),
        "the start of {at}",
    ),
    (
        re.compile(r"\b(?:i'm|i am|we're|we are|i|we)\s+(?:moving|move)\s+(?:house|out|in|away|flat)\b", re.I),
        "the move",
    ),
    (re.compile(r"\b(?:i'm|i am|we're|we are)\s+moving\b(?!\s+on\b(?!\s+(?:the|\w+day)))", re.I), "the move"),
    (
        re.compile(
            rf"\b(?i:my)\s+(?P<rel>(?:best\s+)?[a-z]+)(?:\s+{_NAME})?\s+(?:is|are)\s+(?:visiting|coming\s+(?:over|to\s+visit|"
            r"to\s+stay|home|to\s+see\s+me))",
        ),
        _VISIT,
    ),
    (
        re.compile(rf"\b{_NAME}\s+(?:is|are)\s+(?:visiting|coming\s+(?:over|to\s+visit|to\s+stay|to\s+see\s+me))"),
        _VISIT,
    ),
    (re.compile(rf"\b(?:a|an|my|our|the)\s+(?P<what>(?:big\s+|first\s+)?(?:{_NOUN_EVENT}))\b", re.I), "{what}"),
)


def _tidy(phrase: str) -> str:
    phrase = _DATE_WORDS.sub("", phrase.strip())
    phrase = re.sub(r"^my\s+", "the ", phrase, flags=re.I)
    return " ".join(phrase.split()).strip(" .,!?;:")


def life_event(clause: str, relations: dict[str, str], message: str = "") -> str | None:
    """The event in ``clause`` as a noun phrase ("the first day at the bakery", "Maya's visit"), or None.

    ``relations`` maps a relation word to a known name ("sister" → "Maya"), so "my sister is visiting" becomes
    "Maya's visit". ``message`` is the whole message the clause comes from: in "I got the job! I start on
    Monday" the job is in the other sentence."""
    lowered_i = re.sub(r"\bI\b", "i", clause)  # patterns with names are case-sensitive; "I" is no name
    if _START_BARE.search(lowered_i) and _NEW_JOB.search(message):
        return _NEW_JOB_DAY
    for pattern, template in _PATTERNS:
        m = pattern.search(lowered_i)
        if m is None:
            continue
        groups = m.groupdict()
        if "at" in groups and groups["at"] is not None:
            at = _tidy(groups["at"])
            if not at:
                continue
            return template.format(at=at)
        if "{who}" in template:
            name = groups.get("name")
            rel = (groups.get("rel") or "").lower()
            if name in _NOT_NAMES:
                name = None
            who = name or relations.get(rel) or rel or None
            if who is None:
                continue
            return template.format(who=who)
        if "what" in groups:
            what = groups["what"].lower()
            return "a date" if what in {"date", "first date"} else f"the {what}"
        return template
    return None
