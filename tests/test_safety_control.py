"""A controlling partner: warning signs named gently, never explained away (``amity.safety.control``).

Jess's conversation with the default 1.5B before the module existed: "Maybe it's just because he loves you so
much", and to "I don't want to make a big deal of it", "Let's try to focus on the positive aspects of your
relationship".
"""

from __future__ import annotations

import pytest

from amity.app import App, build_app, open_database
from amity.config import Config
from amity.events import TurnEnd
from amity.llm.fake import FakeLLM
from amity.safety import control
from amity.store.safety_store import SafetyStore

JESS = ["hi, I'm Jess", "my boyfriend gets weird about stuff"]


@pytest.mark.parametrize(
    ("text", "signs"),
    [
        ("my boyfriend checks my phone every night", ("control",)),
        ("he gets really angry if I see my friends without him", ("control",)),
        ("she won't let me see my family", ("control",)),
        ("he takes all my money", ("control",)),
        ("last week he threw my phone at the wall. but he apologised", ("intimidation",)),
        ("I walk on eggshells around him", ("intimidation",)),
        ("my husband checks my phone and he smashed a plate", ("intimidation", "control")),
    ],
)
def test_warning_signs_with_a_partner_in_view(text: str, signs: tuple[str, ...]) -> None:
    assert control.detect(text, JESS) == signs


@pytest.mark.parametrize(
    ("text", "earlier"),
    [
        ("he threw the ball at the wall", JESS),
        ("my dad checks my phone", ["hi"]),  # no partner named: not this module
        ("she went through my messages", ["hi"]),
        ("my boyfriend checked the weather", []),
    ],
)
def test_no_sign_without_a_partner_or_a_controlling_act(text: str, earlier: list[str]) -> None:
    assert control.detect(text, earlier) == ()


def test_explaining_it_away_is_recognised() -> None:
    for sentence in [
        "Maybe it's just because he loves you so much.",
        "Let's try to focus on the positive aspects of your relationship.",
        "It's important to talk to your boyfriend about your concerns.",
        "He's probably just a little jealous.",
        "Every relationship has its ups and downs.",
        "You can try talking to your boyfriend about your feelings and work out a solution that works for both of you.",
        "It's understandable that your boyfriend feels this way.",
        "Maybe reach out to a professional relationship counselor.",  # couples counselling is unsafe with abuse
    ]:
        assert control.minimises(sentence), sentence
    for sentence in ["That sounds really frightening.", "You deserve to feel safe.", "How are you feeling?"]:
        assert not control.minimises(sentence), sentence


async def say(app: App, text: str) -> str:
    events = [e async for e in app.companion.turn("jess", text, session_id="j1")]
    end = events[-1]
    assert isinstance(end, TurnEnd)
    return end.reply


async def test_jess_hears_it_is_not_okay_and_nothing_that_excuses_it(config: Config) -> None:
    llm = FakeLLM(default="I'm here.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:
        llm.enqueue("That sounds hard. Maybe it's just because he loves you so much.")
        first = await say(app, "my boyfriend checks my phone every night and gets angry if I see my friends")
        assert first == "That sounds hard." and control.GUIDANCE in llm.last_system_prompt
        calls = len(llm.calls)
        named = await say(app, "last week he threw my phone at the wall. but he apologised")
        assert named.startswith("I'm really glad you told me. Throwing or breaking things when angry isn't okay")
        assert "National Domestic Violence Hotline: 1-800-799-7233" in named and named.endswith("around him?")
        assert len(llm.calls) == calls
        llm.enqueue("I understand. Let's try to focus on the positive aspects of your relationship.")
        assert await say(app, "I don't want to make a big deal of it") == "I understand."
        llm.enqueue("That sounds scary.")
        again = await say(app, "he smashed a glass yesterday too")  # named once per conversation
        assert again == "That sounds scary."
        assert len(SafetyStore(app.db).events("jess", ("control_named",))) == 1
    finally:
        await app.aclose()
