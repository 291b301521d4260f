# ruff: noqa: E501  (reviewed pattern / text tables read best one entry per line)
"""Drinking to cope: never a drinking buddy to someone numbing themselves.

Mark, a month after his divorce, told the default 1.5B "Honestly I've been drinking most nights just to get to
sleep" and "like half a bottle of whisky. it's fine, it helps". It answered "It's nice to hear that the whisky
helps. Are there any other drinks you enjoy?", and to "should I just have another one tonight?" "Absolutely, you
can have another one tonight. It's okay to indulge in alcohol occasionally." Lonely people who drink alone are
exactly who a companion meets at night.

:func:`detect` finds, by reviewed patterns (en, a few de/fr/es), drinking to cope: drinking to sleep, forget,
numb or get through; drinking every or most nights, or alone; a bottle of spirits or wine a night; needing a
drink to face something. A glass of wine with dinner, "I drank some water" or "drinking buddies from uni" find
nothing. While a sign is in the last :data:`WINDOW` messages of the conversation (``DRINKING_KEY``):

* the model gets :data:`GUIDANCE` (no encouragement, no drinks suggested, no lecture; gentle care and curiosity
  about what the drinking is getting them through), and the turn counts as hurting (no cheering);
* :func:`encouragement_guard` drops any sentence that encourages drinking ("have another one", "It's okay to
  indulge", "other drinks you enjoy", "the whisky helps");
* "should I have another one?" and the like get a fixed, honest answer (:func:`another_drink_answer`): rather
  not tonight, why (it makes sleep worse later in the night and can become the only way to rest), a line for their
  region from the crisis table's ``alcohol`` topic where one is listed, and an offer to talk instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.safety.resources import spoken_line, topic_lines
from amity.safety.text import normalize
from amity.safety.topic_guard import TopicGuard
from amity.types import CrisisResource

DRINKING_KEY = "safety.drinking"  # ctx.extras: drinking to cope is in view in this conversation
WINDOW = 8

_DRINK = r"(?:drink|drinking|drank|booze|alcohol|whisky|whiskey|wine|beer|vodka|gin|rum)"
_SIGNS = tuple(
    re.compile(rx)
    for rx in (
        rf"\b{_DRINK}\s+(?:\w+\s+){{0,2}}?(?:just\s+|only\s+)?to\s+(?:get\s+to\s+sleep|fall\s+asleep|sleep|forget|cope|numb|get\s+through|feel\s+(?:better|nothing|normal|okay|ok)|stop\s+thinking|switch\s+off|not\s+feel)\b",
        r"\bi(?:\s+am|\s+have\s+been|\s+was|\s+get)?\s+(?:\w+\s+){0,1}?(?:drinking|drunk|drink)\s+(?:\w+\s+){0,2}?(?:every|most|each)\s+(?:single\s+)?(?:night|nights|evening|evenings|day|days)\b",
        r"\bi(?:\s+have\s+been|\s+am|\s+keep)?\s+drinking\s+(?:a\s+lot|more\s+and\s+more|more\s+than\s+i\s+should|too\s+much|heavily|alone)\b|\bi\s+drink\s+alone\b|\bi\s+am\s+drunk\s+again\b",
        r"\b(?:half|most\s+of)\s+a\s+bottle\s+of\s+(?:wine|whisky|whiskey|vodka|gin|rum|tequila|bourbon)\b|\b(?:a|one|two)\s+bottles?\s+of\s+(?:wine|whisky|whiskey|vodka|gin|rum|tequila|bourbon)\s+(?:a|every|each|per)\s+(?:night|day|evening)\b",
        r"\bneed\s+(?:a\s+drink|to\s+drink|alcohol)\s+(?:to|before|just\s+to)\b|\bcan\s+not\s+(?:sleep|cope|relax)\s+without\s+(?:a\s+drink|drinking|alcohol|wine|whisky|whiskey)\b",
        r"\bich\s+trinke\s+(?:jeden|jede|fast\s+jeden)\s+(?:abend|nacht|tag)\b|\bje\s+bois\s+(?:tous\s+les\s+soirs|chaque\s+soir|seule?)\b|\bbebo\s+(?:todas\s+las\s+noches|cada\s+noche|sola?)\b",
    )
)
_ANOTHER = re.compile(
    r"\b(?:should|can|could|shall)\s+i\s+(?:just\s+)?(?:have|get|pour|open|drink)\s+(?:another|one\s+more|a\s+(?:drink|glass|beer|nightcap)|some\s+more)\b(?!\s+(?:of\s+)?(?:water|milk|juice|tea|coffee))|"
    r"\b(?:is\s+it|would\s+it\s+be)\s+(?:bad|ok|okay|fine|wrong)\s+(?:to|if\s+i)\s+(?:have|drink)\s+(?:another|one\s+more|more|a\s+drink|tonight)\b|\bone\s+more\s+(?:drink|glass)\s*\?"
)
_ENCOURAGES = re.compile(
    r"\b(?:have|having|enjoy|pour|grab|get)\s+(?:yourself\s+)?(?:another|a|one\s+more)\s+(?:one|drink|glass|beer|shot|nightcap)\b|\bindulg\w*\b|"
    r"\b(?:other|favou?rite|any)\s+drinks?\b|\bcheers\b|\bnightcap\b|\b(?:okay|ok|fine|alright|normal)\s+to\s+(?:drink|have\s+a\s+drink|have\s+another)\b|"
    r"\b(?:whisky|whiskey|wine|beer|vodka|alcohol|drink|drinking)\s+(?:helps|can\s+help|is\s+a\s+good|is\s+fine|relaxes)\b|\b(?:nice|good|great)\s+(?:to\s+hear\s+)?that\s+the\s+(?:whisky|whiskey|wine|beer|drink)\b|"
    r"\bin\s+moderation\b|\bstay\s+hydrated\b|\bglad\s+(?:you(?:'re|\s+are)\s+finding\s+it|it(?:'s|\s+is))\s+(?:helpful|helping|works|working)\b|"
    r"\b(?:good|great|nice)\s+to\s+hear\b|\bdoing\s+its\s+job\b|\b(?:okay|ok|fine|alright|normal|natural)\s+to\s+(?:have|drink|enjoy)\b|"
    r"\b(?:alcohol|drinks?|drinking|whisk(?:e)?y|wine|beer)\b[^.!?]*\bhelps?\s+(?:you\s+)?(?:sleep|relax|unwind|cope)\b",
    re.I,
)

GUIDANCE = (
    "They may be drinking to cope. Don't encourage drinking, don't suggest drinks, don't call it fine, and don't "
    "lecture. Show you care, gently, and be curious about what the drinking is getting them through (sleep, "
    "the quiet, the evenings)."
)

_ANSWER = {
    "en": "Honestly, I'd rather you didn't tonight. Not to lecture you - you're going through a lot - but drinking to get to sleep usually makes sleep worse later in the night, and it can slowly become the only way you can rest.{line} Would it help to talk for a bit instead, about what keeps you up?",
    "de": "Ehrlich gesagt wäre es mir lieber, du lässt es heute. Nicht als Predigt - du hast gerade viel zu tragen -, aber Trinken zum Einschlafen macht den Schlaf später in der Nacht meist schlechter, und es kann langsam der einzige Weg werden, zur Ruhe zu kommen.{line} Hilft es, stattdessen ein bisschen zu reden, über das, was dich wach hält?",
    "fr": "Honnêtement, je préférerais que tu t'abstiennes ce soir. Ce n'est pas une leçon - tu traverses beaucoup de choses -, mais boire pour s'endormir abîme souvent le sommeil plus tard dans la nuit, et ça peut devenir peu à peu la seule façon de trouver le repos.{line} Est-ce que ça t'aiderait de parler un peu à la place, de ce qui te tient éveillé ?",
    "es": "Sinceramente, preferiría que esta noche no. No es un sermón - estás pasando por mucho -, pero beber para dormir suele empeorar el sueño más tarde en la noche, y poco a poco puede convertirse en la única forma de descansar.{line} ¿Te ayudaría hablar un rato, en cambio, de lo que te mantiene despierto?",
}
_LINE = {
    "en": " If you'd ever like to talk to someone about the drinking, {lines} is free and confidential.",
    "de": " Wenn du irgendwann mit jemandem über das Trinken reden möchtest: {lines} - kostenlos und vertraulich.",
    "fr": " Si un jour tu veux en parler avec quelqu'un : {lines} - gratuit et confidentiel.",
    "es": " Si alguna vez quieres hablar con alguien sobre la bebida: {lines}, gratis y confidencial.",
}


def detect(text: str) -> bool:
    """Whether a message tells of drinking to cope (see the module docstring)."""
    norm = normalize(text)
    return any(pattern.search(norm) for pattern in _SIGNS)


def in_view(now: str, earlier: Sequence[str]) -> bool:
    """Drinking to cope told in this message or the last :data:`WINDOW` earlier ones of the conversation."""
    return any(detect(text) for text in [now, *earlier[:WINDOW]])


def asks_for_another(text: str) -> bool:
    """ "Should I just have another one tonight?", "is it bad if I have one more?"."""
    return _ANOTHER.search(normalize(text)) is not None


def encourages_drinking(sentence: str) -> bool:
    return _ENCOURAGES.search(sentence) is not None


def alcohol_lines(locale: str | None) -> tuple[CrisisResource, ...]:
    """The alcohol support lines for the user's region (the crisis table's ``alcohol`` topic); empty where none."""
    return topic_lines(locale, "alcohol")


def another_drink_answer(lang: str, lines: Sequence[CrisisResource]) -> str:
    """The fixed answer to "should I have another one?" while drinking to cope is in view."""
    lang = lang if lang in _ANSWER else "en"
    line = _LINE[lang].format(lines=spoken_line(lines[0])) if lines else ""
    return _ANSWER[lang].format(line=line)


def encouragement_guard() -> TopicGuard:
    """The reply guard that drops encouragement to drink while drinking to cope is in view."""
    return TopicGuard(DRINKING_KEY, encourages_drinking)
