"""Whole-relationship export and import: one versioned zip of JSON, optionally encrypted.

Layout (schema: ``docs/export-schema.json``)::

    manifest.json          format, version, created_at, scope, and per table: columns, row count, sha256
    tables/<table>.jsonl   one JSON object per row; bytes as {"$b64": "..."}

Encrypted exports wrap the zip: ``AMITYX1\\n`` + one JSON header line (scrypt parameters, nonce) + the
AES-256-GCM ciphertext. Writes go to a temporary file that is renamed into place, so an interrupted
export never leaves a half file under the final name. Import checks every checksum first, then inserts
everything in one transaction: it lands whole or not at all, and it never overwrites existing data.
An export made on SQLite imports into PostgreSQL and back (:mod:`amity.store.portable` translates the
memory area's tables; the memory vectors follow when both use the same embedder).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from amity.errors import InputError
from amity.privacy.keys import KdfParams, check_passphrase
from amity.store.portable import translate_export
from amity.store.sql import POSTGRESQL, SQLITE, SqlDatabase, require_sqlite
from amity.store.sqlite_dump import (
    TableInfo,
    count_rows,
    data_tables,
    insert_rows,
    iter_rows,
    table_exists,
)

FORMAT = "amity-relationship-export"
VERSION = 1
ENC_MAGIC = b"AMITYX1\n"


def export_relationship(
    db: SqlDatabase, path: Path, *, user_id: str | None = None, passphrase: str | None = None
) -> dict[str, Any]:
    """Write the export file; returns the manifest."""
    if user_id is not None and db.query_one("SELECT 1 FROM users WHERE id = ?", (user_id,)) is None:
        raise InputError(f"There is no user '{user_id}' to export.", "Check the id with `amity me`.")
    buffer = io.BytesIO()
    tables_meta = []
    with db.transaction():  # one consistent snapshot of every table
        tables = data_tables(db)
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for table in tables:
                scoped = user_id is not None and table.scope_sql is not None
                lines = [
                    json.dumps(row, ensure_ascii=False, sort_keys=True)
                    for row in iter_rows(db, table, user_id if scoped else None)
                ]
                data = ("\n".join(lines) + ("\n" if lines else "")).encode("utf-8")
                name = f"tables/{table.name}.jsonl"
                zf.writestr(name, data)
                tables_meta.append(
                    {
                        **table.to_dict(),
                        "scoped": table.scope_sql is not None,
                        "rows": len(lines),
                        "file": name,
                        "sha256": hashlib.sha256(data).hexdigest(),
                    }
                )
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "created_at": datetime.now(UTC).isoformat(),
                "scope": {"user": user_id},
                "database": db.dialect,
                "encrypted": passphrase is not None,
                "tables": tables_meta,
            }
            zf.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
    payload = buffer.getvalue()
    if passphrase is not None:
        payload = _encrypt(payload, check_passphrase(passphrase))
    path = Path(path)
    tmp = path.with_name(f".{path.name}.partial")
    with tmp.open("wb") as fh:
        fh.write(payload)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return manifest


def read_export(path: Path, passphrase: str | None = None) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """Read and verify an export; returns (manifest, rows per table)."""
    try:
        payload = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"Cannot read {path}: {exc.strerror}.", "Check the file name.") from exc
    if payload.startswith(ENC_MAGIC):
        if not passphrase:
            raise InputError(f"{path} is encrypted.", "Give its passphrase (--passphrase or AMITY_EXPORT_PASSPHRASE).")
        payload = _decrypt(payload, passphrase)
    try:
        zf = zipfile.ZipFile(io.BytesIO(payload))
        manifest = json.loads(zf.read("manifest.json"))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(
            f"{path} is not an Amity export (or it is damaged).", "Export again with `amity export`."
        ) from exc
    if manifest.get("format") != FORMAT:
        raise InputError(f"{path} is not an Amity export.", "Export again with `amity export`.")
    if int(manifest.get("version", 0)) > VERSION:
        raise InputError(f"{path} was written by a newer Amity (format {manifest['version']}).", "Upgrade Amity.")
    rows: dict[str, list[dict[str, Any]]] = {}
    for table in manifest["tables"]:
        data = zf.read(table["file"])
        if hashlib.sha256(data).hexdigest() != table["sha256"]:
            raise InputError(f"{path} is damaged ({table['file']} fails its checksum).", "Use another copy.")
        rows[table["name"]] = [json.loads(line) for line in data.decode("utf-8").splitlines() if line]
    return manifest, rows


def import_relationship(db: SqlDatabase, path: Path, *, passphrase: str | None = None) -> dict[str, int]:
    """Load an export into this database (all or nothing). Returns rows imported per table."""
    manifest, rows = read_export(path, passphrase)
    carried = None
    if manifest.get("database", SQLITE) != db.dialect:  # moving between SQLite and PostgreSQL
        manifest, rows, carried = translate_export(manifest, rows, db.dialect)
    users = [r["id"] for r in rows.get("users", [])]
    clash = [u for u in users if db.query_one("SELECT 1 FROM users WHERE id = ?", (u,))]
    if clash:
        raise InputError(
            f"This install already has data for {', '.join(clash)}; import never overwrites.",
            "Import into a fresh install (a new AMITY_HOME), or first `amity forget --everything --user ID`.",
        )
    _ensure_tables(db, manifest)
    target = {t.name: t for t in data_tables(db)}
    counts: dict[str, int] = {}
    with db.transaction() as conn:
        for table in manifest["tables"]:
            name = table["name"]
            if name not in target:
                continue  # a derived table in this install (rebuilt from its content table)
            missing = set(table["columns"]) - set(target[name].columns)
            if missing:
                raise InputError(
                    f"The export has columns this Amity does not know ({name}: {', '.join(sorted(missing))}).",
                    "Upgrade Amity, then import again.",
                )
            table_rows = rows[name]
            insert_rows(conn, name, table["columns"], table_rows, or_ignore=not table["scoped"])
            counts[name] = len(table_rows)
        if db.dialect == POSTGRESQL:  # generated keys continue after the imported ones
            from amity.store.pg_database import sync_identities

            sync_identities(conn)
    if carried is not None:  # after the commit: without them the index re-embeds these items on open
        from amity.store.memory_backends import restore_vectors

        restore_vectors(db, carried)
    return counts


def _ensure_tables(db: SqlDatabase, manifest: dict[str, Any]) -> None:
    """Create virtual tables (e.g. the vector index) that a fresh install makes only on first use."""
    for table in manifest["tables"]:
        if table["virtual"] and not table_exists(db, table["name"]):
            if "vec0" in table["create_sql"].lower():
                import sqlite_vec

                require_sqlite(db, "Importing a vector table").load_extension(sqlite_vec.load)
            db.execute(table["create_sql"])


def _encrypt(payload: bytes, passphrase: str) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    params = KdfParams.fresh()
    nonce = os.urandom(12)
    header = json.dumps({**params.to_dict(), "cipher": "AES-256-GCM", "nonce": nonce.hex()}).encode()
    cipher = AESGCM(params.derive(passphrase)).encrypt(nonce, payload, ENC_MAGIC + header)
    return ENC_MAGIC + header + b"\n" + cipher


def _decrypt(blob: bytes, passphrase: str) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    rest = blob[len(ENC_MAGIC) :]
    header_bytes, _, cipher = rest.partition(b"\n")
    header = json.loads(header_bytes)
    params = KdfParams.from_dict(header)
    try:
        return AESGCM(params.derive(passphrase)).decrypt(
            bytes.fromhex(header["nonce"]), cipher, ENC_MAGIC + header_bytes
        )
    except InvalidTag as exc:
        raise InputError("The passphrase does not open this export (or the file is damaged).", "Try again.") from exc


def table_counts(db: SqlDatabase, user_id: str | None = None) -> dict[str, int]:
    return {t.name: count_rows(db, t, user_id) for t in data_tables(db)}


def snapshot(db: SqlDatabase, user_id: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """Every data row (for verification and tests), sorted for comparison."""
    out: dict[str, list[dict[str, Any]]] = {}
    for table in data_tables(db):
        rows = list(iter_rows(db, table, user_id if table.scope_sql else None))
        out[table.name] = sorted(rows, key=lambda r: json.dumps(r, sort_keys=True))
    return out


__all__ = [
    "TableInfo",
    "export_relationship",
    "import_relationship",
    "read_export",
    "snapshot",
    "table_counts",
]
