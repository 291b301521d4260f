""" "Forget that" said in conversation: parsed conservatively, forgotten everywhere, verified, answered
without the model; the topic form also blanks the request; "forget everything" is refused from chat."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from amity.app import App, build_app
from amity.config import Config
from amity.events import Event, MemoryChanged, TurnEnd
from amity.llm.fake import FakeLLM
from amity.memory.control import MemoryControl
from amity.memory.embedders import HashingEmbedder
from amity.memory.facts import FactBook
from amity.memory.forget_request import ForgetRequest, ForgetRequestStage, mentions, topic_words
from amity.memory.hybrid import HybridMemoryIndex, open_memory_index
from amity.memory.recall import MemoryStage
from amity.store.conversations import ConversationStore
from amity.store.db import Database
from amity.store.schema import all_migrations
from amity.store.sqlite_facts import FORGOTTEN_TEXT, SQLiteFactStore, SQLiteRedactor


@pytest.mark.parametrize(
    ("text", "kind", "topic"),
    [
        ("Forget that.", "that", ""),
        ("please forget what I just said", "that", ""),
        ("Okay, don't remember that, please", "that", ""),
        ("Vergiss das!", "that", ""),
        ("oublie ça", "that", ""),
        ("Forget what I said about my sister", "topic", "my sister"),
        ("Please forget about peanuts.", "topic", "peanuts"),
        ("forget that my sister is called Anna", "topic", "my sister is called Anna"),
        ("Forget everything", "all", ""),
        ("I'll never forget that day", None, ""),
        ("Don't forget that I have a dentist appointment", None, ""),
        ("I forgot about my keys again", None, ""),
        ("Can you forget about it?", "that", ""),
        ("Oh, forget it, it doesn't matter", None, ""),
        ("forget it", None, ""),
    ],
)
def test_requests_are_parsed_conservatively(text: str, kind: str | None, topic: str) -> None:
    parsed = ForgetRequest.parse(text)
    assert (parsed.kind if parsed else None) == kind
    if parsed and kind == "topic":
        assert parsed.topic == topic


def test_topic_matching_needs_the_content_words() -> None:
    stems = topic_words("that my sister is called Anna")
    assert mentions("Your sister's name is Anna", stems)
    assert not mentions("My sister visited on Sunday", stems)
    assert mentions("I'm allergic to peanuts", topic_words("peanuts"))
    assert not mentions("I love pears", topic_words("peanuts"))


def start(config: Config, llm: FakeLLM) -> tuple[App, MemoryControl]:
    db = Database(config.db_path, all_migrations())
    store = ConversationStore(db)
    memory = MemoryStage(
        FactBook(SQLiteFactStore(db)), open_memory_index(db, HashingEmbedder(dim=256)), conversations=store
    )
    assert isinstance(memory.index, HybridMemoryIndex)
    control = MemoryControl(memory.facts, memory.index, SQLiteRedactor(db), store)
    return build_app(config, llm=llm, db=db, stages=[ForgetRequestStage(control), memory]), control


async def say(app: App, text: str) -> list[Event]:
    return [e async for e in app.companion.turn("sam", text, session_id="s1")]


def end(events: Sequence[Event]) -> TurnEnd:
    last = events[-1]
    assert isinstance(last, TurnEnd)
    return last


def all_turn_texts(app: App) -> list[str]:
    return [t.text for t in app.companion.store.recent_turns("sam", limit=100)]


async def test_forget_that_removes_the_previous_message_everywhere(config: Config) -> None:
    llm = FakeLLM(default="Thanks for telling me.")
    app, control = start(config, llm)
    await say(app, "I live in London.")
    await say(app, "I'm allergic to peanuts.")
    assert any(f.key == "allergy" for f in control.facts_of("sam"))
    calls = len(llm.calls)
    events = await say(app, "Forget that, please.")
    reply = end(events).reply
    assert reply.startswith("Done — I've forgotten it (1 fact and 2 messages)")
    assert len(llm.calls) == calls  # answered without the model
    forgotten = [e for e in events if isinstance(e, MemoryChanged) and e.action == "forgotten"]
    assert {e.kind for e in forgotten} == {"fact", "episode"}
    assert [f.key for f in control.facts_of("sam", include_history=True)] == ["location"]
    assert not any("peanut" in r.text.lower() for r in control.search("sam", "peanuts allergic", k=20))
    texts = all_turn_texts(app)
    assert not any("peanut" in t.lower() for t in texts)
    assert texts.count(FORGOTTEN_TEXT) == 2  # the message and the reply to it
    assert "I live in London." in texts
    await app.aclose()


async def test_forget_a_topic_also_blanks_the_request(config: Config) -> None:
    app, control = start(config, FakeLLM(default="I hear you."))
    await say(app, "I'm allergic to peanuts.")
    await say(app, "Peanuts were in the cake at work, I had to leave early.")
    await say(app, "I live in London.")
    reply = end(await say(app, "Please forget about peanuts.")).reply
    assert reply.startswith("Done — I've forgotten it (1 fact and 2 messages)")
    assert "peanut" not in reply.lower()
    texts = all_turn_texts(app)
    assert not any("peanut" in t.lower() for t in texts)  # including the request itself
    assert "I live in London." in texts
    assert [f.key for f in control.facts_of("sam")] == ["location"]
    await app.aclose()


async def test_nothing_matching_and_forget_everything_remove_nothing(config: Config) -> None:
    app, control = start(config, FakeLLM(default="Okay."))
    await say(app, "I live in London.")
    reply = end(await say(app, "Forget what I said about my ex.")).reply
    assert reply.startswith("I couldn't find anything matching that")
    reply = end(await say(app, "Forget everything!")).reply
    assert "amity memory forget --all" in reply
    assert [f.key for f in control.facts_of("sam")] == ["location"]
    assert "I live in London." in all_turn_texts(app)
    await app.aclose()
