"""A job they wanted went to someone else: the sting met, no "that's how things work", no "keep applying".

Someone told the default 1.5B "I didn't get the job. I made it to the final round and they picked someone else". It
answered "Oh, that's not good news. It's tough to hear that you didn't get the job, but that's how things work
sometimes." To "I really thought this was the one" it said "Oh, that's exciting!" (dropped by the hurting rule) and then
"Did you get it right?", and to "I've applied to like 60 places this year" "Have you decided which one to apply to
next?" ("I'm just not good enough" was already the self-worth stage's, and answered well.)

:func:`job_rejection` finds it: "I didn't get the job", "I got rejected for the role", "they picked someone else",
"another rejection email" - not a job lost (``job_loss``), not someone else's. The first telling gets
:func:`first_reply` (the sting, sharper after a final round; "How are you feeling about it?"), unless the message asks
what to do. For :data:`WINDOW` messages (``JOB_REJECTION_KEY``) the model gets :data:`GUIDANCE`, the turn counts as
hurting, and :func:`shrug_guard` drops shrugs and pushes ("that's how things work", "everything happens for a reason",
"their loss", "something better will come", "keep applying", "don't give up", "apply to next", "ask for feedback",
"improve your CV", "failure", "move forward"). Three later messages get a fixed answer once each: how it feels
("honestly pretty crushed", :func:`crushed_reply`; the 1.5B: "after a significant failure. Do you have any ideas about
how to move forward?"), the hope they had let themselves have (:func:`hoped_reply`) and how many applications it has
been (:func:`many_reply`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.care.stage import asks_for_advice
from amity.care.thread import ThreadStage
from amity.safety.topic_guard import TopicGuard

JOB_REJECTION_KEY = "care.job_rejection"  # ctx.extras: a job they wanted went to someone else, told recently
WINDOW = 8

_TOLD = re.compile(
    r"\bi\s+(?:didn't|did\s+not|didnt)\s+get\s+(?:the|that|this)\s+(?:job|role|position|offer|promotion|internship|place)\b|"
    r"\bi\s+(?:got|was|have\s+been|'ve\s+been)\s+(?:rejected|turned\s+down|passed\s+over)\s+(?:for|from)\s+(?:the|that|this|a|my\s+"
    r"dream)\s+(?:\w+\s+)?(?:job|role|position|promotion|internship)\b|\b(?:they|the\s+company)\s+(?:picked|chose|went\s+with|"
    r"hired|offered\s+it\s+to)\s+someone\s+else\b|\b(?:another|a|the)\s+rejection\s+(?:email|letter|call)\b",
    re.IGNORECASE,
)
_NOT_THIS = re.compile(
    r"\b(?:laid\s+off|fired|made\s+redundant|let\s+go)\b|\b(?:he|she|they|my\s+\w+)\s+(?:didn't|did\s+not)\s+get\s+the\s+job\b|"
    r"\bglad\s+i\s+(?:didn't|did\s+not)\b|\bno\s+way\s+i\s+(?:didn't|did\s+not)\b|\bturned\s+(?:it|them)\s+down\b|\byears\s+ago\b",
    re.IGNORECASE,
)
_FINAL = re.compile(r"\b(?:final|last)\s+(?:round|stage|interview|two|three)\b|\bshortlist", re.IGNORECASE)
_HOPED = re.compile(
    r"\bi\s+(?:really\s+|honestly\s+|actually\s+)?(?:thought|was\s+sure|was\s+so\s+sure|believed)\s+(?:this|it|that)\s+(?:was|would\s+"
    r"be)\s+(?:the\s+one|it|mine)\b|\bi\s+(?:could|can)\s+(?:already\s+)?(?:picture|see|imagine)\s+(?:myself|it)\b|\bi\s+(?:really|so)\s+"
    r"wanted(?:\s+(?:it|this\s+one|that\s+one|this\s+job|that\s+job))?\s*(?:[.!,]|$)|\bmy\s+dream\s+job\b",
    re.IGNORECASE,
)
_MANY = re.compile(
    r"\bapplied\s+(?:to|for)\s+(?:like\s+|about\s+|over\s+|almost\s+|nearly\s+|more\s+than\s+)?(?P<n>\d+|so\s+many|hundreds\s+of|dozens\s+"
    r"of)\s+(?:places|jobs|companies|positions|roles)\b|\b(?P<n2>\d+|so\s+many|hundreds\s+of)\s+(?:applications|rejections)\b|\bbeen\s+"
    r"(?:looking|job\s+hunting|applying)\s+for\s+(?:months|a\s+year|over\s+a\s+year|ages)\b|\b(?P<nth>\d+)(?:st|nd|rd|th)\s+rejection\b",
    re.IGNORECASE,
)
_CRUSHED = re.compile(
    r"\b(?P<word>crushed|gutted|devastated|heartbroken|gutted|destroyed|so\s+disappointed|really\s+disappointed)\b",
    re.IGNORECASE,
)
_SHRUG = re.compile(
    r"\bhow\s+things\s+(?:work|go)\b|\beverything\s+happens\s+for\s+a\s+reason\b|\btheir\s+loss\b|\bsomething\s+better\s+(?:will|is)\b|"
    r"\bkeep\s+(?:applying|trying|going|at\s+it|your\s+head\s+up)\b|\bdon't\s+give\s+up\b|\bapply\s+(?:to|for)\s+next\b|\bnext\s+one\b|"
    r"\bask\s+(?:them\s+)?for\s+feedback\b|\bimprove\s+your\s+(?:cv|resume|résumé|interview|skills)\b|\bplenty\s+of\s+other\b|\b"
    r"learn\s+from\s+(?:this|it)\b|\bdid\s+you\s+get\s+it\s+right\b|\bnot\s+good\s+news\b|\bmeant\s+to\s+be\b|\bfailure\b|\btake\s+it\s+personally\b|"
    r"\bmove\s+(?:forward|on)\b|\bbounce\s+back\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "A job they wanted went to someone else. Meet the disappointment; it isn't a verdict on them. No 'that's how "
    "things work', 'everything happens for a reason' or 'something better will come', and no tips (applying, "
    "feedback, CVs) unless they ask."
)


def _found(text: str) -> re.Match[str] | None:
    folded = text.replace("\u2019", "'")
    if _NOT_THIS.search(folded):
        return None
    return _TOLD.search(folded)


def job_rejection(text: str) -> bool:
    """ "I didn't get the job", "they picked someone else", "another rejection email"."""
    return _found(text) is not None


def first_reply(text: str) -> str:
    """The first answer: the sting (sharper after a final round); how are they feeling about it."""
    if _found(text) is None:
        raise ValueError("first_reply needs a message that job_rejection() finds")
    if _FINAL.search(text):
        return (
            "I'm sorry. Getting all the way to the final round and then hearing no really stings - maybe more than an "
            "early no, because by then you could picture it. How are you feeling about it?"
        )
    return "I'm sorry. That no really stings, especially when you'd let yourself hope. How are you feeling about it?"


def crushed_reply(told: Sequence[str]) -> str:
    """To "honestly pretty crushed" (the 1.5B: "after a significant failure. Do you have any ideas about how to move
    forward?")."""
    m = _CRUSHED.search(told[0]) if told else None
    word = " ".join(m.group("word").lower().split()) if m else "disappointed"
    return (
        f"{word[:1].upper()}{word[1:]} makes sense - you put yourself forward, all the way. You don't have to be over "
        "it straight away; it's okay to just be disappointed for a while."
    )


def hoped_reply(told: Sequence[str]) -> str:
    """To "I really thought this was the one": hoping wasn't a mistake; the disappointment is as big as the hope."""
    return (
        "Of course it hurts more when you'd let yourself picture it. Hoping was the natural thing to do, not a "
        "mistake - the disappointment is just as big as the hope was."
    )


def many_reply(told: Sequence[str]) -> str:
    """To "I've applied to like 60 places this year": a huge effort; every no costs something; not a measure of them."""
    m = _MANY.search(told[0]) if told else None
    n = (m.group("n") or m.group("n2")) if m else None
    if m and m.group("nth"):
        count = f"{m.group('nth')} rejections"
    elif n and n.isdigit():
        count = f"{n} applications"
    else:
        count = "That many applications"
    return (
        f"{count} - that's a huge amount of effort, and every no takes something out of you. That would wear anyone "
        "down, and it isn't a measure of you."
    )


def shrugs(sentence: str) -> bool:
    """Whether a reply sentence shrugs the rejection off or pushes them on ("keep applying")."""
    return _SHRUG.search(sentence.replace("\u2019", "'")) is not None


def shrug_guard() -> TopicGuard:
    """The reply guard that drops "that's how things work" and "keep applying" while a rejection is in view."""
    return TopicGuard(JOB_REJECTION_KEY, shrugs)


class JobRejectionStage(ThreadStage):
    """A job rejection in view: a first answer, the guidance line, three answers given once each."""

    key = JOB_REJECTION_KEY
    window = WINDOW
    guidance = GUIDANCE
    cues = ((_HOPED, hoped_reply), (_MANY, many_reply), (_CRUSHED, crushed_reply))

    def told(self, text: str) -> bool:
        return job_rejection(text)

    def first_reply(self, text: str) -> str | None:
        return None if asks_for_advice(text) else first_reply(text)
