"""Living with chronic pain or illness: believed, its losses grieved, no cures (``amity.care.chronic_pain``).

Before, the default 1.5B answered "I've had chronic pain for six years and the doctors keep telling me it's in my head"
with "Sometimes, it's not just physical - it can be related to other things, such as stress or anxiety", and "I used to
run marathons" with "That's a great accomplishment! … What do you think of your training?"
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care.chronic_pain import (
    GUIDANCE,
    ChronicPainStage,
    bad_days_reply,
    before_reply,
    believed_reply,
    better_reply,
    cant_live_reply,
    chronic_pain,
    doubts,
    first_reply,
    friends_reply,
    needing_help_reply,
    worn_out_reply,
)
from amity.care.unasked_advice import gives_advice
from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.safety.crisis import detect
from amity.safety.hopeless import sounds_hopeless
from amity.safety.tactics import find_tactics

PAIN = "I've had chronic pain for six years and the doctors keep telling me it's in my head"


@pytest.mark.parametrize(
    "text",
    [PAIN, "I have fibromyalgia", "I live with lupus", "my chronic illness keeps me home", "I'm chronically ill",
     "i've been living with long covid for 2 years", "I have ME/CFS"],
)  # fmt: skip
def test_ones_own_chronic_pain_is_found(text: str) -> None:
    assert chronic_pain(text)


@pytest.mark.parametrize(
    "text", ["my mum has fibromyalgia", "I had a headache yesterday", "I used to have chronic pain years ago"]
)
def test_someone_elses_a_passing_ache_and_the_past_are_not_this_theme(text: str) -> None:
    assert not chronic_pain(text)


def test_the_first_reply_believes_them_and_names_what_they_live_with() -> None:
    assert first_reply(PAIN) == (
        "Six years of pain, and then having it waved away - that's its own hurt, on top of everything else. "
        "What you're living with is real. Being doubted by the people who are meant to help wears anyone down. How is "
        "it today?"
    )
    assert first_reply("I'm chronically ill and nobody believes me").startswith(
        "Living with a chronic illness, and then not being believed"
    )
    assert first_reply("i've been living with long covid for 2 years").startswith(
        "Living with long COVID day after day, for 2 years, is exhausting"
    )
    assert ChronicPainStage().first_reply("I have fibromyalgia, what should I do about work?") is None
    passing = "i applied for a job that would allow me to work at home because i suffer from lupus. i didn't get it"
    assert chronic_pain(passing) and ChronicPainStage().first_reply(passing) is None


def test_later_answers() -> None:
    assert before_reply(["I used to run marathons"]).startswith(
        "And it took that from you too - the you who used to run marathons."
    )
    assert "the you who used to be so active." in before_reply(["i used to be so active and now look at me"])
    assert before_reply(["I used to"]).startswith("And it took that from you too. Missing that")
    stage = ChronicPainStage()
    assert stage.later_replies("I used to have friends", [PAIN]) == []  # "have" is not a life before
    assert stage.later_replies("today is actually a bit better", [PAIN]) == [better_reply([])]
    assert stage.later_replies("nobody believes me", ["I have lupus"]) == [believed_reply([])]
    partner = "my partner tries but I can tell he's tired of it"
    assert worn_out_reply([partner]).endswith(
        "Him being tired of the pain isn't the same as him being tired of you. It makes sense that it weighs on you."
    )
    assert stage.later_replies("my mum says she's sick of me", [PAIN]) == []  # not "tired of the pain"
    assert stage.later_replies("no. I just don't know how to live like this", [PAIN]) == [cant_live_reply([])]
    assert stage.later_replies("no, not like that. I just hate needing help", [PAIN]) == [needing_help_reply([])]


@pytest.mark.parametrize(
    "sentence",
    ["Sometimes, it's not just physical - it can be related to other things, such as stress or anxiety.",
     "Have you been experiencing any other symptoms?", "Have you tried yoga?", "Mind over matter!",
     "It's important to find ways to keep your friends interested.", "Maybe you could try planning a small surprise?",
     "That's a great accomplishment!", "Running marathons is an excellent way to stay active.",
     "What do you think of your training?",
     "Sometimes, it's about time to move on or find a new partner who can understand and support you better."],
)  # fmt: skip
def test_doubts_and_fixes_are_caught(sentence: str) -> None:
    assert doubts(sentence)


def test_no_fixed_reply_doubts_manipulates_or_advises() -> None:
    told = [PAIN]
    replies = [first_reply(PAIN), bad_days_reply(told), friends_reply(told), before_reply(["I used to run marathons"]),
               believed_reply(told), better_reply(told), worn_out_reply(["he's tired of it"]),
               cant_live_reply(told), needing_help_reply(told)]  # fmt: skip
    assert not [r for r in replies if doubts(r) or find_tactics(r, user_hurting=True) or gives_advice(r)]


def test_ive_got_reads_like_i_have_in_the_loss_and_theme_patterns() -> None:
    """ "I've got fibromyalgia" had matched nothing: the patterns wanted a space between "i" and "'ve"."""
    from amity.affect.loss import find_loss
    from amity.affect.self_report import find_self_reports
    from amity.care.health_scare import first_reply as scare_reply

    assert find_loss("I've got fibromyalgia") == ("I've got fibromyalgia", "living with illness")
    assert scare_reply("I've got a lump in my breast and I'm scared")
    assert any(r.word == "lonely" for r in find_self_reports("I've got no friends"))


def test_my_life_is_over_is_asked_about_not_run_as_a_crisis() -> None:
    said = "I'm 31 and I feel like my life is over"
    assert sounds_hopeless(said) and not detect(said).crisis


async def test_the_conversation(config: Config) -> None:
    llm = FakeLLM(default="That sounds so hard.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("kim", text, session_id="c")][-1].reply

        assert await say(PAIN) == first_reply(PAIN)
        assert await say("some days I can't even get out of bed") == bad_days_reply([])
        assert await say("my friends stopped inviting me places because I always cancel") == friends_reply([])
        assert await say("I used to run marathons") == before_reply(["I used to run marathons"])
        assert await say("today is actually a bit better") == better_reply([])
        llm.enqueue("Have you tried yoga? What did you have for lunch?")
        assert await say("I had soup") == "What did you have for lunch?"
        assert GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()
