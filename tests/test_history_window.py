"""The history window moves in steps: between two summaries the prompt only grows at its end, so a prompt
cache (llama.cpp's, vLLM's prefix caching) keeps everything but the new turn. Real stages and SQLite store,
a scripted FakeLLM."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from itertools import pairwise

from amity.app import App, build_app, open_database
from amity.config import Config
from amity.errors import BackendUnavailable
from amity.llm.fake import FakeLLM
from amity.prompt import estimate_tokens, usable_summary
from amity.types import Message, Turn

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
TOPICS = ["the lake", "my sister Lena", "work", "the garden", "a film I saw", "my cat Miso", "cooking", "sleep"]
SUMMARY_MARK = "You summarise conversations"


def _is_summary_call(messages: Sequence[Message]) -> bool:
    return SUMMARY_MARK in messages[0].content


def _stable(messages: Sequence[Message]) -> list[Message]:
    """The prompt without its per-turn end (the late system message, if any, and the user's words)."""
    per_turn = 2 if len(messages) >= 2 and messages[-2].role == "system" else 1
    return list(messages[:-per_turn])


def _history(messages: Sequence[Message]) -> list[Message]:
    """The history turns of a prompt: after the summary, else after the persona's few-shot examples."""
    stable = _stable(messages)
    summary = [i for i, m in enumerate(stable) if m.content.startswith("Earlier in your conversations")]
    start = summary[0] + 1 if summary else 1
    while start < len(stable) and not stable[start].content.startswith("Message "):
        start += 1  # the few-shot examples
    return stable[start:]


async def _talk(app: App, turns: int, user: str = "sam") -> None:
    for i in range(turns):
        text = f"Message {i}: I keep thinking about {TOPICS[i % len(TOPICS)]} and how the week went for me."
        async for _ in app.companion.turn(user, text):
            pass


def _replies(summary: str | Exception) -> FakeLLM:
    def respond(messages: Sequence[Message]) -> str | Exception:  # type: ignore[return]
        if _is_summary_call(messages):
            return summary
        return "That sounds like a lot. How did it feel for you?"

    return FakeLLM(default=respond)  # type: ignore[arg-type]


async def test_prompt_prefix_only_breaks_when_a_summary_moves_the_window(config: Config) -> None:
    llm = _replies("Sam talked about the lake, Lena, work and the garden.")
    small = Config(history_tokens=300)
    app = build_app(small, llm=llm, db=open_database(config))
    await _talk(app, 30)

    chat_calls = [m for m, _ in llm.calls if not _is_summary_call(m)]
    summary_at = [i for i, (m, _) in enumerate(llm.calls) if _is_summary_call(m)]
    assert len(summary_at) >= 2  # the window stepped more than once in 30 turns
    breaks = 0
    for before, after in pairwise(chat_calls):
        previous = _stable(before)
        if _stable(after)[: len(previous)] != previous:
            breaks += 1
    assert breaks == len(summary_at)  # one cache break per summary, none in between
    for messages in chat_calls:
        history = _history(messages)
        assert sum(estimate_tokens(m.content) + 4 for m in history) <= 300
    # right after each step the window opens with the user's words and holds about half the budget
    for index in summary_at:
        following = next(m for m, _ in llm.calls[index + 1 :] if not _is_summary_call(m))
        history = _history(following)
        assert history[0].role == "user"
        assert sum(estimate_tokens(m.content) + 4 for m in history) <= 150 + 80  # kept half + the last exchange
        assert any(m.content.startswith("Earlier in your conversations (summary): Sam talked") for m in following)
    await app.aclose()


async def test_the_old_sliding_window_serves_while_the_summary_fails(config: Config) -> None:
    llm = _replies(BackendUnavailable("The model server is not answering.", "Start it again."))
    app = build_app(Config(history_tokens=300), llm=llm, db=open_database(config))
    await _talk(app, 16)
    assert app.store.latest_summary("sam") is None  # every summary attempt failed; no turn was lost
    assert len(app.store.recent_turns("sam", limit=100)) == 32
    last = [m for m, _ in llm.calls if not _is_summary_call(m)][-1]
    history = _history(last)
    assert 0 < sum(estimate_tokens(m.content) + 4 for m in history) <= 300
    assert history[-1].role == "assistant" and "Message 14" in history[-2].content  # the newest turns fit

    llm.default = _replies("Sam talked about many small things.").default  # the model is back
    await _talk(app, 1)
    summary = app.store.latest_summary("sam")
    assert summary is not None and summary[0] == "Sam talked about many small things."
    await _talk(app, 1)
    newest = [m for m, _ in llm.calls if not _is_summary_call(m)][-1]
    assert sum(estimate_tokens(m.content) + 4 for m in _history(newest)) <= 150 + 80
    await app.aclose()


async def test_the_window_survives_a_restart_and_warm_matches_it(config: Config) -> None:
    llm = _replies("Sam talked about the lake and work.")
    db = open_database(config)
    app = build_app(Config(history_tokens=300), llm=llm, db=db)
    await _talk(app, 14)
    assert app.store.latest_summary("sam") is not None
    assert await app.companion.warm("sam")
    warmed = llm.prefills[-1]
    await app.aclose()

    again = build_app(Config(history_tokens=300), llm=llm, db=open_database(config))  # a new process
    async for _ in again.companion.turn("sam", "Hello again, it's me."):
        pass
    prompt = [m for m, _ in llm.calls if not _is_summary_call(m)][-1]
    assert _stable(prompt) == warmed  # the window's start lives in the database, not in the process
    await again.aclose()


def test_usable_summary_rejects_copied_dialogue() -> None:
    turns = [
        Turn("t1", "u", "s", 1, "user", "Hi, I'm Maya. I just got home from a long shift at the hospital.", NOW),
        Turn("t2", "u", "s", 2, "assistant", "Hi Maya! How was your shift? Tell me about it.", NOW),
    ]
    good = "Maya, a nurse, came home tired from a long hospital shift and talked about her week."
    assert usable_summary(good, turns)
    assert not usable_summary("User: Hi, I'm Maya.\nCompanion: Hi Maya!", turns)  # dialogue lines
    assert not usable_summary("Hi, I'm Maya. I just got home from a long shift at the hospital.", turns)  # a copy
    assert not usable_summary("Ok.", turns)


async def test_a_copied_transcript_is_not_stored_and_the_older_half_is_tried(config: Config) -> None:
    calls: list[int] = []

    def respond(messages: Sequence[Message]) -> str:
        if not _is_summary_call(messages):
            return "That sounds like a lot. How did it feel for you?"
        transcript = messages[-1].content.split("<<<\n", 1)[1].split("\n>>>", 1)[0]
        calls.append(transcript.count("\n") + 1)
        if len(calls) == 1:
            return transcript  # the failure seen with the 1.5B model: the dialogue, copied
        return "Sam talked about the lake, his sister Lena and work."

    llm = FakeLLM(default=respond)
    app = build_app(Config(history_tokens=300), llm=llm, db=open_database(config))
    await _talk(app, 12)
    assert len(calls) >= 2 and calls[1] == calls[0] // 2  # retried with the older half of the turns
    summary = app.store.latest_summary("sam")
    assert summary is not None and summary[0] == "Sam talked about the lake, his sister Lena and work."
    await app.aclose()
