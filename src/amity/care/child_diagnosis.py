"""A child's diagnosis (autism, ADHD, dyslexia…): not a tragedy, not the parent's doing, the same child as yesterday.

Someone told the default 1.5B "My son was diagnosed with autism today". It answered "Oh no, that must be a very
difficult time for you" (on another run "I'm sorry to hear that. It's a very serious diagnosis that can affect a child's
life"). "I keep wondering if it's something I did" drew "That's a good question - sometimes we do things out of habit or
impulse. What do you think might be behind it?", and "my mother-in-law says he just needs more discipline" "Do you think
it's something you can work on together?". A parent on the day of an assessment hears enough "oh no"; what helps is room
for everything they feel, and the plain facts that it is no one's fault and that the child is exactly who he was
yesterday.

:func:`diagnosed` finds it: a child of theirs diagnosed with a developmental condition or disability ("my son was
diagnosed with autism today", "my daughter has just been diagnosed with ADHD", "we got the autism diagnosis"). The first
telling gets :func:`first_reply` (a big day; relief, worry and sadness can sit together; the same child, with a name
that can open the right support; how are you doing), unless it asks what to do. For :data:`WINDOW` messages
(``CHILD_DIAGNOSIS_KEY``) the model gets :data:`GUIDANCE`, the turn counts as hurting, and :func:`tragedy_guard` drops
"oh no", "sorry to hear", "serious diagnosis", "suffers from", "cure", "normal life", "what might be behind it" and
"more discipline". Four later messages get a fixed answer once each: "is it something I did?" (:func:`cause_reply`: not
their doing; for autism, not vaccines either), relief and guilt at the relief (:func:`relief_reply`; the 1.5B had said
"It's natural to feel relieved when things go well"), family who say he just needs discipline or will grow out of it
(:func:`doubters_reply`) and fear for the child's future (:func:`future_reply`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.affect.clauses import hypothetical
from amity.care.stage import asks_for_advice
from amity.care.thread import ThreadStage
from amity.safety.text import kin_person
from amity.safety.topic_guard import TopicGuard

CHILD_DIAGNOSIS_KEY = "care.child_diagnosis"  # ctx.extras: a child's diagnosis told in this conversation
WINDOW = 10

_CONDITION = (
    r"(?P<condition>autism|asd|adhd|add|dyslexia|dyspraxia|dyscalculia|down\s+syndrome|cerebral\s+palsy|"
    r"(?:a\s+)?learning\s+disability|global\s+developmental\s+delay|tourette'?s|fragile\s+x)"
)
_CHILD = r"(?P<who>(?:\w+\s+)?(?:son|daughter|child|kid|boy|girl|little\s+one|baby|toddler|twins))"
_TOLD = tuple(
    re.compile(rx)
    for rx in (
        rf"\b(?:my|our)\s+{_CHILD}\s+(?:\w+\s+)?(?:was|were|got|has\s+been|'s\s+been|have\s+been|has\s+just\s+been|just\s+got|is\s+being)\s+"
        rf"(?:officially\s+)?diagnosed\s+(?:with\s+|as\s+)?{_CONDITION}\b",
        rf"\b(?:we|i)\s+(?:just\s+)?(?:got|received|had)\s+(?:the|an?|his|her|our)\s+{_CONDITION}\s+diagnosis\b",
        rf"\b(?:they|the\s+(?:doctor|paediatrician|pediatrician|psychologist|specialist|team))\s+(?:said|says|confirmed|"
        rf"told\s+us)\s+(?:that\s+)?(?:he|she|they|my\s+(?:son|daughter))\s+(?:is|has|are|have)\s+{_CONDITION}\b",
    )
)
_CAUSE = re.compile(
    r"\b(?:something|anything)\s+i\s+(?:did|didn't\s+do|did\s+wrong|ate|took)\b|\bmy\s+fault\b|\bdid\s+i\s+cause\b|"
    r"\b(?:caused|cause)\s+(?:it|this|his|her)\b|\bvaccin\w*\b|\bbecause\s+of\s+me\b|\bblame\s+myself\b",
    re.IGNORECASE,
)
_DOUBTERS = re.compile(
    r"\b(?:says?|said|thinks?|keeps?\s+saying|told\s+me)\s+(?:that\s+)?(?:he|she|they)\s+(?:just\s+)?(?:needs?|need)\s+"
    r"(?:more\s+)?(?:discipline|a\s+firm(?:er)?\s+hand|boundaries|a\s+smack)\b|\b(?:grow|grows)\s+out\s+of\s+it\b|"
    r"\b(?:nothing|there's\s+nothing|there\s+is\s+nothing)\s+wrong\s+with\s+(?:him|her|them)\b|\blabel(?:ling|ing)?\s+"
    r"(?:him|her|them)\b|\bbad\s+parenting\b|\bjust\s+(?:a\s+)?(?:boy|boys|naughty|spoiled|lazy)\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b(?:worried|scared|afraid|terrified|frightened)\s+(?:about|for|of)\s+(?:his|her|their)\s+future\b|\bwhat\s+if\s+"
    r"(?:he|she|they)\s+(?:never|can't|won't|doesn't|don't)\b|\b(?:will|would)\s+(?:he|she|they)\s+(?:ever|be\s+able\s+to|"
    r"have\s+a\s+normal)\b|\b(?:a\s+)?normal\s+life\b|\b(?:bullied|make\s+friends)\b",
    re.IGNORECASE,
)
_RELIEF = re.compile(r"\b(?:relieved|relief)\b", re.IGNORECASE)
_TRAGEDY = re.compile(
    r"\boh\s+no\b|\bsorry\s+to\s+hear\b|\b(?:very\s+)?(?:serious|devastating|terrible|tragic)\s+(?:diagnosis|news|condition)\b|"
    r"\bsuffer(?:s|ing)?\s+(?:from|with)\b|\bcure[ds]?\b|\bnormal\s+(?:life|child|kid)\b|\bdifficult\s+time\s+for\s+you\b|"
    r"\bwhat\s+(?:do\s+you\s+think\s+)?(?:might|could)\s+be\s+behind\s+it\b|\b(?:more\s+)?discipline\b|"
    r"\bwork\s+on\s+(?:it|this)\s+together\b|\bsomething\s+you\s+(?:can|could)\s+work\s+on\b|\bafflicted\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "Their child was just diagnosed with a developmental condition. It is not a tragedy and not their fault, and the "
    "child is the same child as yesterday. Make room for whatever they feel (relief, worry, sadness, all at once); "
    "no 'oh no', no 'sorry to hear', no talk of cures or a 'normal life', no guesses at causes."
)
_NAME = {"asd": "autism", "add": "ADD", "adhd": "ADHD"}


def _found(text: str) -> re.Match[str] | None:
    low = text.replace("\u2019", "'").lower()
    found = (m for pattern in _TOLD for m in pattern.finditer(low) if not hypothetical(low, m.start()))
    return next(found, None)


def diagnosed(text: str) -> bool:
    """ "my son was diagnosed with autism today", "we got the ADHD diagnosis" - a child's diagnosis told."""
    return _found(text) is not None


def _child(told: Sequence[str]) -> tuple[str, str, str, str]:
    """(condition, he, him, his) for the child whose diagnosis was told; "they" when it isn't said."""
    for text in told:
        if (m := _found(text)) is not None:
            condition = " ".join(m.group("condition").split())
            word = " ".join((m.groupdict().get("who") or "").split())
            return (_NAME.get(condition, condition), *kin_person(word, text))
    return "it", "they", "them", "their"


def first_reply(text: str) -> str:
    """The first answer: a big day; everything they feel can sit together; the same child; how are you doing."""
    _condition, he, _him, _his = _child([text])
    was, is_ = ("were", "'re") if he == "they" else ("was", "'s")
    return (
        "That's a big day. A diagnosis can bring a lot at once - relief at finally having a name for it, worry about "
        "what it means, maybe some sadness, or just a lot of questions - and all of that can sit together. "
        f"{he.capitalize()}{is_} still exactly who {he} {was} yesterday; now there's a name that can open the door to "
        "the right support. How are you doing with it?"
    )


def cause_reply(told: Sequence[str]) -> str:
    """To "I keep wondering if it's something I did": not their doing; for autism, not vaccines either."""
    condition, he, _him, _his = _child(told)
    was = "were" if he == "they" else "was"
    if condition == "autism":
        return (
            "It isn't something you did. Autism isn't caused by anything a parent did or didn't do - it's part of how "
            f"{he} {was} born, mostly shaped by genes. And it isn't caused by vaccines; that has been studied very "
            "thoroughly. So many parents ask themselves this, and the answer is the same for all of them: not your "
            "fault."
        )
    return (
        f"It isn't something you did. {condition[0].upper() + condition[1:]} isn't caused by parenting or by anything "
        "you did or didn't do. So many parents ask themselves this, and the answer is the same for all of them: not "
        "your fault."
    )


def relief_reply(told: Sequence[str]) -> str:
    """To "honestly I'm relieved. and guilty for being relieved": relief is being seen, not wishing them different."""
    _condition, _he, him, _his = _child(told)
    return (
        "Relief makes so much sense - it often means you'd been seeing something for a long time, and now someone has "
        f"seen it too. Feeling relieved isn't wishing anything were different about {him}; it's feeling less alone "
        "with what you already knew."
    )


def doubters_reply(told: Sequence[str]) -> str:
    """To "my mother-in-law says he just needs more discipline": lonely to hear; you know your child."""
    _condition, he, him, _his = _child(told)
    return (
        "Hearing that can be so lonely when you're the one who sees every day what the assessment saw. A diagnosis "
        f"isn't a matter of being stricter, or a phase - it's about understanding how {he} works, so {he} can get what "
        f"{'they need' if he == 'they' else he + ' needs'}. You know {him}."
    )


def future_reply(told: Sequence[str]) -> str:
    """To "I'm scared about his future": the fear is love; no one can map it today; understood, not changed."""
    _condition, _he, him, his = _child(told)
    return (
        f"That fear comes from loving {him}. Nobody can map {his} whole future today - not the hard parts, and not "
        f"the good ones either. What you can do now is what you're already doing: trying to understand {him}."
    )


def tragic(sentence: str) -> bool:
    """Whether a reply sentence treats the diagnosis as a tragedy or guesses at a cause."""
    return _TRAGEDY.search(sentence.replace("\u2019", "'")) is not None


def tragedy_guard() -> TopicGuard:
    """The reply guard that drops "oh no" and "suffers from" while a child's diagnosis is in view."""
    return TopicGuard(CHILD_DIAGNOSIS_KEY, tragic)


class ChildDiagnosisStage(ThreadStage):
    """A child's diagnosis in view: a fixed first answer, the guidance line, four answers given once each."""

    key = CHILD_DIAGNOSIS_KEY
    window = WINDOW
    guidance = GUIDANCE
    cues = ((_CAUSE, cause_reply), (_RELIEF, relief_reply), (_DOUBTERS, doubters_reply), (_FUTURE, future_reply))

    def told(self, text: str) -> bool:
        return diagnosed(text)

    def first_reply(self, text: str) -> str | None:
        return None if asks_for_advice(text) else first_reply(text)
