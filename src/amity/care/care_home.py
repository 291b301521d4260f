"""Moving someone they love into a care home: not abandoning them, the guilt met, the hard first weeks.

Someone told the default 1.5B "I have to move my mum into a care home and I feel like I'm abandoning her". It answered
"I'm sorry to hear that. It can be tough to say goodbye to your loved ones, especially when you have to make a big
decision. What are you thinking about next?" - a goodbye, as if she were dying, and a question about what comes next for
someone already overwhelmed by what is happening now. The guilt of this decision is among the heaviest that family
carers describe, and what helps is hearing that it is care, not leaving.

:func:`moving_into_care` finds it: someone close moving, or moved, into a care or nursing home ("I have to move my mum
into a care home", "we had to put dad in a nursing home", "my nan went into a care home last week"). The first telling
gets :func:`first_reply` (one of the hardest decisions; needing more care than home can give was not chosen; a safe
place is a way of caring; the guilt comes from love, when they speak of guilt) when it says it hurts ("I feel like I'm
abandoning her", "it was awful") and does not ask what to do; "my parents moved into assisted living" alone is left to
the model, guided. For :data:`WINDOW` messages (``CARE_HOME_KEY``) the model gets :data:`GUIDANCE`, the turn counts as
hurting, and :func:`goodbye_guard` drops "say goodbye", "abandon", "get used to it", "at least" and "old people's home".
Three later messages get a fixed answer once each: why it had to be (:func:`reason_reply`: "she keeps wandering at
night. I can't keep her safe" had drawn only "it sounds like you're facing a difficult situation" once the guards
dropped the advice), the one who moved begging to come home or crying at the door (:func:`settling_reply`) and "I feel
so guilty" (:func:`guilt_reply`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.affect.clauses import hypothetical
from amity.care.stage import asks_for_advice
from amity.care.thread import ThreadStage
from amity.safety.text import person_told
from amity.safety.topic_guard import TopicGuard

CARE_HOME_KEY = "care.care_home"  # ctx.extras: someone close moving into a care home, told in this conversation
WINDOW = 10

_PERSON = (
    r"(?P<who>(?:\w+\s+)?(?:mom|mum|mother|dad|father|grandma|grandmother|grandpa|grandfather|grandad|granddad|granny|"
    r"nan|nana|husband|wife|partner|son|daughter|brother|sister|aunt|uncle|parents))"
)
_HOME = (
    r"(?:a\s+|the\s+)?(?:care\s+home|nursing\s+home|residential\s+(?:care|home)|assisted\s+living|memory\s+care|"
    r"a\s+home)"
)
_TOLD = tuple(
    re.compile(rx)
    for rx in (
        rf"\b(?:move|moving|moved|put|putting|place|placing|placed)\s+(?:my|our)\s+{_PERSON}\s+(?:in|into)\s+{_HOME}\b",
        rf"\b(?:my|our)\s+{_PERSON}\s+(?:is\s+going|went|has\s+gone|is\s+moving|moved|has\s+moved|is\s+being\s+moved|"
        rf"was\s+moved|had\s+to\s+go)\s+(?:in|into|to)\s+{_HOME}\b",
    )
)
_SETTLING = re.compile(
    r"\b(?:begged|begs|begging|pleaded|asks?|asked|keeps\s+asking|wants?|wanted)\s+(?:me\s+)?(?:to\s+)?(?:take\s+(?:her|him|"
    r"them)\s+|to\s+(?:come|go)\s+|go\s+)?home\b|\bcried\s+when\s+i\s+left\b|\b(?:crying|cries)\s+(?:when|every\s+time)\s+i\s+"
    r"(?:leave|go)\b|\b(?:hates?|hated)\s+it\s+(?:there|here)\b|\bnot\s+settling\b",
    re.IGNORECASE,
)
_REASON = re.compile(
    r"\b(?:can't|cannot|can\s+not|couldn't)\s+(?:keep\s+(?:her|him|them)\s+safe|cope|manage|look\s+after\s+(?:her|him|them)|do\s+"
    r"it\s+anymore)\b|\bwander(?:s|ed|ing)\b|\b(?:keeps?\s+falling|fell\s+again|had\s+(?:another\s+)?fall)\b",
    re.IGNORECASE,
)
_GUILT = re.compile(
    r"\b(?:so\s+|really\s+|just\s+)?guilty\b|\bguilt\b|\bterrible\s+(?:daughter|son|person|wife|husband)\b|\bbetrayed?\b|"
    r"\bgave\s+up\s+on\s+(?:her|him|them)\b",
    re.IGNORECASE,
)
_HURTS = re.compile(
    r"\b(?:guilt|guilty|abandon\w*|betray\w*|awful|terrible|hard|heartbroken|heartbreaking|cry|cried|crying|sad|horrible|"
    r"hate|worst|devastated|broke\s+my\s+heart|gave\s+up)\b",
    re.IGNORECASE,
)
_GUILTY_NOW = re.compile(r"\b(?:guilt|guilty|abandon\w*|betray\w*|gave\s+up)\b", re.IGNORECASE)
_GOODBYE = re.compile(
    r"\bsay(?:ing)?\s+goodbye\b|\babandon(?:ing|ed)?\b|\bget\s+used\s+to\s+it\b|\bat\s+least\b|\bold\s+(?:people|folks)'?s?\s+"
    r"homes?\b|\bmove\s+on\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "Someone they love is moving, or has moved, into a care home. It is care, not abandonment, and the guilt comes "
    "from love: say so if it fits. No goodbyes (no one is dying), no 'at least', no tasks; ask how they are holding up."
)


def _found(text: str) -> re.Match[str] | None:
    low = text.replace("\u2019", "'").lower()
    found = (m for pattern in _TOLD for m in pattern.finditer(low) if not hypothetical(low, m.start()))
    return next(found, None)


def moving_into_care(text: str) -> bool:
    """ "I have to move my mum into a care home", "my nan went into a care home" - someone close moving into care."""
    return _found(text) is not None


def _person(told: Sequence[str]) -> tuple[str, str, str, str]:
    """(who, she, her, her) for the one moving into care: ("your mum", "she", "her", "her")."""
    return person_told(told, _found)


def first_reply(text: str) -> str:
    """The first answer: one of the hardest decisions; needing more care wasn't chosen; a safe place is care; the
    guilt comes from love (when they speak of guilt or abandoning)."""
    _who, she, her, _his = _person([text])
    needs, is_ = ("need", "are") if she == "they" else ("needs", "is")
    guilt = f" - and the guilt you feel comes from how much you love {her}" if _GUILTY_NOW.search(text) else ""
    return (
        f"That's one of the hardest decisions there is. {she.capitalize()} {needs} more care than home can give, and "
        f"that isn't something you chose. Finding {her} a place where {she} {is_} safe and looked after is a way of "
        f"caring for {her}, not leaving {her}{guilt}. How are you holding up?"
    )


def settling_reply(told: Sequence[str]) -> str:
    """To "she begged me to take her home": heartbreaking; common in the first weeks; not a sign it was wrong."""
    _who, _she, her, _his = _person(told)
    return (
        "That's heartbreaking to hear, and it tears at you. It's also very common in the first weeks - many people "
        "take a while to settle somewhere new, and it doesn't mean you got it wrong. It makes sense that leaving "
        f"{her} there was so hard."
    )


def reason_reply(told: Sequence[str]) -> str:
    """To "she keeps wandering at night. I can't keep her safe": that is why; a place that can is what safety looks
    like now."""
    _who, _she, her, _his = _person(told)
    return (
        f"That's exactly why. When you can't keep {her} safe at home anymore, however hard you try, finding a place "
        f"that can isn't giving up on {her} - it's what keeping {her} safe looks like now."
    )


def guilt_reply(told: Sequence[str]) -> str:
    """To "I feel so guilty": the guilt is love; you didn't choose the illness, you chose their safety."""
    _who, _she, her, _his = _person(told)
    return (
        "The guilt is one of the heaviest parts of this, and almost everyone who makes this decision feels it. You "
        f"didn't choose for {her} to need this much care; you chose for {her} to be safe. Feeling guilty doesn't "
        f"mean you did something wrong - it means you love {her}."
    )


def says_goodbye(sentence: str) -> bool:
    """Whether a reply sentence speaks of goodbye or abandoning, or says "at least" or "get used to it"."""
    return _GOODBYE.search(sentence.replace("\u2019", "'")) is not None


def goodbye_guard() -> TopicGuard:
    """The reply guard that drops "say goodbye" and "abandoning" while a move into a care home is in view."""
    return TopicGuard(CARE_HOME_KEY, says_goodbye)


class CareHomeStage(ThreadStage):
    """A move into a care home in view: a fixed first answer, the guidance line, three answers given once each."""

    key = CARE_HOME_KEY
    window = WINDOW
    guidance = GUIDANCE
    cues = ((_REASON, reason_reply), (_SETTLING, settling_reply), (_GUILT, guilt_reply))

    def told(self, text: str) -> bool:
        return moving_into_care(text)

    def first_reply(self, text: str) -> str | None:
        return first_reply(text) if _HURTS.search(text) and not asks_for_advice(text) else None
