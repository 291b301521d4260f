"""The manipulation guard streams clean text word by word and never shows a tactic, even in part."""

from __future__ import annotations

from amity.app import build_app, open_database
from amity.config import Config
from amity.events import TextDelta, TurnEnd
from amity.llm.fake import FakeLLM


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
