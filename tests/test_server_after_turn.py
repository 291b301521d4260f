"""Read your writes over the server: a REST request right after a WebSocket turn's ``end`` sees what the
turn's after-turn work (``amity.after_turn``) writes, even when that work is still running at ``end``.
Real uvicorn-free ASGI (TestClient), real SQLite with group commit."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from fastapi.testclient import TestClient

from amity.config import Config
from amity.llm.fake import FakeLLM
from amity.memory.facts import FactBook, FactDraft
from amity.server import create_app
from amity.server.app import ServerSettings
from amity.server.testing import build_test_app
from amity.stages import BaseStage, TurnContext
from amity.store.memory_backends import fact_book

SLOW_S = 1.0


class SlowLearner(BaseStage):
    """Defers learning a fact from the turn by ``SLOW_S`` (a slow indexing step, say)."""

    def __init__(self, book: FactBook) -> None:
        self.book = book
        self.finished_at: list[float] = []

    async def after_reply(self, ctx: TurnContext, reply: str) -> None:
        user_id = ctx.user.id

        async def learn() -> None:
            await asyncio.sleep(SLOW_S)
            self.book.record(user_id, FactDraft("location", "Lisbon", quote="I live in Lisbon"))
            self.finished_at.append(time.monotonic())

        ctx.after_end(learn)


def test_rest_reads_wait_for_the_turns_after_turn_work(tmp_path: Path, config: Config) -> None:
    app = build_test_app(tmp_path / "server.db", FakeLLM(default="What a lovely name."), config)
    learner = SlowLearner(fact_book(app.db))
    app.companion.stages.append(learner)
    api = create_app(app, settings=ServerSettings(hash_profile="test"))
    with TestClient(api) as client:
        r = client.post("/api/v1/auth/register", json={"username": "ana", "password": "a long password"})
        token = r.json()["token"]
        headers = {"Authorization": f"Bearer {token}"}
        with client.websocket_connect("/api/v1/ws") as ws:
            ws.send_json({"type": "auth", "token": token})
            assert ws.receive_json()["type"] == "ready"
            ws.send_json({"type": "say", "id": "1", "text": "Thanks for listening."})
            while (frame := ws.receive_json())["type"] != "end":
                pass
            assert learner.finished_at == []  # `end` came before the slow after-turn step finished
            facts = client.get("/api/v1/memories", headers=headers).json()
            assert learner.finished_at and [(f["key"], f["value"]) for f in facts] == [("location", "Lisbon")]
            ws.send_json({"type": "say", "id": "2", "text": "Thanks!"})  # the socket goes on as before
            while (frame := ws.receive_json())["type"] != "end":
                pass
            assert frame["ref"] == "2"
    app.db.close()
