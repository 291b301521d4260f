"""'What do you remember about Margaret?' is answered from what the user told, never invented."""

from __future__ import annotations

from datetime import UTC, datetime

from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.memory.about_person import person_answer, person_asked
from amity.memory.facts import Fact
from tests.test_memory_facts_recall import end, say, start

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def fact(subject: str, key: str, value: str, quote: str = "") -> Fact:
    return Fact(f"f_{subject}_{key}", "sam", subject, key, value, 0.9, None, quote, NOW, NOW)


WIFE = fact("Margaret", "relation", "wife", "My wife Margaret passed in March.")
DIED = fact("Margaret", "died", "passed away in March 2026", "My wife Margaret passed in March.")
SISTER = fact("the user's sister", "relation", "sister")  # no name told: says nothing
SISTER_BIRTHDAY = fact("the user's sister", "birthday", "3 March", "My sister's birthday is on 3 March.")


def test_the_person_asked_about_is_found_by_name_or_relation() -> None:
    facts = [WIFE, DIED]
    assert person_asked("What do you remember about Margaret?", facts) == "Margaret"
    assert person_asked("what do you know about my wife?", facts) == "Margaret"  # resolved to her name
    assert person_asked("What have I told you about my sister?", facts) == "the user's sister"
    assert person_asked("Tell me everything you remember about Tom.", facts) == "Tom"
    assert person_asked("What do you know about me?", facts) is None  # the user: the sourced summary
    assert person_asked("What do you know about cooking?", facts) is None
    assert person_asked("I remember Margaret's laugh.", facts) is None


def test_the_answer_keeps_to_what_was_told_in_the_past_tense_for_the_dead() -> None:
    said = [
        ("Margaret always did the cooking.", datetime(2026, 11, 20, tzinfo=UTC)),
        ("My wife Margaret passed in March. The house is so quiet now.", NOW),  # holds a fact's words already
    ]
    answer = person_answer("Margaret", [WIFE, DIED, SISTER], said)
    assert answer.splitlines() == [
        "Here's what you've told me about Margaret:",
        '- Margaret was your wife (you told me on 27 Nov: "My wife Margaret passed in March.").',
        "- Margaret passed away in March 2026.",  # the same words are not quoted twice
        '- On 20 Nov you said: "Margaret always did the cooking."',
        "That's all I know - I'd be glad to hear more about her whenever you'd like.",
    ]
    living = person_answer("the user's sister", [SISTER, SISTER_BIRTHDAY]).splitlines()
    assert living[0] == "Here's what you've told me about your sister:"
    assert living[1].startswith("- Your sister's birthday is on") and len(living) == 3
    assert living[2] == "That's what I know so far. Tell me more about her any time, and I'll remember it."


async def test_asked_in_conversation_the_model_is_not_asked_to_remember(config: Config) -> None:
    llm = FakeLLM(default="I'm so sorry.")
    app, _ = start(config, llm)
    await say(app, "My wife Margaret passed in March. The house is so quiet now.", "s1")
    await say(app, "Margaret loved her garden, especially the roses.", "s1")
    calls = len(llm.calls)
    app, _ = start(config, llm)  # a restart
    turn = end(await say(app, "What do you remember about Margaret?", "s2"))
    assert len(llm.calls) == calls  # answered from memory, nothing invented
    assert "Margaret was your wife" in turn.reply and "passed away in March 2026" in turn.reply
    assert 'you said: "Margaret loved her garden, especially the roses."' in turn.reply
    assert "What do you remember" not in turn.reply
    assert {m.text for m in turn.memories_used} >= {"Margaret is the user's wife", "Margaret passed away in March 2026"}
    about_tom = end(await say(app, "What do you know about Tom?", "s2"))  # never told: the model answers
    assert len(llm.calls) == calls + 1 and about_tom.reply == "I'm so sorry."
