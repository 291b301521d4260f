# ruff: noqa: E501  (reviewed pattern / text tables read best one entry per line)
"""A controlling partner: warning signs are named gently, never explained away.

Jess told the default 1.5B "my boyfriend checks my phone every night and gets really angry if I see my friends
without him", then "he says it's because he loves me so much. maybe he's right?" and "last week he threw my
phone at the wall. but he apologised". It answered "Maybe it's just because he loves you so much" and, to "I
don't want to make a big deal of it", "Let's try to focus on the positive aspects of your relationship". The
crisis protocol catches violence against the person ("he hits me", "he threw a plate at me"); this module is for
what comes before it, the coercive control that isolates people.

:func:`detect` finds, by reviewed patterns (en, a few de/fr/es), with a partner named in the message or earlier
in the conversation:

* ``control`` - checking their phone or messages, tracking them, anger or bans on seeing friends or family,
  controlling their money, threats to leave or self-harm "if you…";
* ``intimidation`` - throwing, smashing or punching things in anger, "I walk on eggshells", "I'm scared of him
  sometimes".

While a sign is in the last :data:`WINDOW` messages (``CONTROL_KEY``) the model gets :data:`GUIDANCE`, the turn
counts as hurting, and :func:`minimising_guard` drops sentences that explain the behaviour away ("because he
loves you", "focus on the positive", "he's just jealous", "every relationship has its ups and downs", "talk to
him about it"). The first intimidation told in a conversation gets a fixed reply (:func:`intimidation_reply`):
glad they said it, it isn't okay even with an apology, they deserve to feel safe, no decision needed now, a
domestic-abuse line for their region (the crisis table's ``domestic_abuse`` topic) where one is listed, one question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.safety.resources import spoken_line, topic_lines
from amity.safety.text import normalize
from amity.safety.topic_guard import TopicGuard
from amity.types import CrisisResource

CONTROL_KEY = "safety.control"  # ctx.extras: signs of a controlling partner in view in this conversation
WINDOW = 8

_PARTNER = re.compile(
    r"\b(?:boyfriend|girlfriend|husband|wife|partner|fiance|fiancee|bf|gf|freund|freundin|mann|copain|copine|mari|novio|novia|marido|esposa?)\b"
)
_WHO = r"(?:he|she|they|my\s+(?:boyfriend|girlfriend|husband|wife|partner|fiance|fiancee|bf|gf))"
_SIGNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rx))
    for kind, rx in (
        (
            "control",
            rf"\b{_WHO}\s+(?:\w+\s+){{0,2}}?(?:checks|check|checked|goes\s+through|went\s+through|reads|read|looks\s+through|tracks|tracked|monitors)\s+(?:all\s+)?(?:my\s+)?(?:phone|messages|texts|emails|location|dms|whatsapp|instagram)\b",
        ),
        (
            "control",
            rf"\b{_WHO}\s+(?:\w+\s+){{0,2}}?(?:gets|got|goes|is)\s+(?:really\s+|so\s+|very\s+|super\s+)?(?:angry|mad|furious|upset|jealous|crazy)\s+(?:if|when|whenever|every\s+time)\s+i\s+(?:see|meet|go\s+out\s+with|talk\s+to|text|hang\s+out\s+with|spend\s+time\s+with)\s+(?:my\s+)?(?:friends|family|mum|mom|sister|brother|parents|anyone|other\s+people|a\s+friend)",
        ),
        (
            "control",
            rf"\b{_WHO}\s+(?:does\s+not|will\s+not|would\s+not|never)\s+let\s+me\s+(?:see|go\s+out|meet|talk\s+to|have\s+(?:my\s+own\s+)?(?:money|friends|a\s+phone)|work|leave\s+the\s+house)\b|\b(?:i\s+am\s+)?not\s+allowed\s+to\s+(?:see|go\s+out\s+with|meet|talk\s+to)\s+(?:my\s+)?(?:friends|family)\b",
        ),
        (
            "control",
            rf"\b{_WHO}\s+(?:\w+\s+)?(?:takes|took|controls|keeps)\s+(?:all\s+)?(?:my|the|our)\s+(?:money|wages|salary|bank\s+card|cards|passport)\b|\b{_WHO}\s+threatens?\s+to\s+(?:leave|kill\s+(?:himself|herself)|hurt\s+(?:himself|herself))\s+if\s+i\b|\bcut\s+me\s+off\s+from\s+(?:my\s+)?(?:friends|family)\b",
        ),
        (
            "intimidation",
            rf"\b{_WHO}\s+(?:\w+\s+)?(?:threw|throws|has\s+thrown|smashed|smashes|broke|breaks|punched|punches|kicked|kicks|slammed)\s+(?:my\s+|the\s+|a\s+|his\s+|her\s+|our\s+)?(?:phone|laptop|things|stuff|plates?|glass(?:es)?|walls?|doors?|chair|table|tv|mirror)\b(?!\s+at\s+me)",
        ),
        (
            "intimidation",
            rf"\b(?:walk|walking)\s+on\s+eggshells\b|\bi\s+am\s+(?:a\s+(?:bit|little)\s+)?(?:scared|afraid|frightened)\s+of\s+(?:him|her)\b|\b{_WHO}\s+(?:grabbed|grabs|pinned|pins|cornered|corners|shook)\s+me\b",
        ),
        (
            "control",
            r"\b(?:kontrolliert|checkt)\s+(?:mein|meine)\s+(?:handy|nachrichten)\b|\b(?:regarde|fouille|controle)\s+mon\s+(?:telephone|portable)\b|\b(?:revisa|mira|controla)\s+mi\s+(?:telefono|celular|movil)\b",
        ),
    )
)
_MINIMISING = re.compile(
    r"\b(?:because|means|shows)\s+(?:that\s+)?(?:he|she|they)\s+(?:really\s+)?(?:loves?|cares?\s+about)\s+you\b|\bfocus\s+on\s+the\s+positive|\bpositive\s+(?:aspects|sides?|things)\s+of\s+(?:your|the)\s+relationship\b|"
    r"\b(?:just|only|a\s+(?:little|bit))\s+(?:being\s+)?(?:jealous|protective|worried|paranoid|insecure|overprotective)\b|\bevery\s+(?:relationship|couple)\s+has\b|\bups\s+and\s+downs\b|"
    r"\b(?:give|giving)\s+(?:him|her|them)\s+(?:another|a\s+second)\s+chance\b|\btalk\s+to\s+(?:him|her|them)\s+(?:about\s+(?:it|this|how)|calmly)\b|\b(?:at\s+least|good\s+that|nice\s+that)\s+(?:he|she|they)\s+apologi[sz]ed\b|"
    r"\b(?:taking|takes)\s+(?:it\s+)?(?:a\s+little\s+)?too\s+seriously\b|\bmake\s+(?:him|her|them)\s+(?:feel\s+)?(?:more\s+)?secure\b|"
    r"\btalk(?:ing)?\s+(?:to|with)\s+your\s+(?:boyfriend|girlfriend|husband|wife|partner|fiance|fiancee)\b|\bworks?\s+for\s+both\s+of\s+you\b|"
    r"\bunderstandable\s+that\s+(?:your\s+\w+|he|she|they)\s+(?:feels?|gets?|is|does)\b|\b(?:relationship|couples?|marriage)\s+(?:counsel\w*|therap\w*)\b|\b(?:believe|trust)\s+in\s+(?:your\s+\w+'s|his|her|their)\s+love\b|"
    r"\bagree\s+on\b|\bcommunicat\w*\b|\bbalanced\s+relationship\b|\balways\s+there\s+for\s+you\b|\bsee\s+(?:it\s+)?from\s+(?:his|her|their)\s+(?:side|perspective|point\s+of\s+view)\b",
    re.I,
)

GUIDANCE = (
    "What they describe (checking their phone, anger when they see friends, throwing things) are common warning "
    "signs of a controlling relationship. Gently say that love doesn't need control and that they deserve to feel "
    "free and safe. Don't defend or explain the partner, don't say 'focus on the positive', don't tell them to "
    "leave or to talk to the partner; ask how they feel around them."
)

_REPLY = {
    "en": "I'm really glad you told me. {act} when angry isn't okay, even with an apology afterwards, and you deserve to feel safe with a partner. You don't have to decide anything right now.{line} How do you feel when you're around {them}?",
    "de": "Ich bin wirklich froh, dass du es mir erzählst. {act} im Streit ist nicht in Ordnung, auch nicht mit einer Entschuldigung danach, und du verdienst es, dich in einer Beziehung sicher zu fühlen. Du musst jetzt nichts entscheiden.{line} Wie fühlst du dich, wenn du mit {them} zusammen bist?",
    "fr": "Je suis vraiment contente que tu me le dises. {act} sous la colère, ce n'est pas acceptable, même avec des excuses ensuite, et tu mérites de te sentir en sécurité dans ton couple. Tu n'as rien à décider maintenant.{line} Comment te sens-tu quand tu es avec {them} ?",
    "es": "Me alegra mucho que me lo cuentes. {act} cuando se enfada no está bien, aunque luego se disculpe, y mereces sentirte a salvo con tu pareja. No tienes que decidir nada ahora.{line} ¿Cómo te sientes cuando estás con {them}?",
}
_ACT = {
    "en": "Throwing or breaking things",
    "de": "Dinge zu werfen oder kaputt zu machen",
    "fr": "Lancer ou casser des choses",
    "es": "Tirar o romper cosas",
}
_THEM = {
    "en": {"he": "him", "she": "her", "": "them"},
    "de": {"he": "ihm", "she": "ihr", "": "deinem Partner"},
    "fr": {"he": "lui", "she": "elle", "": "ton partenaire"},
    "es": {"he": "él", "she": "ella", "": "tu pareja"},
}
_LINE = {
    "en": " If you'd like to talk it through with people who understand this, {lines} is free and confidential.",
    "de": " Wenn du mit Menschen darüber reden möchtest, die sich damit auskennen: {lines} - kostenlos und vertraulich.",
    "fr": " Si tu veux en parler avec des personnes qui connaissent bien ces situations : {lines}, gratuit et confidentiel.",
    "es": " Si quieres hablarlo con personas que entienden estas situaciones: {lines}, gratis y confidencial.",
}


def detect(text: str, earlier: Sequence[str] = ()) -> tuple[str, ...]:
    """The signs (``control``, ``intimidation``) a message tells of, when a partner is named in it or in the
    ``earlier`` messages of the conversation."""
    norm = normalize(text)
    found = {kind for kind, pattern in _SIGNS if pattern.search(norm)}
    if not found or not any(_PARTNER.search(normalize(t)) for t in [text, *earlier[:WINDOW]]):
        return ()
    return tuple(kind for kind in ("intimidation", "control") if kind in found)


def in_view(now: str, earlier: Sequence[str]) -> tuple[str, ...]:
    """The signs of this message and the last :data:`WINDOW` earlier ones of the conversation (newest first)."""
    window = [now, *earlier[:WINDOW]]
    return tuple(sorted({kind for i, text in enumerate(window) for kind in detect(text, window[i + 1 :])}))


def partner_pronoun(texts: Sequence[str]) -> str:
    """ "he", "she" or "" (unknown) for the partner, from how the conversation names them."""
    for text in texts:
        norm = normalize(text)
        if re.search(r"\b(?:boyfriend|husband|fiance|bf|freund|mann|copain|mari|novio|marido)\b", norm):
            return "he"
        if re.search(r"\b(?:girlfriend|wife|fiancee|gf|freundin|copine|femme|novia|esposa)\b", norm):
            return "she"
    return ""


def intimidation_reply(lang: str, pronoun: str, lines: Sequence[CrisisResource]) -> str:
    """The fixed reply to the first intimidation told in a conversation."""
    lang = lang if lang in _REPLY else "en"
    line = _LINE[lang].format(lines=spoken_line(lines[0])) if lines else ""
    return _REPLY[lang].format(act=_ACT[lang], line=line, them=_THEM[lang][pronoun])


def abuse_lines(locale: str | None) -> tuple[CrisisResource, ...]:
    """The partner-violence lines for the user's region (the crisis table's ``domestic_abuse`` topic); empty where
    none is listed."""
    return topic_lines(locale, "domestic_abuse")


def minimises(sentence: str) -> bool:
    return _MINIMISING.search(sentence) is not None


def minimising_guard() -> TopicGuard:
    """The reply guard that drops sentences explaining a controlling partner away."""
    return TopicGuard(CONTROL_KEY, minimises)
