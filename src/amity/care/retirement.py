"""A retirement that hurts: the gap named as a loss, no hobby lists, no "enjoy your free time".

Someone told the default 1.5B "I retired last month and I don't know what to do with myself. The days are so long." With
the retirement line in its prompt (:data:`amity.affect.loss.RETIRED_GUIDANCE`: a real loss, no hobby lists) it answered
"First, you could explore hobbies that you're passionate about. It's a way to give back and also meet new people.
Finally, you could start to make new friends" (the unasked-advice guard had dropped the sentences between), and on the
next run "One idea is to take a class that interests you, or start a hobby you've always wanted. Another option is to
join a club". Whatever the guard learns to drop, the model finds another way to hand over a to-do list.

:func:`retirement_hurts` finds it: retiring told (:func:`amity.affect.loss.retired`) with the gap in the same message
("I don't know what to do with myself", "the days are so long", "I feel useless", "I miss work"). That message gets
:func:`first_reply` (the years of work, when said; the shape work gave each day; "What do you miss most?"), unless it
asks what to do. For :data:`WINDOW` messages (``RETIREMENT_KEY``) the model gets the retirement line, the turn counts as
hurting (so the unasked-advice guard is on), and :func:`free_time_guard` drops "enjoy your free time", "well deserved",
"golden years", "bucket list" and "now you have time to". Four later messages get a fixed answer once each: feeling
useless (:data:`USELESS_REPLY`), missing the people (:data:`PEOPLE_REPLY`, also to "the people, mostly" after "What do
you miss most?"), the routine and somewhere to be (:data:`ROUTINE_REPLY`; the 1.5B had asked "How do you think you might
fill this gap?") and others' "you should enjoy it" (:data:`ENJOY_IT_REPLY`). Retiring told without a hurt in the same
message is the affect stage's: it adds the same line once a hurt follows.
"""

from __future__ import annotations

import re

from amity.affect.loss import RETIRED_GUIDANCE, retired
from amity.care.stage import asks_for_advice
from amity.care.thread import ThreadStage
from amity.safety.topic_guard import TopicGuard

RETIREMENT_KEY = "care.retirement"  # ctx.extras: a retirement that hurts, told in this conversation
WINDOW = 10

_GAP = re.compile(
    r"\b(?:don't|do\s+not|dont)\s+know\s+what\s+to\s+do\s+with\s+(?:myself|my\s+(?:days|time|self))\b|"
    r"\b(?:days|weeks)\s+(?:are|feel|seem)\s+(?:so\s+|really\s+|very\s+)?(?:long|empty|endless)\b|"
    r"\bfeel(?:ing)?\s+(?:so\s+|a\s+bit\s+|really\s+|completely\s+)?(?:useless|lost|empty|invisible|pointless|adrift)\b|"
    r"\bmiss\s+(?:work|my\s+job|the\s+job|the\s+people|my\s+colleagues|my\s+team|the\s+routine|being\s+needed|the\s+office)\b|"
    r"\b(?:no|without\s+a)\s+(?:purpose|reason\s+to\s+get\s+up)\b|\bnothing\s+to\s+get\s+up\s+for\b|\b(?:so\s+)?bored\b|"
    r"\blonely\b|\brattling\s+around\b|\b(?:nobody|no\s+one)\s+needs\s+me\b",
    re.IGNORECASE,
)
_YEARS = re.compile(
    r"\bafter\s+(?P<n>\d{1,2}|twenty|thirty|forty|fifty)(?:[\s-]+(?P<m>one|two|three|four|five|six|seven|eight|nine))?\s+years\b",
    re.IGNORECASE,
)
_USELESS = re.compile(
    r"\bfeel(?:ing)?\s+(?:so\s+|really\s+|completely\s+)?(?:useless|invisible|unneeded|worthless|on\s+the\s+shelf)\b|"
    r"\b(?:nobody|no\s+one)\s+needs\s+me\b|\bnot\s+needed\b",
    re.IGNORECASE,
)
_PEOPLE = re.compile(
    r"^\W*(?:probably\s+|mostly\s+|honestly\s+|i\s+guess\s+)?(?:the\s+people|my\s+colleagues|my\s+team|the\s+lads|the\s+banter|"
    r"the\s+chat|the\s+company)\b|\bmiss\s+(?:the\s+people|my\s+colleagues|my\s+team|the\s+lads|the\s+girls|my\s+co-?workers|the\s+banter|the\s+chat|"
    r"everyone\s+at\s+work|my\s+work\s+friends)\b",
    re.IGNORECASE,
)
_ROUTINE = re.compile(
    r"^\W*(?:probably\s+|mostly\s+|honestly\s+|i\s+guess\s+)?(?:the\s+)?(?:routine|structure)\b|\bhaving\s+(?:somewhere|"
    r"a\s+place)\s+to\s+(?:be|go)\b|\ba\s+reason\s+to\s+get\s+up\b|\bmiss\s+(?:the\s+|my\s+)?(?:routine|structure)\b",
    re.IGNORECASE,
)
_ENJOY_IT = re.compile(
    r"\b(?:everyone|people|my\s+(?:wife|husband|kids|son|daughter|friends|family)|they)\s+(?:\w+\s+)?(?:says?|said|keeps?\s+"
    r"saying|tells?\s+me|told\s+me)\s+(?:that\s+)?(?:i\s+should|to|i'm\s+(?:so\s+)?lucky|i\s+am\s+(?:so\s+)?lucky|i\s+should\s+be)\b"
    r"[^.!?]{0,40}\b(?:enjoy|relax|hobby|lucky|grateful|happy|travel)\b",
    re.IGNORECASE,
)
_FREE_TIME = re.compile(
    r"\benjoy\s+(?:your|the|this|all\s+(?:your|the|that))\s+(?:\w+\s+)?(?:retirement|free\s+time|time\s+off|time)\b|"
    r"\bwell[-\s]deserved\b|\bgolden\s+years\b|\b(?:so\s+much|lots\s+of|plenty\s+of|all\s+the)\s+free\s+time\b|"
    r"\bbucket\s+list\b|\bnow\s+you\s+(?:can|have\s+(?:the\s+)?time\s+to|get\s+to)\b|\btravel\s+the\s+world\b|"
    r"\bnew\s+chapter\b|\bexciting\s+(?:time|new)\b",
    re.IGNORECASE,
)
_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}

PEOPLE_REPLY = (
    "It's so often the people that are missed most - the everyday chat, being part of something, someone noticing "
    "when you're not there. That's a real loss, not just a change of routine."
)
USELESS_REPLY = (
    "Going from being needed every day to nobody expecting anything of you is a hard drop. Feeling useless now says "
    "more about how much of your life the work held than about what you're worth."
)
ROUTINE_REPLY = (  # to "the routine I think. and having somewhere to be" (the 1.5B: "How do you think you might fill
    # this gap?")
    "Having somewhere to be means you're expected - that a place and its people count on you. Losing that all at once "
    "is a lot, and it makes sense the days feel shapeless without it."
)
ENJOY_IT_REPLY = (
    "People mean well when they say that, but it can make what you're feeling invisible. It's okay that this doesn't "
    "feel like a long holiday - it's a big change, and finding a new shape for the days takes time."
)


def retirement_hurts(text: str) -> bool:
    """ "I retired last month and I don't know what to do with myself" - retiring told, with the gap it left."""
    folded = text.replace("\u2019", "'")
    return retired([folded]) and _GAP.search(folded) is not None


def _years(text: str) -> int | None:
    m = _YEARS.search(text)
    if m is None:
        return None
    n = m.group("n").lower()
    return (int(n) if n.isdigit() else _WORDS[n]) + (_UNITS[m.group("m").lower()] if m.group("m") else 0)


def first_reply(text: str) -> str:
    """The first answer: the years of work (when said); the shape work gave each day; what do they miss most."""
    folded = text.replace("\u2019", "'")
    years = _years(folded)
    lead = f"After {years} years, it" if years else "It"
    long_days = re.search(r"\b(?:days|weeks)\s+(?:are|feel|seem)\b", folded, re.IGNORECASE)
    feel = "the days feel so long" if long_days else "it feels like this"
    return (
        f"{lead} makes sense that {feel}. Work gives each day a shape - a reason to get up, people who expect you - "
        "and when it stops, that can feel like a real loss, even when retiring was the plan. What do you miss most?"
    )


def free_time(sentence: str) -> bool:
    """Whether a reply sentence sells the retirement as free time ("enjoy your free time", "golden years")."""
    return _FREE_TIME.search(sentence.replace("\u2019", "'")) is not None


def free_time_guard() -> TopicGuard:
    """The reply guard that drops "enjoy your free time" while a retirement that hurts is in view."""
    return TopicGuard(RETIREMENT_KEY, free_time)


class RetirementStage(ThreadStage):
    """A retirement that hurts in view: a fixed first answer, the retirement line, four answers given once each."""

    key = RETIREMENT_KEY
    window = WINDOW
    guidance = RETIRED_GUIDANCE
    cues = (
        (_USELESS, lambda _told: USELESS_REPLY),
        (_PEOPLE, lambda _told: PEOPLE_REPLY),
        (_ROUTINE, lambda _told: ROUTINE_REPLY),
        (_ENJOY_IT, lambda _told: ENJOY_IT_REPLY),
    )

    def told(self, text: str) -> bool:
        return retirement_hurts(text)

    def first_reply(self, text: str) -> str | None:
        return None if asks_for_advice(text) else first_reply(text)
