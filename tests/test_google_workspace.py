"""Every flow of the spec against the stateful fake of Drive, Docs and Sheets, through the
real google-api-python-client and gspread."""
import pytest

from server.workspace.pace import Quota
from server import flows
from server.errors import StepError
from server.generators.deal import Deal
from server.tracker_layout import tracker_layout
from server.validators.docx_reader import read_docx
from server.validators.scorer import score_document
from server.workspace.google_drive import GoogleWorkspace
from tests.google_env import FAST_RETRIES, MANAGERS, FakeConnection, google_workspace, upload_docx
from tests.handover_builder import GOOD, to_docx

DEAL = Deal.from_input({"customer": "Red Rock Drilling", "industry": "drilling", "segment": "Enterprise",
                        "deal_size": "180,000", "currency": "AUD", "rigs": "4", "region": "WA"})
TREE = ["Sales", "PreSales", "Solutions Demo", "Desktop Study", "DS Handover Doc", "DS Data", "POC",
        "Implementation", "Account Management", "Customer 360"]


def folder_names(fake, parent):
    return sorted(f["name"] for f in fake.children(parent))


@pytest.mark.parametrize("shared_drive", [False, True], ids=["my-drive", "shared-drive"])
def test_create_handover_makes_the_tree_and_one_filled_copy_even_when_run_twice(fake, shared_drive):
    ws = google_workspace(fake, shared_drive=shared_drive)
    first = flows.create_handover(ws, DEAL)
    second = flows.create_handover(ws, DEAL)
    assert first.created and not second.created and first.doc_id == second.doc_id
    customers = fake.children(ws.root_id)
    assert [c["name"] for c in customers] == ["Red Rock Drilling"]
    all_names = sorted(f["name"] for f in fake.drive_files.values()
                       if f.get("mimeType") == "application/vnd.google-apps.folder" and f["name"] in TREE)
    assert all_names == sorted(TREE)  # each folder once, even after the second run
    doc = fake.get_file(first.doc_id)
    assert doc["name"] == "Red Rock Drilling - Desktop Study Handover"
    assert fake.get_file(doc["parents"][0])["name"] == "DS Handover Doc"
    if shared_drive:
        assert doc.get("driveId") == ws.shared_drive_id
    text = fake.document_text(first.doc_id)
    assert "Red Rock Drilling" in text and "AUD 180,000" in text and "[Customer]" not in text
    assert "[Region]" not in text and "WA" in text


def test_a_new_customers_tree_is_made_level_by_level_in_batches_and_a_refused_folder_is_sent_again(fake):
    """Drive creates one file per call and a folder only inside an existing one: the customer
    folder, then one batch per level (5, 3, then 2 folders), not 11 round trips."""
    ws = google_workspace(fake)
    fake.reset_calls()
    made = flows.create_handover(ws, DEAL)
    assert (fake.calls.get("drive.batch"), fake.calls.get("drive.files.create")) == (3, 11)
    fake.reset_calls()
    fake.add_folder("Blue Hole Mining", ws.root_id)  # a customer folder made by hand, nothing in it
    fake.fail_next(1, status=503, endpoint="drive.files.create")  # a folder in the first batch
    ws.create_handover(Deal.from_input({"customer": "Blue Hole Mining", "industry": "mining"}))
    assert (fake.calls.get("drive.batch"), fake.calls.get("drive.files.create")) == (4, 10 + 1)  # only it resent
    names = [f["name"] for f in fake.drive_files.values() if f.get("mimeType") == "application/vnd.google-apps.folder"]
    assert sorted(n for n in names if n in TREE) == sorted(TREE * 2)  # both trees whole, no folder twice
    assert fake.get_file(fake.get_file(made.doc_id)["parents"][0])["name"] == "DS Handover Doc"


def test_a_folder_google_refuses_in_a_batch_stops_the_create_with_the_step_named(fake):
    ws = google_workspace(fake)
    calls = {"n": 0}
    original = ws.drive.files

    def files():  # the 3rd create (a folder inside a batch) names a parent that is not there
        resource = original()
        create = resource.create

        def bad_create(body, **kwargs):
            calls["n"] += 1
            if calls["n"] == 3:
                body = {**body, "parents": ["no-such-folder"]}
            return create(body=body, **kwargs)
        resource.create = bad_create
        return resource
    ws.drive.files = files
    with pytest.raises(StepError) as failed:
        ws.create_handover(DEAL)
    assert failed.value.status == 404 and "create folders 'Sales', 'PreSales'" in str(failed.value)
    copies = [f for f in fake.drive_files.values() if f["name"].endswith("Desktop Study Handover")]
    assert copies and all(f.get("trashed") for f in copies)  # the copy made beside them is not left behind


def test_fill_is_one_docs_batch_update(fake):
    ws = google_workspace(fake)
    fake.reset_calls()
    flows.create_handover(ws, DEAL)
    assert fake.calls.get("docs.documents.batchUpdate") == 1
    assert fake.calls.get("drive.files.copy") == 1


@pytest.mark.parametrize("shared_drive", [False, True], ids=["my-drive", "shared-drive-content-manager"])
def test_a_failed_fill_leaves_no_unfilled_copy_behind(fake, shared_drive):
    ws = google_workspace(fake, shared_drive=shared_drive)
    fake.fail_next(10, status=500, endpoint="docs.documents.batchUpdate")
    with pytest.raises(StepError) as err:
        flows.create_handover(ws, DEAL)
    assert "fill the handover fields" in str(err.value) and "copy is left" not in str(err.value)
    fake.clear_faults()
    assert not [f for f in fake.drive_files.values()
                if f["name"].endswith("Desktop Study Handover") and not f["trashed"]]
    assert flows.create_handover(ws, DEAL).created  # a clean retry works


def test_retries_recover_from_429_and_500(fake):
    ws = google_workspace(fake)
    fake.fail_next(2, status=429)
    fake.fail_next(1, status=500, endpoint="drive.files.copy")
    made = flows.create_handover(ws, DEAL)
    assert made.created and "Red Rock Drilling" in fake.document_text(made.doc_id)


def test_read_back_scores_the_same_as_the_docx(fake):
    ws = google_workspace(fake)
    data = to_docx(GOOD)
    doc_id = upload_docx(ws, data)
    from_google = flows.check(ws, doc_id)
    from_docx = score_document(read_docx(data))
    assert from_google.to_dict()["sections"] == from_docx.to_dict()["sections"]
    assert from_google.failed_criteria() == from_docx.failed_criteria() == []
    assert from_google.score == from_docx.score == 100


def test_tracker_setup_in_one_batch_update_with_header_dropdowns_and_protection(fake):
    ws = google_workspace(fake)
    sheet = fake.get_spreadsheet(ws.tracker.spreadsheet_id)
    props = sheet["sheets"][0]["properties"]
    assert props["title"] == "Studies" and props["gridProperties"]["frozenRowCount"] == 1
    header = fake.get_values(ws.tracker.spreadsheet_id, "Studies")[0]
    assert header == tracker_layout().headers
    protected = sheet["sheets"][0].get("protectedRanges", [])
    assert protected and set(MANAGERS) <= set(protected[0]["editors"]["users"])
    fake.reset_calls()
    ws.tracker.setup()  # adopting the same tracker again does not stack protections
    assert fake.calls.get("sheets.spreadsheets.batchUpdate") == 1
    assert len(fake.get_spreadsheet(ws.tracker.spreadsheet_id)["sheets"][0]["protectedRanges"]) == len(protected)


def test_submit_records_one_row_and_a_second_submit_updates_it(fake):
    ws = google_workspace(fake)
    doc_id = upload_docx(ws, to_docx(GOOD))
    first = flows.submit(ws, doc_id, "sam.rep@example.com")
    assert first.recorded and first.study_id.startswith("DS-")
    assert fake.get_file(doc_id)["appProperties"]["studyId"] == first.study_id
    second = flows.submit(ws, doc_id, "sam.rep@example.com")
    assert second.study_id == first.study_id
    rows = fake.get_values(ws.tracker.spreadsheet_id, "Studies")[1:]
    assert len(rows) == 1 and rows[0][0] == first.study_id
    record = ws.tracker.get(first.study_id)
    assert record["stage"] == "Submitted" and record["customer"] == "Red Rock Drilling Pty Ltd"
    assert record["score"] in ("100", 100)


def test_submit_refuses_a_thin_doc_and_writes_nothing(fake):
    ws = google_workspace(fake)
    doc_id = upload_docx(ws, to_docx({**GOOD, "Business case": [("p", "TBD")]}))
    result = flows.submit(ws, doc_id, "sam.rep@example.com")
    assert not result.recorded and any(r.startswith("Business case") for r in result.reasons)
    assert fake.get_values(ws.tracker.spreadsheet_id, "Studies")[1:] == []


def test_formula_like_values_are_stored_as_text(fake):
    ws = google_workspace(fake)
    record = {"study_id": "DS-TEST0001", "customer": '=HYPERLINK("http://evil","x")', "rep": "+61 400 000 000",
              "top_flags": "@everyone -1", "stage": "Submitted"}
    ws.tracker.update({record["study_id"]: record})
    assert ws.tracker.get("DS-TEST0001")["customer"] == '=HYPERLINK("http://evil","x")'
    cell = fake.get_cell(ws.tracker.spreadsheet_id, "Studies", "B2")
    assert "formula" not in cell and cell["value"] == '=HYPERLINK("http://evil","x")'  # text, not a formula


def test_refresh_rescores_only_changed_docs_and_writes_in_one_batch(fake):
    ws = google_workspace(fake)
    ids = [upload_docx(ws, to_docx(GOOD)) for _ in range(3)]
    for doc_id in ids:
        assert flows.submit(ws, doc_id, "sam.rep@example.com").recorded
    flows.refresh(ws)  # the first refresh also draws the Pipeline sheet (one batchUpdate, once)
    ws.docs.documents().batchUpdate(documentId=ids[0], body={"requests": [{"replaceAllText": {
        "containsText": {"text": "Carosue Dam", "matchCase": True}, "replaceText": "TBD"}}]}).execute()
    fake.reset_calls()
    result = flows.refresh(ws)
    assert result.studies == 3 and result.rescored == 1 and result.changed == 1
    assert fake.calls.get("docs.documents.get") == 1
    assert fake.calls.get("drive.files.list") == 1
    writes = sum(fake.calls.get(k, 0) for k in ("sheets.spreadsheets.values.batchUpdateByDataFilter",
                                                 "sheets.spreadsheets.batchUpdate"))
    assert writes == 1
    changed = [r for r in ws.tracker.records() if r["doc_changed"] == "Yes"]
    assert [r["doc_id"] for r in changed] == [ids[0]]


def test_setup_command_uploads_the_template_and_creates_the_tracker(fake):
    import contextlib
    import io

    from server.cli import main
    root = fake.add_folder("Customers")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["setup", "--google", "--customers-root", root, "--managers", "maria.manager@example.com"],
                    google=FakeConnection(fake=fake)) == 0
    lines = dict(line.split(": ", 1) for line in out.getvalue().splitlines() if line.startswith("HANDOVER_"))
    template = fake.get_file(lines["HANDOVER_TEMPLATE_ID"])
    assert template["mimeType"] == "application/vnd.google-apps.document"
    assert "Deal summary" in fake.document_text(template["id"])
    assert fake.get_values(lines["HANDOVER_TRACKER_ID"], "Studies")[0][0] == "Study ID"
    with contextlib.redirect_stdout(io.StringIO()):  # again: the same template, the same tracker adopted
        assert main(["setup", "--google", "--customers-root", root, "--tracker-id", lines["HANDOVER_TRACKER_ID"]],
                    google=FakeConnection(fake=fake)) == 0
    templates = [f for f in fake.drive_files.values() if f.get("appProperties", {}).get("dsTemplate") == "1"]
    assert len(templates) == 1


def test_score_accepts_a_saved_documents_get_json(fake, tmp_path):
    import json

    from server.cli import main
    ws = google_workspace(fake)
    doc_id = upload_docx(ws, to_docx(GOOD))
    saved = tmp_path / "doc.json"
    saved.write_text(json.dumps(ws.docs.documents().get(documentId=doc_id).execute()))
    assert main(["score", str(saved)]) == 0
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    assert main(["score", str(broken)]) == 2


def test_a_date_a_person_typed_survives_a_tracker_write(fake):
    ws = google_workspace(fake)
    ws.tracker.update({"DS-DATE": {"customer": "Acme", "stage": "Submitted"}})
    col = tracker_layout().index("presentation_date")
    from server.workspace.sheets_tracker import column_letter
    ws.tracker._http.values_update(ws.tracker.spreadsheet_id, f"'Studies'!{column_letter(col)}2",
                                   params={"valueInputOption": "USER_ENTERED"}, body={"values": [["2027-03-12"]]})
    ws.tracker.update({"DS-DATE": {"cs_owner": "Chris"}})
    assert "46458" not in ws.tracker.get("DS-DATE")["presentation_date"]
    assert ws.tracker.get("DS-DATE")["cs_owner"] == "Chris"


def test_a_handover_copied_from_the_template_is_never_taken_for_the_template(fake):
    """Drive copies keep their source's appProperties; re-running set-up (here without a customers
    root, so it searches everywhere) must find the template, not overwrite a rep's handover."""
    from server.google_setup import upload_template
    ws = google_workspace(fake)
    made = ws.create_handover(Deal.from_input({"customer": "Acme", "industry": "drilling"}))
    assert "dsTemplate" not in fake.get_file(made.doc_id).get("appProperties", {})
    assert upload_template(ws.drive) == ws.template_id
    assert "Acme" in fake.document_text(made.doc_id)


def test_customers_whose_names_read_the_same_as_a_drive_folder_are_told_apart_not_merged(fake):
    from server.errors import InputError
    ws = google_workspace(fake)
    first = ws.create_handover(Deal.from_input({"customer": "A/B Drilling", "industry": "drilling"}))
    with pytest.raises(InputError) as clash:
        ws.create_handover(Deal.from_input({"customer": "A:B Drilling", "industry": "drilling"}))
    assert "already holds the customer 'A/B Drilling'" in str(clash.value)
    again = ws.create_handover(Deal.from_input({"customer": "A/B Drilling", "industry": "drilling"}))
    assert (again.created, again.doc_id) == (False, first.doc_id)


def test_the_refresh_paces_its_reads_to_the_service_accounts_docs_quota(fake):
    """Docs allows one user (the service account is one) a fixed number of reads a minute. Here
    the quota is 10 reads in 2 seconds, below what the 8 parallel readers would send unpaced, so
    the test takes seconds, not minutes."""
    ws = google_workspace(fake)
    ids = [upload_docx(ws, to_docx(GOOD)) for _ in range(12)]
    for doc_id in ids:
        assert flows.submit(ws, doc_id, "sam.rep@example.com").recorded
    for doc_id in ids:  # every document edited since it was scored
        ws.docs.documents().batchUpdate(documentId=doc_id, body={"requests": [{"replaceAllText": {
            "containsText": {"text": "Carosue Dam", "matchCase": True}, "replaceText": "TBD"}}]}).execute()
    fake.set_quota("docs.documents.get", 10, per_seconds=2.0)
    ws.quotas.docs_reads = Quota(10, window=2.0)
    fake.reset_calls()
    result = flows.refresh(ws)
    assert (result.rescored, result.errors) == (12, [])
    assert fake.calls.get("docs.documents.get") == 12  # no read refused with 429 and sent again


def test_the_open_document_is_read_with_the_reps_own_token_not_the_service_accounts(fake):
    """Google counts quotas per token: with one read a minute allowed, the service account's read
    and the rep's read both go through, and only the rep's second read is refused."""
    ws = google_workspace(fake)
    doc_id = upload_docx(ws, to_docx(GOOD))
    as_rep = GoogleWorkspace(ws.drive, ws.docs, ws.tracker, ws.template_id, ws.root_id, policy=FAST_RETRIES,
                             user_http=FakeConnection(fake=fake).user_http("rep-oauth-token"))
    fake.set_quota("docs.documents.get", 1)
    assert ws.read(doc_id).word_count > 500 and as_rep.read(doc_id).word_count > 500
    with pytest.raises(StepError) as refused:
        as_rep.read(doc_id)
    assert refused.value.status == 429


@pytest.mark.parametrize("role, step", [("reader", "create folder 'Red Rock Drilling'"),
                                        ("writer", "move the handover into its folder")])
def test_without_the_content_manager_role_create_stops_at_the_step_drive_refuses(fake, role, step):
    """A Contributor may add files but not move or trash them; a reader may add nothing. The README's
    roles table asks for Content manager: with less, the rep is told which step Drive refused."""
    made = google_workspace(fake)
    drive_id = fake.add_shared_drive("Customers (wrong role)", role=role)
    ws = GoogleWorkspace(made.drive, made.docs, made.tracker, made.template_id, drive_id, shared_drive_id=drive_id,
                         policy=FAST_RETRIES)
    with pytest.raises(StepError) as refused:
        ws.create_handover(DEAL)
    assert refused.value.status == 403 and str(refused.value).startswith(step)
    if role == "writer":  # the copy could not be trashed either: the error says where it is
        assert "a half-made copy is left at document" in str(refused.value)
