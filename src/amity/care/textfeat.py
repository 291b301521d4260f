"""Numpy-only text classifiers: one tokenizer and one TF-IDF + linear model shared by training and inference.

Training (``training/strategy``, ``training/distortions``) uses scikit-learn, but it vectorises text with
:func:`tokens` from this module, so the vocabulary, IDF weights and linear weights exported to a compressed
``.npz`` reproduce the trained model exactly here with numpy alone. A model is::

    x = [ l2( (1 + log tf) * idf )  over word 1-2-grams  |  dense context features ]
    p = softmax(W x + b)

The dense part (e.g. the previous support strategy or the turn position) is supplied by the caller in the
order named by ``dense_names``. Artifacts hold ``vocab``, ``idf``, ``W``, ``b``, ``classes``, ``dense_names``
and a JSON ``meta`` string (decision threshold, metrics, provenance).
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from amity.errors import ModelError

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[!?]")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def tokens(text: str, prefix: str = "") -> list[str]:
    """Lower-cased word unigrams and bigrams (``prefix`` separates text fields, e.g. ``"u:"``)."""
    words = _WORD.findall(text.lower().replace("’", "'"))
    grams = [prefix + w for w in words]
    grams.extend(f"{prefix}{a} {b}" for a, b in itertools.pairwise(words))
    return grams


@dataclass(frozen=True)
class LinearTextModel:
    """A TF-IDF + dense-feature linear classifier loaded from an ``.npz`` artifact."""

    vocab: Mapping[str, int]
    idf: npt.NDArray[np.float32]
    weights: npt.NDArray[np.float32]  # (n_classes, n_vocab + n_dense)
    bias: npt.NDArray[np.float32]
    classes: tuple[str, ...]
    dense_names: tuple[str, ...]
    meta: Mapping[str, Any]

    @classmethod
    def load(cls, path: Path) -> LinearTextModel:
        try:
            with np.load(path, allow_pickle=False) as data:
                vocab_list = [str(v) for v in data["vocab"]]
                return cls(
                    vocab={v: i for i, v in enumerate(vocab_list)},
                    idf=data["idf"].astype(np.float32),
                    weights=data["W"].astype(np.float32),
                    bias=data["b"].astype(np.float32),
                    classes=tuple(str(c) for c in data["classes"]),
                    dense_names=tuple(str(c) for c in data["dense_names"]),
                    meta=json.loads(str(data["meta"])),
                )
        except (OSError, KeyError, ValueError) as exc:
            raise ModelError(
                f"The care model {path.name} is missing or damaged: {exc}.",
                "Reinstall Amity, or rebuild it with the script named in docs/models/.",
            ) from exc

    def vectorize(self, grams: Iterable[str], dense: Sequence[float] = ()) -> npt.NDArray[np.float32]:
        """The feature vector of one example (sparse text part is small, so a dense vector is fine)."""
        if len(dense) != len(self.dense_names):
            raise ValueError(f"expected {len(self.dense_names)} dense features, got {len(dense)}")
        x = np.zeros(len(self.vocab) + len(self.dense_names), dtype=np.float32)
        for gram, count in Counter(grams).items():
            j = self.vocab.get(gram)
            if j is not None:
                x[j] = (1.0 + math.log(count)) * self.idf[j]
        norm = float(np.linalg.norm(x[: len(self.vocab)]))
        if norm > 0:
            x[: len(self.vocab)] /= norm
        x[len(self.vocab) :] = np.asarray(dense, dtype=np.float32)
        return x

    def proba(self, grams: Iterable[str], dense: Sequence[float] = ()) -> npt.NDArray[np.float32]:
        """Class probabilities (softmax; a binary model with one weight row uses the logistic).

        Computed sparsely (only the n-grams present), which equals ``W @ vectorize(...) + b``.
        """
        if len(dense) != len(self.dense_names):
            raise ValueError(f"expected {len(self.dense_names)} dense features, got {len(dense)}")
        counts = Counter(g for g in grams if g in self.vocab)
        idx = np.fromiter((self.vocab[g] for g in counts), dtype=np.int64, count=len(counts))
        vals = np.fromiter((1.0 + math.log(c) for c in counts.values()), dtype=np.float32, count=len(counts))
        vals *= self.idf[idx]
        norm = float(np.linalg.norm(vals))
        if norm > 0:
            vals /= norm
        n = len(self.vocab)
        z = self.weights[:, idx] @ vals + self.weights[:, n:] @ np.asarray(dense, dtype=np.float32) + self.bias
        if len(self.classes) == 2 and z.shape[0] == 1:
            p1 = 1.0 / (1.0 + math.exp(-float(z[0])))
            return np.asarray([1.0 - p1, p1], dtype=np.float32)
        z = z - float(z.max())
        e = np.exp(z)
        out: npt.NDArray[np.float32] = (e / float(e.sum())).astype(np.float32)
        return out


@lru_cache(maxsize=8)
def load_artifact(name: str) -> LinearTextModel:
    """A committed model from ``amity/care/artifacts`` (cached per process)."""
    return LinearTextModel.load(ARTIFACTS / name)


def save_artifact(
    path: Path,
    *,
    vocab: Sequence[str],
    idf: npt.NDArray[Any],
    weights: npt.NDArray[Any],
    bias: npt.NDArray[Any],
    classes: Sequence[str],
    dense_names: Sequence[str],
    meta: Mapping[str, Any],
) -> None:
    """Write a model in the format :meth:`LinearTextModel.load` reads (used by the training scripts)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        path,
        vocab=np.asarray(list(vocab), dtype=str),
        idf=np.asarray(idf, dtype=np.float32),
        W=np.asarray(weights, dtype=np.float16),
        b=np.asarray(bias, dtype=np.float32),
        classes=np.asarray(list(classes), dtype=str),
        dense_names=np.asarray(list(dense_names), dtype=str),
        meta=np.asarray(json.dumps(meta, sort_keys=True)),
    )
