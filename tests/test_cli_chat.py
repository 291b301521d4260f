"""The interactive chat loop, driven by a scripted reader: replies, slash commands, and cache warming
while the user types (the next prompt's stable prefix reaches the model between turns)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from amity.app import build_app, open_database
from amity.cli.chat import _chat
from amity.config import Config
from amity.llm.fake import FakeLLM


def reader(lines: list[str]) -> Callable[[str], str]:
    def read(_prompt: str) -> str:
        if not lines:
            raise EOFError
        return lines.pop(0)

    return read


async def test_chat_answers_and_warms_the_cache_between_turns(
    config: Config, capsys: pytest.CaptureFixture[str]
) -> None:
    llm = FakeLLM()
    llm.enqueue("Hello Sam, nice to meet you.")
    llm.enqueue("I'm doing well, thank you.")
    app = build_app(config, llm=llm, db=open_database(config), stages=[])
    await _chat(app, "sam", None, read=reader(["Hi, I'm Sam.", "/help", "", "How are you?", "/quit"]))
    out = capsys.readouterr().out
    assert "Hello Sam, nice to meet you." in out and "I'm doing well, thank you." in out
    assert "/new" in out  # the help text
    assert len(llm.calls) == 2
    assert llm.prefills, "the prompt cache was not warmed between the turns"
    second_prompt = [m.content for m in llm.calls[1][0]]
    warmed = [m.content for m in llm.prefills[0]]
    assert second_prompt[: len(warmed)] == warmed  # the next prompt starts with exactly the warmed prefix
    assert "Take care" in out
    await app.aclose()
