"""The LLM backend interface: one streaming method and a close.

A backend turns a list of :class:`~amity.types.Message` into a stream of text pieces. Everything else
(prompting, memory, safety) lives above it, so a backend is small: see ``fake.py`` for the smallest.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from amity.types import Message


@dataclass(frozen=True)
class GenerationOptions:
    max_tokens: int = 200
    temperature: float = 0.7
    top_p: float = 0.9
    stop: tuple[str, ...] = ()
    json_schema: dict[str, Any] | None = None  # constrain output to this JSON schema (grammar)
    seed: int | None = None


@runtime_checkable
class LLM(Protocol):
    """A chat model that streams its reply."""

    name: str

    def stream(self, messages: Sequence[Message], options: GenerationOptions) -> AsyncIterator[str]:
        """Yield the reply in pieces as they are generated."""
        ...

    async def aclose(self) -> None:
        """Release the model or connection."""
        ...


@runtime_checkable
class Prefiller(Protocol):
    """A backend that can evaluate a prompt prefix ahead of time and keep it cached (llama.cpp)."""

    async def prefill(self, messages: Sequence[Message]) -> bool:
        """Evaluate ``messages`` into the prompt cache; False when this backend does not cache prompts."""
        ...


async def prefill(llm: LLM, messages: Sequence[Message]) -> bool:
    """Warm ``llm``'s prompt cache with ``messages`` when the backend supports it (else do nothing)."""
    if isinstance(llm, Prefiller):
        return await llm.prefill(messages)
    return False


async def complete(llm: LLM, messages: Sequence[Message], options: GenerationOptions | None = None) -> str:
    """Collect a whole reply (for summaries, extraction and other non-streamed calls)."""
    parts = [piece async for piece in llm.stream(messages, options or GenerationOptions())]
    return "".join(parts)
