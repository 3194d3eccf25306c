"""Per-user request quotas, as Google counts them: a number of requests per window (a minute for
Google) for each bearer token, per quota group; over it, 429 RESOURCE_EXHAUSTED with Google's
message. Google's limits for the APIs the product uses (per user, per minute):

  Docs:   300 read requests (documents.get), 60 write requests (documents.batchUpdate, create)
  Sheets: 60 read requests, 60 write requests

Reads and writes are counted apart, as Google does, when a quota names its kind:
FakeGoogle.set_quota("sheets", 60, kind="read"). Off unless a test sets one.
"""
from __future__ import annotations

import threading
import time
from collections import defaultdict, deque

from .errors import ApiError

SERVICES = {"docs": "docs.googleapis.com", "sheets": "sheets.googleapis.com", "drive": "drive.googleapis.com"}


class Quotas:
    def __init__(self):
        self._limits: dict[tuple[str, str | None], tuple[int, float]] = {}  # (endpoint or prefix, kind) -> (limit, window)
        self._seen: dict[tuple, deque] = defaultdict(deque)
        self._lock = threading.Lock()

    def set(self, endpoint: str, limit: int, per_seconds: float = 60.0, kind: str | None = None) -> None:
        if kind not in (None, "read", "write"):
            raise ValueError("kind is 'read', 'write' or None (both counted together)")
        self._limits[(endpoint, kind)] = (limit, per_seconds)

    def clear(self) -> None:
        with self._lock:
            self._limits.clear()
            self._seen.clear()

    def check(self, name: str, token: str) -> ApiError | None:
        """Count this request; Google's 429 when it goes over its group's limit."""
        kind = request_kind(name)
        group = next(((g, k) for g, k in self._limits
                      if (name == g or name.startswith(g + ".")) and k in (None, kind)), None)
        if group is None:
            return None
        limit, window = self._limits[group]
        now = time.monotonic()
        with self._lock:
            seen = self._seen[(group, token)]
            while seen and now - seen[0] >= window:
                seen.popleft()
            if len(seen) >= limit:
                return _exhausted(name, limit, window)
            seen.append(now)
        return None


def request_kind(name: str) -> str:
    """'read' or 'write', as Google's quotas count an endpoint."""
    return "read" if name.endswith((".get", ".list", ".batchGet", ".export")) else "write"


def _exhausted(name: str, limit: int, window: float) -> ApiError:
    api = name.split(".")[0]
    kind = request_kind(name).capitalize()
    per = "minute" if window == 60 else f"{window:g} seconds"
    message = (f"Quota exceeded for quota metric '{kind} requests' and limit '{kind} requests per {per} per user' "
               f"of service '{SERVICES.get(api, api)}' for consumer 'project_number:000000000000'.")
    return ApiError(429, message, api=api, reason="rateLimitExceeded", details=[{
        "@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "RATE_LIMIT_EXCEEDED",
        "domain": "googleapis.com", "metadata": {"quota_limit_value": str(limit), "service": SERVICES.get(api, api),
                                                 "quota_limit": f"{kind}RequestsPerMinutePerUser"}}])
