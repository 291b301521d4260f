# ruff: noqa: E501  (reviewed pattern / text tables read best one entry per line)
"""Coming out: a young person telling who they are meets acceptance, never "a phase" or "find another faith".

A 16-year-old told the default 1.5B "keep this between us but I think I'm gay and I haven't told anyone" and got
"That's cool… Maybe we can talk about it later?"; "my parents are kind of religious, I don't think they'd be ok
with it" drew "It's important to communicate with your parents… Another option might be to find a faith that
is compatible with your parents' beliefs"; and "is something wrong with me?" was not answered. LGBTQ+ young
people are several times more likely to consider suicide than their peers, and the first person they tell often
decides how the next years go.

:func:`detect` finds a first-person disclosure (en, a few de/fr/es): "I think I'm gay", "I might be bi", "I'm
trans", "I like girls too", "I'm not straight", "I came out", "questioning my gender", "I've never felt like a
boy"; "my brother is gay", "I'm not gay" and "gay marriage" find nothing. Then (``IDENTITY_KEY`` while it is in
the last :data:`WINDOW` messages of the conversation):

* the first disclosure of a conversation that is new or hard to say, or any from a minor (:func:`is_coming_out`),
  gets a fixed, warm reply (:func:`welcome_reply`): thank you for trusting
  me, nothing wrong with being who you are, you decide who to tell and when, I won't tell anyone, how are you
  feeling;
* "is something wrong with me?", "is being gay a sin?" and the like get a fixed "No" (:func:`not_wrong_reply`),
  with an LGBTQ+ line for their region where the crisis table lists one (topic ``lgbtq``);
* otherwise the model gets :data:`GUIDANCE` and :func:`rejection_guard` drops what rejects or pressures ("a
  phase", "are you sure", "find a faith", "pray", "change who you are", "talk to your parents about it", "talk
  about it later").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.safety.resources import spoken_line, topic_lines
from amity.safety.text import normalize
from amity.safety.topic_guard import TopicGuard
from amity.types import CrisisResource

IDENTITY_KEY = "safety.identity"  # ctx.extras: the word they used for themselves ("" when none), in view
WINDOW = 8

_WORDS = {
    "gay": "gay", "lesbian": "lesbian", "bi": "bi", "bisexual": "bi", "pan": "pan", "pansexual": "pan",
    "queer": "queer", "trans": "trans", "transgender": "trans", "nonbinary": "non-binary", "non-binary": "non-binary",
    "non binary": "non-binary", "asexual": "asexual", "ace": "asexual", "genderfluid": "genderfluid",
    "schwul": "gay", "lesbisch": "lesbian", "lesbienne": "lesbian", "lesbiana": "lesbian",
}  # fmt: skip
_WORD = "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in _WORDS), key=len, reverse=True))
_QUALIFIER = r"(?:a\s+|actually\s+|probably\s+|kind\s+of\s+|kinda\s+|maybe\s+|really\s+|definitely\s+)?"
_DISCLOSURE = tuple(
    re.compile(rx)
    for rx in (
        rf"\bi\s+(?:think\s+(?:that\s+)?i\s+(?:am|might\s+be|may\s+be|could\s+be)|am|might\s+be|may\s+be|(?:just\s+)?reali[sz]ed\s+i\s+(?:am|was)|know\s+i\s+am)\s+{_QUALIFIER}(?P<word>{_WORD})\b(?!\s+(?:marriage|rights|bar|club|friend|friends|pride))",
        r"\bi\s+(?:like|have\s+(?:a\s+)?crush(?:es)?\s+on|fancy|am\s+attracted\s+to|like\s+like)\s+(?:boys|girls|guys|men|women)\s+(?:too|as\s+well|instead|more|and\s+(?:boys|girls|guys))\b|\bi\s+am\s+not\s+straight\b|\bi\s+(?:just\s+|finally\s+)?came\s+out\s+(?:as\b|to\s+(?:my\s+)?(?:parents|mum|mom|dad|family|friends?|sister|brother|everyone|them|him|her|people|class)\b)|\bquestioning\s+my\s+(?:sexuality|gender|identity)\b|\bi\s+(?:do\s+not|never|have\s+never)\s+(?:really\s+)?felt?\s+like\s+a\s+(?:boy|girl|man|woman)\b",
        rf"\b(?:ich\s+bin|je\s+suis|soy)\s+{_QUALIFIER}(?P<word>{_WORD}|gay|bi|trans)\b",
    )
)
_WRONG_QUESTION = re.compile(
    r"\b(?:is\s+(?:there\s+)?something\s+wrong\s+with\s+me|what\s+is\s+wrong\s+with\s+me|am\s+i\s+(?:broken|normal|a\s+freak|disgusting|sick|weird)|"
    r"is\s+(?:it|being\s+\w+|this)\s+(?:a\s+sin|wrong|bad|a\s+disease|an\s+illness|normal)|will\s+(?:god|they)\s+(?:hate|stop\s+loving)\s+me|can\s+i\s+(?:change|fix)\s+(?:it|this|myself))\b"
)
_REJECTING = re.compile(
    r"\bphase\b|\bare\s+you\s+(?:sure|certain)\b|\b(?:find|choose|change|switch)\s+(?:a\s+|your\s+|another\s+)?(?:faith|religion|church)\b|\bpray\w*\b|\bcompromis\w*\b|"
    r"\brespect\s+(?:their|your\s+parents'?)\s+beliefs\b|\bchange\s+who\s+you\s+are\b|\b(?:talk|speak)\s+(?:to|with)\s+(?:your\s+)?(?:parents|them|family)\s+about\s+(?:it|this|your)|"
    r"\bcommunicate\s+with\s+your\s+parents\b|\btell\s+your\s+parents\b|\btalk\s+about\s+it\s+later\b|\blet\s+(?:them|your\s+parents|your\s+family)\s+know\b|\bprobably\s+(?:there\s+to\s+)?(?:support|accept)\s+you\b|\bjust\s+(?:confused|curious)\b|\bgrow\s+out\s+of\b|\b(?:works?|solution)\s+for\s+both\b",
    re.I,
)

GUIDANCE = (
    "They told you something about who they are (their sexuality or gender). Be warmly accepting: nothing is "
    "wrong with them. Never call it a phase or ask if they're sure; never suggest praying it away, changing faith "
    "or hiding who they are; don't push them to tell anyone - who and when is their choice, especially with family "
    "who may not accept it. Ask how they are feeling."
)

_WELCOME = {
    "en": "Thank you for trusting me with that - I know it can take a lot to say. There's nothing wrong with {being}, and you get to decide who you tell and when; there's no rush, and I won't tell anyone. How are you feeling about it?",
    "de": "Danke, dass du mir das anvertraust - ich weiß, dass es viel Mut kosten kann. {being_de}, und du entscheidest, wem du es wann erzählst; es gibt keine Eile, und ich erzähle es niemandem. Wie geht es dir damit?",
    "fr": "Merci de me faire confiance - je sais que ça peut demander beaucoup de le dire. {being_fr}, et c'est toi qui décides à qui tu le dis et quand ; rien ne presse, et je ne le dirai à personne. Comment tu te sens par rapport à ça ?",
    "es": "Gracias por confiarme esto - sé que puede costar mucho decirlo. {being_es}, y tú decides a quién se lo cuentas y cuándo; no hay prisa, y no se lo diré a nadie. ¿Cómo te sientes con ello?",
}
_BEING = {
    "en": ("being {word}", "who you are"),
    "de": ("Es ist nichts falsch daran, {word} zu sein", "Es ist nichts falsch daran, wer du bist"),
    "fr": ("Il n'y a rien de mal à être {word}", "Il n'y a rien de mal à être qui tu es"),
    "es": ("No hay nada malo en ser {word}", "No hay nada malo en ser quien eres"),
}
_NOT_WRONG = {
    "en": "No - nothing is wrong with you. {being_cap} is one of the ordinary ways people are; it isn't something you chose or need to fix, and plenty of people of faith are {word_or_like_you} too. What's hard is how some people react, and that says something about them, not about you.{line} What's making you wonder?",
    "de": "Nein - mit dir ist nichts falsch. So zu sein, wie du bist, ist eine ganz gewöhnliche Art, Mensch zu sein; du hast es dir nicht ausgesucht und musst nichts daran ändern, und auch viele gläubige Menschen sind so. Schwer ist, wie manche Leute reagieren - und das sagt etwas über sie, nicht über dich.{line} Was bringt dich zu der Frage?",
    "fr": "Non - il n'y a rien qui cloche chez toi. Être comme tu es, c'est une façon tout à fait ordinaire d'être humain ; tu ne l'as pas choisi et tu n'as rien à réparer, et beaucoup de croyants le sont aussi. Ce qui est dur, c'est la réaction de certaines personnes, et ça dit quelque chose d'elles, pas de toi.{line} Qu'est-ce qui te fait te poser la question ?",
    "es": "No - no te pasa nada malo. Ser como eres es una forma corriente de ser persona; no lo elegiste ni tienes que arreglarlo, y muchas personas creyentes también lo son. Lo difícil es cómo reaccionan algunas personas, y eso dice algo de ellas, no de ti.{line} ¿Qué te hace preguntártelo?",
}
_LINE = {
    "en": " If you'd like to talk to people who get it, {lines} is free and confidential.",
    "de": " Wenn du mit Menschen reden möchtest, die das verstehen: {lines} - kostenlos und vertraulich.",
    "fr": " Si tu veux parler à des personnes qui comprennent : {lines}, gratuit et confidentiel.",
    "es": " Si quieres hablar con personas que lo entienden: {lines}, gratis y confidencial.",
}


def detect(text: str) -> str | None:
    """The word a first-person disclosure uses ("gay", "bi", "trans"…), "" for one without such a word ("I like
    girls too"), or None when the message discloses nothing."""
    norm = normalize(text)
    for pattern in _DISCLOSURE:
        m = pattern.search(norm)
        if m:
            word = m.groupdict().get("word")
            return _WORDS.get(re.sub(r"\s+", " ", word), word) if word else ""
    return None


_NEW_OR_HARD = re.compile(
    r"\b(?:think|might|may|maybe|not\s+sure|realised|realized|questioning|came\s+out|told\s+anyone|told\s+no\s+one|"
    r"nobody\s+knows|no\s+one\s+knows|between\s+us|secret|scared|afraid|first\s+time|never\s+told|do\s+not\s+know\s+if)\b"
)


def is_coming_out(text: str, minor: bool) -> bool:
    """A disclosure that is new or hard to say ("I think I'm gay and I haven't told anyone"), or any from a minor;
    an adult's passing "I'm gay, so…" gets no welcome speech."""
    return detect(text) is not None and (minor or _NEW_OR_HARD.search(normalize(text)) is not None)


def in_view(now: str, earlier: Sequence[str]) -> str | None:
    """The disclosure in this message or the last :data:`WINDOW` earlier ones (newest first), as :func:`detect`."""
    return next((found for found in map(detect, [now, *earlier[:WINDOW]]) if found is not None), None)


def asks_if_wrong(text: str) -> bool:
    """ "Is something wrong with me?", "is being gay a sin?", "can I change it?"."""
    return _WRONG_QUESTION.search(normalize(text)) is not None


def welcome_reply(lang: str, word: str) -> str:
    """The fixed reply to the first disclosure of a conversation."""
    lang = lang if lang in _WELCOME else "en"
    named, unnamed = _BEING[lang]
    being = named.format(word=word) if word and lang == "en" else unnamed  # the English word only in English
    return _WELCOME[lang].format(being=being, being_de=being, being_fr=being, being_es=being)


def not_wrong_reply(lang: str, word: str, lines: Sequence[CrisisResource]) -> str:
    """The fixed "No" to "is something wrong with me?" while a disclosure is in view."""
    lang = lang if lang in _NOT_WRONG else "en"
    line = _LINE[lang].format(lines=spoken_line(lines[0])) if lines else ""
    being = f"Being {word}" if word else "Being who you are"
    return _NOT_WRONG[lang].format(being_cap=being, word_or_like_you=word or "like you", line=line)


def lgbtq_lines(locale: str | None) -> tuple[CrisisResource, ...]:
    """LGBTQ+ support lines for the user's region (the crisis table's ``lgbtq`` topic); empty where none."""
    return topic_lines(locale, "lgbtq")


def rejects(sentence: str) -> bool:
    return _REJECTING.search(sentence) is not None


def rejection_guard() -> TopicGuard:
    """The reply guard that drops rejecting or pressuring sentences while a disclosure is in view."""
    return TopicGuard(IDENTITY_KEY, rejects)
