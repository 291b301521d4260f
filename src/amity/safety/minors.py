# ruff: noqa: E501  (reviewed pattern / text tables read best one entry per line)
"""Minor mode: self-declared age, stricter rules for users under 18.

The age is asked at onboarding (:func:`amity.safety.responses.age_question`; the answer is parsed by
:func:`parse_age`) and stored in ``safety_settings`` (``birth_year``, ``minor``). The core user row's
``birth_year`` is used when our table has none. In conversation, a statement such as "I'm 15" switches
minor mode *on*; only a deliberate ``amity safety age`` switches it off again (a chat message never
relaxes the rules).

For minors: an AI reminder and a break reminder at least every 3 hours (and at the start of every
session), no romantic or sexual role-play (requests answered with a fixed refusal; the reply guard drops
romantic, sexual and drug content), and a configurable daily limit (default 120 minutes of active chat).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from amity.profile import extract_name
from amity.safety.text import detect_language, normalize
from amity.store.safety_store import SafetyStore
from amity.types import User

ADULT_AGE = 18
DEFAULT_DAILY_LIMIT_MIN = 120

_BARE_AGE = re.compile(r"^\s*(\d{1,3})\s*[.!]?\s*$")
_AGE = re.compile(
    r"\bi (?:am|m) (\d{1,2})( years old| yo| y/o)?\b(?! (minutes|hours|days|weeks|months|percent|kg|km|cm|times|euros?|dollars?))"
    r"|\b(\d{1,2}) (years old|jahre alt|ans|anos)\b"
    r"|\bich bin (\d{1,2})\b(?! (minuten|stunden|tage|prozent|kg|km|euro))"
    r"|\bj'ai (\d{1,2}) ans\b|\btengo (\d{1,2}) anos\b|\bmy age is (\d{1,2})\b"
)
# "im 15" typed without the apostrophe, as teenagers do - but German "im" is "in the" ("Ich wohne im 15. Stock")
_IM_AGE = re.compile(
    r"\bim (\d{1,2})( years old| yo| y/o)?\b(?! (minutes|hours|days|weeks|months|percent|kg|km|cm|times|euros?|dollars?))"
)
_GERMAN_ORDINAL = re.compile(r"\bim \d{1,2}\.\s+(?!I\b)[A-ZÄÖÜ]")  # "im 15. Stock", "im 3. Semester"
_ROMANCE = re.compile(
    r"\b(be my|you are my|pretend to be my|act like my|roleplay as my|role play as my) (girlfriend|boyfriend|gf|bf|wife|husband|lover|partner|crush|date|bae)\b"
    r"|\b(let us|lets|can we|could we|want to) (pretend|roleplay|role play|rp)\b.*\b(dating|date|couple|married|in love|kiss|romantic)\b"
    r"|\b(kiss|cuddle|date|marry|seduce|undress) me\b|\bflirt with me\b|\b(talk|get) (dirty|sexy)\b"
    r"|\b(sex|sexy|nude|nudes|naked|horny|make out)\b"
    r"|\bsei meine freundin\b|\bsei mein freund\b|\bkuss mich\b|\bflirte? mit mir\b"
    r"|\bsois (ma copine|mon copain|ma petite amie|mon petit ami)\b|\bembrasse-moi\b|\bdrague-moi\b"
    r"|\bse mi (novia|novio)\b|\bbesame\b|\bcoquetea conmigo\b|\bsexo\b"
)


@dataclass(frozen=True)
class AgeStatus:
    birth_year: int | None
    minor: bool
    declared: bool
    daily_limit_min: int


_ONLY_AGE = re.compile(
    r"^\s*(?:(?:btw|fyi|oh and|also|and)[,\s]+)?(?:(?:i am|i m|im|i'm|ich bin|j'ai|tengo)\s+)?(?:just\s+|erst\s+|schon\s+|only\s+)?\d{1,3}"
    r"(?:\s+(?:years?|yrs?|jahre|ans|anos)(?:\s+(?:old|alt))?)?[,\s]*(?:btw|by the way|fyi|lol|haha|übrigens|ubrigens)?\s*[.!]*\s*$"
)


def is_only_age(text: str) -> bool:
    """The message is nothing but an age ("67", "I'm 67.", "I am 67 years old"): an answer to our question."""
    return _ONLY_AGE.match(normalize(text)) is not None


_NAME_ONLY = re.compile(
    r"^\s*(?:(?:hi|hey|hello)\s+)?(?:my name is|my name s|i am|i m|im|call me|it is|ich heisse|je m'appelle|me llamo)\s+\S+\s*$"
)


def age_and_name(text: str) -> str | None:
    """The name in an answer to the age question that gives only an age and a name ("I'm 41. I'm Priya."), else
    None."""
    parts = [p for p in re.split(r"[.!,;]+|\s+and\s+", text) if p.strip()]
    rest = [p for p in parts if not is_only_age(p)]
    if len(rest) != 1 or len(parts) != 2:
        return None
    name = extract_name(rest[0].strip())
    return name if name is not None and _NAME_ONLY.match(normalize(rest[0])) else None


def parse_age(text: str, *, bare: bool = False) -> int | None:
    """A self-declared age in years (5-120): "I'm 15", "15 years old", "j'ai 15 ans" … With ``bare`` (an
    answer to the onboarding question) a message that is only a number counts too."""
    norm = normalize(text)
    m = (
        (_BARE_AGE.search(norm) if bare else None)
        or _AGE.search(norm)
        or (_IM_AGE.search(norm) if detect_language(text) != "de" and not _GERMAN_ORDINAL.search(text) else None)
    )
    if m is None:
        return None
    age = int(next(g for g in m.groups() if g and g.isdigit()))
    return age if 5 <= age <= 120 else None


def is_romance_request(text: str) -> bool:
    return _ROMANCE.search(normalize(text)) is not None


def status(store: SafetyStore, user: User, now: datetime) -> AgeStatus:
    settings = store.settings(user.id)
    birth_year = settings.get("birth_year", user.birth_year)
    minor = (
        bool(settings["minor"])
        if "minor" in settings
        else (birth_year is not None and now.year - int(birth_year) < ADULT_AGE)
    )
    limit = int(settings.get("daily_limit_min", DEFAULT_DAILY_LIMIT_MIN))
    return AgeStatus(birth_year, minor, "minor" in settings, limit)


def record_age(store: SafetyStore, user_id: str, age: int, now: datetime, *, source: str) -> AgeStatus:
    """Store a self-declared age (and the minor flag derived from it); logged as ``age_declared``."""
    birth_year = now.year - age
    minor = age < ADULT_AGE
    store.set_setting(user_id, "birth_year", birth_year, now)
    store.set_setting(user_id, "minor", minor, now)
    store.log(user_id, "age_declared", {"age": age, "minor": minor, "source": source}, at=now)
    limit = int(store.get_setting(user_id, "daily_limit_min", DEFAULT_DAILY_LIMIT_MIN))
    return AgeStatus(birth_year, minor, True, limit)


def set_daily_limit(store: SafetyStore, user_id: str, minutes: int, now: datetime) -> None:
    store.set_setting(user_id, "daily_limit_min", int(minutes), now)
    store.log(user_id, "daily_limit_set", {"minutes": int(minutes)}, at=now)
