"""A tiny numpy executor for the small Keras CNNs of the face channel (no TensorFlow, no ONNX runtime).

Design:

* A network is a **list of ops** (plain dicts, stored as JSON next to the weights) evaluated in order; op ``i``
  writes value ``i``. Each op reads value ``i - 1`` unless it names its inputs (``"in"``), which is how the
  residual branches of the Xception networks are expressed. ``training/face/convert_face_models.py`` produces
  the list from a Keras HDF5 file and folds every BatchNormalization into the convolution before it, so only
  six op kinds are needed: ``conv`` (full or depthwise-separable, ``same``/``valid`` padding, any stride,
  optional ReLU), ``relu``, ``maxpool``, ``avgpool``, ``add`` and ``gap`` (global average pooling followed by a
  softmax when it is the last op).
* Tensors are NHWC float32. A full k×k convolution is one matrix product over the k² shifted (strided) views
  stacked along the channel axis (im2col); a depthwise one is the sum of k² shifted, scaled views. A 48–64 px
  face takes a few milliseconds per network on one CPU core.
* Padding follows Keras ``padding='same'`` (the extra row/column goes after); ``avgpool`` with ``same`` padding
  divides by the number of real pixels under the window, like TensorFlow.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from amity.errors import ModelError

Array = NDArray[np.float32]
Op = dict[str, Any]


def pad_same(x: Array, k: int, stride: int, value: float = 0.0) -> Array:
    """Keras ``padding='same'`` for an NHWC batch."""
    _, h, w, _ = x.shape
    pads = []
    for size in (h, w):
        out = -(-size // stride)
        total = max((out - 1) * stride + k - size, 0)
        pads.append((total // 2, total - total // 2))
    if pads == [(0, 0), (0, 0)]:
        return x
    return np.pad(x, ((0, 0), pads[0], pads[1], (0, 0)), constant_values=value)


def _windows(x: Array, k: int, stride: int) -> tuple[int, int, list[tuple[int, int, Array]]]:
    """Output size and the k² strided views of an already padded input (one per kernel tap)."""
    _, h, w, _ = x.shape
    oh, ow = (h - k) // stride + 1, (w - k) // stride + 1
    views = [
        (i, j, x[:, i : i + stride * (oh - 1) + 1 : stride, j : j + stride * (ow - 1) + 1 : stride, :])
        for i in range(k)
        for j in range(k)
    ]
    return oh, ow, views


def _conv(x: Array, op: Op, w: dict[str, Array]) -> Array:
    k, stride = int(op["k"]), int(op["stride"])
    if op["padding"] == "same":
        x = pad_same(x, k, stride)
    oh, ow, views = _windows(x, k, stride)
    if "depthwise" in op:  # depthwise k×k (multiplier 1), then pointwise 1×1
        dw = w[op["depthwise"]]
        y = np.zeros((x.shape[0], oh, ow, x.shape[3]), dtype=np.float32)
        for i, j, view in views:
            y += view * dw[i, j]
        out = y @ w[op["kernel"]]
    else:  # one matrix product over k×k patches (im2col): few large products beat k² small ones
        kernel = w[op["kernel"]]
        patches = np.concatenate([view for _, _, view in views], axis=3)
        out = patches @ kernel.reshape(-1, kernel.shape[3])
    if "bias" in op:
        out += w[op["bias"]]
    return np.maximum(out, 0.0) if op.get("relu") else out


def _pool(x: Array, op: Op) -> Array:
    k, stride, same = int(op["k"]), int(op["stride"]), op["padding"] == "same"
    if op["op"] == "maxpool":
        xp = pad_same(x, k, stride, -np.inf) if same else x
        _, _, views = _windows(xp, k, stride)
        out = views[0][2].copy()
        for _, _, view in views[1:]:
            np.maximum(out, view, out=out)
        return out
    xp = pad_same(x, k, stride) if same else x
    _, _, views = _windows(xp, k, stride)
    total = sum((v for _, _, v in views[1:]), views[0][2].copy())
    if not same:
        return np.asarray(total / float(k * k), dtype=np.float32)
    ones = pad_same(np.ones((1, x.shape[1], x.shape[2], 1), dtype=np.float32), k, stride)
    _, _, count_views = _windows(ones, k, stride)
    count = sum((v for _, _, v in count_views[1:]), count_views[0][2].copy())
    return np.asarray(total / count, dtype=np.float32)


def _softmax(logits: Array) -> Array:
    z = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=1, keepdims=True), dtype=np.float32)


class ConvNet:
    """Evaluates an op list (see module docstring) on NHWC batches; returns class probabilities (N, C)."""

    def __init__(self, ops: list[Op], weights: dict[str, Array]) -> None:
        missing = sorted(
            {str(op[key]) for op in ops for key in ("kernel", "depthwise", "bias") if key in op} - set(weights)
        )
        if missing:
            raise ModelError(
                f"Face model weights are missing {', '.join(missing[:3])}.",
                fix="Rebuild the artifact: python training/face/convert_face_models.py",
            )
        self.ops = ops
        self.w = weights

    def __call__(self, x: Array) -> Array:
        values: list[Array] = []
        for i, op in enumerate(self.ops):
            kind = op["op"]
            inputs = [values[j] for j in op["in"]] if "in" in op else [values[i - 1] if i else x]
            if kind == "conv":
                y = _conv(inputs[0], op, self.w)
            elif kind == "relu":
                y = np.maximum(inputs[0], 0.0)
            elif kind in ("maxpool", "avgpool"):
                y = _pool(inputs[0], op)
            elif kind == "add":
                y = inputs[0] + inputs[1]
            elif kind == "gap":
                y = _softmax(inputs[0].mean(axis=(1, 2)))
            else:
                raise ModelError(f"Unknown op {kind!r} in the face model.", fix="Rebuild the artifact.")
            values.append(np.asarray(y, dtype=np.float32))
        return values[-1]
