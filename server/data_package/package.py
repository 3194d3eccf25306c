"""A data package: every file in the DS Data folder; the plod data found in them summed up; the
invoices (their dates and billing months) and schedules of rates (their kinds of rate); the
files that could not be read, and why; and the verdict: the rubric's limits on billing cycles
and rigs, an invoice for every billed month of plod data, a schedule of rates."""
from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .cache import cached
from .cycles import BillingCycle, configured
from .documents import Invoice, NoText, Rates, is_invoice, is_rates, read_invoice, read_rates, text_of
from .plod import PlodTable, read_plod
from .summary import PlodSummary, summarise
from .verdict import problems

SPREADSHEETS = (".csv", ".xlsx", ".xlsm")


@dataclass
class Reading:
    """What one file in DS Data turned out to be (kept small: a plod table's totals, not its rows)."""
    name: str  # its path in the folder, as people find it
    tables: list[PlodTable] = field(default_factory=list)
    invoice: Invoice | None = None
    rates: Rates | None = None
    unreadable: str = ""  # why it could not be read


@dataclass
class DataFiles:
    """Every file of a DS Data folder, read: what a workspace gives the scorer."""
    folder: str  # where, as people find it: a path, or a Drive folder's link
    readings: list[Reading] = field(default_factory=list)
    version: str = ""  # changes when any file is added, changed or removed


@dataclass
class Package:
    folder: str
    plod: PlodSummary
    files: list[str] = field(default_factory=list)
    invoices: list[Invoice] = field(default_factory=list)
    rates: list[Rates] = field(default_factory=list)
    other: list[str] = field(default_factory=list)  # files that are none of these
    unreadable: dict[str, str] = field(default_factory=dict)  # file -> why it could not be read
    problems: list[str] = field(default_factory=list)  # why the package is not enough, in words
    version: str = ""  # the files' fingerprint (DataFiles.version)

    @property
    def ready(self) -> bool:
        return not self.problems

    def invoices_by_cycle(self) -> list[tuple[str, list[str]]]:
        """(billing cycle, the invoices or claims billing it) for every cycle of plod data: an
        invoice bills a cycle when the period it names holds the middle of the cycle."""
        out = []
        for label, (first, last) in zip(self.plod.cycles, self.plod.cycle_spans):
            middle = first + (last - first) / 2
            out.append((label, [i.file for i in self.invoices if i.bills(middle)]))
        return out

    @property
    def unsettled(self) -> bool:
        """Files that could not be read or recognised: a missing invoice may be one of them."""
        return bool(self.unreadable or self.other)

    def to_dict(self) -> dict:
        return {"folder": self.folder, "ready": self.ready, "problems": self.problems, "files": self.files,
                "plod": self.plod.to_dict(),
                "invoices": [{"file": i.file, "issued": i.issued.isoformat() if i.issued else "", "months": i.months}
                             for i in self.invoices],
                "schedules_of_rates": [{"file": r.file, "kinds": r.kinds} for r in self.rates],
                "other_files": self.other, "unreadable": self.unreadable}


def read_package(folder: Path, cycle: BillingCycle | None = None) -> Package:
    """Every file under `folder` (subfolders too), read and judged; raises NotADirectoryError for
    no folder. Billing cycles as configured unless `cycle` says otherwise."""
    return assemble(read_folder(folder), cycle or configured())


def read_folder(folder: Path) -> DataFiles:
    folder = Path(folder)
    if not folder.is_dir():
        raise NotADirectoryError(f"{folder}: no such folder")
    paths = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith((".", "~$")))
    files = [(p, p.relative_to(folder).as_posix(), p.stat()) for p in paths]
    return DataFiles(str(folder), [_read_once(path, name, stat) for path, name, stat in files],
                     version_of([(name, stat.st_mtime_ns, stat.st_size) for _, name, stat in files]))


def version_of(files: list[tuple]) -> str:
    """A short fingerprint of (name, modified, size) for every file."""
    return hashlib.sha1(repr(sorted(files)).encode()).hexdigest()[:12] if files else ""


def _read_once(path: Path, name: str, stat) -> Reading:
    """The file read, or as read before while it is unchanged (same size, same modified time)."""
    return cached(("local", str(path.resolve()), stat.st_mtime_ns, stat.st_size), lambda: read_file(path, name))


def read_file(path: Path, name: str) -> Reading:
    """One file: plod data, an invoice, a schedule of rates, something else, or unreadable (and why).
    `name` is what people call it; the path's suffix says what kind of file it is."""
    suffix = path.suffix.lower()
    if suffix == ".xls":
        return Reading(name, unreadable="an old Excel 97-2003 file: ask for it saved as .xlsx or .csv")
    try:
        tables = read_plod(path, name) if suffix in SPREADSHEETS else []
    except Exception as exc:  # noqa: BLE001 - any parser's failure on a bad file is a finding, not a crash
        return Reading(name, unreadable=_why(path, exc))
    if tables:
        return Reading(name, tables=tables)
    try:
        text = text_of(path)
    except NoText:
        return Reading(name, unreadable="an image with no text (a scan): nothing in it can be checked; for an invoice, "
                                        "ask for the PDF the accounting system made")
    except PermissionError:
        return Reading(name, unreadable="password-protected: ask the customer for an unprotected copy")
    except Exception as exc:  # noqa: BLE001 - any parser's failure on a bad file is a finding, not a crash
        return Reading(name, unreadable=_why(path, exc))
    if is_invoice(name, text):
        return Reading(name, invoice=read_invoice(name, text))
    if is_rates(name, text):
        return Reading(name, rates=read_rates(name, text))
    return Reading(name)


def assemble(files: DataFiles, cycle: BillingCycle) -> Package:
    """The package the readings make, its billing cycles counted as `cycle` says, and judged."""
    readings = files.readings
    package = Package(files.folder, summarise([t for r in readings for t in r.tables], cycle),
                      files=[r.name for r in readings],
                      invoices=[r.invoice for r in readings if r.invoice],
                      rates=[r.rates for r in readings if r.rates],
                      other=[r.name for r in readings if not (r.tables or r.invoice or r.rates or r.unreadable)],
                      unreadable={r.name: r.unreadable for r in readings if r.unreadable}, version=files.version)
    package.problems = problems(package)
    return package


def _why(path: Path, exc: Exception) -> str:
    if type(exc).__name__ in ("PdfReadError", "EmptyFileError"):
        return "not a readable PDF (damaged)"
    if isinstance(exc, zipfile.BadZipFile) and path.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "password-protected (or an old .xls saved as .xlsx): ask the customer for an unprotected copy"
    if isinstance(exc, zipfile.BadZipFile):
        return "not a readable Excel file (damaged, or not really .xlsx)"
    return f"could not be read ({type(exc).__name__})"
