"""Per-user request quotas, as Google counts them: a number of requests per window (a minute for
Google) for each bearer token, per quota group; over it, 429 RESOURCE_EXHAUSTED with Google's
message. Google's limits for the APIs the product uses (per user, per minute):

  Docs:   300 read requests (documents.get), 60 write requests (documents.batchUpdate, create)
  Sheets: 60 read requests, 60 write requests

Off unless a test sets one: FakeGoogle.set_quota("docs.documents.get", 300).
"""
from __future__ import annotations

import threading
import time
from collections import defaultdict, deque

from .errors import ApiError

SERVICES = {"docs": "docs.googleapis.com", "sheets": "sheets.googleapis.com", "drive": "drive.googleapis.com"}


class Quotas:
    def __init__(self):
        self._limits: dict[str, tuple[int, float]] = {}  # endpoint name or prefix -> (limit, window seconds)
        self._seen: dict[tuple[str, str], deque] = defaultdict(deque)
        self._lock = threading.Lock()

    def set(self, endpoint: str, limit: int, per_seconds: float = 60.0) -> None:
        self._limits[endpoint] = (limit, per_seconds)

    def clear(self) -> None:
        with self._lock:
            self._limits.clear()
            self._seen.clear()

    def check(self, name: str, token: str) -> ApiError | None:
        """Count this request; Google's 429 when it goes over its group's limit."""
        group = next((g for g in self._limits if name == g or name.startswith(g + ".")), None)
        if group is None:
            return None
        limit, window = self._limits[group]
        now = time.monotonic()
        with self._lock:
            seen = self._seen[(group, token)]
            while seen and now - seen[0] >= window:
                seen.popleft()
            if len(seen) >= limit:
                return _exhausted(name, group, limit, window)
            seen.append(now)
        return None


def _exhausted(name: str, group: str, limit: int, window: float) -> ApiError:
    api = name.split(".")[0]
    kind = "Read" if name.endswith((".get", ".list", ".batchGet")) else "Write"
    per = "minute" if window == 60 else f"{window:g} seconds"
    message = (f"Quota exceeded for quota metric '{kind} requests' and limit '{kind} requests per {per} per user' "
               f"of service '{SERVICES.get(api, api)}' for consumer 'project_number:000000000000'.")
    return ApiError(429, message, api=api, reason="rateLimitExceeded", details=[{
        "@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "RATE_LIMIT_EXCEEDED",
        "domain": "googleapis.com", "metadata": {"quota_limit_value": str(limit), "service": SERVICES.get(api, api),
                                                 "quota_limit": f"{kind}RequestsPerMinutePerUser"}}])
