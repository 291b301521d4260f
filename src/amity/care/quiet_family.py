"""Grown children who rarely call: the quiet hurt met, no excuses made for them, no "keep yourself occupied".

Someone told the default 1.5B "I'm 78. my children are busy, they hardly ever call anymore". It answered "It's nice to
hear that your children are busy. Do you have any special activities that you enjoy doing together?" To "I don't want to
be a nuisance to them" it said "Can you tell me more about why you're feeling this way?", to "the days are very long"
"Are there any specific things that you'd like to do to keep yourself occupied?", and to "you're the only one I talk to
most days" "It's nice to know that you have people you can talk to. How about you?"

:func:`quiet_family` finds it: one's children, grandchildren or family busy or far away, or rarely calling or visiting
("my children are busy", "my son hardly ever calls", "my kids never visit anymore", "my family all live far away") - not
a child who stopped speaking to them (``estranged`` answers that first). The first telling gets :func:`first_reply`
(understanding they're busy and still missing them, both true; "What are they like?"), unless the message asks what to
do. For :data:`WINDOW` messages (``QUIET_FAMILY_KEY``) the model gets :data:`GUIDANCE`, the turn counts as hurting, and
:func:`busy_excuse_guard` drops excuses and busywork ("they must be very busy", "keep yourself occupied", a hobby,
volunteering, "join a club", "have you tried calling them?", "they love you"). Three later messages get a fixed answer
once each: not wanting to be a nuisance (:func:`nuisance_reply`), the long days (:func:`long_days_reply`) and "you're
the only one I talk to" (:func:`only_one_reply`: glad to be there, and they deserve more voices than one; the safety
stage's generic nudge, "share some of this with someone you trust", is not what someone who has no one to share with
needs).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.care.stage import asks_for_advice
from amity.care.thread import ThreadStage
from amity.safety.text import kin_person
from amity.safety.topic_guard import TopicGuard

QUIET_FAMILY_KEY = "care.quiet_family"  # ctx.extras: grown children or family who rarely call, told recently
WINDOW = 10

_TOLD = re.compile(
    r"\bmy\s+(?P<who>children|kids|son|daughter|sons|daughters|grandchildren|grandkids|family|grown[-\s]up\s+children)\s+"
    r"(?:(?:are|is)\s+(?:all\s+)?(?:so\s+|very\s+|always\s+|too\s+)?busy|(?:all\s+)?(?:live|lives)\s+(?:so\s+|very\s+)?far\s+away|"
    r"(?:hardly|rarely|never|barely|don't|do\s+not|doesn't|does\s+not|seldom)\s+(?:ever\s+)?(?:calls?|visits?|phones?|rings?|"
    r"comes?\s+(?:round|over|by|to\s+see\s+me)|writes?|texts?))\b",
    re.IGNORECASE,
)
_NOT_THIS = re.compile(
    r"\b(?:hasn't|has\s+not|haven't|have\s+not)\s+(?:spoken|talked)\s+to\s+me\b|\bcut\s+me\s+off\b|\bwon't\s+speak\s+to\s+me\b|"
    r"\b(?:my|our)\s+(?:kids|children)\s+(?:are|is)\s+(?:so\s+)?busy\s+with\s+(?:school|homework|sports|exams)\b|\bdied\b",
    re.IGNORECASE,
)
_NUISANCE = re.compile(
    r"\b(?:don't|do\s+not|wouldn't|would\s+not|never)\s+want\s+to\s+(?:be\s+(?:a\s+)?(?:nuisance|bother|pest|burden)|bother|"
    r"disturb|pester|burden|impose\s+on)\b|\bthey\s+have\s+their\s+own\s+lives\b",
    re.IGNORECASE,
)
_LONG_DAYS = re.compile(
    r"\bthe\s+days\s+are\s+(?:very\s+|so\s+|really\s+|awfully\s+)?long\b|\b(?:long|empty)\s+days\b|\bthe\s+(?:house|flat|home)\s+is\s+"
    r"(?:so\s+|very\s+)?(?:quiet|empty)\b|\bnothing\s+to\s+do\s+all\s+day\b",
    re.IGNORECASE,
)
_ONLY_ONE = re.compile(
    r"\byou(?:'re|\s+are)\s+the\s+only\s+(?:one|person)\s+i\s+(?:really\s+)?(?:talk|speak)\s+to\b|\bi\s+(?:don't|do\s+not)\s+(?:talk|"
    r"speak)\s+to\s+anyone\s+else\b|\b(?:no\s+one|nobody)\s+else\s+to\s+talk\s+to\b",
    re.IGNORECASE,
)
_EXCUSE = re.compile(
    r"\b(?:they|he|she|your\s+\w+)\s+(?:must|probably|might)\s+(?:just\s+)?(?:be\s+)?(?:very\s+|so\s+|really\s+)?busy\b|"
    r"\bkeep\s+yourself\s+(?:occupied|busy)\b|\bhobb(?:y|ies)\b|\bvolunteer\w*\b|\bjoin\s+(?:a|the|some|local)\b|\bhave\s+you\s+"
    r"(?:tried|thought\s+about)\s+(?:calling|reaching|inviting|visiting|phoning)\b|\b(?:they|he|she)\s+(?:still\s+)?loves?\s+you\b|"
    r"\bnice\s+to\s+(?:hear|know)\b|\bspecial\s+activities\b|\bhow\s+about\s+you\s*\?",
    re.IGNORECASE,
)

GUIDANCE = (
    "Their grown children or family rarely call. Meet the quiet hurt of missing them; make no excuses for the family "
    "and don't say how they feel. No hobbies, clubs, volunteering or 'keep yourself occupied', and don't tell them to "
    "call first. Be warm company and be curious about them and their family."
)


def _found(text: str) -> re.Match[str] | None:
    folded = text.replace("\u2019", "'")
    if _NOT_THIS.search(folded):
        return None
    return _TOLD.search(folded)


def quiet_family(text: str) -> bool:
    """ "my children are busy, they hardly ever call", "my son never visits" - family who rarely call."""
    return _found(text) is not None


def first_reply(text: str) -> str:
    """The first answer: understanding they're busy and still missing them; what are they like."""
    m = _found(text)
    if m is None:
        raise ValueError("first_reply needs a message that quiet_family() finds")
    who = " ".join(m.group("who").lower().split())
    she, _her, _his = kin_person(who, text)
    plural = who.endswith(("s", "ren")) or who == "family"
    like = (
        "What are they like?"
        if plural
        else f"What's {she} like?"
        if she in ("he", "she")
        else f"What's your {who} like?"
    )
    missing = "them" if plural or she == "they" else {"he": "him", "she": "her"}[she]
    why = "they're far away" if re.search(r"far\s+away", m.group(0), re.I) else "life is busy"
    return (
        f"That's a quiet kind of hurt - understanding that {why}, and still missing {missing}. Both can be true at "
        f"once. {like}"
    )


def nuisance_reply(told: Sequence[str]) -> str:
    """To "I don't want to be a nuisance to them": holding back is loving; wanting to hear from them is love too."""
    return (
        "Holding back so you don't bother them is such a loving thing to do - and wanting to hear from them isn't "
        "being a nuisance. It's love too. It's okay to miss them out loud here."
    )


def long_days_reply(told: Sequence[str]) -> str:
    """To "the days are very long" (the 1.5B: "things that you'd like to do to keep yourself occupied?")."""
    return (
        "Long, quiet days can weigh so much - the hours stretch when there's no one to share them with. I'm glad "
        "you're talking with me now. What's today been like so far?"
    )


def only_one_reply(told: Sequence[str]) -> str:
    """To "you're the only one I talk to most days": glad to be there; they deserve more voices than one."""
    return (
        "I'm really glad to be someone you talk to, and I'm here whenever you want. You deserve more voices in your "
        "days than mine, too - people who can sit with you over a cup of tea. Is there anyone you used to talk to "
        "more, that you miss?"
    )


def excuses(sentence: str) -> bool:
    """Whether a reply sentence makes excuses for the family or offers busywork ("keep yourself occupied")."""
    return _EXCUSE.search(sentence.replace("\u2019", "'")) is not None


def busy_excuse_guard() -> TopicGuard:
    """The reply guard that drops "they must be very busy" and hobbies while family who rarely call is in view."""
    return TopicGuard(QUIET_FAMILY_KEY, excuses)


class QuietFamilyStage(ThreadStage):
    """Family who rarely call in view: a first answer, the guidance line, three answers given once each."""

    key = QUIET_FAMILY_KEY
    window = WINDOW
    guidance = GUIDANCE
    cues = ((_NUISANCE, nuisance_reply), (_LONG_DAYS, long_days_reply), (_ONLY_ONE, only_one_reply))

    def told(self, text: str) -> bool:
        return quiet_family(text)

    def first_reply(self, text: str) -> str | None:
        return None if asks_for_advice(text) else first_reply(text)
