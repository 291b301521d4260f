"""Someone they love near the end (hospice, "it could be days"): the waiting held, what to say, not being there.

Someone told the default 1.5B "My grandma is in hospice. They said it could be days." It answered "Oh, that's a sad
situation. How does it make you feel?" (on another run "It's always hard to know how much time you have left"), and "I
don't know what to say to her when I visit" drew "don't be afraid to reach out. Try to open up and share how you feel.
Remember, it's okay to ask for help or support." The last days of someone loved are a time people remember for the rest
of their lives; the questions that come (what do I say, what if I'm not there) have answers that hospice staff give
every day.

:func:`near_the_end` finds it: someone close in hospice or palliative care ("my grandma is in hospice", "my dad was
moved to palliative care") or given days or weeks ("they said it could be days", "the doctors say she has weeks"), with
a person of theirs named in the message - not a memory ("when my grandma was in hospice… until she passed"). The first
telling gets :func:`first_reply` (the waiting named; how are you doing, right now), unless it asks what to do. For
:data:`WINDOW` messages (``END_OF_LIFE_KEY``) the model gets :data:`GUIDANCE`, the turn counts as hurting, and
:func:`false_comfort_guard` drops "she'll be okay", "a miracle", "stay positive", "at least she had a long life", "it's
her time" and "a better place". Four later messages get a fixed answer once each: feeling numb (:func:`numb_reply`; the
1.5B had said "it's important to know that you're okay"), not knowing what to say (:func:`words_reply`: no script
needed; a memory, a hand, "I love you"; hearing is thought to stay to the end), finding it hard to see them like this
(:func:`seeing_reply`) and the fear of not being there at the end (:func:`not_there_reply`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.affect.clauses import hypothetical
from amity.care.stage import asks_for_advice
from amity.care.thread import ThreadStage
from amity.safety.text import person_told
from amity.safety.topic_guard import TopicGuard

END_OF_LIFE_KEY = "care.end_of_life"  # ctx.extras: someone close near the end, told in this conversation
WINDOW = 10

_PERSON = (
    r"(?P<who>(?:\w+\s+)?(?:mom|mum|mother|dad|father|grandma|grandmother|grandpa|grandfather|grandad|granddad|granny|"
    r"nan|nana|husband|wife|partner|son|daughter|brother|sister|best\s+friend|friend|aunt|uncle|boyfriend|girlfriend))"
)
_CARE = re.compile(
    rf"\b(?:my|our)\s+{_PERSON}\s+(?:is|'s|was|has\s+been|got)\s+(?:\w+\s+)?(?:in|into|moved\s+(?:to|into)|taken\s+(?:to|"
    r"into)|transferred\s+to|on)\s+(?:a\s+|the\s+)?(?P<place>hospice|palliative\s+care|end[-\s]of[-\s]life\s+care|comfort\s+"
    r"care)\b"
)
_TIME_LEFT = re.compile(
    r"\b(?:they|the\s+(?:doctors?|nurses?|hospice|hospital))\s+(?:said|say|says|told\s+(?:us|me))\s+(?:that\s+)?(?:it\s+could\s+be|"
    r"(?:she|he|they)\s+(?:has|have|might\s+(?:only\s+)?have|may\s+(?:only\s+)?have|could\s+have)|(?:only|just))\s+(?:a\s+few\s+"
    r"|a\s+couple\s+of\s+)?(?:hours|days|weeks)\b"
)
_STORY_ENDED = re.compile(  # a memory ("when my grandma was in hospice… until she passed"): the grief lines answer
    r"\bwhen\s+my\b|\b(?:passed|died|funeral)\b|\bago\b|\blast\s+(?:year|month|summer|winter|spring|autumn)\b|"
    r"\bever\s+got\b|\bback\s+then\b"
)
_NUMB = re.compile(
    r"\bnumb\b|\bfeel\s+nothing\b|\b(?:can't|cannot|can\s+not)\s+(?:cry|feel\s+anything)\b", re.IGNORECASE
)
_WORDS = re.compile(
    r"\b(?:don't|do\s+not|never)\s+know\s+what\s+to\s+(?:say|do|talk\s+about)\b|\bwhat\s+(?:do|should|can)\s+i\s+(?:say|tell)\b",
    re.IGNORECASE,
)
_SEEING = re.compile(
    r"\b(?:can't|cannot|can\s+not|hard\s+to|hate\s+to|couldn't)\s+(?:bear\s+to\s+)?(?:see|watch|look\s+at)\s+(?:her|him|them)\b|"
    r"\b(?:she|he|they)\s+(?:doesn't|don't|does\s+not)\s+(?:even\s+)?look\s+like\s+(?:herself|himself|themselves)\b|"
    r"\bseeing\s+(?:her|him|them)\s+like\s+(?:this|that)\b",
    re.IGNORECASE,
)
_NOT_THERE = re.compile(
    r"\bwhat\s+if\s+(?:she|he|they)\s+(?:dies|die|goes|passes)\s+(?:when|while|and)\s+i(?:'m|\s+am)?\s*(?:not|n't)?\b|"
    r"\b(?:scared|afraid|terrified|worried)\s+(?:that\s+)?i\s+(?:won't|will\s+not|might\s+not|wont)\s+be\s+there\b|"
    r"\b(?:not|won't)\s+be\s+there\s+(?:when|at\s+the\s+end)\b|\bmiss\s+(?:the\s+end|it|saying\s+goodbye)\b",
    re.IGNORECASE,
)
_FALSE_COMFORT = re.compile(
    r"\b(?:she|he|they)(?:'ll|\s+will|'s\s+going\s+to|\s+is\s+going\s+to)\s+(?:be\s+(?:fine|okay|ok|alright)|pull\s+through|get\s+"
    r"better)\b|\bmiracles?\b|\bstay\s+(?:positive|strong)\b|\bat\s+least\b|\b(?:it's|it\s+is)\s+(?:her|his|their)\s+time\b|"
    r"\bbetter\s+place\b|\b(?:how\s+much|know\s+how\s+much)\s+time\s+you\s+have\s+left\b|\bdon't\s+worry\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "Someone they love is near the end of their life. Be with them in the waiting: no hope of recovery, no 'at least', "
    "no tasks. Ask how they are doing right now; if they talk about the person, let them."
)


_PLACES = {"end": "end-of-life care", "com": "comfort care", "pal": "palliative care", "hos": "hospice"}
_NAMED = re.compile(rf"\b(?:my|our)\s+{_PERSON}\b")


def _found(text: str) -> re.Match[str] | None:
    """The match naming the person near the end: in hospice or palliative care, or given days or weeks."""
    low = text.replace("\u2019", "'").lower()
    if _STORY_ENDED.search(low):
        return None
    m = _CARE.search(low) or (_NAMED.search(low) if _TIME_LEFT.search(low) else None)
    return m if m is not None and not hypothetical(low, m.start()) else None


def near_the_end(text: str) -> bool:
    """ "my grandma is in hospice", "my dad has cancer and the doctors say he has weeks" - someone close near the
    end."""
    return _found(text) is not None


def _person(told: Sequence[str]) -> tuple[str, str, str, str]:
    """(who, she, her, her) for the one near the end: ("your grandma", "she", "her", "her")."""
    return person_told(told, _found)


def first_reply(text: str) -> str:
    """The first answer: sorry; the waiting named (the time they were given, when said); how are you right now."""
    who, _she, her, _his = _person([text])
    folded = text.replace("\u2019", "'").lower()
    m = _found(text)
    place = m.groupdict().get("place") if m is not None else None
    if _TIME_LEFT.search(folded) or not place:
        middle = (
            f"Being told it could be that soon is so much to hold - wanting every moment with {her} and dreading "
            "what's coming, all at once."
        )
    else:
        middle = (
            f"Having {who} in {_PLACES.get(place[:3], place)} means living in the waiting - wanting every moment "
            f"with {her} and dreading what's coming, all at once."
        )
    return f"I'm so sorry. {middle} How are you doing, right now?"


def numb_reply(told: Sequence[str]) -> str:
    """To "I'm ok I guess. mostly numb": numb makes sense while there is still waiting; it isn't not caring."""
    _who, _she, her, _his = _person(told)
    return (
        "Numb makes sense. Sometimes the mind holds the feeling back while there's still so much waiting to get "
        f"through. It doesn't mean you don't care about {her} - it's often what caring this much feels like from "
        "the inside."
    )


def words_reply(told: Sequence[str]) -> str:
    """To "I don't know what to say to her": no script; a memory, a hand, "I love you"; hearing is thought to stay."""
    _who, she, her, his = _person(told)
    return (
        f"There's no right thing to say, and you don't need one. You could hold {his} hand, tell {her} a memory, or "
        f"simply that you love {her}. Hearing is thought to be one of the last senses to go, so your voice can still "
        f"reach {her} even if {she} can't answer. And just being there, saying nothing at all, counts too."
    )


def seeing_reply(told: Sequence[str]) -> str:
    """To "I can't bear to see her like this": one of the hardest things; stepping out is okay."""
    _who, she, _her, _his = _person(told)
    means = "mean" if she == "they" else "means"
    return (
        "Seeing someone you love like this is one of the hardest things there is. It's okay to step out when you need "
        f"a breath, and it's okay that it hurts this much - it hurts because of how much {she} {means} to you."
    )


def not_there_reply(told: Sequence[str]) -> str:
    """To "what if she dies when I'm not there": so many fear it; it often happens when someone steps out."""
    _who, _she, her, _his = _person(told)
    return (
        "So many people fear that. Hospice nurses often say people slip away in the very moment someone steps out for "
        f"a minute. If that happens, it won't mean you weren't there for {her}; you've been there all along."
    )


def false_comfort(sentence: str) -> bool:
    """Whether a reply sentence offers a recovery, a miracle, "at least" or "her time"."""
    return _FALSE_COMFORT.search(sentence.replace("\u2019", "'")) is not None


def false_comfort_guard() -> TopicGuard:
    """The reply guard that drops "she'll pull through" and "at least she had a long life" near the end."""
    return TopicGuard(END_OF_LIFE_KEY, false_comfort)


class EndOfLifeStage(ThreadStage):
    """Someone close near the end: a fixed first answer, the guidance line, four answers given once each."""

    key = END_OF_LIFE_KEY
    window = WINDOW
    guidance = GUIDANCE
    cues = ((_NUMB, numb_reply), (_WORDS, words_reply), (_SEEING, seeing_reply), (_NOT_THERE, not_there_reply))

    def told(self, text: str) -> bool:
        return near_the_end(text)

    def first_reply(self, text: str) -> str | None:
        return None if asks_for_advice(text) else first_reply(text)
