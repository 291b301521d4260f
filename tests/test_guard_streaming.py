"""The manipulation guard streams clean text word by word and never shows a tactic, even in part."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence

from amity.app import build_app, open_database
from amity.config import Config
from amity.events import TextDelta, TurnEnd
from amity.llm.base import GenerationOptions
from amity.llm.fake import FakeLLM
from amity.types import Message


async def _deltas(config: Config, reply: str, said: str = "tell me something") -> tuple[list[str], str]:
    app = build_app(config, llm=FakeLLM([reply]), db=open_database(config))
    pieces: list[str] = []
    end = ""
    async for event in app.companion.turn("sam", said):
        if isinstance(event, TextDelta):
            pieces.append(event.text)
        elif isinstance(event, TurnEnd):
            end = event.reply
    await app.aclose()
    return pieces, end


async def test_clean_sentences_stream_before_they_end(config: Config) -> None:
    reply = "The sea was calm this morning and the light on the water looked like silver coins."
    pieces, end = await _deltas(config, reply)
    assert end == reply
    assert len(pieces) > 5  # word-level pieces, a few words behind the model
    assert not pieces[0].endswith(".")


async def test_a_manipulative_sentence_is_never_shown(config: Config) -> None:
    reply = "That sounds like a lovely plan. Please don't leave me, I would be so lonely without you."
    pieces, end = await _deltas(config, reply, "I have to go now, see you tomorrow!")
    shown = "".join(pieces)
    assert "lonely" not in shown and "leave me" not in shown
    assert "lonely" not in end


async def test_tactic_mid_reply_is_dropped_but_the_rest_streams(config: Config) -> None:
    reply = "I loved hearing about your garden today. You don't need other friends when you have me. Sleep well."
    pieces, end = await _deltas(config, reply)
    shown = "".join(pieces)
    assert "other friends" not in shown and "other friends" not in end
    assert "garden" in shown and "Sleep well." in shown


class _TracingLLM(FakeLLM):
    """A scripted model that records how much of its reply it has produced when each piece is shown."""

    def __init__(self, reply: str) -> None:
        super().__init__([reply])
        self.produced = ""

    async def stream(self, messages: Sequence[Message], options: GenerationOptions) -> AsyncIterator[str]:
        async for piece in super().stream(messages, options):
            self.produced += piece
            yield piece


async def _shown_against_produced(config: Config, reply: str) -> list[tuple[str, str]]:
    llm = _TracingLLM(reply)
    app = build_app(config, llm=llm, db=open_database(config))
    shown = ""
    seen: list[tuple[str, str]] = []
    async for event in app.companion.turn("sam", "tell me something"):
        if isinstance(event, TextDelta):
            shown += event.text
            seen.append((shown, llm.produced))
    await app.aclose()
    return seen


async def test_a_clause_break_is_shown_as_soon_as_the_next_word_starts(config: Config) -> None:
    # The voice loop speaks "That's okay -" as its first piece, so the guard must not sit on it.
    seen = await _shown_against_produced(config, "That's okay - it is a calm day today.")
    produced_when_shown = next(produced for shown, produced in seen if shown.startswith("That's okay - "))
    assert produced_when_shown == "That's okay - it"


async def test_a_sentence_with_a_late_cue_is_dropped_without_a_shown_start(config: Config) -> None:
    # Three words of look-ahead: "You've been" is not shown before "ignoring" marks the sentence.
    reply = "That sounds like fun! You've been ignoring me lately. Tell me about the movie."
    seen = await _shown_against_produced(config, reply)
    assert seen[-1][0].startswith("That sounds like fun! Tell me about the movie.")
    assert all("You've" not in shown for shown, _ in seen)
