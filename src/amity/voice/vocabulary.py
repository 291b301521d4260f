"""The names Amity knows, as a hint for speech recognition.

Whisper base hears an unfamiliar name as the nearest common words ("Maya" → "my", "Saoirse" → "are
should", "Tbilisi" → "tea-bicycle"), and a misheard name then goes into memory as a new person. Whisper
can be *prompted*: text before the transcript (``<|startofprev|>``) biases the decoder toward its words.
:func:`spoken_names` collects the proper names in the user's current facts - the people and pets they
talk about (a fact's subject), names, places and employers (its value), names inside a value ("Tomasz's
visit") - after the companion's own name, newest first, as a short comma-separated list. The voice
pipeline passes it to ``SpeechToText.transcribe(..., hint=...)`` on every utterance.

Measured with ``benchmarks/stt_names.py`` (27 Piper-spoken sentences naming people, places and pets;
``docs/VOICE.md``): names heard right without the hint, with the 27 names as the hint, and with the
sentence's own name only; sentences without a name were transcribed the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from amity.care.persona import load_persona
from amity.memory.facts import Fact
from amity.store.memory_backends import fact_book
from amity.store.sql import SqlDatabase

MAX_NAMES = 24  # ~80 prompt tokens: a few ms of decoder time per utterance
NAME_KEYS = frozenset({"name", "location", "hometown", "employer", "important_date", "appointment"})
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*[a-z][\w'’-]*\b")
_NOT_NAMES = frozenset(
    {"I", "The", "A", "An", "My", "Your", "Our", "His", "Her", "Their", "This", "That", "Mr", "Mrs", "Ms", "Dr"}
    | {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Christmas", "Easter"}
    | {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October"}
    | {"November", "December"}
)


def _names_in(text: str) -> list[str]:
    names = []
    for word in _CAPITALISED.findall(text):
        word = re.sub(r"['’]s$", "", word)
        if word not in _NOT_NAMES and len(word) > 1:
            names.append(word)
    return names


def spoken_names(facts: Sequence[Fact], extra: Iterable[str] = ()) -> str:
    """ "Sage, Maya, Biscuit, Lisbon." from ``extra`` and the current facts (newest first); "" when none."""
    found: dict[str, None] = {}
    for name in extra:
        found.update(dict.fromkeys(_names_in(name)))
    for fact in sorted((f for f in facts if f.active), key=lambda f: f.created_at, reverse=True):
        if fact.subject != "user":
            found.update(dict.fromkeys(_names_in(fact.subject)))
        if fact.key in NAME_KEYS:
            found.update(dict.fromkeys(_names_in(fact.value)))
    names = list(found)[:MAX_NAMES]
    return ", ".join(names) + "." if names else ""


def names_hint(db: SqlDatabase) -> Callable[[str], str]:
    """user → :func:`spoken_names` of their current facts and their companion's name (read per utterance,
    so a name told a minute ago is expected now)."""
    book = fact_book(db)

    def hint(user_id: str) -> str:
        return spoken_names(book.active(user_id), [load_persona(db, user_id).name])

    return hint
