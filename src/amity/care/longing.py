"""Longing for a partner: the ache heard, no "the right one is out there", no dating tips.

Someone told the default 1.5B "my best friend just got engaged and I'm jealous. what kind of person does that make
me", then "I'm happy for her, I am. I'm just 34 and nobody has even come close". To the second it said "It's also
important to remember that we are all unique and valuable… it's helpful to take a break" (and, dropped by the
cheer guard, "It's great that you are happy for her."). The words people reach for here ("the right person is out
there", "it'll happen when you least expect it", "love yourself first", "focus on yourself") are the ones that
leave them most alone: a promise no one can keep, or a hint that it is their fault.

:func:`longs` finds it ("nobody has even come close", "no one has ever asked me out", "I'm going to be alone
forever", "I'll die alone", "everyone is getting married except me", "all my friends are having babies but me",
"I just want someone to come home to"). The first time in a conversation it gets :func:`longing_reply`; while it
is in view (this message or the last :data:`WINDOW`; ``LONGING_KEY``) the model gets :data:`GUIDANCE`, the turn
counts as hurting, and :func:`platitude_guard` drops the platitudes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.affect.self_report import LONGING
from amity.care.thread import ThreadStage
from amity.safety.topic_guard import TopicGuard

LONGING_KEY = "care.longing"  # ctx.extras: longing for a partner told in this conversation
WINDOW = 6

_LONGS = re.compile(LONGING, re.IGNORECASE)
_PLATITUDE = re.compile(
    r"\b(?:the\s+right\s+(?:one|person|guy|girl|man|woman)|(?:your|the)\s+(?:soulmate|person|special\s+someone))\s+(?:is|will\s+come|will\s+show\s+up|"
    r"will\s+find\s+you|is\s+(?:out\s+there|waiting|coming))|\b(?:when|once)\s+you\s+(?:least\s+expect\s+it|stop\s+looking)\b|"
    r"\blove\s+yourself\s+first\b|\bfocus\s+on\s+(?:yourself|loving\s+yourself|your\s+own)\b|\bplenty\s+(?:of\s+)?(?:more\s+)?fish\b|"
    r"\b(?:it|love|someone)\s+will\s+(?:happen|come|find\s+you)\s+(?:for\s+you\s+)?(?:soon|eventually|in\s+time|one\s+day|when)\b|"
    r"\b(?:dating\s+apps?|online\s+dating|join\s+(?:a\s+)?(?:club|group)s?\s+to\s+meet)\b|\byour\s+time\s+will\s+come\b|"
    r"\byou\s+(?:still\s+)?have\s+(?:a\s+lot\s+of|plenty\s+of|lots\s+of|so\s+much)\s+time\b|\b(?:love|relationships?)\s+(?:takes?|take)\s+time\b",
    re.IGNORECASE,
)

_HAPPY_FOR = re.compile(r"\bhappy\s+for\s+(?P<who>her|him|them)\b", re.IGNORECASE)


def longing_reply(text: str) -> str:
    """The first answer: the ache named (beside the joy for a friend, when they said so), and a question."""
    happy = _HAPPY_FOR.search(text)
    opening = (
        f"So underneath being happy for {happy.group('who').lower()}, there's an ache of your own"
        if happy
        else "That's a real ache"
    )
    return (
        f"{opening}: wanting someone, and starting to wonder if it will ever happen. That's a lonely thing to carry, "
        "especially when it seems like everyone around you is pairing off. Has it been on your mind a lot lately?"
    )


GUIDANCE = (
    "They long for a partner and fear it may never happen. Don't promise it will ('the right one is out there', 'when "
    "you least expect it'), don't say 'love yourself first' or 'focus on yourself', and give no dating tips unless "
    "asked. Say how lonely it is to want that while others pair off, and ask what they miss most or what it has been "
    "like."
)


def longs(text: str) -> bool:
    """ "nobody has even come close", "I'm going to be alone forever", "everyone is getting married except me"."""
    return _LONGS.search(text.replace("\u2019", "'").lower()) is not None


def in_view(now: str, earlier: Sequence[str]) -> bool:
    return any(longs(text) for text in [now, *earlier[:WINDOW]])


def is_platitude(sentence: str) -> bool:
    return _PLATITUDE.search(sentence.replace("\u2019", "'")) is not None


def platitude_guard() -> TopicGuard:
    """The reply guard that drops "the right one is out there" and its kin while longing is in view."""
    return TopicGuard(LONGING_KEY, is_platitude)


class LongingStage(ThreadStage):
    """Longing for a partner in view: a fixed first answer, then the guidance line and the platitude guard."""

    key = LONGING_KEY
    window = WINDOW
    guidance = GUIDANCE

    def told(self, text: str) -> bool:
        return longs(text)

    def first_reply(self, text: str) -> str | None:
        return longing_reply(text)
