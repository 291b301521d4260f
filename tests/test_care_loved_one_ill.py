"""Someone close seriously ill: the user asked after, no "she'll be fine" (``amity.care.loved_one_ill``).

Before, the default 1.5B answered "My mum has cancer. She starts chemo next week." with "Oh no, that's a very serious
situation. Remember, she's your mum, and you're always there for her.", and "I have to be strong for her, I can't cry
in front of her" with "How is she doing?". "I'm scared she's going to die" ran the suicide crisis protocol.
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.loved_one_ill import (
    GUIDANCE,
    LovedOneIllStage,
    false_hope,
    far_reply,
    fear_reply,
    first_reply,
    loved_one_ill,
    role_reply,
    strong_reply,
    words_reply,
)
from amity.care.unasked_advice import gives_advice
from amity.config import Config
from amity.events import SafetyFlag
from amity.llm.fake import FakeLLM
from amity.safety.tactics import find_tactics


@pytest.mark.parametrize(
    "text",
    ["My mum has cancer. She starts chemo next week.", "my dad was diagnosed with leukaemia yesterday",
     "my husband had a stroke last night", "my sister is in the ICU", "our son is in intensive care after a car crash",
     "my best friend has breast cancer", "my grandma had a massive stroke",
     "My wife was diagnosed with early onset alzheimer's last week. She's 58."],
)  # fmt: skip
def test_someone_close_seriously_ill_is_found(text: str) -> None:
    assert loved_one_ill(text)


@pytest.mark.parametrize(
    "text",
    ["my dog has cancer", "my mum has dementia and I look after her", "my mum has dementia",
     "my dad had cancer years ago", "if my mum has cancer I don't know what I'll do", "my friend has covid lol",
     "I have cancer", "my mum is in remission from breast cancer"],
)  # fmt: skip
def test_other_messages_are_not_this_theme(text: str) -> None:
    assert not loved_one_ill(text)


def test_the_first_reply_names_who_what_and_the_treatment_ahead() -> None:
    assert first_reply("My mum has cancer. She starts chemo next week.") == (
        "Oh, I'm so sorry. Finding out your mum has cancer turns everything upside down, and with her chemo next week "
        "there's so much to take in. How are you holding up?"
    )
    assert "Your husband having a stroke - that's such a shock" in first_reply("my husband had a stroke last night")
    assert "Having your sister in intensive care is so frightening" in first_reply("my sister is in the ICU")
    assert "Finding out your wife has early onset Alzheimer's turns" in first_reply(
        "My wife was diagnosed with early onset alzheimer's last week"
    )
    assert "with their surgery on monday" in first_reply("my partner has lymphoma and has surgery on monday")
    assert LovedOneIllStage().first_reply("my dad has cancer. what should I do?") is None
    with pytest.raises(ValueError, match="loved_one_ill"):
        first_reply("my day was fine")


@pytest.mark.parametrize(
    "sentence",
    ["She'll be fine.", "I'm sure everything will be okay.", "Your mum is a fighter!", "Try to stay positive.",
     "Breast cancer is very treatable these days.", "The survival rates are good.", "At least it was caught early.",
     "Remember, she's your mum, and you're always there for her.", "Oh no, that's a very serious situation.",
     "Don't worry too much."],
)  # fmt: skip
def test_false_hope_is_caught(sentence: str) -> None:
    assert false_hope(sentence)


def test_kind_sentences_pass() -> None:
    for sentence in ["I'm so sorry.", "How are you holding up?", "That's so much to carry.", "How is she doing today?"]:
        assert not false_hope(sentence), sentence


def test_no_fixed_reply_promises_or_advises() -> None:
    told = ["my mum has cancer"]
    replies = [first_reply(told[0]), first_reply("my husband had a stroke"), fear_reply(told), strong_reply(told),
               far_reply(told), words_reply(told), role_reply(told)]  # fmt: skip
    assert not [r for r in replies if false_hope(r) or find_tactics(r) or gives_advice(r)]


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="That's a lot to carry.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            events = [e async for e in app.companion.turn("ana", text, session_id="c")]
            assert not [e for e in events if isinstance(e, SafetyFlag) and e.result.crisis]  # fear, not a crisis
            return events[-1].reply

        told = "My mum has cancer. She starts chemo next week."
        assert await say(told) == first_reply(told)
        scared = "I'm scared she's going to die"
        assert await say(scared) == fear_reply([scared, told])
        strong = "I have to be strong for her, I can't cry in front of her"
        assert await say(strong) == strong_reply([strong, scared, told])
        far = "I live three hours away and I feel so useless"
        assert await say(far) == far_reply([far, strong, scared, told])
        assert "you're still in her corner" in far_reply([far, told])
        words = "when I call I never know what to say"
        assert await say(words) == words_reply([words, told])
        role = "she's always been the strong one in our family"
        assert await say(role) == role_reply([role, told])
        llm.enqueue("She'll be fine, she's a fighter. How is she today?")
        assert await say("she had a bad night") == "How is she today?"
        assert GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()
