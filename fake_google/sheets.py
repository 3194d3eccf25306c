"""Sheets v4: spreadsheets.create/get/batchUpdate, sheets.copyTo and values.*.

Spreadsheets are Drive files too (mimeType application/vnd.google-apps.spreadsheet);
the spreadsheet's title is the Drive file's name.
"""

import copy
import csv
import io

from . import protection, sheets_charts, sheets_metadata, sheets_requests, sheets_values
from .a1 import CellRange
from .copies import snapshot
from .errors import ApiError, entity_not_found, invalid_argument
from .fields import apply_fields, parse_or_error
from .sheets_cells import (
    cell_from_extended_value,
    effective_value,
    extended_value,
    formatted_value,
    has_value,
)
from .sheets_model import Sheet, Spreadsheet, new_sheet_properties, with_color_twins

SPREADSHEET_MIME = "application/vnd.google-apps.spreadsheet"


class SheetsStore:
    def __init__(self, state):
        self.state = state
        self.spreadsheets = {}  # file id -> Spreadsheet

    # ------------------------------------------------------------ content lifecycle

    def create_content(self, file_id, spreadsheet=None):
        if spreadsheet is None:
            spreadsheet = Spreadsheet()
            spreadsheet.sheets.append(Sheet(new_sheet_properties(0, "Sheet1", 0)))
        self.spreadsheets[file_id] = spreadsheet

    def copy_content(self, source_id, target_id):
        self.spreadsheets[target_id] = snapshot(self.spreadsheets[source_id])

    def delete_content(self, file_id):
        self.spreadsheets.pop(file_id, None)

    def plain_text(self, file_id):
        spreadsheet = self.spreadsheets.get(file_id)
        if spreadsheet is None:
            return ""
        return "\n".join(formatted_value(cell) for sheet in spreadsheet.sheets
                         for cell in sheet.cells.values() if has_value(cell))

    def first_sheet_csv(self, file_id):
        """The first sheet as CSV (Drive's export to text/csv)."""
        sheet = self.spreadsheets[file_id].sheets[0]
        rows = sheets_values.read_matrix(
            sheet, CellRange(0, sheet.row_count, 0, sheet.column_count), "FORMATTED_VALUE")
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        width = max((len(row) for row in rows), default=0)
        for row in rows:
            writer.writerow(row + [""] * (width - len(row)))
        return out.getvalue()

    def workbook_xlsx(self, file_id):
        """Every sheet as an .xlsx workbook (Drive's export to Excel): the computed values, dates
        as dates, formulas as the values they give (as Excel would show them on opening)."""
        from openpyxl import Workbook

        from .sheets_cells import DATE_TYPES, moment_of, unformatted_value

        book = Workbook()
        book.remove(book.active)
        for sheet in self.spreadsheets[file_id].sheets:
            out = book.create_sheet(sheet.properties["title"][:31])
            for (row, col), cell in sorted(sheet.cells.items()):
                value = unformatted_value(cell) if has_value(cell) else None
                if value in (None, ""):
                    continue
                kind = ((cell.get("format") or {}).get("numberFormat") or {}).get("type")
                if kind in DATE_TYPES and isinstance(value, (int, float)) and not isinstance(value, bool):
                    value = moment_of(value)
                out.cell(row=row + 1, column=col + 1, value=value)
        data = io.BytesIO()
        book.save(data)
        return data.getvalue()

    def _spreadsheet(self, spreadsheet_id):
        if spreadsheet_id not in self.spreadsheets:
            if spreadsheet_id in self.state.drive.files:
                raise ApiError(400, "This operation is not supported for this document",
                               api="sheets")
            raise entity_not_found("sheets")
        return self.spreadsheets[spreadsheet_id]

    def _changed(self, spreadsheet_id, req=None):
        """The spreadsheet's file touched, by whoever the request's token stands for."""
        self.state.drive.touch(spreadsheet_id, protection.user_of(self.state.users, req.headers) if req else None)

    # ------------------------------------------------------------ spreadsheets

    def create(self, req):
        body = req.json()
        properties = copy.deepcopy(body.get("properties") or {})
        title = properties.pop("title", None) or "Untitled spreadsheet"
        spreadsheet = Spreadsheet(properties)
        for position, sheet_body in enumerate(body.get("sheets") or []):
            spreadsheet.sheets.append(self._sheet_from_body(sheet_body, position))
        if not spreadsheet.sheets:
            spreadsheet.sheets.append(Sheet(new_sheet_properties(0, "Sheet1", 0)))
        file_id = self.state.drive.new_file(title, SPREADSHEET_MIME, content=spreadsheet)
        return self.render(file_id)

    def _sheet_from_body(self, sheet_body, position):
        given = copy.deepcopy(sheet_body.get("properties") or {})
        grid = given.pop("gridProperties", {})
        sheet_id = given.pop("sheetId", 0 if position == 0 else self.state.ids.sheet_id())
        properties = new_sheet_properties(sheet_id, given.pop("title", f"Sheet{position + 1}"),
                                          position, grid.get("rowCount", 1000),
                                          grid.get("columnCount", 26))
        properties["gridProperties"].update(grid)
        given.pop("index", None)
        properties.update(given)
        sheet = Sheet(properties)
        for grid_data in sheet_body.get("data") or []:
            row0, col0 = grid_data.get("startRow", 0), grid_data.get("startColumn", 0)
            for r, row in enumerate(grid_data.get("rowData") or []):
                for c, cell_data in enumerate(row.get("values") or []):
                    value = cell_from_extended_value((cell_data or {}).get("userEnteredValue"))
                    if value:
                        sheet.cells[(row0 + r, col0 + c)] = value
        return sheet

    def get(self, req):
        spreadsheet_id = req.path["spreadsheetId"]
        self._spreadsheet(spreadsheet_id)
        fields_param = req.param("fields")
        tree = parse_or_error(fields_param, "sheets") if fields_param else None
        wants_data = req.flag("includeGridData") or bool(fields_param and _mentions_data(tree))
        result = self.render(spreadsheet_id, include_grid=wants_data, ranges=req.params("ranges"))
        return apply_fields(result, tree) if tree else result

    def render(self, spreadsheet_id, include_grid=False, ranges=()):
        """Google's Spreadsheet JSON."""
        spreadsheet = self.spreadsheets[spreadsheet_id]
        properties = {"title": self.state.drive.files[spreadsheet_id]["name"]}
        properties.update(copy.deepcopy(spreadsheet.properties))
        selected = self._ranges_by_sheet(spreadsheet, ranges)
        sheets = []
        for sheet in spreadsheet.sheets:
            if selected is not None and sheet.sheet_id not in selected:
                continue
            sheet_ranges = selected.get(sheet.sheet_id) if selected is not None else None
            sheets.append(render_sheet(sheet, include_grid, sheet_ranges))
        result = {"spreadsheetId": spreadsheet_id, "properties": properties, "sheets": sheets}
        if spreadsheet.named_ranges:
            result["namedRanges"] = [sheets_requests.render_named_range(named)
                                     for named in spreadsheet.named_ranges]
        result["spreadsheetUrl"] = f"https://docs.google.com/spreadsheets/d/{spreadsheet_id}/edit"
        return result

    def _ranges_by_sheet(self, spreadsheet, ranges):
        if not ranges:
            return None
        selected = {}
        for text in ranges:
            sheet, rng = sheets_values.resolve_range(spreadsheet, text)
            selected.setdefault(sheet.sheet_id, []).append(
                sheets_values.clip_to_grid(sheet, rng))
        return selected

    def batch_update(self, req):
        spreadsheet_id = req.path["spreadsheetId"]
        self._spreadsheet(spreadsheet_id)  # 404 before anything about the body
        body = req.json()
        requests = body.get("requests") or []
        if not requests:
            raise invalid_argument("sheets", "Must specify at least one request.")

        def apply(work, _):
            replies = [self._apply(work, request, index) for index, request in enumerate(requests)]
            return replies, work.properties.pop("title", None)  # the title is the Drive file's name
        replies, title = self._edit(req, apply)
        if title:
            self.state.drive.files[spreadsheet_id]["name"] = title
        result = {"spreadsheetId": spreadsheet_id, "replies": replies}
        if body.get("includeSpreadsheetInResponse"):
            result["updatedSpreadsheet"] = self.render(
                spreadsheet_id, include_grid=bool(body.get("responseIncludeGridData")),
                ranges=body.get("responseRanges") or ())
        return result

    def _apply(self, spreadsheet, request, index):
        if not isinstance(request, dict) or len(request) != 1:
            raise invalid_argument("sheets", f"Invalid requests[{index}]: exactly one kind of "
                                             "request must be set.")
        kind, payload = next(iter(request.items()))
        handler = sheets_requests.REQUEST_HANDLERS.get(kind)
        if handler is None:
            # strict.py refused names Google does not know: this kind is Google's, not the fake's
            raise invalid_argument("sheets", f"Invalid requests[{index}].{kind}: this "
                                             "request kind is not implemented by "
                                             "fake_google.")
        return handler(self, spreadsheet, payload or {}, index)

    # ------------------------------------------------------------ values

    def values_get(self, req):
        spreadsheet = self._spreadsheet(req.path["spreadsheetId"])
        return sheets_values.get(spreadsheet, req.path["range"], req.args)

    def values_batch_get(self, req):
        spreadsheet_id = req.path["spreadsheetId"]
        return sheets_values.batch_get(self._spreadsheet(spreadsheet_id), spreadsheet_id,
                                       req.args)

    def values_update(self, req):
        return self._edit(req, lambda work, sid: sheets_values.update(work, sid, req.path["range"], req.args,
                                                                        req.json()))

    def values_append(self, req):
        return self._edit(req, lambda work, sid: sheets_values.append(work, sid, req.path["range"], req.args,
                                                                        req.json()))

    def values_clear(self, req):
        return self._edit(req, lambda work, sid: sheets_values.clear(work, sid, req.path["range"]))

    def values_batch_update(self, req):
        return self._edit(req, lambda work, sid: sheets_values.batch_update(work, sid, req.json()))

    def values_batch_update_by_data_filter(self, req):
        return self._edit(req, lambda work, sid: sheets_values.batch_update_by_data_filter(work, sid, req.json()))

    def values_batch_clear(self, req):
        return self._edit(req, lambda work, sid: sheets_values.batch_clear(work, sid, req.json()))

    def _edit(self, req, change):
        """`change` made on a copy, kept only if the caller may edit every cell it touched."""
        spreadsheet_id = req.path["spreadsheetId"]
        before = self._spreadsheet(spreadsheet_id)
        work = snapshot(before)
        result = change(work, spreadsheet_id)
        protection.check_edit(before, work, protection.user_of(self.state.users, req.headers))
        self.spreadsheets[spreadsheet_id] = work
        self._changed(spreadsheet_id, req)
        return result


def _mentions_data(tree):
    """Whether a fields selection reaches sheets' grid data (then it is included)."""
    if "*" in tree:
        return True
    if "sheets" not in tree:
        return False
    sheets = tree["sheets"]
    return sheets is None or "*" in sheets or "data" in sheets


# ---------------------------------------------------------------- rendering

def render_sheet_properties(properties):
    """SheetProperties as Google writes them: zero/false grid settings are left out."""
    rendered = with_color_twins(properties)
    for key in [k for k, v in rendered.items() if v is False]:
        del rendered[key]
    grid = rendered.get("gridProperties") or {}
    for key in [k for k, v in grid.items()
                if k not in ("rowCount", "columnCount") and v in (0, False)]:
        del grid[key]
    return rendered


def render_sheet(sheet, include_grid, ranges):
    rendered = {"properties": render_sheet_properties(sheet.properties)}
    if include_grid:
        whole = [CellRange(0, sheet.row_count, 0, sheet.column_count)]
        rendered["data"] = [render_grid_data(sheet, rng) for rng in (ranges or whole)]
    if sheet.merges:
        rendered["merges"] = [sheets_requests.render_grid_range(m) for m in sheet.merges]
    if sheet.conditional_formats:
        rendered["conditionalFormats"] = [_render_rule(rule) for rule in sheet.conditional_formats]
    if sheet.protected_ranges:
        rendered["protectedRanges"] = [sheets_requests.render_protected_range(p)
                                       for p in sheet.protected_ranges]
    if sheet.column_groups:
        rendered["columnGroups"] = copy.deepcopy(sheet.column_groups)
    if sheet.basic_filter:
        basic_filter = copy.deepcopy(sheet.basic_filter)
        basic_filter["range"] = sheets_requests.render_grid_range(basic_filter.get("range", {}))
        rendered["basicFilter"] = basic_filter
    if sheet.charts:
        rendered["charts"] = [sheets_charts.render_chart(chart) for chart in sheet.charts]
    return rendered


def _render_rule(rule):
    rendered = copy.deepcopy(rule)
    rendered["ranges"] = [sheets_requests.render_grid_range(r) for r in rendered.get("ranges", [])]
    return rendered


def render_grid_data(sheet, rng):
    """GridData for a clipped range: rowData up to the last row holding anything."""
    rows = []
    for row in range(rng.start_row, rng.end_row):
        values = [render_cell_data(sheet.cells.get((row, col)))
                  for col in range(rng.start_col, rng.end_col)]
        while values and not values[-1]:
            values.pop()
        rows.append({"values": values} if values else {})
    while rows and not rows[-1]:
        rows.pop()
    data = {}
    if rng.start_row:
        data["startRow"] = rng.start_row
    if rng.start_col:
        data["startColumn"] = rng.start_col
    if rows:
        data["rowData"] = rows
    data["rowMetadata"] = [sheets_metadata.render_row(sheet, row) for row in range(rng.start_row, rng.end_row)]
    data["columnMetadata"] = [{"pixelSize": 100} for _ in range(rng.start_col, rng.end_col)]
    return data


def render_cell_data(cell):
    """CellData of one cell ({} for an empty one)."""
    if not cell:
        return {}
    data = {}
    if has_value(cell):
        data["userEnteredValue"] = extended_value(cell)
        data["effectiveValue"] = effective_value(cell)
        data["formattedValue"] = formatted_value(cell)
    if cell.get("format"):
        data["userEnteredFormat"] = with_color_twins(cell["format"])
    if cell.get("note"):
        data["note"] = cell["note"]
    if cell.get("dataValidation"):
        data["dataValidation"] = copy.deepcopy(cell["dataValidation"])
    runs = cell.get("textFormatRuns")
    if runs:  # rich text; a link over the whole text is also the cell's hyperlink, as Sheets shows it
        data["textFormatRuns"] = copy.deepcopy(runs)
        link = ((runs[0].get("format") or {}).get("link") or {}).get("uri")
        if len(runs) == 1 and runs[0].get("startIndex", 0) == 0 and link:
            data["hyperlink"] = link
    return data
