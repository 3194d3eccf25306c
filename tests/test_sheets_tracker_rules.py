"""The tracker Sheet's rules, each in its own test, checked as a person would see the Sheet:
writers at the same time lose nothing, typed text stays as typed, set-up never takes over
someone else's sheet or stacks colours, and a row without a study ID is no study.

Runs SheetsTracker through the real gspread client against the fake (fake_google/), which
parses values written with USER_ENTERED the way Google does, so a write that is not RAW shows.
"""
import threading
from zoneinfo import ZoneInfo

import pytest
from gspread.utils import rowcol_to_a1

from fake_google import FakeGoogle
from server.errors import StepError
from server.tracker_layout import tracker_layout
from server.workspace.sheets_tracker import SHEET, SheetsTracker
from tests.google_env import FAST_RETRIES, MANAGERS, SERVICE_ACCOUNT, fake_clients

LAYOUT = tracker_layout()


def open_tracker(fake: FakeGoogle, spreadsheet_id: str | None = None) -> SheetsTracker:
    """A tracker with its own clients, as each thread of the deployed app has (server/backend.py)."""
    gc = fake_clients(fake).gc
    return SheetsTracker(gc, spreadsheet_id=spreadsheet_id, managers=MANAGERS, editors=(SERVICE_ACCOUNT,),
                         policy=FAST_RETRIES)


@pytest.fixture
def tracker(fake):
    made = open_tracker(fake)
    made.setup()
    return made


def shown_rows(fake: FakeGoogle, tracker: SheetsTracker, render: str = "FORMATTED_VALUE") -> list[dict]:
    """The studies as the Sheet shows them (FORMATTED_VALUE), one dict per row below the header;
    with UNFORMATTED_VALUE, dates as their serial numbers."""
    rows = fake.get_values(tracker.spreadsheet_id, SHEET, render=render, datetime_render="SERIAL_NUMBER")[1:]
    return [dict(zip(LAYOUT.keys, row + [""] * (len(LAYOUT.keys) - len(row)))) for row in rows]


def colour_rules(fake: FakeGoogle, spreadsheet_id: str) -> list[dict]:
    return fake.get_spreadsheet(spreadsheet_id)["sheets"][0].get("conditionalFormats", [])


def run_together(jobs) -> list[Exception]:
    """Run every job in its own thread at once; the errors they raised."""
    errors: list[Exception] = []
    start = threading.Barrier(len(jobs))

    def run(job):
        try:
            start.wait()
            job()
        except Exception as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


# --- one writer at a time ----------------------------------------------------------------------

def test_writers_at_the_same_time_lose_no_change_and_make_no_duplicate_row(fake, tracker):
    studies = [f"DS-{n:04d}" for n in range(6)]
    tracker.update({sid: {"customer": f"Customer {sid}", "stage": "Submitted"} for sid in studies + ["DS-BUSY"]})
    # The busy study gets one column from each writer: a manager's decision, CS's owner, a refresh...
    busy = {"decision": "Approved", "decision_reason": "Rigs confirmed", "decided_by": MANAGERS[0],
            "cs_owner": "Chris", "presentation_date": "2026-04-01", "crm_link": "https://crm.example.com/42",
            "score": 91, "doc_changed": "No"}
    jobs = [lambda sid=sid: open_tracker(fake, tracker.spreadsheet_id).update({sid: {"cs_owner": f"Owner of {sid}"}})
            for sid in studies]
    jobs += [lambda key=key, value=value: open_tracker(fake, tracker.spreadsheet_id).update({"DS-BUSY": {key: value}})
             for key, value in busy.items()]
    jobs += [lambda: open_tracker(fake, tracker.spreadsheet_id).update({"DS-NEW": {"customer": "New Co"}})] * 4
    fake.latency = 0.02  # each call takes a while, as Google's do: writers overlap unless serialised

    assert run_together(jobs) == []

    rows = shown_rows(fake, tracker)
    assert sorted(r["study_id"] for r in rows) == sorted(studies + ["DS-BUSY", "DS-NEW"])
    by_id = {r["study_id"]: r for r in rows}
    assert {sid: by_id[sid]["cs_owner"] for sid in studies} == {sid: f"Owner of {sid}" for sid in studies}
    assert {key: by_id["DS-BUSY"][key] for key in busy} == {key: str(value) for key, value in busy.items()}
    assert by_id["DS-BUSY"]["customer"] == "Customer DS-BUSY" and by_id["DS-NEW"]["customer"] == "New Co"


# --- typed text stays as typed -----------------------------------------------------------------

TYPED = {  # what people type, and what Google would make of it if it were parsed (USER_ENTERED)
    "customer": "=1+2",                                            # a live formula showing 3
    "crm_link": '=HYPERLINK("http://evil.example.com","CRM")',     # a link to somewhere else
    "region": "007",                                               # the number 7
    "industry": "1,234.5",                                         # the number 1234.5
    "presentation_date": "12/03/2026",                             # a date serial
    "cs_owner": "TRUE",                                            # a checkbox-style boolean
    "decision_reason": "'as agreed on the call",                   # the apostrophe dropped
}


def test_text_written_to_an_existing_study_is_shown_exactly_as_typed(fake, tracker):
    tracker.update({"DS-0001": {"customer": "Acme", "stage": "Submitted"}})
    tracker.update({"DS-0001": TYPED})  # the row exists: this is the batchUpdate path, not the append

    shown = shown_rows(fake, tracker)[0]
    assert {key: shown[key] for key in TYPED} == TYPED
    values = shown_rows(fake, tracker, render="UNFORMATTED_VALUE")[0]
    assert {key: values[key] for key in TYPED} == TYPED  # text, not numbers, dates or booleans
    formulas = shown_rows(fake, tracker, render="FORMULA")[0]
    assert {key: formulas[key] for key in TYPED} == TYPED
    assert tracker.get("DS-0001")["customer"] == "=1+2"


def test_text_written_for_a_new_study_is_shown_exactly_as_typed(fake, tracker):
    tracker.update({"DS-0002": {**TYPED, "stage": "Submitted"}})  # the append path

    shown = shown_rows(fake, tracker)[0]
    assert {key: shown[key] for key in TYPED} == TYPED
    values = shown_rows(fake, tracker, render="UNFORMATTED_VALUE")[0]
    assert {key: values[key] for key in TYPED} == TYPED


# --- set-up ------------------------------------------------------------------------------------

OTHER_LAYOUTS = {  # a sheet someone else keeps, and a tracker whose last column is something else
    "a budget": ([["Item", "Amount"], ["Rig hire", "1200"]], "column A is 'Item', not 'Study ID'"),
    "another tracker layout": ([LAYOUT.headers[:-1] + ["Notes"], ["DS-0001", "Acme"]],
                               f"is 'Notes', not '{LAYOUT.headers[-1]}'"),
}


@pytest.mark.parametrize("rows, why", OTHER_LAYOUTS.values(), ids=OTHER_LAYOUTS.keys())
def test_setup_refuses_to_adopt_a_sheet_whose_header_is_another_layout_and_changes_nothing(fake, rows, why):
    other = fake.add_spreadsheet("Someone's sheet", {"Sheet1": rows})
    before = fake.get_spreadsheet(other, include_grid=True)

    with pytest.raises(StepError) as err:
        open_tracker(fake, other).setup()

    assert err.value.step == "adopt the tracker" and err.value.status == 409
    assert why in str(err.value) and "network" not in str(err.value)
    assert fake.get_spreadsheet(other, include_grid=True) == before  # no colours, protections, header


def test_setup_adopts_its_own_tracker_and_keeps_its_studies(fake, tracker):
    tracker.update({"DS-0001": {"customer": "Acme", "stage": "Submitted"}})

    assert open_tracker(fake, tracker.spreadsheet_id).setup() == tracker.spreadsheet_id

    assert [r["customer"] for r in shown_rows(fake, tracker)] == ["Acme"]


def test_setting_up_twice_leaves_one_set_of_colour_rules(fake, tracker):
    first = colour_rules(fake, tracker.spreadsheet_id)
    assert len(first) == len(("score_good", "score_fair", "score_poor")) + len(LAYOUT.colours["stage"])

    open_tracker(fake, tracker.spreadsheet_id).setup()

    assert colour_rules(fake, tracker.spreadsheet_id) == first


# --- what counts as a study --------------------------------------------------------------------

def test_a_row_without_a_study_id_is_not_a_study(fake, tracker):
    tracker.update({"DS-0001": {"customer": "Acme", "stage": "Submitted"}})
    # Someone types notes under the studies, the Study ID cell left empty or holding spaces.
    tracker._http.values_update(tracker.spreadsheet_id, f"'{SHEET}'!A3", params={"valueInputOption": "RAW"},
                                body={"values": [["", "Call Acme back on Monday"], ["   ", "Check rig count"]]})

    assert [r["study_id"] for r in tracker.records()] == ["DS-0001"]
    assert tracker.get("") is None
    assert [r["customer"] for r in shown_rows(fake, tracker)] == ["Acme", "Call Acme back on Monday",
                                                                 "Check rig count"]


def test_each_colour_rule_paints_its_stage_or_score_band_in_the_layouts_colour(fake, tracker):
    bands = {str(LAYOUT.colours[b]["min"]): LAYOUT.colours[b]["colour"] for b in ("score_good", "score_fair", "score_poor")}
    want = {"TEXT_EQ": LAYOUT.colours["stage"], "NUMBER_GREATER_THAN_EQ": bands}
    for rule in colour_rules(fake, tracker.spreadsheet_id):
        condition = rule["booleanRule"]["condition"]
        fill = rule["booleanRule"]["format"]["backgroundColor"]
        shown = "#" + "".join(f"{round(fill.get(c, 0) * 255):02x}" for c in ("red", "green", "blue"))
        assert shown == want[condition["type"]][condition["values"][0]["userEnteredValue"]]


def test_a_study_whose_customer_is_blank_is_updated_in_its_own_row(fake, tracker):
    tracker.update({"DS-0001": {"customer": "", "stage": "Submitted"}})
    tracker.update({"DS-0001": {"stage": "Approved"}})
    assert [(r["study_id"], r["stage"]) for r in tracker.records()] == [("DS-0001", "Approved")]


# --- what set-up gives the people who type in the Sheet ----------------------------------------

def covers(grid_range: dict, row: int, column: int) -> bool:
    """Whether a GridRange (0-based, end exclusive, open where a bound is missing) holds a cell."""
    return (grid_range.get("startRowIndex", 0) <= row < grid_range.get("endRowIndex", 10**9)
            and grid_range.get("startColumnIndex", 0) <= column < grid_range.get("endColumnIndex", 10**9))


def dropdown(fake: FakeGoogle, spreadsheet_id: str, row: int, column: int) -> list[str]:
    """The choices a person gets in one cell (row and column 0-based), [] for none."""
    sheet = fake.get_spreadsheet(spreadsheet_id, include_grid=True)["sheets"][0]
    cells = [r.get("values", []) for r in sheet["data"][0].get("rowData", [])]
    cell = cells[row][column] if row < len(cells) and column < len(cells[row]) else {}
    rule = cell.get("dataValidation")
    return [v["userEnteredValue"] for v in rule["condition"]["values"]] if rule else []


@pytest.mark.parametrize("kind, choices", [("stage", LAYOUT.stages), ("decision", LAYOUT.decisions)])
def test_the_first_study_row_offers_the_layouts_stages_and_decisions_and_the_header_does_not(fake, tracker, kind,
                                                                                               choices):
    column = LAYOUT.index(kind)
    assert dropdown(fake, tracker.spreadsheet_id, 1, column) == list(choices)
    assert dropdown(fake, tracker.spreadsheet_id, 500, column) == list(choices)
    assert dropdown(fake, tracker.spreadsheet_id, 0, column) == []


def test_colours_paint_the_first_study_row_and_never_the_header(fake, tracker):
    rules = colour_rules(fake, tracker.spreadsheet_id)
    for kind in ("stage", "score"):
        column = LAYOUT.index(kind)
        painting = [r for r in rules if any(covers(g, 1, column) for g in r["ranges"])]
        assert painting, f"the first study's {kind} is not coloured"
        assert not any(covers(g, 0, column) for r in rules for g in r["ranges"]), f"the {kind} header is coloured"


def test_adopting_a_sheet_with_a_blank_header_cell_names_the_blank_column(fake):
    other = fake.add_spreadsheet("Half a tracker", {"Sheet1": [[LAYOUT.headers[0], "", *LAYOUT.headers[2:]]]})
    with pytest.raises(StepError) as err:
        open_tracker(fake, other).setup()
    assert f"column B is empty, not '{LAYOUT.headers[1]}'" in str(err.value)


@pytest.mark.parametrize("endpoint, step", [("sheets.spreadsheets.values.get", "read the tracker header"),
                                            ("sheets.spreadsheets.batchUpdate", "format the tracker")])
def test_a_failed_set_up_call_names_the_step_it_stopped_at(fake, endpoint, step):
    fake.fail_next(10, status=500, endpoint=endpoint)
    with pytest.raises(StepError) as err:
        open_tracker(fake).setup()
    assert err.value.step == step and err.value.status == 500


def test_set_up_creates_the_tracker_inside_a_shared_drive_folder(fake):
    """Teams keep customers on a shared drive; Drive refuses to create in it unless the call
    says it supports all drives (the fake answers 404 as Google does)."""
    drive_id = fake.add_shared_drive("Desktop Study Team")
    folder_id = fake.add_folder("Trackers", parent_id=drive_id)
    made = open_tracker(fake)
    made.folder_id = folder_id
    spreadsheet_id = made.setup()
    assert fake.get_file(spreadsheet_id)["parents"] == [folder_id]
    assert fake.get_values(spreadsheet_id, SHEET)[0] == LAYOUT.headers


def test_adopting_a_sheet_with_a_shorter_header_names_the_first_missing_column(fake):
    other = fake.add_spreadsheet("Started by hand", {"Sheet1": [[LAYOUT.headers[0]]]})
    with pytest.raises(StepError) as err:
        open_tracker(fake, other).setup()
    assert f"column B is empty, not '{LAYOUT.headers[1]}'" in str(err.value)


def test_a_tracker_set_up_from_nothing_is_named_for_people_to_find(fake):
    spreadsheet_id = open_tracker(fake).setup()
    assert fake.get_file(spreadsheet_id)["name"] == "Desktop Study tracker"


def test_on_a_tracker_someone_else_owns_the_service_account_must_be_among_the_protected_columns_editors(fake):
    """An adopted tracker (`handover setup --tracker-id`) belongs to a person; the service account is
    only an editor of the file, so Sheets lets it write rows (which span the managers' columns) only
    if set-up named it among their editors."""
    from server import flows
    fake.add_user(SERVICE_ACCOUNT, "service-account")  # the token fake_clients uses
    owned = fake.add_spreadsheet("Desktop Study tracker (Maria's)", {"Studies": [[]]})
    forgot = SheetsTracker(fake_clients(fake).gc, spreadsheet_id=owned, managers=MANAGERS, policy=FAST_RETRIES)
    forgot.setup()  # no service account among the editors
    with pytest.raises(StepError) as refused:
        forgot.update({"DS-1": {"customer": "Red Rock", "stage": "Submitted", "doc_id": "d1"}})
    assert refused.value.status == 403 and "protected cell" in str(refused.value)
    assert forgot.records() == []  # nothing written
    named = SheetsTracker(fake_clients(fake).gc, spreadsheet_id=owned, managers=MANAGERS,
                          editors=(SERVICE_ACCOUNT,), policy=FAST_RETRIES)
    named.setup()  # set-up run again, naming it: the protection is replaced, not stacked
    named.update({"DS-1": {"customer": "Red Rock", "stage": "Submitted", "doc_id": "d1"}})
    ws = type("Workspace", (), {"tracker": named, "name": "google"})()
    assert flows.decide(ws, "DS-1", MANAGERS[0], "Approved", "", MANAGERS)["decision"] == "Approved"


def test_the_sheet_people_open_reads_in_their_order_with_a_filter_frozen_study_and_the_bookkeeping_folded(fake):
    tracker = SheetsTracker(fake_clients(fake).gc, managers=MANAGERS, editors=(SERVICE_ACCOUNT,), policy=FAST_RETRIES,
                            team=("chris.cs@example.com",) + MANAGERS)
    tracker.setup()
    sheet = fake.get_spreadsheet(tracker.spreadsheet_id, include_grid=True)["sheets"][0]
    assert LAYOUT.headers[:7] == ["Study ID", "Customer", "Stage", "CS owner", "Days waiting", "Score", "Manager decision"]
    grid = sheet["properties"]["gridProperties"]
    assert (grid["frozenRowCount"], grid["frozenColumnCount"]) == (1, 1)
    assert sheet["basicFilter"]["range"]["endColumnIndex"] == len(LAYOUT.columns)
    internal = [i for i, c in enumerate(LAYOUT.columns) if c.internal]
    assert sheet["columnGroups"] == [{"range": {"sheetId": sheet["properties"]["sheetId"], "dimension": "COLUMNS",
                                                "startIndex": internal[0], "endIndex": internal[-1] + 1},
                                      "depth": 1, "collapsed": True}]
    owner = sheet["data"][0]["rowData"][1]["values"][LAYOUT.index("cs_owner")]["dataValidation"]
    assert [v["userEnteredValue"] for v in owner["condition"]["values"]] == ["chris.cs@example.com", *MANAGERS]
    assert owner["strict"] is True
    stage_rules = [r for r in sheet["conditionalFormats"] if r["ranges"][0]["startColumnIndex"] == LAYOUT.index("stage")]
    assert len(stage_rules) == len(LAYOUT.stages)  # every stage its colour
    tracker.setup()  # set-up again: the group is not nested a level deeper
    assert len(fake.get_spreadsheet(tracker.spreadsheet_id)["sheets"][0]["columnGroups"]) == 1


def test_links_are_clickable_while_the_cell_keeps_the_url_as_typed_text(fake, tracker):
    tracker.update({"DS-1": {"customer": "Red Rock", "doc_link": "https://docs.google.com/document/d/abc/edit",
                             "crm_link": '=HYPERLINK("http://evil.example.com","CRM")'}})
    row = fake.get_spreadsheet(tracker.spreadsheet_id, include_grid=True)["sheets"][0]["data"][0]["rowData"][1]["values"]
    doc, crm = row[LAYOUT.index("doc_link")], row[LAYOUT.index("crm_link")]
    assert doc["hyperlink"] == "https://docs.google.com/document/d/abc/edit"
    assert doc["userEnteredValue"] == {"stringValue": "https://docs.google.com/document/d/abc/edit"}  # not a formula
    assert "hyperlink" not in crm and crm["userEnteredValue"] == {"stringValue": '=HYPERLINK("http://evil.example.com","CRM")'}


def test_times_show_as_dates_in_the_teams_time_zone_and_the_deal_size_as_a_number_that_sums(fake):
    tracker = SheetsTracker(fake_clients(fake).gc, managers=MANAGERS, editors=(SERVICE_ACCOUNT,), policy=FAST_RETRIES,
                            zone=ZoneInfo("Australia/Perth"))
    tracker.setup()
    tracker.update({"DS-0001": {"customer": "Acme", "submitted_at": "2026-12-04T20:18:25+00:00",
                                "deal_size": "180,000", "currency": "AUD"},
                    "DS-0002": {"customer": "Globex", "deal_size": "TBC"}})
    assert fake.get_spreadsheet(tracker.spreadsheet_id)["properties"]["timeZone"] == "Australia/Perth"
    shown, raw = shown_rows(fake, tracker), shown_rows(fake, tracker, render="UNFORMATTED_VALUE")
    assert shown[0]["submitted_at"] == "2026-12-05 04:18"  # Perth's wall clock, sortable as a date
    assert isinstance(raw[0]["submitted_at"], float) and isinstance(raw[0]["deal_size"], int)
    assert (shown[0]["deal_size"], shown[0]["currency"], shown[1]["deal_size"]) == ("180,000", "AUD", "TBC")
    # the app reads back the instant it wrote, and a write of something else leaves the date alone
    fake.reset_calls()
    tracker.update({"DS-0001": {"stage": "Submitted"}})
    assert tracker.get("DS-0001")["submitted_at"] == "2026-12-04T20:18:25+00:00"
    assert tracker.get("DS-0001")["deal_size"] == "180,000"
    after = shown_rows(fake, tracker, render="UNFORMATTED_VALUE")[0]
    assert after["submitted_at"] == raw[0]["submitted_at"]


def test_a_tracker_from_before_dates_has_its_iso_text_made_a_date_by_the_next_write(fake, tracker):
    fake_values = fake_clients(fake).gc.http_client
    tracker.update({"DS-0001": {"customer": "Acme"}})
    at = f"'{SHEET}'!{rowcol_to_a1(2, LAYOUT.index('decided_at') + 1)}"
    fake_values.values_update(tracker.spreadsheet_id, at, params={"valueInputOption": "RAW"},
                              body={"values": [["2026-07-01T13:00:00+00:00"]]})
    assert tracker.get("DS-0001")["decided_at"] == "2026-07-01T13:00:00+00:00"  # text read as it is
    tracker.update({"DS-0001": {"stage": "Approved"}})
    raw = shown_rows(fake, tracker, render="UNFORMATTED_VALUE")[0]
    assert isinstance(raw["decided_at"], float)
    assert tracker.get("DS-0001")["decided_at"] == "2026-07-01T13:00:00+00:00"
