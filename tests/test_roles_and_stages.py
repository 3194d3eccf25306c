"""Who may do what to a study, which stage it may go to next, what its readiness says, and what
the scheduled refresh leaves alone (server/flows.py), on both workspaces: a refused change says
why, with its status, and leaves the tracker row as it was."""
import os
import time
from datetime import datetime, timedelta

import pytest

from fake_google import FakeGoogle
from server import flows
from server.app import create_app
from server.config import Config
from server.validators.docx_reader import read_docx
from server.validators.scorer import score_document
from server.workspace.local import LocalWorkspace
from tests.addon_env import ADDON_SA, BASE_URL, CS, MANAGER, REP, Client
from tests.card_reading import notification
from tests.google_env import google_workspace
from tests.handover_builder import GOOD, set_field, to_docx

MANAGERS = (MANAGER,)
TEAM = (CS, MANAGER)  # who assigns and moves studies: CS and the managers
RISKS = ("Signatory above $150k is the CFO, Anna Whitlock, not yet met: Mark to introduce by 1 March.",
         "IT (Greg Chan) needs a security questionnaire: 2 weeks.")
BUSINESS_CASE = GOOD["Business case"][0][1]


class Local:
    """The local default: handovers are .docx files; an edit rewrites the file."""

    def __init__(self, root):
        self.ws = LocalWorkspace(root)
        self.ws.tracker.setup()
        self.sources: dict[str, dict] = {}  # doc id -> the handover as data

    def put(self, doc: dict) -> str:
        path = self.ws.root / "Acme" / f"handover-{len(self.sources)}.docx"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(to_docx(doc))
        doc_id = self.ws.doc_id(path)
        self.sources[doc_id] = doc
        return doc_id

    def replace(self, doc_id: str, old: str, new: str) -> None:
        def edited(value):
            if isinstance(value, str):
                return value.replace(old, new)
            return [[cell.replace(old, new) for cell in cells] for cells in value]  # a table's rows
        doc = {title: items if title == "title" else [(kind, edited(value)) for kind, value in items]
               for title, items in self.sources[doc_id].items()}
        self.sources[doc_id] = doc
        path = self.ws.path(doc_id)
        path.write_bytes(to_docx(doc))
        later = time.time() + 5  # a later modified time, whatever the file system's resolution
        os.utime(path, (later, later))

    def delete(self, doc_id: str) -> None:
        self.ws.path(doc_id).unlink()


class Google:
    """Drive, Docs and Sheets (the local fake) through the real client libraries."""

    def __init__(self, fake):
        self.ws = google_workspace(fake)

    def put(self, doc: dict) -> str:
        from googleapiclient.http import MediaInMemoryUpload
        media = MediaInMemoryUpload(to_docx(doc), mimetype="application/vnd.openxmlformats-officedocument."
                                                          "wordprocessingml.document")
        return self.ws.drive.files().create(body={"name": "Handover", "mimeType": "application/vnd.google-apps.document"},
                                            media_body=media, fields="id").execute()["id"]

    def replace(self, doc_id: str, old: str, new: str) -> None:
        self.ws.docs.documents().batchUpdate(documentId=doc_id, body={"requests": [{"replaceAllText": {
            "containsText": {"text": old, "matchCase": True}, "replaceText": new}}]}).execute()

    def delete(self, doc_id: str) -> None:
        self.ws.drive.files().update(fileId=doc_id, body={"trashed": True}).execute()


@pytest.fixture(params=["local", "google"])
def space(request, tmp_path):
    """A workspace to run the flows on, local or Google, with ways to put, edit and delete handovers."""
    if request.param == "local":
        yield Local(tmp_path)
    else:
        with FakeGoogle() as fake:
            yield Google(fake)


def submitted(space, doc=GOOD, exception=False) -> str:
    doc_id = space.put(doc)
    result = flows.submit(space.ws, doc_id, REP, exception_request=exception)
    assert result.recorded, result.reasons
    return result.study_id


def approved(space) -> str:
    sid = submitted(space)
    flows.decide(space.ws, sid, MANAGER, "Approved", "", MANAGERS)
    return sid


def row(space, sid) -> dict:
    return space.ws.tracker.get(sid)


def taken_to(space, sid, stage: str) -> None:
    """CS take an approved study on and move it stage by stage to `stage`."""
    flows.assign_owner(space.ws, sid, CS, CS, TEAM)
    for step in flows.tracker_layout().cs_stages[: flows.tracker_layout().cs_stages.index(stage) + 1]:
        flows.move_stage(space.ws, sid, CS, step, TEAM, MANAGERS)


# --- who may do what ---------------------------------------------------------------------------

def test_a_rep_cannot_assign_an_owner_and_the_study_stays_unassigned(space):
    sid = approved(space)
    with pytest.raises(flows.FlowError) as err:
        flows.assign_owner(space.ws, sid, REP, REP, TEAM)
    assert err.value.status == 403 and str(err.value) == "Only CS and managers assign studies."
    assert row(space, sid)["cs_owner"] == ""


def test_a_rep_cannot_move_an_approved_study_on_and_it_stays_approved(space):
    sid = approved(space)
    with pytest.raises(flows.FlowError) as err:
        flows.move_stage(space.ws, sid, REP, "Scoping", TEAM)
    assert err.value.status == 403 and str(err.value) == "Only CS and managers move studies between stages."
    assert row(space, sid)["stage"] == "Approved"


def test_cs_cannot_move_a_study_to_a_managers_stage(space):
    sid = approved(space)
    with pytest.raises(flows.FlowError) as err:
        flows.move_stage(space.ws, sid, CS, "Rejected", TEAM)
    assert err.value.status == 400 and str(err.value).startswith("'Rejected' is not a CS stage (Scoping, ")
    assert (row(space, sid)["stage"], row(space, sid)["decision"]) == ("Approved", "Approved")


def test_a_change_to_an_unknown_study_is_a_404_and_adds_no_row(space):
    with pytest.raises(flows.FlowError) as err:
        flows.assign_owner(space.ws, "DS-NOSUCH1", CS, CS, TEAM)
    assert err.value.status == 404 and str(err.value) == "No study DS-NOSUCH1 in the tracker."
    assert space.ws.tracker.records() == []


# --- exceptions ---------------------------------------------------------------------------------

def test_exception_approved_is_refused_for_a_study_that_asked_for_no_exception(space):
    sid = submitted(space)
    with pytest.raises(flows.FlowError) as err:
        flows.decide(space.ws, sid, MANAGER, "Exception approved", "Board wants it", MANAGERS)
    assert err.value.status == 409 and str(err.value) == f"{sid} did not ask for an exception."
    assert (row(space, sid)["stage"], row(space, sid)["decision"]) == ("Submitted", "")


def test_a_study_submitted_with_an_exception_is_marked_exception_requested(space):
    sid = submitted(space, set_field(GOOD, "Number of rigs", "7"), exception=True)
    assert (row(space, sid)["readiness"], row(space, sid)["exception_requested"]) == ("Exception requested", "rigs")


def test_an_exception_whose_document_then_loses_a_section_is_not_ready_after_refresh(space):
    sid = submitted(space, set_field(GOOD, "Number of rigs", "7"), exception=True)
    doc_id = row(space, sid)["doc_id"]
    for risk in RISKS:  # the risks section, which no acceptance criterion covers, becomes empty
        space.replace(doc_id, risk, "TBD")
    flows.refresh(space.ws)
    assert (row(space, sid)["readiness"], row(space, sid)["failed_criteria"]) == ("Not ready", "rigs")


def test_an_exception_whose_document_then_fails_another_criterion_is_not_ready_after_refresh(space):
    sid = submitted(space, set_field(GOOD, "Number of rigs", "7"), exception=True)
    space.replace(row(space, sid)["doc_id"], "Enterprise", "SMB")
    flows.refresh(space.ws)
    assert (row(space, sid)["readiness"], row(space, sid)["failed_criteria"]) == ("Not ready", "segment, rigs")


def test_a_study_that_asked_for_no_exception_is_not_ready_once_its_document_exceeds_the_rig_limit(space):
    sid = submitted(space, set_field(GOOD, "Number of rigs", "four"))
    space.replace(row(space, sid)["doc_id"], "four", "seven")
    flows.refresh(space.ws)
    assert (row(space, sid)["readiness"], row(space, sid)["failed_criteria"]) == ("Not ready", "rigs")


def test_an_exception_approved_study_moves_on_to_the_cs_stages(space):
    sid = submitted(space, set_field(GOOD, "Number of rigs", "7"), exception=True)
    flows.decide(space.ws, sid, MANAGER, "Exception approved", "Board needs all 7 rigs", MANAGERS)
    taken_to(space, sid, "Scoping")
    assert (row(space, sid)["stage"], row(space, sid)["decision"]) == ("Scoping", "Exception approved")


# --- the scheduled refresh ----------------------------------------------------------------------

def test_refresh_leaves_a_closed_study_as_it_was_when_its_document_changes(space):
    sid = approved(space)
    taken_to(space, sid, "Closed")
    before = row(space, sid)
    space.replace(before["doc_id"], BUSINESS_CASE, "TBD")
    result = flows.refresh(space.ws)
    assert (result.studies, result.rescored, result.written) == (0, 0, 0)
    assert row(space, sid) == before  # score 100, nothing failed, document not marked as changed


def test_refresh_writes_document_not_found_once_not_on_every_run(space, monkeypatch):
    sid = submitted(space)
    space.delete(row(space, sid)["doc_id"])
    flows.refresh(space.ws)
    first = row(space, sid)
    assert first["doc_changed"] == "Document not found"
    later = (datetime.fromisoformat(first["last_updated"]) + timedelta(seconds=1)).isoformat()
    monkeypatch.setattr(flows, "now_iso", lambda: later)  # a later run (the same day: days waiting stay)
    assert flows.refresh(space.ws).written == 0
    assert row(space, sid)["last_updated"] == first["last_updated"]


# --- the add-on endpoints: the same rule for a forged click ---------------------------------------

def tracker_app(tmp_path, mint):
    """The add-on on the local default in tmp_path, with a manager and CS configured."""
    return create_app(Config(mode="local", workspace=str(tmp_path), managers=MANAGERS, cs_team=(CS,),
                             addon_service_account=ADDON_SA, public_base_url=BASE_URL, certs_url=mint.certs_url))


def test_a_reps_forged_assign_click_is_refused_in_words_and_the_study_stays_unassigned(tmp_path, mint):
    app = tracker_app(tmp_path, mint)
    space = Local(tmp_path)
    sid = approved(space)
    response = Client(app, mint, REP).post("/addon/action/assign", host="SHEETS", file_id="tracker",
                                           params={"study_id": sid}, form={f"owner_{sid}": REP})
    assert response.status_code == 200 and notification(response.get_json()) == "Only CS and managers assign studies."
    assert row(space, sid)["cs_owner"] == ""


def test_a_reps_forged_stage_click_is_refused_in_words_and_the_study_stays_approved(tmp_path, mint):
    app = tracker_app(tmp_path, mint)
    space = Local(tmp_path)
    sid = approved(space)
    response = Client(app, mint, REP).post("/addon/action/stage", host="SHEETS", file_id="tracker",
                                           params={"study_id": sid}, form={f"stage_{sid}": "Scoping"})
    assert response.status_code == 200
    assert notification(response.get_json()) == "Only CS and managers move studies between stages."
    assert row(space, sid)["stage"] == "Approved"


def test_a_managers_reason_is_recorded_with_the_decision(space):
    sid = submitted(space)
    flows.decide(space.ws, sid, MANAGER, "Changes requested", "  Name the signatory above $150k.  ", MANAGERS)
    got = row(space, sid)
    assert (got["stage"], got["decision"], got["decision_reason"], got["decided_by"]) == \
        ("Changes requested", "Changes requested", "Name the signatory above $150k.", MANAGER)


def test_refresh_rescores_a_changed_document_and_marks_it_changed(space):
    sid = submitted(space)
    assert row(space, sid)["doc_changed"] == "No"
    space.replace(row(space, sid)["doc_id"], BUSINESS_CASE, "TBD")
    result = flows.refresh(space.ws)
    got = row(space, sid)
    assert (result.rescored, got["doc_changed"]) == (1, "Yes")
    assert int(got["score"]) < 100 and "business_case" in got["failed_criteria"]


def test_refresh_with_nothing_changed_writes_nothing(space):
    sid = submitted(space)
    before = row(space, sid)
    result = flows.refresh(space.ws)
    assert (result.written, result.rescored, result.errors) == (0, 0, [])  # nothing re-read, nothing failed
    assert row(space, sid) == before


def test_a_good_handover_submitted_is_ready(space):
    assert row(space, submitted(space))["readiness"] == "Ready"


def test_an_exception_for_both_rigs_and_projects_is_exception_requested(space):
    both = set_field(set_field(GOOD, "Number of rigs", "7"), "Number of projects", "2")
    sid = submitted(space, both, exception=True)
    assert (row(space, sid)["readiness"], row(space, sid)["exception_requested"]) == (
        "Exception requested", "rigs, projects")


def test_an_exception_still_asked_for_after_a_refresh_stays_exception_requested(space):
    sid = submitted(space, set_field(GOOD, "Number of rigs", "7"), exception=True)
    space.replace(row(space, sid)["doc_id"], "Mark Lewis", "Mark Lewes")  # an edit that changes no verdict
    flows.refresh(space.ws)
    assert (row(space, sid)["readiness"], row(space, sid)["doc_changed"]) == ("Exception requested", "Yes")


def test_the_tracker_shows_the_three_worst_flags():
    generic = score_document(read_docx(to_docx({**GOOD, "Business case": [("p", "TBD")], "Scope": [("p", "TBD")],
                                                "Timelines": [("p", "TBD")], "Next steps after the study": [("p", "TBD")]})))
    assert flows.top_flags(generic).count(" | ") == 2


def test_assigning_nobody_is_refused_with_what_to_do(space):
    sid = approved(space)
    with pytest.raises(flows.FlowError) as err:
        flows.assign_owner(space.ws, sid, CS, "  ", TEAM)
    assert str(err.value) == "Choose who owns the study." and row(space, sid)["cs_owner"] == ""


def test_a_rep_deciding_is_refused_in_words_and_the_refusal_is_logged(space, caplog):
    sid = submitted(space)
    with caplog.at_level("INFO"), pytest.raises(flows.FlowError) as err:
        flows.decide(space.ws, sid, REP, "Approved", "", MANAGERS)
    assert (err.value.status, str(err.value)) == (403, "Only managers can approve or reject a Desktop Study.")
    logged = [r for r in caplog.records if r.getMessage() == "decision refused: not a manager"]
    assert logged and logged[0].study_id == sid and row(space, sid)["decision"] == ""


def test_a_decision_is_logged_with_the_study_and_the_decision(space, caplog):
    sid = submitted(space)
    with caplog.at_level("INFO"):
        flows.decide(space.ws, sid, MANAGER, "Approved", "", MANAGERS)
    logged = [r for r in caplog.records if r.getMessage() == "decision recorded"]
    assert logged and (logged[0].study_id, logged[0].decision) == (sid, "Approved")


def test_moving_a_study_no_manager_approved_says_its_stage(space):
    sid = submitted(space)
    with pytest.raises(flows.FlowError) as err:
        flows.move_stage(space.ws, sid, CS, "Scoping", TEAM)
    assert (err.value.status, str(err.value)) == (409, f"{sid} is 'Submitted': it needs a manager's approval first.")


def test_a_resubmission_after_changes_requested_clears_the_old_decision(space):
    sid = submitted(space)
    flows.decide(space.ws, sid, MANAGER, "Changes requested", "Name the signatory.", MANAGERS)
    doc_id = row(space, sid)["doc_id"]
    assert flows.submit(space.ws, doc_id, REP).recorded
    got = row(space, sid)
    assert (got["stage"], got["decision"], got["decided_by"], got["decided_at"]) == ("Submitted", "", "", "")


def test_a_refresh_logs_what_it_found_for_the_operator(space, caplog):
    sid = submitted(space)
    space.delete(row(space, sid)["doc_id"])
    with caplog.at_level("INFO"):
        flows.refresh(space.ws)
    done = [r for r in caplog.records if r.getMessage() == "refresh done"]
    assert len(done) == 1
    assert (done[0].studies, done[0].missing, done[0].rescored, done[0].written, done[0].errors) == (1, 1, 0, 1, 0)


# --- the rules people expect (issue 14) ----------------------------------------------------------

OTHER_MANAGER = "li.manager@example.com"


def test_a_manager_cannot_decide_a_study_they_submitted_and_another_manager_can(space):
    doc_id = space.put(GOOD)
    sid = flows.submit(space.ws, doc_id, MANAGER).study_id
    assert row(space, sid)["submitted_by"] == MANAGER  # the verified email, recorded at submission
    with pytest.raises(flows.FlowError) as err:
        flows.decide(space.ws, sid, MANAGER.upper(), "Approved", "", MANAGERS + (OTHER_MANAGER,))
    assert err.value.status == 403 and "another manager" in str(err.value)
    assert row(space, sid)["stage"] == "Submitted"
    flows.decide(space.ws, sid, OTHER_MANAGER, "Approved", "", MANAGERS + (OTHER_MANAGER,))
    assert (row(space, sid)["stage"], row(space, sid)["decided_by"]) == ("Approved", OTHER_MANAGER)


def test_an_owner_comes_from_the_team_and_only_once_a_manager_approved(space):
    sid = submitted(space)
    with pytest.raises(flows.FlowError) as early:
        flows.assign_owner(space.ws, sid, CS, CS, TEAM)
    assert early.value.status == 409 and "once a manager approves" in str(early.value)
    flows.decide(space.ws, sid, MANAGER, "Approved", "", MANAGERS)
    with pytest.raises(flows.FlowError) as outsider:
        flows.assign_owner(space.ws, sid, CS, "someone@elsewhere.com", TEAM)
    assert "not in the CS team" in str(outsider.value)
    assert row(space, sid)["cs_owner"] == ""


def test_cs_move_forward_one_stage_at_a_time_and_only_with_an_owner(space):
    sid = approved(space)
    with pytest.raises(flows.FlowError) as no_owner:
        flows.move_stage(space.ws, sid, CS, "Scoping", TEAM, MANAGERS)
    assert "no CS owner" in str(no_owner.value)
    flows.assign_owner(space.ws, sid, CS, CS, TEAM)
    with pytest.raises(flows.FlowError) as skip:
        flows.move_stage(space.ws, sid, CS, "Presented", TEAM, MANAGERS)
    assert "one stage at a time" in str(skip.value) and "'Scoping'" in str(skip.value)
    flows.move_stage(space.ws, sid, CS, "Scoping", TEAM, MANAGERS)
    flows.move_stage(space.ws, sid, CS, "Data review and configuration", TEAM, MANAGERS)
    with pytest.raises(flows.FlowError) as back:
        flows.move_stage(space.ws, sid, CS, "Scoping", TEAM, MANAGERS)
    assert "Only a manager moves a study back" in str(back.value)
    flows.move_stage(space.ws, sid, MANAGER, "Scoping", TEAM, MANAGERS)  # a manager may
    assert row(space, sid)["stage"] == "Scoping"


def test_closed_is_final_unless_a_manager_reopens_it(space):
    sid = approved(space)
    taken_to(space, sid, "Closed")
    with pytest.raises(flows.FlowError) as reopen:
        flows.move_stage(space.ws, sid, CS, "Presented", TEAM, MANAGERS)
    assert "only a manager can reopen" in str(reopen.value)
    with pytest.raises(flows.FlowError):
        flows.assign_owner(space.ws, sid, CS, MANAGER, TEAM)
    assert row(space, sid)["stage"] == "Closed"
    flows.move_stage(space.ws, sid, MANAGER, "Presented", TEAM, MANAGERS)
    assert row(space, sid)["stage"] == "Presented"


def test_the_sidebar_offers_only_the_moves_allowed_now():
    from server.addon.screens import Urls, cs_sections

    def offered(record, manager=False) -> list[str]:
        sections = cs_sections([record], TEAM, Urls("https://example.com"), manager=manager)
        return [i["value"] for s in sections for w in s["widgets"]
                if w.get("selectionInput", {}).get("name") == "stage_DS-1" for i in w["selectionInput"]["items"]]
    record = {"study_id": "DS-1", "customer": "Acme", "stage": "Data review and configuration",
              "decision": "Approved", "cs_owner": CS}
    assert offered(record) == ["Presentation scheduled"]
    assert offered(record, manager=True) == ["Presentation scheduled", "Scoping"]
    assert offered({**record, "cs_owner": ""}) == []


def test_every_change_is_appended_to_the_history_and_a_resubmission_keeps_the_decision(space):
    sid = submitted(space)
    flows.decide(space.ws, sid, MANAGER, "Changes requested", "Add the CFO", MANAGERS)
    flows.submit(space.ws, row(space, sid)["doc_id"], REP)
    flows.decide(space.ws, sid, MANAGER, "Approved", "", MANAGERS)
    taken_to(space, sid, "Scoping")
    events = space.ws.tracker.history(sid)
    assert [(e["event"], e["who"], e["stage_before"], e["stage_after"]) for e in events] == [
        ("Submitted", REP, "", "Submitted"),
        ("Changes requested", MANAGER, "Submitted", "Changes requested"),
        ("Resubmitted", REP, "Changes requested", "Submitted"),
        ("Approved", MANAGER, "Submitted", "Approved"),
        ("Gap analysis started", MANAGER, "Approved", "Approved"),  # CS's deliverable, made on approval
        ("Owner assigned", CS, "Approved", "Approved"),
        ("Stage moved", CS, "Approved", "Scoping")]
    assert events[1]["reason"] == "Add the CFO" and "after 'Changes requested': Add the CFO" in events[2]["reason"]
    assert events[4]["reason"] == row(space, sid)["gap_analysis_link"] and events[4]["reason"].startswith(("file:", "https:"))
    assert events[0]["score"] == "100" and datetime.fromisoformat(events[0]["when"]).tzinfo is not None
    assert row(space, sid)["decision_reason"] == ""  # the Studies row shows the latest decision; History keeps all


def test_a_study_asking_for_an_exception_is_approved_as_an_exception_not_plainly(space):
    sid = submitted(space, set_field(GOOD, "Number of rigs", "7"), exception=True)
    with pytest.raises(flows.FlowError) as plain:
        flows.decide(space.ws, sid, MANAGER, "Approved", "", MANAGERS)
    assert plain.value.status == 409 and "approve the exception" in str(plain.value)
    assert row(space, sid)["stage"] == "Submitted"


def test_nobody_but_the_app_edits_the_history_sheet(fake):
    from gspread.exceptions import APIError

    from fake_google import gspread_client
    from tests.google_env import SERVICE_ACCOUNT
    fake.add_user(SERVICE_ACCOUNT, "service-account-token")
    fake.add_user(MANAGER, "manager-token")
    ws = google_workspace(fake)
    ws.tracker.append_history([{"when": "2026-12-04T09:00:00+00:00", "study_id": "DS-1", "event": "Submitted",
                                "who": REP}])
    manager = gspread_client(fake.base_url, token="manager-token").http_client
    with pytest.raises(APIError) as refused:
        manager.values_update(ws.tracker.spreadsheet_id, "'History'!D2", params={"valueInputOption": "RAW"},
                              body={"values": [["Approved"]]})
    assert refused.value.response.status_code == 403
    assert [e["event"] for e in ws.tracker.history("DS-1")] == ["Submitted"]
