"""Privacy questions get what is true of this install, never the model's guess."""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.config import Config
from amity.events import TurnEnd
from amity.llm.fake import FakeLLM
from amity.privacy.questions import asks_about_privacy, install_of, privacy_answer


@pytest.mark.parametrize(
    "text",
    [
        "who can see what I tell you?",  # the 1.5B: "Many people can see what you tell them."
        "are you sending my messages to a company?",
        "is this conversation being recorded?",  # "I can't keep track of whether this conversation is being recorded"
        "Are you recording me?",
        "Is this private?",
        "where do you keep my data?",
        "can anyone read our chats?",
    ],
)
def test_privacy_questions_are_found(text: str) -> None:
    assert asks_about_privacy(text) == "en"


@pytest.mark.parametrize(
    "text",
    ["Are you listening?", "who can see this picture?", "Is this safe to eat?", "is this safe?", "I keep a diary"],
)
def test_other_questions_are_not(text: str) -> None:
    assert asks_about_privacy(text) is None


def test_the_answer_is_what_is_true_of_this_install() -> None:
    local = privacy_answer("en", install_of("embedded:qwen2.5-coder-1.5b.gguf", False))
    assert "in Amity's database on this computer" in local and "`amity encrypt`" in local
    assert "your words don't leave it" in local and "no telemetry" in local
    remote = privacy_answer("en", install_of("openai:gpt-4o@https://api.openai.com/v1", True))
    assert "(api.openai.com), so each message is sent there" in remote and "encrypted with your passphrase" in remote
    ollama = privacy_answer("en", install_of("openai:llama3.2@http://127.0.0.1:11434/v1", False))
    assert "your words don't leave it" in ollama  # a model server on this computer
    pg = privacy_answer("en", install_of("embedded:x.gguf", None, "postgresql://amity@db.example.org/amity"))
    assert "PostgreSQL database at db.example.org" in pg and "encrypt" not in pg
    german = privacy_answer("de", install_of("embedded:x.gguf", False))
    assert german.startswith("Ehrlich gesagt: Ich speichere unsere Gespräche")
    assert asks_about_privacy("Wird das gespeichert?") == "de"


async def test_asked_in_conversation_the_model_is_not_asked(config: Config) -> None:
    llm = FakeLLM(default="Many people can see what you tell them.")
    app = build_app(config, llm=llm, db=open_database(config))
    events = [e async for e in app.companion.turn("ivy", "who can see what I tell you?")]
    end = events[-1]
    assert isinstance(end, TurnEnd)
    assert "in Amity's database on this computer" in end.reply and "Many people" not in end.reply
    assert llm.calls == []
    await app.aclose()
