"""``amity serve``: run the HTTP/WebSocket server and the web app with uvicorn.

Binds to 127.0.0.1 by default. Options reach the worker processes through ``AMITY_SERVE_*`` environment
variables (``amity.server.app.settings_from_env``), so ``--workers N`` runs N independent processes that
share only the database. Wire it in ``amity.cli.main`` with ``cli.command("serve")(serve)``.
"""

from __future__ import annotations

import ipaddress
import os
from typing import Annotated

import typer

from amity.errors import ConfigError


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _prepare_database() -> None:
    """Run every migration once, here, so that several workers never race to migrate a fresh database."""
    from amity.app import open_database
    from amity.config import load_config
    from amity.store.accounts import ensure_server_schema

    db = open_database(load_config())
    try:
        ensure_server_schema(db)
    finally:
        db.close()


def serve(
    host: Annotated[str, typer.Option(help="Address to bind (0.0.0.0 exposes it to your network)")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port")] = 8765,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Worker processes")] = 1,
    fake_llm: Annotated[
        bool, typer.Option("--fake-llm", help="Scripted replies instead of a model (demos, tests)")
    ] = False,
    cors: Annotated[
        list[str] | None, typer.Option("--cors-origin", help="Allow this browser origin (repeatable)")
    ] = None,
    log_level: Annotated[str, typer.Option(help="uvicorn log level")] = "info",
    no_signup: Annotated[bool, typer.Option("--no-signup", help="Close sign-up (existing accounts only)")] = False,
    relaxed_durability: Annotated[
        bool,
        typer.Option(
            "--relaxed-durability",
            help="SQLite synchronous=NORMAL without waiting for the disk: a power loss may lose the last "
            "acknowledged turns (the default group commit is nearly as fast and loses nothing)",
        ),
    ] = False,
    offer_model: Annotated[
        list[str] | None,
        typer.Option(
            "--offer-model",
            help="Also offer this model spec to users, who pick one in the web app's settings (repeatable)",
        ),
    ] = None,
) -> None:
    """Serve the API and the web app (open http://HOST:PORT/ in a browser)."""
    try:
        import uvicorn
    except ImportError as exc:
        raise ConfigError("The server is not installed.", "pip install 'amity[server]'") from exc
    from amity.cli.common import err_console

    os.environ["AMITY_SERVE_FAKE_LLM"] = "1" if fake_llm else "0"
    os.environ["AMITY_SERVE_CORS"] = ",".join(cors or [])
    os.environ["AMITY_SERVE_ALLOW_SIGNUP"] = "0" if no_signup else "1"
    os.environ["AMITY_SERVE_RELAXED_DURABILITY"] = "1" if relaxed_durability else "0"
    os.environ["AMITY_SERVE_MODELS"] = ",".join(offer_model or [])
    if not _is_loopback(host):
        err_console.print(
            f"[yellow]Listening on {host}: anyone who can reach this port can try to sign in. "
            "Put it behind HTTPS (see docs/DEPLOY.md).[/yellow]"
        )
    _prepare_database()
    err_console.print(f"Amity is at http://{host}:{port}/  (API docs: /docs)")
    uvicorn.run(
        "amity.server.app:app_factory",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        ws_max_size=1024 * 1024,
    )
