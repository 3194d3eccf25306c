"""The local tracker: an .xlsx file (opens in Excel or LibreOffice) with the Sheet's columns,
dropdowns and colours.

Every write holds an exclusive lock on a sidecar lock file (threads and processes alike) and
replaces the file atomically (write a temporary file, fsync, rename), so concurrent requests
lose no write and a crash mid-write never leaves a corrupt tracker.
"""
from __future__ import annotations

import fcntl
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from zoneinfo import ZoneInfo

from ..pipeline import Table, pipeline_layout, sheet_rows
from ..tracker_layout import UTC, TrackerLayout, cells_of, record_of, tracker_layout
from .base import Change, Tracker, merge
from .local_pipeline import draw_pipeline

SHEET = "Studies"
ARCHIVE = "Archive"  # closed studies moved out of the way, as in the Google Sheet
HISTORY = "History"  # what happened to each study, appended, never rewritten
MAX_ROWS = 5000  # rows the dropdowns and colours cover
LINKS = ("https://", "http://", "file://")  # what a link column makes clickable


class LocalTracker(Tracker):
    def __init__(self, path: Path, layout: TrackerLayout | None = None, team: tuple[str, ...] = (),
                 zone: ZoneInfo = UTC):
        """team: who may own a study, the owner column's dropdown (set when the file is made);
        zone: the team's time zone, the one the file's dates are in."""
        self.path = Path(path)
        self.lock_path = self.path.with_name("." + self.path.name + ".lock")
        self.layout = layout or tracker_layout()
        self.team = tuple(team)
        self.zone = zone

    @contextmanager
    def _locked(self, exclusive: bool):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.lock_path, "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def setup(self) -> str:
        with self._locked(exclusive=True):
            if not self.path.exists():
                self._save(self._new_workbook())
        return str(self.path)

    def records(self) -> list[dict]:
        if not self.path.exists():
            return []
        with self._locked(exclusive=False):
            ws = load_workbook(self.path, read_only=True)[SHEET]
            rows = list(ws.iter_rows(min_row=2, values_only=True))
        return [self.layout.from_row(list(r), self.zone) for r in rows if r and r[0] not in (None, "")]

    def last_editor(self) -> str:
        """Who last saved the workbook, as Excel and LibreOffice record it (the app's own saves
        leave it empty)."""
        if not self.path.exists():
            return ""
        with self._locked(exclusive=False):
            return load_workbook(self.path, read_only=True).properties.lastModifiedBy or ""

    def update(self, changes: dict[str, Change]) -> dict[str, dict]:
        if not changes:
            return {}
        with self._locked(exclusive=True):
            wb = load_workbook(self.path) if self.path.exists() else self._new_workbook()
            ws = wb[SHEET]
            width = len(self.layout.columns)
            row_of = {str(ws.cell(row=r, column=1).value): r for r in range(2, ws.max_row + 1)
                      if ws.cell(row=r, column=1).value not in (None, "")}
            current = {sid: self.layout.from_row([ws.cell(row=n, column=c).value for c in range(1, width + 1)], self.zone)
                       for sid, n in row_of.items() if sid in changes}
            merged = merge(current, changes)
            formats = self.layout.formats
            next_row = max(row_of.values(), default=1) + 1
            for study_id, record in merged.items():
                row = row_of.get(study_id)
                if row is None:
                    row, next_row = next_row, next_row + 1
                for col, value in enumerate(self.layout.to_row(record, self.zone), start=1):
                    cell, kind = ws.cell(row=row, column=col), self.layout.columns[col - 1].kind
                    cell.value = value
                    if kind in formats and not isinstance(value, str):
                        cell.number_format = formats[kind]  # a date or an amount Excel sorts, filters and sums
                    elif isinstance(value, str):
                        cell.data_type = "s"  # '=HYPERLINK(...)' typed by a user stays text
                        if kind == "link" and value.startswith(LINKS):
                            cell.hyperlink, cell.style = value, "Hyperlink"  # a link, the text still the URL
            self._save(wb)
            return merged

    def archive(self, which) -> list[str]:
        """Move the rows `which` picks to the Archive sheet (made with the header if missing)."""
        if not self.path.exists():
            return []
        with self._locked(exclusive=True):
            wb = load_workbook(self.path)
            ws, width = wb[SHEET], len(self.layout.columns)
            moving = []
            for n in range(2, ws.max_row + 1):
                cells = [ws.cell(row=n, column=c) for c in range(1, width + 1)]
                if cells[0].value not in (None, "") and which(self.layout.from_row([c.value for c in cells], self.zone)):
                    moving.append((n, cells))
            if not moving:
                return []
            if ARCHIVE in wb.sheetnames:
                archive = wb[ARCHIVE]
            else:
                archive = wb.create_sheet(ARCHIVE)
                archive.append(self.layout.headers)
                archive.freeze_panes = "B2"
            for _, cells in moving:
                archive.append([c.value for c in cells])
                for source, target in zip(cells, archive[archive.max_row]):
                    target.number_format = source.number_format
                    if source.hyperlink:
                        target.hyperlink, target.style = source.hyperlink.target, "Hyperlink"
            for n, _ in reversed(moving):
                ws.delete_rows(n)
            self._save(wb)
            return [str(cells[0].value) for _, cells in moving]

    def append_history(self, events: list[dict]) -> None:
        if not events:
            return
        columns = self.layout.history
        with self._locked(exclusive=True):
            wb = load_workbook(self.path) if self.path.exists() else self._new_workbook()
            if HISTORY in wb.sheetnames:
                sheet = wb[HISTORY]
            else:
                sheet = wb.create_sheet(HISTORY)
                sheet.append([c.header for c in columns])
                for cell in sheet[1]:
                    cell.font = Font(bold=True)
                sheet.freeze_panes = "A2"
                for i, c in enumerate(columns, start=1):
                    sheet.column_dimensions[get_column_letter(i)].width = max(10, c.width // 7)
            for event in events:
                sheet.append(cells_of(columns, event, self.zone))
                for cell, c in zip(sheet[sheet.max_row], columns):
                    if c.kind in self.layout.formats and not isinstance(cell.value, str):
                        cell.number_format = self.layout.formats[c.kind]
                    elif isinstance(cell.value, str):
                        cell.data_type = "s"
            self._save(wb)

    def history(self, study_id: str) -> list[dict]:
        if not self.path.exists():
            return []
        with self._locked(exclusive=False):
            wb = load_workbook(self.path, read_only=True)
            if HISTORY not in wb.sheetnames:
                return []
            rows = list(wb[HISTORY].iter_rows(min_row=2, values_only=True))
        events = [record_of(self.layout.history, list(r), self.zone) for r in rows if r]
        return [e for e in events if e["study_id"] == study_id]

    def show_pipeline(self, tables: list[Table], updated: str) -> None:
        """The Pipeline sheet remade with its tables and charts when its tables changed (the
        file is left alone otherwise, whatever the time on its "kept current" line)."""
        if not self.path.exists():
            return
        rows = sheet_rows(tables, updated)
        with self._locked(exclusive=True):
            wb = load_workbook(self.path)
            title = pipeline_layout().sheet
            if title in wb.sheetnames:
                old = [[("" if v is None else v) for v in r] for r in wb[title].iter_rows(values_only=True)]
                if old[1:] == [r + [""] * (len(old[0]) - len(r)) for r in rows[1:]]:
                    return
                del wb[title]
            draw_pipeline(wb.create_sheet(title, index=1), tables, rows)
            self._save(wb)

    def _new_workbook(self) -> Workbook:
        layout = self.layout
        wb = Workbook()
        ws = wb.active
        ws.title = SHEET
        ws.append(layout.headers)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "B2"  # the header row and the study ID stay in view
        ws.auto_filter.ref = f"A1:{get_column_letter(len(layout.columns))}{MAX_ROWS}"
        for i, c in enumerate(layout.columns, start=1):
            letter = get_column_letter(i)
            ws.column_dimensions[letter].width = max(10, c.width // 7)
            if c.internal:  # the app's bookkeeping, folded away at the right
                ws.column_dimensions[letter].outlineLevel, ws.column_dimensions[letter].hidden = 1, True
            values = layout.choices(c, self.team)
            if values:  # a list Excel and LibreOffice enforce: anything else typed is refused
                dv = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True,
                                    showErrorMessage=True, errorStyle="stop", errorTitle=c.header,
                                    error=f"Pick a {c.header.lower()} from the list.")
                dv.add(f"{letter}2:{letter}{MAX_ROWS}")
                ws.add_data_validation(dv)
        score = get_column_letter(layout.index("score") + 1)
        stage = get_column_letter(layout.index("stage") + 1)
        colours = layout.colours
        bands = [("score_good", "greaterThanOrEqual", [str(colours["score_good"]["min"])]),
                 ("score_fair", "between", [str(colours["score_fair"]["min"]), str(colours["score_good"]["min"] - 1)]),
                 ("score_poor", "lessThan", [str(colours["score_fair"]["min"])])]
        for band, operator, formula in bands:
            ws.conditional_formatting.add(f"{score}2:{score}{MAX_ROWS}", CellIsRule(
                operator=operator, formula=formula, fill=_fill(colours[band]["colour"])))
        for name, colour in colours["stage"].items():
            ws.conditional_formatting.add(f"{stage}2:{stage}{MAX_ROWS}", CellIsRule(
                operator="equal", formula=[f'"{name}"'], fill=_fill(colour)))
        return wb

    def _save(self, wb: Workbook) -> None:
        wb.properties.lastModifiedBy = ""  # the app's own save: a person's next save names them
        fd, tmp = tempfile.mkstemp(prefix=".tracker-", suffix=".xlsx", dir=self.path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                wb.save(handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def _fill(hex_colour: str) -> PatternFill:
    colour = hex_colour.lstrip("#").upper()
    return PatternFill(start_color=colour, end_color=colour, fill_type="solid")
