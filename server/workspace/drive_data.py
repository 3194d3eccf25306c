"""The customer's DS Data folder on Drive, read as the service account: every file in it
(subfolders too) listed, downloaded (Excel, CSV, PDF, Word) or exported (a Google Sheet as .xlsx,
every sheet; a Google Doc as text) into a temporary file, and read as local files are
(server/data_package). Each file is read once per version (data_package/cache.py): a Check after
the first costs a listing. Downloads stream to disk in chunks, so a 50 MB export is never held
in memory whole.
"""
from __future__ import annotations

import logging
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath

from googleapiclient.http import MediaIoBaseDownload

from ..data_package.cache import cached
from ..data_package.package import DataFiles, Reading, read_file, version_of
from ..errors import StepError
from ..google_clients import resource
from .drive_folders import FOLDER, DriveFolders, folder_url, q_string
from .retry import RetryPolicy, call

log = logging.getLogger("handover.google")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET = "application/vnd.google-apps.spreadsheet"
DOC = "application/vnd.google-apps.document"
EXPORTS = {SHEET: (XLSX, ".xlsx"), DOC: ("text/plain", ".txt")}  # Google files: read through an export
READ = (".xlsx", ".xlsm", ".csv", ".pdf", ".docx", ".xls")  # other files: downloaded when named so
FIELDS = "files(id,name,mimeType,modifiedTime,size)"
MOST_BYTES = 200 * 1024 * 1024  # a file larger than this is not downloaded
MOST_FOLDERS = 25  # subfolders read, at most
CHUNK = 8 * 1024 * 1024
PARALLEL = 8  # downloads at once: a package of 8 files in one round trip


class DriveData:
    def __init__(self, drive, folders: DriveFolders, policy: RetryPolicy, clients_factory=None):
        """drive: a Drive service as the service account; clients_factory: new clients, so files
        download in parallel threads (a service is not shared between threads)."""
        self.drive, self.folders, self.policy, self.clients_factory = drive, folders, policy, clients_factory

    def read(self, folder_id: str) -> DataFiles:
        entries = self._entries(folder_id)
        if self.clients_factory is None or len(entries) < 2:
            readings = [self._reading(name, f, self.drive) for name, f in entries]
        else:
            with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
                readings = list(pool.map(lambda e: self._reading(e[0], e[1], self.clients_factory().drive), entries))
        return DataFiles(folder_url(folder_id), readings,
                         version_of([(name, f["id"], f.get("modifiedTime"), f.get("size")) for name, f in entries]))

    def _entries(self, folder_id: str) -> list[tuple[str, dict]]:
        """(its path in the folder, its metadata) for every file, subfolders level by level."""
        out, waiting, seen = [], [("", folder_id)], 0
        while waiting and seen < MOST_FOLDERS:
            prefix, current = waiting.pop(0)
            seen += 1
            listed = self.folders.list("list the DS Data folder", f"{q_string(current)} in parents and trashed = false",
                                       fields=FIELDS)
            for f in sorted(listed, key=lambda f: f["name"]):
                name = f"{prefix}{f['name']}"
                if f["mimeType"] == FOLDER:
                    waiting.append((name + "/", f["id"]))
                elif not f["name"].startswith((".", "~$")):
                    out.append((name, f))
        return out

    def _reading(self, name: str, f: dict, drive) -> Reading:
        kind = f["mimeType"]
        suffix = EXPORTS[kind][1] if kind in EXPORTS else PurePosixPath(name).suffix.lower()
        if kind not in EXPORTS and suffix not in READ:
            return Reading(name)  # a photo, a zip: listed among the other files
        if int(f.get("size") or 0) > MOST_BYTES:
            return Reading(name, unreadable=f"too large to read ({int(f['size']) // 2**20} MB): ask for the plod "
                                            "data a few months at a time")
        shown = name + (" (Google Sheets)" if kind == SHEET else " (Google Docs)" if kind == DOC else "")
        try:
            return cached(("drive", f["id"], f.get("modifiedTime"), f.get("size")),
                          lambda: self._download_and_read(shown, suffix, f, drive))
        except StepError as exc:
            log.warning("data file not read", extra={"file_id": f["id"], "status": exc.status})
            if "exportSizeLimitExceeded" in exc.detail or "too large to be exported" in exc.detail:
                return Reading(shown, unreadable="a Google Sheet too large for Drive to export (over 10 MB): save "
                                                 "it as .xlsx or .csv in DS Data")
            return Reading(shown, unreadable=f"could not be downloaded from Drive ({exc.status})")

    def _download_and_read(self, shown: str, suffix: str, f: dict, drive) -> Reading:
        files = resource(drive, "files")
        if f["mimeType"] in EXPORTS:
            request = lambda: files.export_media(fileId=f["id"], mimeType=EXPORTS[f["mimeType"]][0])  # noqa: E731
        else:
            request = lambda: files.get_media(fileId=f["id"], supportsAllDrives=True)  # noqa: E731
        with tempfile.TemporaryDirectory(prefix="ds-data-") as folder:
            path = Path(folder) / ("file" + suffix)
            call(f"download {shown} from DS Data", lambda: _download(request(), path), self.policy)
            return read_file(path, shown)


def _download(request, path: Path) -> None:
    with open(path, "wb") as handle:
        download, done = MediaIoBaseDownload(handle, request, chunksize=CHUNK), False
        while not done:
            _, done = download.next_chunk()
