"""Sparse TF-IDF features shared by training and run time (numpy only, no scikit-learn at run time).

A text becomes lower-cased word tokens (letters/digits/apostrophes, plus each punctuation mark or emoji as its
own token), their unigrams and bigrams, character 3-5-grams inside each padded word (``char_wb`` style), and
negation-scope unigrams: up to :data:`NEGATION_SCOPE` words after a negator ("not", "never", "don't", ...), up
to the next punctuation mark, also count as ``n:<word>`` (Das & Chen 2001; Pang et al. 2002), so "not happy"
can weigh against joy instead of for it. Term frequencies are sub-linear (``1 + log tf``), multiplied by an
IDF learnt on the training split, then L2-normalised. The training script
(``training/text_emotion/train_tfidf.py``) fits the vocabulary and IDF with this very code, so the features
seen at run time are exactly those the classifier was trained on.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise

import numpy as np
from numpy.typing import NDArray

_TOKEN = re.compile(r"[a-z0-9']+|[^\sa-z0-9']")
CHAR_NGRAMS = (3, 4, 5)
NEGATION_SCOPE = 3
_NEGATORS = (
    "not no never nothing nobody none nor cannot can't don't doesn't didn't isn't aren't wasn't weren't won't "
    "wouldn't shouldn't couldn't haven't hasn't hadn't ain't dont cant didnt doesnt isnt wasnt wont"
)
NEGATORS = frozenset(_NEGATORS.split())


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def terms(text: str) -> Counter[str]:
    """Raw term counts of one text: ``w:`` unigrams, ``b:`` bigrams, ``c:`` character n-grams."""
    toks = tokens(text)
    out: Counter[str] = Counter("w:" + t for t in toks)
    out.update(f"b:{a} {b}" for a, b in pairwise(toks))
    scope = 0
    for t in toks:
        if t in NEGATORS:
            scope = NEGATION_SCOPE
        elif not t[0].isalnum():
            scope = 0
        elif scope:
            out["n:" + t] += 1
            scope -= 1
    for t in toks:
        if not t[0].isalnum():
            continue
        padded = f" {t} "
        for n in CHAR_NGRAMS:
            out.update("c:" + padded[i : i + n] for i in range(len(padded) - n + 1))
    return out


class TfidfVectorizer:
    """Maps texts to rows of (indices, values) over a fixed vocabulary."""

    def __init__(self, vocabulary: Mapping[str, int], idf: NDArray[np.float32]) -> None:
        self.vocabulary = vocabulary
        self.idf = idf

    @classmethod
    def fit(cls, texts: Iterable[str], min_df: int = 3, max_features: int = 120_000) -> TfidfVectorizer:
        df: Counter[str] = Counter()
        n = 0
        for text in texts:
            df.update(terms(text).keys())
            n += 1
        kept = sorted((t for t, c in df.items() if c >= min_df), key=lambda t: (-df[t], t))[:max_features]
        vocab = {t: i for i, t in enumerate(sorted(kept))}
        idf = np.zeros(len(vocab), dtype=np.float32)
        for t, i in vocab.items():
            idf[i] = math.log((1 + n) / (1 + df[t])) + 1.0
        return cls(vocab, idf)

    def row(self, text: str) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
        """Sorted feature indices and L2-normalised TF-IDF values of one text."""
        found = [(self.vocabulary[t], c) for t, c in terms(text).items() if t in self.vocabulary]
        if not found:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        found.sort()
        idx = np.fromiter((i for i, _ in found), dtype=np.int64, count=len(found))
        tf = np.fromiter((1.0 + math.log(c) for _, c in found), dtype=np.float32, count=len(found))
        val = tf * self.idf[idx]
        norm = float(np.linalg.norm(val))
        return idx, (val / norm if norm > 0 else val).astype(np.float32)

    def rows(self, texts: Sequence[str]) -> list[tuple[NDArray[np.int64], NDArray[np.float32]]]:
        return [self.row(t) for t in texts]
