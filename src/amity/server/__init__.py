"""Amity over HTTP: a FastAPI app (REST + a WebSocket that streams each turn's events) and a web app.

Layout::

    app.py           create_app(): wiring, error mapping (AmityError -> HTTP once), static web app
    auth.py          accounts, bearer tokens, the ``current_user`` dependency
    ratelimit.py     in-process token buckets (login per IP+username, chat per user)
    routes_core.py   sessions, history, one-shot chat, settings, export (core only)
    routes_care.py   memories, mood, companion affect, persona (call into the other areas when installed)
    ws.py            /api/v1/ws: authenticate, open, say -> streamed events
    static/          the offline web app (plain HTML/CSS/JS, no CDN, no build step)

Every data query is scoped by the authenticated user's id; nothing takes a user id from the request.
"""

from __future__ import annotations

from amity.server.app import create_app

__all__ = ["create_app"]
