"""Sheets v4 ``spreadsheets.batchUpdate`` requests.

Each handler takes (store, spreadsheet, payload, index) and returns the reply
for that request ({} when Google's reply is empty). Handlers work on a copy
of the spreadsheet; the store keeps the copy only if every request succeeds.
"""

import copy
from functools import partial
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from . import errors, sheets_cells, sheets_charts, sheets_metadata
from .fields import parse_fields
from .masks import apply_mask
from .sheets_model import OWNER_EMAIL, Sheet, new_sheet_properties, normalize_colors
from .sheets_values import insert_rows


request_error = partial(errors.request_error, "sheets")


def omit_defaults(value):
    """Drop what proto3 JSON leaves out of a message: null, false and empty lists."""
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            item = omit_defaults(item)
            if item is None or item is False or item == []:
                continue
            result[key] = item
        return result
    if isinstance(value, list):
        return [omit_defaults(item) for item in value]
    return value


def render_grid_range(grid_range):
    """GridRange as Google writes it: sheetId 0 is left out (a proto3 default)."""
    rendered = dict(grid_range)
    if rendered.get("sheetId", 0) == 0:
        rendered.pop("sheetId", None)
    return rendered


def _sheet(spreadsheet, sheet_id, index, kind):
    sheet = spreadsheet.sheet_by_id(sheet_id or 0)
    if sheet is None:
        raise request_error(index, kind, f"No grid with id: {sheet_id or 0}")
    return sheet


def _grid_cells(spreadsheet, grid_range, index, kind):
    """The sheet and (start_row, end_row, start_col, end_col) of a GridRange."""
    grid_range = grid_range or {}
    sheet = _sheet(spreadsheet, grid_range.get("sheetId"), index, kind)
    bounds = (
        grid_range.get("startRowIndex", 0),
        grid_range.get("endRowIndex", sheet.row_count),
        grid_range.get("startColumnIndex", 0),
        grid_range.get("endColumnIndex", sheet.column_count),
    )
    if bounds[1] > sheet.row_count or bounds[3] > sheet.column_count:
        raise request_error(index, kind, f"Range exceeds grid limits. Max rows: "
                                         f"{sheet.row_count}, max columns: {sheet.column_count}")
    return sheet, bounds


def _each_cell(bounds):
    start_row, end_row, start_col, end_col = bounds
    for row in range(start_row, end_row):
        for col in range(start_col, end_col):
            yield row, col


def _drop_empty(sheet, key):
    if key in sheet.cells and not sheet.cells[key]:
        del sheet.cells[key]


# ---------------------------------------------------------------- sheets

def add_sheet(store, spreadsheet, payload, index):
    properties = copy.deepcopy(payload.get("properties") or {})
    title = properties.get("title") or _next_sheet_title(spreadsheet)
    if spreadsheet.sheet_by_title(title):
        raise request_error(index, "addSheet", f'A sheet with the name "{title}" already '
                                               "exists. Please enter another name.")
    sheet_id = properties.get("sheetId")
    if sheet_id is None:
        sheet_id = store.state.ids.sheet_id()
    elif spreadsheet.sheet_by_id(sheet_id):
        raise request_error(index, "addSheet", f"A sheet with the id {sheet_id} already exists.")
    position = properties.get("index", len(spreadsheet.sheets))
    grid = properties.pop("gridProperties", {})
    result = new_sheet_properties(sheet_id, title, position, grid.get("rowCount", 1000),
                                  grid.get("columnCount", 26))
    result["gridProperties"].update({k: v for k, v in grid.items()
                                     if k not in ("rowCount", "columnCount")})
    for key, value in properties.items():
        if key not in ("sheetId", "title", "index"):
            result[key] = value
    result = normalize_colors(result)
    _insert_sheet(spreadsheet, Sheet(result), position)
    return {"addSheet": {"properties": copy.deepcopy(result)}}


def _next_sheet_title(spreadsheet):
    number = len(spreadsheet.sheets) + 1
    while spreadsheet.sheet_by_title(f"Sheet{number}"):
        number += 1
    return f"Sheet{number}"


def _insert_sheet(spreadsheet, sheet, position):
    position = max(0, min(position, len(spreadsheet.sheets)))
    spreadsheet.sheets.insert(position, sheet)
    for number, each in enumerate(spreadsheet.sheets):
        each.properties["index"] = number


def delete_sheet(store, spreadsheet, payload, index):
    sheet = _sheet(spreadsheet, payload.get("sheetId"), index, "deleteSheet")
    if len(spreadsheet.sheets) == 1:
        raise request_error(index, "deleteSheet", "You can't remove all the sheets in a "
                                                  "document.")
    spreadsheet.sheets.remove(sheet)
    for number, each in enumerate(spreadsheet.sheets):
        each.properties["index"] = number
    return {}


def update_sheet_properties(store, spreadsheet, payload, index):
    properties = payload.get("properties") or {}
    sheet = _sheet(spreadsheet, properties.get("sheetId"), index, "updateSheetProperties")
    if not payload.get("fields"):
        raise request_error(index, "updateSheetProperties", "At least one field must be "
                                                            "specified in 'fields'.")
    before = copy.deepcopy(sheet.properties)
    apply_mask(sheet.properties, properties, payload["fields"])
    sheet.properties = normalize_colors(sheet.properties)
    sheet.properties["sheetId"] = before["sheetId"]
    sheet.properties.setdefault("sheetType", before.get("sheetType", "GRID"))
    sheet.properties.setdefault("title", before["title"])
    sheet.properties.setdefault("gridProperties", {})
    if sheet.title != before["title"] and any(
            other is not sheet and other.title == sheet.title for other in spreadsheet.sheets):
        raise request_error(index, "updateSheetProperties", f'A sheet with the name '
                            f'"{sheet.title}" already exists. Please enter another name.')
    if all(each.properties.get("hidden") for each in spreadsheet.sheets):
        raise request_error(index, "updateSheetProperties", "You can't hide all the sheets in "
                                                            "a document.")
    if sheet.properties.get("index", before["index"]) != before["index"]:
        spreadsheet.sheets.remove(sheet)
        _insert_sheet(spreadsheet, sheet, sheet.properties["index"])
    else:
        sheet.properties["index"] = before["index"]
    _drop_cells_outside_grid(sheet)
    return {}


def _drop_cells_outside_grid(sheet):
    for key in [key for key in sheet.cells
                if key[0] >= sheet.row_count or key[1] >= sheet.column_count]:
        del sheet.cells[key]


def _known_zone(name) -> bool:
    """An IANA time zone name, as Sheets requires of timeZone."""
    try:
        ZoneInfo(str(name))
    except (ValueError, ZoneInfoNotFoundError):
        return False
    return bool(name)


def update_spreadsheet_properties(store, spreadsheet, payload, index):
    if not payload.get("fields"):
        raise request_error(index, "updateSpreadsheetProperties", "At least one field must be "
                                                                  "specified in 'fields'.")
    zone = (payload.get("properties") or {}).get("timeZone")
    if zone is not None and not _known_zone(zone):
        raise request_error(index, "updateSpreadsheetProperties", f"Invalid timeZone: {zone}")
    apply_mask(spreadsheet.properties, payload.get("properties") or {}, payload["fields"])
    return {}


# ---------------------------------------------------------------- dimensions

def _dimension_range(spreadsheet, payload_range, index, kind):
    payload_range = payload_range or {}
    sheet = _sheet(spreadsheet, payload_range.get("sheetId"), index, kind)
    dimension = payload_range.get("dimension")
    if dimension not in ("ROWS", "COLUMNS"):
        raise request_error(index, kind, "dimension must be ROWS or COLUMNS.")
    limit = sheet.row_count if dimension == "ROWS" else sheet.column_count
    start = payload_range.get("startIndex", 0)
    end = payload_range.get("endIndex", limit)
    if not 0 <= start < end:
        raise request_error(index, kind, "The range should not be empty.")
    return sheet, dimension, start, end, limit


def insert_dimension(store, spreadsheet, payload, index):
    sheet, dimension, start, end, limit = _dimension_range(
        spreadsheet, payload.get("range"), index, "insertDimension")
    if start > limit:
        raise request_error(index, "insertDimension", "startIndex is beyond the grid.")
    count = end - start
    if dimension == "ROWS":
        insert_rows(sheet, start, count)
        return {}
    sheet.cells = {(row, col + count if col >= start else col): cell
                   for (row, col), cell in sheet.cells.items()}
    sheet.grid["columnCount"] = sheet.column_count + count
    return {}


def delete_dimension(store, spreadsheet, payload, index):
    sheet, dimension, start, end, limit = _dimension_range(
        spreadsheet, payload.get("range"), index, "deleteDimension")
    end = min(end, limit)
    count = end - start
    if count >= limit:
        raise request_error(index, "deleteDimension", "You can't delete all the rows/columns "
                                                      "on the sheet.")
    axis = 0 if dimension == "ROWS" else 1
    moved = {}
    for key, cell in sheet.cells.items():
        position = key[axis]
        if start <= position < end:
            continue
        shifted = position - count if position >= end else position
        moved[(shifted, key[1]) if axis == 0 else (key[0], shifted)] = cell
    sheet.cells = moved
    if axis == 0:
        sheets_metadata.rows_deleted(sheet, start, end)
    grid_key = "rowCount" if axis == 0 else "columnCount"
    sheet.grid[grid_key] = limit - count
    return {}


# ---------------------------------------------------------------- cells

def _apply_cell_data(cell, data, tree):
    """Write the fields of a CellData named by a parsed fields tree into a cell."""
    everything = "*" in tree
    if everything or "userEnteredValue" in tree:
        sheets_cells.clear_value(cell)
        cell.update(sheets_cells.cell_from_extended_value(data.get("userEnteredValue")))
    if everything or "userEnteredFormat" in tree:
        subtree = None if everything else tree["userEnteredFormat"]
        new_format = data.get("userEnteredFormat") or {}
        if subtree is None:
            cell["format"] = copy.deepcopy(new_format)
        else:
            current = cell.setdefault("format", {})
            for key in subtree:
                if key in new_format:
                    current[key] = copy.deepcopy(new_format[key])
                else:
                    current.pop(key, None)
        cell["format"] = normalize_colors(cell["format"])
        if not cell.get("format"):
            cell.pop("format", None)
    for name, key in (("note", "note"), ("dataValidation", "dataValidation"), ("textFormatRuns", "textFormatRuns")):
        if everything or name in tree:
            if data.get(name):
                cell[key] = copy.deepcopy(data[name])
            else:
                cell.pop(key, None)


def _fields_tree(payload, index, kind):
    try:
        return parse_fields(payload.get("fields") or "")
    except ValueError:
        raise request_error(index, kind, "At least one field must be specified in 'fields'.")


def repeat_cell(store, spreadsheet, payload, index):
    sheet, bounds = _grid_cells(spreadsheet, payload.get("range"), index, "repeatCell")
    tree = _fields_tree(payload, index, "repeatCell")
    data = payload.get("cell") or {}
    for key in _each_cell(bounds):
        _apply_cell_data(sheet.cells.setdefault(key, {}), data, tree)
        _drop_empty(sheet, key)
    return {}


def update_cells(store, spreadsheet, payload, index):
    tree = _fields_tree(payload, index, "updateCells")
    if "start" in payload:
        start = payload["start"] or {}
        sheet = _sheet(spreadsheet, start.get("sheetId"), index, "updateCells")
        row0, col0 = start.get("rowIndex", 0), start.get("columnIndex", 0)
    else:
        sheet, bounds = _grid_cells(spreadsheet, payload.get("range"), index, "updateCells")
        row0, col0 = bounds[0], bounds[2]
    for r, row_data in enumerate(payload.get("rows") or []):
        for c, data in enumerate((row_data or {}).get("values") or []):
            key = (row0 + r, col0 + c)
            if key[0] >= sheet.row_count or key[1] >= sheet.column_count:
                raise request_error(index, "updateCells", "Range exceeds grid limits.")
            _apply_cell_data(sheet.cells.setdefault(key, {}), data or {}, tree)
            _drop_empty(sheet, key)
    return {}


def append_cells(store, spreadsheet, payload, index):
    """Rows after the last row with a value in the sheet, the grid grown to hold them."""
    tree = _fields_tree(payload, index, "appendCells")
    sheet = _sheet(spreadsheet, payload.get("sheetId"), index, "appendCells")
    filled = [row for (row, _), cell in sheet.cells.items() if sheets_cells.has_value(cell)]
    start = max(filled) + 1 if filled else 0
    rows = payload.get("rows") or []
    if start + len(rows) > sheet.row_count:
        sheet.grid["rowCount"] = start + len(rows)
    for r, row_data in enumerate(rows):
        for c, data in enumerate((row_data or {}).get("values") or []):
            key = (start + r, c)
            if c >= sheet.column_count:
                raise request_error(index, "appendCells", "Range exceeds grid limits.")
            _apply_cell_data(sheet.cells.setdefault(key, {}), data or {}, tree)
            _drop_empty(sheet, key)
    return {}


def sort_range(store, spreadsheet, payload, index):
    """Sort the rows of a range by its sortSpecs; empty cells sort last either way."""
    sheet, bounds = _grid_cells(spreadsheet, payload.get("range"), index, "sortRange")
    start_row, end_row, start_col, end_col = bounds
    rows = [{col: sheet.cells.pop((row, col)) for col in range(start_col, end_col)
             if (row, col) in sheet.cells} for row in range(start_row, end_row)]
    origin = {id(row): start_row + i for i, row in enumerate(rows)}
    for spec in reversed(payload.get("sortSpecs") or [{"dimensionIndex": start_col}]):
        column = spec.get("dimensionIndex", 0)
        descending = spec.get("sortOrder") == "DESCENDING"
        filled = [row for row in rows if _sort_value(row.get(column)) is not None]
        empty = [row for row in rows if _sort_value(row.get(column)) is None]
        filled.sort(key=lambda row: _sort_value(row.get(column)), reverse=descending)
        rows = filled + empty
    for offset, row in enumerate(rows):
        for col, cell in row.items():
            sheet.cells[(start_row + offset, col)] = cell
    sheets_metadata.rows_moved(sheet, {origin[id(row)]: start_row + offset for offset, row in enumerate(rows)})
    return {}


def _sort_value(cell):
    if not cell or not sheets_cells.has_value(cell):
        return None
    value = sheets_cells.unformatted_value(cell)
    if isinstance(value, bool):
        return (2, value)
    if isinstance(value, (int, float)):
        return (0, value)
    return (1, str(value).lower())


def set_data_validation(store, spreadsheet, payload, index):
    sheet, bounds = _grid_cells(spreadsheet, payload.get("range"), index, "setDataValidation")
    rule = payload.get("rule")
    if rule is not None and not (rule.get("condition") or {}).get("type"):
        raise request_error(index, "setDataValidation", "rule.condition.type is required.")
    for key in _each_cell(bounds):
        cell = sheet.cells.setdefault(key, {})
        if rule:
            cell["dataValidation"] = copy.deepcopy(rule)
        else:
            cell.pop("dataValidation", None)
        _drop_empty(sheet, key)
    return {}


# ---------------------------------------------------------------- conditional formats

def add_conditional_format_rule(store, spreadsheet, payload, index):
    rule = copy.deepcopy(payload.get("rule") or {})
    ranges = rule.get("ranges") or []
    if not ranges or not (rule.get("booleanRule") or rule.get("gradientRule")):
        raise request_error(index, "addConditionalFormatRule", "A rule needs ranges and a "
                                                               "booleanRule or gradientRule.")
    sheet_ids = {grid_range.get("sheetId", 0) for grid_range in ranges}
    if len(sheet_ids) != 1:
        raise request_error(index, "addConditionalFormatRule", "All ranges of a rule must be "
                                                               "on the same sheet.")
    sheet = _sheet(spreadsheet, sheet_ids.pop(), index, "addConditionalFormatRule")
    position = payload.get("index", 0)
    sheet.conditional_formats.insert(max(0, min(position, len(sheet.conditional_formats))), rule)
    return {}


def add_protected_range(store, spreadsheet, payload, index):
    kind = "addProtectedRange"
    requested = copy.deepcopy(payload.get("protectedRange") or {})
    if "range" not in requested and "namedRangeId" not in requested:
        raise request_error(index, kind, "A protected range needs a range or a namedRangeId.")
    grid_range = requested.get("range") or {}
    sheet = _sheet(spreadsheet, grid_range.get("sheetId"), index, kind)
    _grid_cells(spreadsheet, grid_range, index, kind)
    if requested.get("warningOnly") and _has_editors(requested.get("editors")):
        raise request_error(index, kind, "Editors cannot be set on a warning-only protected "
                                         "range.")
    range_id = requested.get("protectedRangeId") or store.state.ids.sheet_id()
    requested["protectedRangeId"] = range_id
    requested["requestingUserCanEdit"] = True
    requested["editors"] = requested.get("editors") or {}
    # The reply echoes the editors asked for; the stored range (what
    # spreadsheets.get shows) also lists the requesting user, as Google does.
    reply = omit_defaults(_ordered_protected_range(requested))
    reply["range"] = render_grid_range(reply.get("range", {}))
    stored = copy.deepcopy(requested)
    users = list(stored["editors"].get("users") or [])
    if OWNER_EMAIL not in users:
        users.append(OWNER_EMAIL)
    stored["editors"]["users"] = users
    sheet.protected_ranges.append(stored)
    return {kind: {"protectedRange": reply}}


def _has_editors(editors):
    return bool(editors and (editors.get("users") or editors.get("groups")
                             or editors.get("domainUsersCanEdit")))


def _ordered_protected_range(protected):
    order = ["protectedRangeId", "range", "namedRangeId", "description", "warningOnly",
             "requestingUserCanEdit", "unprotectedRanges", "editors"]
    result = {key: protected[key] for key in order if key in protected}
    result.update({key: value for key, value in protected.items() if key not in result})
    return result


def render_protected_range(protected):
    rendered = omit_defaults(_ordered_protected_range(copy.deepcopy(protected)))
    if "range" in rendered:
        rendered["range"] = render_grid_range(rendered["range"])
    return rendered


def _find_protected(spreadsheet, range_id, index, kind):
    for sheet in spreadsheet.sheets:
        for protected in sheet.protected_ranges:
            if protected["protectedRangeId"] == range_id:
                return sheet, protected
    raise request_error(index, kind, f"No protected range with id: {range_id}")


def delete_protected_range(store, spreadsheet, payload, index):
    kind = "deleteProtectedRange"
    sheet, protected = _find_protected(spreadsheet, payload.get("protectedRangeId"), index, kind)
    sheet.protected_ranges.remove(protected)
    return {}


# ---------------------------------------------------------------- named ranges, merges, filters

def add_named_range(store, spreadsheet, payload, index):
    kind = "addNamedRange"
    named = copy.deepcopy(payload.get("namedRange") or {})
    if not named.get("name"):
        raise request_error(index, kind, "A named range needs a name.")
    if any(existing["name"] == named["name"] for existing in spreadsheet.named_ranges):
        raise request_error(index, kind, f"A named range with the name {named['name']} "
                                         "already exists.")
    _grid_cells(spreadsheet, named.get("range"), index, kind)
    named.setdefault("namedRangeId", str(store.state.ids.sheet_id()))
    ordered = {"namedRangeId": named["namedRangeId"], "name": named["name"],
               "range": named.get("range", {})}
    spreadsheet.named_ranges.append(ordered)
    return {kind: {"namedRange": render_named_range(ordered)}}


def render_named_range(named):
    rendered = copy.deepcopy(named)
    rendered["range"] = render_grid_range(rendered.get("range", {}))
    return rendered


def _find_named(spreadsheet, range_id, index, kind):
    for named in spreadsheet.named_ranges:
        if named["namedRangeId"] == range_id:
            return named
    raise request_error(index, kind, f"No named range with id: {range_id}")


def update_named_range(store, spreadsheet, payload, index):
    kind = "updateNamedRange"
    changes = payload.get("namedRange") or {}
    named = _find_named(spreadsheet, changes.get("namedRangeId"), index, kind)
    if not payload.get("fields"):
        raise request_error(index, kind, "At least one field must be specified in 'fields'.")
    apply_mask(named, changes, payload["fields"])
    named["namedRangeId"] = changes["namedRangeId"]
    return {}


def delete_named_range(store, spreadsheet, payload, index):
    kind = "deleteNamedRange"
    spreadsheet.named_ranges.remove(
        _find_named(spreadsheet, payload.get("namedRangeId"), index, kind))
    return {}


def merge_cells(store, spreadsheet, payload, index):
    grid_range = payload.get("range") or {}
    sheet, bounds = _grid_cells(spreadsheet, grid_range, index, "mergeCells")
    merge = {"sheetId": sheet.sheet_id, "startRowIndex": bounds[0], "endRowIndex": bounds[1],
             "startColumnIndex": bounds[2], "endColumnIndex": bounds[3]}
    sheet.merges.append(merge)
    return {}


def unmerge_cells(store, spreadsheet, payload, index):
    sheet, bounds = _grid_cells(spreadsheet, payload.get("range"), index, "unmergeCells")
    sheet.merges = [m for m in sheet.merges
                    if not (bounds[0] <= m["startRowIndex"] and m["endRowIndex"] <= bounds[1]
                            and bounds[2] <= m["startColumnIndex"]
                            and m["endColumnIndex"] <= bounds[3])]
    return {}


def set_basic_filter(store, spreadsheet, payload, index):
    basic_filter = copy.deepcopy(payload.get("filter") or {})
    sheet, bounds = _grid_cells(spreadsheet, basic_filter.get("range"), index, "setBasicFilter")
    basic_filter["range"] = {"sheetId": sheet.sheet_id, "startRowIndex": bounds[0],
                             "endRowIndex": bounds[1], "startColumnIndex": bounds[2],
                             "endColumnIndex": bounds[3]}
    sheet.basic_filter = basic_filter
    return {}


def clear_basic_filter(store, spreadsheet, payload, index):
    _sheet(spreadsheet, payload.get("sheetId"), index, "clearBasicFilter").basic_filter = None
    return {}


def add_dimension_group(store, spreadsheet, payload, index):
    """A column group over a range; adding one over a grouped range nests it a level deeper, as
    in Sheets. Only column groups are modelled (the tracker groups its internal columns)."""
    sheet, dimension, start, end, _ = _dimension_range(spreadsheet, payload.get("range"), index,
                                                       "addDimensionGroup")
    if dimension != "COLUMNS":
        raise request_error(index, "addDimensionGroup", "The fake groups columns only.")
    depth = 1 + sum(1 for g in sheet.column_groups if g["range"]["startIndex"] <= start and end <= g["range"]["endIndex"])
    sheet.column_groups.append({"range": {"sheetId": sheet.sheet_id, "dimension": "COLUMNS", "startIndex": start,
                                          "endIndex": end}, "depth": depth})
    return {"addDimensionGroup": {"dimensionGroups": copy.deepcopy(sheet.column_groups)}}


def update_dimension_group(store, spreadsheet, payload, index):
    group = payload.get("dimensionGroup") or {}
    rng = group.get("range") or {}
    sheet = _sheet(spreadsheet, rng.get("sheetId"), index, "updateDimensionGroup")
    found = next((g for g in sheet.column_groups if g["range"]["startIndex"] == rng.get("startIndex")
                  and g["range"]["endIndex"] == rng.get("endIndex") and g["depth"] == group.get("depth")), None)
    if found is None:
        raise request_error(index, "updateDimensionGroup", "No dimension group at that range and depth.")
    if "collapsed" in (payload.get("fields") or ""):
        found["collapsed"] = bool(group.get("collapsed"))
    return {}


def accepted_without_effect(store, spreadsheet, payload, index):
    """Layout-only requests (column widths, borders): validated loosely, nothing stored."""
    return {}


REQUEST_HANDLERS = {
    "addSheet": add_sheet,
    "deleteSheet": delete_sheet,
    "updateSheetProperties": update_sheet_properties,
    "updateSpreadsheetProperties": update_spreadsheet_properties,
    "insertDimension": insert_dimension,
    "deleteDimension": delete_dimension,
    "repeatCell": repeat_cell,
    "updateCells": update_cells,
    "appendCells": append_cells,
    "setDataValidation": set_data_validation,
    "sortRange": sort_range,
    "addConditionalFormatRule": add_conditional_format_rule,
    "addProtectedRange": add_protected_range,
    "deleteProtectedRange": delete_protected_range,
    "addNamedRange": add_named_range,
    "updateNamedRange": update_named_range,
    "deleteNamedRange": delete_named_range,
    "mergeCells": merge_cells,
    "unmergeCells": unmerge_cells,
    "setBasicFilter": set_basic_filter,
    "clearBasicFilter": clear_basic_filter,
    "createDeveloperMetadata": sheets_metadata.create,
    "addDimensionGroup": add_dimension_group,
    "updateDimensionGroup": update_dimension_group,
    "deleteDeveloperMetadata": sheets_metadata.delete,
    "addChart": sheets_charts.add_chart,
    "deleteEmbeddedObject": sheets_charts.delete_embedded_object,
    "autoResizeDimensions": accepted_without_effect,
    "updateDimensionProperties": accepted_without_effect,
}
