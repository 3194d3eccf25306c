"""A cell's value: what writing it does and how it is read back.

In: valueInputOption RAW stores a string exactly as sent; USER_ENTERED parses it as if a person
typed it into Google Sheets (spreadsheet locale en_US): '=1+2' becomes a formula, '123' and
'1,234.5' numbers, '50%' a percentage, 'TRUE' a boolean, '2026-03-12' or '12/3/2026'
(month first) a date serial number with a date format; a leading apostrophe keeps the rest as
text ("'007" -> "007").

Out: valueRenderOption FORMATTED_VALUE (what the cell shows), UNFORMATTED_VALUE (the value,
formulas computed), FORMULA (formulas as typed); and CellData's userEnteredValue,
effectiveValue and formattedValue. Formulas are computed by sheets_formulas.

A cell is a dict with any of:
    "value":    str, int/float or bool (what was entered, when not a formula)
    "formula":  "=..." (entered with USER_ENTERED, or as a formulaValue)
    "display":  what Google shows when it keeps the typed form of a number ("1,234.5", "50%")
    "format":   userEnteredFormat (a date typed with USER_ENTERED sets its numberFormat)
    "note":     a note
    "dataValidation": a DataValidationRule
"""

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal

from .sheets_formulas import ErrorValue, evaluate

VALUE_FIELDS = ("value", "formula", "display")
CLEAR = "clear"  # the input clears the cell
SKIP = "skip"    # the input (null) leaves the cell as it is
EPOCH = datetime.date(1899, 12, 30)  # day 0 of Sheets' serial numbers
DATE_TYPES = ("DATE", "DATE_TIME", "TIME")


def has_value(cell):
    return cell.get("formula") is not None or cell.get("value") not in (None, "")


def clear_value(cell):
    """Empty the cell's value and its rich text (runs belong to the text); its format, note and
    validation stay, as in Sheets."""
    for name in VALUE_FIELDS + ("textFormatRuns",):
        cell.pop(name, None)


# ---------------------------------------------------------------- values in

_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_PERCENT = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)%$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_input(value, input_option):
    """What a value written with valueInputOption does to a cell: CLEAR, SKIP, or the
    cell's new value fields (with "numberFormat" when the input sets one)."""
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
    return _date(stripped) or {"value": text}


def _date(text):
    """'2026-03-12' or '3/12/2026' -> the date's serial number and a date format."""
    iso, us = _ISO_DATE.match(text), _US_DATE.match(text)
    if iso:
        (year, month, day), pattern = iso.groups(), "yyyy-mm-dd"
    elif us:
        (month, day, year), pattern = us.groups(), "M/d/yyyy"
    else:
        return None
    try:
        day = datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None  # not a real date (2026-02-30): Sheets keeps it as text
    return {"value": (day - EPOCH).days, "numberFormat": {"type": "DATE", "pattern": pattern}}


def enter(cell, change):
    """Apply a parse_input result (other than SKIP) to a cell."""
    clear_value(cell)
    if change == CLEAR:
        return
    change = dict(change)
    number_format = change.pop("numberFormat", None)
    cell.update(change)
    if number_format:
        cell.setdefault("format", {})["numberFormat"] = number_format


def _number(value):
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


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


# ---------------------------------------------------------------- values out

def computed(cell):
    """The cell's value with its formula computed: number, text, bool or ErrorValue."""
    if cell.get("formula") is not None:
        return evaluate(cell["formula"])
    value = cell.get("value")
    return "" if value is None else value


def format_number(value):
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return f"{value:.15g}"


_DATE_TOKEN = re.compile(r"yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am/pm", re.I)


def moment_of(serial):
    """A serial number as the date and time it stands for: 46093.5 -> 2026-03-12 12:00."""
    return datetime.datetime.combine(EPOCH, datetime.time()) + datetime.timedelta(seconds=round(float(serial) * 86400))


def format_date(serial, pattern):
    """A serial number shown with a date or time pattern: (46093, 'yyyy-mm-dd') -> '2026-03-12',
    (46093.5, 'yyyy-mm-dd hh:mm') -> '2026-03-12 12:00'. As in Sheets, 'm' or 'mm' just after
    an hour or just before seconds means minutes; 'am/pm' makes the hours 12-hour."""
    moment = moment_of(serial)
    twelve = "am/pm" in pattern.lower()
    hour = (moment.hour % 12 or 12) if twelve else moment.hour
    tokens = list(_DATE_TOKEN.finditer(pattern))
    out, last = [], 0
    for i, match in enumerate(tokens):
        token = match.group(0).lower()
        before = tokens[i - 1].group(0).lower() if i else ""
        after = tokens[i + 1].group(0).lower() if i + 1 < len(tokens) else ""
        if token in ("m", "mm") and (before in ("h", "hh") or after in ("s", "ss")):
            text = f"{moment.minute:02d}" if token == "mm" else str(moment.minute)
        else:
            text = {"yyyy": f"{moment.year:04d}", "yy": f"{moment.year % 100:02d}",
                    "mmmm": moment.strftime("%B"), "mmm": moment.strftime("%b"), "mm": f"{moment.month:02d}",
                    "m": str(moment.month), "dddd": moment.strftime("%A"), "ddd": moment.strftime("%a"),
                    "dd": f"{moment.day:02d}", "d": str(moment.day), "hh": f"{hour:02d}", "h": str(hour),
                    "ss": f"{moment.second:02d}", "s": str(moment.second),
                    "am/pm": "AM" if moment.hour < 12 else "PM"}[token]
        out += [pattern[last:match.start()], text]
        last = match.end()
    return "".join(out) + pattern[last:]


def _number_pattern(cell):
    number_format = (cell.get("format") or {}).get("numberFormat") or {}
    if number_format.get("type") in ("NUMBER", "CURRENCY") and number_format.get("pattern"):
        return number_format["pattern"]
    return None


def format_with_pattern(value, pattern):
    """A number shown with a number pattern's grouping and decimals (the first section;
    literal text such as a currency code kept): (150000, '#,##0') -> '150,000'."""
    section = pattern.split(";")[0]
    digits = re.search(r"[#0][#0,]*(\.[#0]+)?", section)
    if not digits:
        return format_number(value)
    decimals = len(digits.group(1)) - 1 if digits.group(1) else 0
    grouped = "," in digits.group(0)
    rounded = Decimal(str(abs(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)  # as Sheets
    text = f"{rounded:{',' if grouped else ''}.{decimals}f}"
    literal = re.sub(r'\[\$([^\]-]*)[^\]]*\]', r"\1", section)
    literal = literal.replace('"', "")
    digits_in_literal = re.search(r"[#0][#0,]*(\.[#0]+)?", literal)
    shown = literal[:digits_in_literal.start()] + text + literal[digits_in_literal.end():]
    return ("-" if value < 0 else "") + shown


def _date_pattern(cell):
    number_format = (cell.get("format") or {}).get("numberFormat") or {}
    if number_format.get("type") in DATE_TYPES:
        return number_format.get("pattern") or "M/d/yyyy"
    return None


def formatted_value(cell):
    """What the cell shows (formattedValue; values.get with FORMATTED_VALUE)."""
    value = computed(cell)
    if isinstance(value, ErrorValue):
        return value.text
    pattern = _date_pattern(cell)
    if pattern and isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_date(value, pattern)
    number_pattern = _number_pattern(cell)
    if number_pattern and isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_with_pattern(value, number_pattern)
    if "display" in cell and cell.get("formula") is None:
        return cell["display"]
    if isinstance(value, (bool, int, float)):
        return format_number(value)
    return value


def unformatted_value(cell):
    """The value, formulas computed (values.get with UNFORMATTED_VALUE); errors as shown."""
    value = computed(cell)
    return value.text if isinstance(value, ErrorValue) else value


def render_value(cell, render_option, datetime_option="SERIAL_NUMBER"):
    """The value of a cell as values.get answers it. dateTimeRenderOption only matters when
    values are not formatted (Google ignores it with FORMATTED_VALUE)."""
    if cell is None or not has_value(cell):
        return ""
    if render_option == "FORMATTED_VALUE":
        return formatted_value(cell)
    if render_option == "FORMULA" and cell.get("formula") is not None:
        return cell["formula"]
    value = unformatted_value(cell)
    if datetime_option == "FORMATTED_STRING" and _date_pattern(cell) and isinstance(
            value, (int, float)) and not isinstance(value, bool):
        return formatted_value(cell)
    return value


def extended_value(cell):
    """The cell's value as an ExtendedValue (userEnteredValue in grid data)."""
    if cell.get("formula") is not None:
        return {"formulaValue": cell["formula"]}
    return _typed(cell.get("value"))


def effective_value(cell):
    """effectiveValue in grid data: the computed value, or an errorValue."""
    return _typed(computed(cell))


def _typed(value):
    if isinstance(value, ErrorValue):
        return {"errorValue": {"type": value.type, "message": value.message}}
    if isinstance(value, bool):
        return {"boolValue": value}
    if isinstance(value, (int, float)):
        return {"numberValue": value}
    return {"stringValue": value}
