"""Text helpers shared by the safety detectors: one normalisation, clause splitting, a locale helper.

Every detector (crisis, honesty, goodbye, manipulation) matches against the same normalised form, so
patterns are written once, without accents and with English contractions expanded:

* lower case, typographic apostrophes and quotes folded to ASCII, accents removed (``é`` → ``e``,
  ``ß`` → ``ss``, ``ü`` → ``u``), whitespace collapsed;
* English contractions expanded (``don't`` → ``do not``, ``I'm`` → ``i am``, ``can't`` → ``can not``),
  also when typed without the apostrophe (``dont``, ``cant``, ``wanna``, ``gonna``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "«": '"', "»": '"'})
# "im" without the apostrophe is English only before these words (German "im" means "in the").
_IM_ENGLISH = (
    r"\bim(?= (going|so|not|fine|tired|done|sad|scared|a|an|feeling|just|really|in|very|being|having|"
    r"thinking|trying|still|always|never|okay|ok|alone|lonely|afraid|suicidal|dying|gonna|literally|"
    r"planning|ready|sorry|worried|home|here|at|on|with|such|too|kinda|actually|about|cutting)\b)"
)
_CONTRACTIONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"\bwon'?t\b", "will not"),
        (r"\bcan'?t\b", "can not"),
        (r"\bcannot\b", "can not"),
        (r"\b(do|does|did|is|are|was|were|would|could|should|have|has|had|must|need)n'?t\b", r"\1 not"),
        (r"\bi'm\b", "i am"),
        (_IM_ENGLISH, "i am"),
        (r"\bi'?ve\b", "i have"),
        (r"\bi'?ll\b", "i will"),
        (r"\bi'?d\b", "i would"),
        (
            r"\b(you|we|they|he|she|it|that|there|who|what|where|how|here|everyone|nobody|life)'(re|s|ll|ve|d)\b",
            r"\1 '\2",
        ),
        (r"\bwanna\b", "want to"),
        (r"\bgonna\b", "going to"),
        (r"\bgotta\b", "got to"),
        (r"\bu\b", "you"),
        (r"\bur\b", "your"),
    )
)
_EXPAND = {"'re": "are", "'s": "is", "'ll": "will", "'ve": "have", "'d": "would"}
_SPLIT = re.compile(r"(?<=[.!?;…])\s+|\n+|\s+(?:but|aber|mais|pero|however|though)\s+")


def fold(text: str) -> str:
    """Lower case, ASCII quotes, no accents, single spaces (no contraction expansion)."""
    text = text.translate(_QUOTES).replace("ß", "ss").lower()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", stripped).strip()


def normalize(text: str) -> str:
    """The form every safety pattern is written against (see the module docstring)."""
    out = fold(text)
    for pattern, repl in _CONTRACTIONS:
        out = pattern.sub(repl, out)
    out = re.sub(r" '(re|s|ll|ve|d)\b", lambda m: " " + _EXPAND["'" + m.group(1)], out)
    return out


def clauses(normalized: str) -> list[str]:
    """Split a normalised message into sentences / contrastive clauses ("…, but …")."""
    return [c.strip() for c in _SPLIT.split(normalized) if c and c.strip()]


def sentences(text: str) -> list[str]:
    """Split raw text into sentences, keeping the original spelling and the end punctuation."""
    parts = re.split(r"(?<=[.!?…])\s+|\n+", text.strip())
    return [p for p in parts if p.strip()]


def _vocab(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Function words, and a few words of everyday talk, per language (folded: no accents).
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": _vocab(
        "i you my me the and is are was to it that of in this with for not but so just have what how do am be "
        "im i'm it's don't can't feel sad alone lonely mom dad week friends work home night good i've i'd i'll "
        "isn't there's been about really want will"
    ),
    "de": _vocab(
        "ich und nicht der die das ist mein meine mich mir du dich dir ein eine zu sehr aber bin hab habe wie was "
        "wenn auch noch heute jetzt mit fur fuhle gerade immer kann keine niemand hallo danke jahre mutter vater "
        "woche letzte gestorben traurig allein einsam arbeit freunde nacht gute mehr leben will mochte wo warum wann "
        "soll bekomme hilfe denn"
    ),
    "fr": _vocab(
        "je et le les pas est mon ma mes moi tu un une des que qui ne suis tres mais avec pour ai j'ai c'est ca "
        "sens aujourd'hui bonjour merci rien personne ans mere pere semaine derniere morte mort triste seule seul "
        "travail amis soir veux plus vivre du il elle nous vous ce cette sont"
    ),
    "es": _vocab(
        "yo y el los las mi mis estoy soy muy pero con para que hoy siento nadie nada tengo hola gracias esta "
        "como porque anos madre padre semana pasada murio triste sola solo trabajo amigos noche una por quiero "
        "puedo vida vivir tiene ya mas lo del al eso esto hay dice dijo va voy vas cuando donde tambien ahora mucho "
        "ella ellos hace quiere"
    ),
}
_GREETINGS = {"hallo": "de", "servus": "de", "moin": "de", "bonjour": "fr", "salut": "fr", "coucou": "fr",
              "hola": "es", "buenas": "es"}  # fmt: skip


def detect_language(text: str) -> str | None:
    """The language a message is written in ("en", "de", "fr", "es") by its function words, or None when too short
    or unclear ("ok", "45"). "Ich bin 45" is German; "Meine Mutter ist letzte Woche gestorben." too."""
    words = re.findall(r"[a-z']+", fold(text))
    if not words:
        return None
    if len(words) <= 2 and words[0] in _GREETINGS:
        return _GREETINGS[words[0]]
    marks = {"es": 2 * ("¿" in text or "¡" in text)}  # "¿Tú te acuerdas de lo que te conté?" had read as French
    scores = sorted(
        ((sum(w in vocab for w in words) + marks.get(lang, 0), lang) for lang, vocab in _FUNCTION_WORDS.items()),
        reverse=True,
    )
    (best, lang), (second, _) = scores[0], scores[1]
    return lang if best >= 2 and best > second else None


LANGUAGE_NAMES = {"en": "English", "de": "German", "fr": "French", "es": "Spanish"}


def message_language(text: str, locale: str | None, earlier: Sequence[str] = ()) -> str:
    """The language to answer ``text`` in: the one it is written in, else that of the conversation's last message
    whose language shows (``earlier``, newest first: "Wo bekomme ich Hilfe?" after German messages had been answered
    in English), else the user's locale's."""
    for candidate in (text, *earlier[:3]):
        if (lang := detect_language(candidate)) is not None:
            return lang
    return language_of(locale)


def language_of(locale: str | None) -> str:
    """``de-AT`` → ``de``; unknown or unsupported locales fall back to ``en``."""
    lang = (locale or "en").replace("_", "-").split("-")[0].lower()
    return lang if lang in {"en", "de", "fr", "es"} else "en"


def region_of(locale: str | None) -> str:
    """``de-AT`` → ``AT``; a bare language maps to its most common region (``fr`` → ``FR``)."""
    parts = (locale or "").replace("_", "-").split("-")
    if len(parts) > 1 and parts[1]:
        return parts[1].upper()
    return {"en": "US", "de": "DE", "fr": "FR", "es": "ES"}.get(parts[0].lower(), "")


def third_person(told: Sequence[str], she: str = r"she|her", he: str = r"he|him|his") -> tuple[str, str]:
    """(subject, object) for the person the user spoke of in ``told``: ("she", "her") when a word of the ``she``
    pattern appears, else ("he", "him") for the ``he`` pattern, else ("they", "them")."""
    low = " ".join(told).lower()
    if re.search(rf"\b(?:{she})\b", low):
        return "she", "her"
    if re.search(rf"\b(?:{he})\b", low):
        return "he", "him"
    return "they", "them"


_KIN_SHE = re.compile(r"mom|mum|mother|grand(?:ma|mother)|granny|nana?|wife|daughter|sister|aunt|girlfriend|fianc[ée]e")
_KIN_HE = re.compile(r"dad|father|grandpa|grandfather|grand+ad|husband|son|brother|uncle|boyfriend|fianc[ée]")


def kin_person(word: str, said: str = "") -> tuple[str, str, str]:
    """(subject, object, possessive) for a relation ("my little sister" → she, her, her), else read from the
    pronouns in ``said`` ("my best friend killed himself" → he, him, his), else they, them, their."""
    last = word.lower().rsplit(" ", 1)[-1]
    low = said.lower()
    if _KIN_SHE.fullmatch(last) or re.search(r"\b(?:she|herself|her)\b", low):
        return "she", "her", "her"
    if _KIN_HE.fullmatch(last) or re.search(r"\b(?:he|himself|his)\b", low):
        return "he", "him", "his"
    return "they", "them", "their"


_PANIC = re.compile(
    r"\b(?:i'?m|i\s+am|i\s+think\s+i'?m|i\s+think\s+i\s+am)\s+having\s+(?:a\s+)?panic\s+attack\b|\bi(?:'m|\s+am)\s+panicking\b|"
    r"\bi\s+(?:can't|cannot|can\s+not|cant)\s+breathe(?:\s+(?:properly|right|well|normally))?(?=\s*(?:[.,!;]|$|and\b))|"
    r"\bi(?:'m|\s+am)\s+hyperventilating\b",
    re.I,
)


def in_panic(text: str) -> bool:
    """ "I think I'm having a panic attack", "I can't breathe", "I'm panicking" (the breathing exercise starts at once;
    the fear of dying that comes with panic is not read as a crisis)."""
    return _PANIC.search(text) is not None


def person_told(
    told: Sequence[str], found: Callable[[str], re.Match[str] | None], groups: Sequence[str] = ("who",)
) -> tuple[str, str, str, str]:
    """(who, subject, object, possessive) of the person named in the first of ``told`` that ``found`` matches, read
    from the first of ``groups`` the match filled: ("your mum", "she", "her", "her"); ("them", "they", "them",
    "their") when none names anyone."""
    for text in told:
        if (m := found(text)) is not None:
            named = next((m.group(g) for g in groups if m.groupdict().get(g)), "")
            word = " ".join(named.split())
            return (f"your {word}" if word else "them", *kin_person(word, text))
    return "them", "they", "them", "their"
