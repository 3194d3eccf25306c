"""The same flows on the local embedded default: .docx files and an .xlsx tracker."""
import os
import threading
import time

import openpyxl
import pytest

from server import flows
from server.tracker_layout import tracker_layout
from tests.handover_builder import GOOD, handover, set_field, to_docx

MANAGERS = ("maria.manager@example.com",)
CS = ("chris.cs@example.com",)


def put(ws, name, doc):
    path = ws.root / "Acme" / f"{name}.docx"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(to_docx(doc))
    return ws.doc_id(path)


def rows(ws):
    sheet = openpyxl.load_workbook(ws.tracker.path)["Studies"]
    return [list(r) for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]]


def test_tracker_file_has_header_frozen_dropdowns_and_colours(tmp_path):
    from server.workspace.local import LocalWorkspace
    ws = LocalWorkspace(tmp_path / "ws", team=("chris.cs@example.com", "maria.manager@example.com"))
    ws.tracker.setup()
    sheet = openpyxl.load_workbook(ws.tracker.path)["Studies"]
    layout = tracker_layout()
    assert [c.value for c in sheet[1]] == layout.headers
    assert layout.headers[:7] == ["Study ID", "Customer", "Stage", "CS owner", "Days waiting", "Score", "Manager decision"]
    assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref.startswith("A1:")
    lists = {str(dv.sqref).split(":")[0].rstrip("0123456789"): dv for dv in sheet.data_validations.dataValidation}
    owner = lists["D"]  # the CS owner column: a list that refuses anything else
    assert "chris.cs@example.com" in owner.formula1 and owner.showErrorMessage and owner.errorStyle == "stop"
    assert "Changes requested" in lists["C"].formula1 and "Exception approved" in lists["G"].formula1
    internal = [c.header for c in layout.columns if c.internal]
    assert internal and all(sheet.column_dimensions[openpyxl.utils.get_column_letter(layout.headers.index(h) + 1)].hidden
                            for h in internal)
    stage_colours = [r for r in sheet.conditional_formatting if str(r.sqref).startswith("C2")]
    assert len(stage_colours[0].rules) == len(layout.stages)  # every stage its colour


def test_submit_check_decide_assign_stage(ws):
    doc_id = put(ws, "good", GOOD)
    assert flows.check(ws, doc_id).ready
    first = flows.submit(ws, doc_id, "sam.rep@example.com")
    again = flows.submit(ws, doc_id, "sam.rep@example.com")
    assert first.recorded and again.study_id == first.study_id and len(rows(ws)) == 1
    with pytest.raises(flows.FlowError) as err:
        flows.decide(ws, first.study_id, "chris.cs@example.com", "Approved", "", MANAGERS)
    assert err.value.status == 403 and ws.tracker.get(first.study_id)["decision"] == ""
    with pytest.raises(flows.FlowError):
        flows.move_stage(ws, first.study_id, "chris.cs@example.com", "Scoping", CS + MANAGERS)  # not approved yet
    record = flows.decide(ws, first.study_id, "maria.manager@example.com", "Approved", "", MANAGERS)
    assert record["stage"] == "Approved" and record["decided_by"] == "maria.manager@example.com" and record["decided_at"]
    flows.assign_owner(ws, first.study_id, "chris.cs@example.com", "chris.cs@example.com", CS + MANAGERS)
    flows.move_stage(ws, first.study_id, "chris.cs@example.com", "Scoping", CS + MANAGERS)
    saved = ws.tracker.get(first.study_id)
    assert (saved["stage"], saved["cs_owner"], saved["decision"]) == ("Scoping", "chris.cs@example.com", "Approved")


def test_reject_needs_a_reason_and_changes_requested_allows_resubmission(ws):
    doc_id = put(ws, "good", GOOD)
    sid = flows.submit(ws, doc_id, "rep@example.com").study_id
    with pytest.raises(flows.FlowError):
        flows.decide(ws, sid, MANAGERS[0], "Rejected", "  ", MANAGERS)
    flows.decide(ws, sid, MANAGERS[0], "Changes requested", "Add the CFO to stakeholders", MANAGERS)
    assert ws.tracker.get(sid)["stage"] == "Changes requested"
    flows.submit(ws, doc_id, "rep@example.com")
    again = ws.tracker.get(sid)
    assert again["stage"] == "Submitted" and again["decision"] == "" and len(rows(ws)) == 1


def test_over_the_rig_limit_goes_to_a_manager_as_an_exception(ws):
    doc_id = put(ws, "big", set_field(GOOD, "Number of rigs", "7"))
    refused = flows.submit(ws, doc_id, "rep@example.com")
    assert not refused.recorded and any(r.startswith("At most 5 rigs") and "over 5" in r for r in refused.reasons)
    asked = flows.submit(ws, doc_id, "rep@example.com", exception_request=True)
    assert asked.recorded and asked.exception == ["rigs"]
    assert ws.tracker.get(asked.study_id)["exception_requested"] == "rigs"
    record = flows.decide(ws, asked.study_id, MANAGERS[0], "Exception approved", "Board needs all 7", MANAGERS)
    assert record["stage"] == "Approved"


def test_an_exception_request_does_not_excuse_other_failures(ws):
    doc_id = put(ws, "bad", set_field(set_field(GOOD, "Number of rigs", "7"), "Segment", "SMB"))
    result = flows.submit(ws, doc_id, "rep@example.com", exception_request=True)
    assert not result.recorded and any(r.startswith("Segment is Mid-Market or Enterprise") for r in result.reasons)


def test_refresh_marks_a_changed_doc_and_rescores_it(ws):
    doc_id = put(ws, "good", GOOD)
    sid = flows.submit(ws, doc_id, "rep@example.com").study_id
    assert flows.refresh(ws).rescored == 0
    import os
    import time
    path = ws.path(doc_id)
    path.write_bytes(to_docx(handover(Business_case=[("p", "TBD")])))
    os.utime(path, (time.time() + 5, time.time() + 5))
    result = flows.refresh(ws)
    record = ws.tracker.get(sid)
    assert result.rescored == 1 and record["doc_changed"] == "Yes" and "business_case" in record["failed_criteria"]


def test_concurrent_submissions_lose_no_row(ws):
    ids = [put(ws, f"doc{i}", GOOD) for i in range(8)]
    errors = []

    def go(doc_id):
        try:
            flows.submit(ws, doc_id, "rep@example.com")
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
    threads = [threading.Thread(target=go, args=(d,)) for d in ids + ids[:3]]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(r[tracker_layout().index("doc_id")] for r in rows(ws)) == sorted(ids)


def test_formula_like_customer_is_stored_as_text(ws):
    ws.tracker.update({"DS-1": {"customer": "=1+1", "rep": "@bob"}})
    sheet = openpyxl.load_workbook(ws.tracker.path)["Studies"]
    assert sheet["B2"].value == "=1+1" and sheet["B2"].data_type == "s"


def test_doc_ids_cannot_escape_the_workspace(ws):
    from server.errors import InputError
    with pytest.raises(InputError):
        ws.read("../../etc/passwd")


def submitted_then_edited(ws) -> str:
    """A good handover submitted, then its file edited (a later modified time): its study id."""
    doc_id = put(ws, "good", GOOD)
    sid = flows.submit(ws, doc_id, "rep@example.com").study_id
    os.utime(ws.path(doc_id), (time.time() + 5, time.time() + 5))
    return sid


def test_a_decision_made_while_refresh_runs_is_not_overwritten(ws, monkeypatch):
    sid = submitted_then_edited(ws)
    real_read, decided = ws.read, []

    def read_while_a_manager_decides(d):
        if not decided:  # once: the approval itself reads the handover too (its gap analysis)
            decided.append(sid)
            flows.decide(ws, sid, MANAGERS[0], "Approved", "", MANAGERS)  # lands between refresh's read and write
        return real_read(d)
    monkeypatch.setattr(ws, "read", read_while_a_manager_decides)
    assert flows.refresh(ws).rescored == 1
    record = ws.tracker.get(sid)
    assert record["decision"] == "Approved" and record["stage"] == "Approved" and record["doc_changed"] == "Yes"


def test_a_refused_change_writes_nothing(ws):
    doc_id = put(ws, "good", GOOD)
    sid = flows.submit(ws, doc_id, "rep@example.com").study_id
    flows.decide(ws, sid, MANAGERS[0], "Approved", "", MANAGERS)
    before = ws.tracker.path.read_bytes()
    with pytest.raises(flows.FlowError) as err:
        flows.decide(ws, sid, MANAGERS[0], "Rejected", "changed my mind", MANAGERS)
    assert err.value.status == 409 and ws.tracker.path.read_bytes() == before


def _write_rows(args):
    root, start = args
    from server.workspace.local import LocalWorkspace
    ws = LocalWorkspace(root)
    for i in range(start, start + 5):
        ws.tracker.update({f"DS-P{i:03d}": {"customer": f"Customer {i}", "stage": "Submitted"}})


def test_several_processes_writing_the_tracker_lose_nothing(ws):
    import multiprocessing
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        pool.map(_write_rows, [(str(ws.root), n * 5) for n in range(4)])
    assert sorted(r["study_id"] for r in ws.tracker.records()) == [f"DS-P{i:03d}" for i in range(20)]


def test_a_crash_mid_write_leaves_the_previous_tracker_intact(ws, monkeypatch):
    ws.tracker.update({"DS-KEEP": {"customer": "Kept"}})
    before = ws.tracker.path.read_bytes()
    import server.workspace.local_tracker as lt

    def crash(src, dst):
        raise OSError("power cut")
    monkeypatch.setattr(lt.os, "replace", crash)
    with pytest.raises(OSError):
        ws.tracker.update({"DS-LOST": {"customer": "Never written"}})
    monkeypatch.undo()
    assert ws.tracker.path.read_bytes() == before
    assert [r["study_id"] for r in ws.tracker.records()] == ["DS-KEEP"]
    assert not list(ws.tracker.path.parent.glob(".tracker-*"))  # no half-written temp file left


def test_an_approved_study_cannot_be_resubmitted_over_its_decision(ws):
    doc_id = put(ws, "handover", GOOD)
    sid = flows.submit(ws, doc_id, "rep@example.com").study_id
    flows.decide(ws, sid, MANAGERS[0], "Approved", "", MANAGERS)
    with pytest.raises(flows.FlowError) as err:
        flows.submit(ws, doc_id, "rep@example.com", exception_request=True)
    assert err.value.status == 409
    row = ws.tracker.get(sid)
    assert (row["stage"], row["decision"], row["exception_requested"]) == ("Approved", "Approved", "")


def test_a_hand_typed_approved_stage_does_not_let_cs_start(ws):
    doc_id = put(ws, "handover", GOOD)
    sid = flows.submit(ws, doc_id, "rep@example.com").study_id
    ws.tracker.update({sid: {"stage": "Approved"}})  # typed in the sheet, no manager decision
    with pytest.raises(flows.FlowError):
        flows.move_stage(ws, sid, CS[0], "Scoping", CS)


def test_refresh_does_not_bring_back_a_deleted_row(ws, monkeypatch):
    sid = submitted_then_edited(ws)
    real = ws.read_many

    def delete_row_meanwhile(ids):
        import openpyxl
        wb = openpyxl.load_workbook(ws.tracker.path)
        wb["Studies"].delete_rows(2)
        wb.save(ws.tracker.path)
        return real(ids)
    monkeypatch.setattr(ws, "read_many", delete_row_meanwhile)
    flows.refresh(ws)
    assert ws.tracker.get(sid) is None


def test_a_document_outside_the_handover_folder_gets_metadata_not_a_crash(ws):
    (ws.root / "loose.docx").write_bytes(to_docx(GOOD))
    doc_id = ws.doc_id(ws.root / "loose.docx")
    made = ws.handover(doc_id)
    assert made.folder_url.startswith(ws.root.as_uri())


def test_control_characters_pasted_into_a_reason_or_owner_are_dropped_not_a_crash(ws):
    doc_id = put(ws, "good", GOOD)
    sid = flows.submit(ws, doc_id, "rep@example.com").study_id
    flows.decide(ws, sid, MANAGERS[0], "Changes requested", "Plods\x00 missing\x1b[31m for March\x07", MANAGERS)
    assert ws.tracker.get(sid)["decision_reason"] == "Plods missing[31m for March"
    flows.submit(ws, doc_id, "rep@example.com")
    flows.decide(ws, sid, MANAGERS[0], "Approved", "", MANAGERS)
    flows.assign_owner(ws, sid, CS[0], "chris.cs@exa\x0bmple.com\x07", CS)
    assert ws.tracker.get(sid)["cs_owner"] == "chris.cs@example.com"


def test_customers_whose_names_read_the_same_as_a_folder_are_told_apart_not_merged(ws):
    from server.errors import InputError
    from server.generators.deal import Deal
    first = flows.create_handover(ws, Deal.from_input({"customer": "A/B Drilling", "industry": "drilling"}))
    with pytest.raises(InputError) as clash:
        flows.create_handover(ws, Deal.from_input({"customer": "A:B Drilling", "industry": "drilling"}))
    assert "already holds the customer 'A/B Drilling'" in str(clash.value)
    again = flows.create_handover(ws, Deal.from_input({"customer": "A/B Drilling", "industry": "drilling"}))
    assert (again.created, again.doc_id) == (False, first.doc_id)


def test_a_long_name_in_a_wide_script_is_cut_to_what_a_file_system_holds(ws):
    from server.generators.deal import Deal
    made = flows.create_handover(ws, Deal.from_input({"customer": "界" * 80, "industry": "mining"}))
    path = ws.path(made.doc_id)
    assert made.created and all(len(part.encode("utf-8")) <= 255 for part in path.parts)
    assert len(path.relative_to(ws.root).parts[0].encode("utf-8")) <= 120


def test_the_local_trackers_links_open_the_document(ws):
    doc_id = put(ws, "good", GOOD)
    assert flows.submit(ws, doc_id, "sam.rep@example.com").recorded
    sheet = openpyxl.load_workbook(ws.tracker.path)["Studies"]
    cell = sheet.cell(row=2, column=tracker_layout().index("doc_link") + 1)
    assert cell.hyperlink is not None and cell.hyperlink.target == cell.value and cell.value.startswith("file://")
