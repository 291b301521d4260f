"""The embedded model: llama.cpp (the prebuilt ``xllamacpp`` wheel) running inside the Amity process.

xllamacpp's ``Server`` loads the GGUF file and serves llama.cpp's OpenAI-compatible API on a random
loopback port, protected by a random per-process API key. We talk to it with the same client as any
remote server (``openai_compat``), so streaming, stop handling and JSON-schema constrained output are one
code path. llama.cpp keeps the previous prompt's KV cache in its slot (``cache_prompt``), so a turn only
evaluates the new tokens of a growing conversation; :meth:`EmbeddedLLM.prefill` fills that cache ahead of
time (one slot: the next request reuses the longest common token prefix with the last one).

CPU priority. On 2 cores llama.cpp's compute threads and another CPU-bound stage halve each other. The
voice loop speaks sentence *n* while the model writes sentence *n+1*; the first spoken sentence is on the
user's critical path, the next one is not. :meth:`EmbeddedLLM.lower_priority` (Linux) raises the nice
value of the threads llama.cpp creates - recorded when the server starts; its compute workers are spawned
later by its loop thread and inherit the value - so Piper wins the CPU while both run and the model
gets every cycle Piper leaves. It only ever lowers priority (no privilege needed) and never touches
Python's threads or other libraries' thread pools. ``docs/VOICE.md`` has the measurements.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.metadata
import os
import secrets
import sys
import threading
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

from amity.errors import ModelError
from amity.llm.base import GenerationOptions
from amity.llm.models import Progress, resolve_model
from amity.llm.openai_compat import OpenAICompatibleLLM
from amity.llm.registry import BackendSpec, register_backend
from amity.types import Message


def _thread_ids() -> set[int]:
    """The kernel ids of this process's threads (Linux; empty elsewhere)."""
    try:
        return {int(t) for t in os.listdir("/proc/self/task")}
    except OSError:
        return set()


def _renice(thread_ids: set[int], nice: int) -> int:
    """Raise each thread's nice value to at least ``nice`` (lower priority only); how many changed."""
    changed = 0
    for tid in thread_ids:
        with contextlib.suppress(OSError):  # a thread that ended meanwhile
            if os.getpriority(os.PRIO_PROCESS, tid) < nice:
                os.setpriority(os.PRIO_PROCESS, tid, nice)
                changed += 1
    return changed


# CPU extensions llama.cpp can use beyond the PyPI wheel's AVX2: (its system-info name, /proc/cpuinfo flag).
_NATIVE_FEATURES = (("AVX512", "avx512f"), ("AVX512_VNNI", "avx512_vnni"), ("AVX_VNNI", "avx_vnni"))


def unused_cpu_features(system_info: str, cpu_flags: set[str]) -> list[str]:
    """Vector extensions this CPU has that the installed llama.cpp build does not use (``AVX512`` …).

    ``system_info`` is ``xllamacpp.get_system_info()`` ("CPU : SSE3 = 1 | AVX2 = 1 | …"), ``cpu_flags`` the
    ``flags`` line of /proc/cpuinfo. A non-empty answer means ``bash scripts/build-native-llama`` helps."""
    built = {part.split("=")[0].strip() for part in system_info.split("|") if part.strip().endswith("= 1")}
    built = {name.removeprefix("CPU :").strip() for name in built}
    return [name for name, flag in _NATIVE_FEATURES if flag in cpu_flags and name not in built]


def native_build_failed(version: str, cache_root: Path | None = None) -> bool:
    """Whether ``scripts/build-native-llama`` built llama.cpp ``version`` here and the build failed its check
    (it then marks the cached build ``BROKEN`` and keeps the PyPI wheel)."""
    root = cache_root or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return any((root / "amity" / "native-llama").glob(f"{version}-*/BROKEN"))


def llama_build_tip() -> str | None:
    """The tip ``amity doctor`` prints when llama.cpp could run faster on this CPU, else ``None``."""
    try:
        import xllamacpp as xlc

        info = str(xlc.get_system_info())
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            flags = next((line.split(":", 1)[1].split() for line in cpuinfo if line.startswith("flags")), [])
        version = importlib.metadata.version("xllamacpp")
    except (ImportError, OSError, importlib.metadata.PackageNotFoundError):
        return None
    missing = unused_cpu_features(info, set(flags))
    if not missing:
        return None
    if native_build_failed(version):
        return (
            f"this CPU has {', '.join(missing)}, but the llama.cpp build for it failed its check here, so the "
            "portable build stays (docs/PERFORMANCE.md); nothing to do"
        )
    return (
        f"this CPU has {', '.join(missing)}, which the installed llama.cpp build does not use; "
        "`bash scripts/build-native-llama` rebuilds it for this CPU (7-10 minutes, once) and makes "
        "replies start sooner (docs/PERFORMANCE.md)"
    )


class EmbeddedLLM:
    """A GGUF model served in-process by llama.cpp; started lazily on first use."""

    def __init__(self, model_path: Path, *, n_ctx: int = 4096, n_threads: int | None = None) -> None:
        self.model_path = model_path
        self.name = f"embedded:{model_path.name}"
        self.n_ctx = n_ctx
        self.n_threads = n_threads or max(1, min(os.cpu_count() or 2, 8))
        self._server: Any = None
        self._client: OpenAICompatibleLLM | None = None
        self._lock = asyncio.Lock()
        self.nice = 0  # see lower_priority
        self._server_threads: set[int] = set()

    def lower_priority(self, nice: int) -> None:
        """Run llama.cpp's threads at nice value ``nice`` from now on (Linux; elsewhere nothing happens).

        Call it before the model starts (``start`` applies it to the threads the server creates, and the
        compute workers they spawn inherit it); called later, it reaches the server's own threads and the
        workers they spawn from then on."""
        self.nice = max(self.nice, nice)
        if self._server_threads and self.nice > 0:
            _renice(self._server_threads, self.nice)

    def start(self) -> None:
        """Load the model now (blocking; a few hundred ms to a few seconds)."""
        if self._client is not None:
            return
        try:
            import xllamacpp as xlc
        except ImportError as exc:  # pragma: no cover - xllamacpp is a core dependency
            raise ModelError("llama.cpp (xllamacpp) is not installed.", "pip install xllamacpp") from exc
        key = secrets.token_urlsafe(24)
        params = xlc.CommonParams()
        params.model.path = str(self.model_path)
        params.n_ctx = self.n_ctx
        params.n_parallel = 1
        params.cpuparams.n_threads = self.n_threads
        params.cpuparams_batch.n_threads = self.n_threads
        params.warmup = False
        params.verbosity = -1
        params.cache_prompt = True
        params.api_keys = [key]
        params.port = 0
        before = _thread_ids() if sys.platform.startswith("linux") else set()
        try:
            self._server = xlc.Server(params)
        except Exception as exc:
            raise ModelError(
                f"llama.cpp could not load {self.model_path}: {exc}",
                "Check that the file is a complete GGUF model (`amity doctor`), or pick another with "
                "`amity config set model embedded:smollm2-135m`.",
            ) from exc
        if before:
            python_threads = {t.native_id for t in threading.enumerate()}
            self._server_threads = _thread_ids() - before - python_threads
            if self.nice > 0:
                _renice(self._server_threads, self.nice)
        address = str(self._server.listening_address)
        self._client = OpenAICompatibleLLM(address + "/v1", "local", key, timeout_s=600.0, prompt_cache=True)

    async def _started(self) -> OpenAICompatibleLLM:
        if self._client is None:
            async with self._lock:
                if self._client is None:
                    await asyncio.to_thread(self.start)
        assert self._client is not None
        return self._client

    async def stream(self, messages: Sequence[Message], options: GenerationOptions) -> AsyncIterator[str]:
        client = await self._started()
        async for piece in client.stream(messages, options):
            yield piece

    async def prefill(self, messages: Sequence[Message]) -> bool:
        """Evaluate a prompt prefix into llama.cpp's cache now (see ``Companion.warm``)."""
        client = await self._started()
        return await client.prefill(messages)

    @property
    def last_timings(self) -> dict[str, float]:
        """llama.cpp's timings of the last streamed reply: ``prompt_n`` tokens evaluated, ``cache_n`` reused."""
        return self._client.last_timings if self._client is not None else {}

    @property
    def base_url(self) -> str:
        """The loopback URL of the in-process server (starts the model if needed)."""
        self.start()
        assert self._client is not None
        return self._client.base_url

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None
        self._server = None


def create_embedded(spec: BackendSpec, progress: Progress | None = None) -> EmbeddedLLM:
    models_dir = Path(spec.settings.get("models_dir", "models"))
    path = resolve_model(spec.target, models_dir, progress)
    threads = int(spec.settings.get("threads") or 0) or None
    n_ctx = int(spec.settings.get("n_ctx") or 4096)
    return EmbeddedLLM(path, n_ctx=n_ctx, n_threads=threads)


def register() -> None:
    register_backend("embedded", create_embedded)
