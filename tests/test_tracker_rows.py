"""A write finds its study's row where it is when it lands, and touches only the cells it changes.

Between the tracker's read and its write, a person sorts the Sheet, inserts or deletes rows, or
types in another cell of the row (played here by the Sheet's owner, through the real gspread
client, at exactly that moment). Nothing is lost: each study's change lands on its own row, no
study appears twice, a deleted row is not brought back and the typed cell is kept.
"""
import pytest

from fake_google import gspread_client
from server.tracker_layout import tracker_layout
from server.workspace.sheets_tracker import SHEET
from tests.test_sheets_tracker_rules import open_tracker, shown_rows

LAYOUT = tracker_layout()
NOTES = len(LAYOUT.columns)  # the first column after the tracker's: where people type notes


def by_hand(fake, tracker, *requests):
    """What a person does in the Sheet, as the Sheet's owner."""
    gspread_client(fake.base_url).http_client.batch_update(tracker.spreadsheet_id, {"requests": list(requests)})


def sort_descending(fake, tracker):
    by_hand(fake, tracker, {"sortRange": {"range": {"sheetId": 0, "startRowIndex": 1},
                                          "sortSpecs": [{"dimensionIndex": 0, "sortOrder": "DESCENDING"}]}})


def insert_row_at_top(fake, tracker):
    by_hand(fake, tracker, {"insertDimension": {"range": {"sheetId": 0, "dimension": "ROWS", "startIndex": 1,
                                                          "endIndex": 2}}})


def delete_first_study(fake, tracker):
    by_hand(fake, tracker, {"deleteDimension": {"range": {"sheetId": 0, "dimension": "ROWS", "startIndex": 1,
                                                          "endIndex": 2}}})


def note_on(fake, tracker, study_id, text):
    """A person types a note beside a study's row and a presentation date in it."""
    rows = fake.get_values(tracker.spreadsheet_id, SHEET)
    n = next(i for i, r in enumerate(rows) if r and r[0] == study_id)
    date_col = LAYOUT.index("presentation_date")
    by_hand(fake, tracker, {"insertDimension": {"range": {"sheetId": 0, "dimension": "COLUMNS", "startIndex": NOTES,
                                                          "endIndex": NOTES + 1}}},  # a Notes column added
            {"updateCells": {"start": {"sheetId": 0, "rowIndex": n, "columnIndex": date_col},
                                            "rows": [{"values": [{"userEnteredValue": {"stringValue": "2026-05-04"}}]}],
                                            "fields": "userEnteredValue"}},
            {"updateCells": {"start": {"sheetId": 0, "rowIndex": n, "columnIndex": NOTES},
                             "rows": [{"values": [{"userEnteredValue": {"stringValue": text}}]}],
                             "fields": "userEnteredValue"}})


@pytest.fixture
def tracker(fake):
    made = open_tracker(fake)
    made.setup()
    made.update({f"DS-{n}": {"customer": f"Customer {n}", "stage": "Submitted"} for n in range(1, 5)})
    return made


def meanwhile(tracker, act):
    """The tracker, with `act` done by a person right after its next read."""
    read = tracker._read

    def read_then_act():
        got = read()
        act()
        tracker._read = read
        return got
    tracker._read = read_then_act
    return tracker


def tags_of_rows(fake, tracker, rows="A2:A3"):
    meta = gspread_client(fake.base_url).http_client.fetch_sheet_metadata(tracker.spreadsheet_id, params={
        "ranges": f"'{SHEET}'!{rows}", "fields": "sheets(data(rowMetadata(developerMetadata(metadataValue))))"})
    return [[m["metadataValue"] for m in row.get("developerMetadata", [])]
            for row in meta["sheets"][0]["data"][0]["rowMetadata"]]


def sheet_rows(fake, tracker):
    rows = fake.get_values(tracker.spreadsheet_id, SHEET)[1:]
    return {r[0]: r for r in rows if r and r[0]}


@pytest.mark.parametrize("hand", [sort_descending, insert_row_at_top], ids=["sorted", "row inserted"])
def test_a_change_lands_on_its_own_row_when_rows_move_between_the_read_and_the_write(fake, tracker, hand):
    meanwhile(tracker, lambda: hand(fake, tracker)).update({"DS-2": {"stage": "Approved", "cs_owner": "Chris"}})
    rows = {r["study_id"]: r for r in shown_rows(fake, tracker) if r["study_id"]}
    assert sorted(rows) == ["DS-1", "DS-2", "DS-3", "DS-4"]  # none lost, none twice
    assert (rows["DS-2"]["stage"], rows["DS-2"]["cs_owner"]) == ("Approved", "Chris")
    assert all(rows[s]["stage"] == "Submitted" and rows[s]["customer"] == f"Customer {s[3:]}"
               for s in ("DS-1", "DS-3", "DS-4"))


def test_a_row_deleted_meanwhile_is_not_brought_back_and_its_neighbour_is_untouched(fake, tracker):
    meanwhile(tracker, lambda: delete_first_study(fake, tracker)).update({"DS-1": {"stage": "Approved"},
                                                                          "DS-2": {"stage": "Rejected"}})
    rows = sheet_rows(fake, tracker)
    assert sorted(rows) == ["DS-2", "DS-3", "DS-4"]
    assert rows["DS-2"][LAYOUT.index("stage")] == "Rejected" and rows["DS-3"][LAYOUT.index("stage")] == "Submitted"


def test_cells_typed_meanwhile_in_the_same_row_are_kept(fake, tracker):
    meanwhile(tracker, lambda: note_on(fake, tracker, "DS-3", "call Li first")).update({"DS-3": {"stage": "Approved"}})
    row = sheet_rows(fake, tracker)["DS-3"]
    assert row[LAYOUT.index("stage")] == "Approved"
    assert row[LAYOUT.index("presentation_date")] == "2026-05-04" and row[NOTES] == "call Li first"


def test_a_row_added_by_hand_is_tagged_by_its_first_write_and_found_after_a_sort(fake, tracker):
    gspread_client(fake.base_url).http_client.values_append(
        tracker.spreadsheet_id, f"'{SHEET}'!A1", params={"valueInputOption": "RAW"},
        body={"values": [["DS-0", "Typed in by hand"]]})
    tracker.update({"DS-0": {"stage": "Submitted"}})  # by position, and tagged
    meanwhile(tracker, lambda: sort_descending(fake, tracker)).update({"DS-0": {"stage": "Approved"}})
    rows = sheet_rows(fake, tracker)
    assert rows["DS-0"][1] == "Typed in by hand" and rows["DS-0"][LAYOUT.index("stage")] == "Approved"
    assert [r[LAYOUT.index("stage")] for s, r in sorted(rows.items()) if s != "DS-0"] == ["Submitted"] * 4


def test_a_row_copied_by_hand_with_its_tag_does_not_draw_writes_meant_for_the_original(fake, tracker):
    """A copy keeps the original's tag on a row holding another study: that tag is removed, and a
    write for the original still lands on the original only."""
    assert tags_of_rows(fake, tracker) == [["DS-1"], ["DS-2"]]
    by_hand(fake, tracker, {"createDeveloperMetadata": {"developerMetadata": {  # DS-1's tag, now on DS-2's row too
        "metadataKey": "studyId", "metadataValue": "DS-1", "visibility": "DOCUMENT",
        "location": {"dimensionRange": {"sheetId": 0, "dimension": "ROWS", "startIndex": 2, "endIndex": 3}}}}})
    tracker.update({"DS-1": {"stage": "Approved"}})
    assert tags_of_rows(fake, tracker) == [["DS-1"], ["DS-2"]]  # the stray tag removed
    tracker.update({"DS-1": {"cs_owner": "Chris"}})
    rows = sheet_rows(fake, tracker)
    assert rows["DS-2"][LAYOUT.index("stage")] == "Submitted" and len(rows["DS-2"]) <= LAYOUT.index("cs_owner")
    assert rows["DS-1"][LAYOUT.index("stage")] == "Approved" and rows["DS-1"][LAYOUT.index("cs_owner")] == "Chris"


def test_rows_added_by_hand_are_tagged_by_the_next_write_for_any_study(fake, tracker):
    gspread_client(fake.base_url).http_client.values_append(
        tracker.spreadsheet_id, f"'{SHEET}'!A1", params={"valueInputOption": "RAW"},
        body={"values": [["DS-0", "Typed in by hand"]]})
    assert tags_of_rows(fake, tracker, "A6:A6") == [[]]
    tracker.update({"DS-1": {"stage": "Approved"}})  # another study's change
    assert tags_of_rows(fake, tracker, "A6:A6") == [["DS-0"]]
    assert sheet_rows(fake, tracker)["DS-0"][1] == "Typed in by hand"  # its cells untouched
