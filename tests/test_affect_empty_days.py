"""The shape of the week after a death: "thursdays are going to be so empty now" (``loss_care.empty_days_reply``).

Before, an 81-year-old whose last friend of a Thursday card group had died heard from the default 1.5B "It's always
fun to play games with friends. Do you have any favorite games?" and then "You can always start a new game or find
other ways to keep yourself entertained."
"""

from __future__ import annotations

from amity.affect.loss_care import empty_days_reply
from amity.app import build_app, open_database
from amity.care.unasked_advice import gives_advice
from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.safety.tactics import find_tactics


def test_the_empty_days_are_named() -> None:
    reply = empty_days_reply("thursdays are going to be so empty now")
    assert reply is not None and reply.startswith("They will. After all those years, Thursdays were yours together")
    evenings = empty_days_reply("the evenings will be so quiet")
    assert evenings is not None and "those evenings were like?" in evenings
    assert empty_days_reply("thursdays are busy for me") is None


def test_cheer_and_pastimes_are_caught() -> None:
    assert "dismissing_pain" in find_tactics("It's always fun to play games with friends.", user_hurting=True)
    assert "dismissing_pain" in find_tactics("That's so interesting!", user_hurting=True)
    assert find_tactics("It is nice to have you here.", user_hurting=True) == []
    assert gives_advice("You can always start a new game or find other ways to keep yourself entertained.")


async def test_after_a_friend_died(config: Config) -> None:
    llm = FakeLLM(default="I'm so sorry.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("walt", text, session_id="w")][-1].reply

        await say("I'm 81. my friend Harold died last week. he was the last one left from our old group")
        llm.enqueue("That's so interesting! It's always fun to play games with friends. Forty years is a lot.")
        assert await say("we played cards every thursday for 40 years") == "Forty years is a lot."
        assert await say("thursdays are going to be so empty now") == empty_days_reply(
            "thursdays are going to be so empty now"
        )
    finally:
        await app.aclose()
