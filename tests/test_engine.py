"""The async core: events, durability, names across restarts, context window and summaries."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence

import pytest

from amity.app import App, build_app, open_database
from amity.config import Config
from amity.errors import BackendUnavailable, InputError, NotFound
from amity.events import Event, Notice, TextDelta, TurnEnd
from amity.llm.fake import FakeLLM
from amity.stages import BaseStage, OpenContext, TurnContext
from amity.types import Message


async def collect(app: App, user: str, text: str, **kw: object) -> list[Event]:
    return [e async for e in app.companion.turn(user, text, **kw)]  # type: ignore[arg-type]


async def test_turn_streams_deltas_then_ends(app: App, fake_llm: FakeLLM) -> None:
    fake_llm.enqueue("Hello there, nice to meet you.")
    events = await collect(app, "sam", "Hi!")
    deltas = [e for e in events if isinstance(e, TextDelta)]
    assert len(deltas) >= 2  # streamed in pieces, not as one block
    assert "".join(d.text for d in deltas) == "Hello there, nice to meet you."
    end = events[-1]
    assert isinstance(end, TurnEnd)
    assert end.reply == "Hello there, nice to meet you."
    assert end.turn == 1 and end.user == "sam"
    assert end.timings_ms["first_token"] <= end.timings_ms["total"]
    data = end.to_json()
    assert set(data) == {
        "reply",
        "user",
        "session",
        "turn",
        "affect",
        "safety",
        "memories_used",
        "strategy",
        "timings_ms",
    }
    assert data["safety"] == {"crisis": False, "flags": [], "resources": []}
    turns = app.store.turns_for_user("sam")
    assert [(t.role, t.text) for t in turns] == [
        ("user", "Hi!"),
        ("assistant", "Hello there, nice to meet you."),
    ]


async def test_user_message_is_stored_before_the_model_fails(app: App, fake_llm: FakeLLM) -> None:
    fake_llm.enqueue(BackendUnavailable("server down", "start it"))
    with pytest.raises(BackendUnavailable):
        await collect(app, "sam", "Please remember this sentence.")
    turns = app.store.turns_for_user("sam")
    assert [(t.role, t.text) for t in turns] == [("user", "Please remember this sentence.")]


async def test_empty_and_huge_messages_are_rejected(app: App) -> None:
    with pytest.raises(InputError):
        await collect(app, "sam", "   ")
    with pytest.raises(InputError):
        await collect(app, "sam", "x" * 9000)
    with pytest.raises(InputError):
        await collect(app, "bad user id", "hi")
    assert app.store.list_users() == []


async def test_name_and_conversation_survive_a_restart(config: Config) -> None:
    first = build_app(config, llm=FakeLLM(["Lovely to meet you, Sam!"]), db=open_database(config))
    await collect(first, "u1", "Hi, my name is Sam and I love hiking.")
    await first.aclose()

    llm = FakeLLM(["Of course I remember you, Sam."])
    second = build_app(config, llm=llm, db=open_database(config))
    end = (await collect(second, "u1", "Do you remember me?"))[-1]
    assert isinstance(end, TurnEnd) and end.turn == 2
    messages, _ = llm.calls[-1]
    assert "You are talking with Sam" in messages[0].content
    said = [m.content for m in messages if m.role == "user"]
    assert "Hi, my name is Sam and I love hiking." in said
    spoken = [m.role for m in messages if m.role != "system"]
    assert spoken[-3:] == ["user", "assistant", "user"]
    assert messages[-1].role == "user" and messages[-1].content == "Do you remember me?"
    await second.aclose()


async def test_history_is_trimmed_and_old_turns_summarised(config: Config) -> None:
    def respond(messages: Sequence[Message]) -> str:
        if "You summarise conversations" in messages[0].content:
            return "Sam talked about many small things."
        return "I see. Tell me more about that please."

    llm = FakeLLM(default=respond)
    small = Config(history_tokens=120, summarise_after=4)
    app = build_app(small, llm=llm, db=open_database(config))
    for i in range(14):
        await collect(app, "sam", f"This is message number {i} about my day at the lake.")
    assert app.store.latest_summary("sam") is not None
    messages, _ = llm.calls[-1]
    if "You summarise conversations" in messages[0].content:
        messages, _ = llm.calls[-2]
    assert any("Sam talked about many small things." in m.content for m in messages if m.role == "system")
    kept = [m for m in messages if "This is message number" in m.content]
    assert 0 < len(kept) < 14  # the window holds only the recent turns
    await app.aclose()


class _Override(BaseStage):
    async def on_open(self, ctx: OpenContext) -> None:
        ctx.emit(Notice("ai_disclosure", "You are talking to an AI."))

    async def before_reply(self, ctx: TurnContext) -> None:
        if "override" in ctx.text:
            ctx.reply_override = "A fixed, reviewed answer."
        ctx.guide("Be brief.")


async def test_stages_can_answer_deterministically_and_guide(config: Config) -> None:
    llm = FakeLLM()
    app = build_app(config, llm=llm, db=open_database(config), stages=[_Override()])
    events = await collect(app, "sam", "please override")
    assert isinstance(events[0], Notice)
    end = events[-1]
    assert isinstance(end, TurnEnd) and end.reply == "A fixed, reviewed answer."
    assert llm.calls == []
    await collect(app, "sam", "normal message")
    assert "Be brief." in llm.last_system_prompt
    opened = [e async for e in app.companion.open("sam")]
    assert [type(e) for e in opened] == [Notice]
    await app.aclose()


class _Shout:
    def guard(self, ctx: TurnContext, pieces: AsyncIterator[str]) -> AsyncIterator[str]:
        async def run() -> AsyncIterator[str]:
            async for piece in pieces:
                yield piece.upper()

        return run()


async def test_reply_guards_wrap_the_stream(config: Config) -> None:
    app = build_app(config, llm=FakeLLM(["quiet words"]), db=open_database(config))
    app.companion.guards.append(_Shout())
    end = (await collect(app, "sam", "hi"))[-1]
    assert isinstance(end, TurnEnd) and end.reply == "QUIET WORDS"
    await app.aclose()


async def test_sessions_are_per_user(app: App, fake_llm: FakeLLM) -> None:
    e1 = (await collect(app, "a", "hello"))[-1]
    assert isinstance(e1, TurnEnd)
    with pytest.raises(NotFound):
        await collect(app, "b", "hello", session_id=e1.session)
    e2 = (await collect(app, "a", "again", session_id=e1.session))[-1]
    assert isinstance(e2, TurnEnd) and e2.session == e1.session and e2.turn == 2


async def test_empty_model_reply_gets_a_gentle_fallback(app: App, fake_llm: FakeLLM) -> None:
    fake_llm.enqueue("")
    end = (await collect(app, "sam", "hello?"))[-1]
    assert isinstance(end, TurnEnd) and end.reply.startswith("I'm here")


def test_names_are_recognised_but_not_feelings() -> None:
    from amity.profile import extract_name

    assert extract_name("I'm Theo") == "Theo"
    assert extract_name("Hi, my name is sam and I like tea") == "Sam"
    assert extract_name("call me Jo please") == "Jo"
    assert extract_name("Je m'appelle Amélie") == "Amélie"
    assert extract_name("I'm tired") is None
    assert extract_name("I'm so happy today") is None
    assert extract_name("this traffic is killing me") is None


class _Opening(BaseStage):
    async def on_open(self, ctx: OpenContext) -> None:
        ctx.emit(Notice("greeting", "Hello again."))


async def test_a_session_opens_once_even_when_the_front_end_opened_it(config: Config) -> None:
    app = build_app(config, llm=FakeLLM(), db=open_database(config), stages=[_Opening()])
    opened = [e async for e in app.companion.open("sam")]
    assert [e.kind for e in opened if isinstance(e, Notice)] == ["greeting"]
    first = await collect(app, "sam", "hi")  # the session's first turn: its opening already ran
    assert not [e for e in first if isinstance(e, Notice)]
    fresh = await collect(app, "ana", "hi")  # no open() before: the first turn opens the session
    assert [e.kind for e in fresh if isinstance(e, Notice)] == ["greeting"]
    await app.aclose()
