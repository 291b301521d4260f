"""Someone close who died by suicide: the loss said plainly, "why" and guilt met, no guesses, never "at peace".

Someone told the default 1.5B "My brother died by suicide last year and I still can't stop asking why". With the
grieving line in its prompt it answered "It must have been a very difficult time for you… Perhaps talking to someone
you trust about your feelings can help you process them", and the sentence the reply guards dropped was "It's
important to remember that we don't know what caused his death". Earlier runs (stop 25, "my best friend killed
himself last month") drew "Is there anything else you'd like to tell me about?" and, to "why didn't he tell me",
"maybe he didn't want to tell you about it". A death by suicide brings what other losses rarely do - the endless
"why", guilt, anger, other people's silence - and the safe-messaging guidelines ask that it never be called a
release from pain or asked about in detail.

:func:`lost_to_suicide` finds it: "my brother died by suicide", "my dad killed himself", "my best friend took her own
life", "I lost my son to suicide", "since my mum's suicide" - not "I'm scared my brother will kill himself", which is
a crisis the safety stage answers. The first telling gets :func:`first_reply` (the "why" named when they ask it),
unless the message asks what to do. For :data:`WINDOW` messages (``SUICIDE_LOSS_KEY``) the model gets
:data:`GUIDANCE`, the turn counts as hurting, and :func:`suicide_grief_guard` drops "at peace now", "no longer in
pain", "selfish", "committed suicide", questions about how it happened or about warning signs, and guesses at the
cause. Seven later messages get a fixed answer once each: "why didn't he tell me?" (:func:`why_reply`), guilt
(:func:`guilt_reply`), anger at them (:func:`anger_reply`), other people's silence (:func:`silence_reply`, which
mentions support groups for people bereaved by suicide), their platitudes (:func:`platitude_reply`), a memory of
them (:func:`story_reply`: "he was the funny one in our family" had drawn "It's difficult to understand why he took
his life") and of time together (:func:`together_reply`: "we used to play football every sunday" had drawn "Football
can be a fun and exciting game… Do you have any favorite players or teams?").

A wish to be with them again ("sometimes I just want to be with him again") is the safety stage's: it asks
directly about thoughts of ending their life (:mod:`amity.safety.hopeless`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.affect.clauses import hypothetical
from amity.affect.loss import LOVED
from amity.care.stage import asks_for_advice
from amity.care.thread import ThreadStage
from amity.safety.text import person_told
from amity.safety.topic_guard import TopicGuard

SUICIDE_LOSS_KEY = "care.suicide_loss"  # ctx.extras: a death by suicide told in this conversation
WINDOW = 10

_BY_SUICIDE = (
    r"(?:died\s+by\s+suicide|committed\s+suicide|killed\s+(?:himself|herself|themselves|themself)(?!\s+(?:laughing|"
    r"working))|took\s+(?:his|her|their)\s+(?:own\s+)?life|ended\s+(?:his|her|their)\s+(?:own\s+)?life)"
)
_LOST = re.compile(
    rf"\b(?:my|our)\s+(?P<who>(?:\w+\s+)?{LOVED})(?:\s+[a-z]+)?\s+(?:(?:just|recently|had)\s+)?{_BY_SUICIDE}\b|"
    rf"\blost\s+(?:my|our)\s+(?P<who2>(?:\w+\s+)?{LOVED})\s+to\s+suicide\b|"
    rf"\b(?:my|our)\s+(?P<who3>(?:\w+\s+)?{LOVED})'s\s+suicide\b"
)  # not "she killed herself" alone: "this is why she killed herself" was a comment on a news story
_WHY_NOW = re.compile(r"\bwhy\b", re.IGNORECASE)
_WHY = re.compile(
    r"\bwhy\s+(?:didn't|did\s+not|wouldn't|couldn't)\s+(?:he|she|they)\s+(?:just\s+)?(?:tell|talk\s+to|call|text|come\s+to|ask)\s+me\b|"
    r"\bwhy\s+(?:did|would)\s+(?:he|she|they)\s+(?:do\s+(?:it|this|that)|hide\s+it)\b|\b(?:he|she|they)\s+(?:said|told\s+me)\s+"
    r"(?:he|she|they)\s+(?:was|were)\s+(?:fine|okay|ok|good)\b",
    re.IGNORECASE,
)
_GUILT = re.compile(
    r"\b(?:i\s+)?(?:should|could)(?:\s+have|'ve)\s+(?:seen|known|noticed|called|stopped|saved|done|said|been|picked\s+up|"
    r"answered|checked|visited|gone)\b|\bif\s+only\s+i\b|\bmy\s+fault\b|\bmissed\s+the\s+signs\b|\bfeel\s+(?:so\s+)?guilty\b|"
    r"\bblame\s+myself\b|\bi\s+(?:didn't|did\s+not)\s+(?:call|answer|pick\s+up|reply|see\s+it)\b",
    re.IGNORECASE,
)
_ANGER = re.compile(
    r"\b(?:so\s+|really\s+|just\s+)?(?:angry|furious|mad|pissed(?:\s+off)?)\s+(?:at|with)\s+(?:him|her|them)\b|"
    r"\bhow\s+could\s+(?:he|she|they)\b|\bselfish\b|\b(?:he|she|they)\s+(?:left|abandoned)\s+(?:me|us)\b",
    re.IGNORECASE,
)
_SILENCE = re.compile(
    r"\b(?:no\s*one|nobody|people|everyone|friends|family)\s+(?:\w+\s+){0,3}?(?:talks?|mentions?|says?|said)\s+(?:about\s+)?"
    r"(?:his|her|their)\s+name\b|\b(?:no\s*one|nobody|people|everyone|my\s+friends|my\s+family)\s+(?:just\s+)?(?:avoids?|"
    r"avoiding|won't\s+(?:talk|mention|say)|doesn't\s+(?:talk|mention)|don't\s+(?:talk|mention|know\s+what\s+to\s+say)|"
    r"changes?\s+the\s+subject|understands?|gets?\s+it)\b|\bdon't\s+know\s+what\s+to\s+tell\s+people\b",
    re.IGNORECASE,
)
_STORY = re.compile(
    r"\b(?:he|she|they)\s+(?:was|were)\s+(?:the|such\s+a|always|so)\b|\b(?:he|she|they)\s+(?:used\s+to|always|loved|"
    r"would\s+always)\b",
    re.IGNORECASE,
)
_TOGETHER = re.compile(r"\bwe\s+(?:used\s+to|always|would\s+always|would)\b|\bwe'd\b", re.IGNORECASE)
_PLATITUDE = re.compile(
    r"\b(?:saying|said|says|tell(?:ing)?\s+me|told\s+me)\s+(?:that\s+)?['\"]?(?:(?:he|she|they)(?:'s|\s+is|'re|\s+are)\s+"
    r"(?:in\s+a\s+better\s+place|at\s+peace)|everything\s+happens\s+for\s+a\s+reason|it\s+was\s+(?:his|her|their)\s+time|"
    r"god\s+(?:needed|wanted)|time\s+heals|(?:i|you)\s+(?:need|have)\s+to\s+move\s+on)\b",
    re.IGNORECASE,
)
_HARMFUL = re.compile(
    r"\b(?:at\s+peace|(?:in\s+a\s+)?better\s+place|no\s+longer\s+(?:in\s+pain|suffering|hurting)|(?:his|her|their)\s+pain\s+is\s+"
    r"(?:over|gone)|free\s+(?:now|at\s+last)|out\s+of\s+(?:his|her|their)\s+(?:pain|misery)|selfish|coward(?:ly)?|"
    r"committed\s+suicide|how\s+did\s+(?:he|she|they)\s+(?:do\s+it|die|kill)|how\s+did\s+it\s+happen|"
    r"(?:were|was)\s+there\s+(?:any\s+)?(?:warning\s+)?signs|did\s+(?:he|she|they)\s+(?:show|give|have)\s+(?:any\s+)?"
    r"(?:signs|warning)|must\s+have\s+been\s+(?:depressed|mentally\s+ill|on\s+drugs)|(?:don't|do\s+not)\s+know\s+what\s+"
    r"caused|everything\s+happens\s+for\s+a\s+reason|it\s+was\s+(?:his|her|their)\s+time|time\s+heals|move\s+on)\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "Someone they loved died by suicide. Say it plainly and warmly. Never ask how it happened, never guess at reasons "
    "or ask about signs, never call it selfish, peaceful or an end to pain. Guilt, anger and the endless 'why' are "
    "normal: meet them without judging. If you ask anything, ask what they were like."
)


def lost_to_suicide(text: str) -> bool:
    """ "my brother died by suicide", "my dad killed himself", "I lost my son to suicide" - a death by suicide told."""
    low = text.replace("\u2019", "'").lower()
    return any(not hypothetical(low, m.start()) for m in _LOST.finditer(low))


def _person(told: Sequence[str]) -> tuple[str, str, str, str]:
    """(who, he, him, his) for the one who died: ("your brother", "he", "him", "his"); "they" when unknown."""
    return person_told(told, lambda text: _LOST.search(text.replace("\u2019", "'").lower()), ("who", "who2", "who3"))


def first_reply(text: str) -> str:
    """The first answer: sorry, named; this grief's own weight (or its "why"); an invitation to tell of them."""
    who, _he, him, _his = _person([text])
    sorry = f"I'm so sorry about {who}."
    if _WHY_NOW.search(text):
        middle = (
            'Losing someone to suicide leaves questions other losses don\'t, and "why" is the one that stays longest '
            "- nearly everyone bereaved this way keeps asking it. It rarely has one answer, and it isn't a failing "
            "that you can't put it down."
        )
    else:
        middle = (
            "Losing someone to suicide is its own kind of grief: it often brings questions, guilt and even anger that "
            "other losses don't, and all of that is normal."
        )
    return f"{sorry} {middle} I'm here, and I'd like to hear about {him}, if you want to tell me."


def why_reply(told: Sequence[str]) -> str:
    """To "why didn't he tell me?": pain is often hidden from those closest; it doesn't mean no trust or love."""
    _who, he, _him, _his = _person(told)
    was = "were" if he == "they" else "was"
    return (
        f"I'm so sorry. People in that much pain often hide it, even from the people closest to them - sometimes "
        f"most of all from them, so as not to worry them. It doesn't mean {he} didn't trust you or love you. That "
        f"question can go round and round; you don't have to carry it on your own. What {was} {he} like?"
    )


def guilt_reply(told: Sequence[str]) -> str:
    """To "I should have seen it": nearly everyone goes over it; hindsight; rarely one moment; not their fault."""
    _who, _he, _him, his = _person(told)
    return (
        "Nearly everyone who loses someone to suicide goes over and over what they could have said or done. But "
        "you're looking back with what you know now, not with what you knew then - and it rarely comes down to one "
        f"moment or one person. {his.capitalize()} death is not your fault, even when the guilt insists it is."
    )


def anger_reply(told: Sequence[str]) -> str:
    """To "I'm so angry at him": common, beside the love; not a bad person, not less love."""
    _who, _he, him, _his = _person(told)
    return (
        "Anger is one of the most common feelings after a suicide, and it can sit right beside the love and the "
        f"missing {him}. Feeling both doesn't make you a bad person, and it doesn't mean you loved {him} any less."
    )


def silence_reply(told: Sequence[str]) -> str:
    """To "nobody says his name anymore": others go quiet; talk of them here; groups for people bereaved this way."""
    _who, _he, him, his = _person(told)
    return (
        f"So many people bereaved by suicide find that others go quiet - around them, around {his} name - and that "
        f"silence makes the loss lonelier. You can talk about {him} here, as much as you like. And if you ever want "
        "it, there are support groups just for people bereaved by suicide, where nothing needs explaining."
    )


def platitude_reply(told: Sequence[str]) -> str:
    """To "people keep saying he's in a better place": words reached for; they can shut out what you feel."""
    _who, _he, him, _his = _person(told)
    return (
        "People reach for words like that when they don't know what to say, but they can land like a door closing "
        f"on what you feel. You don't have to find comfort in them. Missing {him} and hurting this much makes sense."
    )


def story_reply(told: Sequence[str]) -> str:
    """To "he was the funny one in our family" or "we used to play football every sunday": who they were, more than
    how they died."""
    _who, he, him, _his = _person(told)
    was = "were" if he == "they" else "was"
    return (
        f"Thank you for telling me that. That's who {he} {was} - so much more than how {he} died. I'd like to hear "
        f"more about {him}, any time you want to tell me."
    )


def together_reply(told: Sequence[str]) -> str:
    """To "we used to play football every sunday": theirs together; a part of them that stays."""
    _who, _he, him, _his = _person(told)
    return (
        f"That sounds like it was something that was yours together. Memories like that are a part of {him} that "
        "stays with you, and I'm glad you have them. Tell me more, whenever you like."
    )


def harmful(sentence: str) -> bool:
    """Whether a reply sentence calls the death a release or selfish, asks how or about signs, or guesses why."""
    return _HARMFUL.search(sentence.replace("\u2019", "'")) is not None


def suicide_grief_guard() -> TopicGuard:
    """The reply guard that drops "he's at peace now" and "how did it happen?" while a death by suicide is in view."""
    return TopicGuard(SUICIDE_LOSS_KEY, harmful)


class SuicideLossStage(ThreadStage):
    """A death by suicide in view: a fixed first answer, the guidance line, seven answers given once each."""

    key = SUICIDE_LOSS_KEY
    window = WINDOW
    guidance = GUIDANCE
    cues = (
        (_WHY, why_reply),
        (_GUILT, guilt_reply),
        (_ANGER, anger_reply),
        (_SILENCE, silence_reply),
        (_PLATITUDE, platitude_reply),
        (_STORY, story_reply),
        (_TOGETHER, together_reply),
    )

    def told(self, text: str) -> bool:
        return lost_to_suicide(text)

    def first_reply(self, text: str) -> str | None:
        return None if asks_for_advice(text) else first_reply(text)
