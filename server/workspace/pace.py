"""Keeping the service account under Google's per-user quotas, across threads and requests.

Google counts the service account as one user, and counts per minute:

  Docs:   300 read requests (documents.get), 60 write requests (documents.batchUpdate)
  Sheets: 60 read requests, 60 write requests

(Drive allows 12,000 a minute per user: nothing the product does comes near it.) The scheduled
refresh of 500 changed documents with 8 parallel readers would send about 850 reads a minute,
most of them answered 429; a busy hour of submits and decisions could go over Sheets' 60.

A `Quota` lets calls through as they come, in bursts, but never lets more than 90% of Google's
number be in flight or answered within the last 60 seconds. Google counts a call when it
receives it, which is between sending it and getting its answer, so any 60 seconds Google counts
in (a sliding minute or the clock's) sees at most 90%; counting from the answer rather than the
sending is what keeps that true when a call is slow to leave (a new client being built, a busy
thread). Several instances each keep their own count; what one of them still gets refused (429)
is retried with backoff (`retry.py`).
"""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

HEADROOM = 0.9  # aim under the quota
DOCS_READS_PER_MINUTE = 300
DOCS_WRITES_PER_MINUTE = 60
SHEETS_READS_PER_MINUTE = 60
SHEETS_WRITES_PER_MINUTE = 60


class Quota:
    """At most `HEADROOM * per_window` calls in flight or answered in the last `window` seconds."""

    def __init__(self, per_window: int, window: float = 60.0, clock=time.monotonic):
        self.limit, self.window, self.clock = max(1, int(per_window * HEADROOM)), window, clock
        self._calls: list[list] = []  # one [answered at, or None while in flight] per counted call
        self._changed = threading.Condition()

    @contextmanager
    def turn(self):
        """Wait until a call may go, then count it from the moment it is answered (or fails)."""
        call = self._admit()
        try:
            yield
        finally:
            with self._changed:
                call[0] = self.clock()
                self._changed.notify_all()

    def _admit(self) -> list:
        with self._changed:
            while True:
                now = self.clock()
                self._calls = [c for c in self._calls if c[0] is None or c[0] > now - self.window]
                if len(self._calls) < self.limit:
                    call: list = [None]
                    self._calls.append(call)
                    return call
                answered = [c[0] for c in self._calls if c[0] is not None]
                self._changed.wait(timeout=min(answered) + self.window - now if answered else None)


@dataclass
class ServiceAccountQuotas:
    """The service account's quotas, one set per process (the Backend keeps it across requests)."""

    docs_reads: Quota = field(default_factory=lambda: Quota(DOCS_READS_PER_MINUTE))
    docs_writes: Quota = field(default_factory=lambda: Quota(DOCS_WRITES_PER_MINUTE))
    sheets_reads: Quota = field(default_factory=lambda: Quota(SHEETS_READS_PER_MINUTE))
    sheets_writes: Quota = field(default_factory=lambda: Quota(SHEETS_WRITES_PER_MINUTE))
