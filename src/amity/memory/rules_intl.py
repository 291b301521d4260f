# ruff: noqa: E501  (reviewed pattern tables read best one entry per line)
"""Fact rules in German, French and Spanish: the everyday facts people tell about themselves.

Carmen, 78, told Amity in Spanish "Me llamo Carmen y tengo 78 años", "Vivo en Sevilla con mi gato Miso" and "Mi
hija Lucía vive en Madrid". The English rules of :mod:`amity.memory.extraction` kept only her name (the profile's
rule knows "me llamo"); her age, her city, her cat and her daughter were lost, and "¿Qué sabes de mí?" had nothing
to tell. :data:`RULES` adds, for de/fr/es, the facts a companion most needs: age ("tengo 78 años", "ich bin 45
Jahre alt", "j'ai 30 ans"), where they live ("vivo en Sevilla", "ich wohne in Hamburg", "j'habite à Lyon") and come
from ("soy de Cádiz", "ich komme aus Köln", "je viens de Nantes"), work ("trabajo como enfermera", "ich arbeite als
Lehrerin", "je travaille comme infirmière"), allergies ("soy alérgica a las nueces", "ich bin allergisch gegen
Nüsse", "je suis allergique aux noix") and the names of family and pets ("mi hija Lucía", "mi gato Miso", "meine
Tochter Anna", "mein Hund Bello", "ma fille Claire", "mon chat Minou", "mi hija se llama Lucía", "Lucía es mi hija").

A relation is stored in English (``daughter``, ``cat``: :data:`RELATION_WORDS`), so "what do you know about my
daughter?" and the birthday of "my daughter" find it whatever language it was told in; :func:`your_relation` gives
it back in the user's language when Amity tells it ("tu hija", "deine Tochter", "ta fille"). Places must be written with a capital letter ("Sevilla",
"Bad Homburg", "Saint-Étienne"): that is how they are told apart from the rest of the sentence without a parser.
"""

from __future__ import annotations

import re

# the user's word -> the stored (English) relation; genders kept where the language has them
RELATION_WORDS: dict[str, str] = {
    # Spanish
    "hija": "daughter", "hijo": "son", "hermana": "sister", "hermano": "brother", "madre": "mother", "padre": "father",
    "mamá": "mom", "papá": "dad", "abuela": "grandmother", "abuelo": "grandfather", "nieta": "granddaughter",
    "nieto": "grandson", "esposa": "wife", "esposo": "husband", "marido": "husband", "mujer": "wife", "novia": "girlfriend",
    "novio": "boyfriend", "pareja": "partner", "amiga": "friend", "amigo": "friend", "mejor amiga": "best friend",
    "mejor amigo": "best friend", "tía": "aunt", "tío": "uncle", "prima": "cousin", "primo": "cousin", "vecina": "neighbour",
    "vecino": "neighbour", "gato": "cat", "gata": "cat", "perro": "dog", "perra": "dog", "perrita": "dog", "perrito": "dog",
    # German ("tante", aunt, is the same word in French)
    "tochter": "daughter", "sohn": "son", "schwester": "sister", "bruder": "brother", "mutter": "mother", "vater": "father",
    "mama": "mom", "papa": "dad", "oma": "grandmother", "opa": "grandfather", "enkelin": "granddaughter", "enkel": "grandson",
    "frau": "wife", "mann": "husband", "freundin": "friend", "freund": "friend", "beste freundin": "best friend",
    "bester freund": "best friend", "tante": "aunt", "onkel": "uncle", "cousine": "cousin", "cousin": "cousin",
    "nachbarin": "neighbour", "nachbar": "neighbour", "katze": "cat", "kater": "cat", "hund": "dog", "hündin": "dog",
    # French
    "fille": "daughter", "fils": "son", "sœur": "sister", "soeur": "sister", "frère": "brother", "mère": "mother",
    "père": "father", "maman": "mom", "grand-mère": "grandmother", "grand-père": "grandfather", "petite-fille": "granddaughter",
    "petit-fils": "grandson", "femme": "wife", "mari": "husband", "copine": "girlfriend", "copain": "boyfriend",
    "amie": "friend", "ami": "friend", "meilleure amie": "best friend", "meilleur ami": "best friend",
    "oncle": "uncle", "voisine": "neighbour", "voisin": "neighbour", "chat": "cat", "chatte": "cat", "chien": "dog",
    "chienne": "dog",
}  # fmt: skip
_RELATION = "|".join(sorted(RELATION_WORDS, key=len, reverse=True))
# how a stored relation is told back, with "your" ("tu hija", "deine Tochter", "ta fille")
_YOUR: dict[str, dict[str, str]] = {
    "es": {"daughter": "tu hija", "son": "tu hijo", "sister": "tu hermana", "brother": "tu hermano", "mother": "tu madre",
           "father": "tu padre", "mom": "tu mamá", "dad": "tu papá", "grandmother": "tu abuela", "grandfather": "tu abuelo",
           "granddaughter": "tu nieta", "grandson": "tu nieto", "wife": "tu esposa", "husband": "tu marido",
           "girlfriend": "tu novia", "boyfriend": "tu novio", "partner": "tu pareja", "friend": "tu amiga o amigo",
           "best friend": "tu mejor amiga o amigo", "aunt": "tu tía", "uncle": "tu tío", "cousin": "tu prima o primo",
           "neighbour": "tu vecina o vecino", "cat": "tu gato", "dog": "tu perro"},
    "de": {"daughter": "deine Tochter", "son": "dein Sohn", "sister": "deine Schwester", "brother": "dein Bruder",
           "mother": "deine Mutter", "father": "dein Vater", "mom": "deine Mama", "dad": "dein Papa", "grandmother": "deine Oma",
           "grandfather": "dein Opa", "granddaughter": "deine Enkelin", "grandson": "dein Enkel", "wife": "deine Frau",
           "husband": "dein Mann", "girlfriend": "deine Freundin", "boyfriend": "dein Freund", "partner": "dein Partner",
           "friend": "eine Freundin oder ein Freund von dir", "best friend": "deine beste Freundin oder dein bester Freund",
           "aunt": "deine Tante", "uncle": "dein Onkel", "cousin": "deine Cousine oder dein Cousin",
           "neighbour": "deine Nachbarin oder dein Nachbar", "cat": "deine Katze", "dog": "dein Hund"},
    "fr": {"daughter": "ta fille", "son": "ton fils", "sister": "ta sœur", "brother": "ton frère", "mother": "ta mère",
           "father": "ton père", "mom": "ta maman", "dad": "ton papa", "grandmother": "ta grand-mère",
           "grandfather": "ton grand-père", "granddaughter": "ta petite-fille", "grandson": "ton petit-fils",
           "wife": "ta femme", "husband": "ton mari", "girlfriend": "ta copine", "boyfriend": "ton copain",
           "partner": "ton ou ta partenaire", "friend": "ton amie ou ton ami", "best friend": "ta meilleure amie ou ton meilleur ami",
           "aunt": "ta tante", "uncle": "ton oncle", "cousin": "ta cousine ou ton cousin", "neighbour": "ta voisine ou ton voisin",
           "cat": "ton chat", "dog": "ton chien"},
}  # fmt: skip

_UP = r"A-ZÀ-ÞÄÖÜŒ"
_PLACE = rf"(?P<v>[{_UP}][\w'-]*(?:\s+(?:de\s+|del\s+|la\s+|am\s+|an\s+der\s+|sur\s+|en\s+)?[{_UP}][\w'-]*){{0,3}})"
_NAME = rf"(?P<name>[{_UP}][\wà-ÿ'-]+)"
_THING = r"(?P<v>[\wà-ÿ' -]{2,40}?)(?=\s*(?:[.,;!?]|$|\s+(?:y|und|et|pero|aber|mais|desde|seit|depuis)\b))"
_MI = r"(?:mi|mis|meine|mein|meinen|meinem|meiner|ma|mon|mes)"

# (key, pattern, confidence), read by amity.memory.extraction like its own rules
RULES: list[tuple[str, re.Pattern[str], float]] = [
    ("age", re.compile(r"\btengo\s+(?P<v>\d{1,3})\s+años\b", re.I), 0.9),
    (
        "age",
        re.compile(r"\bich\s+bin\s+(?P<v>\d{1,3})(?:\s+jahre(?:\s+alt)?)?(?=\s*(?:$|[.,!;]|und\b|jahre))", re.I),
        0.9,
    ),
    ("age", re.compile(r"\bj'ai\s+(?P<v>\d{1,3})\s+ans\b", re.I), 0.9),
    ("location", re.compile(rf"\b(?i:vivo|resido)\s+(?i:en)\s+{_PLACE}"), 0.9),
    ("location", re.compile(rf"\b(?i:me\s+(?:mudé|he\s+mudado|acabo\s+de\s+mudar))\s+(?i:a)\s+{_PLACE}"), 0.95),
    ("location", re.compile(rf"\b(?i:ich\s+(?:wohne|lebe))\s+(?i:jetzt\s+|seit\s+\w+\s+)?(?i:in)\s+{_PLACE}"), 0.9),
    (
        "location",
        re.compile(rf"\b(?i:ich\s+bin)\s+(?i:gerade\s+|letztes\s+jahr\s+)?(?i:nach)\s+{_PLACE}\s+(?i:gezogen)"),
        0.95,
    ),
    ("location", re.compile(rf"\b(?i:j'habite|je\s+vis|je\s+vit)\s+(?i:à|a|en|au)\s+{_PLACE}"), 0.9),
    ("location", re.compile(rf"\b(?i:j'ai\s+déménagé|je\s+viens\s+de\s+déménager)\s+(?i:à|a|en|au)\s+{_PLACE}"), 0.95),
    ("hometown", re.compile(rf"\b(?i:soy\s+(?:de|originaria\s+de|originario\s+de))\s+{_PLACE}"), 0.85),
    ("hometown", re.compile(rf"\b(?i:ich\s+(?:komme|stamme)\s+(?:ursprünglich\s+)?aus)\s+{_PLACE}"), 0.85),
    ("hometown", re.compile(rf"\b(?i:je\s+viens\s+(?:de|d')|je\s+suis\s+originaire\s+(?:de|d'))\s*{_PLACE}"), 0.85),
    ("job", re.compile(rf"\btrabajo\s+(?:de|como)\s+{_THING}", re.I), 0.85),
    ("job", re.compile(rf"\bich\s+arbeite\s+als\s+{_THING}", re.I), 0.85),
    ("job", re.compile(rf"\bje\s+travaille\s+comme\s+{_THING}", re.I), 0.85),
    ("allergy", re.compile(rf"\bsoy\s+alérgic[oa]\s+(?:a\s+(?:los\s+|las\s+|la\s+|el\s+)?|al\s+){_THING}", re.I), 0.95),
    ("allergy", re.compile(rf"\bich\s+bin\s+allergisch\s+(?:gegen|auf)\s+{_THING}", re.I), 0.95),
    ("allergy", re.compile(rf"\bje\s+suis\s+allergique\s+(?:aux\s+|au\s+|à\s+la\s+|à\s+l'|à\s+){_THING}", re.I), 0.95),
    # "mi hija Lucía", "meine Tochter Anna", "ma fille Claire", "mi gato Miso"
    ("relation", re.compile(rf"\b(?i:{_MI})\s+(?P<rel>(?i:{_RELATION}))\s*,?\s+{_NAME}"), 0.9),
    # "mi hija se llama Lucía", "meine Tochter heißt Anna", "ma fille s'appelle Claire"
    (
        "relation",
        re.compile(rf"\b(?i:{_MI})\s+(?P<rel>(?i:{_RELATION}))\s+(?i:se\s+llama|heißt|heisst|s'appelle)\s+{_NAME}"),
        0.95,
    ),
    # "Lucía es mi hija", "Anna ist meine Tochter", "Claire est ma fille"
    ("relation", re.compile(rf"\b{_NAME}\s+(?i:es|ist|est)\s+(?i:{_MI})\s+(?P<rel>(?i:{_RELATION}))\b"), 0.9),
]

# capitalised words after "mi hija" that are not names ("Mi hija Y yo…" does not occur; sentence words do)
NOT_NAMES = frozenset(
    {"y", "e", "o", "pero", "que", "se", "es", "está", "vive", "tiene", "und", "oder", "aber", "ist", "hat", "wohnt",
     "lebt", "et", "ou", "mais", "est", "a", "vit", "habite", "qui", "la", "le", "les"}
)  # fmt: skip


def relation(word: str) -> str:
    """The stored (English) relation for the user's word ("hija" -> "daughter"); the word itself when unknown."""
    return RELATION_WORDS.get(word.lower(), word.lower())


def your_relation(stored: str, lang: str) -> str:
    """ "your daughter" in the user's language ("tu hija", "deine Tochter", "ta fille"); English when unknown."""
    return _YOUR.get(lang, {}).get(stored, f"your {stored}")
