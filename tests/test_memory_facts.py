"""Fact extraction (rules, LLM with JSON schema + validation + fallback) and fact wording."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from amity.errors import BackendUnavailable, InputError
from amity.llm.fake import FakeLLM
from amity.memory.extraction import FactExtractor, extract_rules
from amity.memory.facts import Fact, FactBook, FactDraft
from amity.memory.llm_facts import FACT_SCHEMA, parse_llm_reply
from amity.store.db import Database
from amity.store.schema_facts import MIGRATIONS
from amity.store.sqlite_facts import SQLiteFactStore

TODAY = date(2026, 11, 26)  # a Thursday


def triples(text: str, known: list[Fact] | None = None) -> set[tuple[str, str, str, str | None]]:
    return {(d.subject, d.key, d.value, d.date_value) for d in extract_rules(text, TODAY, known or [])}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hi, my name is Sam and I live in London.",
            {("user", "name", "Sam", None), ("user", "location", "London", None)},
        ),
        ("I moved to Lisbon last month!", {("user", "location", "Lisbon", None)}),
        ("i live in new york city now", {("user", "location", "New York City", None)}),
        ("I'm originally from Porto.", {("user", "hometown", "Porto", None)}),
        (
            "I'm 34 years old and I work as a nurse.",
            {("user", "age", "34", None), ("user", "job", "nurse", None)},
        ),
        ("I'm a teacher", {("user", "job", "teacher", None)}),
        ("I work at the city library", {("user", "employer", "city library", None)}),
        (
            "I'm allergic to peanuts, shellfish and penicillin.",
            {("user", "allergy", v, None) for v in ("peanuts", "shellfish", "penicillin")},
        ),
        (
            "I'm allergic to peanuts and my sister is called Maya.",
            {("user", "allergy", "peanuts", None), ("Maya", "relation", "sister", None)},
        ),
        ("I have a severe latex allergy", {("user", "allergy", "severe latex", None)}),
        (
            "I love hiking and I hate mushrooms",
            {("user", "likes", "hiking", None), ("user", "dislikes", "mushrooms", None)},
        ),
        ("my favourite food is sushi", {("user", "favourite food", "sushi", None)}),
        ("My dog is called Biscuit.", {("Biscuit", "relation", "dog", None)}),
        ("Tom is my brother", {("Tom", "relation", "brother", None)}),
        ("My best friend is Saoirse.", {("Saoirse", "relation", "best friend", None)}),
        ("My therapist is Dr. Patel. She listens.", {("Dr. Patel", "relation", "therapist", None)}),
        ("I have two kids, Emma and Jack.", {("Emma", "relation", "child", None), ("Jack", "relation", "child", None)}),
        ("My cats are called Mochi and Miso", {("Mochi", "relation", "cat", None), ("Miso", "relation", "cat", None)}),
        ("My sisters are Ana, Eva and Rosa.", {(n, "relation", "sister", None) for n in ("Ana", "Eva", "Rosa")}),
        (
            "My sister Maya turns 30 soon. Her birthday is on the 5th of May.",
            {("Maya", "relation", "sister", None), ("Maya", "birthday", "5 May", "--05-05")},
        ),
        ("Maya's birthday is on 29 November", {("Maya", "birthday", "29 November", "--11-29")}),
        ("my birthday is on the 5th of May", {("user", "birthday", "5 May", "--05-05")}),
        ("I was born on 3 March 1990", {("user", "birthday", "3 March 1990", "1990-03-03")}),
        ("our anniversary is on June 12", {("user", "anniversary", "12 June", "--06-12")}),
        (
            "I have a dentist appointment next Friday.",
            {("user", "appointment", "dentist appointment", "2026-12-04")},
        ),
        ("I'm going to a wedding on Saturday", {("user", "important_date", "wedding", "2026-11-28")}),
        ("I have therapy on Thursday.", {("user", "appointment", "therapy", "2026-12-03")}),
        ("I have a physio appointment next Tuesday.", {("user", "appointment", "physio appointment", "2026-12-01")}),
        ("Mum is coming to stay for Christmas.", {("user", "important_date", "Mum's visit", "2026-12-25")}),
        ("We're having a party on New Year's Eve.", {("user", "important_date", "party", "2026-12-31")}),
        ("Jack turns 7 on Sunday.", {("Jack", "birthday", "29 November", "--11-29")}),
        ("I'm turning 30 on Friday.", {("user", "birthday", "27 November", "--11-27")}),
        ("I got a puppy today!! His name is Mochi, he's a shiba", {("Mochi", "relation", "puppy", None)}),
        ("I just adopted a kitten, she is called Luna.", {("Luna", "relation", "kitten", None)}),
        ("I'm allergic to cats btw, that's why a dog", {("user", "allergy", "cats", None)}),  # not "that's why a dog"
    ],
)
def test_rules_extract(text: str, expected: set[tuple[str, str, str, str | None]]) -> None:
    assert triples(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I don't live in London anymore",
        "Am I allergic to anything?",
        "I'm 5 minutes late",
        "call me back later",
        "I'm tired.",
        "Can we talk about my exam tomorrow?",
        "I like that idea",
        "My dad is American.",  # a demonym, not a name
        "My friend is sick.",
        "My best friend is Amy's sister.",
        "I got a new job. Her name is Sue.",  # a name after something that is not a pet
        "My parents are Irish and Polish.",
        "I have two dogs, a lab and a poodle.",
        "She turns 3 on Monday.",  # who is not said
        "The road turns 90 degrees on Main Street.",
        "My mom's birthday is next week.",  # no day: nothing, rather than a guessed one
    ],
)
def test_rules_ignore_negations_questions_and_chatter(text: str) -> None:
    assert triples(text) == set()


def test_relation_resolves_birthday_of_known_person() -> None:
    maya = Fact("f_1", "u", "Maya", "relation", "sister", 0.9, None, "", datetime.now(UTC), datetime.now(UTC))
    assert triples("My sister's birthday is March 3rd.", [maya]) == {("Maya", "birthday", "3 March", "--03-03")}
    assert triples("My sister's birthday is March 3rd.") == {("the user's sister", "birthday", "3 March", "--03-03")}


def test_every_draft_quotes_its_clause() -> None:
    drafts = extract_rules("Hello there. I moved to Lisbon! It is sunny.", TODAY)
    assert [d.quote for d in drafts] == ["I moved to Lisbon!"]


def test_fact_wording_for_user_and_prompt() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    loc = Fact("f_1", "u", "user", "location", "Lisbon", 0.9, "t", "q", now, now)
    assert loc.describe() == "You live in Lisbon" and loc.describe("user") == "The user lives in Lisbon"
    bday = Fact("f_2", "u", "the user's sister", "birthday", "3 March", 0.9, "t", "q", now, now, "--03-03")
    assert bday.describe() == "Your sister's birthday is on 3 March"
    appt = Fact("f_3", "u", "user", "appointment", "dentist appointment", 0.9, None, "", now, now, "2026-12-04")
    assert appt.describe("user") == "The user has their dentist appointment on Friday 4 December 2026"
    assert Fact("f_4", "u", "Biscuit", "relation", "dog", 1, None, "", now, now).describe() == "Biscuit is your dog"


def test_unknown_keys_are_refused(tmp_path: Path) -> None:
    book = FactBook(SQLiteFactStore(Database(tmp_path / "f.db", MIGRATIONS)))
    with pytest.raises(InputError):
        book.record("u", FactDraft("password", "hunter2"))
    with pytest.raises(InputError):
        book.record("u", FactDraft("location", "  "))


# -- LLM extraction ---------------------------------------------------------------------------------------

TEXT = "My partner Alex and I adopted a cat called Miso. Alex loves jazz."


def test_llm_reply_is_validated_against_the_message() -> None:
    reply = json.dumps(
        {
            "facts": [
                {"subject": "Miso", "key": "relation", "value": "cat"},
                {"subject": "user", "key": "location", "value": "Paris"},  # never said: dropped
                {"subject": "Bob", "key": "relation", "value": "cat"},  # unknown person: dropped
                {"subject": "user", "key": "salary", "value": "cat"},  # unknown key: dropped
                {"key": "likes"},  # malformed: dropped
                "nonsense",
            ]
        }
    )
    drafts = parse_llm_reply(reply, TEXT, TODAY)
    assert drafts is not None
    assert [(d.subject, d.key, d.value, d.origin) for d in drafts] == [("Miso", "relation", "cat", "llm")]
    assert parse_llm_reply("{not json", TEXT, TODAY) is None
    assert parse_llm_reply('{"facts": 3}', TEXT, TODAY) is None
    assert parse_llm_reply("no braces at all", TEXT, TODAY) is None


async def test_llm_pass_uses_json_schema_and_adds_to_rules() -> None:
    reply = {
        "facts": [
            {"subject": "Alex", "key": "likes", "value": "jazz"},
            {"subject": "Alex", "key": "relation", "value": "cat"},  # contradicts the rules: rules win
            {"subject": "user", "key": "relation", "value": "cat"},  # the user's own relation: dropped
            {"subject": "user", "key": "job", "value": "Miso"},  # a pet's name as a job: dropped
        ]
    }
    llm = FakeLLM([json.dumps(reply)])
    extractor = FactExtractor(llm, use_llm=True)
    drafts = await extractor.extract(TEXT, TODAY)
    options = llm.calls[0][1]
    assert options.json_schema == FACT_SCHEMA and options.temperature == 0.0
    assert {(d.subject, d.key, d.value, d.origin) for d in drafts} == {
        ("Alex", "relation", "partner", "rules"),
        ("Miso", "relation", "cat", "rules"),
        ("Alex", "likes", "jazz", "llm"),  # the LLM filled what the rules cannot see
    }


async def test_llm_invalid_json_or_error_falls_back_to_rules() -> None:
    llm = FakeLLM(['{"facts": [{"subject": "Miso", "key": "relat', BackendUnavailable("down", "start it")])
    extractor = FactExtractor(llm, use_llm=True)
    for _ in range(2):
        drafts = await extractor.extract(TEXT, TODAY)
        assert {(d.subject, d.key, d.value) for d in drafts} == {
            ("Alex", "relation", "partner"),
            ("Miso", "relation", "cat"),
        }
    assert extractor.llm_failures == 2


async def test_llm_partial_items_keep_the_valid_ones_and_dates_are_normalised() -> None:
    text = "Our anniversary is on June 12 and I'm allergic to kiwi"
    reply = json.dumps(
        {
            "facts": [
                {"subject": "user", "key": "anniversary", "value": "June 12", "date": "June 12"},
                {"subject": "user", "key": "allergy", "value": "kiwi"},
                {"subject": "user", "key": "birthday", "value": "soon"},
            ]
        }
    )
    drafts = parse_llm_reply(reply, text, TODAY)
    assert drafts is not None
    assert [(d.key, d.value, d.date_value) for d in drafts] == [
        ("anniversary", "June 12", "--06-12"),
        ("allergy", "kiwi", None),
    ]


def test_llm_off_by_default() -> None:
    assert FactExtractor(FakeLLM()).use_llm is False


@pytest.mark.model
async def test_smollm2_extraction_is_valid_json(smollm2: Path) -> None:
    """The real 135M model under the JSON-schema grammar: its reply parses; rules and LLM merge."""
    from amity.llm.embedded import EmbeddedLLM

    llm = EmbeddedLLM(smollm2, n_ctx=1024, n_threads=2)
    try:
        extractor = FactExtractor(llm, use_llm=True, timeout_s=600)
        text = "I'm allergic to peanuts and my sister is called Maya."
        drafts = await extractor.extract(text, TODAY)
        assert extractor.llm_failures == 0  # the grammar-constrained reply was the expected JSON
        got = {(d.subject, d.key, d.value) for d in drafts}
        assert {("user", "allergy", "peanuts"), ("Maya", "relation", "sister")} <= got
        assert all(d.quote for d in drafts)
        assert ("user", "job", "Maya") not in got  # a name as a job (what the 135M model said) is refused
    finally:
        await llm.aclose()
