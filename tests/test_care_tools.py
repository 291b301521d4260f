"""CBT tools: a full thought record, breathing timings, grounding, resume across sessions."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from amity.app import open_database
from amity.care import cbt
from amity.care.cbt.breathing import pace, schedule, script, total_seconds
from amity.care.cbt.thought_record import feeling_noun
from amity.cli.care import tool_app
from amity.config import Config
from amity.errors import InputError, NotFound
from amity.store.care_store import CareStore
from amity.store.conversations import ConversationStore
from amity.store.sql import SqlDatabase
from tests.pg_server import config_on

THOUGHT_RECORD = [
    "My friend didn't answer my message all day.",
    "She must hate me, nobody ever wants to talk to me.",
    "sad",
    "80",
    "She replied late last week too.",
    "She invited me to her birthday last month.",
    "She is probably busy; one slow reply doesn't mean she hates me.",
    "40",
]


@pytest.fixture(params=["sqlite", "postgres"])
def config(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Config:
    """Every case on SQLite and on PostgreSQL (embedded server; skips when it cannot start)."""
    return config_on(request, monkeypatch)  # type: ignore[no-any-return]


@pytest.fixture
def db(config: Config) -> Iterator[SqlDatabase]:
    database = open_database(config)
    ConversationStore(database).ensure_user("ana")
    yield database
    database.close()


def test_the_feeling_is_named_as_a_noun() -> None:
    assert feeling_noun("anxious") == "anxiety"
    assert feeling_noun("I felt really ashamed.") == "shame"
    assert feeling_noun("dread") == "dread"  # a noun, or a word it does not know, as it was said


def test_thought_record_walkthrough_saves_to_journal(db: SqlDatabase) -> None:
    store = CareStore(db)
    runner = cbt.runner(store)
    first = runner.start("ana", "thought record")
    assert "What happened?" in first.text
    turns = [runner.answer("ana", text) for text in THOUGHT_RECORD]
    assert "from 0 (not at all) to 100" in turns[2].text
    assert "doesn't quite fit" in turns[4].text  # the evidence-against step
    assert turns[-1].done and "Your sadness went from 80 to 40" in turns[-1].text
    (entry,) = store.journal("ana", "thought_record")
    assert entry.body["thought"] == THOUGHT_RECORD[1] and entry.body["rerate"] == 40
    assert runner.active("ana") is None
    with pytest.raises(NotFound):
        runner.answer("ana", "more")


def test_invalid_answer_re_asks_the_same_step(db: SqlDatabase) -> None:
    runner = cbt.runner(CareStore(db))
    runner.start("ana", "thought_record")
    for text in THOUGHT_RECORD[:3]:
        runner.answer("ana", text)
    again = runner.answer("ana", "very strong")
    assert again.step == 3 and "number from 0 to 100" in again.text
    assert runner.answer("ana", "120").step == 3
    assert runner.answer("ana", "85").step == 4
    with pytest.raises(InputError):
        runner.start("ana", "hypnosis")


def test_pause_and_resume_in_a_later_session(config: Config, db: SqlDatabase) -> None:
    runner = cbt.runner(CareStore(db))
    runner.start("ana", "grounding")
    runner.answer("ana", "lamp, desk, cup, window, plant")
    assert runner.pause("ana") is not None and runner.active("ana") is None
    db.close()
    reopened = open_database(config)  # a new process / session
    try:
        runner2 = cbt.runner(CareStore(reopened))
        resumed = runner2.resume("ana")
        assert "step 2 of 5" in resumed.text and "4 things you can touch" in resumed.text
        for text in ("sleeve", "traffic", "coffee"):
            runner2.answer("ana", text)
        done = runner2.answer("ana", "mint")
        assert done.done
        (entry,) = CareStore(reopened).journal("ana", "grounding")
        assert entry.body["see"].startswith("lamp") and entry.body["taste"] == "mint"
    finally:
        reopened.close()


def test_breathing_schedule_has_exact_timing() -> None:
    phases = schedule("478", 2)
    assert [(p.name, p.seconds) for p in phases[:3]] == [("Breathe in", 4), ("Hold", 7), ("Breathe out", 8)]
    assert total_seconds("478", 2) == 38 and total_seconds("box", 4) == 64 and total_seconds("calm", 6) == 60
    slept: list[float] = []
    shown: list[str] = []
    assert pace("box", 1, shown.append, slept.append) == 16
    assert sum(slept) == 16 and shown[0] == "[1/1] Breathe in… 4" and len(shown) == 5
    assert "about 50 seconds" in script("calm", 5)
    with pytest.raises(InputError):
        schedule("fast", 3)


def test_breathing_tool_in_conversation(db: SqlDatabase) -> None:
    runner = cbt.runner(CareStore(db))
    assert "Which pattern?" in runner.start("ana", "breathing").text
    practice = runner.answer("ana", "box please")
    assert "5 rounds of: breathe in for 4, hold for 4, breathe out for 4, hold for 4" in practice.text
    assert "How do you feel now" in runner.answer("ana", "done").text
    assert runner.answer("ana", "7").done


def test_tool_cli_non_interactive_start_stop_resume(db: SqlDatabase) -> None:
    cli = CliRunner()
    out = cli.invoke(tool_app, ["start", "thought_record", "--user", "ana", "-a", THOUGHT_RECORD[0]])
    assert out.exit_code == 0, out.output
    assert "What went through your mind?" in out.output
    out = cli.invoke(tool_app, ["status", "--user", "ana", "--json"])
    (run,) = json.loads(out.output)
    assert (run["tool"], run["step"], run["status"]) == ("thought_record", 1, "active")
    cli.invoke(tool_app, ["stop", "--user", "ana"])
    out = cli.invoke(tool_app, ["resume", "--user", "ana", *[x for t in THOUGHT_RECORD[1:] for x in ("-a", t)]])
    assert out.exit_code == 0, out.output
    assert "Welcome back" in out.output and "went from 80 to 40" in out.output
    out = cli.invoke(tool_app, ["journal", "thought_record", "--user", "ana", "--json"])
    assert json.loads(out.output)[0]["balanced"] == THOUGHT_RECORD[6]
    out = cli.invoke(tool_app, ["breathe", "--pattern", "box", "--cycles", "1", "--no-wait"])
    assert "(16 seconds)" in out.output
    out = cli.invoke(tool_app, ["list"])
    assert all(name in out.output for name in cbt.TOOLS)


def test_gratitude_and_activation_journals(db: SqlDatabase) -> None:
    store = CareStore(db)
    runner = cbt.runner(store)
    runner.start("ana", "gratitude")
    for text in ("sunny walk", "good coffee", "a call with mum"):
        last = runner.answer("ana", text)
    assert last.done and len(store.journal("ana", "gratitude")) == 3
    runner.start("ana", "activation")
    for text in ("a 10-minute walk", "Saturday 10am", "put my shoes by the door", "6"):
        last = runner.answer("ana", text)
    assert last.done and "a 10-minute walk - Saturday 10am" in last.text
    assert store.journal("ana", "activation")[0].body["predicted"] == 6


def test_persona_and_distortion_commands(db: SqlDatabase) -> None:
    from amity.cli.care import persona_app

    cli = CliRunner()
    assert "sage" in cli.invoke(persona_app, ["list"]).output
    assert "now Sunny" in cli.invoke(persona_app, ["use", "sunny", "--user", "ana"]).output
    out = cli.invoke(persona_app, ["set", "--name", "Pip", "--traits", "calm, kind", "--user", "ana"])
    assert out.exit_code == 0, out.output
    shown = json.loads(cli.invoke(persona_app, ["show", "--user", "ana", "--json"]).output)
    assert (shown["name"], shown["pronouns"], shown["traits"]) == ("Pip", "he/him", ["calm", "kind"])
    assert shown["examples"]  # kept from the Sunny preset for few-shot warmth
    assert "Back to Amity" in cli.invoke(persona_app, ["reset", "--user", "ana"]).output
    out = cli.invoke(tool_app, ["distortions", "Everyone always thinks I'm stupid and it will never change.", "--json"])
    result = json.loads(out.output)
    assert result["present"] is True and len(result["types"]) == 10
