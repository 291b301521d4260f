"""Backends register a factory under a URI scheme (``embedded:``, ``openai:``) through one hook.

Built-in backends are found through the same ``amity.llm_backends`` entry-point group as third-party
plugins: each entry point names a ``register()`` function that calls :func:`register_backend`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib.metadata import entry_points

from amity.errors import ConfigError
from amity.llm.base import LLM


@dataclass(frozen=True)
class BackendSpec:
    """A parsed model choice: ``scheme:target`` plus the settings a backend may need."""

    scheme: str
    target: str
    settings: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str, settings: Mapping[str, str] | None = None) -> BackendSpec:
        scheme, sep, target = text.partition(":")
        if not sep or not target:
            raise ConfigError(
                f"'{text}' is not a model choice.",
                "Use e.g. embedded:qwen2.5-coder-1.5b, embedded:/path/model.gguf or openai:MODEL@URL.",
            )
        return cls(scheme.strip().lower(), target.strip(), dict(settings or {}))


Factory = Callable[[BackendSpec], LLM]
_FACTORIES: dict[str, Factory] = {}
_loaded = False


def register_backend(scheme: str, factory: Factory) -> None:
    _FACTORIES[scheme] = factory


def _load_plugins() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for ep in entry_points(group="amity.llm_backends"):
        ep.load()()
    if not {"embedded", "openai", "fake"} <= set(_FACTORIES):
        # Running from a source tree without installed metadata: register the built-ins directly.
        from amity.llm import embedded, fake, openai_compat

        embedded.register()
        openai_compat.register()
        fake.register()


def available_schemes() -> list[str]:
    _load_plugins()
    return sorted(_FACTORIES)


def create_llm(spec: BackendSpec) -> LLM:
    _load_plugins()
    factory = _FACTORIES.get(spec.scheme)
    if factory is None:
        raise ConfigError(
            f"No model backend called '{spec.scheme}'.",
            f"Choose one of: {', '.join(available_schemes())} (e.g. `amity config set model embedded:smollm2-135m`).",
        )
    return factory(spec)
