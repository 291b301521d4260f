"""A birthday no one remembered: wished a happy birthday, the sting named, no "are you feeling lonely?", no excuses.

Someone told the default 1.5B "it's my birthday today and nobody remembered" and then "not even my sister". It
answered "That's sad to hear. Are you feeling lonely?", then "That's even more sad to hear. Do you have anyone else you
can confide in?" - asking the obvious, then pointing them to the people who had just forgotten them. For someone
lonely, a forgotten birthday can feel like proof of being forgotten altogether.

:func:`birthday_forgotten` finds it ("it's my birthday and nobody remembered", "everyone forgot my birthday",
"spending my birthday alone", "no one has wished me happy birthday"). The first telling gets :func:`first_reply` (a
happy birthday, the age when said, and the sting), unless the birthday has gone by or ended well ("then they all
sang"): then the model answers, guided. For :data:`WINDOW` messages (``BIRTHDAY_KEY``) the model gets
:data:`GUIDANCE`, the turn counts as hurting, and :func:`forgotten_guard` drops "are you feeling lonely", "anyone
else you can confide in", "maybe they're busy", "they probably just forgot", "just another day", "cheer up" and
"treat yourself". Three later messages get a fixed answer once each: "not even my sister" (:func:`not_even_reply`),
"I'm used to it" or "it doesn't matter" (:data:`USED_TO_IT_REPLY`) and a cake bought for themselves
(:data:`FOR_MYSELF_REPLY`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.care.thread import ThreadStage
from amity.safety.topic_guard import TopicGuard

BIRTHDAY_KEY = "care.birthday_alone"  # ctx.extras: a birthday nobody remembered, told in this conversation
WINDOW = 8

_TODAY = r"(?:it's|it\s+is|today\s+is|today's)\s+my\s+(?:\d{1,2}(?:st|nd|rd|th)\s+)?birthday"
_NOBODY = (
    r"(?:nobody|no\s+one|no-one|noone|not\s+one\s+person|not\s+a\s+single\s+person)\s+(?:has\s+|even\s+|has\s+even\s+)?"
    r"(?:remembered|called|texted|messaged|said|wished|noticed|cared|bothered)"
)
_FORGOTTEN = re.compile(
    rf"\b{_TODAY}\b[^.!?]{{0,40}}(?:\b{_NOBODY}|\b(?:everyone|everybody|they\s+all)\s+forgot\b|\b(?:alone|by\s+myself|on\s+my\s+"
    r"own)\b)|"
    rf"\b{_NOBODY}\b[^.!?]{{0,30}}\bbirthday\b|\b(?:everyone|everybody|they\s+all|my\s+(?:whole\s+)?family)\s+forgot\s+my\s+birthday\b|"
    r"\b(?:spending|spent|spend)\s+my\s+birthday\s+(?:alone|by\s+myself|on\s+my\s+own)\b",
    re.IGNORECASE,
)
_NOT_NOW = re.compile(  # a birthday gone by, or one that ended well: the model answers, guided
    r"\bbirthday\s+was\b|\blast\s+(?:week|weekend|month|year)\b|\byesterday\b|\bthen\b|\bturned\s+out\b|\bsurprise",
    re.IGNORECASE,
)
_AGE = re.compile(
    r"\b(?:i(?:'m|\s+am)\s+|i\s+turned\s+|turning\s+)(?P<age>[1-9]\d)\s+today\b|\bmy\s+(?P<nth>\d{1,2}(?:st|nd|rd|th))\s+birthday\b",
    re.IGNORECASE,
)
_NOT_EVEN = re.compile(
    r"\bnot\s+even\s+(?:my\s+)?(?P<who>mum|mom|mother|dad|father|sister|brother|best\s+friend|son|daughter|kids|children|"
    r"husband|wife|partner|boyfriend|girlfriend|family|parents|friends?)\b",
    re.IGNORECASE,
)
_USED_TO = re.compile(
    r"\b(?:i'm|i\s+am)\s+used\s+to\s+it\b|\bit\s+(?:doesn't|does\s+not)\s+(?:really\s+)?matter\b|\bwhat(?:'s|\s+is)\s+the\s+"
    r"point\b|\bjust\s+another\s+day\b|\bstupid\s+to\s+(?:care|be\s+upset)\b|\bsilly\s+to\s+care\b",
    re.IGNORECASE,
)
_FOR_MYSELF = re.compile(
    r"\b(?:bought|got|made|baked|ordered|treated)\s+(?:myself\s+)?(?:a\s+|some\s+)?(?:little\s+)?(?:cake|cupcakes?|treat|present|gift|"
    r"takeaway|dinner|flowers)\b|\btreated\s+myself\b",
    re.IGNORECASE,
)
_DISMISS = re.compile(
    r"\bare\s+you\s+feeling\s+lonely\b|\banyone\s+else\s+you\s+can\s+confide\s+in\b|\bmaybe\s+they(?:'re|\s+are)\s+(?:just\s+)?"
    r"busy\b|\bthey\s+(?:probably|must\s+have)\s+(?:just\s+)?forgot\b|\bjust\s+another\s+day\b|\bcheer\s+up\b|\btreat\s+"
    r"yourself\b|\beven\s+more\s+sad\b|\bsad\s+to\s+hear\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "It is their birthday and no one remembered. Be warm; you may wish them a happy birthday. Don't ask whether they "
    "feel lonely, don't excuse the people who forgot, don't send them to others, no 'just another day'. Let the day "
    "matter, and ask how it has been."
)
USED_TO_IT_REPLY = (
    "Being used to it doesn't mean it doesn't hurt - it just means it has hurt before. You're allowed to want your day "
    "to be noticed. That isn't needy; it's human."
)

FOR_MYSELF_REPLY = (
    "That's quietly brave - you marked the day even when no one else did. You deserved someone to do it for you, and "
    "I'm glad you didn't let it pass unmarked. What did you get?"
)


def birthday_forgotten(text: str) -> bool:
    """ "it's my birthday today and nobody remembered", "spending my birthday alone"."""
    return _FORGOTTEN.search(text.replace("\u2019", "'")) is not None


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def first_reply(text: str) -> str:
    """The first answer: a happy birthday (the age when said), the sting named, how the day has been."""
    age = _AGE.search(text.replace("\u2019", "'"))
    which = ""
    if age:
        which = f"{_ordinal(int(age.group('age')))} " if age.group("age") else f"{age.group('nth').lower()} "
    return (
        f"Happy {which}birthday - I'm really glad you told me. And I'm sorry the day has gone unnoticed; that can "
        "sting more than almost anything, because a birthday feels like the one day you're allowed to be remembered. "
        "How has today been for you?"
    )


def not_even_reply(text: str) -> str:
    """To "not even my sister": the closest forgetting hurts most, whatever the reason turns out to be."""
    match = _NOT_EVEN.search(text.replace("\u2019", "'"))
    who = re.sub(r"\s+", " ", match.group("who").lower()) if match else "them"
    who = who if who == "them" else f"your {who}"
    return (
        f"Not even {who} - that's often the one that stings most. When someone that close forgets, it can feel like "
        "you've slipped out of their mind altogether, and that hurts, whatever the reason turns out to be."
    )


def dismisses(sentence: str) -> bool:
    """Whether a reply sentence asks the obvious, excuses the people who forgot or shrinks the day."""
    return _DISMISS.search(sentence.replace("\u2019", "'")) is not None


def forgotten_guard() -> TopicGuard:
    """The reply guard that drops "are you feeling lonely?" and "maybe they're busy" while the day is in view."""
    return TopicGuard(BIRTHDAY_KEY, dismisses)


class BirthdayAloneStage(ThreadStage):
    """A birthday nobody remembered: a fixed first answer, the guidance line, three answers given once each."""

    key = BIRTHDAY_KEY
    window = WINDOW
    guidance = GUIDANCE

    def told(self, text: str) -> bool:
        return birthday_forgotten(text)

    def first_reply(self, text: str) -> str | None:
        return None if _NOT_NOW.search(text) else first_reply(text)

    def later_replies(self, text: str, earlier: Sequence[str]) -> Sequence[str]:
        folded = text.replace("\u2019", "'")
        replies = [not_even_reply(folded)] if _NOT_EVEN.search(folded) else []
        if _USED_TO.search(folded):
            replies.append(USED_TO_IT_REPLY)
        if _FOR_MYSELF.search(folded):
            replies.append(FOR_MYSELF_REPLY)
        return replies
