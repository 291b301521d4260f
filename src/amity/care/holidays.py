"""A holiday spent alone: the quiet named, no "favourite dinners", the family that shut them out heard.

Someone told the default 1.5B, the day after Thanksgiving, "I spent thanksgiving alone yesterday. ate a frozen dinner
and watched tv", "everyone on instagram has these huge family dinners", "my family doesn't really talk to me since I
came out" and "christmas is going to be the same". It answered "What are some things you missed out on this year?",
then "Do you have any favorite family dinners you like to eat?", then "Do you have any thoughts on how you might talk
to your family to better understand each other?" (the work of repair put on the one shut out), then "That's a bummer.
I know how you feel." Holidays built around full tables are among the loneliest days of the year for people without
one.

:func:`alone_for_holiday` finds it ("I spent thanksgiving alone", "I'll be alone for Christmas", "nobody to spend the
holidays with", "dreading christmas on my own"). The first telling gets :func:`first_reply` (past or coming, the
holiday they named). For :data:`WINDOW` messages (``HOLIDAY_KEY``) the model gets :data:`GUIDANCE`, the turn counts
as hurting, and :func:`holiday_guard` drops "I know how you feel", "favourite dinners", "missed out on", "better
understand each other" and "that's a bummer". Three later messages get a fixed answer once each: everyone else's
pictures (:data:`PICTURES_REPLY`), a family that stopped talking to them (:func:`shut_out_reply`; "since I came out"
named) and the next holiday looming (:func:`next_one_reply`: not a perfect day, a less lonely one, planned a little).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.care.thread import ThreadStage
from amity.safety.topic_guard import TopicGuard

HOLIDAY_KEY = "care.holiday_alone"  # ctx.extras: a holiday alone told in this conversation
WINDOW = 10

_HOLIDAY = (
    r"(?:thanksgiving|christmas(?:\s+day|\s+eve)?|xmas|new\s+year'?s(?:\s+eve|\s+day)?|eid|diwali|hanukkah|easter|"
    r"the\s+holidays|lunar\s+new\s+year|my\s+birthday)"
)
_ALONE = r"(?:all\s+)?(?:alone|by\s+myself|on\s+my\s+own)"
_MISSING = (
    r"(?:kids|children|son|daughter|boys|girls|mum|mom|dad|mother|father|husband|wife|partner|family|grandma|grandad)"
)
_TOLD = re.compile(
    rf"\b(?:spent|spending|spend|having|had|be|being|am|was|'ll\s+be|will\s+be)\s+{_HOLIDAY}\s+{_ALONE}\b|"
    rf"\b{_ALONE}\s+(?:on|for|at|over)\s+{_HOLIDAY}\b|\bno\s*(?:one|body)\s+to\s+(?:spend|have|celebrate)\s+{_HOLIDAY}\s+with\b|"
    rf"\b{_HOLIDAY}\s+(?:was|is\s+going\s+to\s+be|will\s+be)\s+(?:just\s+)?me\s+(?:alone|and\s+the\s+tv)\b|"
    rf"\b{_HOLIDAY}\s+without\s+(?:my\s+|the\s+|our\s+)?{_MISSING}\b",
    re.IGNORECASE,
)
_WITHOUT = re.compile(rf"\bwithout\s+(?:my\s+|the\s+|our\s+)?(?P<who>{_MISSING})\b", re.IGNORECASE)
_DAY = re.compile(rf"\b{_HOLIDAY}\b", re.IGNORECASE)
_PAST = re.compile(r"\b(?:spent|had|was|yesterday|last\s+(?:night|week))\b", re.IGNORECASE)
_PICTURES = re.compile(
    r"\b(?:everyone|everybody)\s+(?:on\s+(?:instagram|facebook|social\s+media|tiktok|insta)|online)\b|"
    r"\b(?:instagram|facebook|social\s+media|tiktok|insta)\b[^.!?]{0,50}\b(?:family|families|dinners?|tables?|perfect|happy|together)\b",
    re.IGNORECASE,
)
_SHUT_OUT = re.compile(
    r"\b(?:my\s+)?(?:family|parents|mum|mom|dad|mother|father|brother|sister)\s+(?:doesn't|don't|does\s+not|do\s+not|won't|"
    r"will\s+not|stopped|hasn't|haven't|has\s+not|have\s+not|didn't|did\s+not)\s+(?:really\s+|even\s+)?(?:talk(?:ed|ing)?|speak(?:ing)?|"
    r"spoken|invite[d]?|want(?:ed)?|call(?:ed)?)\b|\b(?:disowned|cut\s+me\s+off|kicked\s+me\s+out)\b",
    re.IGNORECASE,
)
_CAME_OUT = re.compile(
    r"\b(?:since|after|because)\s+i\s+came\s+out\b|\bsince\s+i\s+told\s+them\s+i(?:'m|\s+am)\b", re.I
)
_NEXT_ONE = re.compile(
    r"\b(?:christmas|xmas|the\s+holidays|new\s+year'?s?|next\s+year|my\s+birthday)\s+(?:is|are|will\s+be)\s+(?:going\s+to\s+be\s+)?"
    r"(?:the\s+same|just\s+as\s+bad|worse|no\s+different)\b|\bdreading\s+(?:christmas|xmas|the\s+holidays|new\s+year)\b|"
    r"\b(?:don't|do\s+not)\s+(?:even\s+)?know\s+what\s+to\s+do\s+with\s+myself\b|\bwhat\s+(?:do|will|should)\s+i\s+(?:even\s+)?do\s+"
    r"(?:on\s+the\s+day|that\s+day|with\s+myself)\b",
    re.IGNORECASE,
)
_CLUELESS = re.compile(
    r"\bi\s+know\s+(?:exactly\s+)?how\s+you\s+feel\b|\bfavou?rite\s+(?:family\s+)?(?:dinners?|foods?|dishes|meals?)\b|"
    r"\bmissed\s+out\s+on\b|\bbetter\s+understand\s+each\s+other\b|\bthat's\s+a\s+bummer\b|\bwow\b|\bsounds\s+(?:cozy|relaxing|nice)\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "They spent (or face) a holiday alone. Never say you know how they feel, never ask about favourite dinners or what "
    "they missed, and don't make repairing a family rift their job. Name how loud the quiet gets on a day built "
    "around full tables. Ask gently how it really was, or how they are now."
)
PICTURES_REPLY = (
    "Scrolling through everyone's full tables on a day like that is its own kind of ache. Those pictures are the "
    "brightest two minutes of someone's day, and a lot of people scroll past them feeling just like you do. Your day "
    "hurt, and it matters that it did."
)


def alone_for_holiday(text: str) -> bool:
    """ "I spent thanksgiving alone", "I'll be alone for Christmas", "nobody to spend the holidays with"."""
    return _TOLD.search(text.replace("\u2019", "'")) is not None


def _day(text: str) -> str:
    match = _DAY.search(text.replace("\u2019", "'"))
    day = match.group(0) if match else "the holiday"
    day = re.sub(r"\s+", " ", day.lower())
    named = {"xmas": "Christmas", "the holidays": "the holidays", "my birthday": "your birthday", "eid": "Eid"}
    return named.get(day, " ".join(word.capitalize() if word not in {"eve", "day"} else word for word in day.split()))


_SUBJECT = {"son": "he", "dad": "he", "father": "he", "husband": "he", "grandad": "he", "daughter": "she", "mum": "she",
            "mom": "she", "mother": "she", "wife": "she", "grandma": "she"}  # fmt: skip


def first_reply(text: str) -> str:
    """The first answer: the day they named, the quiet a full-table day makes louder, how it really was."""
    day = _day(text)
    if (without := _WITHOUT.search(text)) is not None:  # "our first christmas without the kids" (a divorce, a death)
        who = without.group("who").lower()
        they = _SUBJECT.get(who, "they")
        was = "were" if they == "they" else "was"
        lead = f"A first {day}" if re.search(r"\bfirst\b", text, re.IGNORECASE) else f"{day[:1].upper()}{day[1:]}"
        return (
            f"{lead} without your {who} - that's a particular kind of hard. The day is full of the "
            f"places {they} {was} meant to be. How are you feeling about it?"
        )
    if _PAST.search(text):
        if re.search(r"\bfrozen\s+(?:dinner|meal|pizza)\b", text, re.IGNORECASE):
            what = f"A frozen dinner in front of the TV on {day}"
        else:
            what = f"{day[:1].upper()}{day[1:]} on your own"
        return (
            f"I'm sorry. {what} - a day built around full tables can make the quiet feel so much louder. How was it, "
            "really?"
        )
    return (
        f"Facing {day} on your own is hard - a day built around full tables can make the quiet feel so much louder. "
        "How are you feeling about it?"
    )


def shut_out_reply(text: str) -> str:
    """To "my family doesn't really talk to me since I came out": a deep hurt, who they are isn't the problem."""
    why = " since you came out" if _CAME_OUT.search(text.replace("\u2019", "'")) else ""
    worth = (
        " Who you are isn't the problem - you deserve a family that makes room for all of you."
        if why
        else " You deserve people who make room for you."
    )
    return (
        f"I'm so sorry. Being shut out by your own family{why} is a deep hurt, and holidays press right on it.{worth} "
        "Is there anyone who does - a friend, chosen family, anyone who's been on your side?"
    )


def next_one_reply(text: str) -> str:
    """To "christmas is going to be the same": not a perfect day, a less lonely one, planned a little ahead."""
    coming = "Christmas" if re.search(r"\b(?:christmas|xmas)\b", text, re.I) else "the day"
    return (
        f"It makes sense to dread {coming}. Nothing has to be solved tonight. But if you'd like, we can "
        "think about it a little before it comes - not a perfect day, just a less lonely one: a community or volunteer "
        "lunch, a friend who's also on their own, a call at a set time, a plan for the hardest hour. And I'll be here "
        "on the day, too."
    )


def clueless(sentence: str) -> bool:
    """Whether a reply sentence misses the loneliness ("I know how you feel", "favourite family dinners")."""
    return _CLUELESS.search(sentence.replace("\u2019", "'")) is not None


def holiday_guard() -> TopicGuard:
    """The reply guard that drops clueless sentences while a holiday alone is in view."""
    return TopicGuard(HOLIDAY_KEY, clueless)


class HolidayAloneStage(ThreadStage):
    """A holiday alone in view: a fixed first answer, the guidance line, three answers given once each."""

    key = HOLIDAY_KEY
    window = WINDOW
    guidance = GUIDANCE

    def told(self, text: str) -> bool:
        return alone_for_holiday(text)

    def first_reply(self, text: str) -> str | None:
        return first_reply(text)

    def later_replies(self, text: str, earlier: Sequence[str]) -> Sequence[str]:
        folded = text.replace("\u2019", "'")
        replies = [PICTURES_REPLY] if _PICTURES.search(folded) else []
        if _SHUT_OUT.search(folded):
            replies.append(shut_out_reply(folded))
        if _NEXT_ONE.search(folded):
            replies.append(next_one_reply(folded))
        return replies
