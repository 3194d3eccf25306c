"""Writes the demo's data packages (run once; the files are committed): what each sample
customer put in DS Data, as `handover demo` files it beside their handover.

- Redback Drilling (the specific sample): Aug-Oct 2026 plods for rigs RB07, RB09 and RB11 (one
  sheet per rig, 2 shifts a day, as Kayla keys them), EGR's three monthly claims as PDFs, the
  schedule of rates as a PDF, a scan of the paper plod form, a weekly report: what the handover says.
- Ironclad Drilling (the generic sample): "3 billing cycles" claimed, one month of plods sent
  (a CSV with semicolons and decimal commas), a scanned claim and no schedule of rates.

    .venv/bin/python scripts/make_sample_data.py
"""
from __future__ import annotations

import csv
import random
from datetime import date, datetime, timedelta
from pathlib import Path

from fpdf import FPDF
from openpyxl import Workbook

OUT = Path(__file__).resolve().parent.parent / "doc_templates" / "samples" / "DS Data"


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def pdf(path: Path, lines: list[str], scan: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = FPDF(format="A4")
    doc.add_page()
    doc.set_font("Helvetica", size=11)
    if scan:  # a photo of paper: shapes, no text
        for y in range(20, 260, 12):
            doc.line(15, y, 195, y)
        doc.rect(15, 20, 180, 240)
    for line in lines:
        doc.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    doc.output(str(path))


def redback() -> None:
    folder = OUT / "Redback Drilling Pty Ltd"
    rng = random.Random(7)
    book = Workbook()
    book.remove(book.active)
    totals = {}
    for rig in ("RB07", "RB09", "RB11"):
        ws = book.create_sheet(rig)
        ws.append([f"Redback Drilling - Kanowna North - daily plods - {rig}"])
        ws.append(["Client: Eastern Goldfields Resources", None, "Contract EGR-RDB-2025"])
        ws.append([])
        ws.append(["Date", "Shift", "Hole ID", "Project", "Metres drilled", "Drilling hours", "Standby hours"])
        for d in days(date(2026, 8, 1), date(2026, 10, 31)):
            for shift in ("Day", "Night"):
                if rig == "RB09" and date(2026, 9, 14) <= d <= date(2026, 9, 16):
                    ws.append([datetime(d.year, d.month, d.day), shift, "", "Kanowna North", None, 0, 12])
                    continue  # hammer rebuild: standby, no metres
                metres = round(rng.uniform(120, 190), 1)
                totals[(d.year, d.month)] = totals.get((d.year, d.month), 0) + metres
                ws.append([datetime(d.year, d.month, d.day), shift, f"KN{d:%m%d}{rig[-2:]}", "Kanowna North",
                           metres, round(rng.uniform(9.5, 11.5), 1), round(rng.uniform(0, 1.5), 1)])
    (folder / "Claims").mkdir(parents=True, exist_ok=True)
    book.save(folder / "Redback_Plods_Aug-Oct26.xlsx")
    for month, number, issued in ((8, "RB-0826", "4 September 2026"), (9, "RB-0926", "5 October 2026"),
                                  (10, "RB-1026", "4 November 2026")):
        name = date(2026, month, 1).strftime("%B")
        last = (date(2026, month + 1, 1) - timedelta(days=1)).day
        pdf(folder / "Claims" / f"EGR claim {number}.pdf", [
            "PROGRESS CLAIM", "Redback Drilling Pty Ltd - ABN 51 624 118 903",
            "To: Eastern Goldfields Resources - Kanowna North", f"Claim No: {number}", f"Date of issue: {issued}",
            f"Billing period: 1 {name} 2026 to {last} {name} 2026",
            f"RC drilling, all depth bands: {totals[(2026, month)]:,.1f} m", "Standby, mob/demob and consumables: see schedule",
            "Total (AUD, ex GST): see attached breakdown"])
    pdf(folder / "EGR_SoR_rev4.pdf", [
        "SCHEDULE OF RATES - EGR-RDB-SOR rev 4", "Eastern Goldfields Resources / Redback Drilling",
        "1.1  RC drilling 0-100 m ................ per metre  AUD 78.00",
        "1.2  RC drilling 100-150 m .............. per metre  AUD 86.50",
        "1.3  RC drilling 150-200 m .............. per metre  AUD 95.00",
        "1.4  RC drilling 200 m and deeper ....... per metre  AUD 108.00",
        "2.1  Standby (client instructed) ........ per hour   AUD 295.00",
        "2.2  Rig hourly work (rod handling) ..... per hour   AUD 310.00",
        "3.1  Mobilisation / demobilisation ...... lump sum   AUD 14,500.00",
        "4.1  Consumables: PCD bits .............. at cost plus 12%", "(54 line items; excerpt)"])
    pdf(folder / "Plod_form_scan.pdf", [], scan=True)
    report = Workbook()
    report.active.append(["Week ending", "RB07 m", "RB09 m", "RB11 m"])
    for d in days(date(2026, 8, 2), date(2026, 10, 25))[::7]:
        report.active.append([datetime(d.year, d.month, d.day), 2180, 2075, 2240])
    (folder / "Reports").mkdir(exist_ok=True)
    report.save(folder / "Reports" / "Weekly metres to EGR.xlsx")


def ironclad() -> None:
    folder = OUT / "Ironclad Drilling Services"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "plods_nov.csv", "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, delimiter=";")
        out.writerow(["Date", "Rig", "Metres", "Hours"])
        for d in days(date(2026, 11, 1), date(2026, 11, 30)):
            for rig in ("IC-1", "IC-2", "IC-3", "IC-4"):
                out.writerow([f"{d:%d/%m/%Y}", rig, "104,5", "10,5"])
    pdf(folder / "claim scan.pdf", [], scan=True)


if __name__ == "__main__":
    redback()
    ironclad()
