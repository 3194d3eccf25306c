"""Which stage a study may move to, and who may move it (doc_templates/tracker.toml's stages).

After a manager's approval, CS take a study through the CS stages one at a time, and only once
it has an owner. A manager may also move it back to any earlier CS stage, which is how a Closed
study is reopened: Closed is final for everyone else.
"""
from __future__ import annotations

from .tracker_layout import tracker_layout


def _path() -> tuple[str, ...]:
    """Approved, then every CS stage in order."""
    layout = tracker_layout()
    return (layout.workflow.approved, *layout.cs_stages)


def next_stage(stage: str) -> str:
    """The stage after `stage` on the CS path ("" at the end or off the path)."""
    path = _path()
    if stage not in path or stage == path[-1]:
        return ""
    return path[path.index(stage) + 1]


def moves(record: dict, manager: bool) -> list[str]:
    """The stages this person may move the study to now, forward first."""
    stage, path = record.get("stage", ""), _path()
    if stage not in path or record.get("decision") not in tracker_layout().workflow.approving:
        return []
    forward = [next_stage(stage)] if next_stage(stage) and record.get("cs_owner") else []
    back = list(reversed(path[1:path.index(stage)])) if manager else []
    return forward + back


def refusal(record: dict, stage: str, manager: bool, study_id: str) -> str:
    """Why the study may not move to `stage` ("" when it may)."""
    current, path = record.get("stage", ""), _path()
    flow = tracker_layout().workflow
    if current not in path or record.get("decision") not in flow.approving:
        return f"{study_id} is '{current}': it needs a manager's approval first."
    if stage in moves(record, manager):
        return ""
    if stage == current:
        return f"{study_id} is already '{stage}'."
    ahead = path.index(stage) > path.index(current)
    if ahead and not record.get("cs_owner"):
        return f"{study_id} has no CS owner yet: assign one before moving it on."
    if ahead:
        return (f"{study_id} moves one stage at a time: from '{current}' the next is "
                f"'{next_stage(current)}'.")
    if current == flow.closed:
        return f"{study_id} is closed: only a manager can reopen it."
    return f"Only a manager moves a study back (from '{current}' to '{stage}')."
