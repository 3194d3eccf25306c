"""The local tracker (.xlsx): the same columns, colours and merges as the Sheet, so a rep without
Google sees the same tracker."""
from datetime import datetime
from zoneinfo import ZoneInfo

import openpyxl

from server.tracker_layout import tracker_layout
from server.workspace.local_tracker import SHEET, LocalTracker

LAYOUT = tracker_layout()


def test_setup_makes_the_tracker_file_and_says_where_it_is(tmp_path):
    path = tmp_path / "Desktop Study tracker.xlsx"
    assert LocalTracker(path).setup() == str(path)
    assert openpyxl.load_workbook(path)[SHEET]["A1"].value == LAYOUT.headers[0]


def test_an_update_keeps_every_column_of_the_row_including_the_last(tmp_path):
    tracker = LocalTracker(tmp_path / "t.xlsx")
    tracker.setup()
    last, before_last = LAYOUT.keys[-1], LAYOUT.keys[-2]
    tracker.update({"DS-1": {"customer": "Acme", last: "kept", before_last: "kept too"}})
    tracker.update({"DS-1": {"stage": "Approved"}})
    row = tracker.get("DS-1")
    assert (row["stage"], row[last], row[before_last]) == ("Approved", "kept", "kept too")


def test_stages_and_score_bands_are_painted_in_the_layouts_colours(tmp_path):
    path = tmp_path / "t.xlsx"
    LocalTracker(path).setup()
    rules = [r for cf in openpyxl.load_workbook(path)[SHEET].conditional_formatting for r in cf.rules]
    painted = {r.formula[0].strip('"') if r.operator == "equal" else r.operator: r.dxf.fill.fgColor.rgb[-6:].lower()
               for r in rules}
    for stage, colour in LAYOUT.colours["stage"].items():
        assert painted[stage] == colour.lstrip("#").lower()
    assert painted["greaterThanOrEqual"] == LAYOUT.colours["score_good"]["colour"].lstrip("#").lower()
    assert painted["lessThan"] == LAYOUT.colours["score_poor"]["colour"].lstrip("#").lower()
    poor = next(r for r in rules if r.operator == "lessThan")
    assert poor.formula == [str(LAYOUT.colours["score_fair"]["min"])]


def test_a_study_whose_customer_is_blank_is_updated_in_its_own_row(tmp_path):
    tracker = LocalTracker(tmp_path / "t.xlsx")
    tracker.setup()
    tracker.update({"DS-1": {"customer": "", "stage": "Submitted"}, "DS-2": {"customer": "Acme", "stage": "Submitted"}})
    tracker.update({"DS-1": {"stage": "Approved"}})
    assert [(r["study_id"], r["stage"]) for r in tracker.records()] == [("DS-1", "Approved"), ("DS-2", "Submitted")]


def test_the_stage_and_decision_columns_offer_the_layouts_choices_as_a_dropdown(tmp_path):
    path = tmp_path / "t.xlsx"
    LocalTracker(path).setup()
    lists = {str(dv.sqref).split(":")[0].rstrip("0123456789"): dv.formula1
             for dv in openpyxl.load_workbook(path)[SHEET].data_validations.dataValidation}
    letter = openpyxl.utils.get_column_letter
    assert lists[letter(LAYOUT.index("stage") + 1)] == '"' + ",".join(LAYOUT.stages) + '"'
    assert lists[letter(LAYOUT.index("decision") + 1)] == '"' + ",".join(LAYOUT.decisions) + '"'


def test_a_tracker_file_deleted_while_in_use_is_made_again_by_the_next_write(tmp_path):
    tracker = LocalTracker(tmp_path / "t.xlsx")
    tracker.setup()
    tracker.update({"DS-1": {"customer": "Acme", "stage": "Submitted"}})
    tracker.path.unlink()
    tracker.update({"DS-2": {"customer": "Globex", "stage": "Submitted"}})
    assert [r["study_id"] for r in tracker.records()] == ["DS-2"]
    assert openpyxl.load_workbook(tracker.path)[SHEET]["A1"].value == LAYOUT.headers[0]


def test_times_are_dates_in_the_teams_time_zone_and_the_deal_size_a_number_excel_can_sum(tmp_path):
    perth = ZoneInfo("Australia/Perth")  # UTC+8, no daylight saving
    tracker = LocalTracker(tmp_path / "t.xlsx", zone=perth)
    tracker.setup()
    tracker.update({"DS-1": {"customer": "Acme", "submitted_at": "2026-12-04T20:18:25+00:00",
                             "deal_size": "180,000", "currency": "AUD"},
                    "DS-2": {"customer": "Globex", "deal_size": "TBC"}})
    sheet = openpyxl.load_workbook(tracker.path)[SHEET]
    cell = lambda row, key: sheet.cell(row=row, column=LAYOUT.index(key) + 1)  # noqa: E731
    submitted = cell(2, "submitted_at")
    assert submitted.value == datetime(2026, 12, 5, 4, 18, 25)  # Perth's wall clock: the next morning
    assert submitted.is_date and submitted.number_format == LAYOUT.formats["datetime"]
    assert (cell(2, "deal_size").value, cell(2, "deal_size").number_format) == (180000, LAYOUT.formats["money"])
    assert cell(3, "deal_size").value == "TBC"  # no amount in it: kept as the rep wrote it
    # read back as the app's records hold them: the same instant in UTC, the amount as written
    assert tracker.get("DS-1")["submitted_at"] == "2026-12-04T20:18:25+00:00"
    assert tracker.get("DS-1")["deal_size"] == "180,000"


def test_a_date_typed_into_the_file_by_hand_is_read_in_the_teams_time_zone(tmp_path):
    tracker = LocalTracker(tmp_path / "t.xlsx", zone=ZoneInfo("America/Santiago"))
    tracker.setup()
    tracker.update({"DS-1": {"customer": "Acme"}})
    book = openpyxl.load_workbook(tracker.path)
    book[SHEET].cell(row=2, column=LAYOUT.index("decided_at") + 1).value = datetime(2026, 7, 1, 9, 0)
    book.save(tracker.path)
    assert tracker.get("DS-1")["decided_at"] == "2026-07-01T13:00:00+00:00"  # 9:00 in Santiago's winter (UTC-4)
