"""The fake parses values written with USER_ENTERED as Google does, keeps RAW text as sent,
and answers values.get in each valueRenderOption (fake_google/README.md, "Values")."""
import pytest

from fake_google import FakeGoogle
from fake_google.testing import sheets_service

TYPED = ["=1+2", "123", "007", "1,234.5", "50%", "2026-03-12", "12/3/2026", "TRUE", "'007", "=IMPORTXML(\"x\",\"y\")"]


@pytest.fixture
def sheet():
    with FakeGoogle() as fake:
        service = sheets_service(fake)
        spreadsheet_id = fake.add_spreadsheet("Values")

        def write_and_read(option, render, datetime_render="SERIAL_NUMBER"):
            service.spreadsheets().values().update(spreadsheetId=spreadsheet_id, range="Sheet1!A1",
                                                   valueInputOption=option, body={"values": [TYPED]}).execute()
            return service.spreadsheets().values().get(
                spreadsheetId=spreadsheet_id, range="Sheet1!A1:J1", valueRenderOption=render,
                dateTimeRenderOption=datetime_render).execute()["values"][0]
        yield write_and_read


def test_raw_text_is_shown_and_stored_exactly_as_sent(sheet):
    for render in ("FORMATTED_VALUE", "UNFORMATTED_VALUE", "FORMULA"):
        assert sheet("RAW", render) == TYPED


def test_user_entered_values_are_shown_as_google_shows_them(sheet):
    assert sheet("USER_ENTERED", "FORMATTED_VALUE") == [
        "3", "123", "7", "1,234.5", "50%", "2026-03-12", "12/3/2026", "TRUE", "007", "#ERROR!"]


def test_user_entered_values_unformatted_are_numbers_dates_and_booleans(sheet):
    assert sheet("USER_ENTERED", "UNFORMATTED_VALUE") == [
        3, 123, 7, 1234.5, 0.5, 46093, 46359, True, "007", "#ERROR!"]
    assert sheet("USER_ENTERED", "UNFORMATTED_VALUE", "FORMATTED_STRING")[5:7] == ["2026-03-12", "12/3/2026"]


def test_user_entered_formulas_read_back_as_typed_with_formula(sheet):
    assert sheet("USER_ENTERED", "FORMULA") == [
        "=1+2", 123, 7, 1234.5, 0.5, 46093, 46359, True, "007", "=IMPORTXML(\"x\",\"y\")"]


@pytest.mark.parametrize("formula, shown", [
    ("=2^3-1", "7"), ("=-2^2", "4"), ("=50%*4", "2"), ("=SUM(1,2,3)/2", "3"), ("=ROUND(2.5)", "3"),
    ('=UPPER("acme")&" "&LEN("rig")', "ACME 3"), ('=IF(3>2,"yes","no")', "yes"),
    ('=HYPERLINK("https://example.com","Open")', "Open"), ("=1/0", "#DIV/0!"), ('="a"+1', "#VALUE!"),
    ("=A1+1", "#ERROR!"), ("=SUM(A1:A3)", "#ERROR!"),
])
def test_formulas_are_computed_or_marked_never_shown_as_their_text(formula, shown):
    with FakeGoogle() as fake:
        spreadsheet_id = fake.add_spreadsheet("Formulas", {"Sheet1": [[formula]]})
        assert fake.get_values(spreadsheet_id, "Sheet1", render="FORMATTED_VALUE") == [[shown]]


def test_a_formula_the_fake_cannot_compute_says_so_in_its_effective_value():
    with FakeGoogle() as fake:
        spreadsheet_id = fake.add_spreadsheet("Formulas", {"Sheet1": [["=VLOOKUP(1,A:B,2)"]]})
        cell = fake.get_spreadsheet(spreadsheet_id, include_grid=True)["sheets"][0]["data"][0]["rowData"][0]["values"][0]
        assert cell["formattedValue"] == "#ERROR!"
        assert cell["effectiveValue"]["errorValue"]["type"] == "ERROR"
        assert "does not compute" in cell["effectiveValue"]["errorValue"]["message"]


def test_a_typed_date_keeps_its_date_format_when_a_number_is_written_over_it():
    with FakeGoogle() as fake:
        service = sheets_service(fake)
        spreadsheet_id = fake.add_spreadsheet("Dates", {"Sheet1": [["2026-03-12"]]})
        service.spreadsheets().values().update(spreadsheetId=spreadsheet_id, range="Sheet1!A1",
                                               valueInputOption="RAW", body={"values": [[46094]]}).execute()
        assert fake.get_values(spreadsheet_id, "Sheet1", render="FORMATTED_VALUE") == [["2026-03-13"]]
