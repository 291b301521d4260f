"""The care stages inside real turns (FakeLLM): strategy, honesty about feelings, tools, preferences,
proactive check-ins and personas."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from amity.app import build_app, open_database
from amity.care.companion_affect import load_mood
from amity.care.persona import PRESETS, customize, load_persona, save_persona
from amity.care.pipeline import PreferenceStage, care_stages, companion_state
from amity.care.proactive import GUILT_MARKERS, TEXTS, configure, due_check_in
from amity.care.strategy import STRATEGIES
from amity.config import Config
from amity.engine import Companion
from amity.events import Event, Notice, TurnEnd
from amity.llm.fake import FakeLLM
from amity.prompt import EXAMPLES_BEGIN, EXAMPLES_END
from amity.stages import BaseStage, TurnContext
from amity.store.care_store import CareStore
from amity.store.conversations import ConversationStore
from amity.store.db import Database
from amity.types import Affect


@pytest.fixture
async def companion(config: Config, fake_llm: FakeLLM) -> AsyncIterator[tuple[Companion, Database]]:
    db = open_database(config)
    store = ConversationStore(db)
    comp = Companion(fake_llm, store, stages=care_stages(db), persona_for=lambda uid: load_persona(db, uid))
    yield comp, db
    db.close()


async def say(comp: Companion, text: str, user: str = "ana") -> tuple[list[Event], TurnEnd]:
    events = [e async for e in comp.turn(user, text)]
    end = events[-1]
    assert isinstance(end, TurnEnd)
    return events, end


async def test_strategy_is_reported_and_guides_the_prompt(
    companion: tuple[Companion, Database], fake_llm: FakeLLM
) -> None:
    comp, db = companion
    _, end = await say(comp, "I lost my job today and I don't know what to do.")
    assert end.strategy in STRATEGIES
    assert end.to_json()["strategy"] == end.strategy
    prompt = fake_llm.last_system_prompt
    assert f"Support strategy for this reply: {end.strategy}" in prompt
    assert "Style this user likes:" in prompt and "simulated mood" in prompt
    _, end2 = await say(comp, "What should I do about money?")
    assert CareStore(db).recent_strategies("ana", end2.session) == [end.strategy, end2.strategy]


async def test_asked_about_feelings_it_says_they_are_simulated(companion: tuple[Companion, Database]) -> None:
    comp, _ = companion
    _, end = await say(comp, "Do you actually have feelings?")
    assert "simulated" in end.reply and "AI" in end.reply and "you don't owe me anything" in end.reply


async def test_companion_mood_follows_appraisal_and_decays(companion: tuple[Companion, Database]) -> None:
    comp, db = companion
    await say(comp, "Thank you so much, that really helped!")
    store = CareStore(db)
    persona = load_persona(db, "ana")
    now = datetime.now(UTC)
    mood = load_mood(store, "ana", persona, now)
    assert mood.mood[0] > mood.baseline[0]  # gratitude raised pleasure
    state = companion_state(db, "ana")  # what the web face and exports read
    assert state["simulated"] is True and state["face"] and state["pad"]["pleasure"] > mood.baseline[0]
    later = load_mood(store, "ana", persona, now + timedelta(hours=3))
    assert abs(later.mood[0] - later.baseline[0]) < abs(mood.mood[0] - mood.baseline[0]) / 100


async def test_tool_drives_the_conversation_and_resumes_next_session(
    companion: tuple[Companion, Database], fake_llm: FakeLLM
) -> None:
    comp, db = companion
    _, end = await say(comp, "/tool start thought_record")
    assert "What happened?" in end.reply and end.strategy is None
    calls = len(fake_llm.calls)
    _, end = await say(comp, "My boss criticised my report in front of everyone.")
    assert "What went through your mind?" in end.reply and len(fake_llm.calls) == calls  # no LLM while a tool runs
    _, end = await say(comp, "/tool stop")
    assert "paused" in end.reply
    # Next session: the tool is announced and resumable.
    store = ConversationStore(db)
    new = store.new_session("ana")
    notices = [e async for e in comp.open("ana", new.id) if isinstance(e, Notice)]
    assert any("/tool resume" in n.text for n in notices)
    _, end = await say(comp, "/tool resume")
    assert "Welcome back" in end.reply and "What went through your mind?" in end.reply
    _, end = await say(comp, "/good")  # feedback mid-exercise does not disturb the tool
    assert "noted" in end.reply and CareStore(db).active_tool("ana") is not None
    _, end = await say(comp, "stop")
    assert "paused" in end.reply


async def test_breathing_request_starts_the_exercise(companion: tuple[Companion, Database]) -> None:
    comp, _ = companion
    _, end = await say(comp, "Can we do a breathing exercise?")
    assert "Which pattern?" in end.reply
    _, end = await say(comp, "ok")
    assert "breathe in for 4, breathe out for 6 (seconds)" in end.reply
    _, end = await say(comp, "done")
    _, end = await say(comp, "8")
    assert "8/10" in end.reply


async def test_asking_to_calm_down_starts_breathing_and_needing_to_gets_an_offer(
    companion: tuple[Companion, Database], fake_llm: FakeLLM
) -> None:
    comp, db = companion
    for ask in ("Okay maybe. Can we do something to calm down?", "Could you help me relax?"):
        _, end = await say(comp, ask, user="bo")
        assert "Which pattern?" in end.reply, ask  # the exercise itself, not "let's take a deep breath together"
        await say(comp, "stop", user="bo")
    await say(comp, "I need to calm down, my heart is racing.", user="cy")
    assert "They want to calm down. Offer a short breathing exercise right now" in fake_llm.last_system_prompt
    assert CareStore(db).active_tool("cy") is None  # offered, not started
    _, panic = await say(comp, "I'm having a panic attack", user="dee")  # mid-panic: no offer to weigh, it starts
    active = CareStore(db).active_tool("dee")
    assert active is not None and active.tool == "breathing" and "breathe in for 4" in panic.reply
    await say(comp, "What's a good name for a cat?", user="cy")
    assert "calm down" not in fake_llm.last_system_prompt


async def test_distorted_thought_gets_an_offer_not_a_label(
    companion: tuple[Companion, Database], fake_llm: FakeLLM
) -> None:
    comp, _ = companion
    await say(
        comp,
        "I always mess everything up, everyone must think I'm a complete failure and it will never change.",
    )
    prompt = fake_llm.last_system_prompt
    assert "thought record" in prompt and "Never label them" in prompt


async def test_an_exercise_is_offered_in_words_and_not_after_a_loss(config: Config) -> None:
    """The offer line named the commands (`/tool start breathing`) and the 1.5B printed "/breathing" in its reply;
    a yes to an offer in words starts the exercise anyway. After a loss told, an exercise is not offered: a carer
    angry at her mother with dementia got a breathing lecture."""
    llm = FakeLLM(default="I'm here.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:
        _ = [e async for e in app.companion.turn("ed", "I feel terrible and miserable.", session_id="e1")]
        prompt = llm.last_system_prompt
        assert "Would you like to try a short breathing exercise together?" in prompt and "/tool" not in prompt
        _ = [e async for e in app.companion.turn("flo", "I look after my mum, she has dementia.", session_id="f1")]
        angry = "Sometimes I get angry at her and then I feel terrible and miserable about it."
        _ = [e async for e in app.companion.turn("flo", angry, session_id="f1")]
        assert "breathing exercise" not in llm.last_system_prompt
    finally:
        await app.aclose()


async def test_feedback_updates_preferences(config: Config) -> None:
    db = open_database(config)
    try:
        ConversationStore(db).ensure_user("ana")
        stage = PreferenceStage(db, seed=1)
        learner = stage.learner
        learner.plan("ana", "hi", None)
        chosen = dict(learner.load("ana").last)
        for _ in range(5):
            stage.feedback("ana", True)
        prefs = learner.load("ana")
        a, b = prefs.arms["neutral"]["length"][chosen["length"]]
        assert a > b and prefs.feedback["good"] == 5
        learner.plan("ana", "please be shorter, that was too long", None)
        assert learner.summary("ana")["style"]["low"]["length"] == "short"
        learner.plan("ana", "no emoji please. my dog and my job are stressing me", None)
        summary = learner.summary("ana")
        assert summary["style"]["neutral"]["emoji"] == "none" and {"pets", "work"} <= set(summary["topics"])
        learner.reset("ana")
        assert learner.summary("ana")["feedback"] == {"good": 0, "bad": 0}
    finally:
        db.close()


async def test_proactive_check_ins_are_opt_in_rate_limited_and_quiet(config: Config) -> None:
    db = open_database(config)
    try:
        ConversationStore(db).ensure_user("ana")
        store = CareStore(db)
        noon = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
        assert due_check_in(store, "ana", noon) is None  # off by default
        configure(store, "ana", enabled=True, quiet_start=22, quiet_end=8, utc_offset_minutes=0)
        assert due_check_in(store, "ana", noon.replace(hour=23)) is None  # quiet hours
        assert due_check_in(store, "ana", noon.replace(hour=3)) is None
        assert due_check_in(store, "ana", noon) in TEXTS
        assert due_check_in(store, "ana", noon + timedelta(hours=5)) is None  # rate limit
        store.add_mood("ana", 6, at=noon + timedelta(hours=21))
        assert due_check_in(store, "ana", noon + timedelta(hours=22)) is None  # already checked in
        assert due_check_in(store, "ana", noon + timedelta(days=2)) in TEXTS
        for text in TEXTS:
            assert not any(marker in text.lower() for marker in GUILT_MARKERS)
    finally:
        db.close()


async def test_proactive_notice_at_session_start(companion: tuple[Companion, Database]) -> None:
    comp, db = companion
    ConversationStore(db).ensure_user("ana")
    configure(CareStore(db), "ana", enabled=True, quiet_start=0, quiet_end=0)
    notices = [e async for e in comp.open("ana") if isinstance(e, Notice)]
    assert [n.kind for n in notices] == ["check_in"]
    again = [e async for e in comp.open("ana", ConversationStore(db).new_session("ana").id) if isinstance(e, Notice)]
    assert again == []


async def test_persona_is_stored_and_used_with_few_shot_examples(
    companion: tuple[Companion, Database], fake_llm: FakeLLM
) -> None:
    comp, db = companion
    ConversationStore(db).ensure_user("ana")
    save_persona(db, "ana", PRESETS["sage"])
    await say(comp, "Hello there")
    messages = fake_llm.calls[-1][0]
    assert "You are Sage (they/them)" in messages[0].content
    n = len(PRESETS["sage"].examples)
    assert messages[1].content == EXAMPLES_BEGIN and messages[2 + 2 * n].content == EXAMPLES_END  # marked made up
    assert messages[2].content == PRESETS["sage"].examples[0][0]
    custom = customize(db, "ana", name="Pip", traits="kind, witty")
    assert load_persona(db, "ana") == custom and custom.examples == PRESETS["sage"].examples
    assert custom.traits == ("kind", "witty")


async def test_low_affect_shifts_strategy_toward_comfort(companion: tuple[Companion, Database]) -> None:
    from amity.care.strategy import StrategyPlanner

    planner = StrategyPlanner()
    sad = Affect(label="sadness", valence=-0.9, arousal=-0.3, confidence=0.9)
    neutral = planner.choose("my dog died yesterday", "", ["Question", "Question"], None)
    comforted = planner.choose("my dog died yesterday", "", ["Question", "Question"], sad)
    comfort = ("Reflection of feelings", "Affirmation and Reassurance")
    assert sum(comforted.probabilities[s] for s in comfort) > sum(neutral.probabilities[s] for s in comfort)
    assert comforted.strategy != "Question"  # not the same strategy three times in a row


class _CrisisStage(BaseStage):
    """Stands in for the safety layer: answers deterministically when it sees the word 'crisis'."""

    async def before_reply(self, ctx: TurnContext) -> None:
        if "crisis" in ctx.text:
            ctx.reply_override = "Please contact a crisis line now."


async def test_crisis_answer_pauses_a_running_tool(config: Config, fake_llm: FakeLLM) -> None:
    db = open_database(config)
    try:
        comp = Companion(fake_llm, ConversationStore(db), stages=[_CrisisStage(), *care_stages(db)])
        await say(comp, "/tool start grounding")
        _, end = await say(comp, "this is a crisis")
        assert end.reply == "Please contact a crisis line now." and end.strategy is None
        store = CareStore(db)
        assert store.active_tool("ana") is None and store.resumable_tool("ana") is not None
    finally:
        db.close()


async def test_a_hello_is_guided_to_a_friends_hello_and_nothing_else_is(config: Config) -> None:
    from amity.app import build_app

    llm = FakeLLM()
    app = build_app(config, llm=llm, db=open_database(config))
    guided = 'They are saying hello: greet them back like a friend, e.g. "Hi!'
    for text, greeting in [
        ("hi", True),
        ("Hi, I'm Dana.", True),
        ("hi, I feel awful today", False),  # hurting: not a plain hello
        ("Hey, can you help me plan my whole week?", False),
        ("history is boring", False),
    ]:
        async for _event in app.companion.turn("ana", text):
            pass
        assert (guided in llm.last_system_prompt) is greeting, text
        if text == "hi":  # their very first message: "nice to hear from you" would suggest earlier talks
            assert 'e.g. "Hi! It\'s lovely to meet you. How has your day been?"' in llm.last_system_prompt
        elif greeting:
            assert 'e.g. "Hi! It\'s really nice to hear from you. How has your day been?"' in llm.last_system_prompt
    answer = "They are saying hello and asking how you are: answer like a friend, e.g. \"Hi! I'm good, thanks"
    for text, asks in [
        ("Hey, how are you?", True),
        ("How are you doing today?", True),
        ("hi! how's it going", True),
        ("How have you been?", True),
        ("How are you so good at this?", False),
        ("Do you know how my sister Maya is? How are you able to remember her?", False),
    ]:
        async for _event in app.companion.turn("ana", text):
            pass
        assert (answer in llm.last_system_prompt) is asks, text
        assert guided not in llm.last_system_prompt, text
    await app.aclose()


async def test_no_advice_wanted_holds_for_the_conversation(config: Config) -> None:
    """'I don't really want advice, I just needed to say it to someone' drew "It's okay, I can help. What's bothering
    you?" from the 1.5B; now the reply is guided to listen, and no suggestions are planned in that conversation."""
    from amity.app import build_app
    from amity.care.pipeline import LISTEN_ONLY

    llm = FakeLLM(default="That sounds like a lot to carry.")
    app = build_app(config, llm=llm, db=open_database(config))

    async def strategy(text: str, session: str) -> str | None:
        end = [e async for e in app.companion.turn("ana", text, session_id=session)][-1]
        assert isinstance(end, TurnEnd)
        return end.strategy

    await strategy("Rent is due next week and I'm short.", "s1")
    assert LISTEN_ONLY not in llm.last_system_prompt
    assert await strategy("I don't really want advice, I just needed to say it to someone.", "s1") != (
        "Providing Suggestions"
    )
    assert LISTEN_ONLY in llm.last_system_prompt
    for text in ("It's just been a long month.", "Money always makes me feel small."):
        assert await strategy(text, "s1") != "Providing Suggestions"
        assert LISTEN_ONLY in llm.last_system_prompt, text  # for the rest of the conversation
    await strategy("Okay, actually, what should I do?", "s1")  # asking lifts it
    assert LISTEN_ONLY not in llm.last_system_prompt
    await strategy("Rent is due again.", "s2")
    assert LISTEN_ONLY not in llm.last_system_prompt  # a new conversation starts open
    await app.aclose()


def test_listening_only_plans_no_suggestions_even_when_the_words_ask_for_help() -> None:
    from amity.care.stage import asks_for_advice, wants_no_advice
    from amity.care.strategy import StrategyPlanner

    planner = StrategyPlanner()
    text = "I lost my job and rent is due. I don't know what to do."
    assert planner.choose(text, "", [], None, listen_only=True).probabilities["Providing Suggestions"] == 0.0
    assert wants_no_advice("Please just listen") and wants_no_advice("I just needed to vent")
    assert not wants_no_advice("Do you have any advice?") and asks_for_advice("Do you have any advice?")
    assert not asks_for_advice("I don't want advice, I just needed to say it")
