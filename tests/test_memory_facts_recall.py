"""Recall in conversation: a scripted conversation over three sessions, with restarts in between.

The app is rebuilt from the same database file for every session (a restart). Checked: names, dates,
places, allergies and a changed fact (latest value wins, old one in history) are recalled into the
prompt and ``memories_used``; "what do you know about me?" is answered from facts with sources; an
opted-in reminder appears when a session opens; fact changes are announced as ``MemoryChanged``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

from amity.app import App, build_app
from amity.config import Config
from amity.events import Event, MemoryChanged, Notice, TurnEnd
from amity.llm.fake import FakeLLM
from amity.memory.embedders import HashingEmbedder
from amity.memory.facts import FactBook
from amity.memory.hybrid import open_memory_index
from amity.memory.recall import SPOKEN_QUOTE_WORDS, MemoryStage, densest_run
from amity.profile import ProfileStage
from amity.stages import BaseStage, TurnContext
from amity.store.conversations import ConversationStore
from amity.store.db import Database
from amity.store.schema import all_migrations
from amity.store.sqlite_facts import SQLiteFactStore

CLOCK = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)  # a Thursday


def start(config: Config, llm: FakeLLM) -> tuple[App, MemoryStage]:
    """A fresh process: open the database, the index and the stages, as the app does."""
    db = Database(config.db_path, all_migrations())
    store = ConversationStore(db)
    stage = MemoryStage(
        FactBook(SQLiteFactStore(db)),
        open_memory_index(db, HashingEmbedder(dim=256)),
        conversations=store,
        clock=lambda: CLOCK,
    )
    return build_app(config, llm=llm, db=db, stages=[ProfileStage(store), stage]), stage


async def say(app: App, text: str, session: str) -> list[Event]:
    return [e async for e in app.companion.turn("sam", text, session_id=session)]


def end(events: Sequence[Event]) -> TurnEnd:
    last = events[-1]
    assert isinstance(last, TurnEnd)
    return last


async def test_conversation_over_sessions_with_restarts(config: Config) -> None:
    llm = FakeLLM(default="That's lovely to hear.")
    app, _ = start(config, llm)
    events = await say(app, "Hi! My name is Sam. I live in London and I work as a nurse.", "s1")
    changed = {e.text for e in events if isinstance(e, MemoryChanged) and e.kind == "fact"}
    assert changed == {"Your name is Sam", "You live in London", "You work as nurse"}
    await say(app, "I'm allergic to peanuts.", "s1")
    await say(app, "My sister Maya's birthday is on 29 November.", "s1")
    await app.aclose()

    app, _ = start(config, llm)  # restart
    events = await say(app, "Big news: I moved to Lisbon last month!", "s2")
    updated = [e for e in events if isinstance(e, MemoryChanged) and e.action == "updated"]
    assert [e.text for e in updated] == ["You live in Lisbon"]
    await say(app, "I have a dentist appointment next Friday.", "s2")
    await say(app, "Please remind me about birthdays.", "s2")
    await app.aclose()

    app, stage = start(config, llm)  # restart
    opened = [e async for e in app.companion.open("sam", "s3")]
    assert [e.text for e in opened if isinstance(e, Notice) and e.kind == "reminder"] == [
        "Just a heads-up: Maya's birthday is in 3 days (Sunday 29 November)."
    ]
    where = end(await say(app, "Where do I live these days?", "s3"))
    facts_used = [m.text for m in where.memories_used if m.kind == "fact"]
    assert "The user lives in Lisbon" in facts_used and not any("London" in t for t in facts_used)
    assert "The user lives in Lisbon" in llm.last_system_prompt
    assert "The user is allergic to peanuts" in llm.last_system_prompt  # identity facts travel along
    snack = end(await say(app, "Can you suggest a snack for my trip?", "s3"))
    assert "The user is allergic to peanuts" in [m.text for m in snack.memories_used]
    bday = end(await say(app, "What should I get Maya for her birthday?", "s3"))
    assert "Maya's birthday is on 29 November" in [m.text for m in bday.memories_used]
    assert {m.to_dict()["kind"] for m in bday.memories_used} <= {"fact", "episode"}

    calls = len(llm.calls)
    allergy = next(f for f in stage.facts.active("sam") if "peanuts" in f.value)
    told = allergy.created_at  # the turn's own time (the real clock), not the memory stage's CLOCK
    about = end(await say(app, "What do you know about me?", "s3"))
    assert len(llm.calls) == calls  # answered from stored facts, not by the model
    reply = about.reply
    for expected in (
        "Your name is Sam",
        "You live in Lisbon",
        "Before that: London.",
        "You are allergic to peanuts",
        f'you told me on {told.day} {told:%B %Y}: "I\'m allergic to peanuts."',
        "Maya is your sister",
        "Maya's birthday is on 29 November",
        "You have your dentist appointment on Friday 4 December 2026",
        "amity memory forget",
    ):
        assert expected in reply, expected
    assert {m.kind for m in about.memories_used} == {"fact"} and len(about.memories_used) == 7

    upcoming = end(await say(app, "What's coming up?", "s3"))
    assert "Maya's birthday is in 3 days" in upcoming.reply and "dentist appointment" in upcoming.reply
    history = stage.facts.get(next(f.id for f in stage.facts.active("sam") if f.key == "location"))
    assert [h.value for h in history.history] == ["London"] and history.value == "Lisbon"
    assert app.store.get_user("sam").display_name == "Sam"
    await app.aclose()


async def test_honest_summary_when_nothing_is_known(config: Config) -> None:
    app, _ = start(config, FakeLLM())
    reply = end(await say(app, "what do you remember about me?", "s1")).reply
    assert reply.startswith("Honestly, I don't know much about you yet")
    await app.aclose()


async def test_episodes_are_recalled_and_turns_in_the_prompt_skipped(config: Config) -> None:
    llm = FakeLLM(default="I see.")
    app, stage = start(replace(config, history_tokens=150), llm)  # the window holds the last ~8 turns
    await say(app, "The hardest part of the week was the long meeting with my manager about the budget.", "s1")
    for i in range(9):
        await say(app, f"Filler message number {i} about the weather.", "s1")
    recalled = end(await say(app, "Remember the budget meeting with my manager?", "s1"))
    episodes = [m for m in recalled.memories_used if m.kind == "episode"]
    assert episodes and "budget" in episodes[0].text and episodes[0].text.startswith("The user said on")
    fresh = end(await say(app, "The weather again, filler number 8?", "s1"))
    assert all("Filler message number 8" not in m.text for m in fresh.memories_used)  # still in the prompt
    assert stage.token_budget >= sum(len(m.text) / 3.5 + 3 for m in recalled.memories_used)
    await app.aclose()


async def test_reminders_can_be_switched_off_in_conversation(config: Config) -> None:
    app, stage = start(config, FakeLLM())
    await say(app, "Please remind me about birthdays.", "s1")
    assert stage.facts.store.reminders_enabled("sam")
    await say(app, "Stop reminding me about dates, please.", "s1")
    assert not stage.facts.store.reminders_enabled("sam")
    await app.aclose()


class _Override(BaseStage):
    async def before_reply(self, ctx: TurnContext) -> None:
        ctx.reply_override = "Deterministic answer from an earlier stage."


async def test_an_earlier_deterministic_reply_is_left_alone(config: Config) -> None:
    app, stage = start(config, FakeLLM())
    app.companion.stages.insert(0, _Override())
    turn = end(await say(app, "What do you know about me? My name is Sam.", "s1"))
    assert turn.reply == "Deterministic answer from an earlier stage." and turn.memories_used == ()
    assert [f.value for f in stage.facts.active("sam")] == ["Sam"]  # still learned from the message
    await app.aclose()


async def test_a_turn_the_prompt_still_shows_is_not_repeated_as_a_memory(config: Config) -> None:
    llm = FakeLLM(default="I see.")
    app, _ = start(config, llm)  # history_tokens 1400: all 22 turns below stay in the prompt's window
    await say(app, "The hardest part of the week was the long meeting with my manager about the budget.", "s1")
    for i in range(10):
        await say(app, f"Filler message number {i} about the weather.", "s1")
    recalled = end(await say(app, "Remember the budget meeting with my manager?", "s1"))
    assert not [m for m in recalled.memories_used if m.kind == "episode" and "budget" in m.text]
    prompt = next(m for m, _ in reversed(llm.calls) if m[-1].content.startswith("Remember the budget"))
    assert sum("long meeting with my manager" in m.content for m in prompt) == 1  # in the history, once
    await app.aclose()


async def test_a_spoken_turn_gets_a_short_quote_that_fits_its_late_message(config: Config) -> None:
    llm = FakeLLM(default="I see.")
    app, _ = start(replace(config, history_tokens=150), llm)
    long_turn = (
        "The hardest part of the week was when the long meeting with my manager about the budget "
        "for next year went on until late in the evening and nobody had eaten"
    )
    await say(app, long_turn, "s1")
    for i in range(9):
        await say(app, f"Filler message number {i} about the weather.", "s1")
    events = [e async for e in app.companion.turn("sam", "Remember the budget meeting?", session_id="s1", spoken=True)]
    episodes = [m for m in end(events).memories_used if m.kind == "episode"]
    assert episodes and episodes[0].text.startswith("User, ")
    quote = episodes[0].text.split(': "', 1)[1].rstrip('"')
    assert "budget" in quote and quote.startswith("… ") and len(quote.split()) <= SPOKEN_QUOTE_WORDS + 2
    reply_call = next(m for m, _ in reversed(llm.calls) if m[-1].content == "Remember the budget meeting?")
    late = reply_call[-2]
    assert late.role == "system" and episodes[0].text in late.content  # it fits the 45-token spoken budget
    await app.aclose()


def test_densest_run_keeps_the_words_around_the_question() -> None:
    text = "On Monday I went to the market and then I finally signed up for a pottery class with Ana downtown"
    run = densest_run(text, "Which pottery class did she take?", 8)
    assert run == "… I finally signed up for a pottery class …"  # the first window holding both words
    assert densest_run("Short and whole.", "anything", 8) == "Short and whole."


async def test_a_fact_is_not_repeated_to_the_model_while_the_user_is_saying_it_again(config: Config) -> None:
    """In the voice benchmark "My sister is visiting tomorrow…" came back each round, and the fact stored from it
    the first time ("sister's visit is on…") was added to the spoken prompt: 18 more tokens waited for, nothing
    the user's own words did not already say."""
    llm = FakeLLM(default="That sounds lovely.")
    app, _ = start(config, llm)
    told = "My sister is visiting tomorrow and I am a bit nervous about it."
    await say(app, told, "s1")
    again = end(await say(app, told, "s2"))
    assert not [m for m in again.memories_used if "visit" in m.text]
    later = end(await say(app, "What could I cook for my sister's visit?", "s2"))
    assert [m.text for m in later.memories_used if m.kind == "fact"] == ["Sister's visit is on Friday 27 November 2026"]
    await app.aclose()
