"""Deaths the user tells about are remembered, come back in conversation, and silence that person's birthday."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from amity.app import App
from amity.config import Config
from amity.events import Event, Notice
from amity.llm.fake import FakeLLM
from amity.memory.dates import upcoming
from amity.memory.extraction import extract_rules
from amity.memory.facts import Fact
from amity.memory.follow_up import due_follow_up
from amity.memory.losses import when_it_happened
from tests.test_memory_facts_recall import end, say, start

TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
ROSA = Fact("f_1", "sam", "Rosa", "relation", "grandma", 0.9, None, "", NOW, NOW)


def deaths(text: str, known: tuple[Fact, ...] = ()) -> list[tuple[str, str]]:
    return [(d.subject, d.value) for d in extract_rules(text, TODAY, known) if d.key == "died"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My grandma passed away last year.", [("the user's grandma", "passed away in 2025")]),
        ("I lost my dad in March.", [("the user's dad", "passed away in March 2026")]),
        ("my dad died in december", [("the user's dad", "passed away in December 2025")]),  # the last December
        ("Our dog Biscuit died yesterday.", [("Biscuit", "passed away on 26 November 2026")]),
        ("My mom passed two years ago.", [("the user's mom", "passed away in 2024")]),
        ("I lost my mum three months ago and I miss her.", [("the user's mum", "passed away in August 2026")]),
        ("My best friend Tom passed away in 2019.", [("Tom", "passed away in 2019")]),
        ("My grandpa died when I was 12.", [("the user's grandpa", "passed away")]),
        ("Last week, my grandma passed away and it's hard.", [("the user's grandma", "passed away in November 2026")]),
        ("My wife Margaret passed in March.", [("Margaret", "passed away in March 2026")]),
        ("My dad passed a few weeks back.", [("the user's dad", "passed away in November 2026")]),
        ("My husband passed on Tuesday.", [("the user's husband", "passed away")]),
    ],
)
def test_a_death_is_kept_with_a_calendar_time(text: str, expected: list[tuple[str, str]]) -> None:
    assert deaths(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "My phone died.",
        "My grandma almost died.",
        "I lost my dog.",  # it may come back
        "My dad passed the exam.",
        "My son passed his driving test in March.",
        "Did my grandma die?",
        "My grandma didn't die, she's fine.",
    ],
)
def test_no_death_is_read_into_other_words(text: str) -> None:
    assert deaths(text) == []


def test_a_known_name_is_the_subject() -> None:
    assert deaths("My grandma passed away last year.", (ROSA,)) == [("Rosa", "passed away in 2025")]


def test_past_times_resolve_against_the_day_they_are_told() -> None:
    assert when_it_happened("last month", TODAY) == " in October 2026"
    assert when_it_happened("a week ago", TODAY) == " in November 2026"
    assert when_it_happened("nothing", TODAY) == ""


def test_the_birthday_of_someone_who_died_is_never_announced() -> None:
    birthday = Fact("f_2", "sam", "Rosa", "birthday", "29 November", 0.9, None, "", NOW, NOW, date_value="--11-29")
    died = Fact("f_3", "sam", "Rosa", "died", "passed away in 2025", 0.9, None, "", NOW, NOW)
    assert [e.fact.id for e in upcoming([ROSA, birthday], TODAY)] == ["f_2"]
    assert upcoming([ROSA, birthday, died], TODAY) == []
    assert died.describe() == "Rosa passed away in 2025"
    unnamed = Fact("f_4", "sam", "the user's dad", "died", "passed away in March 2026", 0.9, None, "", NOW, NOW)
    assert unnamed.describe() == "Your dad passed away in March 2026"
    assert unnamed.describe("user") == "The user's dad passed away in March 2026"


async def test_the_loss_comes_back_when_the_person_is_mentioned_and_no_birthday_reminder(config: Config) -> None:
    llm = FakeLLM(default="I'm so sorry.")
    app, _ = start(config, llm)
    await say(app, "My grandma Rosa's birthday is on 29 November.", "s1")
    await say(app, "Please remind me about birthdays.", "s1")
    await say(app, "My grandma passed away last year.", "s1")
    await app.aclose()

    app, _ = start(config, llm)  # restart: three days before the birthday
    opened = [e async for e in app.companion.open("sam", "s2")]
    assert not [e for e in opened if isinstance(e, Notice) and e.kind == "reminder"]
    later = end(await say(app, "I keep thinking about my grandma.", "s2"))
    used = [m.text for m in later.memories_used if m.kind == "fact"]
    assert "Rosa passed away in 2025" in used
    assert "Rosa passed away in 2025" in llm.last_system_prompt
    await say(app, "I lost my dad in March.", "s2")
    dad = end(await say(app, "My dad used to love this song.", "s2"))
    assert "The user's dad passed away in March 2026" in [m.text for m in dad.memories_used]
    await app.aclose()


async def test_a_hello_after_a_recent_loss_is_met_gently_and_no_follow_up_is_asked(config: Config) -> None:
    from amity.app import build_app, open_database
    from amity.memory.facts import FactDraft
    from amity.store.memory_backends import fact_book

    llm = FakeLLM()
    app = build_app(config, llm=llm, db=open_database(config))
    user = app.store.ensure_user("ana", "en").id
    book = fact_book(app.db)
    now = datetime.now(UTC)
    book.record(user, FactDraft("died", "passed away in 2025", "the user's grandpa"), at=now - timedelta(days=40))
    end(await collect(app, "hi", "s1"))
    assert "How has your day been?" in llm.last_system_prompt  # a loss told 40 days ago: an ordinary hello
    assert "holding up" not in llm.last_system_prompt

    test_day = (now - timedelta(days=2)).date().isoformat()
    book.record(user, FactDraft("important_date", "the driving test", date_value=test_day))
    day = (now - timedelta(days=3)).date()
    grandma = FactDraft("died", f"passed away on {day.day} {day:%B} {day.year}", "the user's grandma")
    book.record(user, grandma, at=now - timedelta(days=3))
    end(await collect(app, "hi", "s2"))
    prompt = llm.last_system_prompt
    assert "they told you 3 days ago that their grandma died" in prompt and "How are you holding up?" in prompt
    assert "How has your day been?" not in prompt and "driving test" not in prompt  # no cheerful question now
    assert f"The user's grandma passed away on {day.day} {day:%B} {day.year}" in prompt
    due = due_follow_up(book.store, user, book.active(user), now)
    assert due is not None and due.fact.value == "the driving test"  # still to ask, another time
    await app.aclose()


async def collect(app: App, text: str, session: str) -> list[Event]:
    return [e async for e in app.companion.turn("ana", text, session_id=session)]


def test_a_model_cannot_declare_someone_dead() -> None:
    from amity.memory.llm_facts import KEYS, validate_item

    assert "died" not in KEYS  # the JSON schema the model fills
    item = {"subject": "phone", "key": "died", "value": "died"}
    assert validate_item(item, "My phone died.", TODAY) is None


def test_only_a_loss_that_happened_lately_makes_the_next_hellos_gentle() -> None:
    from amity.memory.losses import happened_lately, recent_death

    assert happened_lately("passed away", TODAY)  # no time said: people tell of a recent loss like that
    assert happened_lately("passed away on 26 November 2026", TODAY)
    assert happened_lately("passed away in October 2026", TODAY)
    assert not happened_lately("passed away on 1 September 2026", TODAY)
    assert not happened_lately("passed away in 2024", TODAY)  # "My husband died two years ago", told today
    tom = Fact("f_9", "sam", "Tom", "died", "passed away in 2024", 0.9, None, "", NOW, NOW)
    assert recent_death([tom], NOW) is None
