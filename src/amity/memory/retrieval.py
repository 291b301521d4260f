"""Pure retrieval logic: query → FTS5 expression, reciprocal rank fusion, recency and importance.

Hybrid search takes two ranked candidate lists for one user — BM25 over SQLite FTS5 and cosine KNN over
sqlite-vec — and fuses them with reciprocal rank fusion (Cormack et al. 2009)::

    rrf(d) = Σ_r  w_r / (rrf_k + rank_r(d))          (rank from 1; absent → no term)

RRF needs no score calibration between BM25 and cosine, which is why it is used instead of a weighted
score sum. The fused score is then boosted multiplicatively::

    score = rrf(d) · (1 + recency_weight · 2^(−age_days / half_life) + importance_weight · importance)

so recency and importance reorder near-ties without letting an old-but-exact match be buried. Both
weights default to 0 for evaluation; the companion's recall stage passes small positive ones.

By default hybrid search does not use this fusion but the learned re-ranker (``amity.memory.rerank``),
whose features include the RRF score and the session vote below; ``fuse`` is its documented fallback
(``SearchOptions(rerank=False)``, or when the weights cannot be loaded).

Finally a *session boost* (:func:`session_boost`) lets the best candidates vote for their conversation
session: each of the ``session_top`` best candidates adds its score to its session's total, and every
candidate is multiplied by ``1 + session_weight · total(session) / max total``. A turn that matches the
query weakly but sits in the session where the strong matches are (the same conversation about the
same event) moves up; an item without a session is a session of its own. On LoCoMo dev this added
about 2 points of recall@10 (docs/MEMORY.md).

Importance (0..1) is estimated once at indexing time by :func:`estimate_importance`, a transparent
heuristic: personal statements, named entities, emotion words, numbers/dates raise it; greetings and
very short turns lower it.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from amity.memory.index import SearchOptions, StoredItem

_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)?", re.UNICODE)
STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have
    having he her here hers herself him himself his how i if in into is it its itself just me more most my
    myself no nor not now of off on once only or other our ours ourselves out over own same she should so
    some such than that the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with would you your
    yours yourself yourselves i'm i've i'd you're it's that's what's don't didn't doesn't let's s t
    ever also get got go going went say said tell told know like really yeah oh hey hi""".split()  # noqa: SIM905
)


def query_terms(text: str, limit: int = 32) -> list[str]:
    """Lower-cased content words of a query (stop words dropped; all words kept if nothing else is left)."""
    words = [w.lower() for w in _TOKEN.findall(text)]
    content = [w for w in words if w not in STOPWORDS and len(w) > 1]
    seen: dict[str, None] = dict.fromkeys(content or words)
    return list(seen)[:limit]


def fts_expression(text: str) -> str | None:
    """An FTS5 MATCH expression: the query's content words OR-ed, each quoted (safe against syntax)."""
    terms = query_terms(text)
    if not terms:
        return None
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)


@dataclass(frozen=True)
class Scored:
    """One fused candidate with the parts of its score (for debugging and the eval report)."""

    item: StoredItem
    score: float
    rrf: float
    bm25_rank: int | None
    vector_rank: int | None


def recency(created_at: datetime, now: datetime, half_life_days: float) -> float:
    """2^(−age/half_life) in (0, 1]; future items count as brand new."""
    age_days = max(0.0, (now - created_at).total_seconds() / 86400.0)
    return math.pow(2.0, -age_days / max(half_life_days, 1e-6))


def boost(item: StoredItem, options: SearchOptions, now: datetime) -> float:
    """``1 + recency_weight · 2^(−age/half_life) + importance_weight · importance`` (1 when both are 0)."""
    factor = 1.0
    if options.recency_weight:
        factor += options.recency_weight * recency(item.created_at, now, options.recency_half_life_days)
    if options.importance_weight:
        factor += options.importance_weight * item.importance
    return factor


def fuse(
    bm25_ids: Sequence[str],
    vector_ids: Sequence[str],
    items: Mapping[str, StoredItem],
    options: SearchOptions,
    now: datetime,
) -> list[Scored]:
    """Fuse two ranked id lists by RRF, boost by recency/importance, best first (ties: newer first)."""
    ranks: dict[str, list[int | None]] = {}
    for pos, item_id in enumerate(bm25_ids, start=1):
        ranks.setdefault(item_id, [None, None])[0] = pos
    for pos, item_id in enumerate(vector_ids, start=1):
        ranks.setdefault(item_id, [None, None])[1] = pos
    out: list[Scored] = []
    for item_id, (b_rank, v_rank) in ranks.items():
        item = items.get(item_id)
        if item is None:
            continue
        rrf = 0.0
        if b_rank is not None:
            rrf += options.bm25_weight / (options.rrf_k + b_rank)
        if v_rank is not None:
            rrf += options.vector_weight / (options.rrf_k + v_rank)
        out.append(Scored(item, rrf * boost(item, options, now), rrf, b_rank, v_rank))
    if options.session_weight:
        out = session_boost(out, options.session_weight, options.session_top)
    out.sort(key=lambda s: (-s.score, -s.item.created_at.timestamp()))
    return out


def session_boost(scored: Sequence[Scored], weight: float, top: int) -> list[Scored]:
    """Multiply each score by ``1 + weight · votes(session) / max votes`` (votes: scores of the ``top`` best)."""
    if not scored or weight <= 0 or top <= 0:
        return list(scored)

    def session(s: Scored) -> str:
        return f"s:{s.item.session_id}" if s.item.session_id else f"i:{s.item.id}"

    votes: dict[str, float] = {}
    for s in sorted(scored, key=lambda s: -s.score)[:top]:
        votes[session(s)] = votes.get(session(s), 0.0) + s.score
    best = max(votes.values())
    if best <= 0:
        return list(scored)
    return [dataclasses.replace(s, score=s.score * (1.0 + weight * votes.get(session(s), 0.0) / best)) for s in scored]


_PERSONAL = re.compile(
    r"\b(i am|i'm|i was|i have|i've|i had|i feel|i felt|i love|i hate|i like|i want|i need|my|mine|"
    r"me and|we're|we are|our)\b",
    re.IGNORECASE,
)
_EMOTION = re.compile(
    r"\b(happy|sad|angry|afraid|scared|anxious|worried|excited|proud|lonely|grateful|upset|stressed|"
    r"depressed|hurt|love|loved|miss|missed|cry|cried|nervous|thrilled|disappointed|ashamed|guilty|"
    r"hopeful|overwhelmed|frustrated|joy|grief|heartbroken|amazing|terrible|awful)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"\b(\d+|january|february|march|april|may|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|birthday|anniversary|tomorrow|yesterday)\b",
    re.IGNORECASE,
)
_SMALL_TALK = re.compile(r"^\W*(hi|hey|hello|thanks|thank you|ok|okay|bye|goodbye|good night|lol|haha)\W*$", re.I)


def estimate_importance(text: str, role: str | None = None) -> float:
    """A 0..1 importance estimate of one memory (heuristic; see module docstring)."""
    words = text.split()
    if not words or _SMALL_TALK.match(text):
        return 0.05
    score = 0.3
    if _PERSONAL.search(text):
        score += 0.2
    if _EMOTION.search(text):
        score += 0.15
    if _NUMBER.search(text):
        score += 0.1
    names = [w for i, w in enumerate(words) if i > 0 and w[:1].isupper() and w.strip(".,!?;:").isalpha()]
    if names:
        score += 0.15
    if role == "user":
        score += 0.1
    if len(words) < 4:
        score -= 0.2
    return round(min(1.0, max(0.0, score)), 3)
