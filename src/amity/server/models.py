"""Which model answers a user: the server's own, or another one the operator offers.

The operator decides what runs (and pays for it in memory and CPU): ``amity serve --offer-model SPEC``
(repeatable; ``AMITY_SERVE_MODELS`` for workers, comma-separated) adds model specs beside the server's
configured ``model``. Each user picks one of them in the web app's settings (``PATCH /settings {"model":
...}``); the choice is a per-user setting in the store, so every worker sees it. A model is loaded the first
time someone picks it, as a :class:`~amity.engine.Companion` sharing the default companion's store, stages,
guards and personas - only the LLM differs. A spec that is not offered is refused with the list of those
that are; a user whose stored choice is no longer offered gets the default again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from amity.app import App, make_llm
from amity.engine import Companion
from amity.errors import InputError

SETTING = "web.model"


class ModelChoice:
    """The offered models and each user's choice among them."""

    def __init__(self, app: App, offered: Sequence[str] = ()) -> None:
        self.app = app
        self.default = app.config.model
        self._offered = list(dict.fromkeys([self.default, *(s.strip() for s in offered if s.strip())]))
        self._companions: dict[str, Companion] = {self.default: app.companion}

    def offered(self) -> list[str]:
        return list(self._offered)

    def current(self, user_id: str) -> str:
        choice = str(self.app.store.get_setting(user_id, SETTING, "") or "")
        return choice if choice in self._offered else self.default

    def choose(self, user_id: str, spec: str) -> None:
        spec = spec.strip()
        if spec not in self._offered:
            raise InputError(
                f"The model {spec!r} is not offered by this server.",
                f"Choose one of: {', '.join(self._offered)} (the operator adds more with amity serve --offer-model).",
            )
        self.app.store.set_setting(user_id, SETTING, "" if spec == self.default else spec)

    def companion_for(self, user_id: str) -> Companion:
        spec = self.current(user_id)
        found = self._companions.get(spec)
        if found is None:
            base = self.app.companion
            found = Companion(
                make_llm(replace(self.app.config, model=spec)),
                base.store,
                stages=base.stages,
                guards=base.guards,
                settings=base.settings,
                persona_for=base.persona,
                after_turn=base.after_turn,  # one order per user whichever model answers
            )
            self._companions[spec] = found
        return found

    async def aclose(self) -> None:
        """Close the LLMs this object loaded (the default one belongs to the app)."""
        for spec, companion in list(self._companions.items()):
            if spec != self.default:
                await companion.llm.aclose()
                del self._companions[spec]
