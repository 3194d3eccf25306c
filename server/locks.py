"""Named locks for this process: one writer per tracker, one submit per document at a time.

The deployed app runs as a single App Engine instance (app.yaml: max_instances 1, many
threads), so these locks are the whole single-writer guarantee; see README "Concurrency".
A name's lock lives only while someone holds or waits for it, so the table stays as small as
the work in flight, however many documents pass through.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator


@dataclass
class _Entry:
    lock: threading.Lock = field(default_factory=threading.Lock)
    users: int = 0  # holding or waiting


_locks: dict[str, _Entry] = {}
_guard = threading.Lock()


@contextmanager
def named_lock(name: str) -> Iterator[None]:
    """Hold the lock called `name` (`with named_lock("tracker:ID"): ...`)."""
    with _guard:
        entry = _locks.setdefault(name, _Entry())
        entry.users += 1
    try:
        with entry.lock:
            yield
    finally:
        with _guard:
            entry.users -= 1
            if not entry.users:
                del _locks[name]


def held() -> int:
    """How many names have a lock now (held or waited for)."""
    with _guard:
        return len(_locks)
