"""Hating how one looks: the pain heard, no comment on the body, no "what do you want to look like?".

Someone told the default 1.5B "I hate how I look in every photo", "I untagged myself from all the pictures from the
wedding" and "everyone else looks so pretty and I look huge". It answered "Have you tried taking a different photo?",
then (dropped by the cheer guard) "That's nice - it's always good to get back to your own pictures", then "We're all
different in our looks, and that's what makes us unique. Have you been thinking about what you want to look like?"
- an invitation to set a body goal, to someone who already hides from photos. Body dissatisfaction is common and
hurts; it is also where eating problems often start, so a companion must not become a coach.

:func:`hates_looks` finds it ("I hate how I look", "I hate my body", "I look huge / fat / disgusting", "I can't stand
looking in the mirror", "I untagged myself from all the pictures", "everyone else looks so pretty and I…"). The first
telling gets :func:`first_reply`; for :data:`WINDOW` messages (``BODY_IMAGE_KEY``) the model gets :data:`GUIDANCE`,
the turn counts as hurting, and :func:`looks_guard` drops advice about looks (another photo or angle, "what you want
to look like", diets, losing weight, exercise, "everyone is beautiful", "unique") and the eating module's diet talk.
Hiding from pictures told then ("I untagged myself from all the pictures from the wedding"; the 1.5B: "It's important
to have control over what you share") gets :data:`HIDING_REPLY` once.
Not eating or punishing exercise told is :mod:`amity.safety.eating`'s, which runs first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.care.thread import ThreadStage
from amity.safety.eating import is_diet_talk
from amity.safety.topic_guard import TopicGuard

BODY_IMAGE_KEY = "care.body_image"  # ctx.extras: hating how they look told in this conversation
WINDOW = 8

_LOOKS = re.compile(
    r"\bi\s+(?:really\s+|just\s+|absolutely\s+)?(?:hate|can't\s+stand|cannot\s+stand|despise)\s+(?:how|the\s+way)\s+i\s+look\b|"
    r"\bi\s+(?:really\s+|just\s+)?(?:hate|can't\s+stand|cannot\s+stand|despise)\s+my\s+(?:body|face|thighs|stomach|belly|arms|nose|skin|reflection)\b|"
    r"\bi\s+(?:look|am|'m|feel)\s+(?:so\s+|really\s+|absolutely\s+|just\s+)?(?:huge|fat|disgusting|gross|hideous|ugly|enormous|like\s+a\s+whale)\b|"
    r"\bi\s+(?:can't|cannot|can\s+not)\s+(?:stand\s+)?(?:look(?:ing)?\s+(?:at\s+myself\s+)?in\s+the\s+mirror|look\s+at\s+myself)\b|"
    r"\bi\s+untagged\s+myself\b|\b(?:everyone|everybody)\s+else\s+looks?\s+(?:so\s+)?(?:pretty|thin|skinny|good|beautiful|perfect|amazing)\b",
    re.IGNORECASE,
)
_LOOKS_ADVICE = re.compile(
    r"\b(?:different|another|new|better)\s+(?:photo|picture|angle|pose|lighting|filter|outfit)\b|\bwhat\s+you\s+want\s+to\s+look\s+like\b|"
    r"\b(?:lose|losing|shed)\s+(?:some\s+)?weight\b|\b(?:diet|dieting|workout|work\s+out|exercise|gym|healthy\s+eating|eat\s+healthier)\b|"
    r"\b(?:everyone|everybody)\s+is\s+beautiful\b|\b(?:makes?|make)\s+(?:us|you)\s+unique\b|\bbeautiful\s+in\s+(?:your|their)\s+own\s+way\b|"
    r"\b(?:change|improve)\s+(?:your|the\s+way\s+you)\s+(?:look|appearance|body)\b|\bjust\s+a\s+reflection\s+of\s+who\s+you\s+are\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "They feel bad about how they look. Don't comment on their body or weight, and never suggest diets, exercise, "
    "another photo or 'what you want to look like'; no 'everyone is beautiful' platitudes. Acknowledge how painful "
    "it is, and be curious about what they feel and what it costs them (hiding from photos, missing moments). If they "
    "speak of not eating or of punishing exercise, take it seriously."
)


def hates_looks(text: str) -> bool:
    """ "I hate how I look in every photo", "I look huge", "I untagged myself from all the pictures"."""
    return _LOOKS.search(text.replace("\u2019", "'")) is not None


def first_reply(text: str) -> str:
    """The first answer: the pain named, the harshness of one's own eye, one question."""
    if re.search(r"\b(?:photos?|pictures?|pics?)\b", text, re.IGNORECASE):
        return (
            "I'm sorry - that's such a painful way to feel, and it can take the joy out of the moments you want to "
            "remember. So many people feel this way about photos; our own eyes are harsher on us than anyone else's. "
            "What goes through your mind when you see them?"
        )
    return (
        "I'm sorry - that's such a painful way to feel about yourself. So many people feel this way; our own eyes are "
        "harsher on us than anyone else's. What goes through your mind when you feel like that?"
    )


_HIDING = re.compile(
    r"\bi\s+untagged\s+myself\b|\bi\s+(?:deleted|removed|hid)\s+(?:all\s+)?(?:the|my|those)\s+(?:photos|pictures|pics)\b|"
    r"\bi\s+(?:always\s+)?(?:avoid|hide\s+from|stay\s+out\s+of)\s+(?:photos|pictures|cameras|the\s+camera|group\s+photos)\b",
    re.IGNORECASE,
)
HIDING_REPLY = (
    "That says how much it hurts to see yourself in them. It makes sense to want to hide from it - and it's sad too, "
    "because you were part of that day, and you belong in those pictures as much as anyone. How did the day itself "
    "feel?"
)


def gives_looks_advice(sentence: str) -> bool:
    return _LOOKS_ADVICE.search(sentence.replace("\u2019", "'")) is not None or is_diet_talk(sentence)


def looks_guard() -> TopicGuard:
    """The reply guard that drops advice about looks while hating how they look is in view."""
    return TopicGuard(BODY_IMAGE_KEY, gives_looks_advice)


class BodyImageStage(ThreadStage):
    """Hating how they look in view: a fixed first answer, then the guidance line and the looks guard."""

    key = BODY_IMAGE_KEY
    window = WINDOW
    guidance = GUIDANCE

    def told(self, text: str) -> bool:
        return hates_looks(text)

    def first_reply(self, text: str) -> str | None:
        return first_reply(text)

    def later_replies(self, text: str, earlier: Sequence[str]) -> Sequence[str]:
        return (HIDING_REPLY,) if _HIDING.search(text.replace("\u2019", "'")) else ()
