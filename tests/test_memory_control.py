"""User control: list, search, show, edit, forget and forget --all — removal checked in every index."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from amity.app import App, build_app, open_database
from amity.cli.memory import memory_app
from amity.config import Config
from amity.errors import InputError, NotFound
from amity.llm.fake import FakeLLM
from amity.memory.control import MemoryControl
from amity.memory.embedders import HashingEmbedder, default_embedder
from amity.memory.facts import Fact
from amity.memory.hybrid import HybridMemoryIndex
from amity.memory.recall import MemoryStage
from amity.profile import ProfileStage
from amity.store.conversations import ConversationStore
from amity.store.db import to_ts
from amity.store.memory_backends import fact_book, memory_index
from amity.store.sqlite_facts import FORGOTTEN_TEXT, SQLiteRedactor
from tests.pg_server import config_on

SCRIPT = [
    ("sam", "Hi, my name is Sam and I live in London."),
    ("sam", "I'm allergic to peanuts."),
    ("sam", "I moved to Lisbon!"),
    ("ana", "I'm allergic to peanuts too, and I live in Porto."),
]


@pytest.fixture(params=["sqlite", "postgres"])
def config(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Config:
    """Every case on SQLite and on PostgreSQL (the CLI reads the database URL from the environment)."""
    return config_on(request, monkeypatch)  # type: ignore[no-any-return]


async def populate(config: Config, embedder: Any) -> tuple[App, MemoryControl, HybridMemoryIndex]:
    db = open_database(config)
    store = ConversationStore(db)
    index = memory_index(db, embedder)
    book = fact_book(db)
    stage = MemoryStage(book, index, conversations=store)
    app = build_app(config, llm=FakeLLM(default="Noted."), db=db, stages=[ProfileStage(store), stage])
    for user, text in SCRIPT:
        async for _ in app.companion.turn(user, text, session_id=f"s-{user}"):
            pass
    turns = store.turns_for_user("sam")
    store.add_summary("sam", "s-sam", "Sam lives in Lisbon and is allergic to peanuts.", to_ts(turns[-1].created_at))
    store.add_summary("ana", "s-ana", "Ana is allergic to peanuts.", to_ts(store.turns_for_user("ana")[-1].created_at))
    return app, MemoryControl(book, index, SQLiteRedactor(db), store), index


def fact(control: MemoryControl, user: str, key: str) -> Fact:
    return next(f for f in control.facts_of(user) if f.key == key)


async def test_forget_a_fact_removes_it_everywhere(config: Config) -> None:
    app, control, index = await populate(config, HashingEmbedder(dim=128))
    allergy = fact(control, "sam", "allergy")
    report = control.forget("sam", allergy.id)
    assert report.verified and report.facts == 1 and report.turns_redacted == 1 and report.summaries == 1
    assert control.facts.store.get(allergy.id) is None
    assert all("peanut" not in h.text for h in index.search("sam", "peanuts allergic", k=10))
    assert all("peanut" not in r.text for r in control.search("sam", "peanuts"))
    assert index.store.bm25("sam", "peanuts allergic", 10) == []  # not even as the next turn's context
    assert all("peanut" not in it.context for it in index.store.items_of("sam"))
    source = app.store.get_turn(allergy.source_turn_id or "")
    assert source.text == FORGOTTEN_TEXT
    assert app.store.latest_summary("sam") is None
    assert [f.key for f in control.facts_of("sam")] == ["name", "location"]  # other facts stay
    assert fact(control, "ana", "allergy").value == "peanuts"  # another user's memory is untouched
    assert app.store.latest_summary("ana") is not None and index.search("ana", "peanuts", k=3)
    with pytest.raises(NotFound):
        control.forget("sam", allergy.id)
    await app.aclose()


async def test_forget_a_changed_fact_forgets_its_history(config: Config) -> None:
    app, control, index = await populate(config, HashingEmbedder(dim=128))
    location = fact(control, "sam", "location")
    assert [h.value for h in control.facts.get(location.id).history] == ["London"]
    report = control.forget("sam", location.id)
    assert report.facts == 2 and report.verified  # Lisbon and London
    assert not [f for f in control.facts_of("sam", include_history=True) if f.key == "location"]
    turns = {t.text for t in app.store.turns_for_user("sam") if t.role == "user"}
    assert turns == {FORGOTTEN_TEXT, "I'm allergic to peanuts."}  # both source turns redacted
    assert [f.key for f in control.facts_of("sam", include_history=True)] == ["name", "allergy"]  # same-turn facts stay
    assert all("Lisbon" not in h.text and "London" not in h.text for h in index.search("sam", "Lisbon London", k=10))
    await app.aclose()


async def test_forget_an_episode_takes_its_facts(config: Config) -> None:
    app, control, _ = await populate(config, HashingEmbedder(dim=128))
    turn = next(t for t in app.store.turns_for_user("sam") if "allergic" in t.text)
    shown = control.show("sam", turn.id)
    assert not isinstance(shown, Fact) and shown.text == turn.text
    report = control.forget("sam", turn.id)
    assert report.verified and report.facts == 1
    assert [f.key for f in control.facts_of("sam")] == ["name", "location"]
    with pytest.raises(NotFound):
        control.show("ana", fact(control, "sam", "name").id)  # other users' ids are invisible
    await app.aclose()


async def test_edit_keeps_history_and_reindexes(config: Config) -> None:
    app, control, index = await populate(config, HashingEmbedder(dim=128))
    location = fact(control, "sam", "location")
    change = control.edit("sam", location.id, "Porto")
    assert fact(control, "sam", "location").value == "Porto"
    assert [h.value for h in control.facts.get(change.fact.id).history] == ["London", "Lisbon"]
    hits = index.search("sam", "Porto", k=5)
    assert hits[0].id == change.fact.id and location.id not in {h.id for h in index.search("sam", "Lisbon", k=10)}
    with pytest.raises(InputError):
        control.edit("sam", location.id, "Faro")  # an old version
    turn = app.store.turns_for_user("sam")[0]
    with pytest.raises(InputError):
        control.edit("sam", turn.id, "x")  # episodes are not editable
    await app.aclose()


async def test_forget_all(config: Config) -> None:
    app, control, index = await populate(config, HashingEmbedder(dim=128))
    assert app.store.get_user("sam").display_name == "Sam"
    report = control.forget_all("sam")
    assert report.verified and report.facts == 4 and report.index_items > 0 and report.turns_redacted == 6
    assert control.facts_of("sam", include_history=True) == [] and index.store.count("sam") == 0
    assert app.store.turns_for_user("sam") == [] and app.store.latest_summary("sam") is None
    assert app.store.get_user("sam").display_name is None
    assert control.facts_of("ana") and index.store.count("ana") > 0  # only this user's
    await app.aclose()


async def test_cli(config: Config) -> None:
    app, _, _ = await populate(config, default_embedder())  # the CLI opens the default index
    await app.aclose()
    runner = CliRunner()

    def run(*args: str) -> Any:
        result = runner.invoke(memory_app, [*args, "--user", "sam", "--json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    listed = run("list")
    assert [f["text"] for f in listed["facts"]] == [
        "Your name is Sam",
        "You are allergic to peanuts",
        "You live in Lisbon",
    ]
    assert len(run("list", "--history")["facts"]) == 4
    loc = listed["facts"][2]
    assert run("show", loc["id"])["history"][0]["value"] == "London"
    assert any(r["id"] == loc["id"] for r in run("search", "where do I live"))
    edited = run("edit", loc["id"], "Braga")
    assert edited["value"] == "Braga" and edited["history"] == []
    gone = run("forget", listed["facts"][1]["id"])
    assert gone["verified"] and gone["facts"] == 1
    assert [f["key"] for f in run("list")["facts"]] == ["name", "location"]
    bad = runner.invoke(memory_app, ["forget", "--user", "sam"])
    assert bad.exit_code != 0
    everything = run("forget", "--all", "--yes")
    assert everything["verified"] and run("list")["facts"] == []
    assert runner.invoke(memory_app, ["reminders", "on", "--user", "ana"]).exit_code == 0
