"""What this process created in Drive in the last few minutes, by parent folder and name.

Drive's search is not read-after-write consistent: a folder or a handover created a moment ago
may be missing from files.list for a while, and a second Create for the same customer would make
a second tree. The workspace asks here when a search finds nothing. One instance serves the
add-on (app.yaml) and keeps one of these for its life (server/backend.py), so its memory covers
every create.
"""
from __future__ import annotations

import threading
import time

KEEP_S = 600  # longer than Drive's search takes to catch up


class RecentlyMade:
    def __init__(self, keep_s: float = KEEP_S, clock=time.monotonic):
        self.keep_s, self.clock = keep_s, clock
        self._made: dict[tuple[str, str], tuple[float, dict]] = {}
        self._guard = threading.Lock()

    def remember(self, parent_id: str, name: str, file: dict) -> dict:
        """Record a file just created under `parent_id`; returns it."""
        with self._guard:
            now = self.clock()
            self._made = {k: v for k, v in self._made.items() if now - v[0] < self.keep_s}
            self._made[(parent_id, name)] = (now, file)
        return file

    def get(self, parent_id: str, name: str) -> dict | None:
        """The file called `name` created under `parent_id` within KEEP_S seconds, else None."""
        with self._guard:
            when, file = self._made.get((parent_id, name), (0.0, None))
            return file if file is not None and self.clock() - when < self.keep_s else None
