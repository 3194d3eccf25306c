"""A study's row in the tracker Sheet, found where it is when a write lands.

People sort the Sheet, insert and delete rows, and type beside the rows while the app works. A
row number read a moment ago can name another study's row by the time the write arrives. So
each study's row carries a developer-metadata tag (key `studyId`, value the study ID): Sheets
keeps a row's metadata with its row as rows are inserted or deleted above it, and deletes it
with its row. Writes to tagged rows go through `values.batchUpdateByDataFilter`, selected by
the tag, and carry only the cells that change (null leaves a cell as it is), so a note typed in
another cell of the row meanwhile is kept and a deleted row is not brought back.

A tag is trusted only when the row it sits on holds its study ID, and only if no other row
carries it: a stray tag (a row copied by hand) is removed, and its study written by position
that once. Rows without a tag (added by hand, or from a tracker older than tags) are tagged by the next
write to the tracker (the refresh writes at least daily), and a change to one of them is written
by position once, in the same request. New studies are inserted below the rows read
and tagged in that same request.
"""
from __future__ import annotations

from dataclasses import dataclass, field

ROW_KEY = "studyId"
# One read gives the rows' values and their tags (spreadsheets.get on the rows' range).
ROWS_FIELDS = ("sheets(properties(sheetId),data(startRow,rowData(values(formattedValue,effectiveValue)),"
               "rowMetadata(developerMetadata(metadataId,metadataKey,metadataValue))))")


@dataclass
class SheetRow:
    index: int  # 0-based row index in the sheet
    values: list[str]
    tagged: bool  # its tag names the study in its first cell
    stray: dict[int, str] = field(default_factory=dict)  # metadata id -> a tag naming another study

    @property
    def study_id(self) -> str:
        return str(self.values[0]).strip() if self.values else ""


def read_rows(answer: dict, typed: frozenset[int] = frozenset()) -> tuple[int, list[SheetRow]]:
    """(sheet id, the rows) from a spreadsheets.get with ROWS_FIELDS on one sheet's range: each
    cell as it shows, but the columns in `typed` (dates, amounts, numbers) as their numbers."""
    sheet = (answer.get("sheets") or [{}])[0]
    grid = (sheet.get("data") or [{}])[0]
    start, data, meta = grid.get("startRow", 0), grid.get("rowData") or [], grid.get("rowMetadata") or []
    rows = []
    for i in range(len(data)):
        values = [_value(cell, column in typed) for column, cell in enumerate((data[i] or {}).get("values", []))]
        tags = {m.get("metadataId"): m.get("metadataValue") for m in
                (meta[i] if i < len(meta) else {}).get("developerMetadata", []) if m.get("metadataKey") == ROW_KEY}
        row = SheetRow(start + i, values, False)
        row.tagged = bool(row.study_id) and row.study_id in tags.values()
        row.stray = {mid: value for mid, value in tags.items() if value != row.study_id}
        rows.append(row)
    while rows and not any(str(v).strip() for v in rows[-1].values):  # formatted but empty rows below
        rows.pop()
    return sheet.get("properties", {}).get("sheetId", 0), rows


def _value(cell: dict, typed: bool):
    number = (cell.get("effectiveValue") or {}).get("numberValue")
    return number if typed and number is not None else cell.get("formattedValue", "")


def _same(new, old) -> bool:
    """The cell already holds `new` (85 and 85.0 are the same number)."""
    numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (new, old))
    return new == old if numbers else str(new) == str(old)


def changed_cells(study_id: str, before: list, after: list) -> dict | None:
    """A DataFilterValueRange writing only the cells of `after` that differ from `before`, to the
    row tagged with `study_id`; None when nothing changes."""
    padded = list(before) + [""] * (len(after) - len(before))
    cells = [None if _same(new, old) else new for new, old in zip(after, padded)]
    if all(c is None for c in cells):
        return None
    return {"dataFilter": {"developerMetadataLookup": {"metadataKey": ROW_KEY, "metadataValue": study_id,
                                                       "locationType": "ROW"}},
            "majorDimension": "ROWS", "values": [cells]}


def placed(sheet_id: int, index: int, study_id: str, values: list, tag: bool = True,
           links: frozenset[int] = frozenset(), formats: dict[int, dict] | None = None) -> list[dict]:
    """Requests writing a whole row at `index` (row_data) and, unless it has its tag already,
    tagging it with its study ID."""
    write = {"updateCells": {"start": {"sheetId": sheet_id, "rowIndex": index, "columnIndex": 0},
                             "rows": [row_data(values, links, formats)], "fields": ROW_DATA_FIELDS}}
    return [write] + ([tagging(sheet_id, index, study_id)] if tag else [])


ROW_DATA_FIELDS = "userEnteredValue,textFormatRuns,userEnteredFormat.numberFormat"


def row_data(values: list, links: frozenset[int] = frozenset(), formats: dict[int, dict] | None = None) -> dict:
    """A row as RowData: typed text and numbers (never a formula), the columns in `links` as
    clickable links (rich text: the value stays the URL, no HYPERLINK formula), the columns in
    `formats` (column -> numberFormat) showing dates and amounts."""
    formats = formats or {}
    cells = [_link(v) if i in links and _is_url(v) else _cell(v) for i, v in enumerate(values)]
    for i, cell in enumerate(cells):
        if i in formats:  # empty cells too: a date written later by tag must show as a date
            cell["userEnteredFormat"] = {"numberFormat": formats[i]}
    return {"values": cells}


def tagging(sheet_id: int, index: int, study_id: str) -> dict:
    """The request tagging the row at `index` with its study ID."""
    return {"createDeveloperMetadata": {"developerMetadata": {
        "metadataKey": ROW_KEY, "metadataValue": study_id, "visibility": "DOCUMENT",
        "location": {"dimensionRange": {"sheetId": sheet_id, "dimension": "ROWS", "startIndex": index,
                                        "endIndex": index + 1}}}}}


def untag(metadata_id: int) -> dict:
    """Removes a tag that names another study than its row's (a row copied by hand, say)."""
    return {"deleteDeveloperMetadata": {"dataFilter": {"developerMetadataLookup": {"metadataId": metadata_id}}}}


def inserted(sheet_id: int, index: int, count: int) -> dict:
    """`count` new rows at `index`, formatted like the row above (dropdowns included)."""
    return {"insertDimension": {"range": {"sheetId": sheet_id, "dimension": "ROWS", "startIndex": index,
                                          "endIndex": index + count}, "inheritFromBefore": index > 1}}


def _is_url(value) -> bool:
    return isinstance(value, str) and value.startswith(("https://", "http://"))


def _link(url: str) -> dict:
    return {**_cell(url), "textFormatRuns": [{"startIndex": 0, "format": {"link": {"uri": url}}}]}


def _cell(value) -> dict:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return {"userEnteredValue": {"numberValue": value}}
    return {"userEnteredValue": {"stringValue": str(value)}} if str(value) != "" else {}
