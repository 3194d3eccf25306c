"""Pacing calls to a per-user quota, across threads: evenly spaced, under 90% of the quota.

Google counts the service account as one user: Docs allows it 300 document reads a minute, and
the scheduled refresh of 500 changed documents with 8 parallel readers would send about 850 a
minute, most of them answered 429. Each reader waits for its turn here instead. Calls are spread
evenly rather than sent in bursts: a burst reaches Google spread out by the network, and its
last calls can land in the next window's count.
"""
from __future__ import annotations

import threading
import time

DOCS_READS_PER_MINUTE = 300  # Google's quota: Docs API read requests per minute per user
HEADROOM = 0.9  # aim under the quota


class Pace:
    def __init__(self, quota: int, per_seconds: float = 60.0, clock=time.monotonic, sleep=time.sleep):
        self.interval = per_seconds / max(1, int(quota * HEADROOM))  # seconds between two calls
        self.clock, self.sleep = clock, sleep
        self._next = 0.0  # when the next call may go
        self._lock = threading.Lock()

    def wait(self) -> float:
        """Block until this call's turn; returns the seconds waited."""
        with self._lock:
            now = self.clock()
            slot = max(now, self._next)
            self._next = slot + self.interval
        if slot > now:
            self.sleep(slot - now)
        return slot - now
