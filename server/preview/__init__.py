"""The local sidebar preview: plays Google's part on http://127.0.0.1:PORT/.

It renders the Card v1 JSON the add-on's endpoints return as a Workspace-like sidebar, sends
the same event objects Google would (form inputs, parameters, host app, file), as the person
chosen in the page: a rep in a handover doc, CS on the tracker, or a manager on the tracker.
Only registered by `handover serve` (local mode with HANDOVER_LOCAL_AUTH), never in production.
"""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, jsonify, request, send_file

from ..config import Config
from ..errors import InputError
from ..workspace.local import TRACKER_NAME, LocalWorkspace

STATIC = Path(__file__).resolve().parent / "static"


LOOPBACK = ("127.0.0.1", "localhost", "[::1]")
HOSTS = "PREVIEW_HOSTS"  # app.config: the names a request may be addressed to (Host header); None: any

bp = Blueprint("preview", __name__, static_folder=str(STATIC), static_url_path="/preview/static")


def config() -> Config:
    return current_app.extensions["handover"].config


def workspace() -> LocalWorkspace:
    return LocalWorkspace(config().workspace, zone=config().zone)


@bp.before_app_request
def addressed_to_this_machine():
    """The preview trusts X-Handover-User, so a web page that rebinds its own name to 127.0.0.1
    (DNS rebinding) must not reach it or the add-on endpoints behind it."""
    hosts = current_app.config.get(HOSTS, LOOPBACK)
    if hosts is not None and request.host.rsplit(":", 1)[0].lower() not in hosts:
        abort(403)


@bp.get("/")
def page():
    return send_file(STATIC / "preview.html")


@bp.get("/preview/context")
def context():
    ws, cfg = workspace(), config()
    docs = sorted(ws.doc_id(p) for p in ws.root.rglob("*.docx") if not p.name.startswith((".", "~$")))
    return jsonify(
        docs=docs, tracker=TRACKER_NAME,
        people={"rep": "sam.rep@example.com", "cs": (cfg.cs_team or ("cs@example.com",))[0],
                "manager": (cfg.managers or ("manager@example.com",))[0]})


@bp.get("/preview/tracker")
def tracker():
    """The local tracker's rows, for the page to draw where Sheets would show the Sheet."""
    ws = workspace()
    layout = ws.tracker.layout
    shown = ["study_id", "customer", "segment", "deal_size", "score", "readiness", "stage", "decision",
             "decided_by", "cs_owner", "exception_requested", "doc_changed"]
    return jsonify(headers=[layout.columns[layout.index(k)].header for k in shown],
                   rows=[[r.get(k, "") for k in shown] for r in ws.tracker.records()])


@bp.get("/files/<path:doc_id>")
def files(doc_id: str):
    try:
        path = workspace().path(doc_id)  # a file inside the workspace, or InputError
    except InputError:
        abort(404)
    return send_file(path, as_attachment=True, download_name=path.name)
