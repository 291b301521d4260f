"""A threat that everyday trouble explains gets one direct question, not the protocol (``amity.safety.threat_check``).

Before: "I failed my exams. my dad is going to kill me" got the whole crisis protocol ("If you are in immediate
danger, please call 911 now", 988, "tell me whether you're safe at this moment") and nothing about the exams.
"""

from __future__ import annotations

import pytest

from amity.app import App, build_app, open_database
from amity.config import Config
from amity.events import SafetyFlag, TurnEnd
from amity.llm.fake import FakeLLM
from amity.safety import threat_check
from amity.safety.crisis import detect
from amity.store.safety_store import SafetyStore


@pytest.mark.parametrize(
    ("text", "earlier", "person"),
    [
        ("I failed my exams. my dad is going to kill me", [], "my dad"),
        ("my mom will kill me, I crashed the car", [], "my mom"),
        ("my dad is going to kill me", ["I scratched his car backing out"], "my dad"),
        ("ugh my boss is going to kill me, I missed the deadline", [], "my boss"),
        ("I got home late again. she is going to kill me", [], "she"),
    ],
)
def test_threats_that_trouble_explains_are_checked(text: str, earlier: list[str], person: str) -> None:
    assert threat_check.hyperbole(detect(text), text, earlier) == person


@pytest.mark.parametrize(
    ("text", "earlier"),
    [
        ("He's going to kill me.", []),  # no trouble in view: the protocol
        ("my dad is going to kill me", []),
        ("my dad is going to kill me", ["we had dinner"]),
        ("I failed my exams. my dad is going to kill me, he hit me last time", []),  # violence told
        ("I failed my exams and I'm scared of him. he is going to kill me", []),
        ("I failed my exams. my dad is going to hurt me", []),  # hurt, not kill: the protocol
        ("I crashed the car. my dad wants to kill me", []),
        ("I failed my exams. my dad is going to kill me and I want to kill myself", []),  # suicide too
    ],
)
def test_the_protocol_keeps_real_danger(text: str, earlier: list[str]) -> None:
    verdict = detect(text)
    assert verdict.crisis
    assert threat_check.hyperbole(verdict, text, earlier) is None


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("no, he'll just shout a lot", "no"),
        ("No he's not violent. I'm just scared of disappointing him", "no"),
        ("he'll be so mad", "no"),
        ("not literally lol", "no"),
        ("no he would never hurt me", "no"),
        ("I mean she'll be disappointed", "no"),
        ("yes", "yes"),
        ("maybe", "yes"),  # unsure counts as yes
        ("I don't know, he gets really angry", "yes"),
        ("he hit me before", "yes"),
        ("he could", "yes"),
        ("what do you think I should say to him", None),
    ],
)
def test_answers_to_the_question(text: str, said: str | None) -> None:
    assert threat_check.answer(text) == said


def test_the_question_names_the_person_and_the_number() -> None:
    from amity.types import CrisisResource

    emergency = (CrisisResource("Emergency services", "999 or 112", "GB", "gov.uk"),)
    youth = (CrisisResource("Childline", "0800 1111", "GB", "nspcc"),)
    mom = threat_check.check_reply("my mum", emergency, youth)
    assert "your mum is going to kill you, do you mean she'll be really angry" in mom
    assert "afraid she might actually hurt you?" in mom
    assert "call 999 or 112, or reach Childline: 0800 1111." in mom
    parents = threat_check.check_reply("my parents", emergency, ())
    assert "your parents are going to kill you, do you mean they'll be" in parents
    assert threat_check.asked(mom) and threat_check.asked(parents)
    assert not threat_check.asked("I'm here for you.")


async def _turn(app: App, text: str) -> tuple[str, bool]:
    events = [e async for e in app.companion.turn("kid", text, session_id="k1")]
    end = next(e for e in events if isinstance(e, TurnEnd))
    return end.reply, any(isinstance(e, SafetyFlag) and e.result.crisis for e in events)


async def test_a_no_is_believed_and_danger_is_not_raised_again(config: Config) -> None:
    llm = FakeLLM(default="That fear of letting him down sounds heavy.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:
        reply, crisis = await _turn(app, "I failed my exams. my dad is going to kill me")
        assert not crisis
        assert "do you mean he'll be really angry, or are you afraid he might actually hurt you?" in reply
        assert "call 911" in reply  # the default en-US locale's emergency number
        assert not llm.calls  # the question is fixed: the model never ran
        reply, crisis = await _turn(app, "no he'll just shout a lot, he's not violent")
        assert not crisis and reply == "That fear of letting him down sounds heavy."
        assert threat_check.DENIED_GUIDANCE in llm.last_system_prompt
        kinds = [e.kind for e in SafetyStore(app.db).events("kid", ("danger_check",))]
        assert kinds == ["danger_check"]
    finally:
        await app.aclose()


async def test_a_yes_or_an_unsure_answer_runs_the_protocol(config: Config) -> None:
    app = build_app(config, llm=FakeLLM(default="I'm here."), db=open_database(config))
    try:
        await _turn(app, "I crashed the car. my mom is going to kill me")
        reply, crisis = await _turn(app, "I don't know, she gets really angry")
        assert crisis
        assert "If you are in immediate danger, please call 911 now" in reply
    finally:
        await app.aclose()
