"""Configuration: ``<data dir>/config.json`` overlaid by environment variables, resolved on demand.

The data directory is ``AMITY_HOME`` when set, else the platform's user data dir. ``AMITY_MODEL``
overrides the model choice; ``AMITY_OPENAI_API_KEY`` the key of a remote server; ``AMITY_DATABASE_URL`` puts
every store in PostgreSQL instead of ``<data dir>/amity.db``. Nothing is read at import.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from amity.errors import ConfigError

DEFAULT_MODEL_SPEC = "embedded:qwen2.5-coder-1.5b"  # chosen in docs/MODELS.md


def data_dir() -> Path:
    home = os.environ.get("AMITY_HOME")
    if home:
        return Path(home).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("amity", appauthor=False))


@dataclass(frozen=True)
class Config:
    model: str = DEFAULT_MODEL_SPEC
    openai_api_key: str = ""
    threads: int = 0  # 0 = all cores (max 8)
    n_ctx: int = 4096
    max_reply_tokens: int = 200
    temperature: float = 0.7
    user: str = ""  # default user id; empty = the OS login name
    locale: str = "en-US"
    history_tokens: int = 1400  # budget for recent turns in the prompt
    summarise_after: int = 1  # summarise once this many turns no longer fit history_tokens (docs/PERFORMANCE.md)
    embedder: str = ""  # memory embedder: minilm (default when installed), e5 (multilingual), hashing
    extract_with_llm: int = 0  # 1 = also extract facts with the LLM (JSON-schema constrained); rules always run
    voice_model: str = ""  # model for `amity voice` ('' = `model`); docs/VOICE.md: the 0.5B answers sooner

    def for_voice(self) -> Config:
        """The configuration `amity voice` runs with: ``voice_model`` (when set) replaces ``model``."""
        return replace(self, model=self.voice_model) if self.voice_model else self

    database_url: str = ""  # PostgreSQL (+pgvector) DSN/URL for all state; empty = SQLite in the data dir

    @property
    def home(self) -> Path:
        return data_dir()

    @property
    def db_path(self) -> Path:
        return self.home / "amity.db"

    @property
    def models_dir(self) -> Path:
        return self.home / "models"

    def backend_settings(self) -> dict[str, str]:
        return {
            "openai_api_key": self.openai_api_key,
            "threads": str(self.threads),
            "n_ctx": str(self.n_ctx),
            "models_dir": str(self.models_dir),
        }

    def default_user(self) -> str:
        if self.user:
            return self.user
        try:
            return os.getlogin()
        except OSError:
            return os.environ.get("USER") or "me"


_FIELD_TYPES = {f.name: f.type for f in fields(Config)}


def _coerce(key: str, value: Any) -> Any:
    kind = _FIELD_TYPES[key]
    try:
        if kind == "int":
            return int(value)
        if kind == "float":
            return float(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"'{key}' must be a number, not {value!r}.", f"amity config set {key} NUMBER") from exc
    return str(value)


def config_path() -> Path:
    return data_dir() / "config.json"


def load_config() -> Config:
    path = config_path()
    stored: dict[str, Any] = {}
    if path.is_file():
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ConfigError(
                f"The config file {path} is not valid JSON ({exc}).",
                f"Fix or delete {path}; `amity config set KEY VALUE` writes a fresh one.",
            ) from exc
        if not isinstance(stored, dict):
            raise ConfigError(f"The config file {path} must hold a JSON object.", f"Fix or delete {path}.")
    unknown = set(stored) - set(_FIELD_TYPES)
    if unknown:
        raise ConfigError(
            f"Unknown setting(s) in {path}: {', '.join(sorted(unknown))}.",
            f"Remove them; known settings: {', '.join(_FIELD_TYPES)}.",
        )
    config = Config(**{k: _coerce(k, v) for k, v in stored.items()})
    env = {
        "model": os.environ.get("AMITY_MODEL"),
        "openai_api_key": os.environ.get("AMITY_OPENAI_API_KEY"),
        "threads": os.environ.get("AMITY_THREADS"),
        "embedder": os.environ.get("AMITY_EMBEDDER"),
        "voice_model": os.environ.get("AMITY_VOICE_MODEL"),
        "database_url": os.environ.get("AMITY_DATABASE_URL"),
    }
    overrides = {k: _coerce(k, v) for k, v in env.items() if v}
    return replace(config, **overrides)


def set_config_value(key: str, value: str) -> Config:
    """Validate and persist one setting atomically."""
    if key not in _FIELD_TYPES:
        raise ConfigError(f"There is no setting called '{key}'.", f"Known settings: {', '.join(_FIELD_TYPES)}.")
    path = config_path()
    stored: dict[str, Any] = {}
    if path.is_file():
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            stored = {}
    stored[key] = _coerce(key, value)
    if key in ("model", "voice_model") and stored[key]:
        from amity.llm.registry import BackendSpec

        BackendSpec.parse(str(stored[key]))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".config.")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(stored, fh, indent=2)
    os.replace(tmp, path)
    return load_config()


def mask_password(url: str) -> str:
    """A database URL or DSN with its password replaced by ``***`` (for display)."""
    url = re.sub(r"(://[^:/@\s]*:)\S*@", r"\1***@", url)
    return re.sub(r"(password\s*=\s*)\S+", r"\1***", url)


def public_view(config: Config) -> dict[str, Any]:
    view = asdict(config)
    if view["openai_api_key"]:
        view["openai_api_key"] = "***"
    view["database_url"] = mask_password(config.database_url)
    view["data_dir"] = str(config.home)
    return view
