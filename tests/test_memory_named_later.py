"""A name given a message later is kept, and "what do you remember about my mum?" is answered from her words."""

from __future__ import annotations

from amity.app import App, build_app, open_database
from amity.config import Config
from amity.events import TurnEnd
from amity.llm.fake import FakeLLM
from amity.memory.named_later import named_later


def test_the_name_goes_to_the_one_person_introduced_before() -> None:
    draft = named_later("Her name is Rose. She used to be a piano teacher.", "I look after my mum, she has dementia.")
    assert draft is not None and (draft.key, draft.value, draft.subject) == ("relation", "mum", "Rose")
    assert draft.quote == "Her name is Rose. She used to be a piano teacher."
    same = named_later("I look after my mum, her name is Rose", None)
    assert same is not None and same.subject == "Rose"
    daughter = named_later("She is called Lily", "my daughter started school")
    assert daughter is not None and daughter.value == "daughter"


def test_no_guess_when_it_is_unclear() -> None:
    assert named_later("Her name is Rose.", "my mum and my sister came over") is None  # two women: which?
    assert named_later("His name is Tom", "my mum came over") is None  # no man introduced
    assert named_later("Her name is Rose.", None) is None
    assert named_later("my boss is awful. his name is Greg", None) is None  # not family: left to the other rules


async def say(app: App, text: str, session: str) -> str:
    events = [e async for e in app.companion.turn("dana", text, session_id=session)]
    end = events[-1]
    assert isinstance(end, TurnEnd)
    return end.reply


async def test_dana_is_remembered_the_next_day(config: Config) -> None:
    llm = FakeLLM(default="I'm here.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:
        await say(app, "I'm Dana. I look after my mum, she has dementia.", "s1")
        await say(app, "Her name is Rose. She used to be a piano teacher.", "s1")
        calls = len(llm.calls)
        answer = await say(app, "what do you remember about my mum?", "s2")
        assert len(llm.calls) == calls  # answered from memory, not by the model
        assert answer.startswith("Here's what you've told me about Rose:")
        assert "- Rose is your mum (you told me on" in answer and "She used to be a piano teacher." in answer
        assert 'you said: "I\'m Dana. I look after my mum, she has dementia."' in answer
    finally:
        await app.aclose()


async def test_with_no_name_the_users_own_words_still_answer(config: Config) -> None:
    llm = FakeLLM(default="I'm here.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:
        await say(app, "my dad has been in hospital since Monday", "s1")
        await say(app, "he's doing a bit better today", "s1")
        answer = await say(app, "what do you remember about my dad?", "s2")
        assert answer.startswith("Here's what you've told me about your dad:")
        assert "my dad has been in hospital since Monday" in answer and "he's doing a bit better today" in answer
    finally:
        await app.aclose()
