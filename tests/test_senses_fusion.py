"""Late fusion, conflict detection and the fusion stage."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from amity.events import Notice
from amity.senses.fusion import canonical_label, conflict_guidance, find_conflict, fuse
from amity.senses.sensing import SensingChannels
from amity.senses.stage import ConflictStage, SensesStage
from amity.stages import TurnContext
from amity.types import Affect, ChannelAffect, Emotion, Persona, Session, Turn, User


def ch(channel: str, label: str, valence: float, arousal: float, confidence: float) -> ChannelAffect:
    return ChannelAffect(channel, label, valence, arousal, confidence)  # type: ignore[arg-type]


SAD_WORDS = ch("text", "sadness", -0.7, -0.3, 0.8)
SMILING_FACE = ch("face", "happy", 0.8, 0.5, 0.7)


def test_single_channel_passes_through() -> None:
    affect = fuse([SAD_WORDS])
    assert affect.label == "sadness"
    assert affect.valence == pytest.approx(-0.7)
    assert affect.confidence == pytest.approx(0.8)
    assert not affect.conflict
    assert affect.channels == (SAD_WORDS,)


def test_weighted_mean_uses_confidence_and_reliability() -> None:
    text = ch("text", "joy", 0.6, 0.2, 1.0)
    voice = ch("voice", "neutral", 0.0, 0.0, 0.5)
    affect = fuse([text, voice])
    w_text, w_voice = 1.0 * 1.0, 0.5 * 0.7
    assert affect.valence == pytest.approx(0.6 * w_text / (w_text + w_voice))
    assert affect.label == "joy"
    assert not affect.conflict


def test_labels_are_mapped_to_one_vocabulary() -> None:
    face = ChannelAffect("face", "happy", 0.8, 0.5, 0.9, (Emotion("happy", 0.9), Emotion("sad", 0.1)))
    voice = ChannelAffect("voice", "joy", 0.6, 0.4, 0.6, (Emotion("joy", 0.6), Emotion("neutral", 0.4)))
    affect = fuse([face, voice])
    assert affect.label == "joy"
    assert {e.label for e in affect.labels} == {"joy", "sadness", "neutral"}
    assert sum(e.score for e in affect.labels) == pytest.approx(1.0)
    assert canonical_label("Grief") == "sadness" and canonical_label("xyz") == "xyz"


def test_a_question_is_not_read_as_surprise() -> None:
    """GoEmotions tags most questions "curiosity" (Ekman: surprise); the prompt then told the model that "How have
    you been?" sounded surprised. Curiosity counts as neutral; confusion is named as itself."""
    from amity.affect.stage import affect_guidance
    from amity.affect.text_emotion import shared_model

    model = shared_model()
    assert canonical_label("curiosity") == "neutral" and canonical_label("confusion") == "confusion"
    for question in ("Hey, how are you?", "How have you been?"):
        affect = fuse([model.predict(question)])
        assert affect.label == "neutral" and "no clear emotion" in affect_guidance(affect), question
    confused = fuse([model.predict("I'm so confused about what to do with my life")])
    assert confused.label == "confusion"


def test_conflict_smiling_face_sad_words() -> None:
    affect = fuse([SAD_WORDS, SMILING_FACE])
    assert affect.conflict
    assert affect.confidence < fuse([SAD_WORDS]).confidence
    line = conflict_guidance(affect)
    assert line is not None
    assert line.startswith("Their words sound sad but their face looks cheerful")
    assert "gently" in line and "ask" in line
    assert affect.to_dict()["channels"]["face"]["label"] == "happy"


def test_no_conflict_when_one_channel_is_unsure_or_neutral() -> None:
    unsure_face = ch("face", "happy", 0.8, 0.5, 0.3)
    neutral_face = ch("face", "neutral", 0.05, 0.0, 0.9)
    assert find_conflict([SAD_WORDS, unsure_face]) is None
    assert not fuse([SAD_WORDS, neutral_face]).conflict
    assert conflict_guidance(fuse([SAD_WORDS, neutral_face])) is None


def test_empty_and_zero_confidence() -> None:
    assert fuse([]).confidence == 0.0
    zero = fuse([ch("voice", "anger", -0.6, 0.7, 0.0), ch("face", "sad", -0.7, -0.4, 0.0)])
    assert zero.confidence == 0.0
    assert zero.valence == pytest.approx(-0.65)


def _ctx(affect: Affect | None, channels: tuple[ChannelAffect, ...]) -> TurnContext:
    now = datetime.now(UTC)
    user = User("u1", "Ana", now)
    session = Session("s1", "u1", now, now)
    turn = Turn("t1", "u1", "s1", 0, "user", "I'm fine, really.", now)
    return TurnContext(user, session, Persona(), turn.text, turn, [], affect=affect, channels=channels)


async def test_affect_stage_with_fusion_then_conflict_stage() -> None:
    """The affect stage built with ``fuse`` + the conflict stage: a smiling face over sad words."""
    ctx = _ctx(None, (SMILING_FACE,))
    await SensesStage(SensingChannels(face=True)).before_reply(ctx)
    ctx.affect = fuse([SAD_WORDS, *ctx.channels])  # what AffectStage(fuse=fuse) sets
    await ConflictStage().before_reply(ctx)
    assert ctx.affect.conflict
    assert {c.channel for c in ctx.affect.channels} == {"text", "face"}
    assert any(isinstance(e, Notice) and e.kind == "affect_conflict" for e in ctx.events)
    assert ctx.guidance and "face looks cheerful" in ctx.guidance[0]


async def test_switched_off_channels_are_dropped_and_no_conflict_named() -> None:
    ctx = _ctx(None, (SAD_WORDS, SMILING_FACE, ch("voice", "joy", 0.6, 0.4, 0.9)))
    await SensesStage(SensingChannels(voice=True, face=False)).before_reply(ctx)
    assert [c.channel for c in ctx.channels] == ["text", "voice"]
    ctx.affect = fuse([SAD_WORDS])
    await ConflictStage().before_reply(ctx)
    assert ctx.events == [] and ctx.guidance == []
