"""Facts told in German, French and Spanish are kept, and "what do you know about me?" is answered in the language
asked (``amity.memory.rules_intl``, ``amity.memory.about_me``).

Before, Carmen (78) told Amity in Spanish her name, age, city, cat and daughter; only the name was kept, and "¿Qué
sabes de mí?" was not recognised: the 1.5B answered "¡Hola! Es un placer conocerte."
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from amity.app import build_app, open_database
from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.memory.about_me import asks_about_me, day, describe, sourced_summary
from amity.memory.extraction import extract_rules
from amity.memory.facts import Fact
from amity.memory.rules_intl import relation, your_relation

TODAY = date(2026, 11, 28)


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        ("Me llamo Carmen y tengo 78 años", {("user", "name", "Carmen"), ("user", "age", "78")}),
        ("Vivo en Sevilla con mi gato Miso", {("user", "location", "Sevilla"), ("Miso", "relation", "cat")}),
        ("Mi hija Lucía vive en Madrid", {("Lucía", "relation", "daughter")}),
        ("Lucía es mi hija", {("Lucía", "relation", "daughter")}),
        ("Soy alérgica a las nueces", {("user", "allergy", "nueces")}),
        ("Ich heiße Anna und ich bin 45 Jahre alt", {("user", "name", "Anna"), ("user", "age", "45")}),
        ("Ich wohne in Bad Homburg mit meinem Hund Bello",
         {("user", "location", "Bad Homburg"), ("Bello", "relation", "dog")}),
        ("Meine Tochter heißt Lena", {("Lena", "relation", "daughter")}),
        ("Ich arbeite als Lehrerin", {("user", "job", "Lehrerin")}),
        ("Je m'appelle Claire, j'ai 30 ans", {("user", "name", "Claire"), ("user", "age", "30")}),
        ("J'habite à Lyon avec ma fille Zoé", {("user", "location", "Lyon"), ("Zoé", "relation", "daughter")}),
        ("je travaille comme infirmière", {("user", "job", "infirmière")}),
    ],
)  # fmt: skip
def test_facts_told_in_other_languages_are_kept(text: str, facts: set[tuple[str, str, str]]) -> None:
    assert {(d.subject, d.key, d.value) for d in extract_rules(text, TODAY)} == facts


@pytest.mark.parametrize(
    "text", ["vivo en una casa pequeña", "mi hija y yo", "ich bin müde", "j'ai faim", "tengo frío", "ma fille est là"]
)
def test_everyday_words_are_not_facts(text: str) -> None:
    assert extract_rules(text, TODAY) == []


def test_relations_are_stored_in_english_and_told_back_in_the_users_language() -> None:
    assert relation("hija") == "daughter" and relation("Hund") == "dog" and relation("sister") == "sister"
    assert your_relation("daughter", "es") == "tu hija"
    assert your_relation("son", "de") == "dein Sohn" and your_relation("cat", "de") == "deine Katze"
    assert your_relation("daughter", "fr") == "ta fille" and your_relation("cat", "fr") == "ton chat"


@pytest.mark.parametrize(
    "text",
    ["What do you know about me?", "¿Qué sabes de mí?", "que sabes de mi", "Was weißt du über mich?",
     "was weisst du eigentlich über mich", "Qu'est-ce que tu sais de moi ?", "que sais-tu de moi"],
)  # fmt: skip
def test_the_question_is_found_in_four_languages(text: str) -> None:
    assert asks_about_me(text)
    assert not asks_about_me("¿Qué sabes de Madrid?")


def test_the_summary_is_written_in_the_language_asked() -> None:
    told = datetime(2026, 11, 28, 10, tzinfo=UTC)

    def fact(ident: str, subject: str, key: str, value: str, quote: str) -> Fact:
        return Fact(ident, "c", subject, key, value, 0.9, None, quote, told, told)

    facts = [
        fact("f1", "user", "name", "Carmen", "Me llamo Carmen"),
        fact("f2", "Lucía", "relation", "daughter", "Mi hija Lucía vive en Madrid"),
        fact("f3", "user", "location", "Sevilla", "Vivo en Sevilla"),
    ]
    spanish = sourced_summary(facts, {}, 3, "es")
    assert spanish.startswith("Esto es lo que sé de ti, y de dónde lo sé:")
    assert "- Lucía es tu hija (me lo dijiste el 28 de noviembre de 2026: «Mi hija Lucía vive en Madrid»)." in spanish
    assert "- Vives en Sevilla" in spanish and "amity memory forget" in spanish
    assert describe(facts[1], "de") == "Lucía ist deine Tochter" and describe(facts[0], "fr") == "Tu t'appelles Carmen"
    assert day(told, "de") == "28. November 2026" and day(told, "fr") == "28 novembre 2026"
    assert sourced_summary([], {}, 0, "de").startswith("Ehrlich gesagt weiß ich noch nicht viel über dich")
    assert sourced_summary(facts, {}, 0, "en").startswith("Here's what I know about you")


async def test_carmen_is_remembered_and_told_in_spanish(config: Config) -> None:
    llm = FakeLLM(default="¡Qué bonito!")
    app = build_app(config, llm=llm, db=open_database(config))
    try:
        for text in (
            "Me llamo Carmen y tengo 78 años",
            "Vivo en Sevilla con mi gato Miso",
            "Mi hija Lucía vive en Madrid",
        ):
            [e async for e in app.companion.turn("carmen", text, session_id="c")]
        calls = len(llm.calls)
        reply = [e async for e in app.companion.turn("carmen", "¿Qué sabes de mí?", session_id="c")][-1].reply
        assert len(llm.calls) == calls  # from stored facts, not the model
        for said in ("Te llamas Carmen", "Tienes 78 años", "Vives en Sevilla", "Miso es tu gato", "Lucía es tu hija"):
            assert said in reply, said
    finally:
        await app.aclose()
