"""What the manager approved is what CS receive: each submission keeps the handover as it stood
(a PDF exported by Drive beside it on Google; a copy of the .docx locally), linked from the
tracker and the History; a later edit or resubmission never changes an earlier one."""
import io
from pathlib import Path
from urllib.parse import unquote, urlparse

from pypdf import PdfReader

from server import flows
from server.workspace.local import LocalWorkspace
from server.validators.docx_reader import read_docx
from tests.google_env import google_workspace, upload_docx
from tests.handover_builder import GOOD, to_docx

REP = "sam.rep@example.com"
BUSINESS_CASE = GOOD["Business case"][0][1]


def pdf_text(fake, link: str) -> str:
    file_id = link.split("/d/")[1].split("/")[0]
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(fake.file_content(file_id))).pages)


def test_each_google_submission_keeps_a_pdf_beside_the_handover_linked_from_tracker_and_history(fake):
    ws = google_workspace(fake)
    doc_id = upload_docx(ws, to_docx(GOOD))
    first = flows.submit(ws, doc_id, REP)
    link = first.record["snapshot_link"]
    assert link.startswith("https://") and "Red Rock Drilling" in pdf_text(fake, link)
    snapshot = fake.get_file(link.split("/d/")[1].split("/")[0])
    assert snapshot["mimeType"] == "application/pdf" and snapshot["parents"] == fake.get_file(doc_id)["parents"]
    ws.docs.documents().batchUpdate(documentId=doc_id, body={"requests": [{"replaceAllText": {
        "containsText": {"text": "Carosue Dam", "matchCase": True}, "replaceText": "Kalgoorlie"}}]}).execute()
    second = flows.submit(ws, doc_id, REP)
    assert second.record["snapshot_link"] != link
    assert "Carosue Dam" in pdf_text(fake, link) and "Kalgoorlie" in pdf_text(fake, second.record["snapshot_link"])
    assert [e["snapshot_link"] for e in ws.tracker.history(first.study_id)] == [link, second.record["snapshot_link"]]


def test_a_snapshot_drive_refuses_never_stops_the_submission_and_the_rep_is_told(fake):
    ws = google_workspace(fake)
    doc_id = upload_docx(ws, to_docx(GOOD))
    fake.fail_next(10, status=403, endpoint="drive.files.export")
    result = flows.submit(ws, doc_id, REP)
    assert result.recorded and ws.tracker.get(result.study_id)["stage"] == "Submitted"
    assert result.record["snapshot_link"] == ""
    assert any("submitted version" in e for e in result.notify_errors)


def test_the_local_default_keeps_a_copy_of_the_docx_as_submitted(tmp_path):
    ws = LocalWorkspace(tmp_path)
    ws.tracker.setup()
    path = tmp_path / "Red Rock" / "PreSales" / "Desktop Study" / "handover.docx"
    path.parent.mkdir(parents=True)
    path.write_bytes(to_docx(GOOD))
    result = flows.submit(ws, ws.doc_id(path), REP)
    kept = Path(unquote(urlparse(result.record["snapshot_link"]).path))
    assert kept.is_file() and kept.parent.parent == path.parent
    path.write_bytes(to_docx({**GOOD, "Business case": [("p", "TBD")]}))  # edited after
    assert BUSINESS_CASE in "\n".join(b.text for b in read_docx(kept).blocks)
