"""``/api/v1/ws``: a WebSocket that streams each turn's events.

Protocol (JSON text frames; ``ref`` echoes the client's ``id`` so replies can be matched)::

    -> {"type": "auth", "token": "..."}                 first frame, within 10 s (browsers cannot set headers)
    <- {"type": "ready", "user_id": "...", "username": "..."}
    -> {"type": "open", "session_id": null}             optional: notices for a (re)opened conversation
    <- {"type": "notice", ...} ... {"type": "opened"}
    -> {"type": "say", "id": "1", "text": "...", "session_id": null, "channels": [...]}
    <- {"type": "notice"|"safety"|"affect"|"delta"|"memory", "ref": "1", ...} ... {"type": "end", "ref": "1", ...}
    <- {"type": "error", "ref": "1", "error": {"message", "fix", "category"}}   the socket stays open

A failed sign-in closes with code 4401; a foreign ``Origin`` (cross-site WebSocket hijacking) is refused
before the handshake completes unless it is one of the configured CORS origins. Turns on one socket run
one after another; the chat rate limit applies per user across sockets of this worker.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from pydantic import ValidationError

from amity.errors import AmityError, InputError, PermissionDenied
from amity.server.app import ServerState, error_body
from amity.server.events_json import event_to_json
from amity.server.integrations import companion_state
from amity.server.routes_core import ChatIn

router = APIRouter()
log = logging.getLogger(__name__)
AUTH_TIMEOUT_S = 10.0


def origin_allowed(websocket: WebSocket, state: ServerState) -> bool:
    origin = websocket.headers.get("origin")
    if not origin:
        return True  # not a browser (browsers always send Origin on WebSockets)
    if origin in state.settings.cors_origins:
        return True
    host = websocket.headers.get("host", "")
    return urlsplit(origin).netloc.lower() == host.lower()


async def _send_error(websocket: WebSocket, exc: AmityError, ref: Any = None) -> None:
    await websocket.send_json({"type": "error", "ref": ref, **error_body(exc.message, exc.fix, str(exc.category))})


def _parse(raw: str, limit: int) -> dict[str, Any]:
    if len(raw) > limit:
        raise InputError(f"The message is larger than {limit} bytes.", "Send shorter messages.")
    try:
        data = json.loads(raw)
    except ValueError:
        raise InputError("Frames must be JSON objects.", 'Send e.g. {"type": "say", "text": "hi"}.') from None
    if not isinstance(data, dict) or not isinstance(data.get("type"), str):
        raise InputError("Frames must be JSON objects with a 'type'.", 'Send e.g. {"type": "say", "text": "hi"}.')
    return data


async def _authenticate(websocket: WebSocket, state: ServerState) -> str | None:
    try:
        raw = await asyncio.wait_for(websocket.receive_text(), AUTH_TIMEOUT_S)
        data = _parse(raw, state.settings.max_ws_message_bytes)
        token = data.get("token")
        if data["type"] != "auth" or not isinstance(token, str) or not token:
            raise PermissionDenied('The first frame must be {"type": "auth", "token": ...}.', "Sign in first.")
        user_id = state.accounts.resolve_token(token)
    except (TimeoutError, AmityError) as exc:
        error = exc if isinstance(exc, AmityError) else PermissionDenied("Sign-in timed out.", "Send auth first.")
        await _send_error(websocket, error)
        await websocket.close(code=4401)
        return None
    account = state.accounts.get(user_id)
    await websocket.send_json({"type": "ready", "user_id": user_id, "username": account.username})
    return user_id


async def _say(websocket: WebSocket, state: ServerState, user_id: str, data: dict[str, Any], ref: Any) -> None:
    try:
        body = ChatIn.model_validate({k: data.get(k) for k in ("text", "session_id", "channels") if k in data})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "frame"
        raise InputError(f"Invalid message - {where}: {first.get('msg')}", "See docs/SERVER.md.") from None
    state.chat_limiter.check(f"chat:{user_id}")
    channels = [c.to_channel() for c in body.channels]
    companion = state.models.companion_for(user_id)
    async for event in companion.turn(user_id, body.text, session_id=body.session_id, channels=channels):
        payload = event_to_json(event)
        payload["ref"] = ref
        if payload["type"] == "end":
            payload["companion"] = companion_state(state.app, user_id)
        await websocket.send_json(payload)


async def _open(websocket: WebSocket, state: ServerState, user_id: str, data: dict[str, Any], ref: Any) -> None:
    session_id = data.get("session_id")
    if session_id is not None:
        ChatIn.model_validate({"text": "x", "session_id": session_id})
    async for event in state.app.companion.open(user_id, session_id):
        await websocket.send_json({**event_to_json(event), "ref": ref})
    await websocket.send_json({"type": "opened", "ref": ref, "companion": companion_state(state.app, user_id)})


@router.websocket("/ws")
async def chat_socket(websocket: WebSocket) -> None:
    state: ServerState = websocket.app.state.amity
    if not origin_allowed(websocket, state):
        await websocket.close(code=4403)
        return
    await websocket.accept()
    user_id = await _authenticate(websocket, state)
    if user_id is None:
        return
    try:
        while True:
            raw = await websocket.receive_text()
            ref: Any = None
            try:
                data = _parse(raw, state.settings.max_ws_message_bytes)
                ref = data.get("id")
                if data["type"] == "say":
                    await _say(websocket, state, user_id, data, ref)
                elif data["type"] == "open":
                    await _open(websocket, state, user_id, data, ref)
                elif data["type"] == "ping":
                    await websocket.send_json({"type": "pong", "ref": ref})
                else:
                    raise InputError(f"Unknown frame type '{data['type']}'.", "Use 'say', 'open' or 'ping'.")
            except ValidationError:
                await _send_error(
                    websocket, InputError("Invalid session id.", "Omit it or use one from /sessions."), ref
                )
            except AmityError as exc:
                await _send_error(websocket, exc, ref)
    except WebSocketDisconnect:
        return
    except Exception:  # our bug: tell the client plainly, log the details, close
        log.exception("websocket failed")
        with contextlib.suppress(Exception):  # the socket may already be gone
            await websocket.send_json(
                {
                    "type": "error",
                    **error_body("Something went wrong inside Amity.", "Reload the page.", "internal"),
                }
            )
            await websocket.close(code=1011)
