"""The learned re-ranker: its features, the shipped weights, the ordering it gives, and its fallback."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from amity.errors import ModelError
from amity.memory.embedders import HashingEmbedder
from amity.memory.facts import FactBook
from amity.memory.hybrid import HybridMemoryIndex
from amity.memory.index import Candidate, MemoryItem, SearchOptions, StoredItem
from amity.memory.recall import RERANKED_GATE, MemoryStage
from amity.memory.rerank import (
    ARTIFACT,
    FEATURES,
    LinearReranker,
    candidate_features,
    default_reranker,
    load_reranker,
    rerank,
)
from amity.memory.retrieval import fuse
from amity.stages import TurnContext
from amity.store.db import Database
from amity.store.schema_memory import MIGRATIONS
from amity.store.sqlite_facts import SQLiteFactStore
from amity.store.sqlite_memory import SQLiteMemoryStore
from amity.types import Persona, Session, Turn, User

T0 = datetime(2024, 3, 1, 12, tzinfo=UTC)
F = {name: i for i, name in enumerate(FEATURES)}


def _item(item_id: str, text: str, session: str, minute: int, context: str = "") -> StoredItem:
    return StoredItem(item_id, "u", text, "episode", T0 + timedelta(minutes=minute), 0.5, session, context=context)


ITEMS = {
    "q": _item("q", "Did you go anywhere last weekend?", "s1", 0),
    "a": _item("a", "Yes, we went hiking in the Alps", "s1", 1, context="Did you go anywhere last weekend?"),
    "b": _item("b", "I love mountains and hiking", "s2", 0),
    "c": _item("c", "The weather is nice today", "s3", 0),
}
BM25 = [Candidate("a", 8.0), Candidate("b", 4.0)]
VECTOR = [Candidate("b", 0.61), Candidate("q", 0.55), Candidate("c", 0.20)]


def _only(feature: str, weight: float = 1.0) -> LinearReranker:
    """A hand-made model that scores one feature (mean 0, scale 1)."""
    coef = tuple(weight if name == feature else 0.0 for name in FEATURES)
    return LinearReranker((0.0,) * len(FEATURES), (1.0,) * len(FEATURES), coef, 0.0, {})


def test_features_of_a_scripted_candidate_set() -> None:
    ids, x = candidate_features("Where did you go hiking last weekend?", BM25, VECTOR, ITEMS, SearchOptions())
    assert ids == ["a", "b", "q", "c"]  # BM25 order first, then the vector-only ones
    row = {i: x[r] for r, i in enumerate(ids)}
    assert row["a"][F["bm25_rrf"]] == pytest.approx(1 / 11) and row["a"][F["bm25_rel"]] == 1.0
    assert row["b"][F["bm25_rel"]] == 0.5 and row["b"][F["vector_rrf"]] == pytest.approx(1 / 11)
    assert row["b"][F["cosine_rel"]] == 0.0 and row["c"][F["cosine_rel"]] == pytest.approx(0.20 - 0.61)
    assert row["a"][F["cosine_rel"]] == pytest.approx(0.20 - 0.61)  # BM25 only: the list's last cosine
    assert row["a"][F["rrf"]] == pytest.approx(1 / 11) and row["b"][F["rrf"]] == pytest.approx(1 / 12 + 0.7 / 11)
    assert row["a"][F["prev_rrf"]] == pytest.approx(row["q"][F["rrf"]])  # "q" is a's context: its previous turn
    assert row["q"][F["next_rrf"]] == pytest.approx(row["a"][F["rrf"]]) and row["b"][F["prev_rrf"]] == 0.0
    assert row["a"][F["session_votes"]] > row["c"][F["session_votes"]] > 0.0
    assert row["a"][F["query_coverage"]] == pytest.approx(1 / 3)  # "hiking" of {hiking, last, weekend}
    assert row["a"][F["context_coverage"]] == pytest.approx(2 / 3)  # "last weekend": in the previous turn
    assert row["q"][F["has_time"]] == 1.0 and row["q"][F["when_x_time"]] == 0.0  # "where", not "when"
    _, when = candidate_features("When did you go hiking?", BM25, VECTOR, ITEMS, SearchOptions())
    assert when[ids.index("q"), F["when_x_time"]] == 1.0 and when[ids.index("a"), F["when_x_time"]] == 0.0
    assert candidate_features("x", [], [], ITEMS, SearchOptions())[1].shape == (0, len(FEATURES))


def test_question_and_name_features() -> None:
    items = {
        "ask": _item("ask", "Mel: Where did you go last summer?", "s1", 0),
        "reply": _item(
            "reply",
            "Caroline: We drove to Lake Tahoe with Jess. [photo: a lake]",
            "s1",
            1,
            context="Mel: Where did you go last summer?",
        ),
        "shown": _item("shown", "Caroline: Look at this? [photo: a red car]", "s2", 0),
        "plain": _item("plain", "Caroline: Summer was fine. Really.", "s3", 0),
    }
    bm25 = [Candidate(i, 5.0 - n) for n, i in enumerate(items)]
    ids, x = candidate_features("Where did Caroline go last summer?", bm25, [], items, SearchOptions())
    row = {i: x[r] for r, i in enumerate(ids)}
    assert row["ask"][F["is_question"]] == 1.0 and row["reply"][F["is_question"]] == 0.0
    assert row["shown"][F["is_question"]] == 1.0  # the question mark before a trailing "[photo: ...]" note
    assert row["reply"][F["context_question"]] == 1.0 and row["ask"][F["context_question"]] == 0.0
    # names inside sentences: Lake, Tahoe, Jess (3) - not the speaker, a sentence's first word or the note
    assert row["reply"][F["names_x_who"]] == 3.0 and row["plain"][F["names_x_who"]] == 0.0
    _, why = candidate_features("Why did Caroline go to the lake?", bm25, [], items, SearchOptions())
    assert why[:, F["names_x_who"]].tolist() == [0.0] * 4  # counted only for who / where / which questions
    model = default_reranker()
    assert model is not None
    coef = dict(zip(FEATURES, model.coef, strict=True))
    assert coef["is_question"] < 0 < coef["context_question"] and coef["names_x_who"] > 0


def test_a_model_orders_by_its_features() -> None:
    now = T0 + timedelta(days=1)
    order = [s.item.id for s in rerank("hiking", BM25, VECTOR, ITEMS, SearchOptions(), _only("next_rrf"), now)]
    assert order[0] == "q"  # the only candidate whose next turn is a candidate
    scored = rerank("hiking", BM25, VECTOR, ITEMS, SearchOptions(), _only("cosine_rel", 5.0), now)
    assert [s.item.id for s in scored][:2] == ["b", "q"] and all(0.0 < s.score < 1.0 for s in scored)
    assert scored[0].bm25_rank == 2 and scored[0].vector_rank == 1
    boosted = rerank("hiking", BM25, VECTOR, ITEMS, SearchOptions(importance_weight=1.0), _only("rrf"), now)
    assert boosted[0].score == pytest.approx(1.5 / (1 + np.exp(-boosted[0].rrf)))  # probability × boost


def test_shipped_weights_load_and_rank_a_match_of_both_retrievers_first() -> None:
    model = load_reranker()
    assert model == default_reranker() and len(model.coef) == len(FEATURES)
    assert set(model.card["trained_on"]) == {"conv-26", "conv-30", "conv-41", "conv-42", "conv-43", "conv-44"}
    assert len(model.card["held_out"]) == 2 and "command" in model.card
    items = {
        "both": _item("both", "My sister Maya moved to Porto last year", "s1", 0),
        "words": _item("words", "Maya said hi", "s2", 0),
        "meaning": _item("meaning", "Family news from Portugal", "s3", 0),
    }
    bm25 = [Candidate("both", 9.0), Candidate("words", 3.0)]
    vector = [Candidate("both", 0.7), Candidate("meaning", 0.6)]
    scored = rerank("Where does Maya live now?", bm25, vector, items, SearchOptions(), model, T0)
    assert scored[0].item.id == "both" and scored[0].score > scored[1].score
    round_trip = LinearReranker.from_dict(json.loads(json.dumps(model.to_dict())))
    assert round_trip == model


def test_missing_or_corrupt_weights_fail_clearly(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="missing") as missing:
        load_reranker(tmp_path / "none.json")
    assert "training/memory_rerank/train.py" in missing.value.fix
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(ModelError, match="unreadable"):
        load_reranker(bad)
    good = json.loads(ARTIFACT.read_text())
    for broken in ({**good, "features": good["features"][:-1]}, {**good, "coef": good["coef"][:3]}, {"mean": []}):
        bad.write_text(json.dumps(broken))
        with pytest.raises(ModelError, match="unreadable"):
            load_reranker(bad)
    bad.write_text(json.dumps({**good, "scale": [0.0] * len(FEATURES)}))
    with pytest.raises(ModelError):
        load_reranker(bad)


def test_without_weights_search_falls_back_to_rrf(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="amity.memory.rerank"):
        assert default_reranker(tmp_path / "gone.json") is None
    assert "Falling back to RRF" in caplog.text
    emb = HashingEmbedder(dim=32)
    db = Database(":memory:", MIGRATIONS)
    plain = HybridMemoryIndex(SQLiteMemoryStore(db, emb.dim, "hashing"), emb, reranker=None)
    texts = ["We adopted a dog called Biscuit", "Biscuit loves the beach", "I work as a nurse", "The dog is sick"]
    plain.add_many("u", [MemoryItem("u", t, created_at=T0 + timedelta(minutes=i)) for i, t in enumerate(texts)])
    options = SearchOptions(now=T0)
    hits = plain.search("u", "how is the dog Biscuit", k=4, options=options)
    bm25 = plain.store.bm25("u", "how is the dog Biscuit", options.candidates)
    vector = plain.store.knn("u", emb.embed_query(["how is the dog Biscuit"])[0], options.candidates)
    items = plain.store.get([c.id for c in (*bm25, *vector)])
    expected = fuse([c.id for c in bm25], [c.id for c in vector], items, options, T0)
    assert [h.id for h in hits] == [s.item.id for s in expected[:4]]
    shipped = HybridMemoryIndex(plain.store, emb)
    reranked = shipped.search("u", "how is the dog Biscuit", k=4, options=options)
    assert all(0.0 < h.score < 1.0 for h in reranked) and {h.id for h in reranked} == {h.id for h in hits}
    off = shipped.search("u", "how is the dog Biscuit", k=4, options=replace(options, rerank=False))
    assert [h.id for h in off] == [h.id for h in hits]
    db.close()


async def test_recall_gate_keeps_unrelated_episodes_out_of_the_prompt(tmp_path: Path) -> None:
    from amity.store.schema import all_migrations

    db = Database(tmp_path / "a.db", all_migrations())
    emb = HashingEmbedder(dim=64)
    index = HybridMemoryIndex(SQLiteMemoryStore(db, emb.dim, "hashing"), emb)
    texts = ["My sister Maya moved to Porto in May", "We adopted a dog called Biscuit", "Work was long today"]
    index.add_many(
        "u1", [MemoryItem("u1", t, session_id="s0", created_at=T0 + timedelta(minutes=i)) for i, t in enumerate(texts)]
    )
    stage = MemoryStage(FactBook(SQLiteFactStore(db)), index, clock=lambda: T0 + timedelta(days=1))

    async def recalled(text: str) -> list[str]:
        user, session = User("u1", None, T0), Session("s1", "u1", T0, T0)
        turn = Turn("t-new", "u1", "s1", 0, "user", text, T0 + timedelta(days=1))
        ctx = TurnContext(user=user, session=session, persona=Persona(), text=text, user_turn=turn, history=[])
        await stage.before_reply(ctx)
        return [m.text for m in ctx.memories if m.kind == "episode"]

    assert any("Porto" in t for t in await recalled("How is Maya doing in Porto?"))
    assert await recalled("Quantum chromodynamics lecture notes") == []
    scores = [h.score for h in index.search("u1", "Quantum chromodynamics lecture notes", k=3)]
    assert all(s < RERANKED_GATE for s in scores)
    db.close()
