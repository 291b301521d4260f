# ruff: noqa: E501  (reviewed text tables read best one entry per line)
""" "What do you know about me?": an honest, sourced summary, in the language the question was asked in.

The answer is built from stored facts only (never the model's guess): every current fact with where it came from
(the user's own words and the day they said them), what it replaced, and how to check, correct or delete it.
:data:`ABOUT_ME` finds the question in English, German, French and Spanish ("was weißt du über mich?", "qu'est-ce
que tu sais de moi ?", "¿qué sabes de mí?"); before, Carmen's "¿Qué sabes de mí?" was not recognised at all and the
1.5B answered "¡Hola! Es un placer conocerte", to someone who had told it her name, age, city, cat and daughter.

:func:`describe` tells a fact in the user's language for the keys the rules of :mod:`amity.memory.rules_intl`
find (name, age, where they live and come from, work, allergies, family and pets, whose relation is stored in
English and told back as "tu hija", "deine Tochter", "ta fille"); other keys fall back to English. The values are the user's
own words, so they need no translation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from amity.memory.facts import Fact
from amity.memory.rules_intl import your_relation

ABOUT_ME = re.compile(
    r"\bwhat (?:do|did) you (?:know|remember) about me\b|\bwhat have you (?:learned|learnt|found out) about me\b"
    r"|\bwhat do you know of me\b|\btell me (?:what|everything) you (?:know|remember) about me\b"
    r"|\bwas\s+wei(?:ß|ss)t\s+du\s+(?:alles\s+|eigentlich\s+|noch\s+)*(?:über|ueber|von)\s+mich\b|\bwas\s+hast\s+du\s+(?:dir\s+)?über\s+mich\s+(?:gemerkt|gelernt)\b"
    r"|\b(?:qu'est-ce\s+que\s+tu\s+sais|que\s+sais-tu|tu\s+sais\s+quoi)\s+(?:de|sur)\s+moi\b|\bque\s+sais[- ]tu\s+de\s+moi\b"
    r"|\bqu[ée]\s+(?:sabes|recuerdas|sab[ée]is)\s+(?:de|sobre)\s+m[ií]\b|\bqu[ée]\s+has\s+aprendido\s+(?:de|sobre)\s+m[ií]\b",
    re.I,
)

_MONTHS = {
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"),
}  # fmt: skip
_TEXT = {
    "en": {
        "none": "Honestly, I don't know much about you yet: I haven't stored any facts about you.",
        "snippets_none": " I do have {n} bits of our conversations saved.",
        "none_tail": " Anything you tell me about yourself I'll remember, and you can always check or delete it with `amity memory list`.",
        "head": "Here's what I know about you, and where each thing comes from:",
        "corrected": "you corrected this on {day}",
        "told": 'you told me on {day}: "{quote}"',
        "noted": "noted on {day}",
        "inferred": "; I inferred it, so tell me if it's wrong",
        "before": " Before that: {values}.",
        "snippets": "I also keep {n} snippets of our conversations to recall what we talked about.",
        "control": "You can see, correct or delete any of this: `amity memory list`, `amity memory edit ID`, `amity memory forget ID` (or `amity memory forget --all`).",
    },
    "de": {
        "none": "Ehrlich gesagt weiß ich noch nicht viel über dich: Ich habe noch nichts über dich gespeichert.",
        "snippets_none": " Ich habe {n} Ausschnitte aus unseren Gesprächen gespeichert.",
        "none_tail": " Was du mir über dich erzählst, merke ich mir, und mit `amity memory list` kannst du es jederzeit ansehen oder löschen.",
        "head": "Das weiß ich über dich, und woher ich es weiß:",
        "corrected": "du hast es am {day} korrigiert",
        "told": 'du hast mir am {day} gesagt: "{quote}"',
        "noted": "notiert am {day}",
        "inferred": "; das habe ich nur gefolgert, sag mir, wenn es falsch ist",
        "before": " Davor: {values}.",
        "snippets": "Außerdem habe ich {n} Ausschnitte unserer Gespräche gespeichert, um mich an sie zu erinnern.",
        "control": "Du kannst all das ansehen, korrigieren oder löschen: `amity memory list`, `amity memory edit ID`, `amity memory forget ID` (oder `amity memory forget --all`).",
    },
    "fr": {
        "none": "Honnêtement, je ne sais pas encore grand-chose de toi : je n'ai encore rien enregistré sur toi.",
        "snippets_none": " J'ai quand même {n} extraits de nos conversations.",
        "none_tail": " Tout ce que tu me diras sur toi, je m'en souviendrai, et tu peux toujours le voir ou l'effacer avec `amity memory list`.",
        "head": "Voici ce que je sais de toi, et d'où je le tiens :",
        "corrected": "tu l'as corrigé le {day}",
        "told": "tu me l'as dit le {day} : « {quote} »",
        "noted": "noté le {day}",
        "inferred": " ; je l'ai seulement déduit, dis-moi si c'est faux",
        "before": " Avant : {values}.",
        "snippets": "Je garde aussi {n} extraits de nos conversations pour me souvenir de ce dont nous avons parlé.",
        "control": "Tu peux tout voir, corriger ou effacer : `amity memory list`, `amity memory edit ID`, `amity memory forget ID` (ou `amity memory forget --all`).",
    },
    "es": {
        "none": "La verdad es que todavía no sé mucho de ti: aún no he guardado nada sobre ti.",
        "snippets_none": " Sí tengo guardados {n} fragmentos de nuestras conversaciones.",
        "none_tail": " Todo lo que me cuentes de ti lo recordaré, y siempre puedes verlo o borrarlo con `amity memory list`.",
        "head": "Esto es lo que sé de ti, y de dónde lo sé:",
        "corrected": "lo corregiste el {day}",
        "told": "me lo dijiste el {day}: «{quote}»",
        "noted": "anotado el {day}",
        "inferred": "; lo he deducido yo, así que dime si no es así",
        "before": " Antes: {values}.",
        "snippets": "También guardo {n} fragmentos de nuestras conversaciones para recordar de qué hablamos.",
        "control": "Puedes ver, corregir o borrar todo esto: `amity memory list`, `amity memory edit ID`, `amity memory forget ID` (o `amity memory forget --all`).",
    },
}
# how a fact is said to the user, by language and key (``{v}``: the value in their words; ``{who}``: a person)
_SAY = {
    "de": {"name": "Du heißt {v}", "age": "Du bist {v} Jahre alt", "location": "Du wohnst in {v}", "hometown": "Du kommst aus {v}",
           "job": "Du arbeitest als {v}", "allergy": "Du bist allergisch gegen {v}", "relation": "{who} ist {rel}"},
    "fr": {"name": "Tu t'appelles {v}", "age": "Tu as {v} ans", "location": "Tu habites à {v}", "hometown": "Tu viens de {v}",
           "job": "Tu travailles comme {v}", "allergy": "Tu es allergique à {v}", "relation": "{who} est {rel}"},
    "es": {"name": "Te llamas {v}", "age": "Tienes {v} años", "location": "Vives en {v}", "hometown": "Eres de {v}",
           "job": "Trabajas como {v}", "allergy": "Eres alérgica o alérgico a {v}", "relation": "{who} es {rel}"},
}  # fmt: skip


def asks_about_me(text: str) -> bool:
    return ABOUT_ME.search(text) is not None


def day(value: datetime, lang: str = "en") -> str:
    """ "28 November 2026", "28. November 2026", "28 novembre 2026", "28 de noviembre de 2026"."""
    if lang not in _MONTHS:
        return f"{value.day} {value:%B %Y}"
    month = _MONTHS[lang][value.month - 1]
    if lang == "de":
        return f"{value.day}. {month} {value.year}"
    if lang == "es":
        return f"{value.day} de {month} de {value.year}"
    return f"{value.day} {month} {value.year}"


def describe(fact: Fact, lang: str) -> str:
    """One sentence telling the fact to the user, in their language where the key has a wording (else English)."""
    say = _SAY.get(lang)
    if say is None:
        return fact.describe("you")
    if fact.subject != "user" and fact.key == "relation":
        return say["relation"].format(who=fact.subject, rel=your_relation(fact.value, lang))
    if fact.subject == "user" and fact.key in say:
        return say[fact.key].format(v=fact.value)
    return fact.describe("you")


def sourced_summary(facts: Sequence[Fact], history: dict[str, list[Fact]], episodes: int, lang: str = "en") -> str:
    """The answer to "what do you know about me?": every current fact with its source, nothing invented."""
    text = _TEXT.get(lang, _TEXT["en"])
    lang = lang if lang in _TEXT else "en"
    if not facts:
        tail = text["snippets_none"].format(n=episodes) if episodes else ""
        return text["none"] + tail + text["none_tail"]
    lines = [text["head"]]
    for fact in facts:
        when = day(fact.created_at, lang)
        if fact.origin == "user":
            source = text["corrected"].format(day=when)
        elif fact.quote:
            source = text["told"].format(day=when, quote=fact.quote)
        else:
            source = text["noted"].format(day=when)
        if fact.origin == "llm":
            source += text["inferred"]
        earlier = [h.value for h in history.get(fact.id, []) if h.id != fact.id]
        before = text["before"].format(values=", ".join(earlier)) if earlier else ""
        lines.append(f"- {describe(fact, lang)} ({source}).{before}")
    if episodes:
        lines.append(text["snippets"].format(n=episodes))
    lines.append(text["control"])
    return "\n".join(lines)
