"""Wheel-shipped GGUF models: assembly from parts, checksum verification, user-given paths."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

from amity.errors import ModelError
from amity.llm.models import KNOWN_MODELS, WheelModel, resolve_model


def _fake_wheels(root: Path, chunks: list[bytes]) -> WheelModel:
    packages = []
    for i, chunk in enumerate(chunks, 1):
        pkg = root / f"fakemodel_part{i}"
        (pkg / "data").mkdir(parents=True)
        (pkg / "__init__.py").write_text("import does_not_exist  # importing must not be needed\n")
        (pkg / "data" / "part.bin").write_bytes(chunk)
        packages.append(pkg.name)
    whole = b"".join(chunks)
    return WheelModel(
        name="fake",
        description="test",
        packages=tuple(packages),
        files=("data/part.bin",) * len(chunks),
        size=len(whole),
        sha256=hashlib.sha256(whole).hexdigest(),
        install="pip install fakemodel",
    )


def test_parts_are_joined_verified_and_stamped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    chunks = [b"GGUF" + b"a" * 1000, b"b" * 777, b"c" * 5]
    model = _fake_wheels(tmp_path / "site", chunks)
    monkeypatch.setitem(KNOWN_MODELS, "fake", model)
    seen: list[tuple[int, int]] = []
    path = resolve_model("fake", tmp_path / "models", lambda d, t: seen.append((d, t)))
    assert path.read_bytes() == b"".join(chunks)
    assert seen[-1] == (model.size, model.size)
    assert not any(p.name.endswith(".partial") for p in path.parent.iterdir())
    seen.clear()
    assert resolve_model("fake", tmp_path / "models", lambda d, t: seen.append((d, t))) == path
    assert seen == []  # verified stamp: no second pass


def test_corrupt_parts_are_rejected_with_a_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    model = _fake_wheels(tmp_path / "site", [b"GGUF1234", b"5678"])
    bad = WheelModel(**{**model.__dict__, "sha256": "0" * 64})
    monkeypatch.setitem(KNOWN_MODELS, "bad", bad)
    with pytest.raises(ModelError, match="does not match its checksum") as info:
        resolve_model("bad", tmp_path / "models")
    assert "pip install fakemodel" in info.value.fix
    assert not (tmp_path / "models" / "bad.gguf").exists()


def test_missing_wheel_and_bad_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ghost = WheelModel("ghost", "", ("no_such_pkg_xyz",), ("x.bin",), 0, "", "pip install ghost")
    monkeypatch.setitem(KNOWN_MODELS, "ghost", ghost)
    with pytest.raises(ModelError, match="not installed"):
        resolve_model("ghost", tmp_path)
    with pytest.raises(ModelError, match="No model file"):
        resolve_model(str(tmp_path / "nope.gguf"), tmp_path)
    notgguf = tmp_path / "notes.gguf"
    notgguf.write_text("hello")
    with pytest.raises(ModelError, match="not a GGUF"):
        resolve_model(str(notgguf), tmp_path)
    with pytest.raises(ModelError, match="Unknown model"):
        resolve_model("gpt-17", tmp_path)


@pytest.mark.model
def test_smollm2_wheel_file_verifies(smollm2: Path, tmp_path: Path) -> None:
    assert resolve_model("smollm2-135m", tmp_path) == smollm2
    assert (tmp_path / "verified" / "smollm2-135m.json").is_file()


def test_default_model_is_pinned() -> None:
    from amity.config import DEFAULT_MODEL_SPEC

    assert DEFAULT_MODEL_SPEC == "embedded:qwen2.5-coder-1.5b"
    model = KNOWN_MODELS["qwen2.5-coder-0.5b"]
    assert model.size == 491_400_064
    assert model.sha256 == "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"
    default = KNOWN_MODELS["qwen2.5-coder-1.5b"]
    assert default.size == 1_117_320_768 and len(default.packages) == 22
    assert sys.version_info >= (3, 11)
