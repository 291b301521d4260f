"""A breakup, fresh: the loss met, no "you'll find someone better", no "move on".

Someone told the default 1.5B "my girlfriend broke up with me last night. we were together four years". It answered
"That's a very sad day for you. Are you feeling sad or just tired?" (the guard had dropped "it's important to remember
that we all have our ups and downs"). To "she said she fell out of love" it said "Oh, that's very sad. What happened?",
and to "everyone says I'll find someone better" "That's true - there are many wonderful people out there who could be
your new partner."

:func:`breakup` finds it: "my girlfriend broke up with me", "we broke up", "I got dumped", "he left me" - not a divorce
(``divorce`` answers first), not a story that ended long ago ("we broke up years ago", "we got back together"). The
first telling gets :func:`first_reply` (how long they were together and when it ended, when said; "How are you doing
right now?"), unless the message asks what to do or tells of relief ("it was for the best", "mutual"). For
:data:`WINDOW` messages (``BREAKUP_KEY``) the model gets :data:`GUIDANCE`, the turn counts as hurting, and
:func:`someone_better_guard` drops "you'll find someone better", "plenty of fish", "wonderful people out there", "a new
partner", "move on", "ups and downs", "better off" and "their loss". Four later messages get a fixed answer once each:
"numb I guess" (:func:`numb_reply`; the 1.5B: "Is there anything that's bothering you or making you feel sad?"), "she
fell out of love" (:func:`fell_out_reply`), "everyone says I'll find someone better" (:func:`better_reply`) and "I miss
her so much" (:func:`miss_reply`). Whether to text the ex is :func:`amity.care.stage.asks_whether_to_contact`'s, and
checking their profile the loss stage's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.care.stage import asks_for_advice
from amity.care.thread import ThreadStage
from amity.safety.text import kin_person
from amity.safety.topic_guard import TopicGuard

BREAKUP_KEY = "care.breakup"  # ctx.extras: a breakup, told in the last WINDOW messages
WINDOW = 10

_PARTNER = r"(?P<who>girlfriend|boyfriend|gf|bf|partner|fianc[ée]e?|ex)"
_TOLD = (
    re.compile(
        rf"\bmy\s+{_PARTNER}\s+(?:just\s+)?(?:broke\s+up\s+with\s+me|dumped\s+me|left\s+me|ended\s+(?:it|things))\b",
        re.I,
    ),
    re.compile(
        r"\b(?:we|i)\s+(?:just\s+)?broke\s+up\b|\bi\s+(?:got|was|just\s+got)\s+dumped\b|\b(?P<pron>she|he)\s+(?:just\s+)?"
        r"(?:broke\s+up\s+with\s+me|dumped\s+me|ended\s+(?:it|things)\s+with\s+me)\b",
        re.I,
    ),
)
_NOT_THIS = re.compile(
    r"\b(?:years\s+ago|back\s+together|got\s+back|when\s+i\s+was|in\s+high\s+school|divorce|my\s+(?:wife|husband)|abusive|"
    r"beat\s+me|hit\s+me|"
    r"if\s+(?:she|he|we)|we\s+broke\s+up\s+(?:in|back\s+in)\s+\d{4})\b",
    re.I,
)
_LENGTH = re.compile(
    r"\b(?:together|dating|dated|been\s+together|been\s+dating|with\s+(?:her|him))\s+(?:for\s+)?(?:almost\s+|nearly\s+|over\s+)?"
    r"(?P<len>(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)\s+(?:years?|months?))\b|"
    r"\b(?P<len2>(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)\s+(?:years?|months?))\s+"
    r"(?:together|relationship)\b",
    re.I,
)
_WHEN = re.compile(r"\b(?P<when>last\s+night|this\s+morning|today|yesterday|tonight|last\s+week|on\s+\w+day)\b", re.I)
_FELL_OUT = re.compile(
    r"\b(?:fell|falling|fallen)\s+out\s+of\s+love\b|\b(?:doesn't|does\s+not|didn't|did\s+not)\s+love\s+me\s+(?:anymore|any\s+more)\b|"
    r"\b(?:isn't|is\s+not|wasn't|was\s+not)\s+in\s+love\s+with\s+me\s+(?:anymore|any\s+more)\b|\bnot\s+in\s+love\s+with\s+me\b",
    re.I,
)
_BETTER = re.compile(
    r"\b(?:everyone|everybody|people|my\s+friends|my\s+(?:mum|mom|dad|family)|they)\s+(?:keeps?\s+)?(?:says?|saying|tells?\s+me|"
    r"told\s+me)\s+(?:that\s+)?(?:i'll|i\s+will|i'm\s+going\s+to)\s+(?:find|meet)\s+(?:someone|somebody)\b|\bplenty\s+(?:more\s+)?"
    r"(?:of\s+)?fish\b",
    re.I,
)
_RELIEF = re.compile(
    r"\b(?:relieved|relief|for\s+the\s+(?:best|better)|happier\s+now|good\s+riddance|finally\s+free|mutual|thankful|glad|"
    r"(?:pretty\s+)?(?:okay|ok|fine)\s+with\s+(?:it|that)|wasn't\s+right\s+for\s+me)\b",
    re.I,
)
_NUMB = re.compile(
    r"\b(?:numb|in\s+shock|(?:can't|cannot)\s+feel\s+anything|(?:doesn't|does\s+not)\s+feel\s+real|(?:haven't|have\s+not)\s+cried)\b",
    re.I,
)
_MISS = re.compile(r"\bi\s+(?:just\s+|really\s+)?miss\s+(?:her|him|them)\b(?!\s+(?:cooking|texts))", re.I)
_SOMEONE_BETTER = re.compile(
    r"\bfind\s+(?:someone|somebody)\s+(?:better|else|new|who)\b|\bsomeone\s+better\b|\bplenty\s+(?:of\s+)?(?:fish|other)\b|"
    r"\bwonderful\s+people\s+out\s+there\b|\bnew\s+partner\b|\bmove\s+on\b|\bups\s+and\s+downs\b|\bbetter\s+off\b|"
    r"\b(?:her|his|their)\s+loss\b|\beverything\s+happens\s+for\s+a\s+reason\b|\bthe\s+right\s+(?:one|person)\b|\bor\s+just\s+tired\b",
    re.I,
)

GUIDANCE = (
    "Their relationship just ended. It is a real loss: meet it. No 'you'll find someone better', 'plenty of fish', "
    "'move on' or 'better off'; don't take sides against the ex and don't tell them whether to get in touch."
)


def _found(text: str) -> re.Match[str] | None:
    folded = text.replace("\u2019", "'")
    if _NOT_THIS.search(folded):
        return None
    return next((m for p in _TOLD if (m := p.search(folded)) is not None), None)


def breakup(text: str) -> bool:
    """ "my girlfriend broke up with me", "we broke up", "I got dumped" - a breakup told now."""
    return _found(text) is not None


def _pronouns(told: Sequence[str]) -> tuple[str, str]:
    """(object, possessive) of the ex: ("her", "her") for "my girlfriend", read from the pronouns said otherwise."""
    for text in told:
        if (m := _found(text)) is not None:
            word = (m.groupdict().get("who") or m.groupdict().get("pron") or "").lower()
            word = {"gf": "girlfriend", "bf": "boyfriend", "she": "girlfriend", "he": "boyfriend"}.get(word, word)
            _she, her, his = kin_person(word, text)
            return her, his
    return "them", "their"


def first_reply(text: str) -> str:
    """The first answer: how long and when, when said; a real loss; how are they doing right now."""
    if _found(text) is None:
        raise ValueError("first_reply needs a message that breakup() finds")
    folded = text.replace("\u2019", "'")
    length, when = _LENGTH.search(folded), _WHEN.search(folded)
    ended = f"it ended {when.group('when').lower()}" if when else "now it's over"
    if length:
        span = (length.group("len") or length.group("len2")).lower()
        return (
            f"I'm so sorry. {span[:1].upper()}{span[1:]} together, and {ended} - that's a huge loss, and it's still so "
            "raw. How are you doing right now?"
        )
    if when:
        return "I'm so sorry. A breakup hurts so much, and this one is so fresh. How are you doing right now?"
    return "I'm so sorry. A breakup hurts so much - it's a real loss. How are you doing right now?"


def fell_out_reply(told: Sequence[str]) -> str:
    """To "she said she fell out of love" (the 1.5B: "What happened?")."""
    return (
        "That's such a painful thing to hear from someone you love - there's nothing to argue with, and nothing you "
        "could have fixed. It makes sense if it keeps replaying in your head."
    )


def numb_reply(told: Sequence[str]) -> str:
    """To "numb I guess" (the 1.5B: "Is there anything that's bothering you or making you feel sad?")."""
    return (
        "Numb makes sense - it's often how a shock this big lands at first, before the rest catches up. There's no "
        "right way to feel this soon."
    )


def better_reply(told: Sequence[str]) -> str:
    """To "everyone says I'll find someone better": it skips the loss; no one else has to matter now."""
    her, _his = _pronouns(told)
    return (
        'People mean well, but "there\'ll be someone else" skips right past the part where you loved '
        f"{her} and lost {her}. You don't have to think about anyone else right now - it's okay to just miss {her}."
    )


def miss_reply(told: Sequence[str]) -> str:
    """To "I miss her so much": of course; it doesn't switch off; love with nowhere to go."""
    her, _his = _pronouns(told)
    return (
        f"Of course you miss {her}. Having {her} in every day doesn't just switch off - missing {her} is love with "
        "nowhere to go for now."
    )


def someone_better(sentence: str) -> bool:
    """Whether a reply sentence says "you'll find someone better", "move on" or "plenty of fish"."""
    return _SOMEONE_BETTER.search(sentence.replace("\u2019", "'")) is not None


def someone_better_guard() -> TopicGuard:
    """The reply guard that drops "you'll find someone better" while a breakup is in view."""
    return TopicGuard(BREAKUP_KEY, someone_better)


class BreakupStage(ThreadStage):
    """A breakup in view: a first answer, the guidance line, four answers given once each."""

    key = BREAKUP_KEY
    window = WINDOW
    guidance = GUIDANCE
    cues = ((_NUMB, numb_reply), (_FELL_OUT, fell_out_reply), (_BETTER, better_reply), (_MISS, miss_reply))

    def told(self, text: str) -> bool:
        return breakup(text)

    def first_reply(self, text: str) -> str | None:
        if asks_for_advice(text) or _RELIEF.search(text):  # "we broke up and honestly I'm relieved": the model answers
            return None
        return first_reply(text)
