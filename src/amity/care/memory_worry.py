"""Afraid for one's memory: taken seriously, no "senior moment", no diagnosis, a doctor gently encouraged.

Someone told the default 1.5B "I keep forgetting things lately. yesterday I got lost driving home", "I'm scared it's
dementia. my mother had it" and "I haven't told my kids, I don't want to worry them". It answered "That sounds a bit
tricky! How does it feel to lose your way?", then "If you are concerned about your mother's health, you should talk
to her healthcare provider", then "it's important to keep things in perspective… it's okay to not worry about things
you don't want to worry about". Getting lost on a familiar road is worth a doctor's visit; memory slips have many
causes, several of them treatable (low mood, poor sleep, medication, vitamin B12 or thyroid levels), and only a
doctor can tell. Fear often keeps people from going, and from telling their family.

:func:`worried_memory` finds it ("I keep forgetting things", "my memory is getting worse", "I got lost driving
home", "I forgot my grandson's name", "I'm scared it's dementia"). The first telling gets :func:`first_reply`; for
:data:`WINDOW` messages (``MEMORY_WORRY_KEY``) the model gets :data:`GUIDANCE`, the turn counts as hurting, and
:func:`brush_off_memory_guard` drops "sounds a bit tricky", "a senior moment", "happens to everyone", "just age",
"keep things in perspective" and "it's okay to not worry". Two later messages get a fixed answer once: the fear of
dementia (:func:`dementia_fear_reply`: a parent's illness doesn't mean they have it; early answers help whatever
it is) and keeping it from the family (:data:`NOT_TELLING_REPLY`: wanting to protect them makes sense; they needn't
carry it alone; one person, just "I'm getting my memory checked").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.care.thread import ThreadStage
from amity.safety.topic_guard import TopicGuard

MEMORY_WORRY_KEY = "care.memory_worry"  # ctx.extras: worry about their own memory told in this conversation
WINDOW = 8

_WORRY = re.compile(
    r"\bi\s+(?:keep|am\s+always|'m\s+always|have\s+been|'ve\s+been)\s+forgetting\s+(?:things|stuff|words|names|everything|appointments)\b|"
    r"\bmy\s+memory\s+(?:is\s+|has\s+been\s+)?(?:getting\s+worse|going|failing|slipping|terrible\s+lately|not\s+what\s+it\s+was)\b|"
    r"\bi\s+(?:got|get|was)\s+lost\s+(?:driving|walking|on\s+the\s+way)\s+(?:home|to\s+(?:the|my|work))\b|"
    r"\bi\s+forgot\s+(?:my\s+)?(?:grandson|granddaughter|grandchild|son|daughter|wife|husband|neighbou?r)'?s\s+name\b|"
    r"\b(?:scared|afraid|terrified|worried)\s+(?:that\s+)?(?:it(?:'s|\s+is)|i(?:'ve|\s+have|'m|\s+am)\s+(?:got|getting)?)\s*"
    r"(?:dementia|alzheimer'?s|early\s+onset)\b",
    re.IGNORECASE,
)
_DEMENTIA_FEAR = re.compile(r"\b(?:dementia|alzheimer'?s)\b", re.IGNORECASE)
_NOT_TELLING = re.compile(
    r"\b(?:haven't|have\s+not|didn't|did\s+not|won't|can't|don't\s+want\s+to)\s+(?:told|tell)\s+(?:my\s+)?(?:kids|children|son|daughter|"
    r"wife|husband|family|anyone|anybody)\b|\bdon't\s+want\s+to\s+(?:worry|scare|burden)\s+(?:them|my\s+\w+)\b",
    re.IGNORECASE,
)
_BRUSH_OFF = re.compile(
    r"\b(?:sounds|is|that's)\s+(?:a\s+bit\s+|quite\s+)?(?:tricky|funny|fun|interesting|exciting|an?\s+adventure)\b|\bsenior\s+moments?\b|"
    r"\bhappens\s+to\s+(?:everyone|everybody|all\s+of\s+us|the\s+best\s+of\s+us)\b|\bjust\s+(?:age|old\s+age|getting\s+older)\b|"
    r"\bkeep\s+(?:things|it)\s+in\s+perspective\b|\bokay\s+to\s+not\s+worry\b|\bnothing\s+to\s+worry\s+about\b|\bi'?m\s+sure\s+it'?s\s+nothing\b|"
    r"\bhow\s+does\s+it\s+feel\s+to\s+lose\s+your\s+way\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "They are afraid for their memory (maybe dementia). Take it seriously: no jokes, no 'senior moment' or 'it's just "
    "age', and no diagnosis either way. Memory slips have many causes, some treatable; gently encourage seeing a "
    "doctor. Acknowledge the fear, above all if a parent had dementia. Don't support hiding it from family, but don't "
    "push."
)
NOT_TELLING_REPLY = (
    "It makes sense that you want to protect them. You don't have to tell them everything today - but you don't have "
    "to carry this fear on your own either, and many people find the appointment easier with someone beside them. Is "
    'there one of them you could tell, just "I\'m getting my memory checked"?'
)


def worried_memory(text: str) -> bool:
    """ "I keep forgetting things", "I got lost driving home", "I'm scared it's dementia"."""
    return _WORRY.search(text.replace("\u2019", "'")) is not None


def first_reply(text: str) -> str:
    """The first answer: taken seriously, many causes (some treatable), a doctor, one question."""
    lost = re.search(r"\blost\s+(?:driving|walking|on\s+the\s+way)\b", text, re.IGNORECASE) is not None
    opening = (
        "That must have been frightening - getting lost on a way you know so well."
        if lost
        else "That sounds worrying, and it's good that you're paying attention to it."
    )
    return (
        f"{opening} Memory slips are worth taking seriously, and they have many possible causes - stress, poor sleep, "
        "low mood, medication, vitamin or thyroid levels - several of which can be treated. The best next step is to "
        "see your doctor and tell them exactly what you told me. Would you feel able to book that?"
    )


_PARENT = re.compile(r"\bmy\s+(mother|mum|mom|father|dad|grandmother|grandfather|gran|nan|grandma|grandpa)\b", re.I)


def dementia_fear_reply(text: str) -> str:
    """To "I'm scared it's dementia. my mother had it": a parent's illness doesn't mean they have it; a doctor."""
    parent = _PARENT.search(text)
    if parent is None:
        return (
            "Of course you're scared of that. Forgetting things has many causes, and only a doctor can tell what's "
            "going on - finding out early helps, whatever it turns out to be. Would it help to talk through how you'd "
            "tell your doctor?"
        )
    return (
        f"Of course you're scared - you've seen up close what it did to your {parent.group(1).lower()}. Having someone "
        "in the family with dementia doesn't mean you have it, and forgetting things has many causes. Only a doctor "
        "can tell what's going on, and finding out early helps, whatever it turns out to be. Would it help to talk "
        "through how you'd tell your doctor?"
    )


def brushes_off(sentence: str) -> bool:
    return _BRUSH_OFF.search(sentence.replace("\u2019", "'")) is not None


def brush_off_memory_guard() -> TopicGuard:
    """The reply guard that drops "a senior moment" and its kin while worry about their memory is in view."""
    return TopicGuard(MEMORY_WORRY_KEY, brushes_off)


class MemoryWorryStage(ThreadStage):
    """Worry about their memory in view: a fixed first answer, the guidance line, two answers given once."""

    key = MEMORY_WORRY_KEY
    window = WINDOW
    guidance = GUIDANCE

    def told(self, text: str) -> bool:
        return worried_memory(text)

    def first_reply(self, text: str) -> str | None:
        return first_reply(text)

    def later_replies(self, text: str, earlier: Sequence[str]) -> Sequence[str]:
        folded = text.replace("\u2019", "'")
        replies = []
        if _DEMENTIA_FEAR.search(folded) and re.search(r"\b(?:scared|afraid|terrified|worried|fear)\b", folded, re.I):
            replies.append(dementia_fear_reply(text))
        if _NOT_TELLING.search(folded):
            replies.append(NOT_TELLING_REPLY)
        return replies
