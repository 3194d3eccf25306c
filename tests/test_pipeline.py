"""The Pipeline sheet: the tracker summed up in tables with a native chart each, kept current by
the scheduled refresh, on Google (Sheets charts) and in the local .xlsx (openpyxl charts)."""
from datetime import date, datetime, timedelta, timezone

import openpyxl

from server import flows
from server.pipeline import block_start, pipeline_layout, pipeline_tables
from server.workspace.local import LocalWorkspace
from tests.google_env import MANAGERS, google_workspace

TODAY = date(2026, 12, 4)
PIPELINE = pipeline_layout()


def iso(day: date) -> str:
    return datetime(day.year, day.month, day.day, 1, 0, tzinfo=timezone.utc).isoformat()


def days_ago(n: int) -> str:
    return iso(TODAY - timedelta(days=n))


STUDIES = [
    {"study_id": "DS-1", "stage": "Submitted", "submitted_at": days_ago(2), "score": "80", "readiness": "Ready",
     "rep": "Sam Patel"},
    {"study_id": "DS-2", "stage": "Submitted", "submitted_at": days_ago(9), "score": "90", "readiness": "Ready",
     "rep": "Ana Silva"},
    {"study_id": "DS-3", "stage": "Submitted", "submitted_at": days_ago(4), "score": "60",
     "readiness": "Exception requested", "rep": "Sam Patel"},
    {"study_id": "DS-4", "stage": "Approved", "decision": "Approved", "decided_at": days_ago(6),
     "submitted_at": iso(date(2026, 10, 15)), "score": "85", "readiness": "Ready", "rep": "Sam Patel"},
    {"study_id": "DS-5", "stage": "Scoping", "decision": "Approved", "cs_owner": "chris.cs@example.com",
     "submitted_at": iso(date(2026, 10, 2)), "score": "75", "readiness": "Not ready", "rep": "Ana Silva"},
    {"study_id": "DS-6", "stage": "Closed", "decision": "Exception approved", "cs_owner": "chris.cs@example.com",
     "submitted_at": iso(date(2026, 9, 20)), "score": "70", "readiness": "Ready", "rep": "Sam Patel"},
]


def table(key: str, records=STUDIES) -> list[list]:
    return next(t.rows for t in pipeline_tables(records, TODAY) if t.layout.key == key)


def test_every_stage_is_counted_in_the_workflows_order_zeros_included():
    assert table("by_stage") == [["Draft", 0], ["Submitted", 3], ["Withdrawn", 0], ["Changes requested", 0], ["Approved", 1],
                                 ["Rejected", 0], ["Scoping", 1], ["Data review and configuration", 0],
                                 ["Presentation scheduled", 0], ["Presented", 0], ["Closed", 1]]


def test_waits_for_a_decision_and_for_an_owner_give_the_median_and_the_worst():
    assert table("waiting") == [["A manager's decision", 3, 4, 9], ["A CS owner", 1, 6, 6]]
    assert table("waiting", []) == [["A manager's decision", 0, 0, 0], ["A CS owner", 0, 0, 0]]


def test_scores_and_readiness_by_month_run_oldest_first():
    assert table("by_month") == [["2026-09", 1, 70.0, 100], ["2026-10", 2, 80.0, 50], ["2026-11", 2, 75.0, 50],
                                 ["2026-12", 1, 80.0, 100]]


def test_reps_and_owners_busiest_first_with_approvals_and_open_studies():
    assert table("per_rep") == [["Sam Patel", 4, 2], ["Ana Silva", 2, 1]]
    assert table("per_owner") == [["chris.cs@example.com", 2, 1]]


def test_a_long_list_is_cut_to_the_busiest():
    many = [{"study_id": f"DS-{i}", "rep": f"Rep {i:02d}", "stage": "Submitted"} for i in range(40)]
    many += [{"study_id": "DS-X", "rep": "Rep 39", "stage": "Submitted"}]
    rows = table("per_rep", many)
    assert len(rows) == PIPELINE.rows and rows[0] == ["Rep 39", 2, 0]


def recent(studies):
    """The studies moved to this week, as the refresh sees them today."""
    shift = date.today() - TODAY
    out = []
    for s in studies:
        moved = dict(s)
        for key in ("submitted_at", "decided_at"):
            if moved.get(key):
                moved[key] = (datetime.fromisoformat(moved[key]) + shift).isoformat()
        out.append(moved)
    return out


def test_the_local_refresh_draws_the_pipeline_with_a_chart_per_table_and_keeps_it_current(tmp_path):
    ws = LocalWorkspace(tmp_path)
    ws.tracker.setup()
    ws.tracker.update({s["study_id"]: {k: v for k, v in s.items() if k != "study_id"} for s in recent(STUDIES)})
    flows.refresh(ws, MANAGERS)
    book = openpyxl.load_workbook(ws.tracker.path)
    sheet = book[PIPELINE.sheet]
    stages = block_start(0) + 3  # 1-based: the first row under the stage table's header
    assert [sheet.cell(row=stages + 1, column=c).value for c in (1, 2)] == ["Submitted", 3]
    assert len(sheet._charts) == len(PIPELINE.tables)
    assert {type(c).__name__ for c in sheet._charts} == {"BarChart", "LineChart"}
    # a submission later: the next refresh counts it, and the charts are still there
    ws.tracker.update({"DS-7": {"stage": "Submitted", "submitted_at": flows.now_iso(), "rep": "Ana Silva"}})
    flows.refresh(ws, MANAGERS)
    sheet = openpyxl.load_workbook(ws.tracker.path)[PIPELINE.sheet]
    assert sheet.cell(row=stages + 1, column=2).value == 4
    assert len(sheet._charts) == len(PIPELINE.tables)
    # and a write to the Studies sheet does not lose them
    ws.tracker.update({"DS-7": {"cs_owner": "chris.cs@example.com"}})
    assert len(openpyxl.load_workbook(ws.tracker.path)[PIPELINE.sheet]._charts) == len(PIPELINE.tables)


def test_the_google_refresh_makes_the_pipeline_sheet_with_native_charts_once(fake):
    ws = google_workspace(fake)
    ws.tracker.update({s["study_id"]: {k: v for k, v in s.items() if k != "study_id"} for s in recent(STUDIES)})
    flows.refresh(ws, MANAGERS)
    flows.refresh(ws, MANAGERS)
    sheets = {s["properties"]["title"]: s for s in fake.get_spreadsheet(ws.tracker.spreadsheet_id)["sheets"]}
    charts = sheets[PIPELINE.sheet].get("charts", [])
    assert [c["spec"]["title"] for c in charts] == [t.title for t in PIPELINE.tables]
    values = fake.get_values(ws.tracker.spreadsheet_id, PIPELINE.sheet, render="UNFORMATTED_VALUE")
    stages = block_start(0) + 2
    assert values[stages + 1][:2] == ["Submitted", 3]
    assert values[0][0].startswith("Kept current by the scheduled refresh")
    # someone deletes the sheet: the next refresh draws it again, charts and all
    pipeline_id = sheets[PIPELINE.sheet]["properties"]["sheetId"]
    ws.tracker._http.batch_update(ws.tracker.spreadsheet_id, {"requests": [{"deleteSheet": {"sheetId": pipeline_id}}]})
    flows.refresh(ws, MANAGERS)
    sheets = {s["properties"]["title"]: s for s in fake.get_spreadsheet(ws.tracker.spreadsheet_id)["sheets"]}
    assert len(sheets[PIPELINE.sheet].get("charts", [])) == len(PIPELINE.tables)
