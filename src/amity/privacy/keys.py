"""Encryption keys from a passphrase, with a memory-hard KDF (scrypt: N=2^15, r=8 → 32 MiB per try).

The database key is never stored. Next to the database, ``amity.db.keyinfo.json`` records only the
KDF's parameters and random salt, so the same passphrase derives the same key; its presence tells Amity
the database is encrypted. The passphrase comes from ``AMITY_PASSPHRASE`` (headless use), the OS keyring
(when the optional ``keyring`` package is installed and an entry exists), or an interactive prompt.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from amity.errors import ConfigError, InputError

KEYRING_SERVICE = "amity"
MIN_PASSPHRASE = 8


@dataclass(frozen=True)
class KdfParams:
    salt: bytes
    n: int = 2**15
    r: int = 8
    p: int = 1

    def derive(self, passphrase: str) -> bytes:
        return hashlib.scrypt(
            passphrase.encode("utf-8"),
            salt=self.salt,
            n=self.n,
            r=self.r,
            p=self.p,
            maxmem=128 * 2**20,
            dklen=32,
        )

    def to_dict(self) -> dict[str, object]:
        return {"kdf": "scrypt", "n": self.n, "r": self.r, "p": self.p, "salt": self.salt.hex()}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> KdfParams:
        if data.get("kdf") != "scrypt":
            raise ConfigError(f"Unknown key derivation {data.get('kdf')!r}.", "Upgrade Amity.")
        return cls(
            salt=bytes.fromhex(str(data["salt"])),
            n=int(str(data["n"])),
            r=int(str(data["r"])),
            p=int(str(data["p"])),
        )

    @classmethod
    def fresh(cls) -> KdfParams:
        return cls(salt=secrets.token_bytes(16))


def keyinfo_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".keyinfo.json")


def is_encrypted(db_path: Path) -> bool:
    return keyinfo_path(db_path).is_file()


def check_passphrase(passphrase: str) -> str:
    if len(passphrase) < MIN_PASSPHRASE:
        raise InputError(
            f"The passphrase is too short ({len(passphrase)} characters).",
            f"Use at least {MIN_PASSPHRASE} characters; a few unrelated words work well.",
        )
    return passphrase


def passphrase_from_environment() -> str | None:
    value = os.environ.get("AMITY_PASSPHRASE")
    if value:
        return value
    try:
        import keyring
    except ImportError:
        return None
    try:
        stored = keyring.get_password(KEYRING_SERVICE, "database")
    except Exception:  # any keyring backend failure means "no keyring here"
        return None
    return str(stored) if stored else None


Prompt = Callable[[str], str]


def database_key(db_path: Path, prompt: Prompt | None = None) -> bytes | None:
    """The key for an encrypted database, or None when the database is not encrypted."""
    info = keyinfo_path(db_path)
    if not info.is_file():
        return None
    params = KdfParams.from_dict(json.loads(info.read_text(encoding="utf-8")))
    passphrase = passphrase_from_environment()
    if passphrase is None and prompt is not None:
        passphrase = prompt("Passphrase for your Amity data: ")
    if not passphrase:
        raise ConfigError(
            "Your Amity data is encrypted and no passphrase was given.",
            "Set AMITY_PASSPHRASE, store it in your OS keyring (service 'amity', user 'database'), "
            "or run Amity in a terminal to be asked.",
        )
    return params.derive(passphrase)


def write_keyinfo(path: Path, params: KdfParams) -> None:
    """Write KDF parameters (salt, cost) atomically to ``path``."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(params.to_dict(), indent=2), encoding="utf-8")
    os.replace(tmp, path)
