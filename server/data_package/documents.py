"""Invoices (or claims) and schedules of rates in a data package, read from their text: PDF
through pypdf, spreadsheets cell by cell, Word documents paragraph by paragraph. An invoice
gives its date and the billing period it covers (the months matched to the plod data's cycles);
a schedule of rates gives which kinds of rate it holds. The words are in data_package.toml.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from ..paths import DOC_TEMPLATES
from .layout import ascii_lower, plain_header
from .plod import parse_day

MONTHS = {**{m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                         "september", "october", "november", "december"], 1)},
          **{m: i for i, m in enumerate(["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                                         "septiembre", "octubre", "noviembre", "diciembre"], 1)},
          **{m: i for i, m in enumerate(["janeiro", "fevereiro", "marco", "abril", "maio", "junho", "julho", "agosto",
                                         "setembro", "outubro", "novembro", "dezembro"], 1)},
          **{m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                         "dec"], 1)}}
MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
NAMED_DATE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:de\s+)?({MONTH})\.?,?\s+(?:de\s+)?(\d{{4}})\b")
MONTH_YEAR = re.compile(rf"\b({MONTH})\.?,?\s+(?:de\s+)?(\d{{4}})\b")
NUMERIC_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4})\b")


@dataclass
class Invoice:
    file: str
    issued: date | None
    months: list[str] = field(default_factory=list)  # "2026-01": the billing months it covers
    spans: list[tuple[date, date]] = field(default_factory=list)  # the periods it bills, first and last day

    def bills(self, day: date) -> bool:
        return any(first <= day <= last for first, last in self.spans)


@dataclass
class Rates:
    file: str
    kinds: list[str] = field(default_factory=list)


class NoText(ValueError):
    """A PDF with no text to read (an image of an invoice)."""


@lru_cache(maxsize=1)
def words() -> dict:
    raw = tomllib.loads((DOC_TEMPLATES / "data_package.toml").read_text(encoding="utf-8"))
    return {"invoice": [plain_header(w) for w in raw["invoices"]["names"]],
            "date": [plain_header(w) for w in raw["invoices"]["date_labels"]],
            "period": [plain_header(w) for w in raw["invoices"]["period_labels"]],
            "rates": [plain_header(w) for w in raw["rates"]["names"]],
            "kinds": {kind: [w.lower() for w in ws] for kind, ws in raw["rates"]["kinds"].items()}}


def text_of(path: Path) -> str:
    """The file's text, a line per paragraph or spreadsheet row; raises NoText for a PDF of images."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from pypdf import PdfReader
        reader = PdfReader(path)
        if reader.is_encrypted:
            raise PermissionError("password-protected")
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
        if not text.strip():
            raise NoText(path.name)
        return text
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook
        book = load_workbook(path, read_only=True, data_only=True)
        return "\n".join(" | ".join(_cell_text(v) for v in row if v not in (None, ""))
                         for ws in book.worksheets for row in ws.iter_rows(values_only=True))
    if suffix == ".csv":
        return path.read_text(encoding="utf-8-sig", errors="replace").replace(";", " | ").replace(",", " | ")
    if suffix == ".txt":  # a Google Doc, exported as text
        return path.read_text(encoding="utf-8-sig", errors="replace")
    if suffix == ".docx":
        from docx import Document
        doc = Document(str(path))
        lines = [p.text for p in doc.paragraphs]
        lines += [" | ".join(c.text for c in row.cells) for t in doc.tables for row in t.rows]
        return "\n".join(lines)
    return ""


def _cell_text(value) -> str:
    return value.strftime("%Y-%m-%d") if hasattr(value, "strftime") else str(value)


def is_invoice(name: str, text: str) -> bool:
    return _named(name, text, words()["invoice"])


def is_rates(name: str, text: str) -> bool:
    return _named(name, text, words()["rates"])


def _named(name: str, text: str, names: list[str]) -> bool:
    """The file's name or the start of its text says it is one of these."""
    head = plain_header(name + " " + text[:400])
    return any(re.search(rf"(^| ){re.escape(w)}( |$)", head) for w in names)


def read_invoice(name: str, text: str) -> Invoice:
    """The invoice's date (the line a date label starts) and the months its billing period names."""
    issued, months, spans = None, [], []
    for line in text.splitlines():
        label = _label(line)
        if label in words()["period"] and not months:
            period = line.split(":", 1)[-1] if ":" in line else line
            months, exact = months_named(period), dates_in(period)
            spans = [(min(exact), max(exact))] if len(exact) >= 2 else month_spans(months)
        elif label in words()["date"] and issued is None:
            found = dates_in(line)
            issued = found[0] if found else None
    rows = [r for r in text.splitlines() if "|" in r]  # a register: one invoice a row, its period in a cell
    if not months and rows:
        months = sorted({m for r in rows for m in months_named(r)})
        spans = month_spans(months)
    return Invoice(name, issued, months, spans)


def month_spans(months: list[str]) -> list[tuple[date, date]]:
    """'2026-01' -> (1 Jan 2026, 31 Jan 2026), a span per month."""
    out = []
    for month in months:
        y, m = int(month[:4]), int(month[5:7])
        following = date(y + 1, 1, 1) if m == 12 else date(y, m + 1, 1)
        out.append((date(y, m, 1), following - timedelta(days=1)))
    return out


def read_rates(name: str, text: str) -> Rates:
    lower = text.lower()
    return Rates(name, [kind for kind, ws in words()["kinds"].items() if any(w in lower for w in ws)])


def _label(line: str) -> str:
    head = line.split(":", 1)[0] if ":" in line else ""
    return plain_header(head)


def dates_in(text: str) -> list[date]:
    found = []
    lower = ascii_lower(text)
    for d, m, y in NAMED_DATE.findall(lower):
        try:
            found.append(date(int(y), MONTHS[m], int(d)))
        except ValueError:
            continue
    for token in NUMERIC_DATE.findall(text):
        day = parse_day(token.replace(".", "/"))
        if day:
            found.append(day)
    return found


def months_named(text: str) -> list[str]:
    """The billing months a period names, every month from its first to its last: month names
    first ('1 January 2026 to 31 March 2026', 'enero 2026'), else numeric dates
    ('01/01/2026 - 28/02/2026'); in a register row the period's name wins over the issue date."""
    named = [(int(y), MONTHS[m]) for m, y in MONTH_YEAR.findall(ascii_lower(text))]
    numeric = [(d.year, d.month) for token in NUMERIC_DATE.findall(text) for d in [parse_day(token.replace(".", "/"))]
               if d]
    points = named or numeric
    if not points:
        return []
    (y, m), last, out = min(points), max(points), []
    while (y, m) <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out
