"""Sheets v4 ``spreadsheets.values.*``: reading and writing cell values by A1 range."""


from . import a1, sheets_metadata
from .errors import invalid_argument
from .sheets_cells import SKIP, clear_value, enter, has_value, parse_input, render_value

INPUT_OPTIONS = ("RAW", "USER_ENTERED")
RENDER_OPTIONS = ("FORMATTED_VALUE", "UNFORMATTED_VALUE", "FORMULA")
DIMENSIONS = ("ROWS", "COLUMNS")
DATETIME_OPTIONS = ("SERIAL_NUMBER", "FORMATTED_STRING")


def unable_to_parse(text):
    return invalid_argument("sheets", f"Unable to parse range: {text}")


def resolve_range(spreadsheet, text):
    """The sheet and (unclipped) cell range an A1 string (or a named range) names."""
    named = _named_range(spreadsheet, text)
    if named:
        return named
    try:
        title, cells = a1.split_sheet(text)
        if title is None:
            sheet = spreadsheet.sheet_by_title(cells)
            if sheet is not None:
                return sheet, a1.CellRange(0, None, 0, None)
            rng = a1.parse_cells(cells)
            sheet = spreadsheet.sheets[0] if spreadsheet.sheets else None
        else:
            sheet = spreadsheet.sheet_by_title(title)
            rng = a1.parse_cells(cells) if cells else a1.CellRange(0, None, 0, None)
    except ValueError:
        raise unable_to_parse(text)
    if sheet is None or rng is None:
        raise unable_to_parse(text)
    return sheet, rng


def _named_range(spreadsheet, text):
    """A named range, referred to by name alone or after a sheet name."""
    name = text.rsplit("!", 1)[-1]
    for named in spreadsheet.named_ranges:
        if named["name"] == name:
            grid = named.get("range") or {}
            sheet = spreadsheet.sheet_by_id(grid.get("sheetId", 0))
            if sheet is None:
                return None
            return sheet, a1.CellRange(grid.get("startRowIndex", 0), grid.get("endRowIndex"),
                                       grid.get("startColumnIndex", 0),
                                       grid.get("endColumnIndex"))
    return None


def clip_to_grid(sheet, rng):
    """Fill open ends from the grid; explicit ends beyond the grid are an error."""
    clipped = rng.clipped(sheet.row_count, sheet.column_count)
    too_far = ((rng.end_row or 0) > sheet.row_count or (rng.end_col or 0) > sheet.column_count
               or rng.start_row >= max(sheet.row_count, 1)
               or rng.start_col >= max(sheet.column_count, 1))
    if too_far:
        raise grid_limits_error(sheet, rng)
    return clipped


def grid_limits_error(sheet, rng):
    end_row = rng.end_row if rng.end_row is not None else sheet.row_count
    end_col = rng.end_col if rng.end_col is not None else sheet.column_count
    shown = a1.format_range(sheet.title, a1.CellRange(rng.start_row, max(end_row, 1),
                                                      rng.start_col, max(end_col, 1)))
    return invalid_argument("sheets", f"Range ({shown}) exceeds grid limits. Max rows: "
                                      f"{sheet.row_count}, max columns: {sheet.column_count}")


def _option(req_value, allowed, name, default=None, required=False):
    """An enum option's value or its default. strict.py has refused names outside the enum;
    what is left to refuse here is the enum's *_UNSPECIFIED member."""
    if req_value is None or req_value == "":
        if required:
            raise invalid_argument("sheets", f"'{name}' is required but not specified")
        return default
    if req_value not in allowed:
        raise invalid_argument("sheets", f"Invalid {name}: {req_value} is not specified.")
    return req_value


# ---------------------------------------------------------------- reading

def read_matrix(sheet, rng, render_option, major="ROWS", datetime_option="SERIAL_NUMBER"):
    """Values of a clipped range, trimmed the way Google trims them."""
    used_rows, used_cols = sheet.used_bounds()
    end_row = min(rng.end_row, used_rows)
    end_col = min(rng.end_col, used_cols)
    rows = []
    for row in range(rng.start_row, end_row):
        rows.append([render_value(sheet.cells.get((row, col)), render_option, datetime_option)
                     for col in range(rng.start_col, end_col)])
    if major == "COLUMNS":
        rows = [list(column) for column in zip(*rows)] if rows else []
    return _trim(rows)


def _trim(rows):
    """Drop trailing empty cells of each row, then trailing empty rows."""
    trimmed = []
    for row in rows:
        while row and row[-1] == "":
            row = row[:-1]
        trimmed.append(row)
    while trimmed and not trimmed[-1]:
        trimmed.pop()
    return trimmed


def value_range(sheet, rng, render_option, major, datetime_option="SERIAL_NUMBER"):
    result = {"range": a1.format_range(sheet.title, rng), "majorDimension": major}
    values = read_matrix(sheet, rng, render_option, major, datetime_option)
    if values:
        result["values"] = values
    return result


def _read_options(args):
    major = _option(args.get("majorDimension"), DIMENSIONS, "majorDimension", "ROWS")
    render = _option(args.get("valueRenderOption"), RENDER_OPTIONS, "valueRenderOption",
                     "FORMATTED_VALUE")
    datetime_option = _option(args.get("dateTimeRenderOption"), DATETIME_OPTIONS,
                              "dateTimeRenderOption", "SERIAL_NUMBER")
    return major, render, datetime_option


def get(spreadsheet, range_text, args):
    major, render, datetime_option = _read_options(args)
    sheet, rng = resolve_range(spreadsheet, range_text)
    rng = clip_to_grid(sheet, rng)
    return value_range(sheet, rng, render, major, datetime_option)


def batch_get(spreadsheet, spreadsheet_id, args):
    major, render, datetime_option = _read_options(args)
    result = {"spreadsheetId": spreadsheet_id}
    ranges = []
    for text in args.getlist("ranges"):
        sheet, rng = resolve_range(spreadsheet, text)
        ranges.append(value_range(sheet, clip_to_grid(sheet, rng), render, major,
                                  datetime_option))
    if ranges:
        result["valueRanges"] = ranges
    return result


# ---------------------------------------------------------------- writing

def _oriented(values, major):
    """Rows of the values, whichever way they were given."""
    if major != "COLUMNS":
        return values
    height = max((len(column) for column in values), default=0)
    return [[column[row] if row < len(column) else None for column in values]
            for row in range(height)]


def write_block(sheet, start_row, start_col, rows, input_option):
    """Write rows of values with their top-left at (start_row, start_col)."""
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            try:
                change = parse_input(value, input_option)
            except ValueError:
                raise invalid_argument("sheets", f"Invalid values[{r}][{c}]: nested list or "
                                                 "struct values are not allowed.")
            key = (start_row + r, start_col + c)
            if change == SKIP:
                continue
            cell = sheet.cells.setdefault(key, {})
            enter(cell, change)
            if not cell:
                del sheet.cells[key]


def _update_result(spreadsheet_id, sheet, start_row, start_col, rows):
    """The UpdateValuesResponse of a write, and the CellRange written (None if nothing)."""
    width = max((len(row) for row in rows), default=0)
    result = {"spreadsheetId": spreadsheet_id}
    if not rows or not width:
        return result, None
    written = a1.CellRange(start_row, start_row + len(rows), start_col, start_col + width)
    result.update({
        "updatedRange": a1.format_range(sheet.title, written),
        "updatedRows": len(rows),
        "updatedColumns": width,
        "updatedCells": sum(len(row) for row in rows),
    })
    return result, written


def _check_fits(sheet, rng, rows, range_text):
    """A range bigger than one cell bounds the write; a single cell is an anchor."""
    height = len(rows)
    width = max((len(row) for row in rows), default=0)
    if not rng.single_cell:
        if rng.end_row is not None and rng.start_row + height > rng.end_row:
            raise invalid_argument("sheets", f"Requested writing within range [{range_text}], "
                                             f"but tried writing to row [{rng.end_row + 1}]")
        if rng.end_col is not None and rng.start_col + width > rng.end_col:
            raise invalid_argument("sheets", f"Requested writing within range [{range_text}], "
                                             "but tried writing to column "
                                             f"[{a1.column_letters(rng.end_col)}]")
    if rng.start_row + height > sheet.row_count or rng.start_col + width > sheet.column_count:
        raise grid_limits_error(sheet, a1.CellRange(rng.start_row, rng.start_row + height,
                                                    rng.start_col, rng.start_col + width))


def update_one(spreadsheet, spreadsheet_id, range_text, body, input_option, include, render):
    """One value range written (values.update and each entry of values.batchUpdate)."""
    values = body.get("values") or []  # a list of lists: strict.py checked
    sheet, rng = resolve_range(spreadsheet, range_text)
    major = _option(body.get("majorDimension"), DIMENSIONS, "majorDimension", "ROWS")
    rows = _oriented(values, major)
    _check_fits(sheet, rng, rows, range_text)
    write_block(sheet, rng.start_row, rng.start_col, rows, input_option)
    result, written = _update_result(spreadsheet_id, sheet, rng.start_row, rng.start_col, rows)
    if include and written:
        result["updatedData"] = value_range(sheet, written, render, major)
    return result, sheet, written


def update(spreadsheet, spreadsheet_id, range_text, args, body):
    input_option = _option(args.get("valueInputOption"), INPUT_OPTIONS, "valueInputOption",
                           required=True)
    render = _option(args.get("responseValueRenderOption"), RENDER_OPTIONS,
                     "responseValueRenderOption", "FORMATTED_VALUE")
    include = (args.get("includeValuesInResponse") or "").lower() == "true"
    result, _, _ = update_one(spreadsheet, spreadsheet_id, range_text, body, input_option,
                              include, render)
    return result


def batch_update(spreadsheet, spreadsheet_id, body):
    input_option = _option(body.get("valueInputOption"), INPUT_OPTIONS, "valueInputOption",
                           required=True)
    render = _option(body.get("responseValueRenderOption"), RENDER_OPTIONS,
                     "responseValueRenderOption", "FORMATTED_VALUE")
    include = bool(body.get("includeValuesInResponse"))
    responses = []
    rows, columns, sheets, cells = set(), set(), set(), 0
    for entry in body.get("data") or []:
        result, sheet, written = update_one(spreadsheet, spreadsheet_id, entry.get("range", ""),
                                            entry, input_option, include, render)
        responses.append(result)
        if written:
            sheets.add(sheet.sheet_id)
            rows.update((sheet.sheet_id, r) for r in range(written.start_row, written.end_row))
            columns.update((sheet.sheet_id, c) for c in range(written.start_col, written.end_col))
            cells += result["updatedCells"]
    result = {"spreadsheetId": spreadsheet_id}
    if responses:
        result.update({
            "totalUpdatedRows": len(rows),
            "totalUpdatedColumns": len(columns),
            "totalUpdatedCells": cells,
            "totalUpdatedSheets": len(sheets),
            "responses": responses,
        })
    return result


def batch_update_by_data_filter(spreadsheet, spreadsheet_id, body):
    """values.batchUpdateByDataFilter: each entry's values written to every range its
    dataFilter selects (a row's developer metadata, an A1 range or a grid range); a filter
    that selects nothing writes nothing, as in Sheets."""
    input_option = _option(body.get("valueInputOption"), INPUT_OPTIONS, "valueInputOption", required=True)
    render = _option(body.get("responseValueRenderOption"), RENDER_OPTIONS, "responseValueRenderOption",
                     "FORMATTED_VALUE")
    responses, cells = [], 0
    for entry in body.get("data") or []:
        for range_text in _filter_ranges(spreadsheet, entry.get("dataFilter") or {}):
            result, _, _ = update_one(spreadsheet, spreadsheet_id, range_text, entry, input_option,
                                      bool(body.get("includeValuesInResponse")), render)
            responses.append({**result, "dataFilter": entry.get("dataFilter")})
            cells += result.get("updatedCells", 0)
    result = {"spreadsheetId": spreadsheet_id}
    if responses:
        result.update(totalUpdatedCells=cells, responses=responses)
    return result


def _filter_ranges(spreadsheet, data_filter):
    """The A1 ranges a DataFilter selects."""
    if "developerMetadataLookup" in data_filter:
        return [f"'{sheet.title.replace(chr(39), chr(39) * 2)}'!{row + 1}:{row + 1}"
                for sheet, row in sheets_metadata.matching_rows(spreadsheet, data_filter["developerMetadataLookup"])]
    if "a1Range" in data_filter:
        return [data_filter["a1Range"]]
    raise invalid_argument("sheets", "The fake selects by developerMetadataLookup or a1Range only.")


# ---------------------------------------------------------------- append

def find_table(sheet, rng):
    """The "table" an append continues, as a CellRange, or None.

    As Google does it: tables are blocks of filled cells touching each other
    (side by side or one above the other). Of the tables that have a cell
    inside the range, the last one (lowest, then rightmost) is used. A range
    of one empty cell therefore finds no table and the values go right there.
    """
    search = rng.clipped(sheet.row_count, sheet.column_count)
    filled = {key for key, cell in sheet.cells.items() if has_value(cell)}
    seen = set()
    best = None
    for key in sorted(filled):
        inside = (search.start_row <= key[0] < search.end_row
                  and search.start_col <= key[1] < search.end_col)
        if not inside or key in seen:
            continue
        block = _connected_block(key, filled)
        seen |= block
        rows = [row for row, _ in block]
        cols = [col for _, col in block]
        table = a1.CellRange(min(rows), max(rows) + 1, min(cols), max(cols) + 1)
        if best is None or (table.end_row, table.end_col) > (best.end_row, best.end_col):
            best = table
    return best


def _connected_block(start, filled):
    block = {start}
    pending = [start]
    while pending:
        row, col = pending.pop()
        for neighbour in ((row - 1, col), (row + 1, col), (row, col - 1), (row, col + 1)):
            if neighbour in filled and neighbour not in block:
                block.add(neighbour)
                pending.append(neighbour)
    return block


def append(spreadsheet, spreadsheet_id, range_text, args, body):
    input_option = _option(args.get("valueInputOption"), INPUT_OPTIONS, "valueInputOption",
                           required=True)
    insert_option = _option(args.get("insertDataOption"), ("OVERWRITE", "INSERT_ROWS"),
                            "insertDataOption", "OVERWRITE")
    render = _option(args.get("responseValueRenderOption"), RENDER_OPTIONS,
                     "responseValueRenderOption", "FORMATTED_VALUE")
    include = (args.get("includeValuesInResponse") or "").lower() == "true"
    values = body.get("values") or []  # a list of lists: strict.py checked
    sheet, rng = resolve_range(spreadsheet, range_text)
    major = _option(body.get("majorDimension"), DIMENSIONS, "majorDimension", "ROWS")
    rows = _oriented(values, major)
    table = find_table(sheet, rng)
    start_row = table.end_row if table else rng.start_row
    start_col = table.start_col if table else rng.start_col
    height = len(rows)
    width = max((len(row) for row in rows), default=0)
    if insert_option == "INSERT_ROWS" and height:
        insert_rows(sheet, start_row, height)
    grid = sheet.grid
    grid["rowCount"] = max(sheet.row_count, start_row + height)
    grid["columnCount"] = max(sheet.column_count, start_col + width)
    write_block(sheet, start_row, start_col, rows, input_option)
    updates, written = _update_result(spreadsheet_id, sheet, start_row, start_col, rows)
    if include and written:
        updates["updatedData"] = value_range(sheet, written, render, major)
    result = {"spreadsheetId": spreadsheet_id}
    if table:
        result["tableRange"] = a1.format_range(sheet.title, table)
    result["updates"] = updates
    return result


def insert_rows(sheet, at_row, count):
    """Shift cells at and below ``at_row`` down by ``count`` and grow the grid."""
    moved = {}
    for (row, col), cell in sheet.cells.items():
        moved[(row + count if row >= at_row else row, col)] = cell
    sheet.cells = moved
    sheet.grid["rowCount"] = sheet.row_count + count
    sheets_metadata.rows_inserted(sheet, at_row, count)


# ---------------------------------------------------------------- clear

def clear_range(sheet, rng):
    for key in [key for key in sheet.cells
                if rng.start_row <= key[0] < rng.end_row and rng.start_col <= key[1] < rng.end_col]:
        cell = sheet.cells[key]
        clear_value(cell)
        if not cell:
            del sheet.cells[key]


def clear(spreadsheet, spreadsheet_id, range_text):
    sheet, rng = resolve_range(spreadsheet, range_text)
    rng = clip_to_grid(sheet, rng)
    clear_range(sheet, rng)
    return {"spreadsheetId": spreadsheet_id, "clearedRange": a1.format_range(sheet.title, rng)}


def batch_clear(spreadsheet, spreadsheet_id, body):
    cleared = []
    for text in body.get("ranges") or []:
        cleared.append(clear(spreadsheet, spreadsheet_id, text)["clearedRange"])
    result = {"spreadsheetId": spreadsheet_id}
    if cleared:
        result["clearedRanges"] = cleared
    return result
