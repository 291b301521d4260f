"""The shipped text emotion model: lazy loading, predictions, and the evaluation contract."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from amity.affect.evaluation import evaluate_emotions
from amity.affect.features import TfidfVectorizer, terms
from amity.affect.text_emotion import TextEmotionModel
from amity.affect.vad import ED_LABELS, ED_TO_GOEMOTIONS, LABELS, VA, ed_scores, valence_arousal
from amity.errors import InputError, ModelError

KEYS = {"macro_f1", "micro_f1", "n", "per_label", "ms_per_message"}


@pytest.fixture(scope="module")
def model() -> TextEmotionModel:
    return TextEmotionModel()


def test_lazy_until_first_prediction() -> None:
    m = TextEmotionModel()
    assert not m._loaded and m.labels == ()
    m.predict("hello")
    assert m._loaded and m.labels == LABELS


def test_predictions_make_sense(model: TextEmotionModel) -> None:
    happy = model.predict("Thank you so much, this made my day! I'm so happy!")
    angry = model.predict("I hate this so much, it makes me furious.")
    assert happy.channel == "text" and happy.valence > 0.3
    assert {e.label for e in happy.labels} & {"gratitude", "joy", "admiration"}
    assert angry.valence < -0.2 and {e.label for e in angry.labels} & {"anger", "annoyance"}
    scores = [e.score for e in happy.labels]
    assert scores == sorted(scores, reverse=True) and happy.confidence == scores[0]
    assert happy.label == happy.labels[0].label


def test_batch_equals_single_and_empty_text(model: TextEmotionModel) -> None:
    texts = ["What a lovely surprise!", "", "🙂🙂", "Why would you do that?"]
    batch = model.predict_batch(texts)
    assert batch == [model.predict(t) for t in texts]
    assert batch[1].labels  # even an empty message gets its best guess
    assert model.probabilities(texts).shape == (4, 28)


def test_missing_artifact_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError):
        TextEmotionModel(tmp_path / "nope.npz").predict("hi")


def test_features_and_geometry() -> None:
    t = terms("Don't go!")
    assert t["w:don't"] == 1 and t["b:don't go"] == 1 and t["w:!"] == 1 and t["c: go "] == 1
    vec = TfidfVectorizer({"w:go": 0, "w:!": 1}, np.ones(2, dtype=np.float32))
    idx, val = vec.row("go go !")
    assert list(idx) == [0, 1] and np.linalg.norm(val) == pytest.approx(1.0) and val[0] > val[1]
    assert set(VA) == set(LABELS) and set(ED_TO_GOEMOTIONS) == set(ED_LABELS)
    assert valence_arousal(np.zeros(28)) == (0.0, 0.0)
    p = np.zeros((1, 28), dtype=np.float32)
    p[0, LABELS.index("gratitude")] = 0.9
    assert ED_LABELS[int(np.argmax(ed_scores(p)))] == "grateful"


def test_evaluate_constructed_goemotions_file(tmp_path: Path, model: TextEmotionModel) -> None:
    path = tmp_path / "mini.tsv"
    rows = [
        ("Thank you so much!", "15"),
        ("I am so angry right now", "2"),
        ("ok", "27"),
        ("lol that's hilarious", "1"),
    ]
    path.write_text("".join(f"{t}\t{y}\tid{i}\n" for i, (t, y) in enumerate(rows)), encoding="utf-8")
    result = evaluate_emotions(path, model=model)
    assert set(result) >= KEYS and result["n"] == 4
    assert set(result["per_label"]) == set(LABELS)
    assert result["per_label"]["gratitude"]["support"] == 1
    assert 0.5 <= result["micro_f1"] <= 1.0 and result["ms_per_message"] > 0


def test_evaluate_rejects_bad_input(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("no labels here\n", encoding="utf-8")
    with pytest.raises(InputError):
        evaluate_emotions(bad)
    with pytest.raises(InputError):
        evaluate_emotions(bad, fmt="nope")
    with pytest.raises(InputError):
        evaluate_emotions(tmp_path / "missing.tsv")


def test_evaluate_ed_format(tmp_path: Path, model: TextEmotionModel) -> None:
    path = tmp_path / "ed.csv"
    path.write_text(
        "text,aug_text,label\n"
        '"i am so grateful my friends helped me move",x,27\n'
        '"i was terrified when the car skidded on the ice",x,2\n',
        encoding="utf-8",
    )
    result = evaluate_emotions(path, fmt="ed", model=model)
    assert set(result) >= KEYS and result["n"] == 2 and set(result["per_label"]) == set(ED_LABELS)
    assert result["micro_f1"] >= 0.5


def test_dev_sample_scores(shared_data: Path, tmp_path: Path, model: TextEmotionModel) -> None:
    lines = (shared_data / "goemotions" / "dev.tsv").read_text(encoding="utf-8").splitlines()[:400]
    sample = tmp_path / "dev400.tsv"
    sample.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = evaluate_emotions(sample, model=model)
    assert result["n"] == 400 and result["micro_f1"] > 0.45
