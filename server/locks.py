"""Named locks for this process: one writer per tracker, one submit per document at a time.

The deployed app runs as a single App Engine instance (app.yaml: max_instances 1, many
threads), so these locks are the whole single-writer guarantee; see README "Concurrency".
"""
from __future__ import annotations

import threading

_locks: dict[str, threading.Lock] = {}
_guard = threading.Lock()


def named_lock(name: str) -> threading.Lock:
    with _guard:
        return _locks.setdefault(name, threading.Lock())
