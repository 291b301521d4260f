"""Face channel: numpy CNN ensemble, detection, affect mapping and the FER2013 evaluation."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from amity.errors import InputError, ModelError
from amity.senses.convnet import ConvNet
from amity.senses.face import CLASSES, FaceExpression, affect_from_probs, model_info

SHARED = Path(os.environ.get("AMITY_SHARED_DATA", Path(__file__).resolve().parents[1].parent / "shared" / "data"))
FER = SHARED / "fer2013" / "PublicTest"
needs_fer = pytest.mark.skipif(not FER.is_dir(), reason="shared FER2013 data not present")


def test_each_member_network_outputs_probabilities() -> None:
    model = FaceExpression()
    assert [m.name for m in model.members] == ["mini", "big", "simple"]
    rng = np.random.default_rng(0)
    for member in model.members:
        faces = rng.uniform(-1, 1, (3, member.input_size, member.input_size, 1)).astype(np.float32)
        probs = member.net(faces)
        assert probs.shape == (3, len(CLASSES))
        assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-5)
    info = model_info()
    assert info["classes"] == list(CLASSES) and "MIT" in info["licence"]
    assert all("ops" not in m and len(m["source_sha256"]) == 64 for m in info["members"])


def test_ensemble_is_the_mean_of_its_members_and_flip_is_symmetric() -> None:
    pytest.importorskip("cv2")
    rng = np.random.default_rng(1)
    crops = [rng.integers(0, 256, (48, 48), dtype=np.uint8) for _ in range(2)]
    model = FaceExpression()
    per_member = model.classify_members(crops)
    assert set(per_member) == {"mini", "big", "simple"}
    assert np.allclose(model.classify_crops(crops), np.mean(list(per_member.values()), axis=0), atol=1e-6)
    mirrored = model.classify_crops([c[:, ::-1] for c in crops])
    assert np.allclose(model.classify_crops(crops), mirrored, atol=1e-5)
    only_mini = FaceExpression(members=("mini",)).classify_crops(crops, flip=False)
    assert np.allclose(only_mini, model.classify_members(crops, flip=False)["mini"], atol=1e-6)
    assert model.classify_crops([]).shape == (0, len(CLASSES))


def test_unknown_member_or_missing_weights_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError):
        _ = FaceExpression(members=("nope",)).members
    with pytest.raises(ModelError):
        _ = FaceExpression(weights=tmp_path / "missing.npz").members
    with pytest.raises(ModelError, match="missing"):
        ConvNet([{"op": "conv", "k": 3, "stride": 1, "padding": "same", "kernel": "w"}], {})


def test_convnet_ops_match_a_direct_computation() -> None:
    """Same-padded 3×3 conv + ReLU, 2×2 average pool, residual add, global average pooling + softmax."""
    rng = np.random.default_rng(2)
    x = rng.normal(size=(2, 5, 5, 2)).astype(np.float32)
    w = {"k": rng.normal(size=(3, 3, 2, 3)).astype(np.float32), "b": rng.normal(size=3).astype(np.float32)}
    ops = [
        {"op": "conv", "k": 3, "stride": 1, "padding": "same", "kernel": "k", "bias": "b", "relu": True},
        {"op": "avgpool", "k": 2, "stride": 2, "padding": "same"},
        {"op": "maxpool", "k": 2, "stride": 2, "padding": "same", "in": [0]},
        {"op": "add", "in": [1, 2]},
        {"op": "gap"},
    ]
    xp = np.pad(x, ((0, 0), (1, 1), (1, 1), (0, 0)))
    conv = np.zeros((2, 5, 5, 3), dtype=np.float32)
    for i in range(5):
        for j in range(5):
            conv[:, i, j] = np.einsum("nabc,abcd->nd", xp[:, i : i + 3, j : j + 3], w["k"]) + w["b"]
    conv = np.maximum(conv, 0)
    # 5 -> 3 with "same" padding: windows rows/cols {0,1}, {2,3}, {4}; the average counts real pixels only.
    blocks = [slice(0, 2), slice(2, 4), slice(4, 5)]
    avg = np.stack([np.stack([conv[:, r, c].mean(axis=(1, 2)) for c in blocks], 1) for r in blocks], 1)
    mx = np.stack([np.stack([conv[:, r, c].max(axis=(1, 2)) for c in blocks], 1) for r in blocks], 1)
    logits = (avg + mx).mean(axis=(1, 2))
    expected = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    assert np.allclose(ConvNet(ops, w)(x), expected, atol=1e-5)


def test_affect_from_probs_maps_to_circumplex() -> None:
    happy = affect_from_probs(np.array([0, 0, 0, 0.9, 0, 0, 0.1], dtype=np.float32))
    assert happy.channel == "face" and happy.label == "happy"
    assert happy.valence > 0.5 and happy.confidence == pytest.approx(0.9)
    assert [e.label for e in happy.labels[:2]] == ["happy", "neutral"]
    sad = affect_from_probs(np.array([0, 0, 0, 0, 1, 0, 0], dtype=np.float32))
    assert sad.valence < 0 and sad.arousal < 0


def test_no_face_gives_none_and_bad_shape_is_input_error() -> None:
    pytest.importorskip("cv2")
    model = FaceExpression()
    assert model.predict(np.full((120, 160, 3), 127, dtype=np.uint8)) is None
    with pytest.raises(InputError):
        model.predict(np.zeros((4, 4, 2), dtype=np.uint8))


@needs_fer
def test_detects_and_classifies_a_face_in_a_frame() -> None:
    cv2 = pytest.importorskip("cv2")
    model = FaceExpression()
    crop = cv2.imread(str(sorted((FER / "happy").glob("*.jpg"))[0]), 0)
    frame = np.full((320, 320), 128, dtype=np.uint8)
    frame[64:256, 64:256] = cv2.resize(crop, (192, 192))
    affect = model.predict(cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR))
    assert affect is not None
    assert affect.label == "happy" and affect.valence > 0


@needs_fer
def test_evaluate_face_on_a_small_sample(tmp_path: Path) -> None:
    pytest.importorskip("cv2")
    from amity.senses.evaluation import evaluate_face

    for label in CLASSES:
        (tmp_path / label).mkdir()
        for f in sorted((FER / label).glob("*.jpg"))[:4]:
            shutil.copy(f, tmp_path / label / f.name)
    result = evaluate_face(tmp_path)
    assert result["n"] == 28
    assert 0.3 <= result["accuracy"] <= 1.0
    assert 0.0 <= result["macro_f1"] <= 1.0
    assert sum(map(sum, result["confusion"]["matrix"])) == 28
    assert set(result["members"]) == {"mini", "big", "simple"}


def test_evaluate_face_rejects_wrong_layout(tmp_path: Path) -> None:
    from amity.senses.evaluation import evaluate_face

    with pytest.raises(InputError):
        evaluate_face(tmp_path)
