"""``FakeGoogle``: the fake Drive/Docs/Sheets served over real HTTP on localhost.

    with FakeGoogle() as fake:
        drive = build("drive", "v3", credentials=creds,
                      client_options={"api_endpoint": fake.base_url}, static_discovery=True)
        ...
        assert fake.calls["drive.files.create"] == 1

Besides the HTTP API it offers test-side access to its state (seeding and
inspecting files, documents and values) and fault injection.
"""

import collections
import copy
import threading

from werkzeug.serving import WSGIRequestHandler, make_server

from . import a1, docs_model, docs_suggestions, docx_import, sheets_cells, sheets_values
from .drive import DOCUMENT, FOLDER, SPREADSHEET
from .routes import create_app
from .sheets_model import (DEFAULT_COLUMNS, DEFAULT_ROWS, Sheet, Spreadsheet,
                           new_sheet_properties)
from .quotas import Quotas
from .state import State
from .upload_fix import enable_http_media_uploads


class _QuietHandler(WSGIRequestHandler):
    """No access log on stderr for every request."""

    def log_request(self, *args, **kwargs):
        pass


class _Rule:
    """A pending fault: the next ``remaining`` calls matching ``endpoint``."""

    def __init__(self, remaining, value, endpoint):
        self.remaining = remaining
        self.value = value
        self.endpoint = endpoint

    def matches(self, name):
        return (self.endpoint is None or name == self.endpoint
                or name.startswith(self.endpoint + "."))


class FakeGoogle:
    """A stateful fake of Drive v3, Docs v1 and Sheets v4 on 127.0.0.1.

    ``latency`` (seconds) is slept by every call; ``seed`` makes ids reproducible.
    ``fix_media_uploads`` makes google-api-python-client send media uploads to
    this http:// server (see ``upload_fix``).
    """

    def __init__(self, host="127.0.0.1", port=0, seed=0, latency=0.0, fix_media_uploads=True):
        self.host = host
        self.port = port
        self.latency = latency
        self.state = State(seed)
        self._fix_media_uploads = fix_media_uploads
        self._control = threading.Lock()
        self._calls = collections.Counter()
        self._failures = []
        self._slowdowns = []
        self.quotas = Quotas()
        self._server = None
        self._thread = None

    # ------------------------------------------------------------ lifecycle

    def start(self):
        if self._server is not None:
            return self
        if self._fix_media_uploads:
            enable_http_media_uploads()
        self._server = make_server(self.host, self.port, create_app(self), threaded=True,
                                   request_handler=_QuietHandler)
        self.port = self._server.server_port
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                        name="fake-google", daemon=True)
        self._thread.start()
        return self

    def stop(self):
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    @property
    def base_url(self):
        """e.g. "http://127.0.0.1:PORT/" — the api_endpoint for every client."""
        return f"http://{self.host}:{self.port}/"

    # ------------------------------------------------------------ call counting

    @property
    def calls(self):
        """A Counter of calls per endpoint name (a snapshot; missing names count 0)."""
        with self._control:
            return collections.Counter(self._calls)

    def total_calls(self):
        with self._control:
            return sum(self._calls.values())

    def reset_calls(self):
        with self._control:
            self._calls.clear()

    def _record_call(self, name):
        with self._control:
            self._calls[name] += 1

    # ------------------------------------------------------------ fault injection

    def fail_next(self, n, status=429, endpoint=None):
        """The next ``n`` calls (to ``endpoint``, a name or a prefix like "sheets")
        answer ``status`` with Google's error JSON instead of doing anything."""
        with self._control:
            self._failures.append(_Rule(n, status, endpoint))

    def slow_next(self, n, seconds, endpoint=None):
        """The next ``n`` matching calls sleep ``seconds`` before answering."""
        with self._control:
            self._slowdowns.append(_Rule(n, seconds, endpoint))

    def clear_faults(self):
        with self._control:
            self._failures.clear()
            self._slowdowns.clear()

    def set_quota(self, endpoint, limit, per_seconds=60.0, kind=None):
        """Google's per-user quota on an endpoint name or prefix ("docs.documents.get", "sheets"):
        each bearer token may make `limit` such requests per `per_seconds`, then gets 429.
        kind="read" or "write" counts only those (Google counts Sheets reads and writes apart)."""
        self.quotas.set(endpoint, limit, per_seconds, kind)

    def _take(self, rules, name):
        with self._control:
            for rule in rules:
                if rule.remaining > 0 and rule.matches(name):
                    rule.remaining -= 1
                    return rule.value
        return None

    def _failure_for(self, name):
        return self._take(self._failures, name)

    def _delay_for(self, name):
        return (self.latency or 0) + (self._take(self._slowdowns, name) or 0)

    # ------------------------------------------------------------ seeding state

    @property
    def root_folder_id(self):
        """The id of My Drive's root folder (files created without parents go there)."""
        return self.state.drive.root_id

    @property
    def search_lag(self):
        """Seconds during which files.list does not show a new file (Drive search is eventually
        consistent); 0 by default."""
        return self.state.drive.search_lag

    @search_lag.setter
    def search_lag(self, seconds):
        self.state.drive.search_lag = seconds

    def add_user(self, email, token):
        """Requests with this bearer token act as `email` (protected ranges let them edit only
        where they are an editor); a token nobody added acts as the owner of everything."""
        with self.state.lock:
            self.state.users[token] = email

    def add_shared_drive(self, name, role="organizer"):
        """Create a shared drive in which the caller has `role` (organizer, fileOrganizer = Content
        manager, writer, commenter, reader); returns its id (usable as a parent folder id)."""
        with self.state.lock:
            return self.state.drive.add_shared_drive(name, role)

    def add_folder(self, name, parent_id=None):
        return self.add_file(name, FOLDER, parent_id)

    def add_file(self, name, mime_type="application/octet-stream", parent_id=None,
                 content=None, app_properties=None, properties=None):
        """Add a Drive file. ``content`` is bytes for ordinary files; for a Google Doc
        it may be text (one paragraph per line), for a spreadsheet a list of rows."""
        if mime_type == DOCUMENT:
            return self.add_document(name, content or "", parent_id, app_properties)
        if mime_type == SPREADSHEET:
            return self.add_spreadsheet(name, {"Sheet1": content or []}, parent_id,
                                        app_properties)
        extra = {"appProperties": app_properties, "properties": properties}
        return self._new_file(name, mime_type, parent_id, content, extra)

    def add_document(self, title, text="", parent_id=None, app_properties=None):
        """A Google Doc; ``text`` is split into NORMAL_TEXT paragraphs, one per line,
        or may be a list of (text, namedStyleType) pairs."""
        if isinstance(text, str):
            document = docx_import.text_to_document(text)
        else:
            document = docs_model.Document(
                [docs_model.paragraph(line, style) for line, style in text]
                or [docs_model.paragraph("")])
        return self._new_file(title, DOCUMENT, parent_id, document,
                              {"appProperties": app_properties})

    def suggest_insertion(self, document_id, text, after):
        """Suggest, as a collaborator in suggesting mode would, inserting ``text`` right after
        the first ``after`` in a paragraph; returns the suggestion id ("suggest.xxxx")."""
        with self.state.lock:
            return self.state.docs.suggest(document_id, docs_suggestions.suggest_insertion,
                                           text, after)

    def suggest_deletion(self, document_id, text):
        """Suggest deleting the first ``text`` in a paragraph; returns the suggestion id."""
        with self.state.lock:
            return self.state.docs.suggest(document_id, docs_suggestions.suggest_deletion, text)

    def add_docx(self, name, data, parent_id=None):
        """A Google Doc converted from .docx bytes, as a Drive upload would make it."""
        with self.state.lock:
            document = self.state.docs.document_from_docx(data)
        return self._new_file(name, DOCUMENT, parent_id, document, {})

    def add_spreadsheet(self, title, sheets=None, parent_id=None, app_properties=None):
        """A spreadsheet; ``sheets`` maps sheet titles to rows of values (USER_ENTERED)."""
        spreadsheet = Spreadsheet()
        for position, (sheet_title, rows) in enumerate((sheets or {"Sheet1": []}).items()):
            sheet_id = 0 if position == 0 else self.state.ids.sheet_id()
            width = max((len(row) for row in rows), default=0)  # the grid holds every cell
            sheet = Sheet(new_sheet_properties(sheet_id, sheet_title, position,
                                               max(DEFAULT_ROWS, len(rows)),
                                               max(DEFAULT_COLUMNS, width)))
            sheets_values.write_block(sheet, 0, 0, rows, "USER_ENTERED")
            spreadsheet.sheets.append(sheet)
        return self._new_file(title, SPREADSHEET, parent_id, spreadsheet,
                              {"appProperties": app_properties})

    def _new_file(self, name, mime_type, parent_id, content, extra):
        with self.state.lock:
            drive = self.state.drive
            drive_id = None
            if parent_id in drive.drives:
                drive_id = parent_id
            elif parent_id in drive.files:
                drive_id = drive.files[parent_id].get("driveId")
            return drive.new_file(name, mime_type, parent_id, drive_id, content, extra)

    # ------------------------------------------------------------ inspecting state

    @property
    def drive_files(self):
        """A snapshot: file id -> the full file resource (every field)."""
        with self.state.lock:
            return copy.deepcopy(self.state.drive.files)

    @property
    def shared_drives(self):
        with self.state.lock:
            return copy.deepcopy(self.state.drive.drives)

    def get_file(self, file_id):
        with self.state.lock:
            return copy.deepcopy(self.state.drive.files[file_id])

    def children(self, folder_id):
        """Files whose parents include ``folder_id`` (trashed ones too)."""
        with self.state.lock:
            return copy.deepcopy(self.state.drive.children(folder_id))

    def file_content(self, file_id):
        """The bytes of an ordinary (non-Google) file."""
        with self.state.lock:
            return self.state.drive.blobs[file_id]

    def get_document(self, document_id, suggestions_view_mode=None):
        """The document as documents.get answers it (suggestions inline by default)."""
        with self.state.lock:
            return self.state.docs.render(document_id,
                                          suggestions_view_mode=suggestions_view_mode)

    def document_text(self, document_id):
        """The document's plain text (table cells included)."""
        with self.state.lock:
            return self.state.docs.plain_text(document_id)

    def get_spreadsheet(self, spreadsheet_id, include_grid=False):
        """The spreadsheet as spreadsheets.get answers it."""
        with self.state.lock:
            return self.state.sheets.render(spreadsheet_id, include_grid=include_grid)

    def get_values(self, spreadsheet_id, sheet_title, render="FORMULA",
                   datetime_render="FORMATTED_STRING"):
        """All values of a sheet, trimmed like values.get (by default formulas as "=...",
        numbers as numbers and dates as entered)."""
        with self.state.lock:
            spreadsheet = self.state.sheets.spreadsheets[spreadsheet_id]
            sheet = spreadsheet.sheet_by_title(sheet_title)
            if sheet is None:
                raise KeyError(sheet_title)
            rng = a1.CellRange(0, sheet.row_count, 0, sheet.column_count)
            return sheets_values.read_matrix(sheet, rng, render, "ROWS", datetime_render)

    def get_cell(self, spreadsheet_id, sheet_title, cell):
        """What a cell holds, e.g. {"formula": "=A1"} or {"value": "text"}; None if empty.

        Tells a formula from text that merely starts with "=".
        """
        with self.state.lock:
            spreadsheet = self.state.sheets.spreadsheets[spreadsheet_id]
            rng = a1.parse_cells(cell)
            content = spreadsheet.sheet_by_title(sheet_title).cells.get(
                (rng.start_row, rng.start_col))
            if not content or not sheets_cells.has_value(content):
                return None
            return {k: v for k, v in content.items() if k in ("value", "formula")}
