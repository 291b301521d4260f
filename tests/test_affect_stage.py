"""The affect stage in a real turn: Companion + FakeLLM + SQLite, with the shipped text model."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from amity.affect.mood import MoodState
from amity.affect.stage import AffectStage, affect_guidance, mood_guidance, simple_fuse
from amity.app import build_app, open_database
from amity.cli.affect import mood_report, personality_report
from amity.config import Config
from amity.events import AffectDetected, TurnEnd
from amity.llm.fake import FakeLLM
from amity.prompt import estimate_tokens
from amity.types import Affect, ChannelAffect, Emotion


async def run_turn(app_: object, text: str, channels: Sequence[ChannelAffect] = ()) -> list[object]:
    companion = app_.companion  # type: ignore[attr-defined]
    return [e async for e in companion.turn("ana", text, channels=channels)]


async def test_turn_carries_affect_guidance_and_mood(config: Config) -> None:
    llm = FakeLLM(default="I'm here.")
    db = open_database(config)
    app = build_app(config, llm=llm, db=db, stages=[AffectStage(db)])
    try:
        events = await run_turn(app, "I'm so sad and lonely since my dog died, I miss him terribly.")
        detected = [e for e in events if isinstance(e, AffectDetected)]
        end = events[-1]
        assert isinstance(end, TurnEnd) and end.affect is not None
        assert len(detected) == 1 and detected[0].affect == end.affect
        assert end.affect.valence < 0
        assert {e.label for e in end.affect.labels} & {"sadness", "grief"}
        out = end.to_json()["affect"]
        assert out["channels"]["text"]["labels"] and 0 < out["confidence"] <= 1
        prompt = llm.last_system_prompt
        assert 'The user said "I\'m so sad" and "lonely" (an unpleasant feeling).' in prompt  # their words, not a guess
        assert out["channels"]["text"]["reported"] == ["I'm so sad", "lonely"]
        stored = app.store.get_turn(app.store.recent_turns("ana", limit=2)[0].id)
        assert stored.affect is not None and stored.affect.label == end.affect.label
        assert stored.affect.reported == ("I'm so sad", "lonely")  # kept with the turn

        for text in ("Still feeling awful and hopeless today.", "Everything is grey, I just feel down."):
            await run_turn(app, text)
        report = mood_report(db, "ana")
        assert len(report["history"]) == 3
        assert report["mood"]["valence"] < 0
        assert personality_report(db, "ana")["messages"] == 3
        await run_turn(app, "Honestly a bit better now, thanks for listening.")
        assert "seemed" in llm.last_system_prompt  # the slow mood now has enough evidence to be mentioned
    finally:
        await app.aclose()


async def test_other_channels_go_through_fuse(config: Config) -> None:
    seen: list[tuple[str, ...]] = []

    def fuse(channels: Sequence[ChannelAffect]) -> Affect:
        seen.append(tuple(c.channel for c in channels))
        return simple_fuse(channels)

    db = open_database(config)
    app = build_app(config, llm=FakeLLM(), db=db, stages=[AffectStage(db, fuse=fuse)])
    voice = ChannelAffect("voice", "anger", -0.7, 0.8, 0.99, (Emotion("anger", 0.99),))
    try:
        events = await run_turn(app, "ok.", channels=[voice])
        end = events[-1]
        assert isinstance(end, TurnEnd) and end.affect is not None
        assert seen == [("text", "voice")]
        assert end.affect.label == "anger"  # the far more confident channel wins the label
        assert set(end.to_json()["affect"]["channels"]) == {"text", "voice"}
    finally:
        await app.aclose()


def test_guidance_wording() -> None:
    sure = Affect("joy", 0.8, 0.5, 0.82, (Emotion("joy", 0.82),))
    weak = Affect("fear", -0.7, 0.6, 0.3, (Emotion("fear", 0.3),))
    neutral = Affect("neutral", 0.0, 0.0, 0.7, (Emotion("neutral", 0.7),))
    assert affect_guidance(sure) == (
        "The user seems to feel joy (confidence 0.82). Don't state it as fact; if unsure, gently ask."
    )
    assert "weak guess (confidence 0.30)" in affect_guidance(weak) and "gently ask" in affect_guidance(weak)
    assert "no clear emotion" in affect_guidance(neutral)


def test_neutral_is_never_named_as_a_feeling_and_noise_is_not_passed_on() -> None:
    mostly = Affect("neutral", -0.1, 0.0, 0.64, (Emotion("neutral", 0.61), Emotion("sadness", 0.39)))
    assert "mostly neutral, maybe with a little sadness" in affect_guidance(mostly)
    assert "feel neutral" not in affect_guidance(mostly, compact=True)
    second = Affect("fear", -0.5, 0.5, 0.65, (Emotion("fear", 0.63), Emotion("neutral", 0.37)))
    assert affect_guidance(second, compact=True) == "The user may feel fear (a guess, not a fact; ask if unsure)."
    noise = Affect("surprise", 0.2, 0.7, 0.09, (Emotion("surprise", 1.0),))
    assert "No clear emotion" in affect_guidance(noise, compact=True)


def test_compact_guidance_for_spoken_turns_keeps_the_meaning_in_fewer_tokens() -> None:
    sure = Affect("sadness", -0.7, 0.2, 0.82, (Emotion("sadness", 0.62), Emotion("fear", 0.2)))
    weak = Affect("fear", -0.7, 0.6, 0.3, (Emotion("fear", 0.3),))
    neutral = Affect("neutral", 0.0, 0.0, 0.7, (Emotion("neutral", 0.7),))
    assert affect_guidance(sure, compact=True) == (
        "The user may feel sadness and fear (a guess, not a fact; ask if unsure)."
    )
    assert "weak guess" in affect_guidance(weak, compact=True) and "ask" in affect_guidance(weak, compact=True)
    assert "No clear emotion" in affect_guidance(neutral, compact=True)
    for affect in (sure, weak, neutral):
        full, short = affect_guidance(affect), affect_guidance(affect, compact=True)
        assert "confidence" not in short and estimate_tokens(short) < 0.7 * estimate_tokens(full)
    mood = MoodState(valence=-0.6, arousal=-0.3, evidence=3.0, updated_at=datetime(2026, 11, 26, tzinfo=UTC))
    mood_full, mood_short = mood_guidance(mood), mood_guidance(mood, compact=True)
    assert mood_full is not None and mood_short is not None and "(a guess)" in mood_short
    assert estimate_tokens(mood_short) < 0.7 * estimate_tokens(mood_full)


async def test_text_reading_can_be_switched_off(config: Config) -> None:
    db = open_database(config)
    stage = AffectStage(db, text_enabled=lambda user_id: user_id != "ana")
    llm = FakeLLM()
    app = build_app(config, llm=llm, db=db, stages=[stage])
    try:
        events = await run_turn(app, "I'm so happy today!")
        end = events[-1]
        assert isinstance(end, TurnEnd) and end.affect is None
        assert not any(isinstance(e, AffectDetected) for e in events)
        assert "seems to feel" not in llm.last_system_prompt
        assert mood_report(db, "ana")["mood"] is None
        assert personality_report(db, "ana")["words"] == 0
    finally:
        await app.aclose()
