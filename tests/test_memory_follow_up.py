"""Life events told with a date are kept, and the first talk after one asks how it went - once, and not over the
user's pain (real SQLite, the app's stages, a FakeLLM, a clock the test moves)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from amity.app import App, build_app, open_database
from amity.config import Config
from amity.events import TurnEnd
from amity.llm.fake import FakeLLM
from amity.memory.dates import ReminderPolicy, UpcomingEvent, upcoming
from amity.memory.extraction import extract_rules
from amity.memory.facts import Fact, ReminderLogEntry
from amity.memory.follow_up import PastEvent, follow_up_occurrence
from amity.memory.recall import MemoryStage

FRIDAY = date(2026, 11, 27)


def test_life_events_told_with_a_date_are_kept_as_dated_facts() -> None:
    told = {
        "I start a new job on Monday.": "the first day at the new job",
        "My first day at the bakery is Monday": "the first day at the bakery",
        "I start at the bakery on Monday": "the first day at the bakery",
        "My sister Maya is visiting tomorrow.": "Maya's visit",
        "My mum is coming over on Sunday": "mum's visit",
        "We are moving on the 15th.": "the move",
        "My driving test is next Tuesday.": "the driving test",
        "I have a date on Saturday!": "a date",
        "I start college next week": "the start of college",
        "We'll know more on Thursday when the results come back.": "the results",
        "I got the job!!! I start on Monday": "the first day at the new job",  # the job is in the other sentence
        "I got the job! I start my new role on the 3rd": "the first day at the new job",
    }
    for text, value in told.items():
        events = [d for d in extract_rules(text, FRIDAY) if d.key == "important_date"]
        assert [d.value for d in events] == [value], text
        assert events[0].date_value is not None and events[0].date_value > FRIDAY.isoformat(), text
    for text in [
        "I want to test it on Monday",  # "test" as a verb
        "I had a date on Monday",  # past
        "I'm moving on from this tomorrow",  # moving on, not moving house
        "I start a new job soon",  # no date
        "Do I start a new job on Monday?",
        "I start on Monday",  # start what?
        "I start the diet on Monday",
    ]:
        assert not [d for d in extract_rules(text, FRIDAY) if d.key == "important_date"], text


def build(config: Config, llm: FakeLLM, now: list[datetime]) -> App:
    app = build_app(config, llm=llm, db=open_database(config))
    memory = next(s for s in app.companion.stages if isinstance(s, MemoryStage))
    memory.clock = lambda: now[0]
    return app


async def say(app: App, text: str, session: str, user: str = "dana") -> TurnEnd:
    events = [e async for e in app.companion.turn(user, text, session_id=session)]
    last = events[-1]
    assert isinstance(last, TurnEnd)
    return last


async def test_the_first_talk_after_the_event_asks_how_it_went_once(config: Config) -> None:
    now = [datetime(2026, 11, 27, 18, 0, tzinfo=UTC)]  # Friday
    llm = FakeLLM(default="That sounds exciting.")
    app = build(config, llm, now)
    await say(app, "I start a new job on Monday. It's at a bakery.", "s1")
    memory = next(s for s in app.companion.stages if isinstance(s, MemoryStage))
    (job,) = [f for f in memory.facts.active("dana") if f.key == "important_date"]
    assert job.date_value == "2026-11-30"
    [event] = upcoming([job], FRIDAY, 7)
    assert event.phrase() == "The first day at the new job is in 3 days (Monday 30 November)."
    assert job.describe("user") == "The first day at the new job is on Monday 30 November 2026"
    results = replace(job, value="the results")
    assert results.describe("user") == "The results are on Monday 30 November 2026"  # not "The results is"
    assert upcoming([results], FRIDAY, 7)[0].phrase() == "The results are in 3 days (Monday 30 November)."

    now[0] = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)  # Saturday: still ahead, nothing to ask
    await say(app, "Hi there", "s2")
    assert "How did" not in llm.last_system_prompt and "How has your day been?" in llm.last_system_prompt

    now[0] = datetime(2026, 12, 2, 19, 0, tzinfo=UTC)  # Wednesday
    first = await say(app, "Hey, how are you?", "s3")
    prompt = llm.last_system_prompt
    assert (
        "They are saying hello, and the first day at the new job was on Monday, 2 days ago: greet them like a friend "
        "and ask about it, e.g. \"Hi! I'm good, thanks for asking - it's so good to hear from you. How did the first "
        'day at the new job go?"'
    ) in prompt
    # one line asks; the strategy's own question and the general follow-up line are left out
    assert "They told you about" not in prompt and "Support strategy for this reply" not in prompt
    assert "The first day at the new job was on Monday, 2 days ago" in [m.text for m in first.memories_used]
    await say(app, "Not much is going on.", "s3")
    assert "How did" not in llm.last_system_prompt  # a session's first message only
    await say(app, "Hello again", "s4")
    assert "How did" not in llm.last_system_prompt  # asked once, never again
    await app.aclose()


async def test_no_follow_up_over_pain_and_none_after_the_moment_has_passed(config: Config) -> None:
    now = [datetime(2026, 11, 27, 18, 0, tzinfo=UTC)]
    llm = FakeLLM(default="I'm here.")
    app = build(config, llm, now)
    await say(app, "I start a new job on Monday.", "s1", user="ana")
    await say(app, "My driving test is on Thursday.", "s1", user="ana")  # 3 December
    now[0] = datetime(2026, 12, 2, 19, 0, tzinfo=UTC)
    await say(app, "I feel awful today, everything went wrong.", "s2", user="ana")
    assert "How did" not in llm.last_system_prompt  # their pain comes first
    now[0] = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)
    await say(app, "hi", "s3", user="ana")
    assert "They are saying hello, and the driving test was on Thursday, 2 days ago" in llm.last_system_prompt
    await say(app, "I've been so busy with work stuff.", "s4", user="ana")
    assert (
        "They told you about the first day at the new job, which was on Monday, 5 days ago. If it fits what they say "
        'now, warmly ask how it went, e.g. "How did the first day at the new job go?"; if they bring up something '
        "else, follow them instead."
    ) in llm.last_system_prompt
    await say(app, "I start at the library on 7 December.", "s4", user="ana")
    now[0] = datetime(2026, 12, 20, 9, 0, tzinfo=UTC)  # 13 days later: the moment has passed
    await say(app, "hi", "s5", user="ana")
    assert "How did" not in llm.last_system_prompt
    await app.aclose()


def test_a_follow_up_is_not_counted_as_a_reminder_notice() -> None:
    morning = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    log = [ReminderLogEntry("f1", follow_up_occurrence(date(2026, 11, 30)), morning)]
    event = upcoming_event()
    assert ReminderPolicy().select([event], log, morning.replace(hour=18)) == [event]
    shown = [ReminderLogEntry("f1", "2026-12-04", morning)]
    assert ReminderPolicy().select([event], shown, morning.replace(hour=18)) == []  # one notice a day


def upcoming_event() -> UpcomingEvent:
    when = datetime(2026, 11, 1, tzinfo=UTC)
    fact = Fact("f2", "ana", "Maya", "birthday", "5 December", 0.9, None, "", when, when, date_value="--12-05")
    [event] = upcoming([fact], date(2026, 12, 2), 7)
    return event


def test_the_question_reads_as_a_friend_would_ask_it() -> None:
    when = datetime(2026, 11, 1, tzinfo=UTC)

    def event(key: str, value: str, days_ago: int) -> PastEvent:
        on = date(2026, 12, 2) - timedelta(days=days_ago)
        return PastEvent(Fact("f", "ana", "user", key, value, 0.9, None, "", when, when, on.isoformat()), on, days_ago)

    dentist = event("appointment", "dentist appointment", 1)
    assert (dentist.subject, dentist.question(), dentist.when()) == (
        "their dentist appointment",
        "How did your dentist appointment go?",
        "yesterday",
    )
    assert event("important_date", "a date", 3).question() == "How did the date go?"
    assert event("important_date", "the results", 1).question() == "What did the results say?"
    assert event("important_date", "Maya's visit", 8).when() == "on Tuesday 24 November, 8 days ago"
    assert event("important_date", "wedding", 2).subject == "the wedding"
    assert event("important_date", "the move", 2).guidance(spoken=True) == (
        'If it fits, ask: "How did the move go?" (on Monday, 2 days ago).'
    )
