"""What the flows need from a workspace, whichever it is: the local default (folders of
.docx and a tracker file) or Google (Drive, Docs, Sheets). The flows never know which.
"""
from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Callable
from zoneinfo import ZoneInfo

from ..data_package.package import DataFiles
from ..generators.deal import Deal
from ..locks import named_lock
from ..pipeline import Table
from ..tracker_layout import UTC
from ..validators.document import Document

log = logging.getLogger("handover.workspace")


@dataclass
class Handover:
    """A handover document and where it lives."""
    doc_id: str  # Drive file id, or the path relative to the local workspace
    name: str
    url: str  # open the document
    folder_url: str  # the customer's PreSales folder
    modified_time: str  # RFC 3339, changes whenever the document does
    study_id: str = ""  # set on first submit, kept with the document
    created: bool = False  # True when this call made it
    folder_id: str = ""  # the folder it is in (Drive id, or the path relative to the local workspace)
    data_folder: str = ""  # the customer's DS Data folder, where known (Drive id, or a local path)


@dataclass
class Opened:
    """An open handover as the flows read it: its content (read as the person), and, as the app,
    its details and the customer's files in DS Data."""
    document: Document
    meta: Handover | None  # None when the app cannot see the document (a rep's own doc outside the drive)
    data: DataFiles | None  # None when there is no DS Data folder to read

    @property
    def study_id(self) -> str:
        return self.meta.study_id if self.meta else ""


Change = dict | Callable[[dict], dict]


class Tracker(ABC):
    """The studies tracker: one row per study, found by study ID, never by row number.

    Every write is read-merge-write under one lock: `update` re-reads the rows, applies each
    change to the study's current row (a dict of columns, or a function of the current row
    returning one), and writes them back in one batch. A decision written meanwhile is never
    overwritten by a refresh holding an older copy of the row."""

    @abstractmethod
    def setup(self) -> str:
        """Create the tracker (or adopt the existing one); returns its id or path."""

    @abstractmethod
    def records(self) -> list[dict]:
        """Every study, as {column key: text}."""

    @abstractmethod
    def update(self, changes: dict[str, Change]) -> dict[str, dict]:
        """Apply changes per study id (new ids are appended); returns the rows as written.
        A change function may raise to refuse: then nothing at all is written."""

    zone: ZoneInfo = UTC  # the team's time zone: the one the tracker shows dates in

    @abstractmethod
    def show_pipeline(self, tables: list[Table], updated: str) -> None:
        """Rewrite the Pipeline sheet's tables (made with its charts when missing)."""

    @abstractmethod
    def append_history(self, events: list[dict]) -> None:
        """Add events (server/history.py) to the end of the History sheet (made if missing)."""

    @abstractmethod
    def history(self, study_id: str) -> list[dict]:
        """A study's events, oldest first."""

    @abstractmethod
    def archive(self, which: Callable[[dict], bool]) -> list[str]:
        """Move the studies `which` picks (closed long ago) from the studies sheet to the Archive
        sheet, all at once and never the wrong row; returns their study IDs."""

    def last_editor(self) -> str:
        """The email of whoever last changed the tracker, where the store knows it ("" if not)."""
        return ""

    def get(self, study_id: str) -> dict | None:
        return next((r for r in self.records() if r.get("study_id") == study_id), None)


def merge(rows: dict[str, dict], changes: dict[str, Change]) -> dict[str, dict]:
    """The rows after the changes: {study id: full record}, for the studies changed."""
    out = {}
    for study_id, change in changes.items():
        current = dict(rows.get(study_id) or {})
        values = change(current) if callable(change) else change
        if values is None:
            continue  # the change declined (e.g. its row is gone)
        out[study_id] = {**current, **values, "study_id": study_id}
    return out


class Workspace(ABC):
    name: str
    tracker: Tracker

    @abstractmethod
    def create_handover(self, deal: Deal) -> Handover:
        """Find or create the customer's folder tree and a filled handover in it.
        A second call for the same customer returns the existing document."""

    @abstractmethod
    def handover(self, doc_id: str) -> Handover:
        """The document's metadata (name, links, modified time, study id)."""

    @abstractmethod
    def read(self, doc_id: str) -> Document:
        """The document's content as the document model the scorer reads."""

    def lock(self, name: str):
        """A lock held by one flow at a time, wherever it runs: the named lock (threads, and
        instances when they share Redis); the local workspace adds a file lock for processes."""
        return named_lock(f"{self.name}:{name}")

    def open(self, doc_id: str, strict: bool = False) -> Opened:
        """The document, its details and its customer's DS Data files. strict: the details are
        needed (a submit), so not seeing them is an error; else they are None."""
        document = self.read(doc_id)
        meta, data = self._details_and_data(doc_id, strict)
        return Opened(document, meta, data)

    def _details_and_data(self, doc_id: str, strict: bool) -> tuple[Handover | None, DataFiles | None]:
        from ..errors import InputError, StepError
        try:
            meta = self.handover(doc_id)
        except (StepError, InputError):
            if strict:
                raise
            return None, None
        return meta, self.data_or_none(meta)

    def data_folder(self, meta: Handover) -> str:
        """The customer's DS Data folder beside the handover's folder ("" when there is none)."""
        return ""

    def data_files(self, folder: str) -> DataFiles:
        """Every file in a DS Data folder, read (each once per version)."""
        raise NotImplementedError

    def data_or_none(self, meta: Handover) -> DataFiles | None:
        """The files beside the handover, or None when there is no DS Data folder or it cannot be
        read just now: the verdict then goes by what the handover says, and the operator's log
        says why. Sets meta.data_folder when it finds one."""
        from ..errors import InputError, StepError
        try:
            meta.data_folder = meta.data_folder or self.data_folder(meta)
        except (StepError, InputError) as exc:
            log.warning("data folder not found", extra={"doc_id": meta.doc_id, "error": type(exc).__name__})
            return None
        return self.data_in(meta.data_folder)

    def data_in(self, folder: str) -> DataFiles | None:
        """The files in a DS Data folder, or None when there is none or it cannot be read now."""
        from ..errors import InputError, StepError
        if not folder:
            return None
        try:
            return self.data_files(folder)
        except (StepError, InputError, OSError) as exc:
            log.warning("data package not read", extra={"folder": folder, "error": type(exc).__name__})
            return None

    @abstractmethod
    def export_snapshot(self, doc_id: str) -> bytes:
        """The document as it stands, to keep: a PDF on Google, the .docx itself locally."""

    @abstractmethod
    def save_snapshot(self, meta: Handover, data: bytes, when: str) -> str:
        """Keep an export beside the document, named for when it was submitted; its link."""

    @abstractmethod
    def gap_analysis_folder(self, record: dict) -> str:
        """Where a study's gap analysis goes: the customer's Desktop Study folder (DS Data's parent),
        else the handover's own folder (Drive id, or a path in the local workspace)."""

    @abstractmethod
    def save_gap_analysis(self, record: dict, data: bytes, folder: str) -> str:
        """Put the gap analysis (.docx bytes) in `folder` (never over an existing one); its link."""

    @abstractmethod
    def write_cover(self, doc_id: str, changes: dict[str, str]) -> None:
        """Replace the cover's text ({now: new}) in the document (generators/cover.py)."""

    @abstractmethod
    def set_study_id(self, doc_id: str, study_id: str) -> str:
        """Keep the study id with the document so a second submit updates the same row.
        Returns the document's modified time afterwards (saving it may change it)."""

    def read_many(self, doc_ids: list[str]) -> dict[str, Document | Exception]:
        """Several documents (the scheduled refresh); a document that cannot be read maps
        to its error instead of stopping the others."""
        out: dict[str, Document | Exception] = {}
        for doc_id in doc_ids:
            try:
                out[doc_id] = self.read(doc_id)
            except Exception as exc:  # noqa: BLE001 - reported per document by the caller
                out[doc_id] = exc
        return out

    @abstractmethod
    def handovers_modified(self, doc_ids: list[str]) -> dict[str, str]:
        """doc id -> modified time for many documents in as few calls as possible."""
