"""Sheets v4 charts: ``addChart`` and ``deleteEmbeddedObject`` in spreadsheets.batchUpdate.

A chart (an EmbeddedChart) is stored on the sheet it sits on: the sheet of its anchor cell, or a
sheet of its own (sheetType OBJECT) made for ``position.newSheet``. spreadsheets.get shows a
sheet's charts under ``sheets[].charts``; deleting the sheet deletes them.

What is checked is what Google's reference says is required or an error (enum values are also
bound by strict.py, from the discovery document, before any handler runs):

* the spec has exactly one kind of chart; ``basicChart`` is checked in depth, the other kinds
  (pieChart, histogramChart...) only for the sheets their source ranges name;
* ``basicChart.chartType`` is a chart type (not unset); ``threeDimensional`` only on BAR, COLUMN
  and COMBO ("setting it on any other chart type returns an error"); at most one domain ("Only a
  single domain is supported"); at most one axis per position, each with a position;
* every source range (``...sourceRange.sources[]``) is on a sheet of the spreadsheet, within its
  grid, one row or one column wide; the domain and every series have as many sources;
* the position is exactly one of ``overlayPosition`` (whose anchor cell's sheet exists),
  ``newSheet: true`` or ``sheetId`` (an existing sheet);
* a chartId already used by a chart of the spreadsheet is an error; without one, an id is drawn.

Not modelled: charts following their data when rows or columns move, updateChartSpec and
updateEmbeddedObjectPosition/Border, rendering defaults Google fills into a stored spec.
"""

import copy
from functools import partial

from . import errors
from .sheets_model import Sheet, normalize_colors, with_color_twins

request_error = partial(errors.request_error, "sheets")

CHART_KINDS = ("basicChart", "pieChart", "bubbleChart", "candlestickChart", "orgChart",
               "histogramChart", "waterfallChart", "treemapChart", "scorecardChart")
BASIC_CHART_TYPES = ("BAR", "LINE", "AREA", "COLUMN", "SCATTER", "COMBO", "STEPPED_AREA")
THREE_D_TYPES = ("BAR", "COLUMN", "COMBO")
AXIS_POSITIONS = ("BOTTOM_AXIS", "LEFT_AXIS", "RIGHT_AXIS")
LEGEND_POSITIONS = ("BASIC_CHART_LEGEND_POSITION_UNSPECIFIED", "BOTTOM_LEGEND", "LEFT_LEGEND",
                    "RIGHT_LEGEND", "TOP_LEGEND", "NO_LEGEND")
# OverlayPosition's documented sizes when none is given.
DEFAULT_WIDTH, DEFAULT_HEIGHT = 600, 371


def add_chart(store, spreadsheet, payload, index):
    kind = "addChart"
    chart = copy.deepcopy(payload.get("chart") or {})
    chart_id = chart.get("chartId")  # int32: 0 is "not set", as proto3 reads it
    if chart_id and find_chart(spreadsheet, chart_id):
        raise request_error(index, kind, f"An embedded object with id {chart_id} already exists.")
    spec = chart.get("spec") or {}
    _check_spec(spreadsheet, spec, index, kind)
    sheet, position = _place(store, spreadsheet, chart.get("position") or {}, index, kind)
    stored = {"chartId": chart_id or _new_chart_id(store, spreadsheet),
              "spec": normalize_colors(_proto3(spec)), "position": position}
    if chart.get("border"):
        stored["border"] = normalize_colors(chart["border"])
    sheet.charts.append(stored)
    return {kind: {"chart": render_chart(stored)}}


def delete_embedded_object(store, spreadsheet, payload, index):
    object_id = payload.get("objectId") or 0
    found = find_chart(spreadsheet, object_id)
    if found is None:
        raise request_error(index, "deleteEmbeddedObject", f"No object with id: {object_id}")
    sheet, chart = found
    sheet.charts.remove(chart)
    return {}


def find_chart(spreadsheet, chart_id):
    """(sheet, chart) of the chart with that id, or None."""
    for sheet in spreadsheet.sheets:
        for chart in sheet.charts:
            if chart["chartId"] == chart_id:
                return sheet, chart
    return None


def render_chart(chart):
    """EmbeddedChart as Google writes it: colors in both forms, a zero coordinate and a source
    range's sheetId 0 left out (proto3 defaults, as render_grid_range leaves them out)."""
    rendered = with_color_twins(copy.deepcopy(chart))
    for sources in _all_sources(rendered["spec"]):
        for grid_range in sources:
            if isinstance(grid_range, dict) and not grid_range.get("sheetId"):
                grid_range.pop("sheetId", None)
    overlay = rendered["position"].get("overlayPosition")
    if overlay:
        overlay["anchorCell"] = {k: v for k, v in overlay.get("anchorCell", {}).items() if v}
        for key in ("offsetXPixels", "offsetYPixels"):
            if not overlay.get(key):
                overlay.pop(key, None)
    return rendered


# ---------------------------------------------------------------- the spec

def _check_spec(spreadsheet, spec, index, kind):
    kinds = [name for name in CHART_KINDS if spec.get(name) is not None]
    if len(kinds) != 1:
        raise request_error(index, kind, "A chart spec must have exactly one kind of chart "
                                         f"(one of {', '.join(CHART_KINDS)}); it has "
                                         f"{len(kinds)}.")
    if kinds[0] == "basicChart":
        _check_basic_chart(spreadsheet, spec["basicChart"], index, kind)
    else:  # other kinds are taken as they are, their data checked for the sheets it names
        for sources in _all_sources(spec[kinds[0]]):
            for grid_range in sources:
                _source_bounds(spreadsheet, grid_range, index, kind)


def _check_basic_chart(spreadsheet, basic, index, kind):
    chart_type = basic.get("chartType")
    if chart_type not in BASIC_CHART_TYPES:
        raise request_error(index, kind, f"basicChart.chartType must be one of "
                                         f"{', '.join(BASIC_CHART_TYPES)}, not {chart_type}.")
    if basic.get("threeDimensional") and chart_type not in THREE_D_TYPES:
        raise request_error(index, kind, f"threeDimensional is not supported for {chart_type} "
                                         "charts.")
    legend = basic.get("legendPosition")
    if legend is not None and legend not in LEGEND_POSITIONS:
        raise request_error(index, kind, f"Invalid legendPosition: {legend}")
    seen = set()
    for axis in basic.get("axis") or []:
        position = (axis or {}).get("position")
        if position not in AXIS_POSITIONS:
            raise request_error(index, kind, f"An axis needs a position ({', '.join(AXIS_POSITIONS)}),"
                                             f" not {position}.")
        if position in seen:
            raise request_error(index, kind, f"A chart may not have more than one axis at "
                                             f"{position}.")
        seen.add(position)
    domains = basic.get("domains") or []
    if len(domains) > 1:
        raise request_error(index, kind, "Only a single domain is supported.")
    for series in basic.get("series") or []:
        target = (series or {}).get("targetAxis")
        if target is not None and target not in ("BASIC_CHART_AXIS_POSITION_UNSPECIFIED",
                                                 *AXIS_POSITIONS):
            raise request_error(index, kind, f"Invalid targetAxis: {target}")
    data = [((d or {}).get("domain") or {}) for d in domains]
    data += [((s or {}).get("series") or {}) for s in basic.get("series") or []]
    counts = set()
    for chart_data in data:
        sources = (chart_data.get("sourceRange") or {}).get("sources") or []
        counts.add(len(sources))
        for grid_range in sources:
            _check_source(spreadsheet, grid_range, index, kind)
    if len(counts) > 1:
        raise request_error(index, kind, "The domain and all series must have the same number "
                                         "of source ranges.")


def _check_source(spreadsheet, grid_range, index, kind):
    start_row, end_row, start_col, end_col = _source_bounds(spreadsheet, grid_range, index, kind)
    if end_row - start_row != 1 and end_col - start_col != 1:
        raise request_error(index, kind, "A source range of a chart must be one row or one "
                                         "column wide.")


def _source_bounds(spreadsheet, grid_range, index, kind):
    grid_range = grid_range or {}
    sheet = _sheet(spreadsheet, grid_range.get("sheetId"), index, kind)
    bounds = (grid_range.get("startRowIndex", 0), grid_range.get("endRowIndex", sheet.row_count),
              grid_range.get("startColumnIndex", 0),
              grid_range.get("endColumnIndex", sheet.column_count))
    if bounds[1] > sheet.row_count or bounds[3] > sheet.column_count:
        raise request_error(index, kind, f"Range exceeds grid limits. Max rows: "
                                         f"{sheet.row_count}, max columns: {sheet.column_count}")
    if not (0 <= bounds[0] < bounds[1] and 0 <= bounds[2] < bounds[3]):
        raise request_error(index, kind, "The range should not be empty.")
    return bounds


def _all_sources(value):
    """Every ChartSourceRange.sources list inside a chart kind's spec."""
    if isinstance(value, dict):
        if isinstance(value.get("sourceRange"), dict):
            yield value["sourceRange"].get("sources") or []
        for item in value.values():
            yield from _all_sources(item)
    elif isinstance(value, list):
        for item in value:
            yield from _all_sources(item)


def _sheet(spreadsheet, sheet_id, index, kind):
    sheet = spreadsheet.sheet_by_id(sheet_id or 0)
    if sheet is None:
        raise request_error(index, kind, f"No grid with id: {sheet_id or 0}")
    return sheet


def _proto3(value):
    """What proto3 JSON keeps of a message: no nulls, falses, empty lists or unset enums."""
    if isinstance(value, dict):
        kept = {key: _proto3(item) for key, item in value.items()}
        return {key: item for key, item in kept.items()
                if item is not None and item is not False and item != []
                and not (isinstance(item, str) and item.endswith("_UNSPECIFIED"))}
    if isinstance(value, list):
        return [_proto3(item) for item in value]
    return value


# ---------------------------------------------------------------- the position

def _place(store, spreadsheet, position, index, kind):
    """(sheet, stored position) for an EmbeddedObjectPosition, a new sheet made for newSheet."""
    given = [name for name in ("overlayPosition", "newSheet", "sheetId")
             if position.get(name) not in (None, False)]
    if len(given) != 1:
        raise request_error(index, kind, "chart.position must set exactly one of "
                                         "overlayPosition, newSheet or sheetId.")
    if given[0] == "overlayPosition":
        overlay = copy.deepcopy(position["overlayPosition"])
        anchor = overlay.get("anchorCell") or {}
        sheet = _sheet(spreadsheet, anchor.get("sheetId"), index, kind)
        overlay["anchorCell"] = {"sheetId": sheet.sheet_id, "rowIndex": anchor.get("rowIndex", 0),
                                 "columnIndex": anchor.get("columnIndex", 0)}
        overlay["widthPixels"] = overlay.get("widthPixels") or DEFAULT_WIDTH
        overlay["heightPixels"] = overlay.get("heightPixels") or DEFAULT_HEIGHT
        ordered = {key: overlay[key] for key in ("anchorCell", "offsetXPixels", "offsetYPixels",
                                                 "widthPixels", "heightPixels") if key in overlay}
        return sheet, {"overlayPosition": ordered}
    if given[0] == "sheetId":
        sheet = _sheet(spreadsheet, position["sheetId"], index, kind)
        return sheet, {"sheetId": sheet.sheet_id}
    sheet = Sheet({"sheetId": store.state.ids.sheet_id(), "title": _next_chart_title(spreadsheet),
                   "index": len(spreadsheet.sheets), "sheetType": "OBJECT"})
    spreadsheet.sheets.append(sheet)
    return sheet, {"sheetId": sheet.sheet_id}


def _next_chart_title(spreadsheet):
    number = 1
    while spreadsheet.sheet_by_title(f"Chart{number}"):
        number += 1
    return f"Chart{number}"


def _new_chart_id(store, spreadsheet):
    while True:
        chart_id = store.state.ids.sheet_id()
        if not find_chart(spreadsheet, chart_id):
            return chart_id
