"""Closed studies leave the Studies sheet for the Archive sheet once they are old, so the sheet
people work in and every read of it stay small; nothing else moves and nothing is lost, even when
a person sorts the Sheet at the moment the rows are deleted (server/workspace/sheets_tracker.py).
"""
from datetime import date, datetime, timedelta, timezone

import openpyxl
import pytest
from gspread.exceptions import APIError

from fake_google import gspread_client
from server import flows
from server.tracker_layout import tracker_layout
from server.workspace.local_tracker import ARCHIVE as LOCAL_ARCHIVE
from server.workspace.sheets_tracker import ARCHIVE, ARCHIVING
from tests.google_env import MANAGERS, SERVICE_ACCOUNT, google_workspace

LAYOUT = tracker_layout()


def ago(days: int) -> str:
    return (datetime.now(timezone.utc) - timedelta(days=days)).isoformat(timespec="seconds")


def closed(days_ago: int, **values) -> dict:
    """A study CS closed `days_ago` days ago, after a manager's approval."""
    return {"stage": "Closed", "decision": "Approved", "decided_by": MANAGERS[0], "decided_at": ago(days_ago + 30),
            "cs_owner": "chris.cs@example.com", "last_updated": ago(days_ago), **values}


STUDIES = {
    "DS-1": closed(200, customer="Red Rock", deal_size="180,000", currency="AUD",
                   doc_link="https://docs.google.com/document/d/abc/edit"),
    "DS-2": {"customer": "Blue Hole", "stage": "Submitted", "submitted_at": ago(300), "last_updated": ago(300)},
    "DS-3": closed(10, customer="Deep Core"),  # closed last week: still in view
    "DS-4": closed(95, customer="Iron Vale"),
    "DS-5": {**closed(1, customer="Salt Flat"), "stage": "Presented"},
}


@pytest.fixture
def ws(fake):
    fake.add_user(SERVICE_ACCOUNT, "service-account-token")  # the app, as Sheets sees it
    fake.add_user(MANAGERS[0], "manager-token")  # may edit every column, so may sort the sheet
    made = google_workspace(fake)
    made.tracker.update({sid: dict(values) for sid, values in STUDIES.items()})
    return made


def sheet_rows(fake, ws, title):
    return fake.get_values(ws.tracker.spreadsheet_id, title, render="FORMATTED_VALUE")


def test_the_refresh_moves_studies_closed_long_ago_to_the_archive_and_leaves_the_rest(fake, ws):
    result = flows.refresh(ws, MANAGERS, archive_after_days=90)
    assert sorted(result.archived) == ["DS-1", "DS-4"]
    assert [r["study_id"] for r in ws.tracker.records()] == ["DS-2", "DS-3", "DS-5"]
    archive = sheet_rows(fake, ws, ARCHIVE)
    assert archive[0] == LAYOUT.headers
    moved = {row[0]: dict(zip(LAYOUT.keys, row)) for row in archive[1:]}
    assert sorted(moved) == ["DS-1", "DS-4"]
    assert (moved["DS-1"]["customer"], moved["DS-1"]["deal_size"], moved["DS-1"]["currency"]) == (
        "Red Rock", "180,000", "AUD")
    # the sheet is open to people again, and the rows left behind are still found by their tags
    protections = fake.get_spreadsheet(ws.tracker.spreadsheet_id)["sheets"][0].get("protectedRanges", [])
    assert not [p for p in protections if p.get("description") == ARCHIVING]
    ws.tracker.update({"DS-5": {"stage": "Closed"}})
    assert ws.tracker.get("DS-5")["stage"] == "Closed" and ws.tracker.get("DS-3")["customer"] == "Deep Core"
    # a second refresh finds nothing more to move, and makes no Archive sheet twice
    assert flows.refresh(ws, MANAGERS, archive_after_days=90).archived == []


def test_nothing_is_archived_when_the_age_is_zero_or_no_study_is_old_enough(fake, ws):
    assert flows.refresh(ws, MANAGERS, archive_after_days=0).archived == []  # draws the Pipeline sheet
    calls = fake.calls
    assert flows.refresh(ws, MANAGERS, archive_after_days=365).archived == []
    assert len(ws.tracker.records()) == 5
    titles = [s["properties"]["title"] for s in fake.get_spreadsheet(ws.tracker.spreadsheet_id)["sheets"]]
    assert ARCHIVE not in titles  # the refresh did not touch the layout for nothing
    assert fake.calls["sheets.spreadsheets.batchUpdate"] == calls["sheets.spreadsheets.batchUpdate"]


def test_a_person_sorting_while_rows_are_deleted_is_refused_and_no_other_study_is_lost(fake, ws):
    person = gspread_client(fake.base_url, token="manager-token").http_client
    refused = []
    read = ws.tracker._read

    def read_then_a_person_sorts():
        got = read()
        try:  # the moment a positional delete would hit the wrong row
            person.batch_update(ws.tracker.spreadsheet_id, {"requests": [{"sortRange": {
                "range": {"sheetId": 0, "startRowIndex": 1},
                "sortSpecs": [{"dimensionIndex": 0, "sortOrder": "DESCENDING"}]}}]})
        except APIError as exc:
            refused.append(exc.response.status_code)
        return got
    ws.tracker._read = read_then_a_person_sorts
    assert sorted(ws.tracker.archive(flows.archivable(90, date.today()))) == ["DS-1", "DS-4"]
    ws.tracker._read = read
    assert refused == [403]
    assert {r["study_id"]: r["customer"] for r in ws.tracker.records()} == {
        "DS-2": "Blue Hole", "DS-3": "Deep Core", "DS-5": "Salt Flat"}
    person.batch_update(ws.tracker.spreadsheet_id, {"requests": [{"sortRange": {  # and now it goes through
        "range": {"sheetId": 0, "startRowIndex": 1}, "sortSpecs": [{"dimensionIndex": 0, "sortOrder": "DESCENDING"}]}}]})
    assert [r["study_id"] for r in ws.tracker.records()] == ["DS-5", "DS-3", "DS-2"]


def test_when_the_move_fails_the_sheet_is_released_and_nothing_moved(fake, ws):
    # the hold is placed, then the move fails: the hold must not stay
    original = ws.tracker._http.batch_update
    sent = []

    def batch_update(spreadsheet_id, body):
        sent.append([next(iter(r)) for r in body["requests"]])
        if any("deleteDimension" in r for r in body["requests"]):
            raise APIErrorLike()
        return original(spreadsheet_id, body)
    ws.tracker._http.batch_update = batch_update
    with pytest.raises(APIErrorLike):
        ws.tracker.archive(flows.archivable(90, date.today()))
    ws.tracker._http.batch_update = original
    assert sent[-1] == ["deleteProtectedRange"]
    protections = fake.get_spreadsheet(ws.tracker.spreadsheet_id)["sheets"][0].get("protectedRanges", [])
    assert not [p for p in protections if p.get("description") == ARCHIVING]
    assert len(ws.tracker.records()) == 5


class APIErrorLike(RuntimeError):
    """The move's request failing after the hold was placed."""


def test_the_local_tracker_archives_to_its_own_sheet_keeping_dates_and_links(tmp_path):
    from server.workspace.local import LocalWorkspace
    local = LocalWorkspace(tmp_path)
    local.tracker.setup()
    local.tracker.update({sid: dict(values) for sid, values in STUDIES.items()})
    assert sorted(flows.refresh(local, MANAGERS, archive_after_days=90).archived) == ["DS-1", "DS-4"]
    assert [r["study_id"] for r in local.tracker.records()] == ["DS-2", "DS-3", "DS-5"]
    book = openpyxl.load_workbook(local.tracker.path)
    archive = book[LOCAL_ARCHIVE]
    assert [c.value for c in archive[1]][:3] == LAYOUT.headers[:3]
    first = {key: cell for key, cell in zip(LAYOUT.keys, archive[2])}
    assert first["study_id"].value == "DS-1" and first["deal_size"].value == 180000
    assert first["last_updated"].is_date
    assert first["doc_link"].hyperlink.target == STUDIES["DS-1"]["doc_link"]
    studies = book["Studies"]
    assert [studies.cell(row=n, column=1).value for n in range(2, studies.max_row + 1)] == ["DS-2", "DS-3", "DS-5"]


def test_a_move_that_landed_but_whose_answer_was_lost_is_not_done_twice(fake, ws):
    original = ws.tracker._http.batch_update

    def answer_lost(spreadsheet_id, body):
        answer = original(spreadsheet_id, body)
        if any("deleteDimension" in r for r in body["requests"]) and not answer_lost.once:
            answer_lost.once = True
            raise ConnectionError("the connection dropped after Google applied the move")
        return answer
    answer_lost.once = False
    ws.tracker._http.batch_update = answer_lost
    moved = ws.tracker.archive(flows.archivable(90, date.today()))
    ws.tracker._http.batch_update = original
    assert sorted(moved) == ["DS-1", "DS-4"]
    assert [r["study_id"] for r in ws.tracker.records()] == ["DS-2", "DS-3", "DS-5"]
    assert [row[0] for row in sheet_rows(fake, ws, ARCHIVE)[1:]] == ["DS-1", "DS-4"]  # once each
