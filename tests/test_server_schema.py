"""Robustness: schemathesis generates requests from the OpenAPI spec; bad input must get a documented 4xx
with a clear JSON error, never a 500."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import positive_data_acceptance  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from amity.config import Config  # noqa: E402
from amity.llm.fake import FakeLLM  # noqa: E402
from amity.server import create_app  # noqa: E402
from amity.server.app import ServerSettings  # noqa: E402
from amity.server.testing import build_test_app  # noqa: E402

schemathesis.serializer.alias("audio/wav", "application/octet-stream")
_DIR = Path(tempfile.mkdtemp(prefix="amity-schema-"))
atexit.register(shutil.rmtree, _DIR, True)
APP = build_test_app(_DIR / "schema.db", FakeLLM(default="Fine, thanks."), Config())
API = create_app(
    APP,
    settings=ServerSettings(hash_profile="test", login_burst=10_000, chat_burst=10_000, chat_per_minute=1e6),
)
SCHEMA = schemathesis.openapi.from_asgi("/openapi.json", API)
_CLIENT = TestClient(API)
USER = _CLIENT.post("/api/v1/auth/register", json={"username": "fuzzer", "password": "fuzzing password"}).json()


def _fresh_token() -> str:
    token, _ = API.state.amity.accounts.issue_token(USER["user_id"])
    return str(token)


# Operations whose valid-by-schema input can still be semantically wrong (a WAV/JPEG body that is not one,
# a memory kind the fact store does not know, an unknown persona preset, a model the server does not
# offer, a session id owned by someone else): there a 422 with a clear message is the right answer, so
# "positive data acceptance" is not checked.
SEMANTIC = {
    "/api/v1/senses/voice",
    "/api/v1/senses/face",
    "/api/v1/memories",
    "/api/v1/persona",
    "/api/v1/chat",
    "/api/v1/settings",
}


@pytest.mark.heavy  # ~40 s on the shared 2-core machine: run with -m heavy
@SCHEMA.parametrize()
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_never_fails_with_a_server_error(case: Any) -> None:
    response = case.call(headers={"Authorization": f"Bearer {_fresh_token()}"})
    # 501 = an optional area (e.g. facial affect) is not installed: documented, not a failure.
    assert response.status_code < 500 or response.status_code == 501, f"{case.method} {case.path}: {response.text}"
    excluded = [positive_data_acceptance] if case.path in SEMANTIC else []
    if response.status_code == 501:
        excluded.append(not_a_server_error)
    case.validate_response(response, excluded_checks=excluded)
    if response.status_code >= 400:
        error = response.json()["error"]
        assert error["message"] and error["category"]
