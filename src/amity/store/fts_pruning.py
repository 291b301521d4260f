"""Bounded BM25 over FTS5: which query phrases to score exactly and what the others add (pure logic).

FTS5 answers ``MATCH 'a OR b OR c' ORDER BY bm25`` by scoring *every* row that matches any phrase
before sorting, so one common word makes a search as slow as its posting list: about 7.5 µs per
matching row at 1M memories (the row's BM25 and the join that checks its user), 40 ms p50 and 80 ms
p95 of CPU on the scale benchmark. ``SQLiteMemoryStore.bm25`` therefore counts each phrase's matches
first, capped at the budget (a capped count is bounded; counting runs in C at about 0.2 µs per
posting). When the counts sum to at most the budget the query runs unchanged. Over it,
:func:`plan_phrases` splits the phrases:

* **rare** phrases (rarest first, as many as fit in the budget together) are scored exactly by FTS5's
  ``bm25`` over all of the user's rows that contain them;
* **common** phrases are never scored row by row. Each adds a *bonus*, :func:`idf` (FTS5's own IDF
  formula on the phrase's document frequency), to the rows that contain it: BM25's value for one
  occurrence in a row of average length (``idf·(k1+1)/(1+k1) = idf``). That is the approximation.
  Which rare matches contain a common phrase comes from ``common AND (rare OR ...)`` queries, which
  FTS5 answers by skipping through the long list, not reading it;
* rows with two or more common phrases and no rare one come from pairwise ``a AND b`` queries (the
  newest ``budget`` per pair), so their phrase sets and scores are complete;
* rows with a single common phrase all tie at that phrase's bonus. Only when fewer than ``limit`` rows
  already score at least the largest bonus does the search add the user's newest ``budget`` matches
  of the common phrases (ties go to the newer row).

A phrase's document frequency counted under the cap is exact; above it, it is extrapolated from how
far into the rowid range the capped count got (:func:`estimate_df`). Counts are global, not per
user: the cost of a MATCH is the global posting list, and FTS5's own BM25 IDF is global too. Every
query that returns rows joins ``memory_items`` on the user, so only the user's rows come back.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


def or_phrases(expr: str) -> list[str] | None:
    """The quoted phrases of an expression that is only ``"a" OR "b" OR ...``, else None (run it as is)."""
    phrases: list[str] = []
    rest = expr
    while True:
        if not rest.startswith('"'):
            return None
        end = 1
        while True:
            end = rest.find('"', end)
            if end < 0:
                return None
            if rest.startswith('""', end):
                end += 2
                continue
            break
        phrases.append(rest[: end + 1])
        rest = rest[end + 1 :]
        if not rest:
            return phrases
        if not rest.startswith(" OR "):
            return None
        rest = rest[4:]


def estimate_df(counted: int, cap: int, last_rowid: int, first_rowid: int, span: int) -> float:
    """Rows matching a phrase: ``counted`` when under ``cap``, else extrapolated from the rowid reached.

    ``counted`` rows were found between ``first_rowid`` (the table's smallest rowid) and ``last_rowid``
    (the last match counted); ``span`` is the table's rowid range.
    """
    if counted < cap:
        return float(counted)
    reached = max(1, last_rowid - first_rowid + 1)
    return max(float(counted), counted * span / reached)


def idf(rows: float, df: float) -> float:
    """FTS5's BM25 IDF: ``log((N - df + 0.5) / (df + 0.5))``, floored at 1e-6 as FTS5 does."""
    value = math.log((rows - df + 0.5) / (df + 0.5)) if rows > df else 0.0
    return max(value, 1e-6)


@dataclass(frozen=True)
class PhrasePlan:
    """How one bounded search runs: exact (everything fits), or rare phrases scored plus common bonuses."""

    exact: bool
    rare: tuple[str, ...]
    common: tuple[str, ...]
    bonus: Mapping[str, float]

    @property
    def rare_expression(self) -> str:
        return " OR ".join(self.rare)

    @property
    def common_expression(self) -> str:
        return " OR ".join(self.common)


def plan_phrases(
    phrases: Sequence[str], counts: Mapping[str, int], dfs: Mapping[str, float], rows: float, budget: int
) -> PhrasePlan:
    """Split ``phrases`` by their posting ``counts`` (capped above ``budget``) into rare and common."""
    if sum(counts[p] for p in phrases) <= budget:
        return PhrasePlan(True, tuple(phrases), (), {})
    rare: list[str] = []
    used = 0
    ordered = sorted(phrases, key=lambda p: counts[p])
    for phrase in ordered:
        if used + counts[phrase] > budget:
            break
        rare.append(phrase)
        used += counts[phrase]
    common = tuple(p for p in ordered if p not in rare)
    return PhrasePlan(False, tuple(rare), common, {p: idf(rows, dfs[p]) for p in common})


def merge_ranked(scores: Mapping[int, float], limit: int) -> list[int]:
    """Rowids by score (higher better), ties to the newer (larger) rowid; at most ``limit``."""
    return sorted(scores, key=lambda r: (-scores[r], -r))[:limit]
