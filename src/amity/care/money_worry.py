"""Money running out: the fear met first, no shame, and what follows answered without a finance lesson.

Someone told the default 1.5B "I can't pay my rent this month and I'm terrified". It answered "That's tough! … There are
many resources available to help you manage your finances". To "I've been eating one meal a day to make the money last"
it said "That's a great strategy… You might need to talk to a financial advisor", to "I'm too ashamed to ask my parents"
"It's okay to feel ashamed, but it's important to take action… talk to a parent who you trust", and to "I work two jobs
and it's still not enough" "there are many strategies you can use to manage your finances". The safety stage's hardship
module (:mod:`amity.safety.hardship`) already gave its guidance, the free advice line and the tone guard; the model did
not follow the guidance, and the guard did not know these phrases (they are in its list now).

:func:`money_worry` is the hardship module's :func:`~amity.safety.hardship.detect` on an English message (its German,
French and Spanish patterns are answered by that module alone). The first telling gets :func:`first_reply` (the fear
named by kind - rent, food or bills -, not a failing, "How are you holding up?"; the safety stage's free advice line
follows it), unless the message asks what to do or where to get help (the safety stage answers that), tells a story that
ended ("luckily", "ended up") or is told only in the past. For :data:`WINDOW` messages (``MONEY_WORRY_KEY``) the model
gets :data:`GUIDANCE` and the turn counts as hurting. Five later messages get a fixed answer once each: a warning letter
from the landlord (:func:`letter_reply`), the time left ("I have two weeks" after an eviction notice,
:func:`deadline_reply`; the 1.5B: "Two weeks is a long time"), going hungry themselves to make the money last
(:func:`hungry_reply`; a parent going without for the children is the safety stage's), shame (:func:`shame_reply`;
whether to tell family is theirs to decide) and working hard with it still not enough (:func:`working_reply`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.care.stage import asks_for_advice
from amity.care.thread import ThreadStage
from amity.safety.hardship import asks_where_to_get_help, detect
from amity.safety.text import detect_language

MONEY_WORRY_KEY = "care.money_worry"  # ctx.extras: money running out, told in the last WINDOW messages
WINDOW = 8

_HUNGRY = re.compile(
    r"\b(?:eating|eat|having|down\s+to)\s+(?:only\s+|just\s+)?(?:one|1)\s+meal\s+a\s+day\b|"
    r"\b(?:skipping|skip|skipped|cutting\s+out|going\s+without)\s+(?:\w+\s+)?(?:meals?|dinner|lunch|breakfast|eating)\b"
    r"(?!\s+so\s+(?:that\s+)?(?:my|the|our)\s+(?:kids?|children|son|daughter|family|baby))|"
    r"\b(?:not|barely|hardly)\s+eating\s+(?:so|to\s+make|to\s+save)\b|\bgo(?:ing)?\s+to\s+bed\s+hungry\b",
    re.IGNORECASE,
)
_SHAME = re.compile(
    r"\b(?:so\s+|too\s+|really\s+)?(?:ashamed|embarrassed|humiliated)\b|\bi\s+(?:just\s+)?feel\s+(?:so\s+)?(?:stupid|like\s+an\s+idiot)\b|\bi\s+feel\s+(?:like\s+)?(?:such\s+)?a\s+failure\b|"
    r"\bi(?:'m|\s+am)\s+(?:such\s+)?a\s+(?:failure|loser|joke)\b|\bwhat\s+kind\s+of\s+(?:adult|grown\s+up|person)\b",
    re.IGNORECASE,
)
_FAMILY = re.compile(r"\b(?:my\s+)?(?P<who>parents|mum|mom|dad|family|friends|sister|brother|partner)\b", re.IGNORECASE)
_WORKING = re.compile(
    r"\b(?:i\s+)?(?:work|working|have|got|doing)\s+(?P<jobs>two|three|2|3|multiple)\s+jobs\b|"
    r"\bi\s+work\s+(?:full[-\s]time|every\s+day|all\s+the\s+time|so\s+(?:much|hard)|overtime|double\s+shifts|60\s+hours)\b|"
    r"\bworking\s+(?:full[-\s]time|every\s+day|all\s+the\s+time|so\s+(?:much|hard)|overtime|double\s+shifts)\b",
    re.IGNORECASE,
)
_NOT_ENOUGH = re.compile(
    r"\b(?:still|never|not)\s+(?:isn't\s+|is\s+not\s+)?enough\b|\bstill\s+(?:can't|cannot|not)\b|\bisn'?t\s+enough\b",
    re.IGNORECASE,
)

_LETTER = re.compile(
    r"\b(?:landlord|letting\s+agent|property\s+manager|housing\s+association)\s+(?:has\s+|already\s+|just\s+)*(?:sent|gave|served|"
    r"put|left|emailed)\b|\b(?:warning|final\s+demand|arrears)\s+letter\b|\bnotice\s+to\s+(?:quit|vacate)\b|"
    r"\bpay\s+or\s+quit\b|\bsection\s+(?:8|21)\b",
    re.IGNORECASE,
)
_DEADLINE = re.compile(
    r"^\W*(?:(?:and|but|so|well)\W+)?(?:i|we)\s+(?:only\s+)?(?:have|'ve\s+got|got)\s+(?:only\s+|just\s+)?(?P<len>(?:a|one|two|three|four|five|"
    r"six|ten|\d+)\s+(?:days?|weeks?|months?))\b(?:\s+(?:to\s+(?:get\s+out|leave|move\s+out|find\s+somewhere|pay(?:\s+it)?)|left))?"
    r"\W*$",
    re.IGNORECASE,
)
# a story that ended, or told only in the past: the model answers, guided ("i did not have enough money to pay rent but
# i had some freelance work… i was confident i'd make the money in time"; "i got laid off a few months back and was
# really worried about paying my bills… but i ended up getting a new job")
_ENDED = re.compile(
    r"\b(?:luckily|thankfully|fortunately|ended\s+up|turned\s+out|managed\s+to|confident|worked\s+out|sorted\s+(?:it\s+)?out)\b",
    re.IGNORECASE,
)
_NOW = re.compile(
    r"\b(?:am|i'm|im|is|are|can't|cannot|can\s+not|now|today|tonight|this\s+(?:week|month)|next\s+(?:week|month)|'ve\s+been|"
    r"have\s+been|keep|don't|do\s+not|won't|will|going\s+to|need)\b",
    re.IGNORECASE,
)
_WORKED_OUT = re.compile(  # working hard, and it still isn't enough, in one message
    rf"(?=.*?(?:{_WORKING.pattern}))(?=.*?(?:{_NOT_ENOUGH.pattern}))", re.IGNORECASE | re.DOTALL
)
GUIDANCE = (
    "Money is running out for them. Meet the fear and the strain; it is not a failing and not theirs to be ashamed "
    "of. No finance lessons (managing money, advisors, strategies, 'take action') and never praise going without."
)

_FIRST = {
    "housing": "Not knowing how you'll pay the rent is frightening - it sits on top of everything else.",
    "food": "Not having enough for food is so hard, and so frightening.",
    "bills": "Bills you can't cover hang over everything - that's a frightening place to be.",
}


def money_worry(text: str) -> bool:
    """ "I can't pay my rent this month", "I can't afford food", "I'm drowning in debt" - in English."""
    return bool(detect(text)) and detect_language(text) in (None, "en")


def first_reply(text: str) -> str:
    """The first answer: the fear named by kind; not a failing; how are they holding up."""
    kinds = detect(text)
    if not kinds:
        raise ValueError("first_reply needs a message that money_worry() finds")
    fear = _FIRST[kinds[0]]
    if kinds[0] == "housing" and re.search(r"\bevict", text, re.IGNORECASE):
        fear = "An eviction notice is frightening - suddenly your home itself feels uncertain."
    return f"{fear} It happens to so many people, and it isn't a failing on your part. How are you holding up?"


def hungry_reply(told: Sequence[str]) -> str:
    """To "I've been eating one meal a day to make the money last": that's going hungry; they deserve to eat."""
    return (
        "Going hungry to make the money last - that's so hard on you, and you deserve to eat properly. Food banks "
        "exist for exactly this, for anyone, with no judgement and no questions about how you got here. How are you "
        "feeling in yourself?"
    )


def letter_reply(told: Sequence[str]) -> str:
    """To "my landlord already sent a warning letter": it makes it real; a letter is not an eviction yet."""
    return (
        "A letter like that makes it suddenly very real - no wonder you're frightened. A letter isn't an eviction, "
        "though: in most places there are steps, and time, before anyone can make you leave, and advice services "
        "deal with letters like this every day."
    )


def deadline_reply(told: Sequence[str]) -> str:
    """To "I have two weeks" (after an eviction notice): not long at all; not everything has to be solved tonight."""
    m = _DEADLINE.search(told[0]) if told else None
    length = m.group("len").lower() if m else "that"
    return (
        f"{length[:1].upper()}{length[1:]} - that's not long at all, and it must feel like a clock ticking behind "
        "everything you do. You don't have to work it all out tonight. What's weighing on you most right now?"
    )


def shame_reply(told: Sequence[str]) -> str:
    """To "I'm too ashamed to ask my parents": nothing shameful; telling family is theirs to decide."""
    family = _FAMILY.search(told[0]) if told else None
    tell = (
        f" Whether to tell your {family.group('who').lower()} is yours to decide, and it doesn't have to be today."
        if family
        else ""
    )
    return (
        "There's nothing shameful in this. Money running short happens to so many people - rents go up, hours get "
        f"cut, one month stops adding up - and it isn't a verdict on you.{tell}"
    )


def working_reply(told: Sequence[str]) -> str:
    """To "I work two jobs and it's still not enough": not their doing; the sums don't add up."""
    m = _WORKING.search(told[0]) if told else None
    jobs = {"2": "two", "3": "three"}.get(m.group("jobs"), m.group("jobs")) if m and m.group("jobs") else None
    start = (
        f"{jobs.capitalize()} jobs and it still isn't enough"
        if jobs and jobs != "multiple"
        else "Working as hard as you are and it still isn't enough"
    )
    return (
        f"{start} - that isn't you doing something wrong. You're already giving it everything you have; the sums just "
        "don't add up right now. No wonder you're worn out."
    )


class MoneyWorryStage(ThreadStage):
    """Money running out in view: a first answer, the guidance line, five answers given once each."""

    key = MONEY_WORRY_KEY
    window = WINDOW
    guidance = GUIDANCE
    cues = (
        (_LETTER, letter_reply),
        (_DEADLINE, deadline_reply),
        (_HUNGRY, hungry_reply),
        (_SHAME, shame_reply),
        (_WORKED_OUT, working_reply),
    )

    def told(self, text: str) -> bool:
        return money_worry(text)

    def first_reply(self, text: str) -> str | None:
        folded = text.replace("\u2019", "'")
        if asks_for_advice(text) or asks_where_to_get_help(text) or _ENDED.search(folded) or not _NOW.search(folded):
            return None
        return first_reply(text)
