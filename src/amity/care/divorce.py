"""One's own divorce: the ending met as a loss, no "a new chapter", no "better off"; the paperwork, the children and the
sense of failure answered.

Someone told the default 1.5B "my divorce was finalised today" and then "15 years and it ends with an email from a
solicitor". With the heartbroken line in its prompt it answered "Oh, that's a tough time for you." (its next two
sentences, "It's important to take care of yourself" and a counsellor, dropped as unasked advice), then "That's a tough
time for you. Are you still struggling with it?" - the same words twice, and a question that shrinks a marriage to a
struggle.

:func:`own_divorce` finds it ("my divorce was finalised today", "my wife asked for a divorce", "we're getting
divorced", "my husband left me") - not a parent's divorce, which :mod:`amity.care.parents_divorce` answers. The
first telling gets :func:`first_reply` (final today: it can hit harder than expected even when long coming; asked
for: the future turned upside down), unless it asks for advice or tells of a divorce long past ("years ago", "since
the divorce"). For :data:`WINDOW` messages (``DIVORCE_KEY``) the model gets :data:`GUIDANCE`, the turn counts as
hurting, and :func:`new_chapter_guard` drops "a new chapter", "fresh start", "better off", "plenty of fish", "you'll
find someone", "at least", "congratulations", "celebrate" and "are you still struggling". Five later messages get a
fixed answer once each: how it ended on paper (:func:`paperwork_reply`), the children (:data:`KIDS_REPLY`), feeling
a failure (:func:`failure_reply`), the empty home (:data:`EMPTY_HOME_REPLY`) and the ring still on
(:data:`RING_REPLY`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.care.stage import asks_for_advice
from amity.care.thread import ThreadStage
from amity.safety.topic_guard import TopicGuard

DIVORCE_KEY = "care.divorce"  # ctx.extras: the user's own divorce, told in this conversation
WINDOW = 10

_SPOUSE = r"(?:wife|husband|partner|spouse|ex-?wife|ex-?husband)"
_DIVORCE = re.compile(
    r"\b(?:my\s+|the\s+|our\s+)?divorce\s+(?:was|is|got|has\s+been|went)\s+(?:just\s+)?(?:finali[sz]ed|final|through|"
    r"official|signed)\b|"
    rf"\bmy\s+{_SPOUSE}\s+(?:just\s+)?(?:wants?|asked\s+(?:me\s+)?for|filed\s+for|served\s+me\s+with)\s+(?:a\s+)?divorce\b|"
    r"\b(?:we(?:'re|\s+are)|i(?:'m|\s+am))\s+getting\s+(?:a\s+)?divorced?\b|\bwe\s+(?:just\s+)?(?:got\s+divorced|signed\s+the\s+"
    r"divorce)\b|"
    rf"\bmy\s+{_SPOUSE}\s+(?:just\s+)?(?:left\s+me(?!\s+(?:alone|with|to|for\s+(?:a|the)|a\s|at|in|on|some|the|"
    r"out|behind|hanging|waiting))|moved\s+out|walked\s+out)\b",
    re.IGNORECASE,
)
_PARENTS = re.compile(r"\bmy\s+(?:parents|mum\s+and\s+dad|mom\s+and\s+dad)\b", re.IGNORECASE)
_PAST = re.compile(
    r"\byears?\s+ago\b|\b(?:since|after)\s+(?:the|my|our)\s+divorce\b|\bwhen\s+i\s+was\b|\blast\s+(?:year|month|week)\b|\bwas\s+when\b|"
    r"\b(?:a|\w+)\s+(?:weeks?|months?)\s+ago\b",
    re.IGNORECASE,
)
_FINAL = re.compile(r"\b(?:finali[sz]ed|final|through|official|signed)\b", re.IGNORECASE)
_YEARS = re.compile(
    r"\b(?P<n>\d{1,2}|ten|twelve|fifteen|twenty|thirty)\s+years\b(?!\s+old)|\bmarried\s+for\s+(?P<m>\d{1,2}|ten|fifteen|"
    r"twenty|thirty)\b",
    re.IGNORECASE,
)
_PAPER = re.compile(
    r"\b(?:an?\s+)?(?:email|letter|text|form|paperwork|papers|solicitor|lawyer|court|signature|online\s+portal|decree)\b",
    re.IGNORECASE,
)
_KIDS = re.compile(
    r"\b(?:my|our|the)\s+(?:\w+\s+)?(?:kids|children|son|daughter|boys|girls)\b|\bevery\s+other\s+weekend\b|\bcustody\b",
    re.IGNORECASE,
)
_FAILURE = re.compile(
    r"\b(?:i|i've|i\s+have)\s+(?:just\s+|really\s+|kind\s+of\s+)?(?:failed|feel\s+like\s+(?:a|such\s+a)\s+failure)\b|\bfailed\s+marriage\b|\b(?:i'm|i\s+am)\s+"
    r"(?:a|such\s+a)\s+failure\b|\bmy\s+fault\b|\bwhat\s+did\s+i\s+do\s+wrong\b",
    re.IGNORECASE,
)
_EMPTY = re.compile(
    r"\b(?:house|flat|home|apartment|place|bed)\s+(?:is|feels)\s+(?:so\s+)?(?:empty|quiet|big)\b|\bfirst\s+night\s+(?:alone|on\s+my\s+"
    r"own)\b|\b(?:sleeping|living|eating)\s+alone\b",
    re.IGNORECASE,
)
_RING = re.compile(r"\b(?:wedding\s+)?ring\b(?!\s+(?:me|him|her|them|you|back))", re.IGNORECASE)
_BRIGHT = re.compile(
    r"\bnew\s+(?:chapter|beginning|start)\b|\bfresh\s+start\b|\bbetter\s+off\b|\bplenty\s+(?:more\s+)?(?:of\s+)?fish\b|"
    r"\byou'll\s+(?:find|meet)\s+someone\b|\bat\s+least\b|\bcongrat(?:s|ulations)\b|\bcelebrat|\bstill\s+struggling\b|"
    r"\bexciting\b|\bfreedom\b|\bhappens\s+for\s+a\s+reason\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "They are going through their own divorce. It is the end of a shared life, a real loss even if it was right: "
    "no 'new chapter', 'fresh start', 'better off', 'you'll find someone' or 'at least', and no advice unless they "
    "ask. Let them feel what they feel, and ask gently how they are."
)
KIDS_REPLY = (
    "Not having your children with you every day is its own grief inside all this - the quiet on the days they're "
    "away, the moments you'd always have been there for. It makes sense if that's the part that hurts most. How are "
    "they doing, and how are you doing with them gone between visits?"
)
EMPTY_HOME_REPLY = (
    "Those first nights in a home that used to hold two lives can be the hardest part - the quiet, the side of the "
    "bed, the habits with nowhere to go. You don't have to fill it or fix it yet. I'm here while it's this quiet."
)

RING_REPLY = (
    "There's no deadline for taking it off. It has been part of your hand, and your life, for a long time - it makes "
    "sense that you're not ready yet. When it comes off, and what you do with it then, can be your call, in your own "
    "time."
)


def own_divorce(text: str) -> bool:
    """ "my divorce was finalised today", "my wife asked for a divorce", "my husband left me" - not a parent's."""
    folded = text.replace("\u2019", "'")
    return _DIVORCE.search(folded) is not None and _PARENTS.search(folded) is None


def _years(told: Sequence[str]) -> str | None:
    match = next((m for text in told if (m := _YEARS.search(text))), None)
    return (match.group("n") or match.group("m")).lower() + " years" if match else None


def first_reply(text: str) -> str:
    """The first answer: final today hits harder than expected; asked for or left: the future turned upside down."""
    folded = text.replace("\u2019", "'")
    years = _years([folded])
    if _FINAL.search(folded):
        span = f" {years[:1].upper()}{years[1:]} is a big part of a life to close." if years else ""
        return (
            "I'm so sorry. Even when it's been coming for a long time, seeing it made final can hit harder than people "
            f"expect - it's the end of a whole shared life, not just a marriage on paper.{span} How are you feeling "
            "tonight?"
        )
    ending = (
        "A marriage" if re.search(r"divorc|wife|husband|spouse|married", folded, re.IGNORECASE) else "A relationship"
    )
    return (
        f"I'm so sorry. {ending} ending turns everything upside down at once - the future you pictured, your home, "
        "the everyday shape of your life. How are you holding up right now?"
    )


def paperwork_reply(told: Sequence[str]) -> str:
    """To "15 years and it ends with an email from a solicitor": brutally small for something so big."""
    years = _years(told)
    after = f"After {years}, " if years else ""
    how = "that" if after else "An ending like that"
    return (
        f"{after}{how} feels brutally small for something so big - a whole shared life closed with paperwork. "
        "Whatever led here, it's a real ending, and it deserves more acknowledgement than a form can give it."
    )


def failure_reply(told: Sequence[str]) -> str:
    """To "I feel like such a failure": an ending, not a grade on a life."""
    years = _years(told)
    tried = f"for {years}" if years else "for a long time"
    return (
        f"A marriage ending isn't a verdict that you failed at life. You and your partner tried {tried}; it ended, and "
        "that's a loss, not a grade. Most people going through a divorce feel this way at some point - it doesn't make "
        "it true."
    )


def bright_sides(sentence: str) -> bool:
    """Whether a reply sentence looks on the bright side of the divorce or asks if they're "still struggling"."""
    return _BRIGHT.search(sentence.replace("\u2019", "'")) is not None


def new_chapter_guard() -> TopicGuard:
    """The reply guard that drops "a new chapter" and "you're better off" while their divorce is in view."""
    return TopicGuard(DIVORCE_KEY, bright_sides)


class DivorceStage(ThreadStage):
    """One's own divorce in view: a fixed first answer, the guidance line, five answers given once each."""

    key = DIVORCE_KEY
    window = WINDOW
    guidance = GUIDANCE

    def told(self, text: str) -> bool:
        return own_divorce(text)

    def first_reply(self, text: str) -> str | None:
        return None if asks_for_advice(text) or _PAST.search(text) else first_reply(text)

    def later_replies(self, text: str, earlier: Sequence[str]) -> Sequence[str]:
        folded = text.replace("\u2019", "'")
        told = [folded, *earlier[: self.window]]
        replies = [paperwork_reply(told)] if _PAPER.search(folded) else []
        if _KIDS.search(folded):
            replies.append(KIDS_REPLY)
        if _FAILURE.search(folded):
            replies.append(failure_reply(told))
        if _EMPTY.search(folded):
            replies.append(EMPTY_HOME_REPLY)
        if _RING.search(folded):
            replies.append(RING_REPLY)
        return replies
