"""A Google Sheets spreadsheet in memory: sheets, cells, and how values go in and out.

A cell is a dict with any of:
    "value":    str, int/float or bool (what the user entered, when not a formula)
    "formula":  "=..." (entered with USER_ENTERED)
    "display":  the formatted text when it differs from the plain value (e.g. "50%")
    "is_date":  True for a date entered as text (value is then a serial number)
    "format":   userEnteredFormat
    "note":     a note
    "dataValidation": a DataValidationRule
"""

import ast
import copy
import datetime
import operator
import re

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
        self.conditional_formats = []
        self.merges = []
        self.basic_filter = None

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


def has_value(cell):
    return cell.get("formula") is not None or cell.get("value") not in (None, "")


# ---------------------------------------------------------------- values in

_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_PERCENT = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)%$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_EPOCH = datetime.date(1899, 12, 30)

CLEAR = "clear"  # the input clears the cell
SKIP = "skip"    # the input (null) leaves the cell as it is


def parse_input(value, input_option):
    """What a value written with valueInputOption does to a cell.

    Returns CLEAR, SKIP, or the cell's new value fields.
    """
    if value is None:
        return SKIP
    if isinstance(value, bool) or isinstance(value, (int, float)):
        return {"value": value}
    if isinstance(value, (list, dict)):
        raise ValueError("nested values are not allowed in a cell")
    text = str(value)
    if text == "":
        return CLEAR
    if input_option == "RAW":
        return {"value": text}
    return _parse_user_entered(text)


def _parse_user_entered(text):
    """Google's parsing of USER_ENTERED strings (the common cases)."""
    if text.startswith("="):
        return {"formula": text}
    if text.startswith("'"):
        return {"value": text[1:]}
    stripped = text.strip()
    if _NUMBER.match(stripped):
        return {"value": _number(float(stripped))}
    if _GROUPED.match(stripped):
        return {"value": _number(float(stripped.replace(",", ""))), "display": stripped}
    if _PERCENT.match(stripped):
        return {"value": float(stripped[:-1]) / 100, "display": stripped}
    if stripped.upper() in ("TRUE", "FALSE"):
        return {"value": stripped.upper() == "TRUE"}
    date = _ISO_DATE.match(stripped)
    if date:
        try:
            day = datetime.date(int(date.group(1)), int(date.group(2)), int(date.group(3)))
            return {"value": (day - _EPOCH).days, "display": stripped, "is_date": True}
        except ValueError:
            pass
    return {"value": text}


def _number(value):
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


# ---------------------------------------------------------------- values out

_HYPERLINK = re.compile(r'^=HYPERLINK\(\s*"([^"]*)"\s*(?:[,;]\s*"([^"]*)"\s*)?\)$', re.I)


def formula_result(formula):
    """What a formula shows.

    The fake evaluates HYPERLINK("url", "label") and arithmetic on numbers
    (=3/2, =1+2*3, =2^3); any other formula shows its own text.
    """
    match = _HYPERLINK.match(formula.strip())
    if match:
        return match.group(2) if match.group(2) is not None else match.group(1)
    try:
        return _number(float(_arithmetic(ast.parse(formula[1:].replace("^", "**"),
                                                     mode="eval").body)))
    except ZeroDivisionError:
        return "#DIV/0!"
    except (SyntaxError, ValueError, TypeError, OverflowError):
        return formula


_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
              ast.Div: operator.truediv, ast.Pow: operator.pow}


def _arithmetic(node):
    """Numbers and + - * / ** only; anything else is a ValueError."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        return _OPERATORS[type(node.op)](_arithmetic(node.left), _arithmetic(node.right))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.UAdd, ast.USub)):
        value = _arithmetic(node.operand)
        return value if isinstance(node.op, ast.UAdd) else -value
    raise ValueError("not plain arithmetic")


def format_number(value):
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return f"{value:.15g}"


def formatted_value(cell):
    if cell.get("formula") is not None:
        result = formula_result(cell["formula"])
        return result if isinstance(result, str) else format_number(result)
    if "display" in cell:
        return cell["display"]
    value = cell.get("value")
    if isinstance(value, (bool, int, float)):
        return format_number(value)
    return "" if value is None else value


def unformatted_value(cell):
    if cell.get("formula") is not None:
        return formula_result(cell["formula"])
    value = cell.get("value")
    return "" if value is None else value


def render_value(cell, render_option, datetime_option="SERIAL_NUMBER"):
    """The value of a cell as values.get answers it."""
    if cell is None or not has_value(cell):
        return ""
    if cell.get("is_date") and datetime_option == "FORMATTED_STRING":
        return cell["display"]
    if render_option == "FORMULA":
        if cell.get("formula") is not None:
            return cell["formula"]
        return unformatted_value(cell)
    if render_option == "UNFORMATTED_VALUE":
        return unformatted_value(cell)
    return formatted_value(cell)


def extended_value(cell):
    """The cell's value as an ExtendedValue (userEnteredValue in grid data)."""
    if cell.get("formula") is not None:
        return {"formulaValue": cell["formula"]}
    return _typed(cell.get("value"))


def effective_value(cell):
    if cell.get("formula") is not None:
        return _typed(formula_result(cell["formula"]))
    return _typed(cell.get("value"))


def _typed(value):
    if isinstance(value, bool):
        return {"boolValue": value}
    if isinstance(value, (int, float)):
        return {"numberValue": value}
    return {"stringValue": value}


def cell_from_extended_value(value):
    """A cell's value fields from an ExtendedValue (updateCells, repeatCell)."""
    if not value:
        return {}
    if "formulaValue" in value:
        return {"formula": value["formulaValue"]}
    for key in ("stringValue", "numberValue", "boolValue"):
        if key in value:
            return {"value": value[key]}
    return {}


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
