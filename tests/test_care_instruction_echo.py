"""A sentence copied from the prompt's guidance is dropped; following the guidance in its own words is not."""

from __future__ import annotations

from collections.abc import AsyncIterator
from types import SimpleNamespace

import pytest

from amity.app import build_app, open_database
from amity.care.instruction_echo import InstructionEchoGuard, echoes, instruction_runs
from amity.config import Config
from amity.events import TurnEnd
from amity.llm.fake import FakeLLM
from amity.stages import TurnContext

GUIDANCE = [
    'They doubt they can do it ("I\'ll mess it up"). Do not agree, and do not rush to tips. Reassure them first, '
    "plainly and warmly, e.g. \"Feeling unsure doesn't mean you can't do it.\", then gently ask what worries them.",
    "Say plainly that there is no shame in it and that it can happen to anyone.",
    'They are saying hello: greet them back like a friend, e.g. "Hi! It\'s really nice to hear from you."',
]


def test_stage_directions_are_told_from_following_them() -> None:
    runs = instruction_runs(GUIDANCE)
    for sentence in ["Don't rush to tips; try to relax and focus on your work.", "Greet them back like a friend."]:
        assert echoes(sentence, runs), sentence  # the 1.5B wrote the first to a man scared of a new job
    for sentence in [
        "There is no shame in it at all.",  # the guidance followed, in its own words
        "Feeling unsure doesn't mean you can't do it.",  # the example, meant to be used
        "Hi! It's really nice to hear from you.",
        "They said they would call you back soon.",
        "I'll mess it up too sometimes.",  # the user's quoted words are not guidance
    ]:
        assert not echoes(sentence, runs), sentence


async def test_the_echo_never_reaches_the_user(config: Config) -> None:
    llm = FakeLLM(default="I'm here.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:
        llm.enqueue("Feeling unsure doesn't mean you can't do it. Don't rush to tips; try to relax. What worries you?")
        events = [e async for e in app.companion.turn("tom", "I'm a bit scared I'll mess it up though")]
        end = events[-1]
        assert isinstance(end, TurnEnd)
        assert end.reply == "Feeling unsure doesn't mean you can't do it. What worries you?"
    finally:
        await app.aclose()


async def _guarded(text: str, step: int) -> list[str]:
    """The pieces the guard lets through when ``text`` streams in pieces of ``step`` characters."""

    async def stream() -> AsyncIterator[str]:
        for i in range(0, len(text), step):
            yield text[i : i + step]

    ctx: TurnContext = SimpleNamespace(standing=[], guidance=GUIDANCE)  # type: ignore[assignment]
    return [p async for p in InstructionEchoGuard().guard(ctx, stream())]


@pytest.mark.parametrize("step", [1, 3, 7, 100])
async def test_dropped_wherever_it_comes_and_other_sentences_stream(step: int) -> None:
    text = "Feeling unsure doesn't mean you can't do it. Don't rush to tips; try to relax. What worries you?"
    pieces = await _guarded(text, step)
    assert "".join(pieces) == "Feeling unsure doesn't mean you can't do it. What worries you?"
    if step == 1:
        assert pieces[0] == "Feeling "  # no guidance run opens with "Feeling": it streams after its first word


@pytest.mark.parametrize("step", [1, 4, 100])
async def test_narrating_the_technique_is_dropped(step: int) -> None:
    """The 1.5B, guided to "briefly restate what they told you in your own words": "Restating what you told me in
    your own words, I heard you say you wish you could just be normal about this." """
    text = "Restating what you told me in your own words, I heard you say it's hard. That's a common feeling."
    assert "".join(await _guarded(text, step)) == "That's a common feeling."
    assert not echoes("Reflecting back on the year, you've come so far.", frozenset())
