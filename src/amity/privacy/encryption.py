"""Turning encryption at rest on, or changing its passphrase, without ever risking the data.

The database is copied with ``sqlcipher_export`` into a new file under the new key, the copy is opened
and every table recounted against the original, and only then is it renamed over the original. The new
KDF parameters are written first as ``*.keyinfo.json.pending`` and promoted after the rename; an
interrupted switch is finished (or undone) the next time the database is opened.
"""

from __future__ import annotations

import os
from pathlib import Path

from amity.errors import StoreError
from amity.privacy.keys import KdfParams, check_passphrase, keyinfo_path, write_keyinfo
from amity.store.db import Database
from amity.store.schema import all_migrations
from amity.store.sqlite_dump import count_rows, data_tables


def pending_path(db_path: Path) -> Path:
    return keyinfo_path(db_path).with_name(keyinfo_path(db_path).name + ".pending")


def _plain_header(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(16) == b"SQLite format 3\x00"


def recover_interrupted_switch(db_path: Path) -> None:
    """Finish or undo a passphrase switch that was interrupted between its two renames."""
    pending = pending_path(db_path)
    if not pending.exists():
        return
    new_copy = db_path.with_name(db_path.name + ".rekey")
    if new_copy.exists():  # the copy never replaced the original: undo
        new_copy.unlink()
        pending.unlink()
        return
    if db_path.exists() and not keyinfo_path(db_path).exists() and _plain_header(db_path):
        pending.unlink()  # nothing was switched
        return
    os.replace(pending, keyinfo_path(db_path))  # the copy is in place: promote its key info


def set_passphrase(db_path: Path, passphrase: str, old_key: bytes | None) -> None:
    """Encrypt a plaintext database, or re-encrypt an encrypted one under a new passphrase."""
    check_passphrase(passphrase)
    params = KdfParams.fresh()
    new_key = params.derive(passphrase)
    source = Database(db_path, all_migrations(), key=old_key)
    counts = {t.name: count_rows(source, t, None) for t in data_tables(source, include_credentials=True)}
    new_copy = db_path.with_name(db_path.name + ".rekey")
    new_copy.unlink(missing_ok=True)
    with source._lock:
        source.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        source.conn.execute(f"ATTACH DATABASE ? AS rekeyed KEY \"x'{new_key.hex()}'\"", (str(new_copy),))
        try:
            source.conn.execute("SELECT sqlcipher_export('rekeyed')")
            version = source.conn.execute("PRAGMA user_version").fetchone()[0]
            source.conn.execute(f"PRAGMA rekeyed.user_version = {int(version)}")
        finally:
            source.conn.execute("DETACH DATABASE rekeyed")
    source.close()
    check = Database(new_copy, all_migrations(), key=new_key)
    copied = {t.name: count_rows(check, t, None) for t in data_tables(check, include_credentials=True)}
    check.close()
    if copied != counts:
        new_copy.unlink(missing_ok=True)
        raise StoreError(
            "The encrypted copy did not match the original; nothing was changed.",
            "Run `amity doctor`, then try again.",
        )
    write_keyinfo(pending_path(db_path), params)
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    os.replace(new_copy, db_path)
    os.replace(pending_path(db_path), keyinfo_path(db_path))
