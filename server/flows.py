"""The product's flows on any workspace (local or Google): create, check, submit, decide,
assign, move stage, refresh. Endpoints and the command line call these; nothing here knows
which workspace it runs on.
"""
from __future__ import annotations

import logging
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from .clip import clip
from .errors import FlowError, MoneyError, StepError
from .generators.cover import cover_changes
from .generators.deal import Deal
from .generators.gap_analysis import facts_of, gap_analysis_docx
from .generators.money import parse_money
from .pipeline import pipeline_tables
from . import history, notices, sheet_edits, stage_rules
from .tracker_layout import CONTROL_CHARACTERS, tracker_layout
from .rubric import load_rubric
from .validators.scorecard import NOT_READY_STATUSES, Scorecard
from .validators.scorer import score_document
from .workspace.base import Handover, Workspace

log = logging.getLogger("handover.flows")

# criteria a manager may approve as an exception: `exception = true` in the rubric's [criteria]
WORKFLOW = tracker_layout().workflow  # what the stages and decisions mean: doc_templates/tracker.toml
DEAL_COLUMNS = {"customer": "customer", "industry": "industry", "segment": "segment", "deal_size": "deal_size",
                "region": "region", "rep": "rep", "crm_link": "crm_link", "presentation_date": "presentation_date"}


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def new_study_id() -> str:
    return "DS-" + uuid.uuid4().hex[:8].upper()


# --- create and check ------------------------------------------------------------------------

def create_handover(ws: Workspace, deal: Deal) -> Handover:
    made = ws.create_handover(deal)
    log.info("create handover", extra={"workspace": ws.name, "doc_id": made.doc_id, "new_doc": made.created})
    return made


def check(ws: Workspace, doc_id: str) -> Scorecard:
    opened = ws.open(doc_id)
    return score_document(opened.document, data=opened.data)


# --- submit ----------------------------------------------------------------------------------

@dataclass
class SubmitResult:
    recorded: bool
    card: Scorecard
    study_id: str = ""
    reasons: list[str] = field(default_factory=list)  # why it was refused
    exception: list[str] = field(default_factory=list)  # criteria a manager must approve
    record: dict = field(default_factory=dict)
    notified: list[str] = field(default_factory=list)
    notify_errors: list[str] = field(default_factory=list)


def refusal_reasons(card: Scorecard, exception_request: bool) -> tuple[list[str], list[str]]:
    """(reasons it cannot be submitted, criteria to put to a manager as an exception)."""
    failed = {c.id: c for c in card.criteria if not c.passed}
    exception = [cid for cid in load_rubric().exception_criteria if cid in failed] if exception_request else []
    excepted = {f"{c.label or c.id}: {c.evidence}" for cid, c in failed.items() if cid in exception}
    reasons = [r for r in card.blocking() if r not in excepted]  # in words, criteria first
    return reasons, exception


def readiness(card: Scorecard, exception) -> str:
    if card.ready:
        return "Ready"
    failed = set(card.failed_criteria())
    only_exceptions = failed and failed <= set(load_rubric().exception_criteria)
    sections_ok = not any(s.status in NOT_READY_STATUSES for s in card.sections)
    return "Exception requested" if exception and only_exceptions and sections_ok else "Not ready"


def top_flags(card: Scorecard, n: int = 3) -> str:
    return " | ".join(f"{f.section}: {f.message}" for f in card.top_findings(n))


def study_record(card: Scorecard, meta: Handover, exception: list[str]) -> dict:
    """The tracker columns the scorecard and the document fill."""
    record = {column: card.fields.get(key, "") for key, column in DEAL_COLUMNS.items()}
    record.update(deal_amount(record["deal_size"]))
    record.update(
        score=card.score,
        readiness=readiness(card, exception),
        failed_criteria=", ".join(card.failed_criteria()),
        top_flags=top_flags(card),
        exception_requested=", ".join(exception),
        doc_link=meta.url, presales_link=meta.folder_url, doc_id=meta.doc_id,
        scored_modified=meta.modified_time,
    )
    record.update(data_columns(card, meta.data_folder))
    return record


def data_columns(card: Scorecard, folder: str) -> dict:
    """What CS see of the customer's files: billing cycles and rigs in the plod data, and whether
    the package is complete ('No: <the first thing missing>')."""
    package = card.data
    if package is None:
        return {"data_cycles": "", "data_rigs": "", "data_complete": "No files yet" if folder else "",
                "data_folder": folder, "data_version": ""}
    plod = package.plod
    return {"data_cycles": len(plod.cycles) if plod.shifts else "", "data_rigs": len(plod.rigs) or "",
            "data_complete": "Yes" if package.ready else "No: " + clip(package.problems[0], 160),
            "data_folder": folder, "data_version": package.version}


def deal_amount(written: str) -> dict:
    """The deal size as the tracker holds it: an amount ('180,000', a number in the Sheet) and its
    currency code in its own column; text no amount can be read from ('TBC') stays as written."""
    try:
        money = parse_money(written)
    except MoneyError:
        return {"deal_size": written, "currency": ""}
    return {"deal_size": money.amount_text, "currency": money.currency}


def submit(ws: Workspace, doc_id: str, user: str, exception_request: bool = False, notifier=None,
           crm=None) -> SubmitResult:
    """Score, apply the acceptance criteria, and either refuse with the reasons or record the
    study as Submitted (the same row on every later submit) and notify CS."""
    with ws.lock(f"submit:{doc_id}"):  # two clicks on Submit make one study, even on two instances
        return _submit(ws, doc_id, user, exception_request, notifier, crm)


def _submit(ws: Workspace, doc_id: str, user: str, exception_request: bool, notifier, crm) -> SubmitResult:
    with ThreadPoolExecutor(max_workers=1) as pool:  # the snapshot's export alongside the reads
        export = pool.submit(ws.export_snapshot, doc_id)
        opened = ws.open(doc_id, strict=True)
        meta, card = opened.meta, score_document(opened.document, data=opened.data)
        reasons, exception = refusal_reasons(card, exception_request)
        if reasons:
            log.info("submit refused", extra={"doc_id": doc_id, "reasons": len(reasons), "score": card.score})
            return SubmitResult(recorded=False, card=card, reasons=reasons, study_id=meta.study_id)
        snapshot, snapshot_error = _snapshot(ws, meta, export)
    study_id = meta.study_id or new_study_id()
    if meta.study_id:  # refused before the cover says "Resubmitted" (the write below checks again, locked)
        _resubmittable(study_id, (ws.tracker.get(study_id) or {}).get("stage", ""))
    covered = _cover(ws, opened, study_id, bool(meta.study_id))
    if not meta.study_id or covered:  # first, so a retry after a failed tracker write reuses the id; and
        meta.modified_time = ws.set_study_id(doc_id, study_id) or meta.modified_time  # the time after the cover
    before: dict = {}

    def submitted(current: dict) -> dict:
        before.update(current)
        when = now_iso()
        values = {**study_record(card, meta, exception), "submitted_at": when, "last_updated": when,
                  "submitted_by": user, "snapshot_link": snapshot,
                  "doc_changed": "No", "doc_modified_at_submit": meta.modified_time}
        _resubmittable(study_id, current.get("stage", ""))
        values.update(stage=WORKFLOW.submitted, decision="", decision_reason="", decided_by="", decided_at="")
        return _waiting(current, values)

    record = ws.tracker.update({study_id: submitted})[study_id]
    again = bool(before)
    detail = history.resubmission_detail(before, record) if again else ""
    result = SubmitResult(recorded=True, card=card, study_id=study_id, exception=exception, record=record)
    log.info("submit recorded", extra={"study_id": study_id, "doc_id": doc_id, "score": card.score,
                                        "again": again, "exception": exception})
    told = _afterwards(ws, [history.event(history.RESUBMITTED if again else history.SUBMITTED, before, record, user,
                                          record["submitted_at"], detail)],
                       notifier and (lambda: notifier.send(notices.submitted(record, user, notifier.managers, detail))),
                       crm and (lambda: crm.study_submitted(record)))  # the seed's step 3: the CRM deal moved
    for done, failed in told:
        result.notified += done
        result.notify_errors += failed
    result.notify_errors += [snapshot_error] if snapshot_error else []
    return result


def _resubmittable(study_id: str, stage: str) -> None:
    if stage not in WORKFLOW.resubmit_from:
        raise FlowError(f"{study_id} is already '{stage}'. Ask a manager to request changes before submitting it "
                        "again; nothing was changed.", 409)


def _cover(ws: Workspace, opened, study_id: str, again: bool) -> bool:
    """The handover's cover says its study ID and "Submitted 5 Dec 2026"; False when there is no
    cover to fill, or it could not be written (the submission goes on: the operator's log says why)."""
    day = datetime.now(timezone.utc).astimezone(ws.tracker.zone)
    status = f"{'Resubmitted' if again else 'Submitted'} {day.day} {day:%b %Y}"
    changes = cover_changes(opened.document, study_id, status)
    if not changes:
        return False
    try:
        ws.write_cover(opened.meta.doc_id, changes)
    except (StepError, OSError) as exc:
        log.warning("cover not filled in", extra={"doc_id": opened.meta.doc_id, "error": type(exc).__name__})
        return False
    return True


def _afterwards(ws: Workspace, events: list[dict], *sends) -> list[tuple[list[str], list[str]]]:
    """A change's History line and its notices at once (independent, each a round trip away):
    each send's (done, not done), in order; a send that is None (not configured) is skipped."""
    sends = [send for send in sends if send]
    with ThreadPoolExecutor(max_workers=len(sends) + 1) as pool:
        futures = [pool.submit(send) for send in sends]
        history.remember(ws, events)
        return [future.result() for future in futures]


def _snapshot(ws: Workspace, meta: Handover, export) -> tuple[str, str]:
    """(the link to the version submitted, or "" with why it could not be kept): a snapshot that
    fails never stops the submission; the rep is told and the operator's log says why."""
    try:
        return ws.save_snapshot(meta, export.result(), now_iso()), ""
    except (StepError, OSError) as exc:
        log.warning("snapshot not saved", extra={"doc_id": meta.doc_id, "error": type(exc).__name__})
        return "", "the submitted version (a copy to keep): " + (exc.step if isinstance(exc, StepError) else
                                                                  type(exc).__name__)


# --- decisions, owners, stages ---------------------------------------------------------------

def _in(user: str, people) -> bool:
    return user.lower() in {p.lower() for p in people}


def _change(ws: Workspace, study_id: str, change) -> tuple[dict, dict]:
    """Apply a change to one existing study under the tracker's lock (404 if there is none):
    (the row before, the row after)."""
    before: dict = {}

    def checked(current: dict) -> dict:
        if not current:
            raise FlowError(f"No study {study_id} in the tracker.", 404)
        before.update(current)
        return _waiting(current, change(current))
    return before, ws.tracker.update({study_id: checked})[study_id]


def _waiting(current: dict, values: dict) -> dict:
    """The change with the study's days waiting as they stand after it (the refresh keeps them
    current day by day)."""
    after = {**current, **values}
    return {**values, "days_waiting": sheet_edits.days_waiting(after, _today(now_iso()))}


def decide(ws: Workspace, study_id: str, user: str, decision: str, reason: str, managers, notifier=None) -> dict:
    """A manager approves, rejects or requests changes (with a reason). Nobody else can."""
    if not _in(user, managers):
        log.warning("decision refused: not a manager", extra={"study_id": study_id})
        raise FlowError("Only managers can approve or reject a Desktop Study.", 403)
    if decision not in tracker_layout().decisions:
        raise FlowError(f"Unknown decision '{decision}'.")
    if decision in WORKFLOW.need_reason and not reason.strip():
        raise FlowError("Say why: a reason is required to reject or request changes.")

    def decided(current: dict) -> dict:
        if current.get("stage") != WORKFLOW.submitted:
            raise FlowError(f"{study_id} is '{current.get('stage')}': only {WORKFLOW.submitted} studies get a "
                            "decision.", 409)
        if decision == WORKFLOW.exception and not current.get("exception_requested"):
            raise FlowError(f"{study_id} did not ask for an exception.", 409)
        if decision == WORKFLOW.approved and current.get("exception_requested"):
            raise FlowError(f"{study_id} asks for an exception ({current['exception_requested']}): approve the "
                            "exception, or request changes.", 409)
        if current.get("submitted_by") and _in(user, [current["submitted_by"]]):
            raise FlowError(f"You submitted {study_id}: another manager decides it.", 403)
        when = now_iso()
        return {"stage": WORKFLOW.approved if decision == WORKFLOW.exception else decision, "decision": decision,
                "decision_reason": reason.strip(), "decided_by": user, "decided_at": when, "last_updated": when}

    before, record = _change(ws, study_id, decided)
    log.info("decision recorded", extra={"study_id": study_id, "decision": decision})
    events = [history.event(decision, before, record, user, record["decided_at"], reason.strip())]
    if decision in WORKFLOW.approving:  # CS's deliverable started, its link in the email that asks them to assign
        record, started = start_gap_analysis(ws, record, user)
        events += started
    _afterwards(ws, events, notifier and (lambda: notifier.send(notices.decided(record, notifier.cs_emails))))
    return record


def start_gap_analysis(ws: Workspace, record: dict, user: str) -> tuple[dict, list[dict]]:
    """The gap analysis document made from the approved handover and the customer's files, in the
    Desktop Study folder, linked from the tracker: (the row as written, its History event). Once
    per study; one that cannot be made leaves the approval as it is (the operator's log says why)."""
    if record.get("gap_analysis_link"):
        return record, []
    try:
        with ThreadPoolExecutor(max_workers=1) as pool:  # the files and the folder beside the handover's read
            side = pool.submit(lambda: (ws.data_in(record.get("data_folder", "")), ws.gap_analysis_folder(record)))
            document = ws.read(record["doc_id"])
            files, folder = side.result()
        package = score_document(document, data=files).data
        link = ws.save_gap_analysis(record, gap_analysis_docx(record, facts_of(document), package), folder)
        written = ws.tracker.update({record["study_id"]: {"gap_analysis_link": link}})[record["study_id"]]
    except Exception as exc:  # noqa: BLE001 - a follow-up to a recorded approval: logged, never raised
        log.warning("gap analysis not started", extra={"study_id": record.get("study_id"), "error": type(exc).__name__})
        return record, []
    log.info("gap analysis started", extra={"study_id": record["study_id"]})
    return written, [history.event(history.GAP_ANALYSIS, record, written, user, now_iso(), link)]


def assign_owner(ws: Workspace, study_id: str, user: str, owner: str, team, notifier=None) -> dict:
    """CS or a manager gives an approved, open study an owner from the CS team."""
    if not _in(user, team):
        raise FlowError("Only CS and managers assign studies.", 403)
    owner = CONTROL_CHARACTERS.sub("", owner)  # pasted with the name, showing nothing
    if not owner.strip():
        raise FlowError("Choose who owns the study.")
    if not _in(owner.strip(), team):
        raise FlowError(f"{owner.strip()} is not in the CS team: choose an owner from the list.")

    def assigned(current: dict) -> dict:
        stage = current.get("stage", "")
        if stage == WORKFLOW.closed:
            raise FlowError(f"{study_id} is closed: a manager reopens it before it changes hands.", 409)
        if stage not in (WORKFLOW.approved, *tracker_layout().cs_stages):
            raise FlowError(f"{study_id} is '{stage}': it gets an owner once a manager approves it.", 409)
        return {"cs_owner": owner.strip(), "last_updated": now_iso()}

    before, record = _change(ws, study_id, assigned)
    changed = before.get("cs_owner") != record["cs_owner"]
    _afterwards(ws, [history.event(history.ASSIGNED, before, record, user, record["last_updated"],
                                   f"{before.get('cs_owner') or 'nobody'} → {record['cs_owner']}")],
                notifier and changed and (lambda: notifier.send(notices.progressed(before, record))))
    return record


def move_stage(ws: Workspace, study_id: str, user: str, stage: str, team, managers=(), notifier=None) -> dict:
    """CS move an approved study forward through the CS stages one at a time once it has an
    owner; a manager may also move it back, and only a manager reopens a Closed study
    (stage_rules.py). Manager stages are decisions, not moves."""
    layout = tracker_layout()
    if not _in(user, team):
        raise FlowError("Only CS and managers move studies between stages.", 403)
    if stage not in layout.cs_stages:
        raise FlowError(f"'{stage}' is not a CS stage ({', '.join(layout.cs_stages)}).")

    def moved(current: dict) -> dict:
        why = stage_rules.refusal(current, stage, _in(user, managers), study_id)
        if why:
            raise FlowError(why, 409)
        return {"stage": stage, "last_updated": now_iso()}

    before, record = _change(ws, study_id, moved)
    _afterwards(ws, [history.event(history.MOVED, before, record, user, record["last_updated"])],
                notifier and (lambda: notifier.send(notices.progressed(before, record))))
    return record


def withdraw(ws: Workspace, study_id: str, user: str, managers=()) -> dict:
    """The rep who submitted a study (or a manager) takes it back while it waits for a decision:
    it leaves the managers' queue, and the rep may submit it again."""
    def withdrawn(current: dict) -> dict:
        if not (_in(user, [current.get("submitted_by", "")]) or _in(user, managers)):
            raise FlowError(f"Only whoever submitted {study_id}, or a manager, can withdraw it.", 403)
        if current.get("stage") != WORKFLOW.submitted:
            raise FlowError(f"{study_id} is '{current.get('stage')}': only a study waiting for a decision can be "
                            "withdrawn.", 409)
        return {"stage": WORKFLOW.withdrawn, "last_updated": now_iso()}

    before, record = _change(ws, study_id, withdrawn)
    log.info("submission withdrawn", extra={"study_id": study_id})
    history.remember(ws, [history.event(history.WITHDRAWN, before, record, user, record["last_updated"])])
    return record


# --- scheduled refresh -----------------------------------------------------------------------

@dataclass
class RefreshResult:
    studies: int = 0
    rescored: int = 0
    changed: int = 0
    missing: int = 0
    written: int = 0
    errors: list[str] = field(default_factory=list)
    decided: list[str] = field(default_factory=list)  # decisions picked in the Sheet, now recorded
    archived: list[str] = field(default_factory=list)  # closed long enough ago to leave the Studies sheet
    reminded: list[str] = field(default_factory=list)  # the reminders sent, by label


def _refreshed(change: dict, modified: dict[str, str], when: str, editor: str = "", managers=()):
    """The refresh's change, recomputed against the row as it is when written (a submit or a
    deleted row since the refresh read the tracker wins): the document's state and score, a
    decision picked in the Sheet, and the note on what in the row cannot be acted on."""
    def apply(current: dict) -> dict | None:
        if not current:
            return None  # the row was deleted meanwhile: do not bring it back
        out = dict(change)
        now = modified.get(current.get("doc_id", ""))
        if "doc_changed" in out and now is not None:
            out["doc_changed"] = "Yes" if now != current.get("doc_modified_at_submit") else "No"
        out.update(sheet_edits.hand_decision(current, editor, managers, when) or {})
        flagged = sheet_edits.note({**current, **out}, editor)
        if flagged != current.get("notes", ""):
            out["notes"] = flagged
        waited = sheet_edits.days_waiting({**current, **out}, _today(when))
        if str(waited) != current.get("days_waiting", ""):
            out["days_waiting"] = waited
        if out:
            out["last_updated"] = when
        return out
    return apply


def _sheet_edit_studies(rows: list[dict], today: date) -> tuple[set[str], bool]:
    """Studies whose row holds a decision picked in the Sheet, or whose note or days waiting
    are out of date; and whether any holds a decision picked in the Sheet (then who last edited
    the Sheet is asked)."""
    picked = {r["study_id"] for r in rows if sheet_edits.hand_decision(r, "", (), "")}
    stale = {r["study_id"] for r in rows if sheet_edits.note(r) != r.get("notes", "")
             or str(sheet_edits.days_waiting(r, today)) != r.get("days_waiting", "")}
    return picked | stale, bool(picked)


def _today(when: str) -> date:
    return datetime.fromisoformat(when).astimezone(timezone.utc).date()


def archivable(after_days: int, today: date):
    """Which rows are archived: Closed, and not touched for `after_days` days (0: none ever)."""
    def closed_long_ago(row: dict) -> bool:
        if after_days <= 0 or row.get("stage") != WORKFLOW.closed:
            return False
        try:
            touched = datetime.fromisoformat(row.get("last_updated", "")).astimezone(timezone.utc).date()
        except ValueError:
            return False  # no date to go by: left where people can see it
        return (today - touched).days >= after_days
    return closed_long_ago


def refresh(ws: Workspace, managers=(), archive_after_days: int = 0, notifier=None,
            remind_after_days: int = 2) -> RefreshResult:
    """Rescore submitted studies whose document changed since last scored, mark documents
    changed since submission, record decisions managers picked in the Sheet and note what in a
    row cannot be acted on (sheet_edits.py); write only those columns, for every study that
    changes, in one batch (a decision made meanwhile in the sidebar is kept). Then move studies
    closed more than `archive_after_days` ago to the Archive sheet (only when there are some)."""
    rows = ws.tracker.records()
    records = [r for r in rows if r.get("doc_id") and r.get("stage") not in ("", WORKFLOW.draft, WORKFLOW.closed)]
    result = RefreshResult(studies=len(records))
    modified = ws.handovers_modified([r["doc_id"] for r in records])
    changes = _document_changes(ws, records, modified, result)
    edited, picked = _sheet_edit_studies(rows, _today(now_iso()))
    written: dict[str, dict] = {}
    if changes or edited:
        when, editor = now_iso(), ws.tracker.last_editor() if picked else ""
        written = ws.tracker.update({sid: _refreshed(changes.get(sid, {}), modified, when, editor, managers)
                                     for sid in set(changes) | edited})
        result.decided = sorted(sid for sid, r in written.items() if sid in edited and r.get("decided_at") == when)
        was = {r["study_id"]: r for r in rows}
        events = [history.event(written[sid]["decision"] + history.IN_THE_SHEET, was.get(sid, {}), written[sid],
                                written[sid]["decided_by"], when, written[sid].get("decision_reason", ""))
                  for sid in result.decided]
        for sid in result.decided:  # approved in the Sheet: CS's deliverable started as from the sidebar
            if written[sid].get("decision") in WORKFLOW.approving:
                written[sid], started = start_gap_analysis(ws, written[sid], written[sid]["decided_by"])
                events += started
        history.remember(ws, events)
        if notifier is not None:
            for sid in result.decided:  # heard of as a decision from the sidebar is
                notifier.send(notices.decided(written[sid], notifier.cs_emails))
    result.written = len(changes) + len(edited - set(changes))
    old = archivable(archive_after_days, _today(now_iso()))
    if any(old(r) for r in rows):
        result.archived = ws.tracker.archive(old)
    current = [written.get(r["study_id"], r) for r in rows if r["study_id"] not in result.archived]
    _show_pipeline(ws, current)
    if notifier is not None:
        result.reminded = _remind(ws, current, notifier, remind_after_days)
    log.info("refresh done", extra={"studies": result.studies, "rescored": result.rescored,
                                     "changed": result.changed, "written": result.written,
                                     "missing": result.missing, "errors": len(result.errors),
                                     "decided_in_sheet": len(result.decided), "archived": len(result.archived)})
    return result


def _remind(ws: Workspace, rows: list[dict], notifier, after_days: int) -> list[str]:
    """One digest per person of what has waited more than `after_days` working days, each study
    at most once a day (its *Last reminded*, written after the digests go)."""
    late = notices.overdue(rows, _today(now_iso()), after_days)
    digests = notices.reminders(late, notifier.managers, notifier.cs_emails)
    if not digests:
        return []
    sent, _ = notifier.send(digests)
    when = now_iso()
    ws.tracker.update({s["study_id"]: {"reminded_at": when} for kind in late.values() for s in kind})
    return sent


def _show_pipeline(ws: Workspace, rows: list[dict]) -> None:
    """The Pipeline sheet's tables and charts brought up to date with the rows as written."""
    now = datetime.now(timezone.utc)
    updated = now.astimezone(ws.tracker.zone).strftime("%Y-%m-%d %H:%M") + f" ({ws.tracker.zone.key})"
    ws.tracker.show_pipeline(pipeline_tables(rows, now.astimezone(ws.tracker.zone).date(), ws.tracker.zone), updated)


def _document_changes(ws: Workspace, records: list[dict], modified: dict[str, str], result: RefreshResult) -> dict:
    """Per study, what its document's state says to write: changed since submission, gone, or
    rescored. Documents edited since last scored are read (in parallel), and so are those whose
    customer's files in DS Data changed since last read (a folder listing each; a file is read
    again only when it changed)."""
    data = {r["study_id"]: ws.data_in(r["data_folder"]) for r in records
            if r.get("data_folder") and r["doc_id"] in modified}
    def stale(r: dict) -> bool:
        files = data.get(r["study_id"])
        return (modified.get(r["doc_id"]) != r.get("scored_modified")
                or (files is not None and files.version != r.get("data_version")))
    docs = ws.read_many([r["doc_id"] for r in records if r["doc_id"] in modified and stale(r)])
    changes: dict[str, dict] = {}
    for r in records:
        current = modified.get(r["doc_id"])
        if current is None:
            result.missing += 1
            if r.get("doc_changed") != "Document not found":
                changes[r["study_id"]] = {"doc_changed": "Document not found"}
            continue
        change = {}
        changed = "Yes" if current != r.get("doc_modified_at_submit") else "No"
        result.changed += changed == "Yes"
        if changed != r.get("doc_changed"):
            change["doc_changed"] = changed
        if stale(r):
            doc = docs.get(r["doc_id"])
            if isinstance(doc, Exception) or doc is None:  # one unreadable document must not stop the refresh
                result.errors.append(f"{r.get('study_id')}: {doc}")
                if change:
                    changes[r["study_id"]] = change
                continue
            card = score_document(doc, data=data.get(r["study_id"]))
            change.update(score=card.score, failed_criteria=", ".join(card.failed_criteria()),
                          readiness=readiness(card, r.get("exception_requested", "")),
                          top_flags=top_flags(card), scored_modified=current,
                          **data_columns(card, r.get("data_folder", "")))
            result.rescored += 1
        if change:
            changes[r["study_id"]] = change
    return changes
