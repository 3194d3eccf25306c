"""The local embedded default: a folder of customer folders with .docx handovers and an .xlsx
tracker. Works with no Google account; the folder tree is the seed's (rubric [folders]).
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from ..config import Config
from ..data_package.package import DataFiles, read_folder
from ..errors import InputError
from ..generators.deal import Deal, name_clash, safe_folder_name
from ..generators.gap_analysis import gap_analysis_name
from ..generators.handover_doc import filled_handover, replace_text
from ..rubric import Rubric, load_rubric
from ..validators.document import Document
from ..validators.docx_reader import read_docx
from .base import Handover, Workspace
from ..tracker_layout import UTC
from .local_tracker import LocalTracker

TRACKER_NAME = "Desktop Study tracker.xlsx"
CUSTOMER_FILE = ".customer"  # in a customer folder: the customer's name as typed
STUDY_IDS = ".handover/study_ids.json"  # doc path -> study id: the local twin of Drive appProperties


def workspace_root(path: str | Path | None = None) -> Path:
    return Path(path or Config.from_env().workspace)


def ensure_tree(root: Path, customer: str, rubric: Rubric | None = None) -> Path:
    """Create the customer's folder tree where missing; returns the customer folder. The folder
    records whose it is (CUSTOMER_FILE), so a customer whose name reads the same as a folder name
    ('A/B', 'A:B') is refused, never handed another customer's handover."""
    rubric = rubric or load_rubric()
    folder = Path(root) / safe_folder_name(customer)
    marker = folder / CUSTOMER_FILE
    recorded = marker.read_text(encoding="utf-8").strip() if marker.is_file() else ""
    if recorded and recorded != customer.strip():
        raise InputError(name_clash(folder.name, recorded, customer))
    for sub in rubric.folders["tree"]:
        (folder / sub).mkdir(parents=True, exist_ok=True)
    if not recorded:
        marker.write_text(customer.strip() + "\n", encoding="utf-8")
    return folder


SNAPSHOTS = "Submitted versions"  # beside the handover: what each submission was


def write_whole(path: Path, data: bytes) -> None:
    """The file written whole or not at all: a reader never sees half of it."""
    tmp = path.with_name("." + path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


class LocalWorkspace(Workspace):
    name = "local"

    def __init__(self, root: str | Path | None = None, rubric: Rubric | None = None, team: tuple[str, ...] = (),
                 zone: ZoneInfo = UTC):
        """team: who may own a study (the tracker's owner dropdown); zone: the team's time zone,
        which the tracker's dates are shown in."""
        self.root = workspace_root(root).resolve()
        self.rubric = rubric or load_rubric()
        self.tracker = LocalTracker(self.root / TRACKER_NAME, team=team, zone=zone)

    def path(self, doc_id: str) -> Path:
        """The file for a doc id, which must stay inside the workspace."""
        path = (self.root / doc_id).resolve()
        if self.root not in path.parents:
            raise InputError(f"{doc_id}: not a document in the workspace")
        if not path.is_file():
            raise InputError(f"{doc_id}: no such document in the workspace")
        return path

    def doc_id(self, path: Path) -> str:
        return Path(path).resolve().relative_to(self.root).as_posix()

    def create_handover(self, deal: Deal) -> Handover:
        """Copy the template into PreSales/Desktop Study/DS Handover Doc with the deal filled in.
        Running it again keeps the existing document (no second copy, no lost edits)."""
        folder = ensure_tree(self.root, deal.customer, self.rubric)
        name = self.rubric.folders["doc_name"].format(customer=safe_folder_name(deal.customer)) + ".docx"
        path = folder / self.rubric.folders["handover"] / name
        created = not path.exists()
        if created:
            write_whole(path, filled_handover(deal))
        return self.handover(self.doc_id(path), created=created)

    def handover(self, doc_id: str, created: bool = False) -> Handover:
        path = self.path(doc_id)
        depth = len(Path(self.rubric.folders["handover"]).parts)
        relative = path.relative_to(self.root).parts
        # in a customer's handover folder: link its PreSales folder; anywhere else, the document's own folder
        customer = self.root / relative[0] if len(relative) == depth + 2 else None
        presales = customer / self.rubric.folders["presales"] if customer else path.parent
        data = customer / self.rubric.folders["data"] if customer else None
        return Handover(doc_id=doc_id, name=path.stem, url=path.as_uri(), folder_url=presales.as_uri(),
                        modified_time=_mtime(path), study_id=self._study_ids().get(doc_id, ""), created=created,
                        folder_id=path.parent.relative_to(self.root).as_posix(),
                        data_folder=data.relative_to(self.root).as_posix() if data and data.is_dir() else "")

    def data_files(self, folder: str) -> DataFiles:
        """The DS Data folder's files (a path in the workspace), read."""
        path = (self.root / folder).resolve()
        if self.root not in path.parents:
            raise InputError(f"{folder}: not a folder in the workspace")
        return read_folder(path)

    def export_snapshot(self, doc_id: str) -> bytes:
        return self.path(doc_id).read_bytes()

    def save_snapshot(self, meta: Handover, data: bytes, when: str) -> str:
        """A copy of the .docx beside it: '<name> - submitted 2026-12-04 2118.docx'."""
        stamp = datetime.fromisoformat(when).strftime("%Y-%m-%d %H%M%S")
        target = self.root / meta.folder_id / SNAPSHOTS / f"{meta.name} - submitted {stamp}.docx"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return target.as_uri()

    def read(self, doc_id: str) -> Document:
        return read_docx(self.path(doc_id))

    def gap_analysis_folder(self, record: dict) -> str:
        meta = self.handover(record["doc_id"])
        folder = (self.root / meta.data_folder).parent if meta.data_folder else self.path(meta.doc_id).parent
        return folder.relative_to(self.root).as_posix()

    def save_gap_analysis(self, record: dict, data: bytes, folder: str) -> str:
        target = self.root / folder / gap_analysis_name(record)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            write_whole(target, data)
        return target.as_uri()

    def write_cover(self, doc_id: str, changes: dict[str, str]) -> None:
        import io

        import docx
        path = self.path(doc_id)
        document = docx.Document(str(path))
        replace_text(document, changes)
        buf = io.BytesIO()
        document.save(buf)
        write_whole(path, buf.getvalue())

    def set_study_id(self, doc_id: str, study_id: str) -> str:
        with self._registry() as ids:
            ids[doc_id] = study_id
        return _mtime(self.path(doc_id))

    def handovers_modified(self, doc_ids: list[str]) -> dict[str, str]:
        out = {}
        for doc_id in doc_ids:
            path = self.root / doc_id
            if path.is_file():
                out[doc_id] = _mtime(path)
        return out

    def _study_ids(self) -> dict[str, str]:
        path = self.root / STUDY_IDS
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}

    @contextmanager
    def lock(self, name: str):
        """Threads through the named lock, processes through a file lock in the workspace (two
        `handover` commands, or the preview and a command, on one folder)."""
        folder = self.root / ".locks"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / (hashlib.sha1(name.encode("utf-8")).hexdigest() + ".lock")
        with super().lock(name), open(path, "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    @contextmanager
    def _registry(self):
        path = self.root / STUDY_IDS
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path.with_suffix(".lock"), "a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            ids = self._study_ids()
            yield ids
            write_whole(path, json.dumps(ids, indent=1, sort_keys=True).encode("utf-8"))


def _mtime(path: Path) -> str:
    return datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc).isoformat(timespec="microseconds")
