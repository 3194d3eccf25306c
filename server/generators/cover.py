"""The handover's cover block once a study is submitted: its Study ID and Status rows say what
the tracker says ("DS-1A2B3C4D", "Submitted 5 Dec 2026"). The changes are found in the document
as read (the cells' current text -> the new text), so the same edit works on a Google Doc
(replaceAllText) and on a .docx."""
from __future__ import annotations

from ..rubric import Rubric, load_rubric
from ..validators.document import Document
from ..validators.text import normalise


def cover_changes(document: Document, study_id: str, status: str, rubric: Rubric | None = None) -> dict[str, str]:
    """{text in the cover now: what it becomes} for the Study ID and Status rows; {} when the
    document has no cover (a rep's own layout) or a row was emptied (nothing to find)."""
    labels = (rubric or load_rubric()).template.get("cover", [])
    wanted = {normalise(label): value for label, value in zip(labels[-2:], (study_id, status))}
    for block in document.blocks:
        if block.kind == "heading" and not block.is_title:
            return {}  # the cover comes before the first section
        if block.kind != "table":
            continue
        rows = {normalise(r[0]): r[1].strip() for r in block.rows if len(r) >= 2}
        if all(label in rows for label in wanted):
            return {rows[label]: value for label, value in wanted.items() if rows[label] and rows[label] != value}
    return {}
