"""Feeling like a fraud: the fear of being found out heard, no "that's great!", no "fake it till you make it".

Someone told the default 1.5B "i got promoted and i feel like a total fraud" and then "any day now they'll realise i
have no idea what i'm doing". It answered "Oh, that's great! It's always exciting to hear you're making progress. What's
it feel like to feel like a fraud?", then "That's very kind of you to say. It's always exciting when people start to
understand their own limitations. Have you considered asking for help or guidance from others?" - cheering the news
they were dreading, then agreeing with the fear.

:func:`feels_a_fraud` finds it ("I feel like a fraud", "impostor syndrome", "they'll find out I don't know what I'm
doing", "I don't deserve this promotion", "I only got the job by luck"). The first telling gets :func:`first_reply`
(the promotion, new job or place when said; common in people who are good at what they do, and still lonely), unless
it asks for advice. For :data:`WINDOW` messages (``IMPOSTOR_KEY``) the model gets :data:`GUIDANCE`, the turn counts
as hurting, and :func:`fraud_guard` drops "that's great", "exciting", "congratulations", "fake it till you make it",
"believe in yourself", "just be confident", "understand their own limitations" and "very kind of you to say". Four
later messages get a fixed answer once each: waiting to be found out (:data:`FOUND_OUT_REPLY`), "it was just luck"
(:data:`LUCK_REPLY`), "everyone else knows what they're doing" (:data:`OTHERS_REPLY`) and dreading a first meeting
or day (:data:`FIRST_REPLY`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.care.stage import asks_for_advice
from amity.care.thread import ThreadStage
from amity.safety.topic_guard import TopicGuard

IMPOSTOR_KEY = "care.impostor"  # ctx.extras: feeling like a fraud, told in this conversation
WINDOW = 10

_FOUND_OUT = (
    r"\b(?:they(?:'ll|\s+will|'re\s+going\s+to|\s+are\s+going\s+to)|someone(?:'s|\s+is)\s+going\s+to|everyone(?:'ll|\s+will))\s+"
    r"(?:realise|realize|find\s+out|figure\s+out|see|notice|work\s+out)\b[^.!?]*\b(?:no\s+idea|don't\s+know|do\s+not\s+know|"
    r"fraud|fake|not\s+(?:good|smart|qualified)|clueless|faking)\b"
)
_FRAUD = re.compile(
    r"\b(?:feel|feeling|felt|am|i'm)\s+(?:like\s+)?(?:an?\s+|such\s+an?\s+)?(?:total\s+|complete\s+|massive\s+|huge\s+)?"
    r"(?:fraud|impostor|imposter|fake)\b|\bimp[oa]st[eo]r\s+syndrome\b|"
    rf"{_FOUND_OUT}|"
    r"\bi\s+(?:don't|do\s+not)\s+deserve\s+(?:this|the|my|it)\s*(?:job|promotion|role|place|position|raise|award)?\b"
    r"(?=[^.!?]*\b(?:job|promotion|promoted|role|place|position|raise|award|hired|offer|work|boss|team)\b)|"
    r"\bi\s+only\s+got\s+(?:it|the\s+job|in|the\s+promotion|the\s+role|hired)\s+(?:by|because\s+of|through)\s+(?:luck|a\s+fluke|"
    r"accident|mistake)\b",
    re.IGNORECASE,
)
_NOT_SELF = re.compile(
    r"\b(?:he|she|they|my\s+\w+)\s+(?:is|'s|are)\s+(?:such\s+)?a\s+(?:total\s+)?(?:fraud|fake)\b", re.I
)
_WHAT = re.compile(
    r"\b(?P<what>promot(?:ed|ion)|new\s+job|new\s+role|phd|masters|grad\s+school|med\s+school|law\s+school|uni|university|"
    r"got\s+(?:the|a)\s+job|got\s+in|got\s+into|hired|award)\b",
    re.IGNORECASE,
)
_FOUND_OUT_LATER = re.compile(
    rf"{_FOUND_OUT}|\bany\s+day\s+now\b|\bfound\s+out\b|\bsee\s+through\s+me\b", re.IGNORECASE
)
_LUCK = re.compile(
    r"\b(?:just|only|pure|dumb|sheer)\s+luck\b|\bfluke\b|\b(?:made|making)\s+a\s+mistake\s+(?:hiring|promoting|picking|choosing|"
    r"taking)\s+me\b|\bby\s+accident\b",
    re.IGNORECASE,
)
_OTHERS = re.compile(
    r"\b(?:everyone|everybody|they\s+all)\s+(?:else\s+)?(?:[\w']+\s+){0,4}?(?:knows|seems\s+to\s+know|gets\s+it|is\s+(?:smarter|"
    r"better|so\s+confident|more\s+qualified))\b|"
    r"\b(?:smarter|better|more\s+qualified|more\s+experienced)\s+than\s+me\b|\bdon't\s+belong\s+(?:here|there)\b",
    re.IGNORECASE,
)
_FIRST = re.compile(
    r"\bfirst\s+(?:meeting|day|week|presentation|one-to-one|1:1|team\s+meeting|lecture|shift|review)\b", re.IGNORECASE
)
_CHEER = re.compile(
    r"\b(?:that's|that\s+is|how|so|oh,?\s+that's)\s+(?:great|wonderful|amazing|exciting|awesome|fantastic)\b|\bexcit(?:ing|ed)\b|"
    r"\bcongrat(?:s|ulations)\b|\bfake\s+it\b|\bbelieve\s+in\s+yourself\b|\bjust\s+be\s+(?:more\s+)?confident\b|"
    r"\bunderstand\s+(?:their|your)\s+own\s+limitations\b|\bvery\s+kind\s+of\s+you\s+to\s+say\b|\bwhat's\s+it\s+feel\s+like\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "They feel like a fraud and fear being found out. Don't cheer or congratulate, don't agree with the fear, and "
    "no 'fake it till you make it', 'believe in yourself' or tips unless they ask. Hear how lonely and tiring the "
    "fear is; the feeling is common in people who are capable. Ask what makes it loudest."
)
FOUND_OUT_REPLY = (
    "That waiting-to-be-found-out feeling is exhausting - bracing for a moment that keeps not coming. But people "
    "aren't picked by accident: someone watched what you do and decided you could do this. Not knowing everything "
    "yet isn't the same as not being able to do it; nobody knows a new role on the first day."
)
LUCK_REPLY = (
    "It's so easy to hand all the credit to luck and keep all the doubt for yourself. Luck might open a door, but it "
    "doesn't get you through it or keep you in the room. What did you actually do that got you there?"
)
OTHERS_REPLY = (
    "From the inside, everyone else always looks sure of themselves - you're comparing how you feel inside with how "
    "they look from outside. Plenty of the people who seem so certain are quietly wondering the same thing about "
    "themselves."
)

FIRST_REPLY = (
    "Of course your body is bracing - it's treating tomorrow like a test you might fail. It doesn't have to go "
    "perfectly to go fine, and most of the people in that room will want you to do well. Would it help to talk "
    "through how you'd like it to go?"
)


def feels_a_fraud(text: str) -> bool:
    """ "I feel like a total fraud", "impostor syndrome", "they'll realise I have no idea what I'm doing"."""
    folded = text.replace("\u2019", "'")
    return _FRAUD.search(folded) is not None and _NOT_SELF.search(folded) is None


def first_reply(text: str) -> str:
    """The first answer: the new thing when said, common in capable people and still lonely, what makes it loudest."""
    what = _WHAT.search(text.replace("\u2019", "'"))
    word = what.group("what").lower() if what else ""
    if word.startswith("promot"):
        lead = "Getting promoted and feeling like a fraud at the same time - that's such a lonely mix."
    elif what:
        lead = "Getting somewhere new and feeling like a fraud there - that's such a lonely mix."
    else:
        lead = "Feeling like a fraud, and waiting to be found out, is such a lonely thing to carry."
    return (
        f"{lead} It's strikingly common in people who are actually good at what they do - which doesn't make the "
        "fear any quieter. What's making it loudest right now?"
    )


def cheers(sentence: str) -> bool:
    """Whether a reply sentence cheers the news they dread, agrees with the fear or hands out a slogan."""
    return _CHEER.search(sentence.replace("\u2019", "'")) is not None


def fraud_guard() -> TopicGuard:
    """The reply guard that drops "that's great, how exciting!" and "fake it till you make it" while it is in view."""
    return TopicGuard(IMPOSTOR_KEY, cheers)


class ImpostorStage(ThreadStage):
    """Feeling like a fraud: a fixed first answer, the guidance line, four answers given once each."""

    key = IMPOSTOR_KEY
    window = WINDOW
    guidance = GUIDANCE

    def told(self, text: str) -> bool:
        return feels_a_fraud(text)

    def first_reply(self, text: str) -> str | None:
        return None if asks_for_advice(text) else first_reply(text)

    def later_replies(self, text: str, earlier: Sequence[str]) -> Sequence[str]:
        folded = text.replace("\u2019", "'")
        replies = [FOUND_OUT_REPLY] if _FOUND_OUT_LATER.search(folded) else []
        if _LUCK.search(folded):
            replies.append(LUCK_REPLY)
        if _OTHERS.search(folded):
            replies.append(OTHERS_REPLY)
        if _FIRST.search(folded):
            replies.append(FIRST_REPLY)
        return replies
