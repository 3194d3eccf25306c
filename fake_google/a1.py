"""A1 notation: parsing ranges like ``'My Sheet'!A1:C3`` and writing them back.

Rows and columns are 0-based inside the fake; ``None`` marks an open end
(``A:C`` has open rows, ``2:5`` open columns, ``A2:C`` an open last row).
"""

import re
from dataclasses import dataclass

_CELL = re.compile(r"^([A-Za-z]{0,3})(\d*)$")


@dataclass
class CellRange:
    """A rectangle on one sheet; end_row/end_col are exclusive."""
    start_row: int
    end_row: int  # None = to the last row of the grid
    start_col: int
    end_col: int  # None = to the last column of the grid
    single_cell: bool = False

    def clipped(self, row_count, column_count):
        """The range with open ends filled and limited to the grid."""
        end_row = row_count if self.end_row is None else min(self.end_row, row_count)
        end_col = column_count if self.end_col is None else min(self.end_col, column_count)
        return CellRange(self.start_row, end_row, self.start_col, end_col, self.single_cell)


def column_index(letters):
    index = 0
    for ch in letters.upper():
        index = index * 26 + (ord(ch) - ord("A") + 1)
    return index - 1


def column_letters(index):
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def split_sheet(text):
    """'My Sheet'!A1:B2 -> ("My Sheet", "A1:B2"); A1:B2 -> (None, "A1:B2")."""
    text = text.strip()
    if text.startswith("'"):
        i = 1
        title = []
        while i < len(text):
            if text[i] == "'":
                if text[i + 1:i + 2] == "'":
                    title.append("'")
                    i += 2
                    continue
                break
            title.append(text[i])
            i += 1
        rest = text[i + 1:]
        if rest.startswith("!"):
            return "".join(title), rest[1:] or None
        return "".join(title), None
    if "!" in text:
        title, cells = text.rsplit("!", 1)
        return title, cells or None
    return None, text


def parse_cells(text):
    """Parse the cell part (A1, A1:B2, A:C, 2:5, A2:C, A1:1); None if it is not A1."""
    parts = text.split(":")
    if len(parts) > 2 or not text:
        return None
    refs = [_CELL.match(part) for part in parts]
    if not all(refs) or any(ref.group(0) == "" for ref in refs):
        return None
    (start_col, start_row) = _ref(refs[0])
    if len(refs) == 1:
        if start_col is None or start_row is None:
            return None
        return CellRange(start_row, start_row + 1, start_col, start_col + 1, single_cell=True)
    (end_col, end_row) = _ref(refs[1])
    if start_col is None and start_row is None:
        return None
    rows = _span(start_row, end_row)
    cols = _span(start_col, end_col)
    return CellRange(rows[0], rows[1], cols[0], cols[1])


def _ref(match):
    letters, digits = match.group(1), match.group(2)
    col = column_index(letters) if letters else None
    row = int(digits) - 1 if digits else None
    if row is not None and row < 0:
        raise ValueError("row 0")
    return col, row


def _span(start, end):
    """(start, exclusive end) along one axis; None start = 0, None end = open."""
    if start is None and end is None:
        return 0, None
    if start is None:
        return 0, end + 1
    if end is None:
        return start, None
    low, high = min(start, end), max(start, end)
    return low, high + 1


_PLAIN_TITLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_LOOKS_LIKE_CELL = re.compile(r"^([A-Za-z]{1,3}\d+|[Rr]\d*[Cc]\d*)$")


def quote_title(title):
    """Sheet titles are quoted in A1 unless they are plain words (as Google writes them)."""
    if _PLAIN_TITLE.match(title) and not _LOOKS_LIKE_CELL.match(title):
        return title
    return "'" + title.replace("'", "''") + "'"


def format_range(title, rng):
    """Sheet1!A1:D4, or Sheet1!B2 for a single cell. ``rng`` must be clipped."""
    start = column_letters(rng.start_col) + str(rng.start_row + 1)
    end = column_letters(rng.end_col - 1) + str(rng.end_row)
    cells = start if start == end else f"{start}:{end}"
    return f"{quote_title(title)}!{cells}"
