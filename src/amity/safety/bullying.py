"""Bullying: "it isn't your fault", never "try not to take it personally".

A 16-year-old told the default 1.5B "some guys at school keep calling me names. they wrote something on my
locker" and heard "It's important to remember that everyone has a different name and it's okay if someone makes
fun of you. It's important to respect others' feelings and try not to take things personally."

:func:`detect` finds bullying told in the first person (en, a few de/fr/es): being bullied, called names, made
fun of, laughed at again and again, left out, rumours or pictures spread, something written on their locker.
While it is in the last :data:`WINDOW` messages of the conversation (``BULLYING_KEY``) the model gets
:func:`guidance` (not their fault; no "ignore them"; for a minor, a trusted adult can help make it stop), the
turn counts as hurting, and :func:`brush_off_guard` drops sentences that brush it off ("ignore them", "don't take
it personally", "it's okay if someone makes fun of you", "maybe they were joking", "toughen up", "respect
others' feelings").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.safety.text import normalize
from amity.safety.topic_guard import TopicGuard

BULLYING_KEY = "safety.bullying"  # ctx.extras: bullying told in this conversation
WINDOW = 8

_SIGNS = re.compile(
    r"\bi\s+(?:am|have\s+been|keep|get|got|was)\s+(?:\w+\s+)?(?:bullied|picked\s+on|teased|harassed|excluded)\b|\b(?:they|he|she|people|kids|everyone|some\s+(?:\w+\s+)?(?:guys|girls|kids|people))\s+(?:\w+\s+){0,2}?(?:bully|bullies|bullied|tease|teases)\s+me\b|"
    r"\b(?:call|calls|calling|called)\s+me\s+(?:names|\w+\s+names|(?:a\s+)?(?:loser|freak|ugly|fat|stupid|weirdo|slut|whore|fag\w*|dyke|gay|lesbo|nerd|pig|cow|retard\w*))\b|\b(?:make|makes|made|making)\s+fun\s+of\s+me\b|\b(?:keep|keeps|kept|always|still)\s+laughing\s+at\s+me\b|\b(?:laugh|laughs)\s+at\s+me\s+(?:every|all\s+the\s+time|behind)\b|"
    r"\b(?:wrote|written|writing|scratched)\s+(?:something|\w+|stuff|things)\s+on\s+my\s+(?:locker|desk|bag|door)\b|\b(?:spread|spreading|posted|posting|shared|sharing)\s+(?:\w+\s+){0,2}?(?:rumou?rs?|pictures?|photos?|videos?|lies|something)\s+about\s+me\b|"
    r"\b(?:nobody|no\s+one)\s+(?:will\s+|wants\s+to\s+)?(?:sit|sits|talk|talks|play|plays)\s+(?:with|to)\s+me\b|\b(?:left|leave|leaves|keep\s+leaving)\s+me\s+out\b(?!\s+of\s+(?:it|this))|"
    r"\bich\s+werde\s+gemobbt\b|\bje\s+suis\s+harcele\w*\b|\bme\s+hacen\s+bullying\b|\bme\s+acosan\b"
)
_BRUSH_OFF = re.compile(
    r"\bignor(?:e|ing)\s+(?:them|it|him|her|the\s+\w+)\b|\b(?:not|don't|do\s+not|try\s+not\s+to)\s+take\s+(?:it|things|this)\s+(?:too\s+)?personally\b|\b(?:it's|it\s+is)\s+(?:ok|okay|fine|normal)\s+(?:if|when|that)\s+(?:someone|people|they)\b|"
    r"\beveryone\s+(?:gets|has\s+been)\s+(?:teased|bullied|made\s+fun\s+of)\b|\b(?:were|was|are|is)\s+(?:just\s+)?(?:joking|kidding|teasing)\b|\bjust\s+(?:a\s+)?jok(?:e|ing)\b|\btoughen\s+up\b|\bthick(?:er)?\s+skin\b|"
    r"\bsticks\s+and\s+stones\b|\brespect\s+(?:others'?|other\s+people's|their)\s+feelings\b|\beveryone\s+has\s+a\s+different\s+name\b|\b(?:boys|kids)\s+will\s+be\b|\bdidn't\s+mean\s+(?:it|to)\b",
    re.I,
)


def detect(text: str) -> bool:
    """Whether a message tells of being bullied (see the module docstring)."""
    return _SIGNS.search(normalize(text)) is not None


def in_view(now: str, earlier: Sequence[str]) -> bool:
    return any(detect(text) for text in [now, *earlier[:WINDOW]])


def guidance(minor: bool) -> str:
    adult = (
        " They don't have to face it alone: gently say a trusted adult (a teacher, school counsellor or a parent "
        "they trust) can help make it stop."
        if minor
        else ""
    )
    return (
        "They may be being bullied. Say clearly that it isn't their fault and they don't deserve it. Don't tell them "
        "to ignore it, to toughen up or not to take it personally, and don't suggest it was a joke." + adult + " Ask "
        "how they are doing."
    )


def brushes_off(sentence: str) -> bool:
    return _BRUSH_OFF.search(sentence) is not None


def brush_off_guard() -> TopicGuard:
    """The reply guard that drops sentences brushing bullying off while it is in view."""
    return TopicGuard(BULLYING_KEY, brushes_off)
