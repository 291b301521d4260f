"""Help-desk sign-offs are dropped from streamed replies; everything else streams on, unheld."""

from __future__ import annotations

from collections.abc import AsyncIterator
from types import SimpleNamespace

import pytest

from amity.app import App
from amity.care.closers import ServiceCloserGuard, is_early_goodbye, is_sign_off
from amity.events import TextDelta, TurnEnd
from amity.llm.fake import FakeLLM
from amity.stages import TurnContext


async def stream(text: str, step: int) -> AsyncIterator[str]:
    for i in range(0, len(text), step):
        yield text[i : i + step]


async def guarded(text: str, step: int = 3, said: str = "It went ok I think.") -> list[str]:
    ctx: TurnContext = SimpleNamespace(text=said)  # type: ignore[assignment]  # the guard reads only the user's text
    return [piece async for piece in ServiceCloserGuard().guard(ctx, stream(text, step))]


@pytest.mark.parametrize(
    "sentence",
    [
        "Is there anything else you need help with?",
        "If you need anything else, feel free to ask.",
        "Let me know if you have any other questions.",
        "Feel free to reach out anytime.",
        "How else can I help you today?",
        "I hope this helps!",
        "If there's anything else I can do, let me know.",
        "Don't hesitate to ask.",
        "Is there anything else you want to know or talk about?",  # the 1.5B, to "my daughter lives in Canada"
        "Do you have any other questions that you would like to talk about?",  # the 1.5B, to an exhausted carer
        "Is there anything else you'd like to talk about?",  # the 1.5B, after "I got the promotion!!"
    ],
)
def test_help_desk_sign_offs_are_recognised(sentence: str) -> None:
    assert is_sign_off(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Is there anything you'd like to talk about?",
        "Let me know how it goes!",
        "If you need to cry, that's okay.",
        "I hope the exam goes well tomorrow.",
        "Feel free to take your time.",
        "That sounds hard.",
        "How can I say this kindly?",
        "Do you have any plans for the weekend?",
    ],
)
def test_a_friends_words_are_not_sign_offs(sentence: str) -> None:
    assert not is_sign_off(sentence)


@pytest.mark.parametrize("step", [1, 3, 7, 100])
async def test_sign_offs_are_dropped_wherever_they_come_and_the_rest_streams(step: int) -> None:
    text = "That's wonderful news! If you need anything else, feel free to ask. What will you do first?"
    assert "".join(await guarded(text, step)) == "That's wonderful news! What will you do first?"
    text = "I'm sorry your knee hurts. Is there anything else you need help with?"
    assert "".join(await guarded(text, step)).strip() == "I'm sorry your knee hurts."


async def test_other_sentences_stream_without_waiting_for_their_end() -> None:
    pieces = await guarded("That's okay, rest now. Sleep well.", step=4)
    assert pieces[0] == "That"  # the first word is out before the sentence is complete
    assert "".join(pieces) == "That's okay, rest now. Sleep well."


async def test_a_reply_that_was_only_a_sign_off_gets_the_listening_text(app: App, fake_llm: FakeLLM) -> None:
    fake_llm.enqueue("Is there anything else you need help with?")
    events = [e async for e in app.companion.turn("ana", "My knee hurts after running.")]
    end = events[-1]
    assert isinstance(end, TurnEnd) and end.reply and "anything else" not in end.reply
    assert "anything else" not in "".join(e.text for e in events if isinstance(e, TextDelta))


@pytest.mark.parametrize("step", [1, 5, 100])
async def test_a_goodbye_the_user_did_not_start_is_dropped(step: int) -> None:
    """The 1.5B, to "It went ok I think. They said they'd call.": "…glad they're going to call. Let's talk soon."."""
    text = "That's good to hear. I'm glad they're going to call. Let's talk soon."
    assert "".join(await guarded(text, step)).strip() == "That's good to hear. I'm glad they're going to call."
    kept = "Please take care of yourself. Goodbye for now, Tom."
    assert "".join(await guarded(kept, step, said="I'm off to bed soon.")) == kept  # they are leaving: it stays
    assert "".join(await guarded(kept, step)).strip() == "Please take care of yourself."


def test_farewells_are_told_from_care() -> None:
    for sentence in ["Let's talk soon.", "Goodbye for now, Tom.", "Take care!", "Talk to you soon!", "See you later!"]:
        assert is_early_goodbye(sentence), sentence
    for sentence in ["Take care of yourself.", "I'm glad we talked.", "Let's talk about it.", "See you at the party?"]:
        assert not is_early_goodbye(sentence), sentence
