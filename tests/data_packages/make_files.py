"""Writes the plod corpus in this folder (run once; the files are committed): each file in a
layout customers send, described in expected.toml as a person reads it."""
import csv
from datetime import date, datetime, timedelta
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent


def days(first: date, last: date):
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def write_csv(name, rows, delimiter=","):
    with open(HERE / name, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)


def plod_shifts_en():
    rows = [["Date", "Rig", "Project", "Hole ID", "Metres Drilled", "Drilling Hours"]]
    for d in days(date(2026, 1, 1), date(2026, 2, 28)):
        for rig, metres in (("RC-07", 96.0), ("RC-12", 88.5)):
            rows.append([d.isoformat(), rig, "Carosue Dam", f"CD{d:%m%d}", metres, 11.5])
    write_csv("plod_shifts_en.csv", rows)


def plod_es():
    rows = [["Fecha", "Equipo", "Faena", "Metros perforados (m)", "Horas"]]
    rows += [[f"{d:%d/%m/%Y}", "Equipo 3", "Faena Norte", "42,5", "10,5"] for d in days(date(2026, 1, 1), date(2026, 1, 31))]
    write_csv("plod_es_punto_y_coma.csv", rows, delimiter=";")


def plod_pt():
    rows = [["Data", "Sonda", "Projeto", "Metragem", "Horas trabalhadas"]]
    rows += [[f"{d:%d/%m/%Y}", "Sonda 1", "Projeto Serra", "38.2", "9.5"] for d in days(date(2025, 10, 1), date(2025, 12, 29))]
    write_csv("plod_pt_sondas.csv", rows)


def plod_title_block():
    book = Workbook()
    ws = book.active
    ws.title = "Plods"
    ws.append(["Acme Drilling - Daily Plod Report"])
    ws.append(["Client: Red Rock Mining"])
    ws.append([])
    ws.append(["Date", "Rig No", "Hole", "Metres", "Hours"])
    for d in days(date(2026, 2, 1), date(2026, 2, 28)):
        ws.append([datetime(d.year, d.month, d.day), "DR-1", f"H{d.day:02d}", 75, 12])
    ws.append(["Total", None, None, 75 * 28, 12 * 28])
    book.save(HERE / "plod_title_block.xlsx")


def plod_sheet_per_rig():
    book = Workbook()
    book.remove(book.active)
    for rig in ("Rig 7", "Rig 12"):
        ws = book.create_sheet(rig)
        ws.append(["Date", "Project", "Metres", "Hours"])
        for d in days(date(2026, 3, 1), date(2026, 4, 30)):
            ws.append([datetime(d.year, d.month, d.day), "Gwalia", 64.5, 11])
    book.save(HERE / "plod_sheet_per_rig.xlsx")


def plod_two_row_header():
    book = Workbook()
    ws = book.active
    ws.append(["Date", "Rig", "Drilling", None])
    ws.append([None, None, "Metres", "Hours"])
    ws.merge_cells("C1:D1")
    for d in days(date(2026, 4, 1), date(2026, 4, 30)):
        ws.append([datetime(d.year, d.month, d.day), "UG-2", 30.5, 10])
    book.save(HERE / "plod_two_row_header.xlsx")


def plod_formulas():
    book = Workbook()
    ws = book.active
    ws.append(["Date", "Rig", "Start", "End", "Metres", "Hours"])
    for n, d in enumerate(days(date(2026, 5, 1), date(2026, 5, 10)), start=2):
        ws.append([datetime(d.year, d.month, d.day), "RC-01", 6, 18, 90, f"=D{n}-C{n}"])
    book.save(HERE / "plod_formulas_never_computed.xlsx")  # openpyxl keeps no computed values


def plod_gaps():
    rows = [["Date", "Rig", "Metres", "Hours"]]
    for d in days(date(2026, 6, 1), date(2026, 6, 30)):
        if 10 <= d.day <= 14:
            continue
        standby = d.day in (3, 17, 25)
        rows.append([d.isoformat(), "RC-05", "" if standby else "81", "12"])
    write_csv("plod_gaps.csv", rows)


def plod_serial_dates():
    rows = [["Shift Date", "Rig ID", "Meters", "Hrs"]]
    rows += [[(d - date(1899, 12, 30)).days, "RC-09", "70", "11"] for d in days(date(2026, 1, 5), date(2026, 1, 18))]
    write_csv("plod_excel_serial_dates.csv", rows)


def plod_tabs_many_rigs():
    rows = [["Date", "Rig", "Project", "Metres", "Hours"]]
    for d in days(date(2026, 7, 1), date(2026, 7, 7)):
        rows += [[d.isoformat(), f"R{r}", "Pilbara", "55", "12"] for r in range(1, 8)]
    d = date(2026, 7, 8)
    while d <= date(2026, 8, 1):
        rows.append([d.isoformat(), "R1", "Pilbara", "55", "12"])
        d += timedelta(days=3)
    write_csv("plod_tabs_two_months_many_rigs.csv", rows, delimiter="\t")


def plod_dates_across():
    """A sheet a month, a column per day, a row per rig and measure; the rig written once."""
    book = Workbook()
    book.remove(book.active)
    for title, first, last in (("March", date(2026, 3, 1), date(2026, 3, 31)), ("April", date(2026, 4, 1),
                                                                                date(2026, 4, 30))):
        ws = book.create_sheet(title)
        month = days(first, last)
        ws.append([f"Daily metres and hours - {title} 2026"])
        ws.append([])
        ws.append(["Rig", "Measure", *[datetime(d.year, d.month, d.day) for d in month]])
        off = {"RC-07": {date(2026, 3, 8)}, "RC-12": {date(2026, 3, 8), date(2026, 3, 15), date(2026, 3, 16)}}
        for rig in ("RC-07", "RC-12"):
            metres = [None if d in off[rig] or (rig, d) == ("RC-12", date(2026, 3, 20)) else 90 for d in month]
            hours = [None if d in off[rig] else 12 for d in month]
            ws.append([rig, "Metres", *metres])
            ws.append([None, "Hours", *hours])
    book.save(HERE / "plod_dates_across.xlsx")


def invoice_register():
    book = Workbook()
    ws = book.active
    ws.append(["Invoice No", "Invoice Date", "Period", "Amount (AUD)"])
    ws.append(["INV-1001", datetime(2026, 2, 3), "January 2026", 182000])
    ws.append(["INV-1002", datetime(2026, 3, 3), "February 2026", 175500])
    book.save(HERE / "invoice_register.xlsx")


def schedule_of_rates():
    write_csv("schedule_of_rates.csv", [["Item", "Description", "Unit", "Rate (AUD)"],
                                        ["1", "RC drilling 0-100 m", "per metre", "85.00"],
                                        ["2", "Standby", "per hour", "310.00"],
                                        ["3", "Mobilisation", "lump sum", "12000.00"]])


def pdf(name, lines, text=True):
    from fpdf import FPDF
    doc = FPDF(format="A4")
    doc.add_page()
    doc.set_font("Helvetica", size=11)
    if text:
        for line in lines:
            doc.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    else:  # a scan: shapes, no text
        doc.rect(20, 20, 170, 60)
        doc.line(20, 40, 190, 40)
    doc.output(str(HERE / name))


def invoices():
    pdf("invoice_jan_2026.pdf", ["TAX INVOICE", "Red Rock Drilling Pty Ltd", "Invoice No: INV-2201",
                                 "Invoice date: 3 February 2026",
                                 "Billing period: 1 January 2026 to 31 January 2026",
                                 "RC drilling 0-100 m: 2,832 m at $85.00", "Total (AUD): 240,720.00"])
    pdf("factura_febrero.pdf", ["FACTURA", "Perforaciones del Norte SpA", "Fecha de emision: 05/03/2026",
                                "Periodo: febrero 2026", "Metros perforados: 1.317,5", "Total (CLP): 98.500.000"])
    pdf("invoice_scanned.pdf", [], text=False)


def tarifas_docx():
    from docx import Document
    doc = Document()
    doc.add_heading("Tarifas 2026 - Lista de precios", level=1)
    table = doc.add_table(rows=1, cols=3)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text, table.rows[0].cells[2].text = "Item", "Unidad", "Precio"
    for item, unit, price in (("Perforacion 0-100 m", "por metro", "85.000"), ("Hora de espera (standby)", "por hora",
                              "310.000"), ("Movilizacion de equipo", "global", "12.000.000"),
                              ("Consumibles: brocas", "por unidad", "450.000")):
        row = table.add_row().cells
        row[0].text, row[1].text, row[2].text = item, unit, price
    doc.save(HERE / "tarifas_2026.docx")


if __name__ == "__main__":
    invoices()
    tarifas_docx()
    for make in (plod_shifts_en, plod_es, plod_pt, plod_title_block, plod_sheet_per_rig, plod_two_row_header,
                 plod_formulas, plod_gaps, plod_serial_dates, plod_tabs_many_rigs, plod_dates_across, invoice_register,
                 schedule_of_rates):
        make()
