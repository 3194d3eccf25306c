"""Edits typed into the tracker Sheet, as the scheduled refresh reconciles them: a decision a
manager picks in the Decision dropdown is recorded (stage, who, when); what the Sheet cannot
mean is noted in the Notes column and never acted on (server/sheet_edits.py)."""
import openpyxl
import pytest
from gspread.utils import rowcol_to_a1

from fake_google import gspread_client
from server import flows
from server.sheet_edits import UNKNOWN_MANAGER
from server.tracker_layout import tracker_layout
from server.workspace.sheets_tracker import SHEET
from tests.google_env import MANAGERS, SERVICE_ACCOUNT, google_workspace

LAYOUT = tracker_layout()
MANAGER = MANAGERS[0]


def column(key: str) -> str:
    return rowcol_to_a1(1, LAYOUT.index(key) + 1)[:-1]  # 'A', ..., 'Z', 'AA', ...


@pytest.fixture
def sheet(fake):
    fake.add_user(SERVICE_ACCOUNT, "service-account-token")  # the app, as Sheets sees it
    fake.add_user(MANAGER, "manager-token")
    fake.add_user("chris.cs@example.com", "cs-token")
    ws = google_workspace(fake)
    ws.tracker.update({"DS-1": {"customer": "Red Rock", "stage": "Submitted", "doc_id": ""},
                       "DS-2": {"customer": "Blue Hole", "stage": "Submitted", "doc_id": ""}})
    return ws


def type_in(fake, ws, token, study_row: int, key: str, value: str):
    """A person types `value` in a study's cell (rows 2, 3, ... in the order added)."""
    gspread_client(fake.base_url, token=token).http_client.values_update(
        ws.tracker.spreadsheet_id, f"'{SHEET}'!{column(key)}{study_row}", params={"valueInputOption": "USER_ENTERED"},
        body={"values": [[value]]})


def test_a_decision_picked_in_the_sheet_is_recorded_with_its_stage_who_and_when(fake, sheet):
    type_in(fake, sheet, "manager-token", 2, "decision", "Approved")
    result = flows.refresh(sheet, MANAGERS)
    study = sheet.tracker.get("DS-1")
    assert result.decided == ["DS-1"]
    assert (study["stage"], study["decided_by"]) == ("Approved", MANAGER) and study["decided_at"]
    assert sheet.tracker.get("DS-2")["stage"] == "Submitted"
    assert flows.refresh(sheet, MANAGERS).decided == []  # recorded once


def test_a_manager_picking_a_decision_for_a_study_they_submitted_is_noted_not_recorded(fake, sheet):
    sheet.tracker.update({"DS-1": {"submitted_by": MANAGER}})
    type_in(fake, sheet, "manager-token", 2, "decision", "Approved")
    assert flows.refresh(sheet, MANAGERS).decided == []
    study = sheet.tracker.get("DS-1")
    assert (study["stage"], study["decided_by"]) == ("Submitted", "")
    assert "who submitted this study: another manager decides it" in study["notes"]


def test_when_someone_else_edited_the_sheet_last_the_decision_is_a_managers_in_the_sheet(fake, sheet):
    type_in(fake, sheet, "manager-token", 2, "decision", "Changes requested")
    type_in(fake, sheet, "cs-token", 3, "presentation_date", "2026-05-04")
    flows.refresh(sheet, MANAGERS)
    study = sheet.tracker.get("DS-1")
    assert (study["stage"], study["decided_by"]) == ("Changes requested", UNKNOWN_MANAGER)


def test_a_stage_typed_without_a_decision_is_noted_not_acted_on_and_the_note_goes_when_put_right(fake, sheet):
    type_in(fake, sheet, "cs-token", 3, "stage", "Approved")
    flows.refresh(sheet, MANAGERS)
    study = sheet.tracker.get("DS-2")
    assert "has no manager's decision behind it: not acted on" in study["notes"]
    assert (study["decision"], study["decided_by"]) == ("", "")
    type_in(fake, sheet, "cs-token", 3, "stage", "Submitted")
    flows.refresh(sheet, MANAGERS)
    assert sheet.tracker.get("DS-2")["notes"] == ""


def test_a_decision_from_the_sidebar_meanwhile_is_not_taken_for_a_hand_edit(fake, sheet):
    flows.decide(sheet, "DS-1", MANAGER, "Rejected", "No rig count", MANAGERS)
    result = flows.refresh(sheet, MANAGERS)
    study = sheet.tracker.get("DS-1")
    assert result.decided == [] and (study["stage"], study["decision_reason"]) == ("Rejected", "No rig count")
    assert study["notes"] == ""


def test_the_local_tracker_takes_a_decision_picked_in_excel_with_who_saved_it(ws):
    ws.tracker.update({"DS-9": {"customer": "Red Rock", "stage": "Submitted"}})
    book = openpyxl.load_workbook(ws.tracker.path)
    book["Studies"][f"{column('decision')}2"] = "Approved"
    book.properties.lastModifiedBy = MANAGER  # as Excel records the person saving
    book.save(ws.tracker.path)
    flows.refresh(ws, MANAGERS)
    study = ws.tracker.get("DS-9")
    assert (study["stage"], study["decided_by"]) == ("Approved", MANAGER)


def test_an_exception_approved_in_the_sheet_for_a_study_that_asked_none_is_noted_not_recorded(fake, sheet):
    type_in(fake, sheet, "manager-token", 2, "decision", "Exception approved")
    flows.refresh(sheet, MANAGERS)
    study = sheet.tracker.get("DS-1")
    assert study["stage"] == "Submitted" and study["decided_by"] == ""
    assert "did not ask for an exception: not acted on" in study["notes"]


def test_days_waiting_count_for_whoever_is_waited_for_and_the_refresh_keeps_them_current(ws):
    from datetime import datetime, timedelta, timezone
    ago = lambda days: (datetime.now(timezone.utc) - timedelta(days=days)).isoformat(timespec="seconds")  # noqa: E731
    ws.tracker.update({
        "DS-1": {"stage": "Submitted", "submitted_at": ago(3)},                              # a manager's decision
        "DS-2": {"stage": "Approved", "decision": "Approved", "decided_by": MANAGER, "decided_at": ago(2)},  # an owner
        "DS-3": {"stage": "Approved", "decision": "Approved", "decided_by": MANAGER, "decided_at": ago(5),
                 "cs_owner": "chris.cs@example.com"},                                      # nobody
    })
    flows.refresh(ws, MANAGERS)
    assert [ws.tracker.get(s)["days_waiting"] for s in ("DS-1", "DS-2", "DS-3")] == ["3", "2", ""]
    flows.assign_owner(ws, "DS-2", MANAGER, "chris.cs@example.com", (MANAGER, "chris.cs@example.com"))
    assert ws.tracker.get("DS-2")["days_waiting"] == ""  # no longer waiting, at once
