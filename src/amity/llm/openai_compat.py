"""Any OpenAI-compatible chat server: Ollama, vLLM, llama.cpp server, LM Studio, OpenAI.

Spec: ``openai:MODEL@http://host:port/v1``; the key comes from ``AMITY_OPENAI_API_KEY`` or config.
Streams Server-Sent Events from ``/chat/completions``. The embedded backend reuses this client against
the in-process llama.cpp server, so there is one streaming code path for every model.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Sequence
from typing import Any

import httpx

from amity.errors import BackendUnavailable, ConfigError, ModelError
from amity.llm.base import GenerationOptions
from amity.llm.registry import BackendSpec, register_backend
from amity.types import Message


class OpenAICompatibleLLM:
    """Streams chat completions from an OpenAI-compatible HTTP endpoint."""

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str | None = None,
        *,
        timeout_s: float = 120.0,
        transport: httpx.AsyncBaseTransport | None = None,
        prompt_cache: bool = False,
    ) -> None:
        self.prompt_cache = prompt_cache  # the server keeps the last prompt's KV cache (llama.cpp)
        self.last_timings: dict[str, float] = {}  # llama.cpp's ``timings`` of the last reply (prompt_n, cache_n…)
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.name = f"openai:{model}@{self.base_url}"
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.AsyncClient(
            base_url=self.base_url,
            headers=headers,
            timeout=httpx.Timeout(timeout_s, connect=10.0),
            transport=transport,
        )

    def _payload(self, messages: Sequence[Message], options: GenerationOptions) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "model": self.model,
            "messages": [{"role": m.role, "content": m.content} for m in messages],
            "max_tokens": options.max_tokens,
            "temperature": options.temperature,
            "top_p": options.top_p,
            "stream": True,
        }
        if options.stop:
            payload["stop"] = list(options.stop)
        if options.seed is not None:
            payload["seed"] = options.seed
        if options.json_schema is not None:
            payload["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": "reply", "schema": options.json_schema, "strict": True},
            }
        return payload

    async def stream(self, messages: Sequence[Message], options: GenerationOptions) -> AsyncIterator[str]:
        payload = self._payload(messages, options)
        try:
            async with self._client.stream("POST", "/chat/completions", json=payload) as response:
                if response.status_code >= 400:
                    await response.aread()
                    raise self._http_error(response)
                async for line in response.aiter_lines():
                    if '"timings"' in line:
                        self.last_timings = _timings(line)
                    piece = _parse_sse_line(line)
                    if piece is None:
                        continue
                    if piece == _DONE:
                        break
                    yield piece
        except httpx.TransportError as exc:
            raise BackendUnavailable(
                f"Cannot reach the model server at {self.base_url} ({type(exc).__name__}).",
                "Start the server (e.g. `ollama serve` or `vllm serve MODEL`), check the URL in "
                "`amity config show`, or switch back with `amity config set model embedded:qwen2.5-coder-1.5b`.",
            ) from exc

    async def prefill(self, messages: Sequence[Message]) -> bool:
        """Have the server evaluate ``messages`` now (one generated token) so that a later prompt starting
        with them only evaluates what follows. Only for servers that keep a prompt cache (``prompt_cache``):
        elsewhere it would be a wasted (and maybe billed) request, so it does nothing."""
        if not self.prompt_cache:
            return False
        payload = self._payload(messages, GenerationOptions(max_tokens=1, temperature=0.0))
        payload["stream"] = False
        payload["cache_prompt"] = True
        try:
            response = await self._client.post("/chat/completions", json=payload)
        except httpx.TransportError as exc:
            raise BackendUnavailable(
                f"Cannot reach the model server at {self.base_url} ({type(exc).__name__}).",
                "Check that the model server is running (`amity doctor`).",
            ) from exc
        if response.status_code >= 400:
            raise self._http_error(response)
        return True

    def _http_error(self, response: httpx.Response) -> Exception:
        detail = response.text[:300]
        if response.status_code in (401, 403):
            return ConfigError(
                f"The model server at {self.base_url} rejected the API key ({response.status_code}).",
                "Set the key with `amity config set openai_api_key KEY` or the AMITY_OPENAI_API_KEY variable.",
            )
        if response.status_code == 404:
            return ConfigError(
                f"The model server at {self.base_url} does not know model '{self.model}' (404): {detail}",
                "Check the model name (e.g. `ollama list`) and set it with `amity config set model openai:NAME@URL`.",
            )
        return ModelError(
            f"The model server at {self.base_url} answered {response.status_code}: {detail}",
            "Check the server's log; try again, or choose another model with `amity config set model ...`.",
        )

    async def aclose(self) -> None:
        await self._client.aclose()


_DONE = "\x00[DONE]"


def _timings(line: str) -> dict[str, float]:
    """llama.cpp's per-request ``timings`` (tokens evaluated, cached, ms) from an SSE line, if present."""
    try:
        timings = json.loads(line[5:].strip()).get("timings") or {}
    except (json.JSONDecodeError, AttributeError):
        return {}
    return {str(k): float(v) for k, v in timings.items() if isinstance(v, int | float)}


def _parse_sse_line(line: str) -> str | None:
    """Return the text delta in one SSE line, ``_DONE`` at the end, or None for anything else."""
    if not line.startswith("data:"):
        return None
    data = line[5:].strip()
    if data == "[DONE]":
        return _DONE
    try:
        event = json.loads(data)
    except json.JSONDecodeError:
        return None
    if "error" in event:
        message = event["error"].get("message", str(event["error"]))
        raise ModelError(f"The model server reported an error: {message}", "Check the server's log.")
    choices = event.get("choices") or []
    if not choices:
        return None
    choice = choices[0]
    content = (choice.get("delta") or {}).get("content")
    if content:
        return str(content)
    if choice.get("finish_reason"):
        return _DONE
    return None


def parse_spec(target: str) -> tuple[str, str]:
    """Split ``MODEL@URL`` into (model, url)."""
    if "@" not in target:
        raise ConfigError(
            f"'openai:{target}' names no server URL.",
            "Use the form openai:MODEL@http://host:port/v1, e.g. openai:llama3.2@http://127.0.0.1:11434/v1",
        )
    model, url = target.rsplit("@", 1)
    if not url.startswith(("http://", "https://")):
        raise ConfigError(f"'{url}' is not an http(s) URL.", "Use e.g. http://127.0.0.1:11434/v1")
    return model, url


def _create(spec: BackendSpec) -> OpenAICompatibleLLM:
    model, url = parse_spec(spec.target)
    return OpenAICompatibleLLM(url, model, spec.settings.get("openai_api_key") or None)


def register() -> None:
    register_backend("openai", _create)
