"""Token-bucket rate limits kept in process memory.

Each key (``login:<ip>``, ``chat:<user>``) owns a bucket of ``burst`` tokens refilled at ``rate`` per
second. With several workers each has its own buckets, so the effective limit is ``workers x limit``
(documented in docs/SERVER.md); a shared store would be needed for an exact global limit. Buckets that are
full again are dropped, so memory stays bounded by the number of recently active keys.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from amity.errors import RateLimited


@dataclass
class _Bucket:
    tokens: float
    stamp: float


class RateLimiter:
    """``check(key)`` spends one token or raises :class:`RateLimited` with the wait in the message."""

    def __init__(
        self, rate_per_s: float, burst: int, *, what: str, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if rate_per_s <= 0 or burst < 1:
            raise ValueError("rate_per_s must be > 0 and burst >= 1")
        self.rate = rate_per_s
        self.burst = float(burst)
        self.what = what
        self.clock = clock
        self._buckets: dict[str, _Bucket] = {}

    def retry_after(self, key: str) -> float:
        bucket = self._buckets.get(key)
        if bucket is None:
            return 0.0
        self._refill(bucket)
        return 0.0 if bucket.tokens >= 1 else (1 - bucket.tokens) / self.rate

    def _refill(self, bucket: _Bucket) -> None:
        now = self.clock()
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.stamp) * self.rate)
        bucket.stamp = now

    def check(self, key: str) -> None:
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = _Bucket(self.burst, self.clock())
        self._refill(bucket)
        if bucket.tokens < 1:
            wait = math.ceil((1 - bucket.tokens) / self.rate)
            raise RateLimited(
                f"Too many {self.what} attempts; please wait {wait} s.",
                f"Try again in {wait} seconds.",
            )
        bucket.tokens -= 1
        if len(self._buckets) > 10_000:
            self._sweep()

    def _sweep(self) -> None:
        for key, bucket in list(self._buckets.items()):
            self._refill(bucket)
            if bucket.tokens >= self.burst:
                del self._buckets[key]
