"""Endpoints for the platform, not for people: App Engine's cron calls the scheduled refresh
(cron.yaml), the load balancer calls the health check."""
from __future__ import annotations

import logging
import time

from flask import Blueprint, current_app, jsonify, request

from . import flows
from .errors import StepError

log = logging.getLogger("handover.app")
bp = Blueprint("operations", __name__)


@bp.post("/cron/refresh")
@bp.get("/cron/refresh")
def cron_refresh():
    backend = current_app.extensions["handover"]
    # App Engine strips X-Appengine-Cron from outside requests, so only its cron can send it
    if request.headers.get("X-Appengine-Cron") != "true" and not backend.config.local_auth:
        log.warning("cron refused", extra={"reason": "no X-Appengine-Cron header"})
        return jsonify(error="forbidden"), 403
    started = time.perf_counter()
    try:
        ws = backend.workspace()
        result = flows.refresh(ws, backend.config.managers, backend.config.archive_after_days,
                               notifier=backend.notifier(ws), remind_after_days=backend.config.remind_after_days)
    except StepError as exc:
        log.error("refresh failed", extra={"step": exc.step, "status": exc.status})
        return jsonify(error=str(exc)), 503
    return jsonify(vars(result) | {"ms": round(1000 * (time.perf_counter() - started), 1)})


@bp.get("/healthz")
def healthz():
    return jsonify(status="ok", mode=current_app.extensions["handover"].config.mode)
