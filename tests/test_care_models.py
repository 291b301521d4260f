"""The shipped strategy and distortion models: feature extraction, numpy inference, the eval functions, and
(when the shared data is present) the recorded figures."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from amity.care.cbt.distortions import NO_DISTORTION, TYPES, DistortionDetector
from amity.care.evaluation import evaluate_distortions, evaluate_strategy, f1_binary, macro_f1
from amity.care.strategy import DENSE_NAMES, STRATEGIES, StrategyPlanner, esconv_examples
from amity.care.textfeat import LinearTextModel, save_artifact, tokens
from amity.errors import InputError

DIALOG = {
    "emotion_type": "anxiety",
    "dialog": [
        {"text": "Hi", "speaker": "usr"},
        {"text": "Hello, how are you today?", "speaker": "sys", "strategy": "Question"},
        {"text": "I'm worried I will lose my job.", "speaker": "usr"},
        {"text": "That sounds stressful.", "speaker": "sys", "strategy": "Reflection of feelings"},
        {"text": "Many people feel that way.", "speaker": "sys", "strategy": "Affirmation and Reassurance"},
        {"text": "Yes. What should I do?", "speaker": "usr"},
        {"text": "Maybe talk to your manager.", "speaker": "sys", "strategy": "Providing Suggestions"},
    ],
}


def test_tokens_make_prefixed_unigrams_and_bigrams() -> None:
    assert tokens("I can't  sleep!", "u:") == [
        "u:i",
        "u:can't",
        "u:sleep",
        "u:!",
        "u:i can't",
        "u:can't sleep",
        "u:sleep !",
    ]


def test_esconv_examples_carry_the_context_before_each_supporter_turn(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps(DIALOG) + "\n")
    ex = list(esconv_examples(path))
    assert [e.label for e in ex] == [
        "Question",
        "Reflection of feelings",
        "Affirmation and Reassurance",
        "Providing Suggestions",
    ]
    assert ex[1].seeker_text == "I'm worried I will lose my job." and ex[1].prev_strategies == ("Question",)
    assert ex[2].continuing and ex[2].seeker_text == ex[1].seeker_text
    assert ex[3].prev_supporter_text == "Many people feel that way." and ex[3].supporter_turns == 3
    assert len(ex[0].dense()) == len(DENSE_NAMES)
    result = evaluate_strategy(path)
    assert result["n"] == 4 and 0.0 <= result["accuracy"] <= 1.0 and 0.0 <= result["macro_f1"] <= 1.0


def test_eval_rejects_bad_files(tmp_path: Path) -> None:
    bad = tmp_path / "x.jsonl"
    bad.write_text("not json\n")
    with pytest.raises(InputError):
        evaluate_strategy(bad)
    with pytest.raises(InputError):
        evaluate_strategy(tmp_path / "missing.jsonl")
    csv = tmp_path / "x.csv"
    csv.write_text("a,b\n1,2\n")
    with pytest.raises(InputError):
        evaluate_distortions(csv)


def test_metrics() -> None:
    assert f1_binary([True, True, False, False], [True, False, True, False]) == pytest.approx(0.5)
    assert macro_f1(["a", "a", "b"], ["a", "b", "b"], ["a", "b", "c"]) == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)


def test_numpy_model_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "m.npz"
    save_artifact(
        path,
        vocab=["good", "bad"],
        idf=np.array([1.0, 2.0]),
        weights=np.array([[1.0, -1.0, 0.5]]),
        bias=np.array([0.0]),
        classes=["0", "1"],
        dense_names=["x"],
        meta={"threshold": 0.4},
    )
    model = LinearTextModel.load(path)
    p = model.proba(["good", "good"], [0.0])
    assert p[1] == pytest.approx(1 / (1 + np.exp(-1.0)), abs=1e-3) and model.meta["threshold"] == 0.4
    with pytest.raises(ValueError):
        model.vectorize(["good"], [])


def test_distortion_detector_on_clear_examples() -> None:
    det = DistortionDetector()
    trap = det.detect("I always ruin everything. Everyone must think I'm a total failure and it will never change.")
    calm = det.detect("I went to the shop and bought some bread and milk, then cooked dinner.")
    assert trap.probability > calm.probability
    assert trap.present and trap.top_type in TYPES and trap.reframe()
    should = det.detect("I should be able to do this. I must never make mistakes, I have to be perfect.")
    assert should.type_scores["Should statements"] > 1 / len(TYPES)


def test_planner_probabilities_cover_all_strategies() -> None:
    planner = StrategyPlanner()
    choice = planner.choose("I feel so alone since my breakup.", "", [])
    assert set(choice.probabilities) == set(STRATEGIES) and sum(choice.probabilities.values()) == pytest.approx(1)
    assert choice.stage == "exploration"


def test_recorded_strategy_figure_on_shared_data(shared_data: Path) -> None:
    strategy = evaluate_strategy(shared_data / "esconv" / "valid.jsonl")
    assert strategy["n"] == 2722  # figures as recorded in docs/CARE.md
    assert strategy["accuracy"] == pytest.approx(0.3435, abs=0.002)
    assert strategy["macro_f1"] == pytest.approx(0.223, abs=0.002)


def test_recorded_distortion_figure_on_shared_data(shared_data: Path) -> None:
    distortions = evaluate_distortions(shared_data / "cognitive_distortion" / "dev.csv")
    assert distortions["n"] == 2030 and distortions["f1_presence"] >= 0.8  # in-sample (see the model card)
    assert NO_DISTORTION not in TYPES


def test_sparse_proba_equals_dense_vector_product() -> None:
    planner = StrategyPlanner()
    model = planner.model
    grams = tokens("I can't sleep and I feel awful", "u:") + tokens("how are you?", "s:")
    dense = [0.0] * len(DENSE_NAMES)
    z = model.weights @ model.vectorize(grams, dense) + model.bias
    expected = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
    assert np.allclose(model.proba(grams, dense), expected, atol=1e-5)
