"""Billing cycles: how a contractor bills the plod data, and so how many cycles a set of shift
days covers. Calendar months unless the handover says otherwise ("weekly", "fortnightly",
"21st to 20th") or the team's configuration does (doc_templates/data_package.toml).

A cycle counts when it has at least one shift; its label is the month ('2026-01') for calendar
months, else the day it starts ('2026-01-21').
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .layout import ascii_lower, data_layout

# "21st to 20th", "del 21 al 20", "de 26 a 25": a monthly cycle from a day other than the 1st
OFFSET_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th|º|°|o)?\s*(?:to|-|–|al|a|ate)\s*(?:the\s+)?(\d{1,2})"
                          r"(?:st|nd|rd|th|º|°|o)?\b")


@dataclass(frozen=True)
class BillingCycle:
    kind: str = "monthly"  # monthly | fortnightly | weekly
    start_day: int = 1  # monthly: the day of the month each cycle starts

    def describe(self) -> str:
        if self.kind != "monthly":
            return self.kind
        if self.start_day == 1:
            return "calendar months"
        return f"monthly from the {_ordinal(self.start_day)}"

    def starts(self, days) -> list[date]:
        """The start of each cycle with a shift, in order."""
        if not days:
            return []
        anchor = _monday(min(days))  # fortnights count from the week of the first shift
        return sorted({self.start_of(d, anchor) for d in days})

    def start_of(self, day: date, anchor: date) -> date:
        if self.kind == "weekly":
            return _monday(day)
        if self.kind == "fortnightly":
            return anchor + timedelta(days=14 * ((day - anchor).days // 14))
        if day.day >= self.start_day:
            return day.replace(day=self.start_day)
        year, month = (day.year - 1, 12) if day.month == 1 else (day.year, day.month - 1)
        return date(year, month, self.start_day)

    def end_of(self, start: date) -> date:
        """The cycle's last day."""
        if self.kind == "weekly":
            return start + timedelta(days=6)
        if self.kind == "fortnightly":
            return start + timedelta(days=13)
        year, month = (start.year + 1, 1) if start.month == 12 else (start.year, start.month + 1)
        return date(year, month, self.start_day) - timedelta(days=1)

    def label(self, start: date) -> str:
        return f"{start:%Y-%m}" if self.kind == "monthly" and self.start_day == 1 else start.isoformat()


def configured() -> BillingCycle:
    """The team's default (data_package.toml `billing_cycle`), read as a handover's words are."""
    return said_in(data_layout().billing_cycle + " billing") or BillingCycle()


def said_in(text: str) -> BillingCycle | None:
    """The billing cycle a handover's words state, if they state one: 'weekly billing cycles',
    'ciclos quincenales', 'cycles run 21st to 20th'; None when they say nothing of it."""
    plain = ascii_lower(text)
    for found in OFFSET_MONTH.finditer(plain):
        first, last = int(found.group(1)), int(found.group(2))
        if 2 <= first <= 28 and last == first - 1 and _near_billing(plain, found.start(), found.end()):
            return BillingCycle("monthly", first)
    for kind, words in data_layout().cycle_words.items():
        for word in words:
            if any(_near_billing(plain, m.start(), m.end()) for m in re.finditer(rf"\b{re.escape(word)}\b", plain)):
                return BillingCycle(kind)
    return None


def _near_billing(text: str, start: int, end: int, reach: int = 40) -> bool:
    around = text[max(0, start - reach):end + reach]
    return any(re.search(rf"\b{re.escape(w)}\b", around) for w in data_layout().cycle_near)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 11 <= n % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"
