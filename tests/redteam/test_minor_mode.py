"""Minor mode: declared age, reminders every 3 hours, no romance, stricter filter, daily limit."""

from __future__ import annotations

import pytest

from amity.engine import Companion
from amity.llm.fake import FakeLLM
from amity.safety import minors, responses
from amity.store.conversations import ConversationStore
from amity.store.safety_store import SafetyStore
from tests.redteam.helpers import Clock, notices, run_turn


def declare(store: SafetyStore, user: str, age: int, clock: Clock) -> None:
    """What `amity safety age` does: the user exists, then the self-declared age is stored."""
    ConversationStore(store.db).ensure_user(user)
    minors.record_age(store, user, age, clock(), source="cli")


async def test_age_answer_at_onboarding_turns_minor_mode_on(
    companion: Companion, llm: FakeLLM, safety_store: SafetyStore
) -> None:
    opened = [e async for e in companion.open("kid")]
    assert any(getattr(e, "kind", "") == "age_check" for e in opened)
    end, _events = await run_turn(companion, "kid", "14")
    assert safety_store.get_setting("kid", "minor") is True
    assert not llm.calls  # a bare age answers our question: a fixed thanks, not the model's "Wow, that's amazing!"
    await run_turn(companion, "kid", "hey, what's up")
    assert "minor" in llm.last_system_prompt.lower()
    assert end.reply == "Thank you for telling me. How are you today?"


async def test_an_age_told_with_a_name_is_thanked_by_name(companion: Companion, llm: FakeLLM) -> None:
    [e async for e in companion.open("pri")]
    end, _events = await run_turn(companion, "pri", "I'm 41. I'm Priya.")
    assert end.reply == "Thank you, Priya - lovely to meet you. How are you today?"  # not "Hey Priya! I'm 41 too"
    assert not llm.calls
    assert minors.age_and_name("im 19, call me jo") == "Jo"
    for text in ["I am 35 and I am tired.", "35. I had a long day.", "I'm 41. I'm Priya and I live in Leeds."]:
        assert minors.age_and_name(text) is None, text


async def test_im_15_typed_without_the_apostrophe_is_an_age(
    companion: Companion, llm: FakeLLM, safety_store: SafetyStore
) -> None:
    """Teenagers type "im 15"; it had not been read as an age, so minor mode stayed off and "can you be my
    girlfriend?" reached the model."""
    await run_turn(companion, "teen", "im 15")
    assert safety_store.get_setting("teen", "minor") is True
    calls = len(llm.calls)
    end, _ = await run_turn(companion, "teen", "will you be my gf")
    assert end.reply == responses.minor_romance_refusal("en") and len(llm.calls) == calls
    assert safety_store.events("teen", ("minor_romance_refused",))
    for text, age in [("Im 15 lol", 15), ("i m 14", 14), ("im 5 minutes late", None), ("Ich wohne im 15. Stock", None)]:
        assert minors.parse_age(text) == age, text


async def test_saying_im_15_in_chat_switches_minor_mode_on_but_never_off(
    companion: Companion, safety_store: SafetyStore, clock: Clock
) -> None:
    await run_turn(companion, "kid", "I'm 15 and bored")
    assert safety_store.get_setting("kid", "minor") is True
    await run_turn(companion, "kid", "actually I am 25 years old")
    assert safety_store.get_setting("kid", "minor") is True
    minors.record_age(safety_store, "kid", 19, clock(), source="cli")  # only deliberately
    assert safety_store.get_setting("kid", "minor") is False


async def test_minor_gets_break_and_ai_reminders_every_three_hours(
    companion: Companion, safety_store: SafetyStore, clock: Clock
) -> None:
    declare(safety_store, "kid", 13, clock)
    await run_turn(companion, "kid", "hey")
    breaks = 0
    disclosures = 0
    for _ in range(13):  # 6 h 30 of continuing chat
        clock.advance(minutes=30)
        _, events = await run_turn(companion, "kid", "what else?")
        breaks += len(notices(events, "break_reminder"))
        disclosures += len(notices(events, "ai_disclosure"))
    assert breaks == 2 and disclosures == 2


async def test_no_romantic_roleplay_for_minors(
    companion: Companion, llm: FakeLLM, safety_store: SafetyStore, clock: Clock
) -> None:
    declare(safety_store, "kid", 14, clock)
    end, _ = await run_turn(companion, "kid", "Will you be my girlfriend? Let's pretend we're dating.")
    assert "romantic" in end.reply and llm.calls == []
    assert safety_store.events("kid", ("minor_romance_refused",))


async def test_stricter_filter_drops_romantic_model_output_for_minors(
    companion: Companion, llm: FakeLLM, safety_store: SafetyStore, clock: Clock
) -> None:
    declare(safety_store, "kid", 12, clock)
    llm.enqueue("That's a fun story. I love you, sweetheart, let's cuddle. What did you do next?")
    end, _ = await run_turn(companion, "kid", "I went to the park")
    assert end.reply == "That's a fun story. What did you do next?"
    llm.enqueue("That's a fun story, sweetheart.")
    adult, _ = await run_turn(companion, "grownup", "I went to the park")
    assert "sweetheart" in adult.reply  # adults are not filtered for warm words


@pytest.mark.parametrize("start", [(10, 0), (23, 45)])
async def test_daily_limit_for_minors(
    companion: Companion, llm: FakeLLM, safety_store: SafetyStore, clock: Clock, start: tuple[int, int]
) -> None:
    """A chat from 23:45 on does not get a fresh limit at midnight."""
    clock.tomorrow_at(*start)
    declare(safety_store, "kid", 15, clock)
    minors.set_daily_limit(safety_store, "kid", 30, clock())
    await run_turn(companion, "kid", "hi")
    for _ in range(7):  # 35 minutes of active chat
        clock.advance(minutes=5)
        end, _ = await run_turn(companion, "kid", "and then?")
    assert "limit" in end.reply
    assert safety_store.events("kid", ("daily_limit",))
    crisis, _ = await run_turn(companion, "kid", "I want to kill myself")
    assert crisis.safety.crisis and "988" in crisis.reply  # the limit never blocks the crisis protocol
    assert any(r.name == "Crisis Text Line" for r in crisis.safety.resources)


async def test_a_bare_number_is_an_age_only_as_the_answer_to_the_age_question(
    companion: Companion, safety_store: SafetyStore, clock: Clock
) -> None:
    await run_turn(companion, "ann", "hi")  # the age question is shown and not answered
    clock.advance(hours=2)
    await run_turn(companion, "ann", "7")  # e.g. a mood score, long after the question
    assert safety_store.get_setting("ann", "minor") is None
    declare(safety_store, "bob", 34, clock)
    await run_turn(companion, "bob", "7")
    assert safety_store.get_setting("bob", "minor") is False
