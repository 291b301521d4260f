"""The ALMA-style companion affect: personality baseline, appraisal, pull/push, decay, honest expression."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from amity.care.companion_affect import (
    EMOTION_PAD,
    HALF_LIFE_S,
    CompanionMood,
    appraise,
    asks_about_feelings,
    default_mood,
    emotion_centre,
    honest_answer,
    personality,
)
from amity.care.persona import PRESETS
from amity.types import Affect

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def test_personality_sets_a_baseline_mood() -> None:
    sunny, sage = default_mood(PRESETS["sunny"]), default_mood(PRESETS["sage"])
    assert personality(PRESETS["sunny"])["E"] > personality(PRESETS["sage"])["E"]
    assert sunny[2] > sage[2]  # extraversion raises dominance (Mehrabian's mapping)
    assert all(-1 <= x <= 1 for x in sunny + sage)


def test_appraisal_is_empathic() -> None:
    sad = Affect(label="sadness", valence=-0.8, arousal=-0.2, confidence=0.9)
    glad = Affect(label="joy", valence=0.7, arousal=0.4, confidence=0.9)
    assert appraise("my cat died", sad)[0][0] == "pity"
    assert appraise("I got the job", glad)[0][0] == "happy_for"
    assert ("gratitude", 0.6) in appraise("thank you", None)
    assert appraise("you are useless", None) == [("remorse", 0.4)]
    assert appraise("ok", None) == []


def test_pull_toward_emotion_centre_then_push_and_decay() -> None:
    mood = CompanionMood((0.0, 0.0, 0.0), (0.0, 0.0, 0.0), T0)
    mood.feel([("pity", 1.0)], T0)
    centre, _ = emotion_centre([("pity", 1.0)])
    assert centre == EMOTION_PAD["pity"]
    assert all((m < 0) == (c < 0) for m, c in zip(mood.mood, centre, strict=True))  # pulled toward pity
    assert mood.octant == "bored"
    pulled = mood.mood
    for _ in range(12):
        mood.feel([("pity", 1.0)], T0)
    assert mood.mood[0] < pulled[0] and mood.mood[0] < EMOTION_PAD["pity"][0]  # pushed beyond the centre
    mood.decay(T0 + timedelta(seconds=HALF_LIFE_S))
    assert abs(mood.mood[0]) < 0.51 * 1.0 and mood.mood[0] < 0
    mood.decay(T0 + timedelta(hours=10))
    assert max(abs(x) for x in mood.mood) < 1e-6 and mood.emotions == []


def test_expression_never_pressures_and_answers_honestly() -> None:
    mood = CompanionMood((-0.6, -0.4, -0.5), (0.3, 0.0, 0.1), T0)
    line = mood.guidance()
    assert "gently concerned" in line
    assert "never make the user responsible" in mood.RULE  # sent with every prompt as a standing rule
    assert mood.face() == "concerned" and mood.to_dict()["simulated"] is True
    assert 0.8 < mood.voice()["rate"] < 1.0
    answer = honest_answer(mood, PRESETS["amity"])
    assert "I'm an AI" in answer and "simulated" in answer
    for q in ("Do you have feelings?", "are you really happy?", "How are you feeling today?"):
        assert asks_about_feelings(q)
    assert not asks_about_feelings("I feel sad")
