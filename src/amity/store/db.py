"""The SQLite connection: WAL, foreign keys, explicit transactions and migrations as a list of functions. SQLite
comes from ``sqlcipher3`` when installed (SQLCipher: the same SQLite, able to encrypt the whole file, WAL and
indexes included, and to load extensions such as sqlite-vec), else from ``pysqlite3``, else from the standard
library (this machine's stdlib ``sqlite3`` cannot load extensions). A database opened with a ``key`` is
encrypted at rest; the key is derived from the user's passphrase in ``amity.privacy.keys``. ``secure_delete``
is on, so forgotten data is overwritten, not just unlinked. Commits are durable on return
(``synchronous=FULL``) unless :meth:`Database.enable_group_commit` is on (servers: see
:mod:`amity.store.group_commit`), where ``await db.durable()`` is the durability point. Each migration
is a ``(name, function)`` pair; applied names are recorded in ``_migrations`` and each runs once, inside a
transaction.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from amity.errors import StoreError
from amity.store.group_commit import Checkpointer, WalFlusher

try:  # pragma: no cover - which one depends on the platform
    import sqlcipher3.dbapi2 as sqlite3

    ENCRYPTION_AVAILABLE = True
except ImportError:  # pragma: no cover
    ENCRYPTION_AVAILABLE = False
    try:
        import pysqlite3.dbapi2 as sqlite3  # type: ignore[no-redef]
    except ImportError:
        import sqlite3  # type: ignore[no-redef]

Connection = Any  # sqlite3.Connection from pysqlite3 or the stdlib
Migration = tuple[str, Callable[[Connection], None]]
IntegrityError = sqlite3.IntegrityError
SQLiteError = sqlite3.Error


def run_script(conn: Connection, script: str) -> None:
    """Run several SQL statements inside the current transaction (``executescript`` would commit)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                conn.execute(buffer)
            buffer = ""
    if buffer.strip():
        conn.execute(buffer)


class _Connection(sqlite3.Connection):  # type: ignore[misc]
    """A connection whose ``executescript`` stays inside the current transaction (migrations rely on it)."""

    def executescript(self, script: str) -> Any:
        run_script(self, script)
        return self.cursor()


def utcnow() -> datetime:
    return datetime.now(UTC)


def to_ts(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def from_ts(value: str) -> datetime:
    return datetime.fromisoformat(value)


class Database:
    """One SQLite database file, shared by the per-area stores. Thread-safe through one lock.

    Implements :class:`amity.store.sql.SqlDatabase` (PostgreSQL's is ``amity.store.pg_database``)."""

    dialect = "sqlite"
    integrity_error: type[Exception] = IntegrityError

    def __init__(self, path: Path | str, migrations: Sequence[Migration], key: bytes | None = None) -> None:
        self.path = str(path)
        self.encrypted = key is not None
        self.has_vec = False
        if key is not None and not ENCRYPTION_AVAILABLE:
            raise StoreError(
                "This database is encrypted, but SQLCipher is not installed.",
                "pip install sqlcipher3-binary",
            )
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._depth = 0
        self._key = key
        self._flusher: WalFlusher | None = None
        self._checkpointer: Checkpointer | None = None
        try:
            self.conn = sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False, timeout=30, factory=_Connection
            )
            self.conn.row_factory = sqlite3.Row
            if ENCRYPTION_AVAILABLE:
                self.conn.execute("PRAGMA cipher_log_level = NONE")
            if key is not None:
                self.conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            self._check_readable(key)
            self._load_sqlite_vec()
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=FULL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA secure_delete=ON")
            self.conn.execute("PRAGMA busy_timeout=30000")
            self._migrate(migrations)
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"The database at {self.path} cannot be read: {exc}.",
                "Run `amity doctor`. If the file is damaged, restore it from `amity backup` or move it aside "
                "(Amity never deletes it for you).",
            ) from exc

    def _check_readable(self, key: bytes | None) -> None:
        try:
            self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            if key is not None:
                raise StoreError(
                    f"Cannot open {self.path}: the passphrase is wrong, or the file is damaged.",
                    "Check AMITY_PASSPHRASE (or the passphrase you typed). Amity never changes the file "
                    "when it cannot open it.",
                ) from exc
            header = Path(self.path).read_bytes()[:16] if Path(self.path).is_file() else b""
            if header and header != b"SQLite format 3\x00":
                raise StoreError(
                    f"{self.path} is encrypted or damaged and no passphrase was given.",
                    "Set AMITY_PASSPHRASE to your passphrase (or run `amity doctor`); restore a damaged file "
                    "from `amity backup`.",
                ) from exc
            raise

    def _load_sqlite_vec(self) -> None:
        """sqlite-vec on every connection, so vector tables are readable by every command (export too)."""
        try:
            import sqlite_vec
        except ImportError:  # pragma: no cover - a core dependency; vectors then fall back to plain tables
            return
        self.has_vec = self.load_extension(sqlite_vec.load)

    def load_extension(self, loader: Callable[[Connection], None]) -> bool:
        """Load an SQLite extension (e.g. ``sqlite_vec.load``); False when this SQLite cannot."""
        with self._lock:
            try:
                self.conn.enable_load_extension(True)
                loader(self.conn)
                self.conn.enable_load_extension(False)
                return True
            except (AttributeError, sqlite3.Error):
                return False

    def _migrate(self, migrations: Sequence[Migration]) -> None:
        self.conn.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        done = {row[0] for row in self.conn.execute("SELECT name FROM _migrations")}
        for name, apply in migrations:
            if name in done:
                continue
            with self.transaction() as conn:
                apply(conn)
                conn.execute("INSERT INTO _migrations(name, applied_at) VALUES (?, ?)", (name, to_ts(utcnow())))

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Connection]:
        """BEGIN IMMEDIATE … COMMIT (nested calls join the outer transaction)."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self.conn
                finally:
                    self._depth -= 1
                return
            self.conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            else:
                self.conn.execute("COMMIT")
                if self._flusher is not None:
                    self._flusher.note_commit()
            finally:
                self._depth = 0

    def enable_group_commit(self, fsync: Callable[[int], None] = os.fsync) -> None:
        """Commit with ``synchronous=NORMAL`` and let one background ``fsync`` make all pending commits
        durable; checkpoints move to a background connection. ``await durable()`` is then the point where
        earlier writes are on disk. For servers; ``fsync`` is a seam for tests (a slow disk)."""
        if self.path == ":memory:" or self._flusher is not None:
            return
        with self._lock:
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA wal_autocheckpoint=0")
            self.conn.execute("PRAGMA journal_size_limit=67108864")  # a reused WAL shrinks back to 64 MiB
            flusher = self._flusher = WalFlusher(self.path, fsync)
            self._checkpointer = Checkpointer(self._checkpoint_connection, lambda: flusher.commits)

    def _checkpoint_connection(self) -> Connection:
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
        if ENCRYPTION_AVAILABLE:
            conn.execute("PRAGMA cipher_log_level = NONE")
        if self._key is not None:
            conn.execute(f"PRAGMA key = \"x'{self._key.hex()}'\"")
        conn.execute("PRAGMA synchronous=FULL")
        return conn

    async def durable(self) -> None:
        """Return once every commit made before the call is on disk (at once unless group commit is on)."""
        if self._flusher is not None:
            await self._flusher.durable()

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._lock:
            return list(self.conn.execute(sql, params))

    def query_one(self, sql: str, params: Sequence[Any] = ()) -> Any | None:
        with self._lock:
            return self.conn.execute(sql, params).fetchone()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        with self.transaction() as conn:
            conn.execute(sql, params)

    def integrity_check(self) -> str:
        with self._lock:
            return str(self.conn.execute("PRAGMA integrity_check").fetchone()[0])

    def backup_to(self, target: Path | str) -> None:
        """An online, consistent copy (``VACUUM INTO``; an encrypted database stays encrypted, same key)."""
        target = Path(target)
        if target.exists():
            raise StoreError(f"{target} already exists.", "Choose a new file name for the backup.")
        with self._lock:
            self.conn.execute("VACUUM INTO ?", (str(target),))

    def compact(self) -> None:
        """Checkpoint the WAL into the file, rewrite the file without free pages, truncate the WAL."""
        with self._lock:
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.conn.execute("VACUUM")
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.close()
        if self._flusher is not None:
            self._flusher.close()  # syncs what is pending first
        with self._lock:
            self.conn.close()
