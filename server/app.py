"""The add-on's HTTP backend (Flask): Google posts an event, we answer with card JSON.

Every add-on endpoint: verify the caller (server/addon/auth.py), read the event, run a flow
(server/flows.py) on the configured workspace, answer with a card. Bad input is answered with
a card saying what is wrong, never a 500; a refused caller gets 401 and no work is done.
"""
from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from flask import Flask, jsonify, request

from . import flows, logs
from .addon import cards as c
from .addon import scorecard_screens, screens
from .addon.auth import AuthError, Caller, Verifier
from .addon.manifest import missing_scopes
from .addon.events import Event, EventError, parse_event
from .config import Config
from .generators.deal import Deal, DealError
from .generators.emails import data_request_email
from .notify import Notifier
from .rubric import load_rubric
from .validators.document import InputError
from .validators.sections import split_sections
from .validators.scorer import score_document
from .workspace.base import Workspace
from .workspace.retry import RetryPolicy, StepError

log = logging.getLogger("handover.app")
HANDOVER_MIN_SECTIONS = 4  # a document with this many rubric sections is a handover


class Backend:
    """Builds the workspace for a caller: local folders, or Google as the service account with
    the rep's own token for reading the open document."""

    def __init__(self, config: Config):
        self.config = config
        self._local = threading.local()  # Google clients per thread: httplib2 is not thread-safe

    def workspace(self, caller: Caller | None) -> Workspace:
        if self.config.mode == "google":
            return self._google_workspace(caller)
        from .workspace.local import LocalWorkspace
        ws = LocalWorkspace(self.config.workspace)
        if not ws.tracker.path.exists():
            ws.tracker.setup()
        return ws

    def _google_workspace(self, caller: Caller | None) -> Workspace:
        from .google_clients import SERVICE_ACCOUNT_SCOPES, clients, docs_for_user
        from .workspace.google_drive import GoogleWorkspace
        from .workspace.sheets_tracker import SheetsTracker
        cfg = self.config
        endpoint = cfg.google_endpoint or None
        if getattr(self._local, "credentials", None) is None:
            if cfg.google_endpoint:  # tests: the local fake accepts any token
                import google.oauth2.credentials
                self._local.credentials = google.oauth2.credentials.Credentials(token="service-account")
            else:
                import google.auth
                self._local.credentials, _ = google.auth.default(scopes=list(SERVICE_ACCOUNT_SCOPES))
            self._local.clients = clients(self._local.credentials, endpoint=endpoint, timeout=cfg.google_timeout)
        g, creds = self._local.clients, self._local.credentials
        policy = RetryPolicy(base_delay=cfg.google_retry_base_s, max_delay=max(16 * cfg.google_retry_base_s, 0.01))
        tracker = SheetsTracker(g.gc, spreadsheet_id=cfg.tracker_id, managers=cfg.managers, policy=policy)
        user_docs = docs_for_user(caller.oauth_token, endpoint, cfg.google_timeout) if caller and caller.oauth_token else None
        return GoogleWorkspace(g.drive, g.docs, tracker, cfg.template_id, cfg.customers_root_id,
                               shared_drive_id=cfg.shared_drive_id or None, user_docs=user_docs, policy=policy,
                               docs_factory=lambda: clients(creds, endpoint=endpoint, timeout=cfg.google_timeout).docs)

    def notifier(self, ws: Workspace) -> Notifier:
        root = getattr(ws, "root", None)
        return Notifier.from_config(self.config, Path(root) if root else None)

    def role(self, email: str) -> str:
        if email in self.config.managers:
            return "manager"
        return "cs" if email in self.config.cs_team else "other"


def create_app(config: Config | None = None, preview: bool = False) -> Flask:
    """The app; `preview` adds the local sidebar preview (only with local auth, never deployed)."""
    config = config or Config.from_env()
    logs.configure()
    if config.mode == "google" and not config.google_endpoint:
        missing = [name for name, value in (("HANDOVER_PUBLIC_BASE_URL", config.public_base_url),
                                            ("HANDOVER_ADDON_SERVICE_ACCOUNT", config.addon_service_account),
                                            ("HANDOVER_OAUTH_CLIENT_ID", config.oauth_client_id)) if not value]
        if missing or config.local_auth:
            raise ValueError("refusing to start in Google mode: " + (f"set {', '.join(missing)}" if missing
                             else "HANDOVER_LOCAL_AUTH must be off"))
    app = Flask(__name__)
    if preview:
        if not config.local_auth or config.mode != "local":
            raise ValueError("the preview runs only on the local default with local auth")
        from .preview import preview_blueprint
        app.register_blueprint(preview_blueprint(config))
    app.config["HANDOVER"] = config
    backend = Backend(config)
    verifier = Verifier(config)

    def endpoint(handler):
        """Verify, parse, run, answer; the one place errors become cards or status codes."""
        def run(**kwargs):
            started = time.perf_counter()
            data = request.get_json(silent=True)
            try:
                event = parse_event(data)
            except EventError as exc:
                log.warning("bad event", extra={"path": request.path, "reason": str(exc)})
                return jsonify(c.render(notification=f"Bad request: {exc}")), 400
            public_url = (config.public_base_url or request.host_url.rstrip("/")) + request.path
            try:
                caller = verifier.caller(request.headers.get("Authorization", ""), public_url, event, request.headers)
            except AuthError as exc:
                log.warning("request refused", extra={"path": request.path, "reason": str(exc)})
                return jsonify(error="unauthenticated"), 401
            urls = screens.Urls(config.public_base_url or request.host_url)
            missing = missing_scopes(event.host, event.authorized_scopes)
            if missing:  # granular consent: ask for what this host needs, Google repeats the action
                return jsonify({"requesting_google_scopes": {"scopes": missing}}), 200
            status = 200
            try:
                body = handler(event, caller, urls, **kwargs)
            except flows.FlowError as exc:
                body, status = c.render(notification=str(exc)), exc.status
            except (InputError, DealError, EventError) as exc:
                body = c.render(screens.message_card("Cannot do that", str(exc)), notification=str(exc))
            except StepError as exc:
                log.error("google step failed", extra={"path": request.path, "step": exc.step, "status": exc.status})
                what = ("The study was NOT recorded in the tracker. Submit again: the same study is updated, "
                        "never doubled." if request.path.endswith("/submit") else
                        "This click did not finish; anything it did not reach is unchanged. Try again in a minute.")
                body = c.render(screens.message_card("Google did not answer", f"{exc}. {what}"),
                                notification="Not done: Google API error")
            except Exception:  # a bug: logged with its traceback, answered with a card
                log.exception("unexpected error", extra={"path": request.path})
                body = c.render(screens.message_card("Something went wrong", "The error is logged. Nothing was "
                                                     "recorded by this click; try again or tell the team."))
                status = 500
            if isinstance(body, tuple):
                body, status = body
            log.info("request", extra={"path": request.path, "status": status, "user_role": backend.role(caller.email),
                                       "ms": round(1000 * (time.perf_counter() - started), 1)})
            return jsonify(body), status
        run.__name__ = handler.__name__
        return run

    # --- triggers ---------------------------------------------------------------------------
    @app.post("/addon/docs/home")
    @endpoint
    def docs_home(event: Event, caller: Caller, urls):
        if not event.has_file_scope or not event.file_id:
            return c.homepage(screens.docs_home(urls, has_file_scope=False))
        return c.homepage(_doc_card(event, caller, urls, push=False))

    @app.post("/addon/docs/file-scope-granted")
    @endpoint
    def file_scope_granted(event: Event, caller: Caller, urls):
        return c.render(_doc_card(event, caller, urls, push=False))

    @app.post("/addon/sheets/home")
    @endpoint
    def sheets_home(event: Event, caller: Caller, urls):
        ws = backend.workspace(caller)
        return c.homepage(screens.tracker_home(ws.tracker.records(), backend.role(caller.email), team(), urls))

    # --- button clicks ----------------------------------------------------------------------
    @app.post("/addon/action/<name>")
    @endpoint
    def action(event: Event, caller: Caller, urls, name: str):
        handler = ACTIONS.get(name)
        if handler is None:
            raise EventError(f"unknown action '{name}'")
        return handler(event, caller, urls)

    def grant(event, caller, urls):
        return c.request_file_scope()

    def create(event, caller, urls):
        typed = {k: event.input(k) for k in Deal.__dataclass_fields__ if k in event.form}
        try:
            deal = Deal.from_input(typed | {"rep": caller.email})
        except DealError as exc:  # the same form again, every value kept, each problem beside its field
            card = screens.docs_home(urls, event.has_file_scope, values=typed, problems=exc.problems)
            return c.render(card, notification=f"Not created: {len(exc.problems)} to fix")
        made = flows.create_handover(backend.workspace(caller), deal)
        return c.render(screens.created_card(made, deal, urls),
                        notification="Handover created" if made.created else "Handover already exists")

    def email(event, caller, urls):
        industry, customer = event.input("industry", "drilling"), event.input("customer") or "your company"
        if industry not in ("drilling", "mining"):
            raise EventError("industry must be drilling or mining")
        text = data_request_email(industry, customer, rep=caller.email)
        return c.render(screens.email_card(industry, customer, text), push=True)

    def check(event, caller, urls):
        if not event.has_file_scope:
            return c.request_file_scope()
        card = flows.check(backend.workspace(caller), event.file_id)
        return c.render(scorecard_screens.scorecard_card(card, urls, event.file_title),
                        notification=f"Score {card.score}/100")

    def findings(event, caller, urls):
        """Every finding (or one section's), a page at a time: pushed over the scorecard, then turned."""
        if not event.has_file_scope:
            return c.request_file_scope()
        card = flows.check(backend.workspace(caller), event.file_id)
        start = event.params.get("start", "0")
        shown = scorecard_screens.findings_card(card, urls, section=event.params.get("section", ""),
                                                start=int(start) if start.isdigit() and len(start) < 7 else 0)
        return c.render(shown, push=event.params.get("turn") != "1")

    def submit(event, caller, urls):
        if not event.has_file_scope:
            return c.request_file_scope()
        ws = backend.workspace(caller)
        result = flows.submit(ws, event.file_id, caller.email, exception_request=event.input("exception") == "1",
                              notifier=backend.notifier(ws))
        note = f"Recorded as {result.study_id}" if result.recorded else "Not submitted: see what to fix"
        return c.render(scorecard_screens.submit_card(result, urls), notification=note)

    def on_tracker(event, caller, urls, change, note: str) -> dict:
        """Apply a change to the study the button names, then show the tracker card again."""
        sid = event.params.get("study_id", "")
        ws = backend.workspace(caller)
        change(ws, sid)
        return c.render(screens.tracker_home(ws.tracker.records(), backend.role(caller.email), team(), urls),
                        notification=f"{sid}: {note}")

    def decide(event, caller, urls):
        decision = event.params.get("decision", "")
        return on_tracker(event, caller, urls, lambda ws, sid: flows.decide(
            ws, sid, caller.email, decision, event.input(f"reason_{sid}"), config.managers), decision)

    def assign(event, caller, urls):
        return on_tracker(event, caller, urls, lambda ws, sid: flows.assign_owner(
            ws, sid, caller.email, event.input(f"owner_{sid}"), team()), "assigned")

    def stage(event, caller, urls):
        sid = event.params.get("study_id", "")
        return on_tracker(event, caller, urls, lambda ws, _: flows.move_stage(
            ws, sid, caller.email, event.input(f"stage_{sid}"), team()), f"moved to {event.input(f'stage_{sid}')}")

    ACTIONS = {"grant": grant, "create": create, "email": email, "check": check, "findings": findings,
               "submit": submit, "decide": decide, "assign": assign, "stage": stage}

    def team() -> tuple[str, ...]:
        return tuple(dict.fromkeys(config.cs_team + config.managers))

    def _doc_card(event: Event, caller: Caller, urls, push: bool) -> dict:
        ws = backend.workspace(caller)
        doc = ws.read(event.file_id)
        if len(split_sections(doc, load_rubric()).found) < HANDOVER_MIN_SECTIONS:
            return screens.docs_home(urls, has_file_scope=True, note="This document is not a Desktop Study handover.")
        return scorecard_screens.scorecard_card(score_document(doc), urls, event.file_title)

    # --- scheduled refresh and health --------------------------------------------------------
    @app.post("/cron/refresh")
    @app.get("/cron/refresh")
    def cron_refresh():
        if request.headers.get("X-Appengine-Cron") != "true" and not config.local_auth:
            log.warning("cron refused", extra={"reason": "no X-Appengine-Cron header"})
            return jsonify(error="forbidden"), 403
        started = time.perf_counter()
        try:
            result = flows.refresh(backend.workspace(None))
        except StepError as exc:
            log.error("refresh failed", extra={"step": exc.step, "status": exc.status})
            return jsonify(error=str(exc)), 503
        body = {k: v for k, v in vars(result).items()}
        body["ms"] = round(1000 * (time.perf_counter() - started), 1)
        return jsonify(body)

    @app.get("/healthz")
    def healthz():
        return jsonify(status="ok", mode=config.mode)

    return app
