"""A Google Sheets spreadsheet in memory: spreadsheets, sheets and colours.

A sheet's cells map (row, column) to a cell dict; what a cell holds, and how values go in
and come out, is in sheets_cells.
"""

import copy

from .sheets_cells import has_value

DEFAULT_ROWS = 1000
DEFAULT_COLUMNS = 26
OWNER_EMAIL = "fake-user@example.com"

# The spreadsheet properties Google answers for a new spreadsheet (en_US).
DEFAULT_SPREADSHEET_PROPERTIES = {
    "locale": "en_US",
    "autoRecalc": "ON_CHANGE",
    "timeZone": "Etc/GMT",
    "defaultFormat": {
        "backgroundColor": {"red": 1, "green": 1, "blue": 1},
        "padding": {"top": 2, "right": 3, "bottom": 2, "left": 3},
        "verticalAlignment": "BOTTOM",
        "wrapStrategy": "OVERFLOW_CELL",
        "textFormat": {
            "foregroundColor": {},
            "fontFamily": "arial,sans,sans-serif",
            "fontSize": 10,
            "bold": False,
            "italic": False,
            "strikethrough": False,
            "underline": False,
            "foregroundColorStyle": {"rgbColor": {}},
        },
        "backgroundColorStyle": {"rgbColor": {"red": 1, "green": 1, "blue": 1}},
    },
    "spreadsheetTheme": {
        "primaryFontFamily": "Arial",
        "themeColors": [
            {"colorType": "TEXT", "color": {"rgbColor": {}}},
            {"colorType": "BACKGROUND", "color": {"rgbColor": {"red": 1, "green": 1, "blue": 1}}},
            {"colorType": "ACCENT1", "color": {"rgbColor": {
                "red": 0.25882354, "green": 0.52156866, "blue": 0.95686275}}},
            {"colorType": "ACCENT2", "color": {"rgbColor": {
                "red": 0.91764706, "green": 0.2627451, "blue": 0.20784314}}},
            {"colorType": "ACCENT3", "color": {"rgbColor": {
                "red": 0.9843137, "green": 0.7372549, "blue": 0.015686275}}},
            {"colorType": "ACCENT4", "color": {"rgbColor": {
                "red": 0.20392157, "green": 0.65882355, "blue": 0.3254902}}},
            {"colorType": "ACCENT5", "color": {"rgbColor": {
                "red": 1, "green": 0.42745098, "blue": 0.003921569}}},
            {"colorType": "ACCENT6", "color": {"rgbColor": {
                "red": 0.27450982, "green": 0.7411765, "blue": 0.7764706}}},
            {"colorType": "LINK", "color": {"rgbColor": {
                "red": 0.06666667, "green": 0.33333334, "blue": 0.8}}},
        ],
    },
}


class Sheet:
    def __init__(self, properties):
        self.properties = properties
        self.cells = {}  # (row, col) -> cell dict
        self.protected_ranges = []
        self.row_metadata = {}  # row -> its developer metadata (sheets_metadata.py)
        self.column_groups = []  # DimensionGroups over columns
        self.conditional_formats = []
        self.merges = []
        self.basic_filter = None
        self.charts = []  # EmbeddedCharts on this sheet (sheets_charts.py)

    @property
    def sheet_id(self):
        return self.properties.get("sheetId", 0)

    @property
    def title(self):
        return self.properties["title"]

    @property
    def grid(self):
        return self.properties.setdefault("gridProperties", {})

    @property
    def row_count(self):
        return self.grid.get("rowCount", 0)

    @property
    def column_count(self):
        return self.grid.get("columnCount", 0)

    def used_bounds(self):
        """(rows, columns) spanned by cells that hold a value."""
        rows = cols = 0
        for (row, col), cell in self.cells.items():
            if has_value(cell):
                rows = max(rows, row + 1)
                cols = max(cols, col + 1)
        return rows, cols


class Spreadsheet:
    def __init__(self, properties=None):
        self.properties = copy.deepcopy(DEFAULT_SPREADSHEET_PROPERTIES)
        self.properties.update(properties or {})
        self.sheets = []
        self.named_ranges = []

    def sheet_by_id(self, sheet_id):
        return next((s for s in self.sheets if s.sheet_id == sheet_id), None)

    def sheet_by_title(self, title):
        return next((s for s in self.sheets if s.title == title), None)

    def reindex(self):
        """Keep sheets sorted by index and the indexes 0..n-1."""
        self.sheets.sort(key=lambda s: s.properties.get("index", 0))
        for position, sheet in enumerate(self.sheets):
            sheet.properties["index"] = position


def new_sheet_properties(sheet_id, title, index, rows=DEFAULT_ROWS, columns=DEFAULT_COLUMNS):
    return {
        "sheetId": sheet_id,
        "title": title,
        "index": index,
        "sheetType": "GRID",
        "gridProperties": {"rowCount": rows, "columnCount": columns},
    }


# ---------------------------------------------------------------- colors

def normalize_colors(value):
    """Colors as stored: only the ``xColorStyle`` form, zero components left out.

    A plain ``xColor`` becomes ``xColorStyle: {rgbColor: ...}``; a null
    color (how a color is cleared) removes it. ``with_color_twins`` adds the
    plain form back when answering, as Google answers both.
    """
    if isinstance(value, list):
        return [normalize_colors(item) for item in value]
    if not isinstance(value, dict):
        return value
    result = {}
    for key, item in value.items():
        item = normalize_colors(item)
        if item is None:
            continue
        if key == "rgbColor" and isinstance(item, dict):
            item = {k: v for k, v in item.items() if v not in (0, None)}
        if _is_plain_color(key, item):
            key, item = key + "Style", {"rgbColor": {k: v for k, v in item.items()
                                                      if v not in (0, None)}}
        if key.endswith("ColorStyle") and not item:
            continue
        result[key] = item
    return result


def _is_plain_color(key, item):
    return key.endswith("Color") and key != "rgbColor" and isinstance(item, dict) and set(
        item) <= {"red", "green", "blue", "alpha"}


def with_color_twins(value):
    """Add ``xColor`` next to each ``xColorStyle`` holding an rgbColor."""
    if isinstance(value, list):
        return [with_color_twins(item) for item in value]
    if not isinstance(value, dict):
        return value
    result = {key: with_color_twins(item) for key, item in value.items()}
    for key, item in list(result.items()):
        if key.endswith("ColorStyle") and isinstance(item, dict) and "rgbColor" in item:
            result.setdefault(key[:-len("Style")], copy.deepcopy(item["rgbColor"]))
    return result
