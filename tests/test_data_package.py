"""The plod data in a customer's data package, read from the files themselves: each file of the
corpus (tests/data_packages/, made by make_files.py in the layouts customers send) read as
expected.toml says a person reads it, written before the reader."""
import tomllib
from pathlib import Path

import pytest

from server.data_package.plod import parse_day, parse_number, read_plod
from server.data_package.summary import summarise

CORPUS = Path(__file__).resolve().parent / "data_packages"
EXPECTED = tomllib.loads((CORPUS / "expected.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_file_reads_as_a_person_reads_it(name):
    expected = EXPECTED[name]
    tables = read_plod(CORPUS / name)
    if expected.get("not_plod"):
        assert tables == []
        check_document(name, expected)
        return
    summary = summarise(tables).to_dict()
    for key in ("shifts", "first", "last", "cycles", "rigs", "projects", "days_without_shifts",
                "shifts_without_metres", "shifts_without_hours"):
        assert summary[key] == expected[key], (name, key)
    if "metres_total" in expected:
        assert sum(t.metres for t in tables) == pytest.approx(expected["metres_total"])


def check_document(name: str, expected: dict) -> None:
    """An invoice's date and billing months, a schedule's kinds of rate, a scan's lack of text."""
    from server.data_package.documents import (NoText, is_invoice, is_rates, read_invoice, read_rates,
                                               text_of)
    if expected.get("no_text"):
        with pytest.raises(NoText):
            text_of(CORPUS / name)
        return
    text = text_of(CORPUS / name)
    if "invoice_months" in expected:
        assert is_invoice(name, text)
        invoice = read_invoice(name, text)
        assert invoice.months == expected["invoice_months"]
        assert (invoice.issued.isoformat() if invoice.issued else "") == expected.get("invoice_issued", "")
    if "rate_kinds" in expected:
        assert is_rates(name, text) and not is_invoice(name, text)
        assert read_rates(name, text).kinds == expected["rate_kinds"]


def test_the_period_reads_as_people_write_it():
    one_month = summarise(read_plod(CORPUS / "plod_es_punto_y_coma.csv"))
    assert one_month.period == "1-31 Jan 2026"
    across_years = summarise(read_plod(CORPUS / "plod_pt_sondas.csv"))
    assert across_years.period == "1 Oct - 29 Dec 2025"


@pytest.mark.parametrize("text, number", [("12,5", 12.5), ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("1,234", 1234),
                                          ("85", 85), ("", None), ("n/a", None), ("NaN", None), (True, None)])
def test_numbers_with_decimal_commas_or_thousands_separators(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize("text, day", [("2026-01-31", "2026-01-31"), ("31/01/2026", "2026-01-31"),
                                       ("31.01.2026", "2026-01-31"), (46053, "2026-01-31"), ("Total", None)])
def test_dates_day_first_iso_or_excel_serials(text, day):
    found = parse_day(text)
    assert (found.isoformat() if found else None) == day


def package_of(tmp_path, *names, customer: str = "Acme") -> Path:
    """A customer's DS Data folder holding these files of the corpus."""
    import shutil
    folder = tmp_path / customer / "DS Data"
    folder.mkdir(parents=True)
    for name in names:
        shutil.copy(CORPUS / name, folder / name)
    return folder


def test_two_months_of_plods_with_invoices_is_enough_and_one_month_is_refused_with_the_evidence(tmp_path):
    from server.data_package.package import read_package
    good = read_package(package_of(tmp_path, "plod_shifts_en.csv", "invoice_register.xlsx", "schedule_of_rates.csv"))
    assert good.ready and good.other == []
    assert [i.months for i in good.invoices] == [["2026-01", "2026-02"]] and good.rates[0].file == "schedule_of_rates.csv"
    thin = read_package(package_of(tmp_path, "plod_es_punto_y_coma.csv", customer="Globex"))
    assert thin.problems[0] == "Plod data in DS Data covers 1-31 Jan 2026: 1 billing cycle; at least 2 are needed."


def test_more_rigs_in_the_data_than_the_limit_goes_to_a_managers_exception(tmp_path):
    from server.data_package.package import read_package
    package = read_package(package_of(tmp_path, "plod_tabs_two_months_many_rigs.csv"))
    assert ("7 rigs in the plod data in DS Data (R1, R2, R3, R4, R5, R6, R7): more than 5 needs a manager's "
            "exception." in package.problems)


def test_damaged_protected_and_old_files_each_get_a_clear_finding_and_the_rest_is_read(tmp_path):
    from server.data_package.package import read_package
    folder = package_of(tmp_path, "plod_shifts_en.csv")
    (folder / "damaged.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    (folder / "protected.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)  # Office encrypts to OLE
    (folder / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    package = read_package(folder)
    assert "password-protected" in package.unreadable["protected.xlsx"]
    assert "not a readable Excel file" in package.unreadable["damaged.xlsx"]
    assert "Excel 97-2003" in package.unreadable["old.xls"]
    assert package.plod.shifts == 118  # the readable file is read all the same


def test_the_command_line_reads_a_folder_and_exits_as_score_does(tmp_path):
    import json
    import subprocess
    import sys
    root = Path(__file__).resolve().parent.parent
    run = lambda *args: subprocess.run([sys.executable, "-m", "server.cli", "data", *args],  # noqa: E731
                                       capture_output=True, text=True, cwd=root, timeout=60)
    good = run(str(package_of(tmp_path, "plod_shifts_en.csv", "invoice_jan_2026.pdf", "factura_febrero.pdf",
                              "tarifas_2026.docx")))
    assert good.returncode == 0 and "Period: 1 Jan - 28 Feb 2026 (2 billing cycles" in good.stdout
    assert "Invoices per cycle: 2026-01 invoice_jan_2026.pdf; 2026-02 factura_febrero.pdf" in good.stdout
    thin = run(str(package_of(tmp_path, "plod_gaps.csv", customer="Globex")), "--json")
    reading = json.loads(thin.stdout)
    assert thin.returncode == 1 and reading["plod"]["days_without_shifts"] == 5 and not reading["ready"]
    weekly = run(str(package_of(tmp_path, "plod_es_punto_y_coma.csv", customer="Initech")), "--billing-cycle", "weekly")
    assert weekly.returncode == 1 and "Period: 1-31 Jan 2026 (5 billing cycles: 2025-12-29, " in weekly.stdout
    assert "; weekly)" in weekly.stdout
    assert run(str(tmp_path), "--billing-cycle", "now and then").returncode == 2
    missing = run(str(tmp_path / "nowhere"))
    assert missing.returncode == 2 and "no such folder" in missing.stderr and "Traceback" not in missing.stderr


def test_a_month_of_plods_with_no_invoice_and_a_scanned_invoice_are_each_said(tmp_path):
    from server.data_package.package import read_package
    package = read_package(package_of(tmp_path, "plod_shifts_en.csv", "invoice_jan_2026.pdf", "invoice_scanned.pdf",
                                      "schedule_of_rates.csv"))
    assert "an image with no text" in package.unreadable["invoice_scanned.pdf"]
    assert package.problems == ["No invoice or claim in DS Data for 2026-02 of the plod data (1 Jan - 28 Feb 2026), "
                                "unless it is one of the files not read or recognised (invoice_scanned.pdf)."]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".pdf", ".docx", ".xls", ".txt"])
def test_any_bytes_under_any_name_give_a_reading_never_a_crash(tmp_path, suffix):
    """Whatever a customer drops in DS Data: a reading (plod data, a document, another file, or
    unreadable with why), never an exception that would stop a Check."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from server.data_package.package import read_file
    valid = {".xlsx": (CORPUS / "plod_title_block.xlsx").read_bytes(), ".docx": (CORPUS / "tarifas_2026.docx").read_bytes(),
             ".pdf": (CORPUS / "invoice_jan_2026.pdf").read_bytes(), ".csv": (CORPUS / "plod_gaps.csv").read_bytes()}

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.one_of(st.binary(max_size=2000),
                     st.tuples(st.integers(0, 4000), st.binary(max_size=40)).map(
                         lambda cut: valid.get(suffix, b"")[:cut[0]] + cut[1])))
    def reads(data):
        path = tmp_path / f"file{suffix}"
        path.write_bytes(data)
        reading = read_file(path, path.name)
        assert reading.name == path.name
        assert reading.unreadable == "" or len(reading.unreadable) < 200
    reads()
