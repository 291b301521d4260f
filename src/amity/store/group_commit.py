"""Group commit for a SQLite database in WAL mode: many transactions share one ``fsync``, off the event loop.

With ``synchronous=FULL`` every ``COMMIT`` ``fsync``s the write-ahead log on the committing thread while the
connection's lock is held: ~10 ms per commit on an ordinary disk, a dozen commits per chat turn, and in
the server all of it on the asyncio event loop, so one session's commit stalls every other session.

Group commit splits a commit in two halves:

* the transaction commits with ``synchronous=NORMAL``: the WAL frames are written (to the page cache) and
  the commit is atomic and visible, but not yet on disk. This costs microseconds;
* :class:`WalFlusher`'s thread ``fsync``s the WAL file whenever commits happened since its last ``fsync``.
  One ``fsync`` makes every commit written before it durable - however many sessions made them. It holds
  no database lock, so writers go on while it runs.

``await WalFlusher.durable()`` returns once every commit made before the call is on disk (at most two
``fsync`` periods). Callers that promise durability await it before they acknowledge: the engine before
the model runs (the user's message) and before the turn's end event, the server before an HTTP answer to a
write. Commits nobody awaits still reach the disk one ``fsync`` later, instead of at the next checkpoint.

This is SQLite's own WAL durability, just batched: a WAL frame is durable once the WAL file is synced
(whichever file descriptor syncs it), and recovery replays every committed transaction in a synced WAL.
Consistency never depends on the flusher (``synchronous=NORMAL`` in WAL mode is crash-consistent); only
*when* a commit becomes durable does. An ``fsync`` failure is sticky: every later ``durable()`` raises
:class:`~amity.errors.StoreError` (after a failed ``fsync`` the kernel may have dropped the pages, so a
retry could claim a durability that does not exist).

Checkpoints (copying WAL pages into the database file; two more ``fsync``s) would otherwise run inside
whichever commit crosses the auto-checkpoint threshold. With group commit, automatic checkpoints are off
on the main connection and :class:`Checkpointer` runs ``PRAGMA wal_checkpoint(PASSIVE)`` from its own
connection and thread, which never blocks writers.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from amity.errors import StoreError

log = logging.getLogger(__name__)
CHECKPOINT_EVERY_S = 1.0


def _resolve(fut: asyncio.Future[None], error: BaseException | None) -> None:
    if fut.done():  # the waiter was cancelled
        return
    if error is None:
        fut.set_result(None)
    else:
        fut.set_exception(error)


class WalFlusher:
    """Syncs ``<database>-wal`` whenever commits are pending; :meth:`durable` waits for the next sync."""

    def __init__(self, db_path: str | Path, fsync: Callable[[int], None] | None = None) -> None:
        self.wal_path = Path(f"{db_path}-wal")
        # A seam for tests (a slow disk). In production fdatasync where the OS has it, as SQLite itself uses on
        # Linux: the WAL's data and size reach the disk, its modification time need not.
        self._fsync: Callable[[int], None] = fsync if fsync is not None else getattr(os, "fdatasync", os.fsync)
        self._cond = threading.Condition()
        self._committed = 0  # commits noted so far
        self._flushed = 0  # every commit up to this count is on disk
        self._waiters: list[tuple[int, asyncio.AbstractEventLoop, asyncio.Future[None]]] = []
        self._error: StoreError | None = None
        self._closed = False
        self._fd: int | None = None
        self.syncs = 0  # fsyncs done (the group-commit ratio is commits / syncs)
        self._thread = threading.Thread(target=self._run, name="amity-wal-flusher", daemon=True)
        self._thread.start()

    @property
    def commits(self) -> int:
        return self._committed

    def note_commit(self) -> None:
        """Called right after a ``COMMIT`` returned: its frames are in the WAL file, not yet on disk."""
        with self._cond:
            self._committed += 1
            self._cond.notify()

    async def durable(self) -> None:
        """Return once every commit noted before this call is on disk."""
        need = self._committed
        if need <= self._flushed and self._error is None:
            return
        loop = asyncio.get_running_loop()
        fut: asyncio.Future[None] = loop.create_future()
        with self._cond:
            if self._error is not None:
                raise self._error
            if need <= self._flushed:
                return
            if self._closed:
                raise StoreError("The database is closed.", "Reopen it.")
            self._waiters.append((need, loop, fut))
            self._cond.notify()
        await fut

    def wait_durable(self, timeout_s: float = 30.0) -> None:
        """Blocking :meth:`durable` for threads without an event loop (``close``, tests)."""
        need = self._committed
        deadline = time.monotonic() + timeout_s
        with self._cond:
            self._cond.notify()
            while self._flushed < need and self._error is None and not self._closed:
                if not self._cond.wait(max(0.0, deadline - time.monotonic())):
                    raise StoreError("Writes did not reach the disk in time.", "Check the disk (`amity doctor`).")
            if self._error is not None:
                raise self._error

    def close(self) -> None:
        """Sync what is pending, stop the thread and close the WAL file descriptor."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join(30)
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    # -- the flusher thread -------------------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            with self._cond:
                while self._committed == self._flushed and not self._closed:
                    self._cond.wait()
                target = self._committed
                closing = self._closed
            if target > self._flushed:
                try:
                    self._sync_wal()
                except OSError as exc:
                    self._fail(exc)
                    return
                self._publish(target)
            if closing:
                return

    def _sync_wal(self) -> None:
        # The WAL file keeps its inode while this process's connection is open (SQLite deletes it only when
        # the last connection closes), so it is opened once. Few system calls per flush also means few
        # waits for the GIL, which a busy event loop or stage thread may hold: each costs up to a switch
        # interval (`sys.getswitchinterval()`, 5 ms by default).
        if self._fd is None:
            try:
                self._fd = os.open(self.wal_path, os.O_RDONLY)
            except FileNotFoundError:
                return  # no WAL file yet: everything committed is in the database file
            self._sync_directory()  # make the WAL's directory entry durable too
        self._fsync(self._fd)
        self.syncs += 1

    def _sync_directory(self) -> None:
        if os.name != "posix":  # pragma: no cover - directories cannot be opened for fsync on Windows
            return
        fd = os.open(self.wal_path.parent, os.O_RDONLY)
        try:
            self._fsync(fd)
        finally:
            os.close(fd)

    def _publish(self, target: int) -> None:
        with self._cond:
            self._flushed = max(self._flushed, target)
            ready = [w for w in self._waiters if w[0] <= self._flushed]
            self._waiters = [w for w in self._waiters if w[0] > self._flushed]
            self._cond.notify_all()
        for _need, loop, fut in ready:
            loop.call_soon_threadsafe(_resolve, fut, None)

    def _fail(self, exc: OSError) -> None:
        log.error("fsync of %s failed: %s", self.wal_path, exc)
        error = StoreError(
            f"Could not write to {self.wal_path.parent}: {exc}.",
            "Check the disk (free space, errors) and run `amity doctor`; restart Amity once it is fixed.",
        )
        with self._cond:
            self._error = error
            waiters, self._waiters = self._waiters, []
            self._cond.notify_all()
        for _need, loop, fut in waiters:
            loop.call_soon_threadsafe(_resolve, fut, error)


class Checkpointer:
    """Runs ``PRAGMA wal_checkpoint(PASSIVE)`` on its own connection about once a second while commits happen."""

    def __init__(
        self, connect: Callable[[], Any], commits: Callable[[], int], every_s: float = CHECKPOINT_EVERY_S
    ) -> None:
        self._connect = connect
        self._commits = commits
        self._every_s = every_s
        self._stop = threading.Event()
        self.checkpoints = 0
        self._thread = threading.Thread(target=self._run, name="amity-wal-checkpoint", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        conn: Any = None
        seen = self._commits()
        try:
            while not self._stop.wait(self._every_s):
                now = self._commits()
                if now == seen:
                    continue
                seen = now
                try:
                    conn = conn or self._connect()
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                    self.checkpoints += 1
                except Exception as exc:  # the next round (or the close) catches up; never crash the thread
                    log.warning("checkpoint skipped: %s", exc)
                    if conn is not None:
                        conn.close()
                    conn = None  # reconnect next time (e.g. the key changed)
        finally:
            if conn is not None:
                conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(30)
