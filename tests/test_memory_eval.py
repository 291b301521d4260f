"""LoCoMo-format memory evaluation: evidence parsing, report shape, and the dev set when present."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from amity.errors import InputError
from amity.memory.evaluation import (
    conversation_turns,
    evaluate_memory,
    normalise_evidence,
    parse_locomo_time,
)


def _sample() -> dict[str, object]:
    return {
        "sample_id": "conv-x",
        "conversation": {
            "speaker_a": "Ana",
            "speaker_b": "Ben",
            "session_1_date_time": "1:56 pm on 8 May, 2023",
            "session_1": [
                {"speaker": "Ana", "dia_id": "D1:1", "text": "I started pottery classes on Tuesday!"},
                {"speaker": "Ben", "dia_id": "D1:2", "text": "Nice. My dog Rex ate my homework again."},
            ],
            "session_2_date_time": "9:00 am on 2 June, 2023",
            "session_2": [
                {
                    "speaker": "Ana",
                    "dia_id": "D2:1",
                    "text": "We went camping by the lake.",
                    "blip_caption": "a tent next to a lake",
                },
                {"speaker": "Ben", "dia_id": "D2:2", "text": "Rex loved the lake too."},
            ],
        },
        "qa": [
            {
                "question": "What class did Ana start?",
                "answer": "pottery",
                "evidence": ["D1:1"],
                "category": 4,
            },
            {
                "question": "Where did they camp and who is Rex?",
                "answer": "lake; dog",
                "evidence": ["D2:1; D1:2"],
                "category": 1,
            },
            {
                "question": "When did Ana go camping by the lake?",
                "answer": "June",
                "evidence": ["D:2:1", "D9:9"],
                "category": 2,
            },
            {"question": "Unanswerable?", "adversarial_answer": "x", "evidence": ["D"], "category": 5},
        ],
    }


def test_evidence_and_time_parsing() -> None:
    assert normalise_evidence(["D8:6; D9:17", "D:11:26", "D", "D8:6"]) == ["D8:6", "D9:17", "D11:26"]
    assert parse_locomo_time("1:56 pm on 8 May, 2023") == datetime(2023, 5, 8, 13, 56, tzinfo=UTC)
    assert parse_locomo_time("someday") is None
    turns = conversation_turns(_sample()["conversation"])  # type: ignore[arg-type]
    assert [t.dia_id for t in turns] == ["D1:1", "D1:2", "D2:1", "D2:2"]
    assert turns[2].text == "Ana: We went camping by the lake. [photo: a tent next to a lake]"
    assert turns[3].created_at == datetime(2023, 6, 2, 9, 1, tzinfo=UTC)


def test_report_shape_and_scores(tmp_path: Path) -> None:
    path = tmp_path / "mini.json"
    path.write_text(json.dumps([_sample()]))
    report = evaluate_memory(path, k=2, embedder="hashing")
    assert report["k"] == 2 and report["n_questions"] == 3 and report["n_skipped"] == 1
    assert report["evidence_dropped"] == 2  # "D9:9" names no turn, "D" is unreadable
    runs = {"bm25", "vector", "hybrid", "hybrid_rrf", "hybrid_previous"}
    assert set(report["baselines"]) == runs - {"hybrid"}
    assert set(report["by_conversation"]["conv-x"]) == runs
    assert report["by_conversation"]["conv-x"]["hybrid"] == report["recall_at_k"]
    assert set(report["timing"]["search_ms_p50"]) == runs
    assert report["reranker"].startswith("shipped")
    assert set(report["by_category"]) == {"multi-hop", "temporal", "open-domain", "single-hop", "adversarial"}
    assert report["by_category"]["single-hop"]["recall_at_k"] == 1.0
    assert 0.0 <= report["all_found_at_k"] <= report["recall_at_k"] <= 1.0
    assert report["baselines"]["bm25"]["by_category"]["temporal"]["n"] == 1
    only = evaluate_memory(path, k=2, embedder="hashing", reranker=None, conversations=["nope"])
    assert only["n_questions"] == 0 and only["reranker"].startswith("none")
    json.dumps(report)


def test_bad_input_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        evaluate_memory(tmp_path / "missing.json")
    (tmp_path / "obj.json").write_text("{}")
    with pytest.raises(InputError):
        evaluate_memory(tmp_path / "obj.json")


@pytest.mark.heavy
def test_locomo_dev_conversation_hashing() -> None:
    root = Path(os.environ.get("AMITY_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
    path = root / "locomo" / "locomo_dev.json"
    if not path.exists():
        pytest.skip("LoCoMo dev data not available")
    report = evaluate_memory(path, k=10, embedder="hashing", limit_conversations=1)
    assert report["n_questions"] > 100
    assert report["baselines"]["bm25"]["recall_at_k"] > 0.5
