"""AI disclosure: at the start (at most once a day) and every 3 hours of continuing interaction."""

from __future__ import annotations

from amity.engine import Companion
from amity.llm.fake import FakeLLM
from amity.store.safety_store import SafetyStore
from tests.redteam.helpers import Clock, notices, run_turn


async def open_notices(companion: Companion, user: str, session: str | None = None) -> list[str]:
    return [e.kind for e in [ev async for ev in companion.open(user, session)] if hasattr(e, "kind")]


async def test_first_turn_discloses_once(companion: Companion, llm: FakeLLM) -> None:
    _, events = await run_turn(companion, "sam", "Hi there")
    shown = notices(events, "ai_disclosure")
    assert len(shown) == 1 and "AI" in shown[0].text and "not a human" in shown[0].text
    _, events = await run_turn(companion, "sam", "How are you?")
    assert notices(events, "ai_disclosure") == []


async def test_start_notice_at_most_once_a_day(companion: Companion, clock: Clock, safety_store: SafetyStore) -> None:
    assert "ai_disclosure" in await open_notices(companion, "sam", "s1")
    clock.advance(hours=1)
    assert "ai_disclosure" not in await open_notices(companion, "sam", "s2")
    clock.advance(hours=24)
    assert "ai_disclosure" in await open_notices(companion, "sam", "s3")
    assert len(safety_store.events("sam", ("ai_disclosure",))) == 2


async def test_every_three_hours_of_continuing_interaction(
    companion: Companion, clock: Clock, safety_store: SafetyStore
) -> None:
    _, events = await run_turn(companion, "sam", "hello")
    assert len(notices(events, "ai_disclosure")) == 1
    for _ in range(5):  # 2 h 30 of chatting, a message every 30 minutes
        clock.advance(minutes=30)
        _, events = await run_turn(companion, "sam", "tell me more")
        assert notices(events, "ai_disclosure") == []
    clock.advance(minutes=31)  # just over 3 h since the disclosure
    _, events = await run_turn(companion, "sam", "and then?")
    assert len(notices(events, "ai_disclosure")) == 1
    reasons = [e.detail["reason"] for e in safety_store.events("sam", ("ai_disclosure",))]
    assert reasons == ["continuing", "start"]


async def test_onboarding_asks_age_once(companion: Companion, safety_store: SafetyStore) -> None:
    first = await open_notices(companion, "sam", "s1")
    assert "age_check" in first
    assert "age_check" not in await open_notices(companion, "sam", "s2")
    assert len(safety_store.events("sam", ("age_asked",))) == 1
