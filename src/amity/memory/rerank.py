"""A learned re-ranker of hybrid-search candidates: logistic regression on per-candidate features.

Hybrid search (``amity.memory.retrieval``) gets two scored candidate lists from the store — BM25 and
KNN, each :class:`~amity.memory.index.Candidate` with its retriever's score — and by default fuses them by
reciprocal rank fusion plus a session boost. The re-ranker instead scores every candidate with a linear
model over :data:`FEATURES`, all computed from the two lists and the stored items (nothing else is
fetched, so it works on any store):

* ``bm25_rrf`` / ``vector_rrf`` — ``1/(rrf_k + rank)`` in each list (0 when absent);
* ``bm25_rel`` — the BM25 score over the list's best (0 when absent). Relative, because a BM25 score's
  scale depends on the query and the corpus (both stores compute FTS5's BM25; SQLite estimates it
  for pruned queries);
* ``cosine_rel`` — cosine similarity minus the best cosine of the KNN list; a candidate only BM25 found
  gets the list's last cosine (an upper bound of its own);
* ``rrf`` — the RRF fusion score (``bm25_weight``/``vector_weight`` of the options);
* ``session_votes`` — the share of the top candidates' RRF mass in the candidate's session
  (``retrieval.session_boost``'s vote), and ``boosted`` — ``rrf · session_votes``;
* ``prev_rrf`` / ``next_rrf`` — the RRF score of the previous / next episode of the same session when
  it is a candidate too (found through the episode's stored ``context``, the previous episode's text);
* ``log_words`` — ``log(1 + words)`` of the item's text;
* ``query_coverage`` / ``context_coverage`` — the share of the query's content words
  (``retrieval.query_terms``, crudely stemmed) found in the item's text / in its context;
* ``has_time`` — the text has a digit or a time word (a weekday or month, "yesterday", "last", ...),
  and ``when_x_time`` — the same, when the query asks "when" / "how long" (English only);
* ``is_question`` — the text ends with a question mark (a trailing ``[...]`` note, such as a photo
  caption, ignored): a question repeats the query's words but rarely holds the answer;
  ``context_question`` — the same for the context, i.e. this turn replies to a question;
* ``names_x_who`` — capitalised words inside sentences (names, places, titles; at most 3), when the query
  asks "who" / "where" / "which" / "what is the name" (English only).

The weights (``artifacts/reranker.json``) are fit by ``training/memory_rerank/train.py`` on LoCoMo
dev; the file carries its card's figures (training data, command, held-out results), and
``docs/models/memory_reranker.md`` is the model card. The score a hit gets is the model's probability
``sigmoid(w·standardised(x) + b)``, in (0, 1). When the file is missing or
unreadable :func:`load_reranker` raises :class:`~amity.errors.ModelError`; ``default_reranker`` returns
None instead and hybrid search falls back to RRF + session boost (logged once).
"""

from __future__ import annotations

import functools
import json
import logging
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from amity.errors import ModelError
from amity.memory.index import Candidate, SearchOptions, StoredItem
from amity.memory.retrieval import Scored, boost, query_terms

ARTIFACT = Path(__file__).parent / "artifacts" / "reranker.json"
FEATURES = (
    "bm25_rrf",
    "vector_rrf",
    "bm25_rel",
    "cosine_rel",
    "rrf",
    "session_votes",
    "boosted",
    "prev_rrf",
    "next_rrf",
    "log_words",
    "query_coverage",
    "context_coverage",
    "when_x_time",
    "has_time",
    "is_question",
    "context_question",
    "names_x_who",
)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_TIME_WORDS = frozenset(
    """yesterday today tonight tomorrow last next ago week weekend month year january february march april may
    june july august september october november december monday tuesday wednesday thursday friday saturday
    sunday morning evening night recently soon since""".split()  # noqa: SIM905
)
_DIGIT = re.compile(r"\d")
_WHEN = re.compile(r"\b(when|how long|what year|what month|what date)\b", re.IGNORECASE)
_WHO = re.compile(r"\b(who|whom|whose|where|which|what is the name)\b", re.IGNORECASE)
_QUESTION_END = re.compile(r"\?\s*(\[[^\]]*\]\s*)?$")  # "?" at the end, before an optional "[photo: ...]"
_TRAILING_NOTE = re.compile(r"\s*\[[^\]]*\]\s*$")
# A capitalised word that does not open the text, a sentence or a "Speaker: " line.
_NAME = re.compile(r"(?<![.!?:]\s)(?<!^)\b[A-Z][a-z]+")
MAX_NAMES = 3
log = logging.getLogger(__name__)
FloatArray = npt.NDArray[np.float64]


_SUFFIXES = ("ing", "ed", "es", "s")


def _stem(word: str) -> str:
    """A crude English suffix strip ("walking", "walked", "walks" → "walk"), enough for word overlap."""
    w = word.lower()
    for suffix in _SUFFIXES:
        if len(w) > len(suffix) + 2 and w.endswith(suffix):
            return w[: -len(suffix)]
    return w


def _word_forms(terms: set[str]) -> dict[str, str]:
    """Every lower-case word that :func:`_stem` maps to one of ``terms`` → that term (a stem strips at most one
    suffix, so these are the term itself and the term plus one suffix): overlap without stemming the text."""
    forms = {t + suffix: t for t in terms for suffix in _SUFFIXES}
    return {f: t for f, t in forms.items() if _stem(f) == t} | {t: t for t in terms if _stem(t) == t}


def candidate_features(
    query: str,
    bm25: Sequence[Candidate],
    vector: Sequence[Candidate],
    items: Mapping[str, StoredItem],
    options: SearchOptions,
) -> tuple[list[str], FloatArray]:
    """The ids of the candidates present in ``items`` and their feature rows (columns: :data:`FEATURES`)."""
    ids = [i for i in dict.fromkeys([c.id for c in bm25] + [c.id for c in vector]) if i in items]
    n = len(ids)
    x = np.zeros((n, len(FEATURES)), dtype=np.float64)
    if not n:
        return ids, x
    row = {item_id: r for r, item_id in enumerate(ids)}
    k = options.rrf_k
    top_bm25 = bm25[0].score if bm25 and bm25[0].score > 0 else 1.0
    for rank, c in enumerate(bm25, start=1):
        if (r := row.get(c.id)) is not None:
            x[r, 0] = 1.0 / (k + rank)
            x[r, 2] = max(c.score, 0.0) / top_bm25
    if vector:
        x[:, 3] = vector[-1].score - vector[0].score
        for rank, c in enumerate(vector, start=1):
            if (r := row.get(c.id)) is not None:
                x[r, 1] = 1.0 / (k + rank)
                x[r, 3] = c.score - vector[0].score
    rrf = options.bm25_weight * x[:, 0] + options.vector_weight * x[:, 1]
    x[:, 4] = rrf
    sessions = [items[i].session_id or f"item:{i}" for i in ids]
    votes: dict[str, float] = {}
    for r in np.argsort(-rrf, kind="stable")[: options.session_top]:
        votes[sessions[r]] = votes.get(sessions[r], 0.0) + float(rrf[r])
    best = max(votes.values(), default=0.0) or 1.0
    x[:, 5] = [votes.get(s, 0.0) / best for s in sessions]
    x[:, 6] = rrf * x[:, 5]
    by_text = {(sessions[r], items[i].text): r for r, i in enumerate(ids)}
    terms = {_stem(t) for t in query_terms(query)}
    forms = _word_forms(terms)
    share = 1.0 / len(terms) if terms else 0.0
    when = 1.0 if _WHEN.search(query) else 0.0
    words: dict[str, set[str]] = {}  # text → its lower-case words (a context is often another candidate)

    def words_of(text: str) -> set[str]:
        if (found := words.get(text)) is None:
            found = words[text] = set(_WORD.findall(text.lower()))
        return found

    who = bool(_WHO.search(query))
    prev, following = [0.0] * n, [0.0] * n
    length, coverage, context_coverage, has_time = [0.0] * n, [0.0] * n, [0.0] * n, [0.0] * n
    for r, item_id in enumerate(ids):
        item = items[item_id]
        if item.context and (p := by_text.get((sessions[r], item.context))) is not None and p != r:
            prev[r] = float(rrf[p])  # the previous episode is a candidate: it lends this one its score
            following[p] = max(following[p], float(rrf[r]))
        text_words = words_of(item.text)
        length[r] = math.log1p(len(item.text.split()))
        if terms:
            coverage[r] = len({forms[w] for w in text_words & forms.keys()}) * share
            if item.context:
                context_coverage[r] = len({forms[w] for w in words_of(item.context) & forms.keys()}) * share
        has_time[r] = 0.0 if _TIME_WORDS.isdisjoint(text_words) and not _DIGIT.search(item.text) else 1.0
        x[r, 14] = 1.0 if _QUESTION_END.search(item.text) else 0.0
        x[r, 15] = 1.0 if item.context and _QUESTION_END.search(item.context) else 0.0
        if who:
            x[r, 16] = min(MAX_NAMES, len(_NAME.findall(_TRAILING_NOTE.sub("", item.text))))
    x[:, 7], x[:, 8], x[:, 9], x[:, 10], x[:, 11] = prev, following, length, coverage, context_coverage
    x[:, 13] = has_time
    x[:, 12] = when * x[:, 13]
    return ids, x


@dataclass(frozen=True)
class LinearReranker:
    """``sigmoid(coef · (x − mean) / scale + intercept)`` over :data:`FEATURES`."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    card: Mapping[str, Any]

    def score(self, x: FloatArray) -> FloatArray:
        z = (x - np.asarray(self.mean)) / np.asarray(self.scale) @ np.asarray(self.coef) + self.intercept
        out: FloatArray = 1.0 / (1.0 + np.exp(-z))
        return out

    @staticmethod
    def from_dict(data: Mapping[str, Any]) -> LinearReranker:
        """A re-ranker from its JSON form; raises ``ValueError``/``KeyError``/``TypeError`` when malformed."""
        if tuple(data["features"]) != FEATURES:
            raise ValueError(f"features {data['features']} != {list(FEATURES)}")
        parts = [tuple(float(v) for v in data[key]) for key in ("mean", "scale", "coef")]
        if any(len(p) != len(FEATURES) for p in parts) or any(s <= 0 for s in parts[1]):
            raise ValueError("mean, scale and coef need one value per feature (scale > 0)")
        values = [*parts[0], *parts[1], *parts[2], float(data["intercept"])]
        if not all(math.isfinite(v) for v in values):
            raise ValueError("weights must be finite numbers")
        return LinearReranker(parts[0], parts[1], parts[2], float(data["intercept"]), dict(data.get("card", {})))

    def to_dict(self) -> dict[str, Any]:
        return {
            "features": list(FEATURES),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "coef": list(self.coef),
            "intercept": self.intercept,
            "card": dict(self.card),
        }


def load_reranker(path: Path = ARTIFACT) -> LinearReranker:
    """The re-ranker saved at ``path``; :class:`ModelError` when it is missing or malformed."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return LinearReranker.from_dict(data)
    except OSError as exc:
        raise ModelError(
            f"The memory re-ranker weights are missing ({path}: {exc.strerror}).",
            "Reinstall Amity, or rebuild them with `python training/memory_rerank/train.py`.",
        ) from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise ModelError(
            f"The memory re-ranker weights in {path} are unreadable ({exc}).",
            "Reinstall Amity, or rebuild them with `python training/memory_rerank/train.py`.",
        ) from exc


@functools.cache
def default_reranker(path: Path = ARTIFACT) -> LinearReranker | None:
    """The shipped re-ranker, or None (search falls back to RRF + session boost) when it cannot load."""
    try:
        return load_reranker(path)
    except ModelError as exc:
        log.warning("%s Falling back to RRF + session boost.", exc.message)
        return None


def rerank(
    query: str,
    bm25: Sequence[Candidate],
    vector: Sequence[Candidate],
    items: Mapping[str, StoredItem],
    options: SearchOptions,
    model: LinearReranker,
    now: datetime,
) -> list[Scored]:
    """The candidates scored by ``model`` (times the recency/importance boost), best first (ties: newer)."""
    ids, x = candidate_features(query, bm25, vector, items, options)
    if not ids:
        return []
    probability = model.score(x)
    b_rank = {c.id: r for r, c in enumerate(bm25, start=1)}
    v_rank = {c.id: r for r, c in enumerate(vector, start=1)}
    out = [
        Scored(items[i], float(p) * boost(items[i], options, now), float(x[r, 4]), b_rank.get(i), v_rank.get(i))
        for r, (i, p) in enumerate(zip(ids, probability, strict=True))
    ]
    out.sort(key=lambda s: (-s.score, -s.item.created_at.timestamp()))
    return out
