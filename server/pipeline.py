"""The Pipeline sheet's tables, computed from the tracker's rows (doc_templates/pipeline.toml
says which tables, their columns and their charts). Pure: the trackers draw them (Sheets charts
on Google, openpyxl charts locally) and the scheduled refresh keeps them current.

- Studies by stage: every stage, in the workflow's order, zeros included.
- Days waiting: for a manager's decision (submitted) and for a CS owner (approved, no owner):
  how many studies wait, the median and the worst wait in whole days.
- Scores and readiness by month submitted: studies, average score and the share marked Ready.
- Studies per sales rep (and how many were approved), per CS owner (and how many are open).
"""
from __future__ import annotations

import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import lru_cache
from statistics import median
from zoneinfo import ZoneInfo

from .paths import PIPELINE_PATH
from .sheet_edits import days_waiting
from .tracker_layout import UTC, tracker_layout


@dataclass(frozen=True)
class TableLayout:
    key: str
    title: str
    headers: tuple[str, ...]
    chart: str  # COLUMN | BAR | LINE
    series: tuple[str, ...]  # the columns plotted (default: all but the first)


@dataclass(frozen=True)
class PipelineLayout:
    sheet: str
    rows: int
    tables: tuple[TableLayout, ...]


@dataclass(frozen=True)
class Table:
    layout: TableLayout
    rows: list[list]  # first column a label, then numbers


@lru_cache(maxsize=1)
def pipeline_layout() -> PipelineLayout:
    raw = tomllib.loads(PIPELINE_PATH.read_text(encoding="utf-8"))
    tables = tuple(TableLayout(t["key"], t["title"], tuple(t["headers"]), t["chart"],
                               tuple(t.get("series") or t["headers"][1:])) for t in raw["tables"])
    return PipelineLayout(raw["sheet"], int(raw["rows"]), tables)


def pipeline_tables(records: list[dict], today: date, zone: ZoneInfo = UTC) -> list[Table]:
    """Every table of the Pipeline sheet for these studies, each cut to the layout's rows."""
    layout = pipeline_layout()
    studies = [r for r in records if r.get("study_id")]
    computed = {"by_stage": _by_stage, "waiting": lambda rows: _waiting(rows, today),
                "by_month": lambda rows: _by_month(rows, zone), "per_rep": _per_rep, "per_owner": _per_owner}
    return [Table(t, computed[t.key](studies)[: layout.rows]) for t in layout.tables]


def _by_stage(rows: list[dict]) -> list[list]:
    counts = Counter(r.get("stage", "") for r in rows)
    return [[stage, counts.get(stage, 0)] for stage in tracker_layout().stages]


def _waiting(rows: list[dict], today: date) -> list[list]:
    flow = tracker_layout().workflow
    out = []
    for label, stage in (("A manager's decision", flow.submitted), ("A CS owner", flow.approved)):
        days = [d for r in rows if r.get("stage") == stage for d in [days_waiting(r, today)] if d != ""]
        out.append([label, len(days), round(median(days), 1) if days else 0, max(days, default=0)])
    return out


def _by_month(rows: list[dict], zone: ZoneInfo) -> list[list]:
    """The latest months, oldest first (a line reads left to right)."""
    months: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        when = _moment(r.get("submitted_at", ""))
        if when is not None:
            months[when.astimezone(zone).strftime("%Y-%m")].append(r)
    latest = sorted(months)[-pipeline_layout().rows:]
    out = []
    for month in latest:
        scores = [int(r["score"]) for r in months[month] if str(r.get("score", "")).isdigit()]
        ready = sum(r.get("readiness") == "Ready" for r in months[month])
        out.append([month, len(months[month]), round(sum(scores) / len(scores), 1) if scores else 0,
                    round(100 * ready / len(months[month]))])
    return out


def _per_rep(rows: list[dict]) -> list[list]:
    approving = tracker_layout().workflow.approving
    return _busiest(rows, "rep", lambda r: r.get("decision") in approving)


def _per_owner(rows: list[dict]) -> list[list]:
    closed = tracker_layout().workflow.closed
    return _busiest([r for r in rows if r.get("cs_owner")], "cs_owner", lambda r: r.get("stage") != closed)


def _busiest(rows: list[dict], key: str, counted) -> list[list]:
    """[name, studies, how many `counted` picks], the most studies first (then by name)."""
    studies: Counter = Counter()
    picked: Counter = Counter()
    for r in rows:
        name = r.get(key, "").strip() or "(none)"
        studies[name] += 1
        picked[name] += bool(counted(r))
    return [[name, studies[name], picked[name]] for name in sorted(studies, key=lambda n: (-studies[n], n))]


def _moment(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def block_rows(table: Table, height: int) -> list[list]:
    """A table as the sheet holds it: title, header, its rows, blanks down to `height` rows
    (so a table that shrank leaves no old rows behind)."""
    width = len(table.layout.headers)
    rows = [[table.layout.title] + [""] * (width - 1), list(table.layout.headers)] + [list(r) for r in table.rows]
    return rows + [[""] * width for _ in range(height + 2 - len(rows))]


# Where each table sits on the Pipeline sheet, the same on Google and in the .xlsx: a line saying
# when it was last brought up to date, then the tables one under another in columns A-D, each
# with its chart to its right (from column F).
FIRST_ROW = 2  # 0-based: row 3, below the "kept current" line and a blank row
CHART_COLUMN = 5  # F
ROW_PIXELS = 21  # Sheets' default row height


def block_height() -> int:
    """Rows one table takes, its blank spacer row included."""
    return pipeline_layout().rows + 3


def block_start(i: int) -> int:
    """The 0-based row of table i's title."""
    return FIRST_ROW + i * block_height()


def sheet_rows(tables: list[Table], updated: str) -> list[list]:
    """The whole Pipeline sheet's values, from A1, every table's block padded to its height."""
    width = max(len(t.layout.headers) for t in tables)
    out = [[f"Kept current by the scheduled refresh; last brought up to date {updated}."] + [""] * (width - 1),
           [""] * width]
    for table in tables:
        block = block_rows(table, pipeline_layout().rows) + [[""] * len(table.layout.headers)]
        out += [row + [""] * (width - len(row)) for row in block]
    return out
