"""What the plod data covers, as CS need to know before they start: the period, the billing
cycles in it, the rigs and projects, and the gaps (days with no shift, shifts with no metres or
hours)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from .cycles import BillingCycle
from .plod import PlodTable

GAP_DAYS_LISTED = 10


@dataclass
class PlodSummary:
    files: list[str] = field(default_factory=list)  # where plod data was found
    shifts: int = 0
    first: date | None = None
    last: date | None = None
    cycles: list[str] = field(default_factory=list)  # "2026-01": the billing cycles with shifts
    billing_cycle: str = "calendar months"  # how the cycles were counted
    cycle_spans: list[tuple[date, date]] = field(default_factory=list)  # each cycle's first and last day
    rigs: list[str] = field(default_factory=list)
    projects: list[str] = field(default_factory=list)
    days_without_shifts: int = 0
    some_days_without_shifts: list[str] = field(default_factory=list)
    shifts_without_metres: int = 0
    shifts_without_hours: int = 0

    @property
    def period(self) -> str:
        """'1-31 Jan 2026', '15 Jan - 14 Mar 2026', '' without shifts."""
        if not self.first:
            return ""
        if (self.first.year, self.first.month) == (self.last.year, self.last.month):
            return f"{self.first.day}-{self.last.day} {self.last:%b %Y}"
        left = f"{self.first.day} {self.first:%b}" + (f" {self.first.year}" if self.first.year != self.last.year else "")
        return f"{left} - {self.last.day} {self.last:%b %Y}"

    def cycles_said(self) -> str:
        """'1 Jan - 28 Feb 2026: 2 billing cycles'."""
        n = len(self.cycles)
        return f"{self.period}: {n} billing cycle{'s' * (n != 1)}"

    def to_dict(self) -> dict:
        out = asdict(self)
        out.update(first=self.first.isoformat() if self.first else "", last=self.last.isoformat() if self.last else "",
                   period=self.period, cycle_spans=[[a.isoformat(), b.isoformat()] for a, b in self.cycle_spans])
        return out


def summarise(tables: list[PlodTable], cycle: BillingCycle | None = None) -> PlodSummary:
    cycle = cycle or BillingCycle()
    out = PlodSummary(files=[t.where for t in tables], billing_cycle=cycle.describe())
    days = set().union(*(t.days for t in tables)) if tables else set()
    if not days:
        return out
    out.shifts, out.first, out.last = sum(t.shifts for t in tables), min(days), max(days)
    starts = cycle.starts(days)
    out.cycles = [cycle.label(s) for s in starts]
    out.cycle_spans = [(s, cycle.end_of(s)) for s in starts]
    out.rigs = distinct(r for t in tables for r in t.rigs)
    out.projects = distinct(p for t in tables for p in t.projects)
    missing = [out.first + timedelta(days=n) for n in range((out.last - out.first).days + 1)]
    missing = [d for d in missing if d not in days]
    out.days_without_shifts = len(missing)
    out.some_days_without_shifts = [d.isoformat() for d in missing[:GAP_DAYS_LISTED]]
    out.shifts_without_metres = sum(t.without_metres for t in tables)
    out.shifts_without_hours = sum(t.without_hours for t in tables)
    return out


def distinct(names) -> list[str]:
    """Names counted once however they are typed ('RC-07', 'rc 07', 'RC07' are one rig), each
    shown as first spelled (in sorted order)."""
    seen: dict[str, str] = {}
    for name in sorted(names):
        seen.setdefault("".join(ch for ch in name.casefold() if ch.isalnum()) or name, name)
    return sorted(seen.values())
