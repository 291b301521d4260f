"""Work that follows a turn's acknowledgement, in order per user: :class:`AfterTurn`.

Some of what a turn learns need not delay its ``TurnEnd``: indexing the exchange for semantic recall
(with the default embedder, a forward pass over the reply), the mood point and personality evidence, the
running summary. Stages hand such work to the turn with ``TurnContext.after_end``; once everything the
reply depends on is durable and ``TurnEnd`` is ready, the engine starts it as one background task per turn
through this class and yields ``TurnEnd``.

Guarantees (tested in ``tests/test_engine_after_turn.py``):

* **Order per user.** A user's after-turn tasks run one after another, in the order their turns ended,
  and :meth:`Companion.turn <amity.engine.Companion.turn>` waits for :meth:`settled` before it reads
  anything, so a turn always sees everything its predecessors learned.
* **Read your writes.** The server's sign-in dependency awaits :meth:`settled` too, so every
  authenticated request (memory list and search, mood, export, forget) sees the user's finished turns
  in full. This holds within one worker process; with several workers a request on another worker can
  see a turn's indexing a few milliseconds after its ``end`` frame.
* **Durable.** The task ends with ``store.durable()``: its writes are on disk before it is done.
* **Not lost.** The task belongs to this object, not to the consumer of the turn's events: a client that
  disconnects after ``TurnEnd`` does not cancel it. :meth:`drain` awaits every pending task; the server
  and ``App.aclose`` call it before closing the database.
* **Errors are logged, never raised** into a later turn, and one failing step does not skip the others.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)

Work = Callable[[], Awaitable[None]]


class AfterTurn:
    """Per-user chains of background tasks (see the module docstring)."""

    def __init__(self) -> None:
        self._last: dict[str, asyncio.Task[None]] = {}  # user id → their latest after-turn task

    def _live(self, user_id: str) -> asyncio.Task[None] | None:
        """The user's pending task, unless it belongs to an event loop that is no longer running."""
        task = self._last.get(user_id)
        if task is not None and task.get_loop() is not asyncio.get_running_loop():
            del self._last[user_id]  # its loop is gone (a test's asyncio.run ended): nothing to wait for
            return None
        return task

    def start(self, user_id: str, steps: list[Work]) -> asyncio.Task[None]:
        """Run ``steps`` in order once the user's earlier after-turn work is done."""
        previous = self._live(user_id)

        async def run() -> None:
            if previous is not None:
                await asyncio.wait([previous])
            for step in steps:
                try:
                    await step()
                except Exception:  # logged with its traceback; the remaining steps still run
                    log.exception("after-turn work failed for one turn (the turn itself was acknowledged)")

        task = asyncio.get_running_loop().create_task(run())
        self._last[user_id] = task

        def forget(done: asyncio.Task[None]) -> None:
            if self._last.get(user_id) is done:
                del self._last[user_id]

        task.add_done_callback(forget)
        return task

    def pending(self, user_id: str) -> bool:
        return user_id in self._last

    async def settled(self, user_id: str) -> None:
        """Return once every after-turn task started so far for ``user_id`` is done (never raises its
        errors; cancelling the caller does not cancel the work)."""
        task = self._live(user_id)
        if task is not None:
            await asyncio.wait([task])

    async def drain(self) -> None:
        """Wait for every pending task of every user (before the database closes)."""
        loop = asyncio.get_running_loop()
        while tasks := [t for t in self._last.values() if t.get_loop() is loop]:
            await asyncio.wait(tasks)
