"""A data package: every file in the DS Data folder; the plod data found in them summed up; the
invoices (their dates and billing months) and schedules of rates (their kinds of rate); the
files that could not be read, and why; and the verdict: the rubric's limits on billing cycles
and rigs, an invoice for every billed month of plod data, a schedule of rates."""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..generators.deal import scope_limit
from ..rubric import load_rubric
from .documents import Invoice, NoText, Rates, is_invoice, is_rates, read_invoice, read_rates, text_of
from .plod import read_plod
from .summary import PlodSummary, summarise

SPREADSHEETS = (".csv", ".xlsx", ".xlsm")


@dataclass
class Package:
    folder: str
    plod: PlodSummary
    invoices: list[Invoice] = field(default_factory=list)
    rates: list[Rates] = field(default_factory=list)
    other: list[str] = field(default_factory=list)  # files that are none of these
    unreadable: dict[str, str] = field(default_factory=dict)  # file -> why it could not be read
    problems: list[str] = field(default_factory=list)  # why the package is not enough, in words

    @property
    def ready(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict:
        return {"folder": self.folder, "ready": self.ready, "problems": self.problems, "plod": self.plod.to_dict(),
                "invoices": [{"file": i.file, "issued": i.issued.isoformat() if i.issued else "", "months": i.months}
                             for i in self.invoices],
                "schedules_of_rates": [{"file": r.file, "kinds": r.kinds} for r in self.rates],
                "other_files": self.other, "unreadable": self.unreadable}


def read_package(folder: Path) -> Package:
    """Every file under `folder` (subfolders too), read; raises NotADirectoryError for no folder."""
    folder = Path(folder)
    if not folder.is_dir():
        raise NotADirectoryError(f"{folder}: no such folder")
    tables, other, unreadable, invoices, rates = [], [], {}, [], []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith((".", "~$"))):
        name = path.relative_to(folder).as_posix()
        suffix = path.suffix.lower()
        if suffix == ".xls":
            unreadable[name] = "an old Excel 97-2003 file: ask for it saved as .xlsx or .csv"
            continue
        try:
            found = read_plod(path) if suffix in SPREADSHEETS else []
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
            unreadable[name] = _why(path, exc)
            continue
        tables += found
        if found:
            continue
        try:
            text = text_of(path)
        except NoText:
            unreadable[name] = "an image with no text (a scan): ask for the PDF the accounting system made"
            continue
        except PermissionError:
            unreadable[name] = "password-protected: ask the customer for an unprotected copy"
            continue
        except Exception as exc:  # noqa: BLE001 - any parser's failure on a bad file is a finding, not a crash
            unreadable[name] = _why(path, exc)
            continue
        if is_invoice(name, text):
            invoices.append(read_invoice(name, text))
        elif is_rates(name, text):
            rates.append(read_rates(name, text))
        else:
            other.append(name)
    package = Package(str(folder), summarise(tables), invoices, rates, other, unreadable)
    package.problems = verdict(package.plod) + documents_verdict(package)
    return package


def documents_verdict(package: Package) -> list[str]:
    """An invoice for every month of plod data, and a schedule of rates."""
    out = []
    if package.plod.shifts:
        billed = {m for i in package.invoices for m in i.months}
        unbilled = [m for m in package.plod.cycles if m not in billed]
        if unbilled:
            out.append(f"No invoice or claim found for {', '.join(unbilled)} of the plod data.")
    if not package.rates:
        out.append("No schedule of rates found: the rates the plod data is billed at are needed.")
    return out


def verdict(plod: PlodSummary) -> list[str]:
    """What the plod data lacks for a desktop study, with the evidence."""
    rule = load_rubric().criteria["plod_billing_cycles"]
    if not plod.shifts:
        return ["No plod data found: the customer's plod export (Excel or CSV) is needed."]
    cycles, out = len(plod.cycles), []
    if cycles < rule["min"]:
        out.append(f"Plod data covers {plod.period}: {cycles} billing cycle{'s' * (cycles != 1)}, "
                   f"at least {rule['min']} are needed.")
    elif cycles > rule["max"]:
        out.append(f"Plod data covers {plod.period}: {cycles} billing cycles, at most {rule['max']} are used.")
    most = scope_limit("rigs")
    if most is not None and len(plod.rigs) > most:
        out.append(f"{len(plod.rigs)} rigs in the plod data ({', '.join(plod.rigs)}): more than {most} needs a "
                   "manager's exception.")
    return out


def _why(path: Path, exc: Exception) -> str:
    if type(exc).__name__ in ("PdfReadError", "EmptyFileError"):
        return "not a readable PDF (damaged)"
    if isinstance(exc, zipfile.BadZipFile) and path.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "password-protected (or an old .xls saved as .xlsx): ask the customer for an unprotected copy"
    if isinstance(exc, zipfile.BadZipFile):
        return "not a readable Excel file (damaged, or not really .xlsx)"
    return f"could not be read ({type(exc).__name__})"
