"""Plod data laid out with the days across: a header row of dates, a row per rig (or per rig and
measure: 'Metres', 'Hours', the rig written once over its rows as when merged), a number per day.
An empty cell is a day that rig did not work; a row of totals is skipped.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable

from .layout import data_layout, plain_header
from .plod import PlodTable, Shift, _columns, parse_day, parse_number

MIN_DAY_COLUMNS = 5  # a header row with fewer dates is not a row of days
TOTALS = ("total", "totals", "total general", "subtotal", "sum", "grand total")


@dataclass
class Across:
    header: int  # the header row's index
    days: dict[int, date]  # column -> its day
    rig: int | None  # the column naming the rig
    measure: int | None  # the column naming what each row counts (metres or hours), if there is one


def dates_across(head: list[list]) -> Across | None:
    """The row with the most dates (at least MIN_DAY_COLUMNS) and the label columns left of them."""
    best = None
    for i, row in enumerate(head):
        days = {c: d for c, v in enumerate(row) if not isinstance(v, (int, float)) or v > 20000
                for d in [parse_day(v)] if d is not None}
        if len(days) >= MIN_DAY_COLUMNS and (best is None or len(days) > len(best[1])):
            best = (i, days)
    if best is None:
        return None
    index, days = best
    first = min(days)
    labels = [plain_header(v) for v in head[index][:first]]
    rig = next((c for c, text in enumerate(labels) if "rig" in _columns([text])), 0 if first else None)
    measure = next((c for c, text in enumerate(labels) if text in data_layout().measure_headers and c != rig), None)
    return Across(index, days, rig, measure)


def read_across(where: str, head: list[list], rows: Iterable, layout: Across, rig_default: str) -> PlodTable:
    grid: dict[tuple[date, str], list] = {}  # (day, rig) -> [metres, hours]
    measured: set[str] = set()
    rig = rig_default
    for row in [*head[layout.header + 1:], *rows]:
        row = list(row)
        value = row[layout.rig] if layout.rig is not None and layout.rig < len(row) else None
        label = "" if value is None else str(value).strip()
        if plain_header(label) in TOTALS:
            continue
        rig = label or rig
        measure = "metres"
        if layout.measure is not None:
            named = _columns([row[layout.measure] if layout.measure < len(row) else None])
            measure = next((m for m in ("metres", "hours") if m in named), "")
            if not measure:
                continue  # a row of something else (standby, a note)
        for column, day in layout.days.items():
            value = parse_number(row[column]) if column < len(row) else None
            if value is not None:
                measured.add(measure)
                entry = grid.setdefault((day, rig), [None, None])
                slot = 0 if measure == "metres" else 1
                entry[slot] = (entry[slot] or 0) + value
    table = PlodTable(where, {m: m for m in measured} | {"date": "(days across)"})
    for (day, name), (metres, hours) in sorted(grid.items()):
        table.add(Shift(day, name, "", metres, hours))
    return table
