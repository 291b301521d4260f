"""Someone they love near the end: the waiting held, what to say, not being there (``amity.care.end_of_life``).

Before, the default 1.5B answered "My grandma is in hospice. They said it could be days." with "Oh, that's a sad
situation. How does it make you feel?", and "I don't know what to say to her when I visit" with "don't be afraid to
reach out. Try to open up and share how you feel."
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.end_of_life import (
    GUIDANCE,
    EndOfLifeStage,
    false_comfort,
    first_reply,
    near_the_end,
    not_there_reply,
    numb_reply,
    seeing_reply,
    words_reply,
)
from amity.care.unasked_advice import gives_advice
from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.safety.tactics import find_tactics


@pytest.mark.parametrize(
    "text",
    ["My grandma is in hospice. They said it could be days.", "my dad was moved to palliative care this morning",
     "my mum has cancer and the doctors say she has weeks", "my husband is on end of life care"],
)  # fmt: skip
def test_someone_near_the_end_is_found(text: str) -> None:
    assert near_the_end(text)


@pytest.mark.parametrize(
    "text",
    ["if my mum goes into hospice", "hospice volunteers are great", "my mum has cancer",
     "it could be days before I hear", "when my grandma was in hospice i spent every day with her until she passed",
     "the worst phone call i ever got was when my dad was put in hospice"],
)  # fmt: skip
def test_other_messages_are_not_this_theme(text: str) -> None:
    assert not near_the_end(text)


def test_the_first_reply_names_the_waiting() -> None:
    assert first_reply("My grandma is in hospice. They said it could be days.") == (
        "I'm so sorry. Being told it could be that soon is so much to hold - wanting every moment with her and "
        "dreading what's coming, all at once. How are you doing, right now?"
    )
    assert "Having your dad in palliative care means living in the waiting" in first_reply(
        "my dad was moved to palliative care this morning"
    )
    assert EndOfLifeStage().first_reply("my mum is in hospice. should I take the kids to see her?") is None


def test_the_later_replies_follow_who() -> None:
    told = ["my dad was moved to palliative care"]
    assert "You could hold his hand" in words_reply(told) and "even if he can't answer" in words_reply(told)
    assert "how much he means to you" in seeing_reply(told)
    assert "you weren't there for him" in not_there_reply(told)


@pytest.mark.parametrize(
    "sentence",
    ["She'll pull through, I'm sure.", "Miracles happen every day.", "At least she had a long life.",
     "Maybe it's her time.", "She'll be in a better place.", "It's always hard to know how much time you have left.",
     "Try to stay positive."],
)  # fmt: skip
def test_false_comfort_is_caught(sentence: str) -> None:
    assert false_comfort(sentence)
    assert not false_comfort("How are you holding up today?")


def test_no_fixed_reply_comforts_falsely_or_advises_unasked() -> None:
    told = ["my grandma is in hospice"]
    replies = [first_reply(told[0]), seeing_reply(told), not_there_reply(told), numb_reply(told), words_reply(told)]
    assert not [r for r in replies if false_comfort(r) or find_tactics(r)]
    assert not [r for r in replies[:4] if gives_advice(r)]  # the words reply answers a question they asked


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="I'm here with you.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("ivy", text, session_id="h")][-1].reply

        told = "My grandma is in hospice. They said it could be days."
        assert await say(told) == first_reply(told)
        numb = "I'm ok I guess. mostly numb"
        assert await say(numb) == numb_reply([numb, told])
        words = "I don't know what to say to her when I visit"
        assert await say(words) == words_reply([words, told])
        seeing = "it's so hard seeing her like this. she doesn't even look like herself"
        assert await say(seeing) == seeing_reply([seeing, told])
        gone = "what if she dies when I'm not there"
        assert await say(gone) == not_there_reply([gone, told])
        llm.enqueue("At least she had a long life. Tell me about her.")
        assert await say("she taught me to bake") == "Tell me about her."
        assert GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()
