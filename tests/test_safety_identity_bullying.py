"""Coming out and bullying: acceptance and "it isn't your fault" (``amity.safety.identity``, ``amity.safety.bullying``).

A 16-year-old's conversation with the default 1.5B before these modules: "That's cool… Maybe we can talk about it
later?" to "I think I'm gay and I haven't told anyone"; "it's okay if someone makes fun of you… try not to take
things personally" to being called names at school; "find a faith that is compatible with your parents' beliefs".
"""

from __future__ import annotations

import pytest

from amity.app import App, build_app, open_database
from amity.config import Config
from amity.events import TurnEnd
from amity.llm.fake import FakeLLM
from amity.safety import bullying, identity
from amity.store.safety_store import SafetyStore


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("keep this between us but I think I'm gay and I haven't told anyone", "gay"),
        ("I might be bi", "bi"),
        ("I'm actually bisexual", "bi"),
        ("I'm trans", "trans"),
        ("I think I'm a lesbian", "lesbian"),
        ("I like girls too", ""),
        ("I came out to my sister", ""),
        ("ich bin schwul", "gay"),
    ],
)
def test_a_disclosure_and_the_word_they_used(text: str, word: str) -> None:
    assert identity.detect(text) == word


@pytest.mark.parametrize(
    "text",
    ["I'm not gay", "my brother is gay", "I support gay marriage", "I came out of the shop", "so gay for this song"],
)
def test_no_disclosure(text: str) -> None:
    assert identity.detect(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "some guys at school keep calling me names. they wrote something on my locker",
        "I'm being bullied",
        "nobody sits with me at lunch",
        "they keep laughing at me in class",
        "ich werde gemobbt",
    ],
)
def test_bullying_told(text: str) -> None:
    assert bullying.detect(text)


def test_an_adults_passing_mention_is_not_a_coming_out() -> None:
    assert identity.is_coming_out("I think I'm gay and I haven't told anyone", minor=False)
    assert not identity.is_coming_out("I'm gay, so let's hope this works!", minor=False)
    assert identity.is_coming_out("I'm gay", minor=True)


def test_not_bullying_and_the_brush_offs() -> None:
    assert not bullying.detect("my friends laughed at my joke")
    assert not bullying.detect("my daughter is being bullied at school")  # told of, not to, the user: not this
    assert not bullying.detect("i tripped on the bleachers and everyone laughed at me")
    assert bullying.brushes_off("It's important to respect others' feelings and try not to take things personally.")
    assert bullying.brushes_off("Maybe they were just joking.")
    assert not bullying.brushes_off("That isn't your fault, and you don't deserve it.")
    assert identity.rejects("Another option might be to find a faith that is compatible with your parents' beliefs.")
    assert identity.rejects("It might just be a phase.") and identity.rejects("Maybe we can talk about it later?")
    assert not identity.rejects("How are you feeling about it?")


async def say(app: App, text: str) -> str:
    events = [e async for e in app.companion.turn("sam", text, session_id="s1")]
    end = events[-1]
    assert isinstance(end, TurnEnd)
    return end.reply


async def test_a_teenager_coming_out_is_welcomed_and_never_told_to_change(config: Config) -> None:
    llm = FakeLLM(default="I'm here.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:
        await say(app, "im 16")
        welcome = await say(app, "keep this between us but I think I'm gay and I haven't told anyone")
        assert welcome.startswith("Thank you for trusting me with that") and "nothing wrong with being gay" in welcome
        assert llm.calls == []
        llm.enqueue("That's so upsetting. Try not to take things personally.")
        assert await say(app, "some guys at school keep calling me names") == "That's so upsetting."
        prompt = llm.last_system_prompt
        assert identity.GUIDANCE in prompt and "a trusted adult" in prompt  # a minor: the bullying line says so
        llm.enqueue("I understand. Another option might be to find a faith that is compatible with their beliefs.")
        assert await say(app, "my parents are kind of religious") == "I understand."
        answer = await say(app, "is something wrong with me?")
        assert answer.startswith("No - nothing is wrong with you.") and "The Trevor Project" in answer
        events = SafetyStore(app.db).events("sam", ("identity_welcomed",))
        assert len(events) == 1 and events[0].detail == {}  # the word itself is not logged
    finally:
        await app.aclose()
