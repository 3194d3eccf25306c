"""Structured JSON logs for operators: one line per event, with the `extra` fields given.
No secret or token is ever written: fields whose names look like credentials are dropped."""
from __future__ import annotations

import json
import logging
import sys

_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}
_SECRET_WORDS = ("token", "secret", "password", "authorization", "credential", "key")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out = {"severity": record.levelname, "logger": record.name, "message": record.getMessage(),
               "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S")}
        for name, value in vars(record).items():
            if name in _STANDARD or name.startswith("_"):
                continue
            if any(word in name.lower() for word in _SECRET_WORDS):
                continue
            out[name] = value if isinstance(value, (int, float, bool, type(None))) else str(value)[:500]
        if record.exc_info:
            out["exception"] = self.formatException(record.exc_info)[-2000:]
        return json.dumps(out, ensure_ascii=False)


def configure(level: int = logging.INFO) -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger("handover")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False
