"""Big Five from language: constructed cases, shrinking uncertainty, storage and reset."""

from __future__ import annotations

import pytest

from amity.affect.personality import PRIOR_WORDS, Evidence, count, estimate, explain
from amity.cli.affect import personality_report, reset
from amity.config import Config
from amity.store.affect_store import AffectStore
from amity.store.conversations import ConversationStore
from amity.store.db import Database
from amity.store.schema import all_migrations

WORRIED = "I'm so worried and anxious, I feel scared and sad and alone. I hate how nervous I get, it's awful."
SOCIAL = "We had an amazing party with friends! Love meeting people, we talked and laughed together, so fun!"
WORKER = "I finished the project plan and organized my schedule so the team can complete the goals on time."
NEUTRAL = "The bus came at nine and the shop was open so I bought a loaf of bread and some milk for the week."


def traits(text: str, times: int = 20) -> dict[str, float]:
    ev = Evidence()
    for _ in range(times):
        ev.add(text)
    return {e.trait: e.mean for e in estimate(ev)}


def test_count_categories() -> None:
    n, counts = count("I love my friends! We can't wait.")
    assert n == 7
    assert counts["posemo"] == 1 and counts["social"] == 1 and counts["i"] == 2
    assert counts["we"] == 1 and counts["negate"] == 1 and counts["exclaim"] == 1


def test_no_evidence_means_no_idea() -> None:
    for e in estimate(Evidence()):
        assert e.mean == 0.0 and e.sd == 1.0 and e.level == "no clear lean"


def test_constructed_cases_lean_the_published_way() -> None:
    worried, social, worker = traits(WORRIED), traits(SOCIAL), traits(WORKER)
    assert worried["neuroticism"] > 0.5
    assert worried["neuroticism"] > social["neuroticism"] + 0.5
    assert social["extraversion"] > 0.5
    assert social["extraversion"] > worried["extraversion"] + 0.5
    assert worker["conscientiousness"] > 0.3
    assert worker["conscientiousness"] > worried["conscientiousness"]


def test_uncertainty_shrinks_with_words() -> None:
    ev = Evidence()
    sds = []
    for _ in range(5):
        for _ in range(10):
            ev.add(NEUTRAL)
        sds.append(estimate(ev)[0].sd)
    assert sds == sorted(sds, reverse=True) and sds[0] < 1.0
    assert sds[-1] == pytest.approx((PRIOR_WORDS / (ev.words + PRIOR_WORDS)) ** 0.5)


def test_explanation_is_hedged() -> None:
    ev = Evidence()
    for _ in range(40):
        ev.add(WORRIED)
    lines = explain(estimate(ev), ev)
    assert "not a personality test" in lines[0]
    assert any(line.startswith("Neuroticism: your words lean towards prone to worry") for line in lines)
    assert len(lines) == 6


def test_store_accumulates_per_user_and_resets(config: Config) -> None:
    db = Database(config.db_path, all_migrations())
    for uid in ("ana", "ben"):
        ConversationStore(db).ensure_user(uid)
    store = AffectStore(db)
    store.add_evidence("ana", SOCIAL)
    ev = store.add_evidence("ana", SOCIAL)
    assert ev.messages == 2 and ev.words == 2 * count(SOCIAL)[0]
    assert store.evidence("ben").words == 0
    report = personality_report(db, "ana")
    assert report["words"] == ev.words and len(report["traits"]) == 5
    assert report["traits"][0]["sd"] < 1.0
    assert reset(db, "ana", "personality") == {"personality_reset": True}
    assert personality_report(db, "ana")["words"] == 0
