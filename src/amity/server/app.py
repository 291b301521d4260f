"""The FastAPI application factory.

``create_app(app)`` serves an existing :class:`amity.app.App` (tests, benchmarks) or, when ``app`` is None,
builds one from the configuration at startup and closes it at shutdown (``amity serve``; each uvicorn
worker builds its own, the workers share only the database). Errors are mapped to HTTP exactly once, here:
an :class:`AmityError` becomes ``exc.http_status`` with ``{"error": {"message", "fix", "category"}}``;
request validation failures become 422 in the same shape; anything else is logged and becomes a 500
without internals. CORS is closed unless origins are configured, and the WebSocket checks ``Origin``.
"""

from __future__ import annotations

import gc
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException

from amity.app import App, build_app
from amity.config import load_config
from amity.errors import AmityError, Category, ConfigError, InputError, RateLimited
from amity.server.models import ModelChoice
from amity.server.ratelimit import RateLimiter
from amity.store.accounts import AccountStore
from amity.store.db import Database

log = logging.getLogger(__name__)
STATIC = Path(__file__).with_name("static")
API = "/api/v1"


@dataclass(frozen=True)
class ServerSettings:
    """Knobs of one server process (``amity serve`` options)."""

    cors_origins: tuple[str, ...] = ()
    login_per_minute: float = 10.0
    login_burst: int = 5
    chat_per_minute: float = 30.0
    chat_burst: int = 10
    hash_profile: str = "default"  # "test" makes argon2 cheap (tests, benchmarks)
    max_ws_message_bytes: int = 64 * 1024
    # Default: group commit (amity.store.group_commit) - every acknowledged write is on disk, one background
    # fsync shared by all sessions. Relaxed: SQLite synchronous=NORMAL and no waits: still atomic and
    # consistent, durable across a crash of Amity itself, but an OS crash or power loss can lose the last
    # acknowledged turns. Opt-in, kept for comparison in the load benchmark.
    relaxed_durability: bool = False
    speech_to_text: bool = True  # transcribe /senses/voice uploads when amity[voice] is installed
    allow_signup: bool = True  # False: only existing accounts can sign in (private servers)
    models: tuple[str, ...] = ()  # model specs users may pick besides the configured one (server/models.py)


@dataclass
class ServerState:
    """What the routes need: the companion app, accounts and the limiters."""

    app: App
    accounts: AccountStore
    settings: ServerSettings
    login_limiter: RateLimiter
    chat_limiter: RateLimiter
    models: ModelChoice
    extras: dict[str, Any] = field(default_factory=dict)


class StrictModel(BaseModel):
    """Request bodies: no type coercion (``false`` is not a number) and no unknown fields."""

    model_config = ConfigDict(strict=True, extra="forbid")


class ErrorDetail(BaseModel):
    message: str
    fix: str
    category: str


class ErrorOut(BaseModel):
    """Every error response: what went wrong, what to do, and its category."""

    error: ErrorDetail


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorOut, "description": text}
    for status, text in (
        (400, "The body could not be parsed (e.g. malformed JSON)"),
        (401, "Not signed in, or the token expired"),
        (403, "Not allowed (e.g. wrong password)"),
        (404, "No such item among yours"),
        (422, "Invalid input; the message says which field and why"),
        (429, "Rate limited; see Retry-After"),
        (501, "This optional feature is not installed on the server"),
    )
}


def state_of(request_app: Any) -> ServerState:
    state: ServerState = request_app.state.amity
    return state


def error_body(message: str, fix: str, category: str) -> dict[str, Any]:
    return {"error": {"message": message, "fix": fix, "category": category}}


def _status_category(status: int) -> str:
    return {
        401: Category.PERMISSION,
        403: Category.PERMISSION,
        404: Category.NOT_FOUND,
        405: Category.INPUT,
        413: Category.INPUT,
        429: Category.RATE_LIMIT,
    }.get(status, Category.INPUT if status < 500 else Category.INTERNAL)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "request"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "Invalid request - " + "; ".join(parts) if parts else "Invalid request."


def _allowed_methods(api: FastAPI, path: str) -> list[str]:
    """Every method some route serves at ``path`` (Starlette reports only the first route's)."""
    methods: set[str] = set()
    for route in api.routes:
        regex = getattr(route, "path_regex", None)
        if regex is not None and regex.match(path):
            methods |= set(getattr(route, "methods", None) or ())
    return sorted(methods)


async def reject_unknown_query(request: Request) -> None:
    """Unknown query parameters are a client mistake worth reporting (a typo'd ``limt=``)."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    known: set[str] = set()
    stack = [dependant]
    while stack:  # the route's own query parameters and those of its dependencies
        current = stack.pop()
        known |= {p.alias for p in current.query_params}
        stack.extend(current.dependencies)
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        raise InputError(
            f"Unknown query parameter(s): {', '.join(unknown)[:200]}.",
            f"Accepted here: {', '.join(sorted(known)) or 'none'}.",
        )


def install_error_handlers(api: FastAPI) -> None:
    @api.exception_handler(AmityError)
    async def _amity(_request: Request, exc: AmityError) -> JSONResponse:
        headers: dict[str, str] = {}
        if exc.http_status == 401:
            headers["WWW-Authenticate"] = "Bearer"
        if isinstance(exc, RateLimited):
            headers["Retry-After"] = "".join(ch for ch in exc.fix if ch.isdigit()) or "1"
        if exc.http_status >= 500:
            log.error("request failed: %s", exc.message)
        return JSONResponse(
            error_body(exc.message, exc.fix, str(exc.category)), status_code=exc.http_status, headers=headers
        )

    @api.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(
            error_body(_validation_message(exc), "Check the request against /docs.", Category.INPUT), 422
        )

    @api.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = str(exc.detail) if exc.detail else "Request failed."
        fix = {400: "Send a well-formed JSON body.", 404: "See /docs for the API."}.get(exc.status_code, "")
        headers = dict(getattr(exc, "headers", None) or {})
        if exc.status_code == 405:
            allowed = _allowed_methods(api, request.url.path)
            headers["Allow"] = ", ".join(allowed)
            fix = f"This path accepts {', '.join(allowed)}."
        return JSONResponse(
            error_body(message, fix, _status_category(exc.status_code)),
            status_code=exc.status_code,
            headers=headers,
        )

    @api.exception_handler(Exception)
    async def _bug(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=exc)
        return JSONResponse(
            error_body("Something went wrong inside Amity.", "Try again; if it persists, report a bug.", "internal"),
            500,
        )


def make_state(app: App, settings: ServerSettings) -> ServerState:
    if settings.relaxed_durability and app.db.dialect == "sqlite":  # PostgreSQL: synchronous_commit on the server
        app.db.query("PRAGMA synchronous=NORMAL")  # no durability waits at all (a benchmark comparison)
    elif isinstance(app.db, Database):
        app.db.enable_group_commit()  # durable writes without an fsync on the event loop
    return ServerState(
        app=app,
        accounts=AccountStore(app.db, hash_profile=settings.hash_profile),
        settings=settings,
        login_limiter=RateLimiter(settings.login_per_minute / 60, settings.login_burst, what="sign-in"),
        chat_limiter=RateLimiter(settings.chat_per_minute / 60, settings.chat_burst, what="message"),
        models=ModelChoice(app, settings.models),
    )


def create_app(app: App | None = None, *, fake_llm: bool = False, settings: ServerSettings | None = None) -> FastAPI:
    """The ASGI app. With ``app=None`` an :class:`App` is built at startup (FakeLLM if ``fake_llm``)."""
    from amity.server import auth, routes_care, routes_core, ws

    settings = settings or ServerSettings()
    owned = app is None

    @asynccontextmanager
    async def lifespan(api: FastAPI) -> AsyncIterator[None]:
        companion_app = app
        if companion_app is None:
            llm = None
            if fake_llm:
                from amity.llm.fake import FakeLLM

                llm = FakeLLM(default=lambda _m: "I'm here with you. Tell me more about that?")
            companion_app = build_app(load_config(), llm=llm)
            limit_blas_threads()
            freeze_startup_objects()
        state = api.state.amity = make_state(companion_app, settings)
        try:
            yield
        finally:
            await companion_app.companion.after_turn.drain()  # what finished turns still write
            await state.models.aclose()
            if owned:
                await companion_app.aclose()

    api = FastAPI(
        title="Amity",
        version="1",
        summary="A local-first companion: accounts, chat (REST + WebSocket), memories, mood, settings, export.",
        description=(
            "All `/api/v1` routes except sign-up and sign-in need `Authorization: Bearer <token>`. "
            'Errors are JSON: `{"error": {"message", "fix", "category"}}`. '
            "The WebSocket protocol is described in docs/SERVER.md."
        ),
        lifespan=lifespan,
    )
    if app is not None:
        api.state.amity = make_state(app, settings)
    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        api.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type"],
        )

    @api.middleware("http")
    async def _security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        if not request.url.path.startswith(("/docs", "/redoc")):
            response.headers.setdefault(
                "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; "
                "connect-src 'self' ws: wss:; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
            )
        return response

    @api.middleware("http")
    async def _durable_writes(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        if request.method not in ("GET", "HEAD", "OPTIONS"):  # a write is acknowledged once it is on disk
            await state_of(request.app).app.db.durable()
        return response

    install_error_handlers(api)
    api.include_router(auth.router, prefix=API)
    api.include_router(routes_core.router, prefix=API)
    api.include_router(routes_care.router, prefix=API)
    api.include_router(ws.router, prefix=API)

    @api.get("/healthz", tags=["meta"], summary="Liveness: the process answers and the database is readable")
    async def healthz(request: Request) -> dict[str, str]:
        state_of(request.app).app.db.query_one("SELECT 1")
        return {"status": "ok"}

    @api.get("/", include_in_schema=False)
    async def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    api.mount("/static", StaticFiles(directory=STATIC), name="static")
    return api


def limit_blas_threads() -> None:
    """One BLAS thread per worker process: the server's numpy work (the memory embedder, small matrices) gets
    its parallelism from concurrent sessions. OpenBLAS's own threads only fight the event loop and each other
    for the cores - measured ~20x slower per embedding on a busy 2-core machine (docs/SERVER.md)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - part of amity[server]
        log.warning("threadpoolctl is missing: BLAS may oversubscribe the CPU (pip install 'amity[server]')")
        return
    threadpool_limits(limits=1, user_api="blas")


def freeze_startup_objects() -> None:
    """Move everything alive after start-up (modules, models, the app) out of the garbage collector's reach.

    With 1,000 open sessions a full collection walked every start-up object too and paused the event loop
    for 50-175 ms, a few times per benchmark run (docs/SERVER.md); frozen objects are never scanned again
    (they are not leaked: none of them is garbage)."""
    gc.collect()
    gc.freeze()


def settings_from_env() -> tuple[bool, ServerSettings]:
    """(fake_llm, settings) from ``AMITY_SERVE_*`` variables, which ``amity serve`` sets for its workers.

    Besides FAKE_LLM, CORS (comma-separated origins) and HASH_PROFILE, every numeric setting can be set as
    ``AMITY_SERVE_<NAME>`` (e.g. ``AMITY_SERVE_CHAT_BURST=20``; the load benchmark raises the limits).
    """
    fake = os.environ.get("AMITY_SERVE_FAKE_LLM", "") == "1"
    origins = tuple(o.strip() for o in os.environ.get("AMITY_SERVE_CORS", "").split(",") if o.strip())
    numbers: dict[str, Any] = {}
    for name in ("login_per_minute", "login_burst", "chat_per_minute", "chat_burst", "max_ws_message_bytes"):
        raw = os.environ.get(f"AMITY_SERVE_{name.upper()}")
        if raw:
            try:
                numbers[name] = float(raw) if name.endswith("minute") else int(raw)
            except ValueError:
                raise ConfigError(f"AMITY_SERVE_{name.upper()} must be a number, not {raw!r}.", "Fix it.") from None
    profile = os.environ.get("AMITY_SERVE_HASH_PROFILE", "default")
    relaxed = os.environ.get("AMITY_SERVE_RELAXED_DURABILITY", "") == "1"
    flags = {
        name: os.environ.get(f"AMITY_SERVE_{name.upper()}", "1") != "0" for name in ("speech_to_text", "allow_signup")
    }
    models = tuple(m.strip() for m in os.environ.get("AMITY_SERVE_MODELS", "").split(",") if m.strip())
    return fake, ServerSettings(
        cors_origins=origins, hash_profile=profile, relaxed_durability=relaxed, models=models, **flags, **numbers
    )


def app_factory() -> FastAPI:
    """Entry point for ``uvicorn --factory`` workers."""
    fake, settings = settings_from_env()
    return create_app(fake_llm=fake, settings=settings)
