"""The tracker's layout (doc_templates/tracker.toml): columns, stages, decisions, colours,
and how a study record becomes a row of plain text values.

Values are always written as text: a customer called '=HYPERLINK(...)' stays text in the
Sheet (written with valueInputOption RAW) and in the local file (stored as a string cell).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from .paths import TRACKER_LAYOUT_PATH

MAX_CELL_CHARS = 50_000  # Google Sheets' limit per cell
# Control characters (not tab or line breaks) a pasted reason or name can carry: a spreadsheet
# cell cannot hold them (the .xlsx format refuses them), and they show nothing, so they are dropped.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    kind: str = "text"  # text | number | stage | decision | owner | link
    manager_only: bool = False
    internal: bool = False  # the app's bookkeeping: grouped and collapsed at the right


@dataclass(frozen=True)
class Workflow:
    """What stages and decisions mean ([workflow] in tracker.toml)."""
    draft: str
    submitted: str
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

    def to_row(self, record: dict) -> list:
        """A study record as one row, in column order: numbers as numbers, the rest as text."""
        return [_number(record.get(c.key)) if c.kind == "number" else _cell(record.get(c.key))
                for c in self.columns]

    def from_row(self, row: list) -> dict:
        """A row read back (short rows padded) as a record keyed by column key."""
        cells = list(row) + [""] * (len(self.columns) - len(row))
        return {k: ("" if v is None else str(v)) for k, v in zip(self.keys, cells)}


def _number(value):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = _cell(value)
    return int(text) if text.isdigit() else text


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    text = CONTROL_CHARACTERS.sub("", str(value))
    return text if len(text) <= MAX_CELL_CHARS else text[: MAX_CELL_CHARS - 1] + "…"


@lru_cache(maxsize=1)
def tracker_layout() -> TrackerLayout:
    raw = tomllib.loads(TRACKER_LAYOUT_PATH.read_text(encoding="utf-8"))
    columns = tuple(Column(c["key"], c["header"], int(c.get("width", 120)), c.get("kind", "text"),
                           bool(c.get("manager_only", False)), bool(c.get("internal", False))) for c in raw["columns"])
    w = raw["workflow"]
    workflow = Workflow(w["draft"], w["submitted"], w["approved"], w["closed"], tuple(w["resubmit_from"]),
                        tuple(w["approving"]), tuple(w["need_reason"]), w["exception"], dict(w["buttons"]))
    return TrackerLayout(columns, tuple(raw["stages"]), tuple(raw["decisions"]),
                         tuple(raw["manager_stages"]), tuple(raw["cs_stages"]), raw["colours"], workflow)
