"""Speech emotion from prosody: openSMILE functionals, per-speaker normalisation, a linear softmax model.

Design:

* **Features** — openSMILE (``opensmile`` wheel, ``voice`` extra; runs offline) computes utterance-level
  functionals on 16 kHz audio (other rates are resampled by openSMILE): eGeMAPSv02 (88) followed by
  ComParE_2016 (6,373). The feature sets used are recorded in the artifact, so a model trained on eGeMAPS alone
  works the same way.
* **Speaker normalisation** — emotion shows as a *deviation* from a speaker's own voice, so every feature is
  z-scored with that speaker's mean and standard deviation, then clipped to ±6. In training and in
  :func:`amity.senses.evaluation.evaluate_speech` a speaker's statistics are taken over all of that speaker's
  files being scored (EmoDB speaker id = first two characters of the file name). A live user has no such
  batch: :class:`SpeakerStats` keeps running (Welford) statistics per user, shrunk towards the average speaker
  of the training data while few utterances are known (``prior_weight`` pseudo-utterances).
* **Classifier** — multinomial logistic regression on the 1,000 features with the highest ANOVA F, fitted with
  scikit-learn by ``training/speech_emotion/train.py`` and shipped as full-width numpy weights (unselected
  features weigh 0; ``artifacts/speech_emotion.npz``); run time needs only numpy + opensmile. Classes are EmoDB's
  seven; the class probabilities weight the labels' circumplex points into valence/arousal; the top probability
  is the confidence.
"""

from __future__ import annotations

import json
import logging
import wave
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from amity.errors import InputError, ModelError
from amity.types import ChannelAffect, Emotion

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
WEIGHTS = ARTIFACTS / "speech_emotion.npz"
STATS_KEY = "voice_speaker_stats"  # care_state key of a user's running speaker statistics
log = logging.getLogger(__name__)
TARGET_RATE = 16_000
CLIP = 6.0
# EmoDB emotion letter -> label (shared vocabulary with the other channels, see amity.senses.fusion)
EMODB_LETTERS: dict[str, str] = {
    "W": "anger",
    "L": "boredom",
    "E": "disgust",
    "A": "fear",
    "F": "joy",
    "T": "sadness",
    "N": "neutral",
}
CIRCUMPLEX: dict[str, tuple[float, float]] = {
    "anger": (-0.6, 0.7),
    "boredom": (-0.3, -0.6),
    "disgust": (-0.6, 0.3),
    "fear": (-0.6, 0.6),
    "joy": (0.8, 0.5),
    "sadness": (-0.7, -0.4),
    "neutral": (0.0, 0.0),
}

Vector = NDArray[np.float64]


def read_wav(path: Path) -> tuple[NDArray[np.float32], int]:
    """Mono float32 samples in [-1, 1] and the sample rate of a PCM WAV file (8/16/24/32-bit)."""
    try:
        with wave.open(str(path), "rb") as w:
            rate, channels, width = w.getframerate(), w.getnchannels(), w.getsampwidth()
            raw = w.readframes(w.getnframes())
    except (OSError, EOFError, wave.Error) as e:
        raise InputError(f"Cannot read WAV file {path}: {e}", fix="Use an uncompressed PCM .wav file.") from e
    if width == 1:
        samples = (np.frombuffer(raw, dtype=np.uint8).astype(np.float32) - 128.0) / 128.0
    elif width == 3:
        b = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 3).astype(np.int32)
        ints = b[:, 0] | (b[:, 1] << 8) | (b[:, 2] << 16)
        samples = (np.where(ints >= 1 << 23, ints - (1 << 24), ints) / float(1 << 23)).astype(np.float32)
    elif width in (2, 4):
        dtype = np.dtype("<i2") if width == 2 else np.dtype("<i4")
        samples = np.frombuffer(raw, dtype=dtype).astype(np.float32) / float(2 ** (8 * width - 1))
    else:
        raise InputError(f"Unsupported sample width {width} in {path}.", fix="Use 16-bit PCM WAV.")
    if channels > 1:
        samples = samples.reshape(-1, channels).mean(axis=1)
    return samples.astype(np.float32), rate


class FeatureExtractor:
    """openSMILE functionals for a list of feature sets (the Smile objects are created lazily)."""

    def __init__(self, feature_sets: tuple[str, ...]) -> None:
        self.feature_sets = feature_sets

    @cached_property
    def _smiles(self) -> list[Any]:
        try:
            import opensmile
        except ImportError as e:
            raise ModelError("Speech emotion needs openSMILE.", fix="pip install 'amity[voice]'") from e
        return [
            opensmile.Smile(
                feature_set=getattr(opensmile.FeatureSet, name),
                feature_level=opensmile.FeatureLevel.Functionals,
                sampling_rate=TARGET_RATE,
                resample=True,
            )
            for name in self.feature_sets
        ]

    def __call__(self, pcm: NDArray[Any], sample_rate: int) -> Vector:
        signal = np.asarray(pcm, dtype=np.float32).reshape(-1)
        if signal.size < sample_rate // 10:
            raise InputError("The audio is too short for emotion features.", fix="Use at least 0.1 s of speech.")
        parts = [np.asarray(s.process_signal(signal, sample_rate).values[0], dtype=np.float64) for s in self._smiles]
        return np.nan_to_num(np.concatenate(parts))


def normalise(features: Vector, mean: Vector, std: Vector) -> Vector:
    """Speaker z-scores clipped to ±:data:`CLIP` (works on one vector or a matrix of rows)."""
    return np.asarray(np.clip((features - mean) / std, -CLIP, CLIP), dtype=np.float64)


def speaker_normalise(features: Vector, speakers: list[str]) -> Vector:
    """Z-score every row with the statistics of its own speaker's rows (batch evaluation / training)."""
    out = np.empty_like(features, dtype=np.float64)
    ids = np.asarray(speakers)
    for spk in sorted(set(speakers)):
        rows = ids == spk
        mean = features[rows].mean(axis=0)
        std = features[rows].std(axis=0) + 1e-8
        out[rows] = normalise(features[rows], mean, std)
    return out


@dataclass
class SpeakerStats:
    """Running per-user feature statistics, shrunk to the training prior while few utterances are known."""

    prior_mean: Vector
    prior_std: Vector
    prior_weight: float = 10.0
    n: int = 0
    mean: Vector = field(default_factory=lambda: np.zeros(0))
    m2: Vector = field(default_factory=lambda: np.zeros(0))

    def update(self, x: Vector) -> None:
        """Add one utterance's features (Welford's algorithm)."""
        if self.n == 0:
            self.mean, self.m2 = np.zeros_like(x), np.zeros_like(x)
        self.n += 1
        delta = x - self.mean
        self.mean = self.mean + delta / self.n
        self.m2 = self.m2 + delta * (x - self.mean)

    def current(self) -> tuple[Vector, Vector]:
        """The mean and std to normalise with now (prior blended with the user's own statistics)."""
        k = self.prior_weight
        if self.n == 0:
            return self.prior_mean, self.prior_std
        mean = (self.n * self.mean + k * self.prior_mean) / (self.n + k)
        var = (self.m2 + k * self.prior_std**2) / (self.n + k)
        return mean, np.sqrt(var) + 1e-8

    def to_dict(self) -> dict[str, Any]:
        return {"n": self.n, "mean": self.mean.tolist(), "m2": self.m2.tolist()}

    def load(self, state: dict[str, Any]) -> None:
        """Restore what :meth:`to_dict` saved; ValueError when it does not fit these features."""
        n = int(state["n"])
        mean = np.asarray(state["mean"], dtype=np.float64)
        m2 = np.asarray(state["m2"], dtype=np.float64)
        if n < 0 or (n > 0 and not (mean.shape == m2.shape == self.prior_mean.shape)):
            raise ValueError(f"stored speaker statistics have {mean.shape} features, the model {self.prior_mean.shape}")
        if not (np.isfinite(mean).all() and np.isfinite(m2).all()):
            raise ValueError("stored speaker statistics are not finite")
        self.n, self.mean, self.m2 = n, mean, m2


class StatsStore(Protocol):
    """Where a user's speaker statistics are kept (:class:`amity.store.care_store.CareStore`)."""

    def get_state(self, user_id: str, key: str) -> Any | None: ...

    def set_state(self, user_id: str, key: str, value: Any) -> None: ...


@dataclass(frozen=True)
class LinearModel:
    """Softmax over ``z @ coef.T + intercept``; ``z`` are speaker-normalised features."""

    classes: tuple[str, ...]
    coef: Vector
    intercept: Vector
    feature_sets: tuple[str, ...]
    prior_mean: Vector
    prior_std: Vector

    def predict_proba(self, z: Vector) -> Vector:
        logits = np.atleast_2d(z) @ self.coef.T + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        e = np.exp(logits)
        return np.asarray(e / e.sum(axis=1, keepdims=True), dtype=np.float64)

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        try:
            with np.load(path) as d:
                meta = json.loads(str(d["meta"]))
                return cls(
                    classes=tuple(meta["classes"]),
                    coef=d["coef"].astype(np.float64),
                    intercept=d["intercept"].astype(np.float64),
                    feature_sets=tuple(meta["feature_sets"]),
                    prior_mean=d["prior_mean"].astype(np.float64),
                    prior_std=d["prior_std"].astype(np.float64),
                )
        except (OSError, KeyError, ValueError) as e:
            raise ModelError(
                f"Cannot load the speech emotion model at {path}: {e}",
                fix="Reinstall amity or run: python training/speech_emotion/train.py",
            ) from e


def affect_from_probs(classes: tuple[str, ...], probs: Vector) -> ChannelAffect:
    """A voice :class:`ChannelAffect` from class probabilities."""
    top = int(np.argmax(probs))
    valence = float(sum(p * CIRCUMPLEX[c][0] for c, p in zip(classes, probs, strict=True)))
    arousal = float(sum(p * CIRCUMPLEX[c][1] for c, p in zip(classes, probs, strict=True)))
    ranked = np.argsort(-probs)
    return ChannelAffect(
        channel="voice",
        label=classes[top],
        valence=valence,
        arousal=arousal,
        confidence=float(probs[top]),
        labels=tuple(Emotion(classes[i], float(probs[i])) for i in ranked),
    )


class SpeechEmotion:
    """Voice channel for one user: features → running speaker normalisation → class probabilities.

    With a ``store`` and ``user_id`` the speaker statistics survive restarts: they are read from the
    user's ``care_state`` (key ``voice_speaker_stats``) on first use and written after every update (the
    running mean and variance of every feature, ~0.3 MB of JSON; exported and deleted with the user's other
    data); statistics that
    do not fit the current model (other features) are ignored and start over."""

    def __init__(
        self,
        weights: Path = WEIGHTS,
        prior_weight: float = 10.0,
        *,
        store: StatsStore | None = None,
        user_id: str | None = None,
    ) -> None:
        self.weights_path = weights
        self.prior_weight = prior_weight
        self.store = store if user_id is not None else None
        self.user_id = user_id or ""

    @cached_property
    def model(self) -> LinearModel:
        return LinearModel.load(self.weights_path)

    @cached_property
    def extract(self) -> FeatureExtractor:
        return FeatureExtractor(self.model.feature_sets)

    @cached_property
    def stats(self) -> SpeakerStats:
        stats = SpeakerStats(self.model.prior_mean, self.model.prior_std, self.prior_weight)
        saved = self.store.get_state(self.user_id, STATS_KEY) if self.store is not None else None
        if isinstance(saved, dict):
            try:
                stats.load(saved)
            except (KeyError, TypeError, ValueError) as exc:
                log.warning("speaker statistics of %s start over: %s", self.user_id, exc)
        return stats

    def predict(self, pcm: NDArray[Any], sample_rate: int, *, update: bool = True) -> ChannelAffect:
        """Estimate the emotion in one utterance; by default it also updates this user's statistics."""
        x = self.extract(pcm, sample_rate)
        if update:
            self.stats.update(x)
            self._save()
        mean, std = self.stats.current()
        probs = self.model.predict_proba(normalise(x, mean, std))[0]
        return affect_from_probs(self.model.classes, probs)

    def _save(self) -> None:
        if self.store is None:
            return
        try:
            self.store.set_state(self.user_id, STATS_KEY, self.stats.to_dict())
        except Exception as exc:  # best effort: a failed save must not cost the estimate (the next one retries)
            log.warning("speaker statistics of %s not saved: %s", self.user_id, exc)

    def predict_batch(self, features: Vector, speakers: list[str]) -> Vector:
        """Class probabilities for a batch of raw feature rows, normalised per speaker within the batch."""
        return self.model.predict_proba(speaker_normalise(features, speakers))
