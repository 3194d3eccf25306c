"""What the files in DS Data say of each acceptance criterion that names them (`data = ...` in
the rubric's [criteria]): passed or not, with the evidence; nothing when there are no files to
say it. A "not found" is unsettled when some file could not be read or recognised (it may be
the missing one): the handover's scorer then goes by what the rep wrote, and says so. The
scorer and `handover data` both ask here, so they never disagree.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..rubric import Rubric, load_rubric


@dataclass
class Judgement:
    passed: bool
    evidence: str
    settled: bool = True  # False: not found, but an unreadable or unrecognised file may be it


def judge(package, rule: dict) -> Judgement | None:
    """The files' answer to one criterion's rule, or None when they cannot give one."""
    if package is None or not package.files:
        return None
    what = rule.get("data")
    return JUDGES[what](package, rule) if what in JUDGES else None


def problems(package, rubric: Rubric | None = None) -> list[str]:
    """Why the package is not enough, in the rubric's order of criteria."""
    rubric = rubric or load_rubric()
    if not package.plod.shifts:
        return ["No plod data found: the customer's plod export (Excel or CSV) is needed."] + [
            j.evidence for rule in rubric.criteria.values() if rule.get("data") == "rates"
            for j in [judge(package, rule)] if j and not j.passed]
    return [j.evidence for rule in rubric.criteria.values() for j in [judge(package, rule)] if j and not j.passed]


def _cycles(package, rule: dict) -> Judgement | None:
    plod = package.plod
    if not plod.shifts:
        return None
    n, low, high = len(plod.cycles), rule["min"], rule["max"]
    said = f"Plod data in DS Data covers {plod.cycles_said()}"
    if plod.billing_cycle != "calendar months":
        said += f" ({plod.billing_cycle})"
    if n < low:
        return Judgement(False, f"{said}; at least {low} are needed.")
    if n > high:
        return Judgement(False, f"{said}; at most {high} are used: say which {high} the study should take.")
    return Judgement(True, f"{said}.")


def _invoices(package, rule: dict) -> Judgement | None:
    plod = package.plod
    if not plod.shifts:
        return None
    unbilled = [label for label, files in package.invoices_by_cycle() if not files]
    if not unbilled:
        files = ", ".join(i.file for i in package.invoices)
        return Judgement(True, f"An invoice or claim in DS Data for every billing cycle of the plod data ({files}).")
    return Judgement(False, f"No invoice or claim in DS Data for {', '.join(unbilled)} of the plod data "
                            f"({plod.period}){_unless(package)}.", settled=not package.unsettled)


def _rates(package, rule: dict) -> Judgement | None:
    if package.rates:
        first = package.rates[0]
        kinds = f" ({', '.join(first.kinds)})" if first.kinds else ""
        return Judgement(True, f"Schedule of rates in DS Data: {first.file}{kinds}.")
    return Judgement(False, f"No schedule of rates among the {len(package.files)} files in DS Data{_unless(package)}"
                            ": the rates the plod data is billed at are needed.", settled=not package.unsettled)


def _unless(package) -> str:
    """', unless it is one of the 2 files not read or recognised (scan.pdf, notes.docx)'."""
    if not package.unsettled:
        return ""
    names = list(package.unreadable) + package.other
    return f", unless it is one of the files not read or recognised ({', '.join(names[:4])}{', ...' * (len(names) > 4)})"


def _count(package, rule: dict) -> Judgement | None:
    """Rigs or projects named in the plod data, against the rubric's limit."""
    names = getattr(package.plod, rule["field"], [])
    if not names:
        return None
    n, noun = len(names), rule["noun"]
    said = f"{n} {noun}{'s' * (n != 1)} in the plod data in DS Data ({', '.join(names)})"
    if n > rule["max"]:
        return Judgement(False, f"{said}: more than {rule['max']} needs a manager's exception.")
    return Judgement(True, said + ".")


JUDGES = {"cycles": _cycles, "invoices": _invoices, "rates": _rates, "count": _count}
