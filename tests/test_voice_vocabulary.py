"""The names Amity knows, given to speech recognition as a hint: collected from facts, passed on every
utterance (spoken and speculative), and harmless when it cannot be read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from amity.app import App
from amity.errors import StoreError
from amity.llm.fake import FakeLLM
from amity.memory.facts import FactDraft
from amity.store.memory_backends import fact_book
from amity.voice.pipeline import VoicePipeline
from amity.voice.vocabulary import names_hint, spoken_names
from amity.voice.wavio import STT_RATE
from tests.test_voice_units import FakeSTT, ToneTTS, voiced


def test_names_come_from_subjects_and_name_like_values_newest_first(app: App) -> None:
    book = fact_book(app.db)
    user = app.store.ensure_user("ana", "en").id
    start = datetime(2026, 11, 1, tzinfo=UTC)
    drafts = [
        FactDraft("name", "Ana"),
        FactDraft("relation", "sister", subject="Maya"),
        FactDraft("relation", "dog", subject="Biscuit"),
        FactDraft("location", "Wroclaw"),
        FactDraft("important_date", "Tomasz's visit", date_value="2026-12-01"),
        FactDraft("likes", "Italian food"),  # not a name-bearing key: "Italian" is no name to expect
        FactDraft("job", "Nurse"),
    ]
    for i, draft in enumerate(drafts):
        book.record(user, draft, at=start + timedelta(days=i))
    hint = spoken_names(book.active(user), ["Sage"])
    assert hint == "Sage, Tomasz, Wroclaw, Biscuit, Maya, Ana."
    assert names_hint(app.db)(user) == "Amity, Tomasz, Wroclaw, Biscuit, Maya, Ana."  # the default persona
    book.record(user, FactDraft("location", "Lisbon"), at=start + timedelta(days=9))  # moved: the old city goes
    assert "Wroclaw" not in names_hint(app.db)(user) and "Lisbon" in names_hint(app.db)(user)
    assert spoken_names([]) == ""


async def test_the_pipeline_gives_the_hint_to_every_transcription(app: App, fake_llm: FakeLLM) -> None:
    fake_llm.enqueue("Tell me about Maya.")
    user = app.store.ensure_user("ana", "en").id
    fact_book(app.db).record(user, FactDraft("relation", "sister", subject="Maya"))
    stt = FakeSTT("I miss Maya.")
    pipeline = VoicePipeline(app.companion, stt, ToneTTS(), hint=names_hint(app.db))
    utterance = voiced(0.8)
    pipeline.speculate(utterance, STT_RATE, user)
    assert await pipeline.speculated() == "I miss Maya."
    [event async for event in pipeline.respond(user, voiced(0.9), STT_RATE)]
    assert stt.hints == ["Amity, Maya.", "Amity, Maya."]  # the guess and the turn's own transcription


async def test_a_hint_that_cannot_be_read_costs_nothing_but_the_hint(app: App, fake_llm: FakeLLM) -> None:
    def broken(user_id: str) -> str:
        raise StoreError("the database is locked", "Close the other Amity window.")

    stt = FakeSTT("hello")
    pipeline = VoicePipeline(app.companion, stt, ToneTTS(), hint=broken)
    events = [event async for event in pipeline.respond("ana", voiced(0.8), STT_RATE)]
    assert events and stt.hints == [""]
