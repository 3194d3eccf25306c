"""Developer metadata on rows, as Sheets keeps it.

A row's metadata stays with its row as the sheet is edited: rows inserted above it push it
down, deleting rows above it pulls it up, and deleting its row deletes it (Google's reference:
"if developer metadata is associated with row 5 and another row is then subsequently inserted
above row 5, that original metadata will still be associated with ... what is now row 6. If the
associated object is deleted its metadata is deleted too"). A sort moves it with its row's
cells; Google does not document sorting, and this is what the product relies on as little as
it can (it checks the study ID it finds before trusting a row).

Only row metadata is modelled: the product tags each study's row; nothing else uses metadata.
"""
from __future__ import annotations

import copy
from functools import partial

from .errors import request_error

_error = partial(request_error, "sheets")


def create(store, spreadsheet, payload, index):
    """createDeveloperMetadata on a one-or-more-row dimension range of a sheet."""
    kind = "createDeveloperMetadata"
    meta = copy.deepcopy(payload.get("developerMetadata") or {})
    location = meta.get("location") or {}
    rows = location.get("dimensionRange") or {}
    if not meta.get("metadataKey"):
        raise _error(index, kind, "Developer metadata must have a key.")
    if meta.get("visibility") not in ("DOCUMENT", "PROJECT"):
        raise _error(index, kind, "Developer metadata must have a visibility of DOCUMENT or PROJECT.")
    if rows.get("dimension") != "ROWS":
        raise _error(index, kind, "Only metadata on rows is modelled by the fake.")
    sheet = spreadsheet.sheet_by_id(rows.get("sheetId", 0))
    start = rows.get("startIndex", 0)
    end = rows.get("endIndex", start + 1)
    if sheet is None or not 0 <= start < end <= sheet.row_count:
        raise _error(index, kind, "The metadata location is not in the grid.")
    meta.setdefault("metadataId", store.state.ids.sheet_id())
    for row in range(start, end):
        sheet.row_metadata.setdefault(row, []).append({**meta, "location": {
            "locationType": "ROW", "dimensionRange": {"sheetId": sheet.sheet_id, "dimension": "ROWS",
                                                      "startIndex": row, "endIndex": row + 1}}})
    reply = {**meta, "location": {"locationType": "ROW", "dimensionRange": {
        "sheetId": sheet.sheet_id, "dimension": "ROWS", "startIndex": start, "endIndex": end}}}
    return {kind: {"developerMetadata": reply}}


def delete(store, spreadsheet, payload, index):
    """deleteDeveloperMetadata: every row metadata its dataFilter's lookup matches."""
    lookup = (payload.get("dataFilter") or {}).get("developerMetadataLookup")
    if not lookup:
        raise _error(index, "deleteDeveloperMetadata", "The fake deletes by developerMetadataLookup only.")
    deleted = []
    for sheet in spreadsheet.sheets:
        for row in list(sheet.row_metadata):
            kept = [m for m in sheet.row_metadata[row] if not _matches(m, lookup)]
            deleted += [m for m in sheet.row_metadata[row] if _matches(m, lookup)]
            if kept:
                sheet.row_metadata[row] = kept
            else:
                del sheet.row_metadata[row]
    return {"deleteDeveloperMetadata": {"deletedDeveloperMetadata": copy.deepcopy(deleted)}}


def rows_inserted(sheet, at: int, count: int) -> None:
    sheet.row_metadata = {row + count if row >= at else row: metas for row, metas in sheet.row_metadata.items()}
    _relocate(sheet)


def rows_deleted(sheet, start: int, end: int) -> None:
    count = end - start
    sheet.row_metadata = {row - count if row >= end else row: metas for row, metas in sheet.row_metadata.items()
                          if not start <= row < end}
    _relocate(sheet)


def rows_moved(sheet, new_row_of: dict[int, int]) -> None:
    """Rows moved by a sort: old row -> new row."""
    sheet.row_metadata = {new_row_of.get(row, row): metas for row, metas in sheet.row_metadata.items()}
    _relocate(sheet)


def matching_rows(spreadsheet, lookup: dict) -> list[tuple[object, int]]:
    """(sheet, row) of every row whose metadata matches a DeveloperMetadataLookup."""
    found = []
    for sheet in spreadsheet.sheets:
        for row, metas in sorted(sheet.row_metadata.items()):
            if any(_matches(meta, lookup) for meta in metas):
                found.append((sheet, row))
    return found


def render_row(sheet, row: int) -> dict:
    """A row's DimensionProperties as spreadsheets.get shows them."""
    out: dict = {"pixelSize": 21}
    if sheet.row_metadata.get(row):
        out["developerMetadata"] = copy.deepcopy(sheet.row_metadata[row])
    return out


def _matches(meta: dict, lookup: dict) -> bool:
    checks = {"metadataKey": meta.get("metadataKey"), "metadataValue": meta.get("metadataValue"),
              "metadataId": meta.get("metadataId"), "visibility": meta.get("visibility")}
    if lookup.get("locationType") not in (None, "ROW"):
        return False
    return all(lookup[key] == value for key, value in checks.items() if key in lookup)


def _relocate(sheet) -> None:
    for row, metas in sheet.row_metadata.items():
        for meta in metas:
            meta["location"]["dimensionRange"].update(startIndex=row, endIndex=row + 1)
