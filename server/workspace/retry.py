"""Bounded retries with exponential backoff and full jitter for Google API calls.

429 and 5xx answers, timeouts and dropped connections are retried; anything else, or what still
fails after the last attempt, raises StepError naming the step ("create folder 'PreSales'").
Used for google-api-python-client requests and gspread calls alike.
"""
from __future__ import annotations

import logging
import random
import socket
import time
from dataclasses import dataclass
from typing import Callable, TypeVar

import gspread
import requests
from googleapiclient.errors import HttpError

from ..errors import StepError
from .pace import Quota

log = logging.getLogger("handover.google")
T = TypeVar("T")
RETRYABLE_STATUS = {429, 500, 502, 503, 504}


@dataclass
class RetryPolicy:
    attempts: int = 5  # total tries, first included
    base_delay: float = 0.5  # seconds before the first retry; doubles each time
    max_delay: float = 16.0
    sleep: Callable[[float], None] = time.sleep

    def delay(self, attempt: int) -> float:
        """Full jitter: a random wait up to base * 2^attempt, capped."""
        return random.uniform(0, min(self.max_delay, self.base_delay * (2 ** attempt)))


DEFAULT_POLICY = RetryPolicy()


def call(step: str, fn: Callable[[], T], policy: RetryPolicy = DEFAULT_POLICY, pace: Quota | None = None) -> T:
    """Run fn() (e.g. `lambda: request.execute()`), retrying what Google says to retry; with a
    `pace`, every attempt first waits its turn under that quota (a retry counts as a request)."""
    for attempt in range(policy.attempts):
        try:
            if pace is None:
                return fn()
            with pace.turn():
                return fn()
        except Exception as exc:  # noqa: BLE001 - classified below, re-raised as StepError
            status, detail = _classify(exc)
            if status is None:
                raise
            last = attempt == policy.attempts - 1
            if status not in RETRYABLE_STATUS and status != 0 or last:
                log.warning("google step failed", extra={"step": step, "status": status, "attempt": attempt + 1})
                raise StepError(step, status, detail) from exc
            wait = policy.delay(attempt)
            log.info("google step retry", extra={"step": step, "status": status, "attempt": attempt + 1,
                                                   "wait_s": round(wait, 3)})
            policy.sleep(wait)
    raise AssertionError("unreachable")


def _classify(exc: Exception) -> tuple[int | None, str]:
    """(HTTP status, message) for API and network errors; (None, '') for anything else."""
    if isinstance(exc, HttpError):
        return int(exc.resp.status), _reason(exc)
    if isinstance(exc, gspread.exceptions.APIError):
        return int(exc.response.status_code), str(exc.error.get("message", exc))[:300]
    if isinstance(exc, (socket.timeout, TimeoutError, ConnectionError, requests.ConnectionError, requests.Timeout)):
        return 0, f"{type(exc).__name__}: {exc}"[:300]
    if exc.__class__.__module__.startswith("httplib2"):
        return 0, f"{type(exc).__name__}: {exc}"[:300]
    return None, ""


def _reason(exc: HttpError) -> str:
    """Google's message ("Quota exceeded for quota metric ..."), not its machine-readable details."""
    try:
        return str(exc.reason or exc.error_details)[:300]
    except Exception:  # noqa: BLE001
        return str(exc)[:300]
