"""What a process has read of data files, by file and version: a Check reads a 50 MB plod export
once, then only lists the folder while the file stays as it is. Small entries (a plod table's
totals, an invoice's months), the oldest dropped past `LIMIT`."""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable

LIMIT = 512

_READINGS: OrderedDict = OrderedDict()
_LOCK = threading.Lock()


def cached(key: tuple, read: Callable):
    """The reading kept for `key` (the file and its version), else `read()` kept for next time."""
    with _LOCK:
        if key in _READINGS:
            _READINGS.move_to_end(key)
            return _READINGS[key]
    reading = read()
    with _LOCK:
        _READINGS[key] = reading
        while len(_READINGS) > LIMIT:
            _READINGS.popitem(last=False)
    return reading


def forget() -> None:
    with _LOCK:
        _READINGS.clear()
