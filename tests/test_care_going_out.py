"""Afraid to go out: no "just do it", no "take a walk" (``amity.care.going_out``).

Someone who had not left the flat in two weeks heard from the default 1.5B "It's nice not to have to leave your flat
for so long", "try taking a walk", and to "I know I should go out. everyone says just do it" "Yeah, you should!" -
after the goodbye check had first read that message as leaving ("Take care. I'm glad we talked. Goodbye for now.").
"""

from __future__ import annotations

from amity.affect.self_report import find_self_reports
from amity.app import build_app, open_database
from amity.care.going_out import GUIDANCE, in_view, pushes
from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.safety.guard import detect_goodbye


def test_fear_of_going_out_is_found_and_going_out_tonight_is_not() -> None:
    assert in_view("every time I think about going out my heart starts pounding", [])
    assert in_view("ok", ["I haven't left my flat in two weeks"])
    assert in_view("I'm scared to leave the house", [])
    for text in ["I'm going out tonight!", "I'm scared of spiders", "we left the house at 8"]:
        assert not in_view(text, []), text
    words = [r.word for r in find_self_reports("the delivery guy is the only person I see")]
    assert words == ["isolated"]
    assert [r.word for r in find_self_reports("every time I think about going out my heart starts pounding")] == [
        "anxious"
    ]
    assert [r.word for r in find_self_reports("my heart is racing, I just got engaged!!")] == ["good news"]


def test_pushing_is_recognised() -> None:
    for sentence in ["Yeah, you should! Going out can be exciting and new.", "Try taking a walk or listening to music.",
                     "Just do it!", "Get some fresh air.", "You should go out more.",
                     "You could start by planning a few short walks."]:  # fmt: skip
        assert pushes(sentence), sentence
    for sentence in ["That sounds really hard.", "You should be proud of telling me.", "Small steps count.",
                     "It's understandable that everyone says 'just do it', but it's hard."]:  # fmt: skip
        assert not pushes(sentence), sentence


def test_going_out_is_a_plan_not_a_goodbye() -> None:
    assert detect_goodbye("I know I should go out. everyone says just do it") is None
    assert detect_goodbye("I should go out more") is None
    assert detect_goodbye("I need to go outside") is None
    assert detect_goodbye("I have to go out now") == "en"
    assert detect_goodbye("ok I should go now") == "en"


async def test_the_conversation_gets_the_line_and_loses_the_push(config: Config) -> None:
    llm = FakeLLM(default="That sounds so hard.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:
        [e async for e in app.companion.turn("jay", "I haven't left my flat in two weeks", session_id="j")]
        assert GUIDANCE in llm.last_system_prompt
        llm.enqueue("Yeah, you should! That sounds really tiring to hear from everyone.")
        end = [e async for e in app.companion.turn("jay", "I know I should go out. everyone says just do it",
                                                   session_id="j")][-1]  # fmt: skip
        assert end.reply == "That sounds really tiring to hear from everyone."
    finally:
        await app.aclose()
