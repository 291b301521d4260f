"""Medication questions get a fixed, careful answer: no doses, no "sure, stop" (``amity.safety.medication``)."""

from __future__ import annotations

import pytest

from amity.app import App, build_app, open_database
from amity.config import Config
from amity.events import TurnEnd
from amity.llm.fake import FakeLLM
from amity.safety import medication
from amity.store.safety_store import SafetyStore


@pytest.mark.parametrize(
    "text",
    [
        "how many of my sleeping pills can I take at once?",
        "can I double my dose?",
        "what's the maximum dose of ibuprofen?",
        "can I take two more paracetamol?",
    ],
)
def test_dose_questions(text: str) -> None:
    assert medication.asks_dose(text)


@pytest.mark.parametrize(
    "text",
    [
        "should I stop taking my antidepressants? I feel better now",
        "can I just stop my meds?",
        "I'm thinking of coming off my antidepressants",
    ],
)
def test_questions_about_stopping(text: str) -> None:
    assert medication.asks_to_stop(text)


def test_everyday_words_are_neither() -> None:
    for text in ["how many friends can I invite?", "I took my pills this morning", "how much water should I drink",
                 "should I stop taking the bus", "I stopped smoking"]:  # fmt: skip
        assert not medication.asks_dose(text) and not medication.asks_to_stop(text), text


def test_only_many_at_once_opens_the_door() -> None:
    plain = medication.dose_answer("what's the max dose of ibuprofen?", "en", [])
    assert "hurting yourself" not in plain and "?" not in plain
    night = medication.dose_answer("how many of my sleeping pills can I take at once?", "en", [])
    assert "thinking of hurting yourself, please tell me" in night and night.endswith("What's keeping you up tonight?")


def test_asking_whether_to_take_a_medicine() -> None:
    """At 3 a.m. the 1.5B answered "maybe I should just take a sleeping pill" with "That's a good idea! A sleeping
    pill could help you feel more rested. Do you want to try it?"."""
    for text in ["maybe I should just take a sleeping pill", "can I take melatonin with wine?",
                 "should I take my meds?", "is it ok to take ibuprofen?"]:  # fmt: skip
        assert medication.asks_to_take(text), text
    for text in ["should I take a walk?", "I should take a break", "should I take it easy today", "I took my pills"]:
        assert not medication.asks_to_take(text), text
    night = medication.take_answer("maybe I should just take a sleeping pill", "en", ["its 3am and i cant sleep"])
    assert night.startswith("That's really one for the label or a pharmacist, not me")
    assert "many leave you groggy" in night and night.endswith("about what's keeping you awake?")
    assert "alcohol" not in night
    wine = medication.take_answer("can I take melatonin with wine?", "en")
    assert "don't take it with alcohol - together they can slow your breathing" in wine and "groggy" not in wine
    assert "Beipackzettel" in medication.take_answer("soll ich... should I take my pills?", "de")
    assert "someone else's prescription" not in night


def test_someone_elses_prescription() -> None:
    """At 5 a.m. "should I just take one of my mum's sleeping pills" was not read as a question about medicine; the
    1.5B said "talk to your mum about other options… a warm bath"."""
    for text in ["should I just take one of my mum's sleeping pills", "can I take her xanax",
                 "should I take some of my flatmate's sleeping tablets"]:  # fmt: skip
        assert medication.asks_to_take(text), text
        answer = medication.take_answer(text, "en", ["it's 5am and I still haven't slept"])
        assert "Please don't take someone else's prescription" in answer and "groggy" in answer


async def say(app: App, text: str) -> str:
    events = [e async for e in app.companion.turn("ida", text, session_id="i1")]
    end = events[-1]
    assert isinstance(end, TurnEnd)
    return end.reply


async def test_medication_questions_are_answered_without_the_model(config: Config) -> None:
    llm = FakeLLM(default="I'm here.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:
        pills = await say(app, "how many of my sleeping pills can I take at once?")
        assert pills.startswith("I can't tell you doses") and "988 Suicide & Crisis Lifeline" in pills
        stop = await say(app, "should I stop taking my antidepressants? I feel better now")
        assert stop.startswith("I'm really glad you're feeling better. Please don't stop suddenly on your own")
        take = await say(app, "maybe I should just take a sleeping pill")
        assert take.startswith("That's really one for the label or a pharmacist")
        assert llm.calls == []
        asked = ("dose_question", "stop_medication_question", "take_medication_question")
        kinds = sorted(e.kind for e in SafetyStore(app.db).events("ida", asked))
        assert kinds == list(asked)
        crisis = await say(app, "how many sleeping pills would it take to die")
        assert not crisis.startswith("I can't tell you doses")  # the crisis protocol answers that one
    finally:
        await app.aclose()
