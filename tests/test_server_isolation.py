"""User A can never read or change user B's data over the API (REST and WebSocket)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.server import create_app
from amity.server.app import ServerSettings
from amity.server.testing import build_test_app
from amity.store.accounts import table_exists


@pytest.fixture
def client(tmp_path: Path, config: Config) -> Iterator[TestClient]:
    app = build_test_app(tmp_path / "iso.db", FakeLLM(default="ok"), config)
    with TestClient(create_app(app, settings=ServerSettings(hash_profile="test", login_burst=50))) as c:
        yield c
    app.db.close()


def signup(client: TestClient, name: str, password: str = "a long password") -> dict[str, str]:
    r = client.post("/api/v1/auth/register", json={"username": name, "password": password})
    assert r.status_code == 201, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


def test_turns_sessions_history_export_are_per_user(client: TestClient) -> None:
    alice, bob = signup(client, "alice"), signup(client, "bob")
    end = client.post("/api/v1/chat", json={"text": "alice's secret diary"}, headers=alice).json()["end"]
    session = end["session"]
    assert client.get("/api/v1/sessions", headers=bob).json() == []
    r = client.get(f"/api/v1/sessions/{session}/turns", headers=bob)
    assert r.status_code == 404 and "secret" not in r.text
    assert client.get("/api/v1/history", headers=bob).json() == []
    export = client.get("/api/v1/export", headers=bob).text
    assert "secret diary" not in export and session not in export
    # Bob cannot write into Alice's session either.
    r = client.post("/api/v1/chat", json={"text": "hijack", "session_id": session}, headers=bob)
    assert r.status_code == 404  # reveals nothing about the other user's session
    turns = client.get(f"/api/v1/sessions/{session}/turns", headers=alice).json()
    assert "hijack" not in [t["text"] for t in turns]


def test_websocket_cannot_use_another_users_session(client: TestClient) -> None:
    alice, bob = signup(client, "alice"), signup(client, "bob")
    session = client.post("/api/v1/chat", json={"text": "mine"}, headers=alice).json()["end"]["session"]
    with client.websocket_connect("/api/v1/ws") as ws:
        ws.send_json({"type": "auth", "token": bob["Authorization"].split()[1]})
        assert ws.receive_json()["user_id"] != client.get("/api/v1/auth/me", headers=alice).json()["user_id"]
        ws.send_json({"type": "say", "id": "x", "text": "let me in", "session_id": session})
        frame = ws.receive_json()
        assert frame["type"] == "error" and frame["ref"] == "x"
    assert len(client.get(f"/api/v1/sessions/{session}/turns", headers=alice).json()) == 2


def test_memories_cannot_be_read_edited_or_forgotten_by_others(client: TestClient) -> None:
    db = client.app.state.amity.app.db  # type: ignore[attr-defined]
    if not table_exists(db, "facts"):
        pytest.skip("the facts memory area is not installed")
    alice, bob = signup(client, "alice"), signup(client, "bob")
    memory = client.post("/api/v1/memories", json={"key": "likes", "value": "tulips"}, headers=alice).json()
    assert "tulips" not in client.get("/api/v1/memories", headers=bob).text
    r = client.patch(f"/api/v1/memories/{memory['id']}", json={"value": "weeds"}, headers=bob)
    assert r.status_code == 404
    assert client.delete(f"/api/v1/memories/{memory['id']}", headers=bob).status_code == 404
    mine = client.get("/api/v1/memories", headers=alice).json()
    assert [m["value"] for m in mine] == ["tulips"]
    assert client.delete(f"/api/v1/memories/{memory['id']}", headers=alice).json() == {"forgotten": 1}


def test_settings_mood_and_account_deletion_are_per_user(client: TestClient) -> None:
    alice, bob = signup(client, "alice"), signup(client, "bob")
    client.patch("/api/v1/settings", json={"camera": True, "display_name": "Alice"}, headers=alice)
    assert client.get("/api/v1/settings", headers=bob).json()["camera"] is False
    if client.post("/api/v1/mood", json={"score": 3, "words": "tired"}, headers=alice).status_code == 201:
        assert client.get("/api/v1/mood", headers=bob).json()["checkins"] == []
    client.post("/api/v1/chat", json={"text": "bob was here"}, headers=bob)
    client.post("/api/v1/chat", json={"text": "alice was here"}, headers=alice)
    alice_id = client.get("/api/v1/auth/me", headers=alice).json()["user_id"]
    r = client.post("/api/v1/auth/delete", json={"password": "wrong password"}, headers=alice)
    assert r.status_code == 403
    r = client.post("/api/v1/auth/delete", json={"password": "a long password"}, headers=alice)
    assert r.status_code == 200
    assert client.get("/api/v1/auth/me", headers=alice).status_code == 401
    db = client.app.state.amity.app.db  # type: ignore[attr-defined]
    assert db.query_one("SELECT COUNT(*) FROM turns WHERE user_id = ?", (alice_id,))[0] == 0
    assert db.query_one("SELECT COUNT(*) FROM users WHERE id = ?", (alice_id,))[0] == 0
    assert client.get("/api/v1/history", headers=bob).json()[0]["text"] == "bob was here"


def test_every_data_route_requires_a_token(client: TestClient) -> None:
    for method, path in [
        ("GET", "/api/v1/sessions"),
        ("GET", "/api/v1/history"),
        ("POST", "/api/v1/chat"),
        ("GET", "/api/v1/settings"),
        ("GET", "/api/v1/export"),
        ("GET", "/api/v1/memories"),
        ("GET", "/api/v1/mood"),
        ("POST", "/api/v1/senses/voice"),
    ]:
        r = client.request(method, path, headers={"Authorization": "Bearer not-a-token"})
        assert r.status_code == 401, (method, path, r.text)
        assert r.json()["error"]["fix"]
