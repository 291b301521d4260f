"""A message is answered in the language it is written in, whatever the user's locale says."""

from __future__ import annotations

import pytest

from amity.engine import Companion
from amity.llm.fake import FakeLLM
from amity.safety.text import detect_language, message_language
from tests.redteam.helpers import run_turn


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Ich bin 45", "de"),
        ("Meine Mutter ist letzte Woche gestorben.", "de"),
        ("Gute Nacht", "de"),
        ("Hallo", "de"),
        ("Je me sens seule ce soir", "fr"),
        ("J'ai 45 ans", "fr"),
        ("Mi madre murió la semana pasada", "es"),
        ("Hola", "es"),
        ("¿Tú te acuerdas de lo que te conté?", "es"),  # had read as French ("tu", "que")
        ("Tu te souviens de ce que je t'ai dit ?", "fr"),
        ("I feel so alone", "en"),
        ("ok", None),  # too short to tell: the locale decides
        ("45", None),
        ("I'm 45", None),
    ],
)
def test_the_language_is_read_from_function_words(text: str, lang: str | None) -> None:
    assert detect_language(text) == lang


def test_unclear_messages_fall_back_to_the_locale() -> None:
    assert message_language("ok", "fr-FR") == "fr" and message_language("ok", None) == "en"
    assert message_language("Das ist so schwer", "en-US") == "de"
    # a short message follows the conversation: "Wo bekomme ich Hilfe?" after German was once answered in English
    assert message_language("ok", "en-US", ["Ich schäme mich so.", "Hello"]) == "de"
    assert message_language("ok", "de-DE", ["I was there all day"]) == "en"
    assert message_language("Wo bekomme ich Hilfe?", "en-US") == "de"


async def test_a_german_message_from_an_english_locale_is_answered_in_german(
    companion: Companion, llm: FakeLLM
) -> None:
    [e async for e in companion.open("jan")]
    end, _ = await run_turn(companion, "jan", "Ich bin 45")  # the age question's answer
    assert end.reply == "Danke, dass du es mir sagst. Wie geht es dir heute?"  # the model had said "you're a bit older"
    await run_turn(companion, "jan", "Meine Mutter ist letzte Woche gestorben.")
    assert "The user is writing in German: reply in German only." in llm.last_system_prompt
    await run_turn(companion, "jan", "I am so tired today")
    assert "reply in German" not in llm.last_system_prompt and "writing in English" not in llm.last_system_prompt
