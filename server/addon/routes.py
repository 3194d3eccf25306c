"""The add-on's endpoints, as Google's host calls them: a trigger or a button click posts an
event (server/addon/events.py), the caller is verified (auth.py), a flow runs on the configured
workspace (server/flows.py) and the answer is card JSON. Errors become answers in answers.py."""
from __future__ import annotations

import functools
import json
import logging
import time

from flask import Blueprint, current_app, jsonify, request

from .. import flows
from ..backend import Backend
from ..errors import AccessError, AuthError, EventError, HandoverError, StepError
from ..generators.deal import Deal, DealError
from ..generators.emails import data_request_email
from ..rubric import load_rubric
from ..validators.scorer import score_document
from ..validators.sections import split_sections
from . import answers, scorecard_screens, screens
from . import cards as c
from .auth import Caller, Verifier
from .events import Event, parse_event
from .manifest import missing_scopes

log = logging.getLogger("handover.app")
bp = Blueprint("addon", __name__)
HANDOVER_MIN_SECTIONS = 4  # a document with this many rubric sections is a handover
NOT_RECORDED = "The study was NOT recorded in the tracker. Submit again: the same study is updated, never doubled."


def backend() -> Backend:
    return current_app.extensions["handover"]


def endpoint(handler):
    """Verify that Google sent the request, read the event, verify the person, ask for missing
    scopes, run the handler, answer."""
    @functools.wraps(handler)
    def run(**kwargs):
        started, path = time.perf_counter(), request.path
        config, caller = backend().config, None
        try:
            verifier().system(request.headers.get("Authorization", ""),
                              (config.public_base_url or request.host_url.rstrip("/")) + path)
        except AuthError as exc:
            body, status = answers.for_error(exc, path)
            return jsonify(body), status
        try:
            event = parse_event(event_json())
        except EventError as exc:
            body, status = answers.for_bad_event(exc, path)
            return jsonify(body), status
        try:
            caller = verifier().caller(event, request.headers)
            missing = missing_scopes(event.host, event.authorized_scopes)
            if missing:  # granular consent: ask for what this host needs, Google repeats the action
                return jsonify({"requesting_google_scopes": {"scopes": missing}}), 200
            body, status = handler(event, caller, screens.Urls(config.public_base_url or request.host_url),
                                   **kwargs), 200
        except HandoverError as exc:
            body, status = answers.for_error(exc, path)
        except Exception:  # noqa: BLE001 - a bug: answered with a card, logged with its traceback
            body, status = answers.for_bug(path)
        if caller is not None:
            log.info("request", extra={"path": path, "status": status, "user_role": backend().role(caller.email),
                                       "ms": round(1000 * (time.perf_counter() - started), 1)})
        return jsonify(body), status
    return run


def event_json():
    """The request body as JSON; None when it is not JSON or nests deeper than Python parses
    (the size is capped before: MAX_CONTENT_LENGTH in server/app.py)."""
    try:
        return json.loads(request.get_data(cache=False))
    except (ValueError, RecursionError):
        return None


def verifier() -> Verifier:
    return current_app.extensions["handover.verifier"]


def workspace(caller: Caller):
    return backend().workspace(caller.oauth_token)


def reading_workspace(caller: Caller):
    """The workspace for reading the open document as the person: on Google, with the OAuth token
    the event carries, never the service account's access in its place."""
    if backend().config.mode == "google" and not caller.oauth_token:
        raise AccessError("Google did not send your access to this document. Close the add-on, open it "
                          "again and allow access when asked; nothing was read.")
    return workspace(caller)


# --- triggers ---------------------------------------------------------------------------------

@bp.post("/addon/docs/home")
@endpoint
def docs_home(event: Event, caller: Caller, urls):
    if not event.has_file_scope or not event.file_id:
        return c.homepage(screens.docs_home(urls, has_file_scope=False))
    return c.homepage(doc_card(event, caller, urls))


@bp.post("/addon/docs/file-scope-granted")
@endpoint
def file_scope_granted(event: Event, caller: Caller, urls):
    return c.render(doc_card(event, caller, urls))


@bp.post("/addon/sheets/home")
@endpoint
def sheets_home(event: Event, caller: Caller, urls):
    return c.homepage(tracker_card(workspace(caller), caller, urls))


@bp.post("/addon/action/<name>")
@endpoint
def action(event: Event, caller: Caller, urls, name: str):
    handler = ACTIONS.get(name)
    if handler is None:
        raise EventError(f"unknown action '{name}'")
    return handler(event, caller, urls)


def doc_card(event: Event, caller: Caller, urls) -> dict:
    """The scorecard of the open document, with where its study stands once submitted; or the
    home card when it is not a handover."""
    ws = reading_workspace(caller)
    opened = ws.open(event.file_id)
    if len(split_sections(opened.document, load_rubric()).found) < HANDOVER_MIN_SECTIONS:
        return screens.docs_home(urls, has_file_scope=True, note="This document is not a Desktop Study handover.")
    study = ws.tracker.get(opened.study_id) if opened.study_id else None
    card = score_document(opened.document, data=opened.data)
    return scorecard_screens.scorecard_card(card, urls, event.file_title, study=study, user=caller.email)


def tracker_card(ws, caller: Caller, urls) -> dict:
    return screens.tracker_home(ws.tracker.records(), backend().role(caller.email), backend().team(), urls)


# --- button clicks ----------------------------------------------------------------------------

def grant(event, caller, urls):
    return c.request_file_scope()


def create(event, caller, urls):
    typed = {k: event.input(k) for k in Deal.__dataclass_fields__ if k in event.form}
    try:
        deal = Deal.from_input(typed | {"rep": caller.email})
    except DealError as exc:  # the same form again, every value kept, each problem beside its field
        card = screens.docs_home(urls, event.has_file_scope, values=typed, problems=exc.problems)
        return c.render(card, notification=f"Not created: {len(exc.problems)} to fix")
    made = flows.create_handover(workspace(caller), deal)
    return c.render(screens.created_card(made, deal, urls),
                    notification="Handover created" if made.created else "Handover already exists")


def email(event, caller, urls):
    industries = load_rubric().industries
    industry, customer = event.input("industry", next(iter(industries))), event.input("customer") or "your company"
    if industry not in industries:
        raise EventError(f"industry must be {' or '.join(industries)}")
    text = data_request_email(industry, customer, rep=caller.email, signup_url=backend().config.signup_url)
    return c.render(screens.email_card(industry, customer, text), push=True)


def check(event, caller, urls):
    if not event.has_file_scope:
        return c.request_file_scope()
    card = flows.check(reading_workspace(caller), event.file_id)
    return c.render(scorecard_screens.scorecard_card(card, urls, event.file_title), notification=f"Score {card.score}/100")


def findings(event, caller, urls):
    """Every finding (or one section's), a page at a time: pushed over the scorecard, then turned."""
    if not event.has_file_scope:
        return c.request_file_scope()
    card = flows.check(reading_workspace(caller), event.file_id)
    start = event.params.get("start", "0")
    shown = scorecard_screens.findings_card(card, urls, section=event.params.get("section", ""),
                                            start=int(start) if start.isdigit() and len(start) < 7 else 0)
    return c.render(shown, push=event.params.get("turn") != "1")


def submit(event, caller, urls):
    if not event.has_file_scope:
        return c.request_file_scope()
    ws = reading_workspace(caller)
    try:
        result = flows.submit(ws, event.file_id, caller.email, exception_request=event.input("exception") == "1",
                              notifier=backend().notifier(ws), crm=backend().crm)
    except StepError as exc:
        exc.advice = NOT_RECORDED
        raise
    note = f"Recorded as {result.study_id}" if result.recorded else "Not submitted: see what to fix"
    return c.render(scorecard_screens.submit_card(result, urls), notification=note)


def on_tracker(event, caller, urls, change, note: str) -> dict:
    """Apply a change to the study the button names, then show the tracker card again."""
    sid = event.params.get("study_id", "")
    ws = workspace(caller)
    change(ws, sid)
    return c.render(tracker_card(ws, caller, urls), notification=f"{sid}: {note}")


def decide(event, caller, urls):
    """A manager's decision; a reason left out is asked for beside its field, what was typed kept."""
    decision, sid = event.params.get("decision", ""), event.params.get("study_id", "")
    reason = event.input(f"reason_{sid}")
    if decision in flows.WORKFLOW.need_reason and not reason.strip() and backend().role(caller.email) == "manager":
        ws = workspace(caller)
        problem = f"Say why before choosing '{decision}': the rep reads your reason."
        typed = {k.removeprefix("reason_"): event.input(k) for k in event.form if k.startswith("reason_")}
        card = screens.tracker_home(ws.tracker.records(), "manager", backend().team(), urls,
                                    problems={sid: problem}, typed=typed)  # every reason typed, kept
        return c.render(card, notification=f"{sid}: not decided, a reason is needed")
    return on_tracker(event, caller, urls, lambda ws, sid: flows.decide(
        ws, sid, caller.email, decision, reason, backend().config.managers,
        notifier=backend().notifier(ws)), decision)


def assign(event, caller, urls):
    return on_tracker(event, caller, urls, lambda ws, sid: flows.assign_owner(
        ws, sid, caller.email, event.input(f"owner_{sid}"), backend().team(), notifier=backend().notifier(ws)),
        "assigned")


def stage(event, caller, urls):
    sid = event.params.get("study_id", "")
    moved_to = event.input(f"stage_{sid}")
    return on_tracker(event, caller, urls, lambda ws, _: flows.move_stage(
        ws, sid, caller.email, moved_to, backend().team(), backend().config.managers,
        notifier=backend().notifier(ws)), f"moved to {moved_to}")


def withdraw(event, caller, urls):
    """The rep takes the submission back; the doc's card again, showing it withdrawn."""
    sid = event.params.get("study_id", "")
    flows.withdraw(workspace(caller), sid, caller.email, backend().config.managers)
    return c.render(doc_card(event, caller, urls), notification=f"{sid}: withdrawn")


def history(event, caller, urls):
    sid = event.params.get("study_id", "")
    return c.render(scorecard_screens.history_card(sid, workspace(caller).tracker.history(sid)), push=True)


ACTIONS = {"grant": grant, "create": create, "email": email, "check": check, "findings": findings,
           "submit": submit, "decide": decide, "assign": assign, "stage": stage, "withdraw": withdraw,
           "history": history}
