"""Named locks: one writer per tracker, one submit per document, one create per customer at a time.

Within a process, a lock per name serialises threads. Across processes (several App Engine
instances, or two versions side by side during a deploy) each name is also locked in Redis
when `HANDOVER_REDIS_URL` is set (Memorystore on Google Cloud), with redis-py's Lock: a key
set only if absent, with a lease so that a holder that dies frees it, and released only by its
holder. Without Redis the guarantee is the single instance `app.yaml` asks for; see README
"Concurrency". A name's in-process lock lives only while someone holds or waits for it, so the
table stays as small as the work in flight.
"""
from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator

import redis

from .errors import FlowError, StepError

log = logging.getLogger("handover.locks")
LEASE_S = 120  # a holder that died frees its lock after this; longer than any flow holds one
WAIT_S = 60  # how long a flow waits for another instance before it gives up, changing nothing


@dataclass
class _Entry:
    lock: threading.Lock = field(default_factory=threading.Lock)
    users: int = 0  # holding or waiting


_locks: dict[str, _Entry] = {}
_guard = threading.Lock()
_shared: redis.Redis | None = None


def share_through(url: str) -> None:
    """Lock across processes through the Redis at `url` ("" keeps locks in this process)."""
    global _shared
    _shared = redis.Redis.from_url(url, socket_timeout=10) if url else None


@contextmanager
def named_lock(name: str) -> Iterator[None]:
    """Hold the lock called `name` (`with named_lock("tracker:ID"): ...`)."""
    with _guard:
        entry = _locks.setdefault(name, _Entry())
        entry.users += 1
    try:
        with entry.lock, _across_processes(name):
            yield
    finally:
        with _guard:
            entry.users -= 1
            if not entry.users:
                del _locks[name]


@contextmanager
def _across_processes(name: str) -> Iterator[None]:
    if _shared is None:
        yield
        return
    lock = _shared.lock(f"handover:{name}", timeout=LEASE_S, blocking_timeout=WAIT_S)
    try:
        taken = lock.acquire()
    except redis.RedisError as exc:
        raise StepError("take the shared lock", 0, f"{type(exc).__name__}: {exc}"[:300]) from exc
    if not taken:
        raise FlowError("Another instance has been working on this for a minute; nothing was changed. "
                        "Try again shortly.", 503)
    try:
        yield
    finally:
        try:
            lock.release()
        except redis.RedisError as exc:  # the lease ran out first: say so, the work is done
            log.warning("shared lock lost before release", extra={"lock": name, "error": type(exc).__name__})


def held() -> int:
    """How many names have a lock now (held or waited for)."""
    with _guard:
        return len(_locks)
