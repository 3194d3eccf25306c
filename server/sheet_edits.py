"""Edits people make in the tracker Sheet itself, reconciled by the scheduled refresh, and the
days each study has waited, which the refresh keeps current.

Managers may pick a decision in the Sheet's Decision dropdown (the protected columns let only
them). The refresh records it as a decision from the sidebar would be: the stage it leads to,
who decided and when. What the Sheet cannot mean is written in the Notes column and never acted
on: a stage a manager's decision leads to with no decision behind it ("Approved" typed by hand),
a decision that contradicts the stage, a stage that is not in the workflow. The note goes once
the row makes sense again.

Who picked a decision: the Sheets API keeps no author per cell; Drive gives the file's
`lastModifyingUser`, and the Drive Activity API who edited the file and when, not which cell.
The refresh takes the tracker's last modifying user when that is a manager (they alone can edit
the column, so when one manager is at work it is them), else records "a manager, in the Sheet".
"""
from __future__ import annotations

from datetime import date, datetime, timezone

from .tracker_layout import tracker_layout

UNKNOWN_MANAGER = "a manager, in the Sheet"


def hand_decision(record: dict, editor: str, managers, when: str) -> dict | None:
    """The change recording a decision picked in the Sheet, or None when there is none: a
    Submitted study with a decision and nobody recorded as having made it."""
    layout = tracker_layout()
    flow = layout.workflow
    decision = record.get("decision", "")
    if record.get("stage") != flow.submitted or not decision or record.get("decided_by"):
        return None
    if decision not in layout.decisions or note(record, editor):
        return None  # shown as a note instead
    who = editor if editor and editor.lower() in {m.lower() for m in managers} else UNKNOWN_MANAGER
    stage = flow.approved if decision == flow.exception else decision
    return {"stage": stage, "decided_by": who, "decided_at": when, "last_updated": when}


def days_waiting(record: dict, today: date) -> int | str:
    """Whole days a study has waited for the next person: a manager's decision since it was
    submitted, or an owner since it was approved; "" when nobody is waited for."""
    flow = tracker_layout().workflow
    if record.get("stage") == flow.submitted:
        since = record.get("submitted_at", "")
    elif record.get("stage") == flow.approved and not record.get("cs_owner"):
        since = record.get("decided_at", "")
    else:
        return ""
    try:
        return max(0, (today - datetime.fromisoformat(since).astimezone(timezone.utc).date()).days)
    except ValueError:
        return ""


def note(record: dict, editor: str = "") -> str:
    """What in this row cannot be acted on, in words ("" when it all makes sense); `editor`, who
    last edited the Sheet, when a decision picked there is to be recorded."""
    layout = tracker_layout()
    flow = layout.workflow
    stage, decision = record.get("stage", ""), record.get("decision", "")
    submitter = record.get("submitted_by", "").lower()
    if (stage == flow.submitted and decision and not record.get("decided_by") and editor
            and editor.lower() == submitter):
        return f"'{decision}' was picked by {editor}, who submitted this study: another manager decides it."
    if stage and stage not in layout.stages:
        return f"Stage '{stage}' is not one of the tracker's stages: not acted on."
    if decision and decision not in layout.decisions:
        return f"Decision '{decision}' is not one of the manager's decisions: not acted on."
    if decision == flow.exception and not record.get("exception_requested"):
        return f"'{decision}', but this study did not ask for an exception: not acted on."
    after_decision = stage in layout.manager_stages or stage in layout.cs_stages
    if after_decision and not decision:
        return f"Stage '{stage}' has no manager's decision behind it: not acted on. A manager decides first."
    if stage in layout.cs_stages and decision not in flow.approving:
        return f"Stage '{stage}' needs an approval; the decision is '{decision}': not acted on."
    if stage in layout.manager_stages and decision and (flow.approved if decision == flow.exception
                                                        else decision) != stage:
        return f"Stage '{stage}' does not match the decision '{decision}': not acted on."
    return ""
