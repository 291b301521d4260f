"""Core REST routes: sessions, history, one-shot chat, settings and export.

These depend only on the core (conversation store + companion), never on optional areas, so a minimal
install still chats over HTTP. Every handler takes the user id from the bearer token (``UserId``).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from pydantic import BaseModel, Field

from amity.engine import MAX_MESSAGE_CHARS
from amity.server.app import ERROR_RESPONSES, StrictModel, reject_unknown_query, state_of
from amity.server.auth import UserId
from amity.server.events_json import event_to_json
from amity.server.integrations import companion_state, export_extras, relationship_archive
from amity.store.accounts import user_settings
from amity.store.db import to_ts
from amity.types import ChannelAffect, Session, Turn

router = APIRouter(responses=ERROR_RESPONSES, dependencies=[Depends(reject_unknown_query)])
SESSION_ID = r"^[A-Za-z0-9_-]{1,64}$"
SessionPath = Annotated[str, Path(pattern=SESSION_ID, description="A session id from GET /sessions")]


class ChannelIn(StrictModel):
    """An affect estimate from a sensing channel the browser ran (voice prosody or face)."""

    channel: Literal["voice", "face"]
    label: str = Field(min_length=1, max_length=32)
    valence: float = Field(ge=-1, le=1)
    arousal: float = Field(ge=-1, le=1)
    confidence: float = Field(ge=0, le=1)

    def to_channel(self) -> ChannelAffect:
        return ChannelAffect(self.channel, self.label, self.valence, self.arousal, self.confidence)


class ChatIn(StrictModel):
    text: str = Field(min_length=1, max_length=MAX_MESSAGE_CHARS, pattern=r"\S", description="Not only whitespace")
    session_id: str | None = Field(default=None, pattern=SESSION_ID)
    channels: list[ChannelIn] = Field(default_factory=list, max_length=2)


class ChatOut(BaseModel):
    events: list[dict[str, Any]]
    end: dict[str, Any]


class SettingsIn(StrictModel):
    """Per-user settings; omitted fields are left unchanged."""

    display_name: str | None = Field(default=None, min_length=1, max_length=60)
    microphone: bool | None = None
    camera: bool | None = None
    hands_free: bool | None = None
    voice_replies: bool | None = None
    model: str | None = Field(default=None, min_length=1, max_length=300)


SETTING_KEYS = ("microphone", "camera", "hands_free", "voice_replies")


def session_json(session: Session) -> dict[str, Any]:
    return {
        "id": session.id,
        "started_at": to_ts(session.started_at),
        "last_active_at": to_ts(session.last_active_at),
    }


def turn_json(turn: Turn) -> dict[str, Any]:
    return {
        "id": turn.id,
        "session_id": turn.session_id,
        "index": turn.index,
        "role": turn.role,
        "text": turn.text,
        "created_at": to_ts(turn.created_at),
        "affect": turn.affect.to_dict() if turn.affect else None,
    }


def settings_json(request: Request, user_id: str) -> dict[str, Any]:
    state = state_of(request.app)
    store = state.app.store
    user = store.ensure_user(user_id)
    values = {key: bool(store.get_setting(user_id, f"web.{key}", False)) for key in SETTING_KEYS}
    return {
        "display_name": user.display_name,
        **values,
        "model": state.models.current(user_id),
        "models": state.models.offered(),
        "model_note": "The server's operator decides which models are offered (amity serve --offer-model SPEC).",
    }


@router.get("/sessions", tags=["chat"], summary="Your conversations, oldest first")
async def list_sessions(request: Request, user_id: UserId) -> list[dict[str, Any]]:
    return [session_json(s) for s in state_of(request.app).app.store.list_sessions(user_id)]


@router.get("/sessions/{session_id}/turns", tags=["chat"], summary="All turns of one of your sessions")
async def session_turns(session_id: SessionPath, request: Request, user_id: UserId) -> list[dict[str, Any]]:
    store = state_of(request.app).app.store
    store.get_session(session_id, user_id)  # NotFound unless it is yours
    return [turn_json(t) for t in store.turns_for_user(user_id) if t.session_id == session_id]


@router.get("/history", tags=["chat"], summary="Your most recent turns across sessions, oldest first")
async def history(
    request: Request, user_id: UserId, limit: Annotated[int, Query(ge=1, le=500)] = 50
) -> list[dict[str, Any]]:
    return [turn_json(t) for t in state_of(request.app).app.store.recent_turns(user_id, limit=limit)]


@router.post("/chat", tags=["chat"], summary="Run one turn and return all its events (see /ws for streaming)")
async def chat(body: ChatIn, request: Request, user_id: UserId) -> ChatOut:
    state = state_of(request.app)
    state.chat_limiter.check(f"chat:{user_id}")
    events: list[dict[str, Any]] = []
    end: dict[str, Any] = {}
    channels = [c.to_channel() for c in body.channels]
    companion = state.models.companion_for(user_id)
    async for event in companion.turn(user_id, body.text, session_id=body.session_id, channels=channels):
        data = event_to_json(event)
        if data["type"] == "end":
            end = {**data, "companion": companion_state(state.app, user_id)}
        else:
            events.append(data)
    return ChatOut(events=events, end=end)


@router.get("/settings", tags=["settings"], summary="Your settings (sensing toggles, name, model)")
async def get_settings(request: Request, user_id: UserId) -> dict[str, Any]:
    return settings_json(request, user_id)


@router.patch("/settings", tags=["settings"], summary="Change some of your settings")
async def patch_settings(body: SettingsIn, request: Request, user_id: UserId) -> dict[str, Any]:
    store = state_of(request.app).app.store
    store.ensure_user(user_id)
    if body.model is not None:
        state_of(request.app).models.choose(user_id, body.model)
    if body.display_name is not None:
        store.update_user(user_id, display_name=body.display_name.strip())
    for key in SETTING_KEYS:
        value = getattr(body, key)
        if value is not None:
            store.set_setting(user_id, f"web.{key}", bool(value))
    return settings_json(request, user_id)


@router.get("/export", tags=["data"], summary="Everything Amity stores about you, as JSON")
async def export(request: Request, user_id: UserId) -> dict[str, Any]:
    state = state_of(request.app)
    store = state.app.store
    user = store.ensure_user(user_id)
    account = state.accounts.get(user_id)
    summary = store.latest_summary(user_id)
    return {
        "format": "amity-export/1",
        "account": account.to_dict(),
        "user": {
            "id": user.id,
            "display_name": user.display_name,
            "locale": user.locale,
            "birth_year": user.birth_year,
            "created_at": to_ts(user.created_at),
        },
        "sessions": [session_json(s) for s in store.list_sessions(user_id)],
        "turns": [turn_json(t) for t in store.turns_for_user(user_id)],
        "summary": summary[0] if summary else None,
        "settings": user_settings(store.db, user_id),
        **export_extras(state.app, user_id),
    }


@router.get(
    "/export/archive",
    tags=["data"],
    summary="Your data as the versioned export zip (the same format as `amity export`)",
    response_class=Response,
    responses={200: {"content": {"application/zip": {}}, "description": "A zip; see docs/export-schema.json"}},
)
async def export_archive(request: Request, user_id: UserId) -> Response:
    data = relationship_archive(state_of(request.app).app, user_id)
    headers = {"Content-Disposition": 'attachment; filename="amity-export.zip"'}
    return Response(data, media_type="application/zip", headers=headers)
