"""Nerves before a test that matters: met, not "don't worry" or "you'll do great"; failing before heard.

Someone told the default 1.5B "my driving test is tomorrow and I'm so nervous I feel sick". It answered "Don't worry, I
understand how that can feel… Deep breathing exercises can help calm you down." To "I failed it twice already" it said
"remember, you have many opportunities to improve. What will you do next?", and to "my whole family will know if I fail
again" "Let's talk about some things that make you happy and strong. What are some of your favorite things to do with
your family?"

:func:`exam_nerves` finds a test, exam, interview or audition soon ("my driving test is tomorrow", "my final exam is on
Monday", "I have a job interview in an hour") told with nerves ("so nervous", "I feel sick", "terrified", "dreading
it"). The first telling gets :func:`first_reply` (the nerves as a sign it matters; "What's the part you're dreading
most?"), unless the message asks what to do. For :data:`WINDOW` messages (``EXAM_NERVES_KEY``) the model gets
:data:`GUIDANCE`, the turn counts as hurting, and :func:`promise_guard` drops promises and pushes ("don't worry",
"you'll do great", "you've got this", "many opportunities to improve", "what will you do next", "practise more", "things
that make you happy"). Two later messages get a fixed answer once each: having failed before
(:func:`failed_before_reply`) and the fear of everyone knowing (:func:`others_know_reply`). A failed test told
afterwards is the setback stage's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.care.stage import asks_for_advice
from amity.care.thread import ThreadStage
from amity.safety.topic_guard import TopicGuard

EXAM_NERVES_KEY = "care.exam_nerves"  # ctx.extras: nerves before a test that matters, told recently
WINDOW = 6

_TEST = (
    r"(?P<test>(?:driving|theory|bar|board|medical|nursing|entrance|final|maths?|math|chemistry|physics|biology|history|"
    r"english|french|spanish|german|piano|violin|dance|swimming)\s+(?:test|exam|examination|audition|recital)|(?:final\s+)?"
    r"exams?|test|job\s+interview|interview|audition|viva|defen[cs]e|thesis\s+defen[cs]e|presentation|recital)"
)
_SOON = (
    r"(?P<when>tomorrow(?:\s+morning|\s+afternoon)?|today|tonight|this\s+(?:morning|afternoon|evening)|in\s+(?:an|one|two|a\s+few|"
    r"\d+)\s+(?:hours?|minutes?)|on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|next\s+week|this\s+week)"
)
_TOLD = (
    re.compile(rf"\bmy\s+{_TEST}\s+is\s+{_SOON}\b", re.I),
    re.compile(rf"\bi(?:\s+|(?='))(?:have|'ve\s+got|got)\s+(?:my\s+|a\s+|an\s+|the\s+)?{_TEST}\s+{_SOON}\b", re.I),
)
_NERVES = re.compile(
    r"\b(?:nervous|anxious|scared|terrified|panicking|panicked|freaking\s+out|dreading|feel\s+sick|feel\s+like\s+throwing\s+up|"
    r"shaking|can't\s+stop\s+shaking|stressed|a\s+wreck)\b",
    re.I,
)
_FAILED_BEFORE = re.compile(
    r"\bi(?:'ve)?\s+(?:already\s+)?failed\s+(?:it|this|that|the\s+\w+(?:\s+test)?)\s+(?:twice|three\s+times|\d+\s+times|before|"
    r"once|already|last\s+time)\b|\b(?:this\s+is|it's)\s+my\s+(?:third|fourth|fifth|\d+(?:rd|th))\s+(?:try|attempt|time)\b",
    re.I,
)
_OTHERS_KNOW = re.compile(
    r"\b(?:everyone|everybody|my\s+(?:whole\s+)?family|my\s+(?:parents|friends|mum|mom|dad)|people)\s+(?:will\s+)?(?:know|find\s+out|"
    r"laugh)\b|\bwhat\s+will\s+(?:they|people|everyone|my\s+\w+)\s+think\b|\bso\s+embarrassing\b|\blet\s+(?:them|everyone|my\s+\w+)"
    r"\s+down\b",
    re.I,
)
_PROMISE = re.compile(
    r"\bdon't\s+worry\b|\byou'll\s+(?:do\s+(?:great|fine|well|amazing)|pass|be\s+(?:fine|great|okay))\b|\byou\s+will\s+(?:do\s+"
    r"(?:great|fine|well)|pass|be\s+fine)\b|\byou've\s+got\s+this\b|\bopportunities\s+to\s+improve\b|\bwhat\s+will\s+you\s+do\s+"
    r"next\b|\bpractis?c?e\s+(?:more|harder)\b|\bstudy\s+(?:more|harder)\b|\bthings\s+that\s+make\s+you\s+(?:happy|strong)\b|"
    r"\bfavou?rite\s+things\s+to\s+do\b|\bnothing\s+to\s+(?:worry|be\s+nervous)\s+about\b",
    re.I,
)

GUIDANCE = (
    "They are nervous about a test that matters, soon. Meet the nerves; don't promise how it will go ('you'll do "
    "great', 'don't worry') and give no study or practice tips unless asked. Their worth doesn't ride on one test."
)


def _found(text: str) -> re.Match[str] | None:
    folded = text.replace("\u2019", "'")
    if _NERVES.search(folded) is None:
        return None
    return next((m for p in _TOLD if (m := p.search(folded)) is not None), None)


def exam_nerves(text: str) -> bool:
    """ "my driving test is tomorrow and I'm so nervous I feel sick" - a test soon, told with nerves."""
    return _found(text) is not None


def _test_name(told: Sequence[str]) -> str:
    """The test as said ("driving test"), for the replies; "test" when none is found."""
    for text in told:
        if (m := _found(text)) is not None:
            return " ".join(m.group("test").lower().split())
    return "test"


def first_reply(text: str) -> str:
    """The first answer: nerves this strong mean it matters; what's the part they dread most."""
    m = _found(text)
    if m is None:
        raise ValueError("first_reply needs a message that test_nerves() finds")
    test, when = " ".join(m.group("test").lower().split()), " ".join(m.group("when").lower().split())
    when = re.sub(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", lambda d: d.group(1).title(), when)
    article = "" if test.endswith("s") else "An " if test[0] in "aeiou" else "A "
    sick = "so strong you feel sick" if re.search(r"\bsick\b|throwing\s+up", text, re.I) else "this strong"
    return (
        f"{article}{test[:1].upper() if not article else test[:1]}{test[1:]} {when}, and nerves {sick} - that's so "
        "hard to sit with. Nerves like that usually mean it really matters to you. What's the part you're dreading "
        "most?"
    )


def failed_before_reply(told: Sequence[str]) -> str:
    """To "I failed it twice already": the earlier tries make this one heavier; they don't decide tomorrow."""
    test = _test_name(told)
    return (
        f"That makes this one so much heavier - every try carries the last ones with it. But failing a {test} before "
        "doesn't decide how this one goes, and it doesn't say what you're capable of. Tests are hard on nerves."
    )


def others_know_reply(told: Sequence[str]) -> str:
    """To "my whole family will know if I fail again": that fear makes it bigger than one test."""
    test = _test_name(told)
    return (
        f"That fear of everyone knowing makes it so much bigger than one {test}. Whatever happens, it's one day - it "
        "doesn't change who you are, to them or to me."
    )


def promises(sentence: str) -> bool:
    """Whether a reply sentence promises how the test will go or pushes tips and distraction."""
    return _PROMISE.search(sentence.replace("\u2019", "'")) is not None


def promise_guard() -> TopicGuard:
    """The reply guard that drops "don't worry" and "you'll do great" while test nerves are in view."""
    return TopicGuard(EXAM_NERVES_KEY, promises)


class ExamNervesStage(ThreadStage):
    """Nerves before a test in view: a first answer, the guidance line, two answers given once each."""

    key = EXAM_NERVES_KEY
    window = WINDOW
    guidance = GUIDANCE
    cues = ((_FAILED_BEFORE, failed_before_reply), (_OTHERS_KNOW, others_know_reply))

    def told(self, text: str) -> bool:
        return exam_nerves(text)

    def first_reply(self, text: str) -> str | None:
        return None if asks_for_advice(text) else first_reply(text)
