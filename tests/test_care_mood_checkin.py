"""Mood check-ins asked for and answered in conversation land in the same log as `amity mood`."""

from __future__ import annotations

import pytest

from amity.care.mood_checkin import QUESTION, acknowledgement, asks_for_check_in, rating, rating_in_passing
from amity.care.proactive import configure
from amity.engine import Companion
from amity.events import Notice, TurnEnd
from amity.llm.fake import FakeLLM
from amity.store.care_store import CareStore
from amity.store.conversations import ConversationStore
from amity.store.db import Database


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4", (4, "")),
        ("maybe a 4, tired", (4, "tired")),
        ("like 6/10", (6, "")),
        ("7 out of 10 - busy but fine", (7, "busy but fine")),
        ("honestly 3. everything is a mess", (3, "everything is a mess")),
        ("solid 8", (8, "")),
        ("45", None),
        ("I slept 4 hours", None),
        ("4 hours", None),
        ("my day was ok", None),
    ],
)
def test_a_rating_answer(text: str, expected: tuple[int, str] | None) -> None:
    assert rating(text) == expected


def test_asking_for_a_check_in_and_a_rating_in_passing() -> None:
    assert asks_for_check_in("can we do a mood check-in?") and asks_for_check_in("check in with me")
    assert asks_for_check_in("let me rate my mood") and not asks_for_check_in("I checked in at the hotel")
    assert rating_in_passing("my mood is like a 3/10 today") == 3
    assert rating_in_passing("my mood is better") is None
    assert "hard day" in acknowledgement(3, "tired") and '("tired")' in acknowledgement(3, "tired")
    assert "glad" in acknowledgement(8, "")


@pytest.fixture
def companion(care_companion: tuple[Companion, FakeLLM, Database]) -> tuple[Companion, FakeLLM, Database]:
    return care_companion


async def reply(comp: Companion, text: str, session: str | None = "s1") -> str:
    events = [e async for e in comp.turn("ana", text, session_id=session)]
    end = events[-1]
    assert isinstance(end, TurnEnd)
    return end.reply


async def test_asked_in_words_answered_with_a_number_and_kept(
    companion: tuple[Companion, FakeLLM, Database],
) -> None:
    comp, llm, db = companion
    assert await reply(comp, "can we do a mood check-in?") == QUESTION
    answer = await reply(comp, "maybe a 4, tired")
    assert answer == acknowledgement(4, "tired") and llm.calls == []
    (entry,) = CareStore(db).moods("ana")
    assert (entry.score, entry.words) == (4, "tired")
    assert await reply(comp, "5") == "I'm here with you."  # no question pending: just conversation
    await reply(comp, "honestly my mood is like a 3/10 today")
    assert "They rated their mood 3/10" in llm.last_system_prompt
    assert [m.score for m in CareStore(db).moods("ana")] == [4, 3]


async def test_the_proactive_invitation_is_answered_by_the_first_message(
    companion: tuple[Companion, FakeLLM, Database],
) -> None:
    comp, _llm, db = companion
    ConversationStore(db).ensure_user("ana")
    configure(CareStore(db), "ana", enabled=True, quiet_start=0, quiet_end=0)
    notices = [e async for e in comp.open("ana") if isinstance(e, Notice)]
    assert [n.kind for n in notices] == ["check_in"]
    assert (await reply(comp, "6", None)).startswith("Thanks for checking in - I've noted 6/10.")
    assert [m.score for m in CareStore(db).moods("ana")] == [6]
