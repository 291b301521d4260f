"""Clauses of a message: the shared text helpers of the affect readers (:mod:`amity.affect.self_report`,
:mod:`amity.affect.loss`): typographic quotes folded, a hypothetical clause ("if I'm sad", "I'd be happy")
recognised, and the clause around a match quoted as said."""

from __future__ import annotations

import re

_HYPOTHETICAL = re.compile(r"\b(?:if|would|might|could|will|won't|wouldn't|unless|whether|should|may)\b")
_CLAUSE_BREAK = re.compile(r"[.!?;:,]|\b(?:but|and|so|because)\b")


def fold_quotes(text: str) -> str:
    """Curly apostrophes and quotes as straight ones ("I\u2019m" → "I'm")."""
    return text.replace("\u2019", "'").replace("\u2018", "'")


def hypothetical(text: str, start: int) -> bool:
    """True when the clause before ``start`` opens with "if", "would", "might"... ("if I'm sad", "I'd be happy")."""
    before = text[max(0, start - 60) : start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end() :] if breaks else before
    return _HYPOTHETICAL.search(clause) is not None


_CLAUSE_EDGE = re.compile(r"[.!?;\n]|,\s|\s(?:but|though|although)\s")


def clause_of(source: str, start: int, end: int, max_words: int = 14) -> str:
    """The clause around ``source[start:end]`` (the words as said: up to a sentence end, a comma or "but"), or
    just the match when it is long. Clauses keep two reports in one sentence apart ("I got the job but I'm
    scared" is good news and fear, not good news alone)."""
    edges = [(m.start(), m.end()) for m in _CLAUSE_EDGE.finditer(source)]
    left = max((e for s, e in edges if e <= start), default=0)
    right = min((s for s, e in edges if s >= end), default=len(source))
    clause = " ".join(source[left:right].split()) + ("!" if source[right : right + 1] == "!" else "")
    clause = clause + ("?" if source[right : right + 1] == "?" else "")
    return clause if len(clause.split()) <= max_words else " ".join(source[start:end].split())
