"""Drive v3 uploads: uploadType=media, multipart and resumable, for files.create
and files.update, with Drive's conversion to Google Docs and Sheets.

Conversion happens when the metadata asks for a Google type:
    .docx (or any zip) or text/*  -> application/vnd.google-apps.document
    text/csv, text/tab-separated-values, text/plain -> application/vnd.google-apps.spreadsheet
Other uploads are stored byte for byte.
"""

import csv
import io

from . import docx_import
from .drive import DOCUMENT, GOOGLE_PREFIX, SPREADSHEET
from .errors import drive_error
from .multipart import parse_related
from .sheets_cells import SKIP, enter, parse_input
from .sheets_model import Sheet, Spreadsheet, new_sheet_properties

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class DriveUploads:
    def __init__(self, state):
        self.state = state
        self.sessions = {}  # resumable upload id -> pending upload

    def files_upload(self, req):
        """POST /upload/drive/v3/files: files.create with media."""
        metadata, media = self._read(req)
        if metadata is None:
            return self._start_resumable(req, req.json(), file_id=None)
        converted = convert_upload(self.state, metadata.get("mimeType"), *media)
        return self.state.drive.create_file(req, metadata, converted)

    def files_upload_update(self, req):
        """PATCH /upload/drive/v3/files/ID: files.update with new content."""
        file_id = req.path["fileId"]
        resource = self.state.drive.visible_file(file_id, req.flag("supportsAllDrives"))
        metadata, media = self._read(req)
        if metadata is None:
            return self._start_resumable(req, req.json(), file_id=file_id)
        converted = convert_upload(self.state, resource["mimeType"], *media)
        return self.state.drive.update_file(req, file_id, metadata, converted)

    def _read(self, req):
        """(metadata, (media bytes, media type)); (None, None) for a resumable start."""
        upload_type = req.param("uploadType")
        if upload_type == "multipart":
            metadata, media, media_type = parse_related(req.content_type, req.body)
            return metadata, (media, media_type)
        if upload_type == "media":
            return {}, (req.body, req.content_type)
        if upload_type == "resumable":
            return None, None
        raise drive_error(400, f"Invalid value for uploadType: {upload_type}",
                          "invalidParameter", "uploadType")

    def _start_resumable(self, req, metadata, file_id):
        upload_id = self.state.ids.token(32)
        self.sessions[upload_id] = {
            "metadata": metadata,
            "file_id": file_id,
            "media_type": req.header("X-Upload-Content-Type") or "application/octet-stream",
            "data": b"",
            "supports": req.flag("supportsAllDrives"),
            "fields": req.param("fields"),
        }
        path = f"upload/drive/v3/files/{file_id}" if file_id else "upload/drive/v3/files"
        location = f"{req.base_url}{path}?uploadType=resumable&upload_id={upload_id}"
        return 200, b"", {"Location": location}

    def resumable_chunk(self, req):
        """PUT to a resumable session URL: keep the bytes, finish when all have arrived."""
        upload = self.sessions.get(req.param("upload_id") or "")
        if upload is None:
            raise drive_error(404, "Upload session not found.", "notFound")
        upload["data"] += req.body
        total = _content_range_total(req.header("Content-Range"))
        if total is not None and len(upload["data"]) < total:
            return 308, b"", {"Range": f"bytes=0-{len(upload['data']) - 1}"}
        del self.sessions[req.param("upload_id")]
        resumed = _ResumedRequest(upload)
        drive = self.state.drive
        if upload["file_id"]:
            target = drive.files[upload["file_id"]]["mimeType"]
            converted = convert_upload(self.state, target, upload["data"], upload["media_type"])
            return drive.update_file(resumed, upload["file_id"], upload["metadata"], converted)
        converted = convert_upload(self.state, upload["metadata"].get("mimeType"),
                                   upload["data"], upload["media_type"])
        return drive.create_file(resumed, upload["metadata"], converted)


def convert_upload(state, target, media, media_type):
    """(final mimeType, content) for uploaded media, converting to Docs or Sheets if asked."""
    source = (media_type or "").split(";")[0].strip().lower()
    if target == DOCUMENT:
        if source == DOCX or media[:2] == b"PK":
            return DOCUMENT, state.docs.document_from_docx(media)
        if source.startswith("text/"):
            return DOCUMENT, docx_import.text_to_document(media.decode("utf-8", "replace"))
    elif target == SPREADSHEET:
        if source in ("text/csv", "text/plain", "text/tab-separated-values"):
            return SPREADSHEET, spreadsheet_from_csv(media.decode("utf-8", "replace"),
                                                     "\t" if "tab" in source else ",")
    elif not target or not target.startswith(GOOGLE_PREFIX):
        return target or source or "application/octet-stream", media
    raise drive_error(400, f"Conversion from {source or 'this content'} to {target} is not "
                          "supported by fake_google.", "badContent")


class _ResumedRequest:
    """The request that started a resumable upload, replayed when its bytes are in."""

    def __init__(self, upload):
        self._upload = upload

    def flag(self, name, default=False):
        if name == "supportsAllDrives":
            return self._upload["supports"]
        return default

    def param(self, name, default=None):
        if name == "fields":
            return self._upload["fields"]
        return default


def _content_range_total(header):
    """The total size from "bytes 0-99/1000" (None when unknown or absent)."""
    if not header or "/" not in header:
        return None
    total = header.rsplit("/", 1)[1]
    return int(total) if total.isdigit() else None


def spreadsheet_from_csv(text, delimiter=","):
    """A CSV upload converted to a spreadsheet with one sheet ("Sheet1")."""
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    width = max((len(row) for row in rows), default=0)
    spreadsheet = Spreadsheet()
    sheet = Sheet(new_sheet_properties(0, "Sheet1", 0, max(1000, len(rows)), max(26, width)))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            change = parse_input(value, "USER_ENTERED")
            if change != SKIP:
                enter(sheet.cells.setdefault((r, c), {}), change)
                if not sheet.cells[(r, c)]:
                    del sheet.cells[(r, c)]
    spreadsheet.sheets.append(sheet)
    return spreadsheet
