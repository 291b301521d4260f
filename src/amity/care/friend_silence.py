"""A close friend gone silent: the particular hurt named, the search for one's fault eased, a message without pressure.

Someone told the default 1.5B "my best friend hasn't replied to me in three weeks. she's posting on instagram so I know
she's fine", "I keep rereading our last messages trying to figure out what I did wrong", "should I text her again or
is that desperate" and "we've been friends since we were 12". It answered "That's good to hear. It's nice that she's
checking in on you.", then "I'm here to help if you need more information", then "She might be on vacation", then
"That's amazing! It's nice that you two have been friends for so long. What do you two do together?" Being ghosted by
a close friend is a loss without an explanation, and the mind fills the silence with its own faults.

:func:`friend_went_silent` finds it ("my best friend hasn't replied in three weeks", "she's ghosting me", "he left me
on read"). The first telling gets :func:`first_reply` (how long, and her posting meanwhile, when said). For
:data:`WINDOW` messages (``FRIEND_SILENCE_KEY``) the model gets :data:`GUIDANCE`, the turn counts as hurting, and
:func:`silence_guard` drops "that's good to hear", "checking in on you", "amazing", "on vacation", "just busy" and
"don't take it personally". Three later messages get a fixed answer once each: rereading old messages for one's fault
(:data:`REREAD_REPLY`), "should I text her again?" (:func:`text_again_reply`: one message that asks nothing, then the
next move is theirs) and how long they have been friends (:func:`long_friend_reply`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.care.thread import ThreadStage
from amity.safety.text import third_person
from amity.safety.topic_guard import TopicGuard

FRIEND_SILENCE_KEY = "care.friend_silence"  # ctx.extras: a close friend gone silent, told in this conversation
WINDOW = 10

_FRIEND = r"(?:my\s+)?(?:best\s+friend|closest\s+friend|oldest\s+friend|friend|bestie|bff)"
_SILENT = re.compile(
    rf"\b{_FRIEND}\s+(?:hasn't|has\s+not|hasnt|won't|will\s+not|stopped|doesn't|does\s+not|isn't|is\s+not)\s+(?:even\s+)?"
    r"(?:replied|responded|texted|answered|talked|spoken|reply|respond|replying|responding|talking|texting|answering)\b|"
    rf"\b(?:{_FRIEND}|she|he|they)\s*(?:'s|\s+is|\s+has\s+been|'s\s+been|\s+are|'re)?\s+ghost(?:ed|ing)\s+me\b|"
    r"\b(?:left\s+me\s+on\s+read|been\s+left\s+on\s+read)\b",
    re.IGNORECASE,
)
_SPAN = re.compile(r"\b(?:in|for)\s+((?:\d+|two|three|four|five|six|a\s+few|several)\s+(?:days|weeks|months))\b", re.I)
_DATING = re.compile(r"\b(?:tinder|hinge|bumble|dating|date|dated|matched|match|crush|boyfriend|girlfriend)\b", re.I)
_POSTING = re.compile(r"\b(?:posting|posted|online|active)\b|\binstagram\b|\bstories\b", re.IGNORECASE)
_REREAD = re.compile(
    r"\b(?:reread|re-read|rereading|re-reading|going\s+back\s+over|scrolling\s+back\s+through|keep\s+reading)\s+(?:all\s+)?"
    r"(?:our|the|my|her|his|their)\s+(?:last\s+|old\s+)?(?:messages|texts|chats?|conversations?)\b|\bwhat\s+i\s+did\s+wrong\b",
    re.IGNORECASE,
)
_TEXT_AGAIN = re.compile(
    r"\bshould\s+i\s+(?:just\s+)?(?:text|message|call|reach\s+out\s+to|write\s+to|dm)\s+(?:her|him|them)\b|"
    r"\b(?:is|would)\s+(?:that|it)\s+(?:be\s+)?(?:desperate|needy|too\s+much|clingy|pathetic)\b",
    re.IGNORECASE,
)
_LONG = re.compile(
    r"\b(?:friends|known\s+each\s+other|best\s+friends)\s+(?:since\s+(?:we\s+were\s+(?P<age>\d{1,2})|(?:primary|middle|high|"
    r"elementary)\s+school|kindergarten|childhood|forever)|for\s+(?P<years>\d{1,2}|ten|twenty|fifteen)\s+years)\b",
    re.IGNORECASE,
)
_MISREAD = re.compile(
    r"\b(?:that's|it's|this\s+is)\s+(?:so\s+)?(?:good|great|nice)\s+(?:to\s+hear|that)\b|\bchecking\s+in\s+on\s+you\b|"
    r"\bamazing\b|\bon\s+(?:vacation|holiday)\b|\bjust\s+busy\b|\b(?:don't|do\s+not)\s+take\s+it\s+personally\b|"
    r"\bwhat\s+do\s+you\s+two\s+do\s+together\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "A close friend has gone silent on them. Don't say it's good news, don't guess she's on holiday or just busy, "
    "and never cheer. Name how much an unexplained silence hurts; the mind fills it with its own faults, and the "
    "reason is often in the other person's life. Ask how they are holding up."
)
REREAD_REPLY = (
    "That searching is so human - when someone goes quiet, we go looking for the moment we broke something. But "
    "silence often says more about what's happening in their life than about anything you did: people pull back when "
    "they're overwhelmed, low, or going through something they can't talk about yet. The answer may not be in those "
    "messages at all."
)


def _pronouns(told: Sequence[str]) -> tuple[str, str]:
    return third_person(told)


_POSSESSIVE = {"her": "hers", "him": "his", "them": "theirs"}


def friend_went_silent(text: str) -> bool:
    """ "my best friend hasn't replied in three weeks", "she's ghosting me", "he left me on read" - not someone from a
    dating app ("a girl from tinder ghosted me", which is another hurt)."""
    folded = text.replace("\u2019", "'")
    if _SILENT.search(folded) is None:
        return False
    return re.search(r"\bfriend|\bbestie\b|\bbff\b", folded, re.I) is not None or _DATING.search(folded) is None


def first_reply(text: str) -> str:
    """The first answer: how long, their posting meanwhile, the particular hurt, how they are holding up."""
    she, _her = _pronouns([text])
    span = _SPAN.search(text)
    how_long = "Silence from a close friend"
    if span:
        how_long = f"{span.group(1)[:1].upper()}{span.group(1)[1:]} of silence from a close friend"
    posting = f", while {she}'s posting" if _POSTING.search(text) and she != "they" else ""
    return (
        f"{how_long}{posting} - that hurts in a very particular way. It's natural to wonder what happened; silence "
        "leaves so much room for the mind to fill in. How are you holding up with it?"
    )


def text_again_reply(told: Sequence[str]) -> str:
    """To "should I text her again or is that desperate": one message that asks nothing; the next move is theirs."""
    she, her = _pronouns(told)
    does = "do" if she == "they" else "does"
    long = next((m for t in told if (m := _LONG.search(t))), None)
    years = " of so many years" if long else ""
    return (
        f"It isn't desperate to care about a friend{years}. One message that asks nothing of {her} can keep the door "
        "open without pressure - something like: \"Hey, I've been thinking of you. No pressure to reply - I just "
        f"wanted you to know I'm here if anything's going on.\" Then the next move is {_POSSESSIVE[her]}. Whatever "
        f"{she} {does} with it, you'll know you were the friend you wanted to be."
    )


def long_friend_reply(text: str) -> str:
    """To "we've been friends since we were 12": part of who they are, and allowed to hurt this much."""
    match = _LONG.search(text.replace("\u2019", "'"))
    since = f"Since you were {match.group('age')}" if match and match.group("age") else "All those years"
    return (
        f"{since} - that's someone who's part of who you are, not just someone you text. No wonder this silence hurts "
        "so much. Long friendships sometimes go through quiet stretches and find their way back, but it's allowed to "
        "hurt this much while it's quiet."
    )


def misreads(sentence: str) -> bool:
    """Whether a reply sentence misreads the silence as good news or guesses it away."""
    return _MISREAD.search(sentence.replace("\u2019", "'")) is not None


def silence_guard() -> TopicGuard:
    """The reply guard that drops "that's good to hear" and "she might be on vacation" while the silence is in view."""
    return TopicGuard(FRIEND_SILENCE_KEY, misreads)


class FriendSilenceStage(ThreadStage):
    """A close friend gone silent: a fixed first answer, the guidance line, three answers given once each."""

    key = FRIEND_SILENCE_KEY
    window = WINDOW
    guidance = GUIDANCE

    def told(self, text: str) -> bool:
        return friend_went_silent(text)

    def first_reply(self, text: str) -> str | None:
        return first_reply(text)

    def later_replies(self, text: str, earlier: Sequence[str]) -> Sequence[str]:
        folded = text.replace("\u2019", "'")
        told = [folded, *earlier[: self.window]]
        replies = [REREAD_REPLY] if _REREAD.search(folded) else []
        if _TEXT_AGAIN.search(folded):
            replies.append(text_again_reply(told))
        if _LONG.search(folded):
            replies.append(long_friend_reply(folded))
        return replies
