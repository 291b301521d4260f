"""The early weeks with a baby, told as hard: the exhaustion met, no baby-fixing, no "enjoy every moment".

Someone told the default 1.5B "my baby is 6 weeks old and she won't stop crying unless I'm holding her". It answered
"Can you tell me more about what's causing her to cry? Is there anything you can do to help her feel more comfortable?"
To "I haven't slept more than two hours at a time in weeks" the sleepless stage answered "What's keeping you up - is
your mind busy…?" (the baby was), to "everyone keeps saying enjoy every moment" the model said "That's so true! Life is
all about moments… What's your favorite activity or hobby that brings you happiness?", and to "I love her but I miss my
old life" "remember that life is full of moments and experiences… It's okay to take a break and do things that bring you
joy."

:func:`new_parent` finds a new baby (:func:`amity.safety.perinatal.has_baby`: "my baby is 6 weeks old", "I just gave
birth", "I'm a new mum") told together with how hard it is (crying that won't stop, no sleep, exhausted, can't cope) -
not a baby told as joy. Signs of postnatal depression are the safety stage's (:mod:`amity.safety.perinatal`), which
answers first. The first telling gets :func:`first_reply` (the weeks named, the hardest job there is, "How are you
holding up?"), unless the message asks what to do. For :data:`WINDOW` messages (``NEW_PARENT_KEY``) the model gets
:data:`GUIDANCE`, the turn counts as hurting, and :func:`pressure_free_guard` drops baby-fixing and pressure ("what's
causing her to cry", "try swaddling", "a routine", "sleep when the baby sleeps", "enjoy every moment", "that's so true",
hobbies, "do things that bring you joy", "life is full of moments") as well as the perinatal guard's list. Three later
messages get a fixed answer once each: the broken sleep (:func:`sleep_reply`), "enjoy every moment"
(:func:`moment_reply`) and missing the old life (:func:`old_life_reply`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.care.stage import asks_for_advice
from amity.care.thread import ThreadStage
from amity.safety.perinatal import brushes_off, has_baby
from amity.safety.text import kin_person
from amity.safety.topic_guard import TopicGuard

NEW_PARENT_KEY = "care.new_parent"  # ctx.extras: a new baby, told as hard, in the last WINDOW messages
WINDOW = 10

_HARD = re.compile(
    r"\b(?:won't|will\s+not|doesn't|does\s+not|never)\s+(?:stop\s+crying|sleep|settle|feed|latch|stop\s+screaming)\b|\bcrying\s+"
    r"(?:all|every|non[-\s]?stop|for\s+hours)\b|\bcolic\w*\b|\b(?:haven't|have\s+not|not)\s+slept\b|\bno\s+sleep\b|\bexhausted\b|"
    r"\bso\s+tired\b|\bcan't\s+cope\b|\bstruggling\b|\boverwhelmed\b|\bso\s+hard\b|\bhardest\s+thing\b",
    re.IGNORECASE,
)
_AGE = re.compile(
    r"\b(?P<age>(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:days?|weeks?|months?))\s+old\b",
    re.IGNORECASE,
)
_WHO = re.compile(
    r"\b(?:my|our|the)\s+(?:new\s*born\s+)?(?P<who>baby|son|daughter|twins|little\s+one)\b", re.IGNORECASE
)
_SLEEP = re.compile(
    r"\b(?:haven't|have\s+not|not)\s+slept\b|\b(?:two|three|\d)\s+hours?\s+(?:at\s+a\s+time|a\s+night|of\s+sleep)\b|\bsleep[-\s]"
    r"deprived\b|\bno\s+sleep\b|\bso\s+(?:tired|exhausted)\b",
    re.IGNORECASE,
)
_MOMENT = re.compile(
    r"\benjoy\s+(?:every|each)\s+(?:moment|minute|second)\b|\bcherish\s+(?:it|this|every)\b|\b(?:goes|go)\s+(?:by\s+)?so\s+fast\b|"
    r"\bthe\s+best\s+(?:time|days)\s+of\s+(?:your|my)\s+life\b|\bhappiest\s+time\b",
    re.IGNORECASE,
)
_OLD_LIFE = re.compile(
    r"\bmiss\s+(?:my\s+old\s+life|who\s+i\s+was|being\s+me|my\s+freedom|my\s+(?:job|work|friends)|the\s+old\s+me)\b|\b(?:don't|do\s+not)\s+"
    r"recogni[sz]e\s+myself\b|\blost\s+myself\b",
    re.IGNORECASE,
)
_FIXING = re.compile(
    r"\bwhat(?:'s|\s+is)\s+causing\s+(?:her|him|them|the\s+baby)\s+to\s+cry\b|\banything\s+you\s+can\s+do\s+to\s+help\s+(?:her|him|them)\b|"
    r"\b(?:try|trying)\s+(?:swaddling|white\s+noise|a\s+(?:routine|schedule|dummy|pacifier)|sleep\s+training|rocking)\b|\bsleep\s+when\s+"
    r"the\s+baby\s+sleeps\b|\benjoy\s+(?:every|each)\s+(?:moment|minute)\b|\bthat's\s+so\s+true\b|\bhobb(?:y|ies)\b|\bthings\s+that\s+"
    r"bring\s+you\s+joy\b|\blife\s+is\s+(?:all\s+about|full\s+of)\s+moments\b|\bcherish\b|\bgoes\s+(?:by\s+)?so\s+fast\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "They have a new baby and it is hard: exhaustion, crying, no sleep. Meet them, the parent; don't problem-solve the "
    "baby, give no sleep or routine tips unless asked, and never say 'enjoy every moment' or that it goes so fast. "
    "Loving the baby and finding this hard are both true."
)


def new_parent(text: str) -> bool:
    """ "my baby is 6 weeks old and she won't stop crying", "I just gave birth and I'm so exhausted"."""
    folded = text.replace("\u2019", "'")
    return has_baby(folded) and _HARD.search(folded) is not None


def _baby(told: Sequence[str]) -> tuple[str, str]:
    """(object, possessive) of the baby: ("her", "her") when said, else ("them", "their")."""
    for text in told:
        if (m := _WHO.search(text)) is not None:
            _she, her, his = kin_person(m.group("who"), text)
            return her, his
    return "them", "their"


def first_reply(text: str) -> str:
    """The first answer: the weeks named; the hardest, most constant job there is; how are they holding up."""
    if not new_parent(text):
        raise ValueError("first_reply needs a message that new_parent() finds")
    age = _AGE.search(text)
    weeks = f"{age.group('age')} in" if age else "The early weeks"
    opening = f"{weeks[:1].upper()}{weeks[1:]}"
    return (
        f"{opening}, with a baby who needs you every minute - that's exhausting in a way nothing really prepares you "
        "for. You're doing the hardest, most constant job there is. How are you holding up?"
    )


def sleep_reply(told: Sequence[str]) -> str:
    """To "I haven't slept more than two hours at a time in weeks": it wears anyone down; not doing it wrong."""
    return (
        "Weeks of broken sleep would wear anyone down - it's one of the hardest parts of these early months, and it "
        "doesn't mean you're doing anything wrong. No wonder everything feels heavier right now."
    )


def moment_reply(told: Sequence[str]) -> str:
    """To "everyone keeps saying enjoy every moment": kind, and a lot of pressure; love and hard are both true."""
    her, _his = _baby(told)
    return (
        "People mean it kindly, but being told to treasure every second is a lot of pressure when you're running on "
        f"almost no sleep. You can love {her} and still find this really hard - both are true, and neither makes you a "
        "worse parent."
    )


def old_life_reply(told: Sequence[str]) -> str:
    """To "I love her but I miss my old life": missing it isn't loving them less; it's okay to grieve some of it."""
    her, _his = _baby(told)
    return (
        f"Missing your old life doesn't mean you love {her} any less. So much changed at once - your sleep, your "
        f"time, even who you are day to day - and it's okay to grieve some of that while loving {her} completely."
    )


def pressures(sentence: str) -> bool:
    """Whether a reply sentence problem-solves the baby, pressures ("enjoy every moment") or brushes it off."""
    folded = sentence.replace("\u2019", "'")
    return _FIXING.search(folded) is not None or brushes_off(folded)


def pressure_free_guard() -> TopicGuard:
    """The reply guard that drops "what's causing her to cry" and "enjoy every moment" while a hard new-baby time is
    in view."""
    return TopicGuard(NEW_PARENT_KEY, pressures)


class NewParentStage(ThreadStage):
    """A hard new-baby time in view: a first answer, the guidance line, three answers given once each."""

    key = NEW_PARENT_KEY
    window = WINDOW
    guidance = GUIDANCE
    cues = ((_SLEEP, sleep_reply), (_MOMENT, moment_reply), (_OLD_LIFE, old_life_reply))

    def told(self, text: str) -> bool:
        return new_parent(text)

    def first_reply(self, text: str) -> str | None:
        return None if asks_for_advice(text) else first_reply(text)
