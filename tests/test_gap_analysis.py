"""CS's deliverable started for them: when a manager approves, the gap analysis document is made
in the customer's Desktop Study folder from the handover and the files in DS Data, linked from the
tracker, the History and the email that asks CS to assign an owner."""
import email
import shutil
from email.policy import default
from pathlib import Path

import docx

from server import flows
from server.notify import Notifier
from tests.test_data_in_the_verdict import CORPUS, CUSTOMER, HONEST, REP, local_handover, said

MANAGER = "maria.manager@example.com"
MANAGERS = (MANAGER,)
GOOD_CLAIM = "Jan-Feb 2026, 2 billing cycles, DS Data/plod_shifts_en.csv"


def local_path(link: str) -> Path:
    from urllib.parse import unquote, urlparse
    return Path(unquote(urlparse(link).path))


def approved(ws, notifier=None) -> dict:
    doc_id = local_handover(ws, said("2", GOOD_CLAIM), *HONEST)
    sid = flows.submit(ws, doc_id, REP).study_id
    return flows.decide(ws, sid, MANAGER, "Approved", "", MANAGERS, notifier)


def test_approval_starts_the_gap_analysis_in_the_desktop_study_folder_prefilled_and_linked(ws):
    notifier = Notifier(outbox=ws.root / "outbox", managers=MANAGERS, cs_emails=("cs-team@example.com",))
    record = approved(ws, notifier)
    link = record["gap_analysis_link"]
    path = local_path(link)
    assert path.parent == ws.root / CUSTOMER / "PreSales/Desktop Study"
    assert path.name == f"{CUSTOMER} - Gap analysis ({record['study_id']}).docx"
    assert ws.tracker.get(record["study_id"])["gap_analysis_link"] == link
    made = docx.Document(path)
    text = "\n".join(p.text for p in made.paragraphs)
    headings = [p.text for p in made.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["1. Questions to answer and success criteria", "2. Who we present to",
                        "3. The customer's situation", "4. The data", "5. Findings", "6. Gaps found",
                        "7. Recommendation and next steps"]
    assert "Reconcile Jan-Mar 2027 plods for rigs RR07, RR09, RR11 and RR14" in text  # the handover's use cases
    people = [[c.text for c in row.cells] for row in made.tables[1].rows]
    assert people[0][0] == "Name" and ["Mark Lewis", "COO"] == people[1][:2]
    data = {row.cells[0].text: row.cells[1].text for row in made.tables[2].rows}
    assert data["Period"] == "1 Jan - 28 Feb 2026" and data["Billing cycles"] == "2 (2026-01, 2026-02)"
    assert data["Rigs"] == "2: RC-07, RC-12" and data["Schedule of rates"].startswith("schedule_of_rates.csv (metre")
    assert text.count("CS to fill in:") >= 3 + 1  # a place per question and the recommendation
    gaps = made.tables[3]
    assert [c.text for c in gaps.rows[0].cells][0] == "Area" and gaps.rows[1].cells[0].text == "CS to fill in:"
    events = ws.tracker.history(record["study_id"])
    assert (events[-1]["event"], events[-1]["reason"]) == ("Gap analysis started", link)
    to_cs = [email.message_from_bytes(f.read_bytes(), policy=default) for f in sorted((ws.root / "outbox").glob("*"))]
    to_cs = next(m for m in to_cs if "cs-team" in m["To"])
    assert f"Gap analysis (started for you): {link}" in to_cs.get_body(("plain",)).get_content()
    assert f'href="{link}"' in to_cs.get_body(("html",)).get_content()


def test_one_gap_analysis_per_study_and_a_failure_never_undoes_the_approval(ws, monkeypatch):
    record = approved(ws)
    again, events = flows.start_gap_analysis(ws, record, MANAGER)
    assert again["gap_analysis_link"] == record["gap_analysis_link"] and events == []
    assert len(list((ws.root / CUSTOMER / "PreSales/Desktop Study").glob("*Gap analysis*"))) == 1

    def disk_full(*args):
        raise OSError("No space left on device")
    monkeypatch.setattr(type(ws), "save_gap_analysis", lambda self, record, data, folder: disk_full())
    from tests.handover_builder import to_docx
    second = ws.root / "Manual" / "second.docx"  # a second study, its handover outside any customer's tree
    second.parent.mkdir()
    second.write_bytes(to_docx(said("2", GOOD_CLAIM)))
    other = flows.submit(ws, ws.doc_id(second), REP)
    decided = flows.decide(ws, other.study_id, MANAGER, "Approved", "", MANAGERS)
    assert decided["stage"] == "Approved" and decided.get("gap_analysis_link", "") == ""


def test_a_study_approved_in_the_sheet_gets_its_gap_analysis_from_the_refresh(ws):
    doc_id = local_handover(ws, said("2", GOOD_CLAIM), *HONEST)
    sid = flows.submit(ws, doc_id, REP).study_id
    ws.tracker.update({sid: {"decision": "Approved"}})  # picked in the Sheet's dropdown
    flows.refresh(ws, MANAGERS)
    assert local_path(ws.tracker.get(sid)["gap_analysis_link"]).name.endswith(f"Gap analysis ({sid}).docx")


def test_on_drive_the_gap_analysis_is_a_google_doc_beside_ds_data(fake):
    from tests.google_env import google_workspace
    from tests.test_data_in_the_verdict import drive_handover, drive_upload
    ws = google_workspace(fake)
    doc_id, data = drive_handover(fake, ws, said("2", "Jan-Feb 2026, 2 billing cycles, DS Data/plods.csv"))
    for name in HONEST:
        drive_upload(ws, data, name, (CORPUS / name).read_bytes(), "application/octet-stream")
    sid = flows.submit(ws, doc_id, REP).study_id
    record = flows.decide(ws, sid, MANAGER, "Approved", "", MANAGERS)
    gap_id = record["gap_analysis_link"].split("/d/")[1].split("/")[0]
    made = fake.get_file(gap_id)
    assert made["mimeType"] == "application/vnd.google-apps.document"
    assert made["parents"] == fake.get_file(data)["parents"]  # the Desktop Study folder
    got = ws.docs.documents().get(documentId=gap_id).execute()
    headings = ["".join(r["textRun"]["content"] for r in e["paragraph"]["elements"] if "textRun" in r).strip()
                for e in got["body"]["content"] if "paragraph" in e
                and e["paragraph"]["paragraphStyle"]["namedStyleType"] == "HEADING_1"]
    assert headings[0] == "1. Questions to answer and success criteria" and "4. The data" in headings
    other = flows.submit(ws, drive_handover_again(fake, ws), REP).study_id
    fake.fail_next(5, status=403, endpoint="drive.files.create")
    refused = flows.decide(ws, other, MANAGER, "Approved", "", MANAGERS)
    assert refused["stage"] == "Approved" and not refused.get("gap_analysis_link")  # Drive said no: approved still


def drive_handover_again(fake, ws) -> str:
    from googleapiclient.http import MediaInMemoryUpload
    from tests.handover_builder import to_docx
    media = MediaInMemoryUpload(to_docx(said("2", GOOD_CLAIM)), mimetype="application/vnd.openxmlformats-"
                                "officedocument.wordprocessingml.document")
    return ws.drive.files().create(body={"name": "Second", "mimeType": "application/vnd.google-apps.document"},
                                   media_body=media, fields="id").execute()["id"]


def test_the_gap_analysis_says_when_ds_data_was_empty(ws):
    doc_id = local_handover(ws, said("2", GOOD_CLAIM))
    sid = flows.submit(ws, doc_id, REP).study_id
    record = flows.decide(ws, sid, MANAGER, "Approved", "", MANAGERS)
    made = docx.Document(local_path(record["gap_analysis_link"]))
    text = "\n".join(p.text for p in made.paragraphs)
    assert "there were no files in DS Data when the study was approved" in text
    shutil.rmtree(ws.root / CUSTOMER, ignore_errors=True)
