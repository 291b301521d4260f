"""Unit tests of the crisis detector, its normalisation and the crisis resource table."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from amity.errors import ConfigError
from amity.safety.crisis import detect
from amity.safety.resources import load_table, resources_for
from amity.safety.text import clauses, kin_person, language_of, normalize, person_told, region_of, third_person


def test_normalize_folds_accents_quotes_and_contractions() -> None:
    assert normalize("I’m NOT okay, I don't know") == "i am not okay, i do not know"
    assert normalize("Ich möchte nicht mehr leben, Straße") == "ich mochte nicht mehr leben, strasse"
    assert normalize("im in danger") == "i am in danger"
    assert normalize("Ich bin im Haus") == "ich bin im haus"  # German "im" stays
    assert clauses("i am tired. i want to die but i will not") == ["i am tired.", "i want to die", "i will not"]


def test_locale_helpers() -> None:
    assert language_of("de-AT") == "de" and language_of("it-IT") == "en" and language_of(None) == "en"
    assert region_of("de-AT") == "AT" and region_of("fr") == "FR" and region_of("en") == "US"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("i wanna kms", "suicide"),
        ("I've been cutting myself again", "self_harm"),
        ("I took 40 pills an hour ago", "overdose"),
        ("my stepdad touches me inappropriately", "abuse"),
        ("someone is breaking into my house", "danger"),
        ("My friend said she would kill herself", "third_party"),
        ("Ich bringe mich um", "suicide"),
        ("Je vais me foutre en l'air", "suicide"),
        ("Me quiero morir", "suicide"),
    ],
)
def test_categories(text: str, category: str) -> None:
    verdict = detect(text)
    assert verdict.crisis and category in verdict.categories
    assert f"crisis:{category}" in verdict.flags


@pytest.mark.parametrize(
    "text",
    [
        "I'm not suicidal",
        "I would never kill myself",
        "I don't want to die",
        "Ich will nicht sterben",
        "Je ne veux pas mourir",
        "No quiero morir",
        "I cut myself shaving",
        "My brother beat me at chess",
        "My mom will kill me if I'm late",
        "We read an article about suicide prevention",
        "I overdosed on coffee today",
    ],
)
def test_negations_and_idioms(text: str) -> None:
    assert not detect(text).crisis


@pytest.mark.parametrize(
    "text",
    [
        "I do not know why I want to die",  # "not" belongs to "know"
        "I can't stop thinking about killing myself",  # "not" belongs to "stop"
        "no one would care if i killed myself",  # "no" is in another sub-clause
        "I'm not okay and I want to die",
        "I don't want to live anymore",  # the negation is the crisis
        "Je ne veux plus vivre",
    ],
)
def test_negations_that_do_not_cancel(text: str) -> None:
    assert detect(text).crisis


def test_resources_have_sources_everywhere() -> None:
    table = load_table()
    for code, entries in table.regions.items():
        assert entries, code
        assert any("emergency" in e.topics for e in entries), code
        for entry in entries:
            assert entry.resource.source.startswith("https://"), (code, entry.resource.name)


def test_resource_lookup_order() -> None:
    de = resources_for("de-DE", ["suicide"])
    assert de[0].name == "TelefonSeelsorge" and de[-1].contact.startswith("112")
    assert any(r.contact == "116 016" for r in resources_for("de-DE", ["abuse"]))
    assert any(r.contact == "116 111" for r in resources_for("de-DE", ["suicide"], minor=True))
    assert [r.contact for r in resources_for("pt-PT", ["suicide"])] == ["116 123", "112"]
    assert resources_for("ja-JP", ["suicide"])[0].contact == "https://findahelpline.com"


def test_resource_override_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    custom = tmp_path / "lines.json"
    custom.write_text(
        json.dumps(
            {
                "regions": {
                    "NZ": [
                        {
                            "name": "Need to talk?",
                            "contact": "1737",
                            "topics": ["suicide"],
                            "source": "https://1737.org.nz",
                        },
                        {
                            "name": "Emergency",
                            "contact": "111",
                            "topics": ["emergency"],
                            "source": "https://www.police.govt.nz",
                        },
                    ]
                }
            }
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("AMITY_CRISIS_RESOURCES", str(custom))
    assert [r.contact for r in resources_for("en-NZ", ["suicide"])] == ["1737", "111"]
    assert resources_for("en-US", ["suicide"])[0].contact == "Call or text 988"
    bad = tmp_path / "bad.json"
    bad.write_text('{"regions": {"NZ": [{"name": "x", "contact": "1"}]}}', encoding="utf-8")
    monkeypatch.setenv("AMITY_CRISIS_RESOURCES", str(bad))
    with pytest.raises(ConfigError):
        resources_for("en-NZ", ["suicide"])


@pytest.mark.parametrize(
    "transcript",
    ["um i think i want to kill myself i cant do this anymore", "ich will nicht mehr leben ich kann nicht mehr"],
)
def test_transcribed_speech_without_punctuation(transcript: str) -> None:
    assert detect(transcript).crisis


def test_third_person_follows_the_words_the_user_used() -> None:
    assert third_person(["she got a job there"]) == ("she", "her")
    assert third_person(["I told him"]) == ("he", "him")
    assert third_person(["my friend is moving"]) == ("they", "them")
    assert third_person(["my sister is moving"], she=r"my\s+sister") == ("she", "her")
    assert third_person(["the shed is here"]) == ("they", "them")  # whole words only


def test_the_person_told_of_takes_pronouns_from_the_relation_or_the_message() -> None:
    assert kin_person("little sister") == ("she", "her", "her")
    assert kin_person("best friend", "my best friend killed himself") == ("he", "him", "his")
    assert kin_person("partner", "my partner took their own life") == ("they", "them", "their")
    named = re.compile(r"\bmy (?P<who>(?:\w+ )?(?:mum|dad|friend))\b")
    assert person_told(["i'm tired", "my old friend has cancer, she's 40"], named.search) == (
        "your old friend",
        "she",
        "her",
        "her",
    )
    assert person_told(["nothing here"], named.search) == ("them", "they", "them", "their")
