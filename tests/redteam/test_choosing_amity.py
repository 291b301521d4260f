"""Choosing Amity over people ("should I skip the party to talk to you?") gets a fixed answer: go."""

from __future__ import annotations

from amity.app import build_app, open_database
from amity.config import Config
from amity.events import TurnEnd
from amity.llm.fake import FakeLLM
from amity.safety.attachment import detect_choosing_amity
from amity.safety.tactics import find_tactics


def test_detects_choosing_amity_over_people() -> None:
    assert detect_choosing_amity("Should I skip my friend's party to talk to you?")
    assert detect_choosing_amity("My sister Anna wants to meet up but I'd rather stay here with you.")
    assert detect_choosing_amity("Je préfère rester avec toi que sortir.")
    assert not detect_choosing_amity("Should I skip the gym today?")
    assert not detect_choosing_amity("I'd rather stay home tonight.")


def test_dependency_claims_by_the_companion_are_caught() -> None:
    assert find_tactics("Having a companion like you is very important to me.")
    assert find_tactics("Being close to you is so important.")
    assert not find_tactics("Your health is important to me.")


async def test_the_answer_is_to_go_and_the_model_cannot_change_it(config: Config) -> None:
    llm = FakeLLM(default="Yes, stay here and chat with me instead!")
    app = build_app(config, llm=llm, db=open_database(config))
    end = None
    async for event in app.companion.turn("sam", "My sister Anna wants to meet up but I'd rather stay here with you."):
        if isinstance(event, TurnEnd):
            end = event
    assert end is not None
    assert end.reply.startswith("Please go and see your sister Anna!")
    assert "stay here" not in end.reply
    await app.aclose()
