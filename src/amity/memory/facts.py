"""Semantic memory: facts about the user with provenance, confidence and a history.

A :class:`Fact` is one statement about the user (or someone in their life), e.g. ``(user, location,
Lisbon)`` or ``(Maya, relation, sister)``. It records where it came from (the source turn id, the quote,
the time), how sure we are, and how it changed: facts are never overwritten. When a newer statement
contradicts an older one ("I moved to Lisbon" after "I live in London"), a new row is written and the old
row is marked ``superseded_by`` the new one, so the latest value wins and the old one stays in
:attr:`Fact.history`. Edits by the user work the same way (origin ``"user"``). Forgetting, in contrast,
deletes the whole chain: forget means forget.

Cardinality decides what counts as a contradiction. *Single* keys (name, age, location, job, birthday,
relation of a person, ``favourite <thing>`` …) hold one value per subject, so a new value supersedes the
old one. *Multi* keys (allergy, likes, dislikes, appointment, important_date) accumulate values; the same
value again only reinforces confidence, and ``likes X`` / ``dislikes X`` supersede each other.

Storage is the :class:`FactStore` Protocol (SQL only; SQLite in ``amity.store.sqlite_facts``, PostgreSQL
in ``amity.store.postgres``). :class:`FactBook` holds the logic above and is what callers use.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any, Literal, Protocol

from amity.errors import InputError, NotFound

MULTI_KEYS = frozenset({"allergy", "likes", "dislikes", "appointment", "important_date"})
SINGLE_KEYS = frozenset(
    {"name", "age", "location", "hometown", "job", "employer", "birthday", "anniversary", "relation", "died"}
)
OPPOSITES = {"likes": "dislikes", "dislikes": "likes"}
Origin = Literal["rules", "llm", "user"]
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "is",
        "are",
        "was",
        "were",
        "am",
        "i",
        "me",
        "my",
        "you",
        "your",
        "it",
        "its",
        "do",
        "does",
        "did",
        "what",
        "who",
        "where",
        "when",
        "how",
        "about",
        "with",
        "that",
        "this",
        "be",
        "have",
        "has",
        "had",
    ]
)


def new_fact_id() -> str:
    return "f_" + uuid.uuid4().hex[:16]


def is_multi(key: str) -> bool:
    return key in MULTI_KEYS


def valid_key(key: str) -> bool:
    return key in MULTI_KEYS or key in SINGLE_KEYS or key.startswith("favourite ")


def norm(value: str) -> str:
    """Comparison form of a value: lower case, single spaces, no surrounding punctuation."""
    return " ".join(value.lower().strip(" .,!?;:'\"").split())


def format_date_value(value: str, weekday: bool = True) -> str:
    """``--05-05`` → ``5 May``; ``2026-12-04`` → ``Friday 4 December 2026`` (or without the weekday)."""
    try:
        if value.startswith("--"):
            month, day = int(value[2:4]), int(value[5:7])
            return f"{day} {date(2000, month, day):%B}"
        d = date.fromisoformat(value)
    except ValueError:
        return value
    return f"{d:%A} {d.day} {d:%B %Y}" if weekday else f"{d.day} {d:%B %Y}"


_DETERMINER = re.compile(r"(?:a|an|the|my|your|his|her|their|our|this|that|one|some)\s", re.I)


def _owned(thing: str, whose: str) -> str:
    """ "dentist appointment" → "your dentist appointment"; "a job interview" stays as it is."""
    return thing if _DETERMINER.match(thing) else f"{whose} {thing}"


@dataclass(frozen=True)
class FactDraft:
    """A fact as extraction proposes it, before it is stored."""

    key: str
    value: str
    subject: str = "user"
    confidence: float = 0.8
    quote: str = ""
    date_value: str | None = None  # ISO ``YYYY-MM-DD`` or yearly ``--MM-DD``
    origin: Origin = "rules"


def is_or_are(phrase: str) -> str:
    """``the results are`` / ``the move is``: a noun phrase's verb by its last word (not after "of")."""
    last = phrase.split()[-1].lower() if phrase.split() else ""
    plural = last.endswith("s") and not last.endswith(("ss", "'s", "us", "is")) and " of " not in phrase
    return "are" if plural else "is"


@dataclass(frozen=True)
class Fact:
    """One stored version of a fact. ``superseded_by is None`` means it is the current value."""

    id: str
    user_id: str
    subject: str
    key: str
    value: str
    confidence: float
    source_turn_id: str | None
    quote: str
    created_at: datetime
    valid_from: datetime
    date_value: str | None = None
    origin: str = "rules"
    supersedes: str | None = None
    superseded_by: str | None = None
    superseded_at: datetime | None = None
    history: tuple[Fact, ...] = ()  # earlier versions, oldest first (filled by FactBook.get)

    @property
    def active(self) -> bool:
        return self.superseded_by is None

    def describe(self, person: Literal["you", "user"] = "you") -> str:
        """One sentence: second person for the user, third person for the system prompt."""
        you = person == "you"
        your, subj = ("your", "You") if you else ("the user's", "The user")
        v = self.value
        when = format_date_value(self.date_value, self.key not in {"birthday", "anniversary"}) if self.date_value else v
        if self.subject != "user":
            who = self.subject.replace("the user's", your)
            if self.key == "relation":
                return f"{who} is {your} {v}"
            if self.key in {"birthday", "anniversary"}:
                return f"{who[0].upper()}{who[1:]}'s {self.key} is on {when}"
            if self.key == "died":  # "Your grandma passed away in 2025"
                return f"{who[0].upper()}{who[1:]} {v}"
            return f"{who}: {self.key.replace('_', ' ')} {v}"
        are, live, work, like, dislike, have = (
            ("are", "live", "work", "like", "don't like", "have")
            if you
            else ("is", "lives", "works", "likes", "doesn't like", "has")
        )
        templates = {
            "name": f"{your.capitalize()} name is {v}",
            "age": f"{subj} {are} {v} years old",
            "location": f"{subj} {live} in {v}",
            "hometown": f"{subj} {are} from {v}",
            "job": f"{subj} {work} as {v}",
            "employer": f"{subj} {work} at {v}",
            "birthday": f"{your.capitalize()} birthday is on {when}",
            "anniversary": f"{your.capitalize()} anniversary is on {when}",
            "allergy": f"{subj} {are} allergic to {v}",
            "likes": f"{subj} {like} {v}",
            "dislikes": f"{subj} {dislike} {v}",
            "appointment": f"{subj} {have} {_owned(v, 'your' if you else 'their')} on {when}",
            "important_date": f"{v[:1].upper()}{v[1:]} {is_or_are(v)} on {when}",
        }
        if self.key.startswith("favourite "):
            return f"{your.capitalize()} {self.key} is {v}"
        return templates.get(self.key, f"{self.key.replace('_', ' ')}: {v}")

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "subject": self.subject,
            "key": self.key,
            "value": self.value,
            "date": self.date_value,
            "confidence": round(self.confidence, 3),
            "origin": self.origin,
            "source_turn_id": self.source_turn_id,
            "quote": self.quote,
            "created_at": self.created_at.isoformat(),
            "valid_from": self.valid_from.isoformat(),
            "superseded_by": self.superseded_by,
            "superseded_at": self.superseded_at.isoformat() if self.superseded_at else None,
            "text": self.describe(),
            "history": [h.to_dict() for h in self.history],
        }


FACT_COLUMNS = (
    "id, user_id, subject, key, value, date_value, confidence, source_turn_id, quote, origin, "
    "created_at, valid_from, supersedes, superseded_by, superseded_at"
)


def new_fact_row(fact: Fact, stamp: Callable[[datetime], Any]) -> tuple[Any, ...]:
    """The values of a new (current) fact in ``FACT_COLUMNS`` order; ``stamp`` writes a datetime the way
    the store's dialect wants it."""
    return (
        fact.id,
        fact.user_id,
        fact.subject,
        fact.key,
        fact.value,
        fact.date_value,
        fact.confidence,
        fact.source_turn_id,
        fact.quote,
        fact.origin,
        stamp(fact.created_at),
        stamp(fact.valid_from),
        fact.supersedes,
        None,
        None,
    )


@dataclass(frozen=True)
class FactChange:
    """What recording a draft did: a new fact, a new version replacing ``replaced``, or a reinforcement."""

    action: Literal["added", "updated", "reinforced"]
    fact: Fact
    replaced: Fact | None = None


@dataclass(frozen=True)
class ReminderLogEntry:
    fact_id: str
    occurrence: str  # ISO date of the event the reminder was about; "followup:<date>" for a follow-up
    shown_at: datetime


class FactStore(Protocol):
    """Storage of facts and of the reminder opt-in/log (SQL only). Writes are atomic."""

    def insert(self, fact: Fact, supersede: Sequence[str] = ()) -> None:
        """Insert ``fact`` and mark ``supersede`` ids as superseded by it (same transaction)."""
        ...

    def set_confidence(self, fact_id: str, confidence: float) -> None: ...

    def get(self, fact_id: str) -> Fact | None:
        """One version by id (``history`` left empty)."""
        ...

    def facts_of(self, user_id: str, include_superseded: bool = False) -> list[Fact]:
        """The user's facts, oldest first."""
        ...

    def chain(self, fact_id: str) -> list[Fact]:
        """Every version linked to ``fact_id`` by supersession, oldest first (empty when unknown)."""
        ...

    def delete(self, ids: Sequence[str]) -> int:
        """Delete fact rows (and their reminder log); returns how many existed."""
        ...

    def delete_user(self, user_id: str) -> int: ...

    def count(self, user_id: str | None = None) -> int: ...

    def reminders_enabled(self, user_id: str) -> bool: ...

    def set_reminders_enabled(self, user_id: str, enabled: bool) -> None: ...

    def reminder_log(self, user_id: str, since: datetime) -> list[ReminderLogEntry]: ...

    def log_reminder(self, user_id: str, fact_id: str, occurrence: str, shown_at: datetime) -> None: ...


# A young animal is still its kind: "What's my dog's name?" finds "Mochi is your puppy".
KIND_OF = {"puppy": "dog", "kitten": "cat", "bunny": "rabbit", "pup": "dog", "kitty": "cat"}


def same_relation(value: str, asked: str) -> bool:
    """Whether a relation ``value`` ("puppy") answers a question about ``asked`` ("dog")."""
    value, asked = value.lower(), asked.lower()
    return value == asked or KIND_OF.get(value, value) == KIND_OF.get(asked, asked)


KEY_WORDS = {
    "location": "live where city town country home moved address",
    "hometown": "from where grew born origin",
    "job": "work job career profession occupation",
    "employer": "work job company employer office",
    "allergy": "allergic allergy food eat eating snack meal dinner lunch restaurant cook recipe",
    "birthday": "birthday born age present gift party",
    "anniversary": "anniversary wedding married",
    "appointment": "appointment schedule calendar week busy",
    "relation": "family friend pet",
    "likes": "like enjoy love hobby",
    "dislikes": "dislike hate",
    "age": "old age",
    "name": "name called",
}


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def tokens(text: str) -> set[str]:
    """Content words of a text, crudely stemmed (for fact search and grounding checks)."""
    return {_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP}


class FactBook:
    """The fact logic over a :class:`FactStore`: record with supersession, edit, search, forget."""

    def __init__(self, store: FactStore) -> None:
        self.store = store

    def active(self, user_id: str) -> list[Fact]:
        return self.store.facts_of(user_id)

    def get(self, fact_id: str) -> Fact:
        """The fact with its history (earlier versions, oldest first)."""
        fact = self.store.get(fact_id)
        if fact is None:
            raise NotFound(f"There is no fact {fact_id}.", "List facts with `amity memory list`.")
        chain = self.store.chain(fact_id)
        earlier = tuple(f for f in chain if f.created_at <= fact.created_at and f.id != fact.id)
        return replace(fact, history=earlier)

    def _match(self, user_id: str, draft: FactDraft) -> tuple[Fact | None, list[Fact]]:
        """The active fact this draft repeats (if any) and the active facts it contradicts."""
        same: Fact | None = None
        contradicted: list[Fact] = []
        subject = norm(draft.subject)
        for fact in self.store.facts_of(user_id):
            if norm(fact.subject) != subject:
                continue
            if fact.key == draft.key and norm(fact.value) == norm(draft.value):
                if fact.date_value == draft.date_value or draft.date_value is None:
                    same = fact
                    continue
                contradicted.append(fact)  # same value, new date (appointment moved)
            elif (fact.key == draft.key and not is_multi(draft.key)) or (
                OPPOSITES.get(draft.key) == fact.key and norm(fact.value) == norm(draft.value)
            ):
                contradicted.append(fact)
        return same, contradicted

    def record(
        self, user_id: str, draft: FactDraft, source_turn_id: str | None = None, at: datetime | None = None
    ) -> FactChange:
        """Store a draft: reinforce a repeat, supersede what it contradicts, or add it."""
        if not valid_key(draft.key) or not draft.value.strip():
            raise InputError(f"Not a storable fact: {draft.key}={draft.value!r}.", "Use a known key.")
        now = at or datetime.now(UTC)
        same, contradicted = self._match(user_id, draft)
        if same is not None and not contradicted:
            confidence = min(1.0, max(same.confidence, draft.confidence) + 0.05)
            self.store.set_confidence(same.id, confidence)
            return FactChange("reinforced", replace(same, confidence=confidence))
        fact = Fact(
            id=new_fact_id(),
            user_id=user_id,
            subject=draft.subject.strip(),
            key=draft.key,
            value=draft.value.strip(),
            confidence=max(0.0, min(1.0, draft.confidence)),
            source_turn_id=source_turn_id,
            quote=draft.quote.strip(),
            created_at=now,
            valid_from=now,
            date_value=draft.date_value,
            origin=draft.origin,
            supersedes=contradicted[0].id if contradicted else None,
        )
        self.store.insert(fact, [f.id for f in contradicted])
        if contradicted:
            return FactChange("updated", fact, contradicted[0])
        return FactChange("added", fact)

    def edit(self, fact_id: str, value: str, date_value: str | None = None) -> FactChange:
        """The user corrects a fact: a new version (origin ``user``, confidence 1) supersedes it."""
        old = self.get(fact_id)
        if not old.active:
            raise InputError(
                f"Fact {fact_id} is an old version (superseded by {old.superseded_by}).",
                f"Edit the current version: amity memory edit {old.superseded_by} VALUE",
            )
        if not value.strip():
            raise InputError("A fact needs a value.", "Use `amity memory forget ID` to remove it instead.")
        fact = replace(
            old,
            id=new_fact_id(),
            value=value.strip(),
            date_value=date_value if date_value is not None else old.date_value,
            confidence=1.0,
            origin="user",
            quote=f"(edited by you; was: {old.value})",
            created_at=datetime.now(UTC),
            valid_from=datetime.now(UTC),
            supersedes=old.id,
            superseded_by=None,
            superseded_at=None,
            history=(),
        )
        self.store.insert(fact, [old.id])
        return FactChange("updated", fact, old)

    def search(self, user_id: str, query: str, k: int = 5) -> list[tuple[Fact, float]]:
        """Active facts ranked by word overlap with the query (facts per user are few; no index needed)."""
        wanted = tokens(query)
        if not wanted:
            return []
        scored: list[tuple[Fact, float]] = []
        for fact in self.active(user_id):
            words = KEY_WORDS.get(fact.key, "") + (
                f" {KIND_OF.get(fact.value.lower(), '')}" if fact.key == "relation" else ""
            )
            have = tokens(f"{fact.subject} {fact.key.replace('_', ' ')} {fact.value} {words} {fact.describe('user')}")
            overlap = len(wanted & have)
            if overlap:
                scored.append((fact, overlap / len(wanted) * (0.5 + 0.5 * fact.confidence)))
        scored.sort(key=lambda pair: (-pair[1], pair[0].created_at))
        return scored[:k]

    def forget(self, fact_id: str) -> list[Fact]:
        """Delete a fact and every version of it; returns the deleted versions."""
        chain = self.store.chain(fact_id)
        if not chain:
            raise NotFound(f"There is no fact {fact_id}.", "List facts with `amity memory list`.")
        self.store.delete([f.id for f in chain])
        return chain

    def forget_user(self, user_id: str) -> int:
        return self.store.delete_user(user_id)
