"""A failed exam: no cheering, no study tips, the fear of letting people down heard (``amity.care.setback``).

Before, to "he worked so hard so I could go to a good school" (two messages after "I failed my exams") the default
1.5B said "I'm glad you're doing well. It's important to celebrate achievements."
"""

from __future__ import annotations

import pytest

from amity.app import build_app, open_database
from amity.care import job_rejection
from amity.care.setback import (
    GUIDANCE,
    failed,
    how_to_tell_reply,
    in_view,
    not_enough_reply,
    sacrifice_reply,
    scared_reply,
)
from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.safety.tactics import find_tactics


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("I failed my exams. my dad is going to kill me", "I failed my exams"),
        ("I flunked my driving test again", "I flunked my driving test"),
        ("I didn't pass the bar", "I didn't pass the bar"),
        ("I got an F in chemistry", "I got an F in chemistry"),
        ("I didn’t get into any of the universities", "I didn't get into any of the universities"),
        ("my grades are so bad this year", "my grades are so bad"),
        ("I think I failed all of my finals", "I failed all of my finals"),
        ("I didn't get the job. I was so sure this time", "I didn't get the job"),
        ("that's the 12th rejection this year", "the 12th rejection"),
        ("I got rejected again", "I got rejected again"),
    ],
)
def test_a_failure_told_is_found(text: str, quote: str) -> None:
    assert failed(text) == quote


@pytest.mark.parametrize(
    "text",
    ["I failed to mention it", "I passed my exams!", "he failed his test", "I failed at cooking lol",
     "my grades are good", "I didn't get into the details"],
)  # fmt: skip
def test_other_failures_and_passes_are_not(text: str) -> None:
    assert failed(text) is None


def test_the_failure_stays_in_view_for_the_thread() -> None:
    earlier = ["I'm scared of disappointing him", "no he'll just shout", "I failed my exams"]
    assert in_view("he worked so hard so I could go to a good school", earlier) == "I failed my exams"
    assert in_view("he worked so hard", ["hi", "how are you"]) is None


def test_cheering_a_setback_is_dismissing_pain() -> None:
    assert "dismissing_pain" in find_tactics("I'm glad you're doing well.", user_hurting=True)
    assert "dismissing_pain" in find_tactics("It's important to celebrate achievements.", user_hurting=True)
    assert find_tactics("It's important to celebrate achievements.", user_hurting=False) == []


def test_the_fear_the_sacrifice_and_the_first_sentence_get_answers() -> None:
    scared = scared_reply("no he'll just shout. I'm just scared of disappointing him", "I failed my exams")
    assert scared is not None and "what he thinks, and that is because you love him" in scared
    assert scared_reply("my parents will be so disappointed", "I failed my exams") is not None
    assert scared_reply("I'm scared of spiders", "I failed my exams") is None
    gave = sacrifice_reply("he worked so hard so I could go to a good school", "I failed my exams")
    assert gave is not None and "letting down everything he gave for you" in gave
    assert sacrifice_reply("he worked late yesterday", "I failed my exams") is None
    told = how_to_tell_reply("I don't know how to tell my mom", "I didn't pass the bar")
    assert (
        told is not None and "\"Mom, I have something hard to tell you. I didn't pass the bar, and I feel awful" in told
    )
    assert "not when she is rushing out" in told
    assert how_to_tell_reply("I don't know what to do", "I failed my exams") is None


async def test_the_thread_gets_the_line_and_loses_the_cheer(config: Config) -> None:
    llm = FakeLLM(default="That sounds so heavy.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:
        [e async for e in app.companion.turn("sam", "I failed my exams", session_id="s")]
        assert GUIDANCE in llm.last_system_prompt
        scared = [e async for e in app.companion.turn("sam", "I'm scared of disappointing him", session_id="s")][-1]
        assert scared.reply == scared_reply("I'm scared of disappointing him", "I failed my exams")
        llm.enqueue("I'm glad you're doing well. He did all that because he loves you.")
        end = [e async for e in app.companion.turn("sam", "he really hoped I'd be a doctor", session_id="s")][-1]
        assert GUIDANCE in llm.last_system_prompt  # two messages on, still in view
        assert end.reply == "He did all that because he loves you."
        llm.enqueue("It makes sense that his opinion weighs so much.")
        again = [e async for e in app.companion.turn("sam", "I'm scared of disappointing him", session_id="s")][-1]
        assert again.reply == "It makes sense that his opinion weighs so much."  # each fixed reply once, then the model
        told = [e async for e in app.companion.turn("sam", "I don't know how to tell him", session_id="s")][-1]
        assert told.reply == how_to_tell_reply("I don't know how to tell him", "I failed my exams")  # not cut as advice
    finally:
        await app.aclose()


def test_not_good_enough_after_rejections_gets_a_plain_no() -> None:
    told = ["maybe I'm just not good enough", "that's the 12th rejection this year", "I didn't get the job"]
    reply = not_enough_reply(told[0], told)
    assert reply is not None and reply.startswith("You are good enough - a no from them isn't a verdict on you.")
    assert "12 rejections say more about how hard it is out there" in reply
    exam = not_enough_reply("maybe I'm just not good enough", ["maybe I'm just not good enough", "I failed my exams"])
    assert exam is not None and "one result isn't a verdict on you" in exam
    assert not_enough_reply("I'm tired", ["I'm tired", "I failed my exams"]) is None


async def test_a_job_rejection_gets_no_search_for_fault(config: Config) -> None:
    llm = FakeLLM(default="That's a lot to carry.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str) -> str:
            return [e async for e in app.companion.turn("ria", text, session_id="r")][-1].reply

        told = "I didn't get the job. I was so sure this time"  # answered first by amity.care.job_rejection
        assert await say(told) == job_rejection.first_reply(told)
        twelfth = "that's the 12th rejection this year"
        assert await say(twelfth) == job_rejection.many_reply([twelfth])
        assert job_rejection.many_reply([twelfth]).startswith("12 rejections - ")
        llm.enqueue("What do you think could have gone wrong this time? That's so many.")
        assert await say("it was for a job at the library") == "That's so many."
        assert GUIDANCE in llm.last_system_prompt
        reply = await say("maybe I'm just not good enough")
        assert reply.startswith("You are good enough") and "12 rejections" in reply
    finally:
        await app.aclose()
