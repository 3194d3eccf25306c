"""Plod data as customers send it (.xlsx, .csv), read into shifts whatever the layout: a title
block above the table, headers over two rows, one sheet per rig, Spanish or Portuguese headers,
CSV with semicolons and decimal commas. Spreadsheets are streamed (openpyxl's read-only mode,
the CSV line by line), so a 50 MB export is read in bounded memory.

A table is plod data when a header row names a date column and at least a metres or an hours
column (doc_templates/data_package.toml lists the names).
"""
from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Iterable, Iterator

from .layout import data_layout, plain_header

SERIAL_EPOCH = date(1899, 12, 30)
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y", "%Y/%m/%d", "%d-%b-%Y", "%d %b %Y",
                "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S")


@dataclass
class Shift:
    day: date
    rig: str
    project: str
    metres: float | None
    hours: float | None


@dataclass
class PlodTable:
    """One table of plod data: where it is, which columns were recognised, and what its shifts
    add up to (kept as totals, not row by row, so a file of any length takes the same memory)."""
    where: str  # "file.xlsx, sheet 'Rig 7'" or "file.csv"
    columns: dict[str, str]  # plod column -> the header as written
    shifts: int = 0
    days: set[date] = field(default_factory=set)
    rigs: set[str] = field(default_factory=set)
    projects: set[str] = field(default_factory=set)
    without_metres: int = 0
    without_hours: int = 0
    metres: float = 0.0
    hours: float = 0.0
    skipped: int = 0  # rows under the header with no readable date (totals, notes)

    def add(self, shift: Shift) -> None:
        """A shift; one with no metres (or hours) is a gap only when the table records them."""
        self.shifts += 1
        self.days.add(shift.day)
        if shift.rig:
            self.rigs.add(shift.rig)
        if shift.project:
            self.projects.add(shift.project)
        if shift.metres is not None:
            self.metres += shift.metres
        elif "metres" in self.columns:
            self.without_metres += 1
        if shift.hours is not None:
            self.hours += shift.hours
        elif "hours" in self.columns:
            self.without_hours += 1


class NotPlod(ValueError):
    """The table names no date with metres or hours."""


def read_plod(path: Path, name: str = "") -> list[PlodTable]:
    """Every plod table in the file (several for one sheet per rig); [] when none is plod data.
    `name`: what people call the file (its name in DS Data), when the path is a download's."""
    name = name or path.name
    suffix = path.suffix.lower()
    if suffix == ".csv":
        tables = [(name, "", _csv_rows(path))]
    elif suffix in (".xlsx", ".xlsm"):
        tables = _workbook_tables(path, name)
    else:
        return []
    out = []
    for where, sheet, rows in tables:
        try:
            out.append(_table(where, sheet, rows, several=len(tables) > 1))
        except NotPlod:
            continue
    return out


def _workbook_tables(path: Path, name: str):
    from openpyxl import load_workbook
    book = load_workbook(path, read_only=True, data_only=True)  # formulas: the values Excel last computed
    return [(f"{name}, sheet '{ws.title}'", ws.title, ws.iter_rows(values_only=True)) for ws in book.worksheets]


def _csv_rows(path: Path) -> Iterator[list]:
    with open(path, "rb") as handle:
        raw = handle.read(65536)  # enough to tell the encoding and the delimiter
    encoding = "utf-8-sig"
    try:
        sample = raw.decode(encoding)
    except UnicodeDecodeError:
        encoding, sample = "latin-1", raw.decode("latin-1")
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=";,\t|").delimiter
    except csv.Error:
        delimiter = max(";,\t", key=sample.count)
    with open(path, encoding=encoding, newline="") as handle:
        yield from csv.reader(handle, delimiter=delimiter)


def _table(where: str, sheet: str, rows: Iterable, several: bool) -> PlodTable:
    rows = iter(rows)
    head: list[list] = []
    for row in rows:
        head.append(list(row))
        if len(head) >= data_layout().header_rows:
            break
    found = _header(head)
    if found is None:
        from .plod_across import dates_across, read_across
        across = dates_across(head)
        if across is None:
            raise NotPlod(where)
        return read_across(where, head, rows, across, sheet if several else "")
    index, columns, names = found
    table = PlodTable(where, names)
    rig_default = sheet if several else ""
    for row in head[index + 1:]:
        _add(table, row, columns, rig_default)
    for row in rows:
        _add(table, list(row), columns, rig_default)
    return table


def _header(head: list[list]) -> tuple[int, dict[str, int], dict[str, str]] | None:
    """(the last header row's index, plod column -> position, plod column -> header as written):
    the row, or pair of rows (a merged heading over its sub-headings), naming the most plod columns."""
    best = None
    for i, row in enumerate(head):
        candidates = [(i, [row[c] if c < len(row) else None for c in range(len(row))])]
        if i + 1 < len(head):
            below = head[i + 1]
            width = max(len(row), len(below))
            above = _filled_right(row, width)
            candidates.append((i + 1, [" ".join(str(x) for x in (above[c], below[c] if c < len(below) else None)
                                                if x not in (None, "")) for c in range(width)]))
        for last, cells in candidates:
            columns = _columns(cells)
            if "date" in columns and ({"metres", "hours"} & set(columns)):
                score = (len(columns), -last)
                if best is None or score > best[0]:
                    best = (score, last, columns, {k: str(cells[v]) for k, v in columns.items()})
    return None if best is None else best[1:]


def _filled_right(row: list, width: int) -> list:
    """A merged heading spans the empty cells to its right."""
    out, last = [], None
    for c in range(width):
        value = row[c] if c < len(row) else None
        last = value if value not in (None, "") else last
        out.append(last)
    return out


def _columns(cells: list) -> dict[str, int]:
    """Plod column -> position for the cells that name one (an exact name before a partial one)."""
    names = data_layout().headers
    found: dict[str, tuple[int, int]] = {}
    for position, cell in enumerate(cells):
        text = plain_header(cell)
        if not text:
            continue
        for key, words in names.items():
            quality = 2 if text in words else 1 if any(_has_words(text, w) for w in words) else 0
            if quality and (key not in found or quality > found[key][1]):
                found[key] = (position, quality)
    positions: dict[int, str] = {}
    for key, (position, quality) in sorted(found.items(), key=lambda kv: -kv[1][1]):
        positions.setdefault(position, key)  # one column, one meaning
    return {key: position for position, key in positions.items()}


def _has_words(text: str, words: str) -> bool:
    return re.search(rf"(^| ){re.escape(words)}( |$)", text) is not None


def _add(table: PlodTable, row: list, columns: dict[str, int], rig_default: str) -> None:
    cell = lambda key: row[columns[key]] if key in columns and columns[key] < len(row) else None  # noqa: E731
    day = parse_day(cell("date"))
    if day is None:
        if any(v not in (None, "") for v in row):
            table.skipped += 1
        return
    rig = str(cell("rig") or "").strip() or rig_default
    project = str(cell("project") or "").strip()
    table.add(Shift(day, rig, project, parse_number(cell("metres")), parse_number(cell("hours"))))


def parse_day(value) -> date | None:
    """A shift's date: a spreadsheet date, an Excel serial number, or text in the usual forms
    (day first, as the customers' countries write it)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 20000 < value < 80000:
        return SERIAL_EPOCH + timedelta(days=int(value))
    text = str(value or "").strip()
    if text.isdigit() and 20000 < int(text) < 80000:  # a serial number saved as text in a CSV
        return SERIAL_EPOCH + timedelta(days=int(text))
    try:
        return date.fromisoformat(text[:10])  # the common case, and the fastest
    except ValueError:
        pass
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def parse_number(value) -> float | None:
    """'12,5' and '1.234,5' (decimal commas), '1,234.5', 12.5; None when there is no number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        number = float(value)  # '96.5', the common case
        return number if math.isfinite(number) else None
    except (TypeError, ValueError):
        pass
    text = str(value or "").strip().replace(" ", "")
    if not text or not re.search(r"\d", text):
        return None
    if "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".") if text.rfind(",") > text.rfind(".") else text.replace(",", "")
    elif "," in text:
        whole, _, frac = text.rpartition(",")
        text = text.replace(",", "") if len(frac) == 3 and whole.lstrip("-").isdigit() else text.replace(",", ".")
    try:
        return float(re.sub(r"[^\d.\-]", "", text))
    except ValueError:
        return None
