"""What happened to a study, as rows of the History sheet (doc_templates/tracker.toml's
[[history]] columns): appended by every flow that changes a study, never rewritten, so a
resubmission keeps the decision before it and anyone can see who did what, when, and why.
"""
from __future__ import annotations

import logging

from .errors import StepError

log = logging.getLogger("handover.history")

SUBMITTED, RESUBMITTED, WITHDRAWN = "Submitted", "Resubmitted", "Withdrawn"
ASSIGNED, MOVED = "Owner assigned", "Stage moved"
GAP_ANALYSIS = "Gap analysis started"  # its link in the detail
IN_THE_SHEET = " (picked in the Sheet)"


def event(kind: str, before: dict, after: dict, who: str, when: str, reason: str = "") -> dict:
    """One History row: the study as it was and as it is after `kind`."""
    return {"when": when, "study_id": after.get("study_id") or before.get("study_id", ""),
            "customer": after.get("customer") or before.get("customer", ""), "event": kind, "who": who,
            "stage_before": before.get("stage", ""), "stage_after": after.get("stage", ""),
            "score": after.get("score", ""), "reason": reason,
            "snapshot_link": after.get("snapshot_link", "") if kind in (SUBMITTED, RESUBMITTED) else ""}


def resubmission_detail(before: dict, after: dict) -> str:
    """What changed since the last submission, in words: the score, the criteria now passing or
    failing, the decision it answers."""
    parts = []
    if str(before.get("score", "")) != str(after.get("score", "")):
        parts.append(f"score {before.get('score') or '?'} → {after.get('score')}")
    was = {c.strip() for c in before.get("failed_criteria", "").split(",") if c.strip()}
    now = {c.strip() for c in after.get("failed_criteria", "").split(",") if c.strip()}
    if was - now:
        parts.append("now passing: " + ", ".join(sorted(was - now)))
    if now - was:
        parts.append("now failing: " + ", ".join(sorted(now - was)))
    if before.get("decision"):
        reason = f": {before['decision_reason']}" if before.get("decision_reason") else ""
        parts.append(f"after '{before['decision']}'{reason}")
    return "; ".join(parts) or "no change in score or criteria"


def remember(ws, events: list[dict]) -> bool:
    """Append the events; a History write that fails is logged for the operator, never undoes
    the change it records (the Studies sheet has it). Returns whether they were written."""
    try:
        ws.tracker.append_history(events)
        return True
    except StepError as exc:
        log.error("history not written", extra={"step": exc.step, "status": exc.status,
                                                "studies": sorted({e["study_id"] for e in events})})
        return False
