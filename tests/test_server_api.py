"""The HTTP API over a FakeLLM: accounts, chat (REST + WebSocket), isolation between users, errors."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.server import create_app
from amity.server.app import ServerSettings
from amity.server.testing import build_test_app

SECOND_MODEL = "fake:Hello from the second model."


@pytest.fixture(params=["sqlite", "postgres"])
def client(request: pytest.FixtureRequest, tmp_path: Path, config: Config) -> Iterator[TestClient]:
    """The API on SQLite, and on PostgreSQL (embedded server; skips when it cannot start)."""
    llm = FakeLLM(default="Hello from the fake model.")
    if request.param == "sqlite":
        app = build_test_app(tmp_path / "server.db", llm, config)
    else:
        from amity.app import build_app
        from amity.store.pg_database import open_postgres
        from tests.pg_server import fresh_database

        url = fresh_database(request.getfixturevalue("pg_dsn"))
        app = build_app(replace(config, database_url=url), llm=llm, db=open_postgres(url))
    second = (SECOND_MODEL,)  # the operator offers one more model besides the configured one
    api = create_app(app, settings=ServerSettings(hash_profile="test", login_burst=50, chat_burst=50, models=second))
    with TestClient(api) as c:
        yield c
    app.db.close()


def signup(client: TestClient, name: str, password: str = "a long password") -> dict[str, str]:
    r = client.post("/api/v1/auth/register", json={"username": name, "password": password})
    assert r.status_code == 201, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


def test_register_login_me_logout(client: TestClient) -> None:
    signup(client, "sam")
    r = client.post("/api/v1/auth/login", json={"username": "sam", "password": "a long password"})
    assert r.status_code == 200
    headers = {"Authorization": f"Bearer {r.json()['token']}"}
    assert client.get("/api/v1/auth/me", headers=headers).json()["username"] == "sam"
    assert client.post("/api/v1/auth/logout", headers=headers).status_code == 200
    r = client.get("/api/v1/auth/me", headers=headers)
    assert r.status_code == 401
    assert r.json()["error"]["category"] == "permission"


def test_bad_credentials_and_duplicates_are_clear_4xx(client: TestClient) -> None:
    signup(client, "sam")
    r = client.post("/api/v1/auth/login", json={"username": "sam", "password": "wrong password"})
    assert r.status_code == 403
    assert r.json()["error"]["message"] == "Wrong username or password."
    r = client.post("/api/v1/auth/login", json={"username": "nobody", "password": "wrong password"})
    assert r.json()["error"]["message"] == "Wrong username or password."  # no username probing
    r = client.post("/api/v1/auth/register", json={"username": "SAM", "password": "another password"})
    assert r.status_code == 409 and "taken" in r.json()["error"]["message"]
    r = client.post("/api/v1/auth/register", json={"username": "x y", "password": "short"})
    assert r.status_code == 422 and r.json()["error"]["fix"]
    r = client.post("/api/v1/auth/register", content=b"{not json", headers={"Content-Type": "application/json"})
    assert r.status_code == 422 and r.json()["error"]["category"] == "input"


def test_password_is_stored_as_argon2_and_token_hashed(client: TestClient) -> None:
    headers = signup(client, "sam")
    state = client.app.state.amity  # type: ignore[attr-defined]
    row = state.app.db.query_one("SELECT password_hash FROM server_accounts WHERE username = 'sam'")
    assert row["password_hash"].startswith("$argon2id$")
    token = headers["Authorization"].split()[1]
    assert state.app.db.query_one("SELECT 1 FROM server_tokens WHERE token_hash = ?", (token,)) is None


def test_chat_rest_and_history(client: TestClient) -> None:
    headers = signup(client, "sam")
    r = client.post("/api/v1/chat", json={"text": "Hi there"}, headers=headers)
    assert r.status_code == 200, r.text
    end = r.json()["end"]
    assert end["reply"] == "Hello from the fake model." and end["turn"] == 1
    sessions = client.get("/api/v1/sessions", headers=headers).json()
    assert [s["id"] for s in sessions] == [end["session"]]
    turns = client.get(f"/api/v1/sessions/{end['session']}/turns", headers=headers).json()
    assert [(t["role"], t["text"]) for t in turns] == [("user", "Hi there"), ("assistant", end["reply"])]
    assert len(client.get("/api/v1/history?limit=1", headers=headers).json()) == 1


def test_websocket_streams_a_turn(client: TestClient) -> None:
    headers = signup(client, "sam")
    token = headers["Authorization"].split()[1]
    with client.websocket_connect("/api/v1/ws") as ws:
        ws.send_json({"type": "auth", "token": token})
        assert ws.receive_json()["type"] == "ready"
        ws.send_json({"type": "say", "id": "m1", "text": "How are you?"})
        deltas: list[str] = []
        while True:
            frame = ws.receive_json()
            assert frame["ref"] == "m1"
            if frame["type"] == "delta":
                deltas.append(frame["text"])
            if frame["type"] == "end":
                break
        assert "".join(deltas) == frame["reply"] == "Hello from the fake model."
        assert len(deltas) > 1  # streamed in pieces
        ws.send_json({"type": "say", "id": "m2", "text": "   "})
        error = ws.receive_json()
        assert error["type"] == "error" and error["ref"] == "m2" and error["error"]["category"] == "input"
        ws.send_text("not json")
        assert ws.receive_json()["type"] == "error"
        ws.send_json({"type": "ping", "id": 3})
        assert ws.receive_json() == {"type": "pong", "ref": 3}


def test_websocket_rejects_bad_token_and_foreign_origin(client: TestClient) -> None:
    with client.websocket_connect("/api/v1/ws") as ws:
        ws.send_json({"type": "auth", "token": "forged"})
        assert ws.receive_json()["error"]["category"] == "permission"
    from starlette.websockets import WebSocketDisconnect

    with (
        pytest.raises(WebSocketDisconnect) as info,
        client.websocket_connect("/api/v1/ws", headers={"Origin": "https://evil.example"}) as ws,
    ):
        ws.receive_json()
    assert info.value.code == 4403


def test_rate_limit_on_login(tmp_path: Path, config: Config) -> None:
    app = build_test_app(tmp_path / "rl.db", FakeLLM(), config)
    api = create_app(app, settings=ServerSettings(hash_profile="test", login_burst=3, login_per_minute=1))
    with TestClient(api) as c:
        codes = [
            c.post("/api/v1/auth/login", json={"username": "sam", "password": "guess number"}).status_code
            for _ in range(5)
        ]
        assert codes[:3] == [403, 403, 403] and codes[3:] == [429, 429]
        r = c.post("/api/v1/auth/login", json={"username": "sam", "password": "guess number"})
        assert r.headers["Retry-After"].isdigit() and r.json()["error"]["category"] == "rate_limit"
    app.db.close()


def test_cors_closed_by_default(client: TestClient) -> None:
    r = client.options(
        "/api/v1/auth/login",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in r.headers


def test_settings_and_export(client: TestClient) -> None:
    headers = signup(client, "sam")
    r = client.patch("/api/v1/settings", json={"microphone": True, "display_name": "Sam"}, headers=headers)
    assert r.status_code == 200 and r.json()["microphone"] is True and r.json()["display_name"] == "Sam"
    client.post("/api/v1/chat", json={"text": "Remember this"}, headers=headers)
    data = client.get("/api/v1/export", headers=headers).json()
    assert data["account"]["username"] == "sam"
    assert data["turns"][0]["text"] == "Remember this"
    assert data["settings"]["web.microphone"] is True
    archive = client.get("/api/v1/export/archive", headers=headers)
    if archive.status_code != 501:  # the privacy area's zip, when installed
        import io
        import json
        import zipfile

        assert archive.headers["content-type"] == "application/zip"
        with zipfile.ZipFile(io.BytesIO(archive.content)) as zf:
            manifest = json.loads(zf.read("manifest.json"))
            assert manifest["scope"]["user"] == data["user"]["id"]
            assert "server_tokens" not in {t["name"] for t in manifest["tables"]}


def test_web_app_is_served_offline(client: TestClient) -> None:
    html = client.get("/").text
    assert "<script" in html and "http://" not in html and "https://" not in html
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/healthz").json() == {"status": "ok"}


def test_signup_can_be_closed(tmp_path: Path, config: Config) -> None:
    app = build_test_app(tmp_path / "closed.db", FakeLLM(), config)
    with TestClient(create_app(app, settings=ServerSettings(hash_profile="test", allow_signup=False))) as c:
        r = c.post("/api/v1/auth/register", json={"username": "sam", "password": "a long password"})
        assert r.status_code == 403 and "closed" in r.json()["error"]["message"]
    app.db.close()


def test_face_frame_without_a_face(client: TestClient) -> None:
    cv2 = pytest.importorskip("cv2")
    import numpy as np

    headers = signup(client, "sam")
    ok, jpeg = cv2.imencode(".jpg", np.full((120, 160, 3), 200, dtype=np.uint8))
    assert ok
    r = client.post("/api/v1/senses/face", content=jpeg.tobytes(), headers={**headers, "Content-Type": "image/jpeg"})
    if r.status_code == 501:
        pytest.skip("the face channel is not installed")
    assert r.status_code == 200, r.text
    assert r.json() == {"face_found": False, "channel": None}
    r = client.post("/api/v1/senses/face", content=b"\xff\xd8 not a jpeg", headers=headers)
    assert r.status_code == 422 and r.json()["error"]["fix"]


def test_each_user_picks_among_the_models_the_operator_offers(client: TestClient) -> None:
    sam, ana = signup(client, "sam"), signup(client, "ana")
    settings = client.get("/api/v1/settings", headers=sam).json()
    default = settings["model"]
    assert settings["models"] == [default, SECOND_MODEL] and "--offer-model" in settings["model_note"]
    r = client.patch("/api/v1/settings", json={"model": "openai:gpt-4o@https://example.com/v1"}, headers=sam)
    assert r.status_code == 422 and SECOND_MODEL in r.json()["error"]["fix"]
    r = client.patch("/api/v1/settings", json={"model": SECOND_MODEL}, headers=sam)
    assert r.status_code == 200 and r.json()["model"] == SECOND_MODEL
    assert client.post("/api/v1/chat", json={"text": "Hi"}, headers=sam).json()["end"]["reply"] == (
        "Hello from the second model."
    )
    with client.websocket_connect("/api/v1/ws") as ws:
        ws.send_json({"type": "auth", "token": sam["Authorization"].split()[1]})
        assert ws.receive_json()["type"] == "ready"
        ws.send_json({"type": "say", "id": "m1", "text": "And again?", "session_id": "ws1"})  # a new conversation:
        # the same words in the same one would be dropped as a repeat (care/repetition.py)
        frames = [ws.receive_json()]
        while frames[-1]["type"] != "end":
            frames.append(ws.receive_json())
    assert frames[-1]["reply"] == "Hello from the second model."
    assert client.post("/api/v1/chat", json={"text": "Hi"}, headers=ana).json()["end"]["reply"] == (
        "Hello from the fake model."  # one user's choice is theirs alone
    )
    r = client.patch("/api/v1/settings", json={"model": default}, headers=sam)
    assert r.json()["model"] == default
    assert client.post("/api/v1/chat", json={"text": "Hi"}, headers=sam).json()["end"]["reply"] == (
        "Hello from the fake model."
    )
