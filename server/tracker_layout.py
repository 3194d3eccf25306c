"""The tracker's layout (doc_templates/tracker.toml): columns, stages, decisions, colours,
and how a study record becomes a row of typed values and back.

A record is text throughout the app; times in it are ISO 8601 in UTC. In a row, times are
datetimes in the team's time zone (shown as dates people can sort and filter), numbers and
amounts of money are numbers, and everything else is text: a customer called '=HYPERLINK(...)'
stays text in the Sheet (written RAW or as a stringValue) and in the local file (a string cell).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from zoneinfo import ZoneInfo

from .paths import TRACKER_LAYOUT_PATH

UTC = ZoneInfo("UTC")
MAX_CELL_CHARS = 50_000  # Google Sheets' limit per cell
# Control characters (not tab or line breaks) a pasted reason or name can carry: a spreadsheet
# cell cannot hold them (the .xlsx format refuses them), and they show nothing, so they are dropped.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    kind: str = "text"  # text | number | money | datetime | stage | decision | owner | link
    manager_only: bool = False
    internal: bool = False  # the app's bookkeeping: grouped and collapsed at the right


@dataclass(frozen=True)
class Workflow:
    """What stages and decisions mean ([workflow] in tracker.toml)."""
    draft: str
    submitted: str
    withdrawn: str
    approved: str
    closed: str
    resubmit_from: tuple[str, ...]
    approving: tuple[str, ...]
    need_reason: tuple[str, ...]
    exception: str
    buttons: dict[str, str]  # decision -> the manager's button label


@dataclass(frozen=True)
class TrackerLayout:
    columns: tuple[Column, ...]
    stages: tuple[str, ...]
    decisions: tuple[str, ...]
    manager_stages: tuple[str, ...]
    cs_stages: tuple[str, ...]
    colours: dict
    workflow: Workflow
    formats: dict  # column kind -> number format pattern (datetime, money, number)
    history: tuple[Column, ...] = ()  # the History sheet's columns

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.columns]

    def index(self, key: str) -> int:
        return self.keys.index(key)

    def choices(self, column: Column, team: tuple[str, ...]) -> tuple[str, ...]:
        """What a dropdown column allows (stages, decisions, the team for owners); () for a free column."""
        return {"stage": self.stages, "decision": self.decisions, "owner": tuple(team)}.get(column.kind, ())

    def to_row(self, record: dict, zone: ZoneInfo = UTC) -> list:
        """A study record as one row, in column order: numbers and amounts as numbers, times as
        datetimes in `zone` (without tzinfo, as spreadsheets hold them), the rest as text.
        A value that is not what its column holds ('TBC' as a deal size) stays text."""
        return cells_of(self.columns, record, zone)

    def from_row(self, row: list, zone: ZoneInfo = UTC) -> dict:
        """A row read back (short rows padded) as a record: text, times as ISO 8601 in UTC."""
        return record_of(self.columns, row, zone)


def cells_of(columns: tuple[Column, ...], record: dict, zone: ZoneInfo = UTC) -> list:
    """A record as the cells of these columns (TrackerLayout.to_row)."""
    return [_TO_CELL.get(c.kind, _cell)(record.get(c.key), zone) for c in columns]


def record_of(columns: tuple[Column, ...], row: list, zone: ZoneInfo = UTC) -> dict:
    """Cells read back as a record of these columns (TrackerLayout.from_row)."""
    cells = list(row) + [""] * (len(columns) - len(row))
    return {c.key: _FROM_CELL.get(c.kind, _as_text)(v, zone) for c, v in zip(columns, cells)}


SERIAL_EPOCH = datetime(1899, 12, 30)  # day 0 of spreadsheets' date serial numbers


def to_serial(moment: datetime) -> float:
    """A spreadsheet datetime (no tzinfo) as the serial number Sheets stores: days since 1899-12-30."""
    return (moment - SERIAL_EPOCH) / timedelta(days=1)


def from_serial(serial: float) -> datetime:
    return SERIAL_EPOCH + timedelta(seconds=round(serial * 86400))


def _number(value, zone=UTC):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = _cell(value)
    return int(text) if text.isdigit() else text


def _money(value, zone=UTC):
    """'180,000' or 180000 -> 180000; '150,000.50' -> 150000.5; anything else stays text."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = _cell(value)
    try:
        amount = Decimal(text.replace(",", "").replace(" ", ""))
    except InvalidOperation:
        return text
    if not amount.is_finite():
        return text
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def _local_time(value, zone=UTC):
    """An ISO 8601 time (UTC or with an offset) as a datetime in `zone`, tzinfo removed."""
    if isinstance(value, datetime):
        return value
    text = _cell(value)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(zone).replace(tzinfo=None, microsecond=0)


def _utc_text(value, zone=UTC) -> str:
    """A time read back (a datetime from the .xlsx, a serial number from the Sheet) as ISO 8601
    in UTC, read as `zone` time; text (an older tracker's ISO text) as it is."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = from_serial(value)
    if isinstance(value, datetime):
        local = value if value.tzinfo else value.replace(tzinfo=zone)
        return local.astimezone(timezone.utc).isoformat(timespec="seconds")
    return _as_text(value)


def _as_text(value, zone=UTC) -> str:
    """A cell read back as text: whole numbers without '.0' (a Sheet's numbers are floats)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


_TO_CELL = {"number": _number, "money": _money, "datetime": _local_time}
def _amount_text(value, zone=UTC) -> str:
    """An amount read back as the app writes amounts: 180000 -> '180,000', 1500.5 -> '1,500.50'."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return _as_text(value)


_FROM_CELL = {"datetime": _utc_text, "money": _amount_text}


def _cell(value, zone=UTC) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    text = CONTROL_CHARACTERS.sub("", str(value))
    return text if len(text) <= MAX_CELL_CHARS else text[: MAX_CELL_CHARS - 1] + "…"


@lru_cache(maxsize=1)
def tracker_layout() -> TrackerLayout:
    raw = tomllib.loads(TRACKER_LAYOUT_PATH.read_text(encoding="utf-8"))
    column = lambda c: Column(c["key"], c["header"], int(c.get("width", 120)), c.get("kind", "text"),  # noqa: E731
                              bool(c.get("manager_only", False)), bool(c.get("internal", False)))
    columns = tuple(column(c) for c in raw["columns"])
    w = raw["workflow"]
    workflow = Workflow(w["draft"], w["submitted"], w["withdrawn"], w["approved"], w["closed"], tuple(w["resubmit_from"]),
                        tuple(w["approving"]), tuple(w["need_reason"]), w["exception"], dict(w["buttons"]))
    return TrackerLayout(columns, tuple(raw["stages"]), tuple(raw["decisions"]),
                         tuple(raw["manager_stages"]), tuple(raw["cs_stages"]), raw["colours"], workflow,
                         dict(raw["formats"]), tuple(column(c) for c in raw["history"]))
