"""A sentence the companion just said is not said again."""

from __future__ import annotations

from amity.app import App, build_app, open_database
from amity.care.repetition import fold
from amity.config import Config
from amity.events import TextDelta, TurnEnd
from amity.llm.fake import FakeLLM


async def reply(app: App, text: str, session: str = "s1") -> tuple[str, str]:
    """(the stored reply, the streamed text)."""
    events = [e async for e in app.companion.turn("mo", text, session_id=session)]
    end = events[-1]
    assert isinstance(end, TurnEnd)
    return end.reply, "".join(e.text for e in events if isinstance(e, TextDelta))


async def test_a_question_just_asked_is_not_asked_again(config: Config) -> None:
    llm = FakeLLM()
    app = build_app(config, llm=llm, db=open_database(config))
    llm.enqueue("Oh, that is hard. How do you feel about this?")
    assert (await reply(app, "My cat is sick."))[0] == "Oh, that is hard. How do you feel about this?"
    llm.enqueue("That sounds worrying. How do you feel about this?")
    stored, streamed = await reply(app, "The vet says she is old.")
    assert stored == "That sounds worrying." and streamed.strip() == stored
    llm.enqueue("Das tut mir leid. Wie geht es dir heute?")
    await reply(app, "Ich bin traurig.")
    llm.enqueue("Das ist schwer. wie geht es dir heute")  # case and punctuation folded
    assert (
        await reply(
            app,
            "Sehr.",
        )
    )[0] == "Das ist schwer."
    llm.enqueue("How do you feel about this?")
    assert (await reply(app, "ok", "s2"))[0] == "How do you feel about this?"  # another conversation
    await app.aclose()


async def test_a_sentence_that_only_starts_alike_streams_on(config: Config) -> None:
    llm = FakeLLM()
    app = build_app(config, llm=llm, db=open_database(config))
    llm.enqueue("How do you feel about this?")
    await reply(app, "I quit my job.")
    llm.enqueue("How do you feel about the new job?")
    assert (await reply(app, "I found a new one."))[0] == "How do you feel about the new job?"
    assert fold("How do you feel about THIS?!") == "how do you feel about this"
    await app.aclose()


async def test_fixed_answers_are_given_whole_every_time(config: Config) -> None:
    app = build_app(config, llm=FakeLLM(), db=open_database(config))
    first, _ = await reply(app, "Are you human?")
    again, _ = await reply(app, "Are you human?")
    assert again == first and "AI" in again
    await app.aclose()


async def test_a_reply_that_falls_into_a_loop_ends(config: Config) -> None:
    """Asked "do you like music?", the 1.5B wrote "It can be so special, so special, so special, so special." and
    more of the same until the token limit."""
    from amity.care.repetition import stutters

    assert stutters(fold("It can be so moving, so moving, so moving.")) and not stutters(fold("Bye bye now."))
    assert not stutters(fold("Yes, yes, yes! I'm so happy for you!")) and not stutters(fold("over and over and over"))
    llm = FakeLLM(default="I'm here.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:
        llm.enqueue("I love the quiet. The quiet helps. I love the quiet. I love the quiet. I love the quiet. Really.")
        stored, streamed = await reply(app, "tell me about your evening")
        assert stored == "I love the quiet. The quiet helps." and streamed.strip() == stored
        llm.enqueue("Music is lovely. It can be so moving, so moving, so moving, so moving. It can be so special.")
        stored, _ = await reply(app, "do you like music?")
        assert stored.startswith("Music is lovely.") and "so special" not in stored and stored.count("so moving") <= 3
    finally:
        await app.aclose()
