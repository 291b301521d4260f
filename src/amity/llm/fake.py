"""A scripted LLM for tests and demos: queue replies, inspect what it was asked (scheme ``fake:``)."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncIterator, Callable, Sequence

from amity.llm.base import GenerationOptions
from amity.llm.registry import BackendSpec, register_backend
from amity.types import Message

Responder = Callable[[Sequence[Message]], str]


class FakeLLM:
    """Replies with queued texts (split into word pieces), or with ``default`` when the queue is empty.

    ``calls`` records every message list it received, so tests can assert on prompts.
    """

    name = "fake"

    def __init__(self, replies: Sequence[str] = (), default: str | Responder = "I'm here with you.") -> None:
        self._queue: deque[str | Exception] = deque(replies)
        self.default = default
        self.calls: list[tuple[list[Message], GenerationOptions]] = []
        self.prefills: list[list[Message]] = []  # every prompt prefix it was asked to cache
        self.delay_s = 0.0
        self.prefill_delay_s = 0.0

    def enqueue(self, *replies: str | Exception) -> None:
        self._queue.extend(replies)

    async def stream(self, messages: Sequence[Message], options: GenerationOptions) -> AsyncIterator[str]:
        self.calls.append((list(messages), options))
        if self._queue:
            item = self._queue.popleft()
        else:
            item = self.default(messages) if callable(self.default) else self.default
        if isinstance(item, Exception):
            raise item
        words = item.split(" ")
        for i, word in enumerate(words):
            if self.delay_s:
                await asyncio.sleep(self.delay_s)
            yield word if i == 0 else " " + word

    async def prefill(self, messages: Sequence[Message]) -> bool:
        """Record the prefix (after ``prefill_delay_s``, like a model evaluating it)."""
        if self.prefill_delay_s:
            await asyncio.sleep(self.prefill_delay_s)
        self.prefills.append(list(messages))
        return True

    async def aclose(self) -> None:
        return None

    @property
    def last_system_prompt(self) -> str:
        messages = self.calls[-1][0]
        return "\n".join(m.content for m in messages if m.role == "system")


def _echo(messages: Sequence[Message]) -> str:
    last = next((m.content for m in reversed(messages) if m.role == "user"), "")
    return f"You said: {last}"


def _create(spec: BackendSpec) -> FakeLLM:
    """``fake:echo`` repeats the user, ``fake:slow`` does so at ~20 words/s, ``fake:TEXT`` always says TEXT."""
    if spec.target in ("echo", "slow"):
        llm = FakeLLM(default=_echo)
        llm.delay_s = 0.05 if spec.target == "slow" else 0.0
        return llm
    return FakeLLM(default=spec.target)


def register() -> None:
    register_backend("fake", _create)
