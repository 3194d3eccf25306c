"""A data package: every file in the DS Data folder, the plod data found in them summed up, the
files that could not be read (and why), and the verdict against the rubric's limits (billing
cycles, rigs). Invoices and schedules of rates are listed, not yet read."""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..generators.deal import scope_limit
from ..rubric import load_rubric
from .plod import read_plod
from .summary import PlodSummary, summarise

SPREADSHEETS = (".csv", ".xlsx", ".xlsm")


@dataclass
class Package:
    folder: str
    plod: PlodSummary
    other: list[str] = field(default_factory=list)  # files that hold no plod data
    unreadable: dict[str, str] = field(default_factory=dict)  # file -> why it could not be read
    problems: list[str] = field(default_factory=list)  # why the package is not enough, in words

    @property
    def ready(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict:
        return {"folder": self.folder, "ready": self.ready, "problems": self.problems, "plod": self.plod.to_dict(),
                "other_files": self.other, "unreadable": self.unreadable}


def read_package(folder: Path) -> Package:
    """Every file under `folder` (subfolders too), read; raises NotADirectoryError for no folder."""
    folder = Path(folder)
    if not folder.is_dir():
        raise NotADirectoryError(f"{folder}: no such folder")
    tables, other, unreadable = [], [], {}
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
        if not found:
            other.append(name)
    package = Package(str(folder), summarise(tables), other, unreadable)
    package.problems = verdict(package.plod)
    return package


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
    if isinstance(exc, zipfile.BadZipFile) and path.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "password-protected (or an old .xls saved as .xlsx): ask the customer for an unprotected copy"
    if isinstance(exc, zipfile.BadZipFile):
        return "not a readable Excel file (damaged, or not really .xlsx)"
    return f"could not be read ({type(exc).__name__})"
