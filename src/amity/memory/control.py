"""User control over memory: list, search, show, edit, forget one item, forget everything — verified.

Ids: facts are ``f_…`` (:mod:`amity.memory.facts`); anything else is a memory-index item, usually an
episode whose id is its turn id (``t_…``).

Forgetting is thorough, then checked (:class:`ForgetReport.verified`; a failed check raises
:class:`~amity.errors.StoreError` rather than claiming success):

* a **fact**: every version of it (its history) from the fact table and its reminder log; its ``fact``
  items from the memory index (text and vector); the turns it was extracted from — their episode items
  and items derived from them are removed from the index, the next turn's searchable *context* (which
  holds the previous turn's text) is re-indexed without it, and their text in the transcript is replaced
  by a marker; and the conversation summaries that mention it or were written after those turns (the core
  rebuilds summaries from the remaining turns). Other facts said in the same turn stay (each keeps its
  own quote).
* an **episode** (a turn): the same for that turn, plus the facts extracted from it.
* **everything** (``forget --all``): the user's facts, reminder settings, index items, summaries,
  turns and stored display name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from amity.errors import InputError, NotFound, StoreError
from amity.memory.facts import Fact, FactBook, FactChange
from amity.memory.hybrid import HybridMemoryIndex
from amity.memory.index import MemoryItem, MemoryKind, StoredItem
from amity.store.conversations import ConversationStore
from amity.store.sqlite_facts import FORGOTTEN_TEXT, SQLiteRedactor


@dataclass(frozen=True)
class ForgetReport:
    """What one forget removed, and whether the removal was verified in every place."""

    facts: int = 0
    index_items: int = 0
    turns_redacted: int = 0
    summaries: int = 0
    verified: bool = False
    ids: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "facts": self.facts,
            "index_items": self.index_items,
            "turns_redacted": self.turns_redacted,
            "summaries": self.summaries,
            "verified": self.verified,
            "ids": list(self.ids),
        }


@dataclass(frozen=True)
class SearchResult:
    id: str
    kind: str
    text: str
    score: float
    when: datetime | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "text": self.text,
            "score": round(self.score, 4),
            "when": self.when.isoformat() if self.when else None,
        }


class MemoryControl:
    """The logic behind ``amity memory …`` (and the server's memory endpoints)."""

    def __init__(
        self,
        facts: FactBook,
        index: HybridMemoryIndex | None = None,
        redactor: SQLiteRedactor | None = None,
        conversations: ConversationStore | None = None,
    ) -> None:
        self.facts = facts
        self.index = index
        self.redactor = redactor
        self.conversations = conversations

    # -- reading ----------------------------------------------------------------------------------------
    def facts_of(self, user_id: str, include_history: bool = False) -> list[Fact]:
        return self.facts.store.facts_of(user_id, include_superseded=include_history)

    def episodes(self, user_id: str, limit: int = 20) -> list[StoredItem]:
        items_of = getattr(self.index.store, "items_of", None) if self.index else None
        return list(items_of(user_id, limit=limit)) if items_of is not None else []

    def search(self, user_id: str, query: str, k: int = 10) -> list[SearchResult]:
        results = [
            SearchResult(f.id, "fact", f.describe(), score, f.created_at)
            for f, score in self.facts.search(user_id, query, k)
        ]
        if self.index is not None:
            seen = {r.id for r in results}
            hits = [h for h in self.index.search(user_id, query, k) if h.id not in seen]
            items = self.index.store.get([h.id for h in hits])
            for hit in hits:
                item = items.get(hit.id)
                results.append(SearchResult(hit.id, hit.kind, hit.text, hit.score, item.created_at if item else None))
        return results[:k]

    def show(self, user_id: str, item_id: str) -> Fact | StoredItem:
        """A fact with its history, or an index item; only the user's own."""
        fact = self.facts.store.get(item_id)
        if fact is not None:
            if fact.user_id != user_id:
                raise NotFound(f"There is no memory {item_id} for this user.", "See `amity memory list`.")
            return self.facts.get(item_id)
        item = self.index.store.get([item_id]).get(item_id) if self.index else None
        if item is None or item.user_id != user_id:
            raise NotFound(f"There is no memory {item_id} for this user.", "See `amity memory list`.")
        return item

    # -- editing ----------------------------------------------------------------------------------------
    def edit(self, user_id: str, fact_id: str, value: str, date_value: str | None = None) -> FactChange:
        found = self.show(user_id, fact_id)
        if not isinstance(found, Fact):
            raise InputError(
                "Only facts can be edited; this is a conversation snippet.",
                f"Forget it instead: amity memory forget {fact_id}",
            )
        change = self.facts.edit(fact_id, value, date_value)
        if self.index is not None:
            self.index.forget([fact_id])
            new = change.fact
            self.index.add(
                user_id,
                MemoryItem(user_id, new.describe("user"), "fact", new.created_at, importance=0.8, id=new.id),
            )
        return change

    # -- forgetting -------------------------------------------------------------------------------------
    def forget(self, user_id: str, item_id: str) -> ForgetReport:
        found = self.show(user_id, item_id)
        if isinstance(found, Fact):
            chain = self.facts.store.chain(item_id)
            turn_ids = sorted({f.source_turn_id for f in chain if f.source_turn_id})
        else:
            turn_ids = [found.id] if found.kind == "episode" else []  # episodes are keyed by turn id
            chain = self._facts_from_turns(user_id, turn_ids)
        fact_ids = [f.id for f in chain]
        needles = sorted({f.value for f in chain if len(f.value) >= 3})
        episodes = list(self.index.store.get(turn_ids).values()) if self.index is not None else []
        removed_facts = self.facts.store.delete(fact_ids)
        removed_items = self._forget_index(fact_ids, turn_ids, [] if isinstance(found, Fact) else [found.id])
        self._scrub_context(user_id, episodes)
        redacted, summaries = self._redact(user_id, turn_ids, needles)
        self._verify(user_id, fact_ids, turn_ids, needles, episodes)
        return ForgetReport(removed_facts, removed_items, redacted, summaries, True, tuple([*fact_ids, *turn_ids]))

    def _facts_from_turns(self, user_id: str, turn_ids: Sequence[str]) -> list[Fact]:
        """The facts (whole chains) that were extracted from these turns."""
        by_id: dict[str, Fact] = {}
        sources = set(turn_ids)
        for fact in self.facts.store.facts_of(user_id, include_superseded=True):
            if fact.source_turn_id in sources and fact.id not in by_id:
                by_id.update({f.id: f for f in self.facts.store.chain(fact.id)})
        return list(by_id.values())

    def _forget_index(self, fact_ids: Sequence[str], turn_ids: Sequence[str], extra: Sequence[str]) -> int:
        if self.index is None:
            return 0
        removed = self.index.forget([*fact_ids, *turn_ids, *extra])
        by_source = getattr(self.index.store, "delete_by_source", None)
        if by_source is not None:
            removed += int(by_source([*turn_ids, *fact_ids]))
        return removed

    def _with_context(self, user_id: str, episodes: Sequence[StoredItem]) -> list[StoredItem]:
        """Index items whose searchable context (the previous turn) holds a forgotten episode's text."""
        items_of = getattr(self.index.store, "items_of", None) if self.index is not None else None
        if items_of is None or not episodes:
            return []
        since = min(e.created_at for e in episodes)
        texts = [e.text for e in episodes if e.text.strip()]
        found: list[StoredItem] = items_of(user_id, since=since, limit=1_000_000)
        return [it for it in found if it.context and any(t in it.context for t in texts)]

    def _scrub_context(self, user_id: str, episodes: Sequence[StoredItem]) -> int:
        """Re-index the items that carried a forgotten turn as context, without it."""
        stale = self._with_context(user_id, episodes)
        if self.index is not None and stale:
            self.index.add_many(
                user_id,
                [
                    MemoryItem(
                        it.user_id,
                        it.text,
                        cast(MemoryKind, it.kind),
                        it.created_at,
                        it.session_id,
                        it.source_id,
                        it.role,
                        it.importance,
                        it.affect,
                        id=it.id,
                        context="",
                    )
                    for it in stale
                ],
            )
        return len(stale)

    def _redact(self, user_id: str, turn_ids: Sequence[str], needles: Sequence[str]) -> tuple[int, int]:
        if self.redactor is None:
            return 0, 0
        turns = self.redactor.turn_texts(turn_ids)
        since = min((created for _, created, _ in turns.values()), default=None)
        redacted = self.redactor.redact_turns(list(turns))
        return redacted, self.redactor.purge_summaries(user_id, needles, since)

    def _verify(
        self,
        user_id: str,
        fact_ids: Sequence[str],
        turn_ids: Sequence[str],
        needles: Sequence[str],
        episodes: Sequence[StoredItem],
    ) -> None:
        """Check every place; raise instead of reporting a forget that did not happen."""
        left: list[str] = [f"fact {i}" for i in fact_ids if self.facts.store.get(i) is not None]
        if self.index is not None:
            left += [f"index item {i}" for i in self.index.store.get([*fact_ids, *turn_ids])]
            left += [f"context of index item {it.id}" for it in self._with_context(user_id, episodes)]
        if self.redactor is not None:
            texts = self.redactor.turn_texts(turn_ids)
            left += [f"turn {i}" for i, (_, _, text) in texts.items() if text != FORGOTTEN_TEXT]
            if self.redactor.summaries_mentioning(user_id, needles):
                left.append("a summary")
        if left:
            raise StoreError(f"Forgetting did not complete: {', '.join(left)} still stored.", "Run it again.")

    def forget_all(self, user_id: str) -> ForgetReport:
        """Forget everything about one user, in every store, and verify it."""
        facts = self.facts.forget_user(user_id)
        items = self.index.forget_user(user_id) if self.index is not None else 0
        summaries = turns = 0
        if self.redactor is not None:
            summaries, turns = self.redactor.purge_user(user_id)
        if self.conversations is not None:
            self.conversations.update_user(user_id, display_name=None)
        left = []
        if self.facts.store.count(user_id):
            left.append("facts")
        if self.index is not None and self.index.store.count(user_id):
            left.append("index items")
        if self.redactor is not None and any(self.redactor.user_remnants(user_id)):
            left.append("turns or summaries")
        if left:
            raise StoreError(f"Forgetting everything did not complete: {', '.join(left)} remain.", "Run it again.")
        return ForgetReport(facts, items, turns, summaries, True, ())
