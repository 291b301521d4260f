"""A parent or partner with dementia who no longer knows them: grief while the person is still here; no lecture.

Someone told the default 1.5B "my dad didn't recognise me today" and then "he has dementia. he asked me who i was". It
answered "It must hurt for your dad to not recognize you. How is he doing?", then "It must feel difficult to recognize
your own identity. Is there anything you can tell me about how you think about yourself?" (and, dropped, "It's
important to remember that dementia is a progressive condition"). Being forgotten by a parent is a loss that comes
again with every visit, often with no one to tell.

:func:`not_recognised` finds it: the "losing someone slowly" loss of :func:`amity.affect.loss.find_loss` ("my dad
didn't recognise me today", "some days she doesn't know who I am"), or dementia named with "asked who I was",
"called me by my aunt's name" or "thought I was her sister". The first telling gets :func:`first_reply` (who, and
the loss that comes again), unless it asks for advice. For :data:`WINDOW` messages (``NOT_RECOGNISED_KEY``) the
model gets :data:`GUIDANCE`, the turn counts as hurting, and :func:`lecture_guard` drops "progressive condition",
"your own identity", "recognising your face", "at least" and "how is he doing". Four later messages get a fixed
answer once each: being asked who they are (:func:`asked_who_reply`), whether to correct them or play along
(:func:`correct_reply`, the one place advice is asked for), who they were before (:func:`before_reply`) and crying
after a visit (:data:`AFTER_VISIT_REPLY`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.affect.loss import find_loss
from amity.care.stage import asks_for_advice
from amity.care.thread import ThreadStage
from amity.safety.text import third_person
from amity.safety.topic_guard import TopicGuard

NOT_RECOGNISED_KEY = "care.not_recognised"  # ctx.extras: someone with dementia no longer knowing them, told here
WINDOW = 10

_DEMENTIA = re.compile(r"\b(?:dementia|alzheimer'?s)\b", re.IGNORECASE)
_FORGOT_ME = re.compile(
    r"\basked\s+(?:me\s+)?who\s+i\s+(?:was|am)\b|\bcalled\s+me\s+(?:by\s+)?(?:my\s+|her\s+|his\s+)?\w+(?:'s)?\s+name\b|"
    r"\bthought\s+i\s+was\s+(?:his|her|my|a)\s+\w+|\b(?:didn't|doesn't|did\s+not|does\s+not)\s+(?:recogni[sz]e|know)\s+me\b|"
    r"\bforgot(?:ten)?\s+(?:who\s+i\s+am|my\s+name)\b",
    re.IGNORECASE,
)
_ASKED = re.compile(
    r"\basked\s+(?:me\s+)?who\s+i\s+(?:was|am)\b|\bforgot(?:ten)?\s+(?:who\s+i\s+am|my\s+name)\b", re.IGNORECASE
)
_MISTAKEN = re.compile(
    r"\bcalled\s+me\s+(?:by\s+)?(?:my\s+|her\s+|his\s+)?\w+(?:'s)?\s+name\b|\bthought\s+i\s+was\s+(?:his|her|my|a)\s+\w+",
    re.I,
)
_WHO = re.compile(
    r"\bmy\s+(?P<who>mum|mom|mother|dad|father|husband|wife|grandma|grandmother|grandpa|grandfather|grandad|nan|gran|"
    r"partner)\b",
    re.IGNORECASE,
)
_CORRECT = re.compile(
    r"\bshould\s+i\s+(?:correct|remind|tell)\s+(?:him|her|them)\b|\bplay\s+along\b|\bgo\s+along\s+with\s+it\b|"
    r"\b(?:lie|lying)\s+to\s+(?:him|her|them)\b|\bkeep\s+(?:correcting|reminding)\b",
    re.IGNORECASE,
)
_BEFORE = re.compile(
    r"\b(?:he|she|they)\s+(?:used\s+to|was\s+(?:the\s+one|always|so)|taught\s+me)\b|\bthe\s+(?:man|woman|person)\s+(?:he|she)\s+"
    r"(?:was|used\s+to\s+be)\b",
    re.IGNORECASE,
)
_AFTER = re.compile(
    r"\b(?:cried|cry|crying|sobbed|broke\s+down)\b[^.!?]*\b(?:car|after|home|visit|leaving|left|drive)\b|"
    r"\b(?:after|leaving)\s+(?:the\s+)?(?:visit|care\s+home|home)\b[^.!?]*\b(?:cried|cry|crying|sobbed|broke\s+down)\b",
    re.IGNORECASE,
)
_LECTURE = re.compile(
    r"\bprogressive\s+(?:condition|disease|illness)\b|\byour\s+own\s+identity\b|\brecogni[sz]ing\s+your\s+face\b|"
    r"\bat\s+least\b|\bhow\s+is\s+(?:he|she|your\s+\w+)\s+doing\b|\bhow\s+you\s+think\s+about\s+yourself\b|"
    r"\bwhat\s+(?:he|she)\s+is\s+asking\b|\bstages\s+of\s+dementia\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "Someone they love has dementia and no longer always knows them. That is grief while the person is still here, "
    "and it comes back with every visit. Say gently that it must hurt; don't explain the illness, don't ask how the "
    "person is doing, no 'at least', and no advice unless they ask. Ask how they are."
)
AFTER_VISIT_REPLY = (
    "Of course you did. You hold it together in there, for them, and then it all lands at once when you're alone. "
    "Crying after a visit isn't falling apart - it's the grief you couldn't show in the room. I'm glad you told me."
)


def not_recognised(text: str) -> bool:
    """ "my dad didn't recognise me today", "she has dementia and asked me who I was"."""
    folded = text.replace("\u2019", "'")
    found = find_loss(folded)
    if found is not None and found[1] == "losing someone slowly":
        return True
    return _DEMENTIA.search(folded) is not None and _FORGOT_ME.search(folded) is not None


def _who(told: Sequence[str]) -> str:
    match = next((m for text in told if (m := _WHO.search(text))), None)
    return f"your {match.group('who').lower()}" if match else "someone you love"


def _pronouns(told: Sequence[str]) -> tuple[str, str]:
    return third_person(
        told,
        she=r"my\s+(?:mum|mom|mother|wife|grandma|grandmother|nan|gran)|she|her",
        he=r"my\s+(?:dad|father|husband|grandpa|grandfather|grandad)|he|him|his",
    )


def first_reply(text: str) -> str:
    """The first answer: who, the loss that happens while they're still here and comes again, how they are."""
    folded = text.replace("\u2019", "'")
    who = _who([folded])
    she, _her = _pronouns([folded])
    still = "they're" if she == "they" else f"{she}'s"
    ask = (
        "How are you doing after today?"
        if re.search(r"\btoday\b", folded, re.IGNORECASE)
        else "How are you holding up?"
    )
    return (
        f"That must have hurt so much. Not being known by {who} is a loss that happens while {still} still here - and "
        f"it can come back with every visit, catching you each time. {ask}"
    )


def asked_who_reply(told: Sequence[str], moment: str = "ask who you are") -> str:
    """To "he asked me who I was" (or "she called me by my aunt's name": ``moment`` "mistake you for someone else")
    after the first telling: the illness taking it, not about them; it still hurts."""
    who = _who(told)
    own = who.replace("your ", "your own ", 1) if who.startswith("your ") else who
    she, her = _pronouns(told)
    how = "how much you matter to them" if she == "they" else f"how much you matter to {her}"
    return (
        f"Hearing {own} {moment} is a moment no one is ready for. It's the illness taking that, not anything "
        f"about you or {how} - and it still hurts like nothing else."
    )


def correct_reply(told: Sequence[str]) -> str:
    """To "should I correct him or play along?": many carers find going along kinder; something warm and true."""
    _she, her = _pronouns(told)
    his = {"her": "her", "him": "his", "them": "their"}[her]
    return (
        f"Many carers and dementia nurses find it kinder to go along with where {his} mind is than to correct it - "
        f"being corrected can frighten someone with dementia, and it costs you a fresh hurt each time. You can still "
        'say something warm and true, like "I\'m someone who loves you very much."'
    )


def before_reply(told: Sequence[str]) -> str:
    """To "he was the one who taught me to drive": grieving who they were, while they're still here."""
    she, _her = _pronouns(told)
    was = "were" if she == "they" else "was"
    return (
        f"You're grieving who {she} {was} while {she} {'are' if she == 'they' else 'is'} still here - one of the "
        "loneliest kinds of grief, because there's no funeral for it and people forget to ask. Those memories are "
        "still yours, even when they can't be shared anymore."
    )


def lectures(sentence: str) -> bool:
    """Whether a reply sentence explains the illness, turns it on their identity or asks how the person is doing."""
    return _LECTURE.search(sentence.replace("\u2019", "'")) is not None


def lecture_guard() -> TopicGuard:
    """The reply guard that drops "dementia is a progressive condition" while being forgotten is in view."""
    return TopicGuard(NOT_RECOGNISED_KEY, lectures)


class NotRecognisedStage(ThreadStage):
    """Not known by someone with dementia: a fixed first answer, the guidance line, four answers given once each."""

    key = NOT_RECOGNISED_KEY
    window = WINDOW
    guidance = GUIDANCE

    def told(self, text: str) -> bool:
        return not_recognised(text)

    def first_reply(self, text: str) -> str | None:
        return None if asks_for_advice(text) else first_reply(text)

    def later_replies(self, text: str, earlier: Sequence[str]) -> Sequence[str]:
        folded = text.replace("\u2019", "'")
        told = [folded, *earlier[: self.window]]
        replies = [correct_reply(told)] if _CORRECT.search(folded) else []
        if _ASKED.search(folded):
            replies.append(asked_who_reply(told))
        elif _MISTAKEN.search(folded):
            replies.append(asked_who_reply(told, "mistake you for someone else"))
        if _BEFORE.search(folded):
            replies.append(before_reply(told))
        if _AFTER.search(folded):
            replies.append(AFTER_VISIT_REPLY)
        return replies
