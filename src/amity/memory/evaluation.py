"""``amity eval memory``: evidence recall@k of the memory index on LoCoMo-format conversations.

For each conversation (``sample_id``) a fresh SQLite database is filled with every dialogue turn as an
episode of one user (its session id is the LoCoMo session, so each turn gets the previous turn as its
BM25 context and its vector blend, as in the app). The indexed text is ``"<speaker>: <text>"`` plus
``[photo: <blip caption>]`` when the turn shares an image; the item time is the session's
``session_<n>_date_time`` (turn *i* of a session is placed *i* minutes after its start). Then every
question with evidence is searched four ways in the same run and scored against its evidence
``dia_id``s:

* ``hybrid`` — the retriever the app uses: 50 candidates per retriever ordered by the learned
  re-ranker (``amity.memory.rerank``; the headline ``recall_at_k``, ``by_category``). ``reranker``
  evaluates other weights (the training script's held-out halves);
* ``baselines.hybrid_rrf`` — the same index and candidates without the re-ranker: RRF + session boost
  (what shipped before the re-ranker);
* ``baselines.bm25`` / ``baselines.vector`` — one retriever alone, without the session boost (the
  vector baseline searches the context-blended vectors of the current index);
* ``baselines.hybrid_previous`` — the retriever before issue #3 (plain turn vectors, RRF without the
  session boost) on a second index of the same turns, for the side-by-side recall and latency.

``by_conversation`` gives each run's recall per conversation (for leave-conversations-out checks);
``conversations`` restricts the run to some ``sample_id``s.
Measures:

* ``recall_at_k`` — the fraction of a question's evidence turns found in the top k, averaged over
  questions (the headline number);
* ``all_found_at_k`` — the share of questions whose evidence turns are *all* in the top k.

Evidence ids are normalised robustly: lists like ``"D8:6; D9:17"`` are split, ``"D:11:26"`` is read as
``D11:26``; ids that are unreadable (``"D"``) or name no turn of that conversation are dropped and
counted in ``evidence_dropped``; questions left without evidence are skipped (``n_skipped``).
Categories: 1 multi-hop, 2 temporal, 3 open-domain, 4 single-hop, 5 adversarial.
"""

from __future__ import annotations

import dataclasses
import json
import re
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

import numpy as np

from amity.errors import InputError
from amity.memory.embedders import Embedder, Matrix, load_embedder
from amity.memory.hybrid import CONTEXT_VECTOR_WEIGHT, HybridMemoryIndex, vector_space
from amity.memory.index import MemoryItem, SearchOptions
from amity.memory.rerank import LinearReranker, default_reranker
from amity.store.db import Database
from amity.store.schema_memory import MIGRATIONS
from amity.store.sqlite_memory import BM25_BUDGET, SQLiteMemoryStore

CATEGORIES = {1: "multi-hop", 2: "temporal", 3: "open-domain", 4: "single-hop", 5: "adversarial"}
_SESSION = re.compile(r"session_(\d+)$")
_DIA = re.compile(r"D\s*:?\s*(\d+)\s*:\s*(\d+)")


def parse_locomo_time(text: str) -> datetime | None:
    """``"1:56 pm on 8 May, 2023"`` → aware UTC datetime (None when unreadable)."""
    for fmt in ("%I:%M %p on %d %B, %Y", "%I:%M %p on %d %b, %Y", "%H:%M on %d %B, %Y"):
        try:
            return datetime.strptime(text.strip(), fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


def normalise_evidence(raw: Sequence[str]) -> list[str]:
    """Readable dia_ids of a raw evidence list: ``["D8:6; D9:17", "D:11:26"]`` → ``[D8:6, D9:17, D11:26]``."""
    out: list[str] = []
    for entry in raw:
        for session, turn in _DIA.findall(str(entry)):
            dia = f"D{int(session)}:{int(turn)}"
            if dia not in out:
                out.append(dia)
    return out


@dataclass(frozen=True)
class Turn:
    dia_id: str
    text: str
    created_at: datetime
    session: str


def conversation_turns(conv: dict[str, Any]) -> list[Turn]:
    """All turns of one LoCoMo conversation with their indexed text and time."""
    turns: list[Turn] = []
    fallback = datetime(2000, 1, 1, tzinfo=UTC)
    sessions = sorted((int(m.group(1)), key) for key in conv if (m := _SESSION.match(key)))
    for number, key in sessions:
        start = parse_locomo_time(str(conv.get(f"{key}_date_time", ""))) or fallback + timedelta(days=number)
        for i, turn in enumerate(conv[key] or []):
            text = f"{turn.get('speaker', '')}: {turn.get('text', '')}"
            if turn.get("blip_caption"):
                text += f" [photo: {turn['blip_caption']}]"
            turns.append(Turn(str(turn["dia_id"]), text, start + timedelta(minutes=i), key))
    return turns


class MemoEmbedder:
    """An embedder that remembers every passage and query vector it computed: each question is searched
    several times, the current and the previous index embed the same turns, and a training script or a
    second store reuses them."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self._seen: dict[tuple[str, str], Matrix] = {}

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def dim(self) -> int:
        return self.inner.dim

    def _get(self, kind: str, texts: Sequence[str]) -> Matrix:
        missing = [t for t in dict.fromkeys(texts) if (kind, t) not in self._seen]
        if missing:
            vecs = self.inner.embed(missing) if kind == "passage" else self.inner.embed_query(missing)
            self._seen.update({(kind, t): v for t, v in zip(missing, vecs, strict=True)})
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return np.stack([self._seen[(kind, t)] for t in texts]).astype(np.float32)

    def embed(self, texts: Sequence[str]) -> Matrix:
        return self._get("passage", texts)

    def embed_query(self, texts: Sequence[str]) -> Matrix:
        return self._get("query", texts)


def _empty_scores() -> dict[str, list[float]]:
    return {"recall": [], "all": []}


def _summary(scores: dict[str, list[float]]) -> dict[str, float | int]:
    n = len(scores["recall"])
    return {
        "recall_at_k": round(statistics.fmean(scores["recall"]), 4) if n else 0.0,
        "all_found_at_k": round(statistics.fmean(scores["all"]), 4) if n else 0.0,
        "n": n,
    }


def _runs(base: SearchOptions) -> dict[str, tuple[float, SearchOptions]]:
    """What is measured on every question: name → (context vector weight of the index, options)."""
    rrf = dataclasses.replace(base, rerank=False, candidates=50)
    raw = dataclasses.replace(rrf, session_weight=0.0)
    return {
        "bm25": (CONTEXT_VECTOR_WEIGHT, dataclasses.replace(raw, mode="bm25")),
        "vector": (CONTEXT_VECTOR_WEIGHT, dataclasses.replace(raw, mode="vector")),
        "hybrid": (CONTEXT_VECTOR_WEIGHT, dataclasses.replace(base, mode="hybrid")),
        # the same index without the re-ranker: RRF + session boost over 50 candidates per retriever
        "hybrid_rrf": (CONTEXT_VECTOR_WEIGHT, dataclasses.replace(rrf, mode="hybrid")),
        # the retriever before issue #3: plain turn vectors, RRF without the session boost
        "hybrid_previous": (0.0, SearchOptions(session_weight=0.0, rerank=False, candidates=50, now=base.now)),
    }


def read_locomo(path: Path) -> list[dict[str, Any]]:
    """The samples of a LoCoMo JSON file (:class:`InputError` when it is not one)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"Cannot read LoCoMo data from {path}: {exc}.", "Pass a LoCoMo JSON file.") from exc
    if not isinstance(data, list):
        raise InputError(f"{path} is not a LoCoMo file (expected a list of samples).", "Pass locomo10.json.")
    return data


def locomo_questions(sample: dict[str, Any], known: set[str]) -> tuple[list[tuple[str, set[str], int]], int, int]:
    """(question, evidence dia_ids, category) of one sample, evidence ids dropped, questions skipped."""
    questions: list[tuple[str, set[str], int]] = []
    dropped = skipped = 0
    for qa in sample.get("qa", []):
        entries = [str(e) for e in qa.get("evidence") or []]
        raw = normalise_evidence(entries)
        evidence = [e for e in raw if e in known]
        dropped += sum(1 for e in entries if not _DIA.search(e)) + len(raw) - len(evidence)
        if evidence:
            questions.append((str(qa["question"]), set(evidence), int(qa.get("category", 0))))
        else:
            skipped += 1
    return questions, dropped, skipped


def build_index(
    user: str,
    turns: Sequence[Turn],
    embedder: Embedder,
    *,
    context_vector_weight: float = CONTEXT_VECTOR_WEIGHT,
    bm25_budget: int | None = BM25_BUDGET,
    reranker: LinearReranker | Literal["default"] | None = "default",
) -> tuple[Database, HybridMemoryIndex]:
    """A fresh in-memory SQLite index holding one conversation's turns as episodes of ``user``."""
    db = Database(":memory:", MIGRATIONS)
    store = SQLiteMemoryStore(db, embedder.dim, vector_space(embedder, context_vector_weight), bm25_budget=bm25_budget)
    index = HybridMemoryIndex(store, embedder, context_vector_weight=context_vector_weight, reranker=reranker)
    index.add_many(
        user,
        [
            MemoryItem(user_id=user, id=t.dia_id, text=t.text, created_at=t.created_at, session_id=t.session)
            for t in turns
        ],
    )
    return db, index


def _describe(reranker: LinearReranker | Literal["default"] | None) -> str:
    if reranker == "default":
        model = default_reranker()
        return f"shipped ({model.card.get('trained_on', '?')})" if model is not None else "none (fallback: RRF)"
    return "none (RRF + session boost)" if reranker is None else f"given ({reranker.card.get('trained_on', '?')})"


def evaluate_memory(
    path: Path,
    k: int = 10,
    embedder: str | Embedder | None = None,
    *,
    options: SearchOptions | None = None,
    limit_conversations: int | None = None,
    bm25_budget: int | None = BM25_BUDGET,
    reranker: LinearReranker | Literal["default"] | None = "default",
    conversations: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Evidence recall@k of BM25, vector and hybrid retrieval on a LoCoMo JSON file (see module doc)."""
    data = read_locomo(path)[:limit_conversations]
    if conversations is not None:
        data = [s for s in data if str(s.get("sample_id")) in set(conversations)]
    emb = load_embedder(embedder) if isinstance(embedder, str) or embedder is None else embedder
    cached = emb if isinstance(emb, MemoEmbedder) else MemoEmbedder(emb)
    base = options or SearchOptions()
    runs = _runs(base)
    per_mode = {m: _empty_scores() for m in runs}
    per_cat = {m: {c: _empty_scores() for c in CATEGORIES} for m in runs}
    per_conv: dict[str, dict[str, dict[str, list[float]]]] = {}
    latency: dict[str, list[float]] = {m: [] for m in runs}
    dropped = skipped = n_turns = 0
    embed_seconds = query_seconds = 0.0
    for sample in data:
        turns = conversation_turns(sample["conversation"])
        questions, n_dropped, n_skipped = locomo_questions(sample, {t.dia_id for t in turns})
        dropped += n_dropped
        skipped += n_skipped
        user = str(sample.get("sample_id", "conv"))
        conv_scores = per_conv.setdefault(user, {m: _empty_scores() for m in runs})
        started = time.perf_counter()
        cached.embed_query(list(dict.fromkeys(q for q, _, _ in questions)))  # one batch
        query_seconds += time.perf_counter() - started
        indexes: dict[float, tuple[Database, HybridMemoryIndex]] = {}
        for weight in (CONTEXT_VECTOR_WEIGHT, 0.0):  # the current setting (timed) first, then the previous one
            started = time.perf_counter()
            indexes[weight] = build_index(
                user, turns, cached, context_vector_weight=weight, bm25_budget=bm25_budget, reranker=reranker
            )
            if weight == CONTEXT_VECTOR_WEIGHT:
                embed_seconds += time.perf_counter() - started
        n_turns += len(turns)
        now = max(t.created_at for t in turns)
        for question, wanted, category in questions:
            for name, (weight, run_options) in runs.items():
                opts = dataclasses.replace(run_options, now=base.now or now)
                t0 = time.perf_counter()
                hits = indexes[weight][1].search(user, question, k=k, options=opts)
                latency[name].append((time.perf_counter() - t0) * 1000)
                found = wanted & {h.id for h in hits}
                for bucket in (per_mode[name], per_cat[name].get(category, _empty_scores()), conv_scores[name]):
                    bucket["recall"].append(len(found) / len(wanted))
                    bucket["all"].append(float(found == wanted))
        for db, _ in indexes.values():
            db.close()
    hybrid = _summary(per_mode["hybrid"])
    return {
        "k": k,
        "embedder": emb.name,
        "recall_at_k": hybrid["recall_at_k"],
        "all_found_at_k": hybrid["all_found_at_k"],
        "n_questions": hybrid["n"],
        "n_skipped": skipped,
        "evidence_dropped": dropped,
        "n_conversations": len(data),
        "reranker": _describe(reranker),
        "n_turns": n_turns,
        "by_category": {CATEGORIES[c]: _summary(per_cat["hybrid"][c]) for c in CATEGORIES},
        "by_conversation": {c: {m: _summary(v[m])["recall_at_k"] for m in runs} for c, v in per_conv.items()},
        "baselines": {
            m: {
                **_summary(per_mode[m]),
                "by_category": {CATEGORIES[c]: _summary(per_cat[m][c]) for c in CATEGORIES},
            }
            for m in runs
            if m != "hybrid"
        },
        "timing": {
            "ingest_seconds": round(embed_seconds, 2),
            "ingest_turns_per_second": round(n_turns / embed_seconds, 1) if embed_seconds else None,
            "query_embed_seconds": round(query_seconds, 2),
            "search_ms_p50": {m: round(float(np.percentile(v, 50)), 2) for m, v in latency.items() if v},
            "search_ms_p95": {m: round(float(np.percentile(v, 95)), 2) for m, v in latency.items() if v},
        },
    }
