"""Red-team fixtures: a companion wired with the safety layer on a real SQLite file, a FakeLLM and a clock
that tests move forward by hand."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from amity.engine import Companion
from amity.llm.fake import FakeLLM
from amity.store import schema_core, schema_safety
from amity.store.db import Database
from amity.store.safety_store import SafetyStore
from tests.redteam.helpers import Clock, safety_companion

SAFETY_MIGRATIONS = [*schema_core.MIGRATIONS, *schema_safety.MIGRATIONS]  # only what this area needs


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(tmp_path / "safety.db", SAFETY_MIGRATIONS)
    yield database
    database.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def llm() -> FakeLLM:
    return FakeLLM()


@pytest.fixture
def companion(db: Database, llm: FakeLLM, clock: Clock) -> Companion:
    return safety_companion(db, llm, clock)


@pytest.fixture
def safety_store(db: Database) -> SafetyStore:
    return SafetyStore(db)
