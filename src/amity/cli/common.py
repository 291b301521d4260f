"""Helpers shared by CLI commands: running async code, building the app, showing progress."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

from amity.app import App, build_app, open_database
from amity.config import Config, load_config
from amity.llm.models import KNOWN_MODELS, resolve_model
from amity.llm.registry import BackendSpec
from amity.senses.sensing import SensingChannels
from amity.store.sql import SqlDatabase

T = TypeVar("T")
console = Console()
err_console = Console(stderr=True)


def run(coro: Awaitable[T]) -> T:
    return asyncio.run(coro)  # type: ignore[arg-type]


def prepare_model(config: Config, quiet: bool = False) -> None:
    """Assemble and verify a wheel-shipped model up front, with a progress bar on stderr."""
    spec = BackendSpec.parse(config.model)
    if spec.scheme != "embedded":
        return
    model = KNOWN_MODELS.get(spec.target)
    if model is None or len(model.packages) == 1:
        resolve_model(spec.target, config.models_dir)
        return
    target = config.models_dir / f"{model.name}.gguf"
    if target.is_file() or quiet or not err_console.is_terminal:
        resolve_model(spec.target, config.models_dir)
        return
    with Progress(
        TextColumn("Preparing model {task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
    ) as progress:
        task = progress.add_task(model.name, total=model.size or None)

        def report(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        resolve_model(spec.target, config.models_dir, report)


def passphrase_prompt(question: str) -> str:
    """Ask for a passphrase on the terminal (only when there is one)."""
    import getpass

    if not sys.stdin.isatty():
        return ""
    return getpass.getpass(question)


def open_db(config: Config) -> SqlDatabase:
    return open_database(config, passphrase_prompt)


def open_app(quiet: bool = False, sensing: SensingChannels | None = None, voice: bool = False) -> App:
    config = load_config()
    if voice:
        config = config.for_voice()
    db = open_db(config)
    try:
        prepare_model(config, quiet=quiet)
        return build_app(config, db=db, sensing=sensing)
    except BaseException:
        db.close()
        raise


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    sys.stdout.flush()


async def with_app(
    fn: Callable[[App], Awaitable[T]],
    quiet: bool = False,
    sensing: SensingChannels | None = None,
    voice: bool = False,
) -> T:
    app = open_app(quiet=quiet, sensing=sensing, voice=voice)
    try:
        return await fn(app)
    finally:
        await app.aclose()
