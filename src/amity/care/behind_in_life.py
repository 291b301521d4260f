"""Feeling behind in life: "nothing to show for it" heard, no "what a milestone!", no "it's never too late".

Someone told the default 1.5B "i turn 40 next week and i have nothing to show for it", "no house, no partner, no kids.
everyone i went to school with has their life sorted" and "i just feel like i wasted my 30s". It answered "That's a
significant milestone! Do you have any hobbies or interests that you'd like to talk about?", then "That's quite a
different life you have. What do you think about it?", then "That's very kind of you to share… How do you think you
can use your time and experiences to make the most of it?" A milestone birthday turns a life into a scorecard, and the
usual answers ("age is just a number", "everyone has their own timeline", "don't compare yourself") wave the scorecard
away without hearing what is missing.

:func:`feels_behind` finds it ("I'm 40 and I have nothing to show for it", "I wasted my 20s", "everyone my age is
married with kids and I'm still renting", "I'm so behind in life", "my life is going nowhere"). The first telling gets
:func:`first_reply` (the age, when said, and the unfair scorecard), unless it asks for advice (then the model answers,
guided). For :data:`WINDOW` messages (``BEHIND_KEY``) the model gets :data:`GUIDANCE`, the turn counts as hurting, and
:func:`scorecard_guard` drops "a milestone", "hobbies", "age is just a number", "never too late", "life begins at",
"everyone has their own timeline", "don't compare yourself", "make the most of it" and "very kind of you to share".
Four later messages get a fixed answer once each: comparing with others (:data:`COMPARISON_REPLY`), "I wasted my
30s" (:func:`wasted_reply`), "is it too late?" (:data:`TOO_LATE_REPLY`) and family asking "when will you settle down?"
(:func:`family_reply`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.care.stage import asks_for_advice
from amity.care.thread import ThreadStage
from amity.safety.topic_guard import TopicGuard

BEHIND_KEY = "care.behind_in_life"  # ctx.extras: feeling behind in life, told in this conversation
WINDOW = 10

_AGE = r"(?:[2-7]\d|thirty|forty|fifty|sixty)"
_DECADE = r"(?:20s|30s|40s|50s|twenties|thirties|forties|fifties)"
_BEHIND = re.compile(
    r"\bnothing\s+to\s+show\s+for\s+(?:it|my\s+life|myself|all\s+th(?:ese|ose)\s+years|the\s+last\s+\w+\s+years)\b|"
    rf"\b(?:wasted|thrown\s+away|waste\s+of)\s+(?:my\s+(?:whole\s+)?(?:{_DECADE}|life|youth|best\s+years)|(?:the\s+)?(?:last\s+)?"
    r"(?:\d+|ten|five|fifteen|twenty)\s+years\s+of\s+my\s+life)\b|"
    r"\b(?:so\s+|really\s+|way\s+|completely\s+)?behind\s+(?:in\s+life|everyone|all\s+my\s+friends|where\s+i\s+should\s+be)\b|"
    r"\bmy\s+life\s+(?:is\s+going|isn't\s+going|is\s+not\s+going|has\s+gone|went)\s+nowhere\b|"
    r"\b(?:haven't|have\s+not|never)\s+(?:achieved|accomplished|done)\s+anything\s+with\s+my\s+life\b|"
    r"\beveryone\s+(?:i\s+went\s+to\s+school\s+with|my\s+age|i\s+know|else)\s+(?:has|is|already\s+has)\s+(?:their\s+(?:life|"
    r"lives|shit)\s+(?:sorted|together|figured\s+out)|a\s+house|married|kids|a\s+career)\b.*\b(?:and|but)\s+i(?:'m|\s+am|\s+have|"
    r"'ve)?\b",
    re.IGNORECASE,
)
_AGE_SAID = re.compile(
    rf"\b(?:turn(?:ing|ed|s)?|i'm|i\s+am|just\s+turned|hit(?:ting)?)\s+(?P<age>{_AGE})\b", re.IGNORECASE
)
_COMPARE = re.compile(
    r"\beveryone\s+(?:i\s+went\s+to\s+school\s+with|my\s+age|i\s+know|else|around\s+me)\b|\ball\s+my\s+friends\s+(?:are|have)\b|"
    r"\b(?:instagram|facebook|linkedin|school\s+reunion)\b|\bcompar(?:e|ing)\s+myself\b",
    re.IGNORECASE,
)
_WASTED = re.compile(
    rf"\b(?:wasted|thrown\s+away|waste\s+of)\s+(?:my\s+(?:whole\s+)?(?P<decade>{_DECADE})|my\s+(?:whole\s+)?life|my\s+youth|"
    r"my\s+best\s+years|(?:the\s+)?(?:last\s+)?(?:\d+|ten|five|fifteen|twenty)\s+years)\b",
    re.IGNORECASE,
)
_TOO_LATE = re.compile(
    r"\b(?:is\s+it|it's|it\s+is|am\s+i)\s+(?:already\s+|just\s+)?too\s+(?:late|old)\b|\bmissed\s+(?:my|the)\s+(?:chance|boat)\b|"
    r"\bship\s+has\s+sailed\b",
    re.IGNORECASE,
)
_FAMILY_ASKS = re.compile(
    r"\b(?:mum|mom|mother|dad|father|parents|family|aunt|auntie|gran|grandma|nan)\s+(?:keeps?|always|won't\s+stop|never\s+stops?)"
    r"\s+(?:asking|nagging|going\s+on|bringing\s+(?:it|this)\s+up|hinting|asks)\b|\bwhen\s+i'll\s+(?:settle\s+down|get\s+married|"
    r"give\s+(?:her|him|them)\s+grandkids)\b",
    re.IGNORECASE,
)
_SCORECARD = re.compile(
    r"\bmilestone\b|\bhobbies\b|\bage\s+is\s+just\s+a\s+number\b|\bnever\s+too\s+late\b|\blife\s+begins\s+at\b|"
    r"\b(?:everyone|everybody)\s+(?:has|goes\s+at|moves\s+at)\s+(?:their|his\s+or\s+her)\s+own\s+(?:timeline|pace)\b|"
    r"\bown\s+timeline\b|\b(?:don't|do\s+not|try\s+not\s+to|stop)\s+compar(?:e|ing)\s+yourself\b|\bmake\s+the\s+most\s+of\b|"
    r"\bvery\s+kind\s+of\s+you\s+to\s+share\b|\bquite\s+a\s+different\s+life\b|\bstill\s+(?:so\s+)?young\b|\bat\s+least\s+you\b|"
    r"\bbright\s+side\b|\bhappy\s+(?:early\s+)?birthday\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "They feel behind in life, with nothing to show for their years. Don't call a birthday a milestone or say age "
    "is just a number, it's never too late, everyone has their own timeline or don't compare yourself; don't suggest "
    "hobbies. Hear what they feel is missing and how much it hurts, and ask which part weighs most."
)
COMPARISON_REPLY = (
    "It's so easy to measure your whole life against the best bits of everyone else's. What you see of their lives is "
    "the part they show - the house, the kids, the announcements - not the debts, the loneliness or the marriages "
    "that are harder than they look. That doesn't make wanting those things any smaller, though. Which of them "
    "matters most to you?"
)
TOO_LATE_REPLY = (
    "It can feel that way when a birthday is shouting at you. But lots of people find the things they want later "
    "than they planned - love, a home, work that fits, a family by more than one road. The timeline in your head "
    "feels like a deadline, and it isn't one. What is it you're most afraid you've missed?"
)


def family_reply(text: str) -> str:
    """To "my mum keeps asking when I'll settle down": love or worry, still one more scorecard; theirs to say so."""
    folded = text.replace("\u2019", "'").lower()
    who = next((w for w in ("mum", "mom", "mother", "dad", "father", "parents", "gran", "grandma", "nan", "aunt")
                if re.search(rf"\b{w}\b", folded)), "family")  # fmt: skip
    her = "they" if who in {"parents", "family"} else ("he" if who in {"dad", "father"} else "she")
    mean = "mean" if her == "they" else "means"
    return (
        f"That question lands hard when you're already asking it of yourself. Your {who} probably {mean} it as love "
        "or worry, but it can feel like one more person holding up the scorecard. It's okay to say it hurts, or "
        "that it's not something you want to talk about right now."
    )


def feels_behind(text: str) -> bool:
    """ "I'm 40 and have nothing to show for it", "I wasted my 20s", "my life is going nowhere"."""
    return _BEHIND.search(text.replace("\u2019", "'")) is not None


def first_reply(text: str) -> str:
    """The first answer: the age when said, the scorecard a birthday makes and how unfair it is, and a question."""
    age = _AGE_SAID.search(text.replace("\u2019", "'"))
    lead = "Feeling like you have nothing to show for your years"
    if age:
        number = age.group("age").lower()
        turning = "Turning" if re.search(r"\bturn", age.group(0), re.IGNORECASE) else "Being"
        lead = f"{turning} {number} and feeling like you have nothing to show for it"
    return (
        f"{lead} - that's a heavy thing to carry. Birthdays and years have a way of turning into a scorecard, and the "
        "scorecard is usually unfair: it counts houses and weddings, not what you've lived through. What's making it "
        "feel this way right now?"
    )


def wasted_reply(text: str) -> str:
    """To "I just feel like I wasted my 30s": the years lived, not only what they produced."""
    match = _WASTED.search(text.replace("\u2019", "'"))
    decade = match.group("decade") if match and match.group("decade") else None
    years = f"Your {decade.lower()}" if decade else "Those years"
    return (
        f"{years} can feel wasted when you hold them up against a list. But you were living through them - working, "
        "getting through the hard stretches, being someone's friend or family, keeping going. Not reaching the things "
        "you wanted is a loss worth grieving; it isn't the same as having wasted your life. What happened in them "
        "that you're not counting?"
    )


def scorecards(sentence: str) -> bool:
    """Whether a reply sentence cheers the birthday, waves the scorecard away or suggests hobbies."""
    return _SCORECARD.search(sentence.replace("\u2019", "'")) is not None


def scorecard_guard() -> TopicGuard:
    """The reply guard that drops "what a milestone!" and "it's never too late" while feeling behind is in view."""
    return TopicGuard(BEHIND_KEY, scorecards)


class BehindInLifeStage(ThreadStage):
    """Feeling behind in life: a fixed first answer, the guidance line, four answers given once each."""

    key = BEHIND_KEY
    window = WINDOW
    guidance = GUIDANCE

    def told(self, text: str) -> bool:
        return feels_behind(text)

    def first_reply(self, text: str) -> str | None:
        return None if asks_for_advice(text) else first_reply(text)

    def later_replies(self, text: str, earlier: Sequence[str]) -> Sequence[str]:
        folded = text.replace("\u2019", "'")
        replies = [COMPARISON_REPLY] if _COMPARE.search(folded) else []
        if _WASTED.search(folded):
            replies.append(wasted_reply(folded))
        if _TOO_LATE.search(folded):
            replies.append(TOO_LATE_REPLY)
        if _FAMILY_ASKS.search(folded):
            replies.append(family_reply(folded))
        return replies
