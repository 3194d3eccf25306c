"""A data package as a person reads it, line by line: the command line, the scorecard and the
sidebar all show these lines."""
from __future__ import annotations


def found_lines(package) -> list[str]:
    """What was found in DS Data: the plod data (period, billing cycles, rigs, projects, gaps),
    the invoices, the schedules of rates, and the files not read or not recognised."""
    plod, out, billed = package.plod, [], package.invoices_by_cycle()
    if plod.shifts:
        out.append(f"Plod data: {', '.join(_by_file(plod.files))} ({plod.shifts} shifts)")
        out.append(f"  Period: {plod.period} ({len(plod.cycles)} billing cycle{'s' * (len(plod.cycles) != 1)}: "
                   f"{', '.join(plod.cycles)}" + (f"; {plod.billing_cycle}" if plod.billing_cycle != "calendar months"
                                                  else "") + ")")
        out.append(f"  Rigs: {len(plod.rigs)} ({', '.join(plod.rigs) or 'not stated'}) · "
                   f"Projects: {len(plod.projects)} ({', '.join(plod.projects) or 'not stated'})")
        gaps = [f"{plod.days_without_shifts} days with no shift" if plod.days_without_shifts else "",
                f"{plod.shifts_without_metres} shifts with no metres" if plod.shifts_without_metres else "",
                f"{plod.shifts_without_hours} shifts with no hours" if plod.shifts_without_hours else ""]
        out.append("  Gaps: " + ("; ".join(g for g in gaps if g) or "none"))
        out.append("  Invoices per cycle: " + "; ".join(f"{label} {', '.join(files) if files else 'none found'}"
                                                         for label, files in billed))
    else:
        out.append("Plod data: none found")
    matched = {f for _, files in billed for f in files}
    out += [f"Invoice{' (bills no cycle of the plod data)' * bool(plod.shifts)}: {i.file} "
            f"({', '.join(i.months) or 'no billing period found'})" for i in package.invoices if i.file not in matched]
    out += [f"Schedule of rates: {r.file} ({', '.join(r.kinds) or 'no kinds of rate recognised'})"
            for r in package.rates]
    out += [f"Not read: {name}: {why}" for name, why in package.unreadable.items()]
    if package.other:
        out.append("Other files (not plod data, an invoice or a schedule of rates): " + ", ".join(package.other))
    return out


def verdict_lines(package) -> list[str]:
    out = ["Enough for a desktop study." if package.ready else "Not enough yet:"]
    return out + [f"  - {p}" for p in package.problems]


def _by_file(places: list[str]) -> list[str]:
    """["a.xlsx, sheet 'RB07'", "a.xlsx, sheet 'RB09'", "b.csv"] -> ["a.xlsx (sheets RB07, RB09)", "b.csv"]."""
    sheets: dict[str, list[str]] = {}
    for place in places:
        file, _, sheet = place.partition(", sheet ")
        sheets.setdefault(file, []).append(sheet.strip("'") if sheet else "")
    return [file + (f" (sheet{'s' * (len(names) > 1)} {', '.join(names)})" if any(names) else "")
            for file, names in sheets.items()]
