"""'What were we talking about last time?' is answered from the stored conversation, never denied."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from amity.app import App, build_app, open_database
from amity.config import Config
from amity.events import TurnEnd
from amity.llm.fake import FakeLLM
from amity.memory.last_time import asks_what_i_told, asks_where_we_were, what_you_told, where_we_were
from amity.types import Turn

NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)


def turn(session: str, role: str, text: str, hours_ago: float, index: int = 0) -> Turn:
    return Turn(f"t{hours_ago}{role}", "tom", session, index, role, text, NOW - timedelta(hours=hours_ago))  # type: ignore[arg-type]


def test_the_question_is_recognised() -> None:
    for text in ["sorry what were we talking about last time?", "What did we talk about yesterday?",
                 "where did we leave off?", "remind me what we talked about"]:  # fmt: skip
        assert asks_where_we_were(text) == "last", text
    for text in ["where were we?", "sorry, what was I saying?", "what were we talking about?"]:
        assert asks_where_we_were(text) == "now", text
    for text in ["where were we going to eat?", "what did you talk about with him?", "we talked about it last time"]:
        assert asks_where_we_were(text) is None, text


def test_the_users_own_words_from_last_time() -> None:
    history = [
        turn("a1", "user", "Hi, I'm Tom.", 26),
        turn("a1", "assistant", "Hello, Tom!", 26),
        turn("a1", "user", "I have a job interview on Friday at the bakery on Elm Street, I'm really nervous.", 25.9),
        turn("a1", "assistant", "Good luck!", 25.9),
        turn("a1", "user", "My daughter Lily is 6, she's the reason I keep going.", 25.8),
        turn("a1", "user", "Thanks. Talk soon.", 25.7),
        turn("a2", "user", "hello dear", 0.1),
    ]
    answer = where_we_were("last", history, "a2", NOW, "Tom")
    assert answer.startswith("Of course, Tom. Last time - yesterday - you told me:\n")
    assert '- "I have a job interview on Friday at the bakery on Elm Street, I\'m really nervous."\n' in answer
    assert '- "My daughter Lily is 6, she\'s the reason I keep going."\n' in answer
    assert "Hi, I'm Tom" not in answer and "Talk soon" not in answer  # a hello and a goodbye are not the talk
    assert where_we_were("now", history, "a2", NOW).startswith("Of course. Last time")  # this one has just begun
    here = [*history, turn("a2", "user", "My sister Anna called me this morning about the house", 0.05)]
    assert where_we_were("now", here, "a2", NOW) == (
        'You were telling me: "My sister Anna called me this morning about the house" Go on - I\'m listening.'
    )
    assert "nothing from before" in where_we_were("last", [turn("a2", "user", "hello dear", 0.1)], "a2", NOW)


async def say(app: App, text: str, session: str) -> str:
    events = [e async for e in app.companion.turn("tom", text, session_id=session)]
    end = events[-1]
    assert isinstance(end, TurnEnd)
    return end.reply


async def test_tom_is_not_told_the_conversation_never_happened(config: Config) -> None:
    """The 1.5B: "I don't have any information about the conversation we had last time. It's possible that the
    conversation didn't take place or that you forgot to tell me about it."."""
    llm = FakeLLM(default="I'm here.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:
        await say(app, "Hi, I'm Tom.", "a1")
        await say(app, "I have a job interview on Friday at the bakery on Elm Street, I'm really nervous.", "a1")
        llm.enqueue("Hello! How has your day been?")
        await say(app, "hello dear", "a2")
        calls = len(llm.calls)
        answer = await say(app, "sorry what were we talking about last time?", "a2")
        assert answer.startswith("Of course, Tom. Last time - earlier today - you told me:")
        assert "job interview on Friday at the bakery" in answer and len(llm.calls) == calls
    finally:
        await app.aclose()


def test_what_i_told_you_is_recognised_only_as_a_whole_question() -> None:
    for text in ["do you remember what I told you?", "Do you still remember anything I said?",
                 "¿Tú te acuerdas de lo que te conté?", "Weißt du noch, was ich dir erzählt habe?",
                 "tu te souviens de ce que je t'ai dit ?"]:  # fmt: skip
        assert asks_what_i_told(text), text
    for text in ["do you remember what I told you about my sister?", "I remember what you told me"]:
        assert not asks_what_i_told(text), text


async def test_carmen_hears_her_own_words_back_in_spanish(config: Config) -> None:
    """Carmen, 78, asked "¿Tú te acuerdas de lo que te conté?"; the 1.5B answered "Tengo la sensación de que estás
    hablando de los problemas de tu familia" - made up. The question read as French until "¿" counted for Spanish."""
    llm = FakeLLM(default="Lo siento mucho.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:
        told = [
            "Hola. Me llamo Carmen, tengo 78 años",
            "Mi marido murió hace dos años y mis hijos viven en Madrid",
            "A veces paso todo el día sin hablar con nadie",
        ]
        for text in told:
            [e async for e in app.companion.turn("carmen", text, session_id="c1")]
        calls = len(llm.calls)
        end = [e async for e in app.companion.turn("carmen", "¿Tú te acuerdas de lo que te conté?", session_id="c1")][
            -1
        ]
        assert isinstance(end, TurnEnd) and len(llm.calls) == calls
        assert end.reply.startswith("Sí, claro") and "Me contaste:" in end.reply
        assert "«Mi marido murió hace dos años y mis hijos viven en Madrid»" in end.reply
        assert "«A veces paso todo el día sin hablar con nadie»" in end.reply
        assert end.reply.endswith("¿Quieres que sigamos con algo de eso?")
    finally:
        await app.aclose()


def test_nothing_told_yet_is_said_plainly() -> None:
    assert what_you_told([turn("a", "user", "hi", 1)], "en").startswith("You haven't told me much about yourself yet")
