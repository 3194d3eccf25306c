"""The tracker as a Google Sheet, through gspread.

Set-up is one spreadsheets.batchUpdate (the layout: frozen header and study, filter, dropdowns,
colours, protected manager columns, grouped bookkeeping, widths) plus one header write. Every
change is one read of the rows with their tags and at most two writes, however many studies
change (tracker_rows.py: each row found by its tag when the write lands), always as typed text
so nothing becomes a formula.
"""
from __future__ import annotations

import random
from datetime import datetime
from zoneinfo import ZoneInfo

import gspread
from gspread.urls import DRIVE_FILES_API_V3_URL, SPREADSHEETS_API_V4_BASE_URL
from gspread.utils import ValueInputOption, rowcol_to_a1

from ..locks import named_lock
from ..pipeline import Table, block_start, pipeline_layout, sheet_rows
from ..tracker_layout import UTC, TrackerLayout, cells_of, record_of, to_serial, tracker_layout
from .base import Change, Tracker, merge
from ..errors import StepError
from .pace import ServiceAccountQuotas
from .pipeline_charts import chart_requests
from .tracker_rows import (ROW_DATA_FIELDS, ROWS_FIELDS, SheetRow, changed_cells, inserted, placed, read_rows,
                           row_data, tagging, untag)
from .retry import DEFAULT_POLICY, RetryPolicy, call

SHEET = "Studies"
ARCHIVE = "Archive"  # closed studies moved out of the way, so every read of Studies stays small
HISTORY = "History"  # what happened to each study, appended, never rewritten
HISTORY_PROTECTION = "History: the app adds a line for every change; nobody edits it"
_HISTORY_SHEETS: dict[str, int] = {}  # spreadsheet id -> its History sheet's id, as found or made
_PIPELINE_SHEETS: set[str] = set()  # trackers whose Pipeline sheet this process has seen
PROTECTION_NOTE = "Manager decision columns (only managers edit)"
ARCHIVING = "The app is moving closed studies to the Archive sheet: a few seconds"


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA (gspread's A1 helper, without the row)."""
    return rowcol_to_a1(1, index + 1)[:-1]


def header_mismatch(found: list, expected: list[str]) -> str:
    """Where a header row first differs from the tracker's: "column A is 'Item', not 'Study ID'";
    "" when it is the tracker's (extra columns after the tracker's are allowed)."""
    for i, want in enumerate(expected):
        got = str(found[i]) if i < len(found) else ""
        if got != want:
            return f"column {column_letter(i)} is {repr(got) if got else 'empty'}, not {want!r}"
    return ""


def _column_formats(columns, patterns: dict) -> dict[int, dict]:
    """Column index -> the numberFormat its kind shows with (dates, amounts, numbers)."""
    return {i: {"type": "DATE_TIME" if c.kind == "datetime" else "NUMBER", "pattern": patterns[c.kind]}
            for i, c in enumerate(columns) if c.kind in patterns}


def _width(sheet_id: int, column: int, pixels: int) -> dict:
    """The request giving a column its width."""
    return {"updateDimensionProperties": {
        "range": {"sheetId": sheet_id, "dimension": "COLUMNS", "startIndex": column, "endIndex": column + 1},
        "properties": {"pixelSize": pixels}, "fields": "pixelSize"}}


def _bold(grid_range: dict) -> dict:
    """The request setting a range's text in bold (a header)."""
    return {"repeatCell": {"range": grid_range, "cell": {"userEnteredFormat": {"textFormat": {"bold": True}}},
                           "fields": "userEnteredFormat.textFormat.bold"}}


def _rgb(hex_colour: str) -> dict:
    h = hex_colour.lstrip("#")
    return {"red": int(h[0:2], 16) / 255, "green": int(h[2:4], 16) / 255, "blue": int(h[4:6], 16) / 255}


class SheetsTracker(Tracker):
    def __init__(self, gc: gspread.Client, spreadsheet_id: str | None = None, managers: tuple[str, ...] = (),
                 editors: tuple[str, ...] = (), title: str = "Desktop Study tracker", folder_id: str | None = None,
                 policy: RetryPolicy = DEFAULT_POLICY, layout: TrackerLayout | None = None,
                 quotas: ServiceAccountQuotas | None = None, team: tuple[str, ...] = (), zone: ZoneInfo = UTC):
        """managers: who may edit the decision columns; editors: also allowed there (the
        service account writing decisions on the managers' behalf); quotas: the service
        account's Sheets reads and writes are paced to Google's per-user quotas; zone: the
        team's time zone (the Sheet's, and the one its dates are shown in)."""
        self.gc, self.spreadsheet_id = gc, spreadsheet_id
        self.managers, self.editors = tuple(managers), tuple(editors)
        self.title, self.folder_id, self.policy = title, folder_id, policy
        self.layout = layout or tracker_layout()
        self.quotas = quotas or ServiceAccountQuotas()
        self.team = tuple(team)  # who may own a study: the owner column's dropdown (none without a team)
        self.zone = zone
        self._links = frozenset(i for i, c in enumerate(self.layout.columns) if c.kind == "link")
        self._formats = _column_formats(self.layout.columns, self.layout.formats)
        self._history_formats = _column_formats(self.layout.history, self.layout.formats)
        self.last_col = column_letter(len(self.layout.columns) - 1)

    @property
    def _id(self) -> str:
        if not self.spreadsheet_id:
            raise StepError("open the tracker", 0, "no tracker configured: run `handover setup` first")
        return self.spreadsheet_id

    @property
    def _http(self):
        """gspread's HTTP client: one method, one API call (no metadata fetched on the side)."""
        return self.gc.http_client

    # --- set-up ------------------------------------------------------------------------
    def setup(self) -> str:
        """Create the tracker (or adopt the configured one) and format it: 4 calls to create,
        3 to adopt (metadata, header, one batchUpdate)."""
        if not self.spreadsheet_id:
            made = call("create the tracker", lambda: self._http.request(
                "post", DRIVE_FILES_API_V3_URL, params={"supportsAllDrives": True},
                json={"name": self.title, "mimeType": "application/vnd.google-apps.spreadsheet",
                      **({"parents": [self.folder_id]} if self.folder_id else {})}).json(), self.policy)
            self.spreadsheet_id = made["id"]
        meta = call("read the tracker's sheets", lambda: self._http.fetch_sheet_metadata(self._id), self.policy, self.quotas.sheets_reads)
        sheets = meta.get("sheets", [])
        ours = next((s for s in sheets if s["properties"]["title"] == SHEET), None) or sheets[0]
        sheet_id = ours["properties"]["sheetId"]
        title = ours["properties"]["title"].replace("'", "''")
        header = call("read the tracker header", lambda: self._http.values_get(self._id, f"'{title}'!1:1"), self.policy, self.quotas.sheets_reads)
        current = (header.get("values") or [[]])[0]
        conflict = header_mismatch(current, self.layout.headers) if current else ""
        if conflict:  # 409, not 0: status 0 would read as a network failure
            raise StepError("adopt the tracker", 409, f"sheet '{ours['properties']['title']}' is not a Desktop Study "
                            f"tracker ({conflict}): give the id of a tracker, or none to create one")
        requests = self._format_requests(sheet_id, ours)
        call("format the tracker", lambda: self._http.batch_update(self._id, {"requests": requests}), self.policy, self.quotas.sheets_writes)
        if not current:
            call("write the tracker header", lambda: self._http.values_update(
                self._id, f"'{SHEET}'!A1", params={"valueInputOption": ValueInputOption.raw},
                body={"values": [self.layout.headers]}), self.policy, self.quotas.sheets_writes)
        return self.spreadsheet_id

    def _format_requests(self, sheet_id: int, sheet: dict) -> list[dict]:
        layout, cols = self.layout, self.layout.columns
        grid = lambda c: {"sheetId": sheet_id, "startRowIndex": 1, "startColumnIndex": c, "endColumnIndex": c + 1}  # noqa: E731
        requests: list[dict] = [{"updateSpreadsheetProperties": {  # NOW() and the dates people type
            "properties": {"timeZone": self.zone.key}, "fields": "timeZone"}}, {"updateSheetProperties": {
            "properties": {"sheetId": sheet_id, "title": SHEET,
                           "gridProperties": {"frozenRowCount": 1, "frozenColumnCount": 1,
                                              "columnCount": max(len(cols), 26)}},
            "fields": "title,gridProperties.frozenRowCount,gridProperties.frozenColumnCount,gridProperties.columnCount"}},
            _bold({"sheetId": sheet_id, "startRowIndex": 0, "endRowIndex": 1}),
            {"setBasicFilter": {"filter": {"range": {"sheetId": sheet_id, "startRowIndex": 0, "startColumnIndex": 0,
                                                     "endColumnIndex": len(cols)}}}}]
        for i, c in enumerate(cols):
            requests.append(_width(sheet_id, i, c.width))
            if i in self._formats:
                requests.append({"repeatCell": {"range": grid(i), "cell": {"userEnteredFormat": {
                    "numberFormat": self._formats[i]}}, "fields": "userEnteredFormat.numberFormat"}})
            values = layout.choices(c, self.team)
            if values:
                requests.append({"setDataValidation": {"range": grid(i), "rule": {
                    "condition": {"type": "ONE_OF_LIST", "values": [{"userEnteredValue": v} for v in values]},
                    "strict": True, "showCustomUi": True}}})
        requests += self._group_requests(sheet_id, sheet)
        requests += self._colour_requests(sheet_id, sheet, grid)
        requests += self._protection_requests(sheet_id, sheet)
        return requests

    def _group_requests(self, sheet_id: int, sheet: dict) -> list[dict]:
        """The internal columns in one group, collapsed (once: a second group would nest)."""
        internal = [i for i, c in enumerate(self.layout.columns) if c.internal]
        if not internal or sheet.get("columnGroups"):
            return []
        span = {"sheetId": sheet_id, "dimension": "COLUMNS", "startIndex": internal[0], "endIndex": internal[-1] + 1}
        return [{"addDimensionGroup": {"range": span}},
                {"updateDimensionGroup": {"dimensionGroup": {"range": span, "depth": 1, "collapsed": True},
                                          "fields": "collapsed"}}]

    def _colour_requests(self, sheet_id: int, sheet: dict, grid) -> list[dict]:
        if sheet.get("conditionalFormats"):
            return []  # adopted tracker already coloured: do not stack duplicates
        colours, out = self.layout.colours, []
        score = grid(self.layout.index("score"))
        for band in ("score_good", "score_fair", "score_poor"):
            rule = colours[band]
            out.append({"addConditionalFormatRule": {"index": len(out), "rule": {"ranges": [score], "booleanRule": {
                "condition": {"type": "NUMBER_GREATER_THAN_EQ", "values": [{"userEnteredValue": str(rule["min"])}]},
                "format": {"backgroundColor": _rgb(rule["colour"])}}}}})
        stage = grid(self.layout.index("stage"))
        for name, colour in colours["stage"].items():
            out.append({"addConditionalFormatRule": {"index": len(out), "rule": {"ranges": [stage], "booleanRule": {
                "condition": {"type": "TEXT_EQ", "values": [{"userEnteredValue": name}]},
                "format": {"backgroundColor": _rgb(colour)}}}}})
        return out

    def _protection_requests(self, sheet_id: int, sheet: dict) -> list[dict]:
        out = []
        existing = [p for p in sheet.get("protectedRanges", []) if p.get("description") == PROTECTION_NOTE]
        out += [{"deleteProtectedRange": {"protectedRangeId": p["protectedRangeId"]}} for p in existing]
        for start, end in self._manager_column_spans():
            out.append({"addProtectedRange": {"protectedRange": {
                "range": {"sheetId": sheet_id, "startRowIndex": 1, "startColumnIndex": start, "endColumnIndex": end},
                "description": PROTECTION_NOTE, "warningOnly": False,
                "editors": {"users": sorted(set(self.managers) | set(self.editors))}}}})
        return out

    def _manager_column_spans(self) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        for i, c in enumerate(self.layout.columns):
            if c.manager_only:
                if spans and spans[-1][1] == i:
                    spans[-1] = (spans[-1][0], i + 1)
                else:
                    spans.append((i, i + 1))
        return spans

    def last_editor(self) -> str:
        """Drive's lastModifyingUser of the Sheet (Sheets keeps no author per cell)."""
        meta = call("read who last edited the tracker", lambda: self._http.request(
            "get", f"{DRIVE_FILES_API_V3_URL}/{self._id}",
            params={"fields": "lastModifyingUser(emailAddress)", "supportsAllDrives": True}).json(), self.policy)
        return (meta.get("lastModifyingUser") or {}).get("emailAddress", "")

    # --- rows (tracker_rows.py: each study's row found by its tag when a write lands) ------
    def _read(self) -> tuple[int, list[SheetRow]]:
        answer = call("read the tracker", lambda: self._http.fetch_sheet_metadata(self._id, params={
            "ranges": f"'{SHEET}'!A2:{self.last_col}", "fields": ROWS_FIELDS}), self.policy, self.quotas.sheets_reads)
        return read_rows(answer, frozenset(self._formats))

    def _row(self, record: dict) -> list:
        """A record as the Sheet holds it: times as serial numbers in the team's time zone."""
        return [to_serial(v) if isinstance(v, datetime) else v for v in self.layout.to_row(record, self.zone)]

    def records(self) -> list[dict]:
        return [self.layout.from_row(r.values, self.zone) for r in self._read()[1] if r.study_id]

    def update(self, changes: dict[str, Change]) -> dict[str, dict]:
        """One read and at most two writes however many studies change: the cells that change
        in tagged rows, selected by their tags (values.batchUpdateByDataFilter); untagged rows
        and new studies written and tagged in one spreadsheets.batchUpdate."""
        if not changes:
            return {}
        with named_lock(f"tracker:{self._id}"):
            sheet_id, rows = self._read()
            found = {r.study_id: r for r in rows if r.study_id}
            strays = {mid: sid for r in rows for mid, sid in r.stray.items()}
            misplaced = set(strays.values())  # studies whose tag also sits on another row
            merged = merge({sid: self.layout.from_row(found[sid].values, self.zone) for sid in changes if sid in found},
                           changes)
            by_tag, placing, new = [], [untag(mid) for mid in strays], []
            for study_id, record in merged.items():
                row, values = found.get(study_id), self._row(record)
                if row is None:
                    new.append((study_id, values))
                elif row.tagged and study_id not in misplaced:
                    write = changed_cells(study_id, row.values, values)
                    if write:
                        by_tag.append(write)
                else:
                    placing += placed(sheet_id, row.index, study_id, values, tag=not row.tagged,
                                      links=self._links, formats=self._formats)
            placing += [tagging(sheet_id, r.index, r.study_id) for r in rows  # rows added by hand, untouched now
                        if r.study_id and not r.tagged and r.study_id not in merged]
            end = (rows[-1].index + 1) if rows else 1
            if new:
                placing.append(inserted(sheet_id, end, len(new)))
                for offset, (study_id, values) in enumerate(new):
                    placing += placed(sheet_id, end + offset, study_id, values, links=self._links, formats=self._formats)
            self._write(by_tag, placing)
            return merged

    # --- archive -------------------------------------------------------------------------
    def archive(self, which) -> list[str]:
        """Rows can only be deleted by position, and a person sorting the Sheet between the read
        and the delete would make it delete another study. So the Studies sheet is protected
        (only the app may edit it) from before the read until the delete: four calls. Removing
        the protection goes in the same request as the move, which makes the move happen once
        only: a retry of a move that did land finds no protection to remove and is refused whole.
        A person editing in those seconds is told the sheet is protected; nothing they had is lost."""
        with named_lock(f"tracker:{self._id}"):
            sheet_id, archive_id, protection = self._protect_for_archiving()
            moving: list[SheetRow] = []
            try:
                _, rows = self._read()
                moving = [r for r in rows if r.study_id and which(self.layout.from_row(r.values, self.zone))]
                requests = self._move_requests(sheet_id, archive_id, moving) + [
                    {"deleteProtectedRange": {"protectedRangeId": protection}}]
                call("move closed studies to the archive", lambda: self._http.batch_update(
                    self._id, {"requests": requests}), self.policy, self.quotas.sheets_writes)
            except BaseException:
                if not self._held(sheet_id, protection):
                    return [r.study_id for r in moving]  # the move landed; only its answer was lost
                self._unprotect(protection)
                raise
            return [r.study_id for r in moving]

    def _move_requests(self, sheet_id: int, archive_id: tuple[int, bool], moving: list[SheetRow]) -> list[dict]:
        """The rows appended to the Archive (its header first when it is new), then deleted from
        Studies, bottom up, each run of adjacent rows in one request."""
        if not moving:
            return []
        header = [] if archive_id[1] else [row_data(self.layout.headers)]
        out = [{"appendCells": {"sheetId": archive_id[0], "fields": ROW_DATA_FIELDS, "rows": header + [
            row_data(r.values, self._links, self._formats) for r in moving]}}]
        runs: list[list[int]] = []
        for index in sorted((r.index for r in moving), reverse=True):
            if runs and runs[-1][0] == index + 1:
                runs[-1][0] = index
            else:
                runs.append([index, index + 1])
        return out + [{"deleteDimension": {"range": {"sheetId": sheet_id, "dimension": "ROWS",
                                                     "startIndex": start, "endIndex": end}}} for start, end in runs]

    def _held(self, sheet_id: int, protection: int) -> bool:
        """Whether the archiving protection is still on (True when that cannot be read: assume so)."""
        try:
            meta = call("read the tracker's protections", lambda: self._http.fetch_sheet_metadata(self._id, params={
                "fields": "sheets(properties(sheetId),protectedRanges(protectedRangeId))"}), self.policy,
                self.quotas.sheets_reads)
        except StepError:
            return True
        return any(p.get("protectedRangeId") == protection for s in meta.get("sheets", [])
                   if s["properties"]["sheetId"] == sheet_id for p in s.get("protectedRanges", []))

    def _protect_for_archiving(self) -> tuple[int, tuple[int, bool], int]:
        """(Studies' sheet id, (the Archive's sheet id, whether it existed), the protection's id):
        the Archive sheet made if missing, a protection a crash left behind removed."""
        meta = call("read the tracker's sheets", lambda: self._http.fetch_sheet_metadata(self._id, params={
            "fields": "sheets(properties(sheetId,title),protectedRanges(protectedRangeId,description))"}),
            self.policy, self.quotas.sheets_reads)
        sheets = {s["properties"]["title"]: s for s in meta.get("sheets", [])}
        if SHEET not in sheets:
            raise StepError("archive closed studies", 404, f"the tracker has no '{SHEET}' sheet: run `handover setup`")
        sheet_id = sheets[SHEET]["properties"]["sheetId"]
        requests = [{"deleteProtectedRange": {"protectedRangeId": p["protectedRangeId"]}}
                    for p in sheets[SHEET].get("protectedRanges", []) if p.get("description") == ARCHIVING]
        if ARCHIVE not in sheets:
            requests.append({"addSheet": {"properties": {"title": ARCHIVE, "gridProperties": {
                "frozenRowCount": 1, "columnCount": max(len(self.layout.columns), 26)}}}})
        requests.append({"addProtectedRange": {"protectedRange": {
            "range": {"sheetId": sheet_id}, "description": ARCHIVING, "warningOnly": False,
            "editors": {"users": sorted(set(self.editors))}}}})
        answer = call("hold the tracker while closed studies move", lambda: self._http.batch_update(
            self._id, {"requests": requests}), self.policy, self.quotas.sheets_writes)
        replies = answer.get("replies", [])
        added = next((r["addSheet"]["properties"]["sheetId"] for r in replies if "addSheet" in r), None)
        archive = (added, False) if added is not None else (sheets[ARCHIVE]["properties"]["sheetId"], True)
        protection = replies[-1]["addProtectedRange"]["protectedRange"]["protectedRangeId"]
        return sheet_id, archive, protection

    def _unprotect(self, protection: int) -> None:
        try:
            call("release the tracker", lambda: self._http.batch_update(self._id, {"requests": [
                {"deleteProtectedRange": {"protectedRangeId": protection}}]}), self.policy, self.quotas.sheets_writes)
        except StepError:  # the next archive removes it (ARCHIVING), and the error being raised says why
            pass

    # --- the History sheet (server/history.py) ------------------------------------------------
    def append_history(self, events: list[dict]) -> None:
        """One appendCells at the end of the History sheet (no row is ever rewritten); the sheet is
        made the first time, and again if someone deleted it. One writer at a time, so two first
        submissions at once make one History sheet."""
        if not events:
            return
        rows = [row_data([to_serial(v) if isinstance(v, datetime) else v
                          for v in cells_of(self.layout.history, e, self.zone)], formats=self._history_formats)
                for e in events]
        with named_lock(f"tracker-history:{self._id}"):
            for attempt in range(2):
                try:
                    sheet_id = self._history_sheet_id()
                    call("add to the tracker's history", lambda: self._http.batch_update(self._id, {"requests": [
                        {"appendCells": {"sheetId": sheet_id, "rows": rows, "fields": ROW_DATA_FIELDS}}]}),
                        self.policy, self.quotas.sheets_writes)
                    return
                except StepError as exc:
                    if exc.status != 400 or attempt:
                        raise
                    _HISTORY_SHEETS.pop(self._id, None)  # deleted, or made meanwhile elsewhere: look again

    def _history_sheet_id(self) -> int:
        """The History sheet's id, found (or the sheet made) once per tracker and process."""
        if self._id not in _HISTORY_SHEETS:
            found = self._sheet_ids().get(HISTORY)
            _HISTORY_SHEETS[self._id] = found if found is not None else self._add_history_sheet()
        return _HISTORY_SHEETS[self._id]

    def _sheet_ids(self) -> dict[str, int]:
        """The tracker's sheets: title -> sheet id (one metadata read)."""
        meta = call("read the tracker's sheets", lambda: self._http.fetch_sheet_metadata(self._id, params={
            "fields": "sheets.properties(sheetId,title)"}), self.policy, self.quotas.sheets_reads)
        return {s["properties"]["title"]: s["properties"]["sheetId"] for s in meta.get("sheets", [])}

    def _add_history_sheet(self) -> int:
        sheet_id, columns = random.randrange(1, 2**31), self.layout.history
        requests = [{"addSheet": {"properties": {"sheetId": sheet_id, "title": HISTORY, "gridProperties": {
            "rowCount": 1, "columnCount": len(columns), "frozenRowCount": 1}}}},
            {"updateCells": {"start": {"sheetId": sheet_id, "rowIndex": 0, "columnIndex": 0},
                             "rows": [row_data([c.header for c in columns])], "fields": "userEnteredValue"}},
            _bold({"sheetId": sheet_id, "startRowIndex": 0, "endRowIndex": 1}),
            {"addProtectedRange": {"protectedRange": {  # append-only: what happened is not edited after
                "range": {"sheetId": sheet_id}, "description": HISTORY_PROTECTION, "warningOnly": False,
                "editors": {"users": sorted(set(self.editors))}}}}]
        requests += [_width(sheet_id, i, c.width) for i, c in enumerate(columns)]
        call("add the History sheet", lambda: self._http.batch_update(self._id, {"requests": requests}),
             self.policy, self.quotas.sheets_writes)
        return sheet_id

    def history(self, study_id: str) -> list[dict]:
        """A study's events, oldest first (one read of the History sheet)."""
        last = column_letter(len(self.layout.history) - 1)
        try:
            answer = call("read the tracker's history", lambda: self._http.values_get(
                self._id, f"'{HISTORY}'!A2:{last}", params={"valueRenderOption": "UNFORMATTED_VALUE",
                                                            "dateTimeRenderOption": "SERIAL_NUMBER"}),
                self.policy, self.quotas.sheets_reads)
        except StepError as exc:
            if exc.status == 400:  # no History sheet yet
                return []
            raise
        events = [record_of(self.layout.history, row, self.zone) for row in answer.get("values", [])]
        return [e for e in events if e["study_id"] == study_id]

    # --- the Pipeline sheet (server/pipeline.py) ----------------------------------------------
    def show_pipeline(self, tables: list[Table], updated: str) -> None:
        """The Pipeline sheet's values in one write; the sheet and its charts made first when
        it is missing (a tracker from before the Pipeline, or someone deleted the sheet)."""
        title, rows = pipeline_layout().sheet, sheet_rows(tables, updated)
        if self._id not in _PIPELINE_SHEETS:  # once per process: is it there (no failed write to find out)?
            if title not in self._sheet_ids():
                self._add_pipeline_sheet(title, len(rows))
            _PIPELINE_SHEETS.add(self._id)

        def write():
            return self._http.values_update(self._id, f"'{title}'!A1", params={"valueInputOption": ValueInputOption.raw},
                                            body={"values": rows})
        try:
            call("update the Pipeline sheet", write, self.policy, self.quotas.sheets_writes)
        except StepError as exc:
            if exc.status != 400:  # 400: no such sheet ("Unable to parse range")
                raise
            self._add_pipeline_sheet(title, len(rows))
            call("update the Pipeline sheet", write, self.policy, self.quotas.sheets_writes)

    def _add_pipeline_sheet(self, title: str, height: int) -> None:
        sheet_id = random.randrange(1, 2**31)  # chosen here so the charts can name it in the same request
        layout = pipeline_layout()
        widths = [220, 110, 110, 130]
        requests = [{"addSheet": {"properties": {"sheetId": sheet_id, "title": title, "gridProperties": {
            "rowCount": max(height, block_start(len(layout.tables))), "columnCount": 16}}}}]
        requests += [_width(sheet_id, i, w) for i, w in enumerate(widths)]
        requests += [_bold({"sheetId": sheet_id, "startRowIndex": block_start(i), "endRowIndex": block_start(i) + 2,
                            "startColumnIndex": 0, "endColumnIndex": len(t.headers)})  # each table's title and header
                     for i, t in enumerate(layout.tables)]
        call("add the Pipeline sheet", lambda: self._http.batch_update(
            self._id, {"requests": requests + chart_requests(sheet_id)}), self.policy, self.quotas.sheets_writes)

    def _write(self, by_tag: list[dict], requests: list[dict]) -> None:
        if by_tag:
            call("update studies in the tracker", lambda: self._http.request(
                "post", f"{SPREADSHEETS_API_V4_BASE_URL}/{self._id}/values:batchUpdateByDataFilter",
                json={"valueInputOption": ValueInputOption.raw, "data": by_tag}).json(), self.policy,
                self.quotas.sheets_writes)
        if requests:
            call("add studies to the tracker", lambda: self._http.batch_update(self._id, {"requests": requests}),
                 self.policy, self.quotas.sheets_writes)
