"""What the customer sent decides, not what the rep typed: the files in the customer's DS Data
folder (local, or on Drive through the real client against the fake) are read on Check and
Submit and by the refresh, and the criteria about plod data, invoices, the schedule of rates and
rigs go by them, with the evidence."""
import shutil
from pathlib import Path

import openpyxl

from server import flows
from server.workspace.local import ensure_tree
from tests.handover_builder import GOOD, handover, set_field, to_docx

CORPUS = Path(__file__).resolve().parent / "data_packages"
REP = "sam.rep@example.com"
CUSTOMER = "Red Rock Drilling Pty Ltd"


def said(cycles: str, detail: str) -> dict:
    """GOOD, claiming `cycles` billing cycles in the deal summary and `detail` in the plod row."""
    rows = [list(r) for r in GOOD["Data provided"][0][1]]
    rows[1][2] = detail
    return set_field(handover(Data_provided=[("table", rows)]), "Billing cycles of plod data", cycles)


def local_handover(ws, doc: dict, *files: str, extra: dict | None = None) -> str:
    """The handover in the customer's tree, and these corpus files (and `extra` name -> bytes) in DS Data."""
    customer = ensure_tree(ws.root, CUSTOMER)
    path = customer / "PreSales/Desktop Study/DS Handover Doc" / f"{CUSTOMER} - Desktop Study Handover.docx"
    path.write_bytes(to_docx(doc))
    data = customer / "PreSales/Desktop Study/DS Data"
    for name in files:
        shutil.copy(CORPUS / name, data / name)
    for name, content in (extra or {}).items():
        (data / name).write_bytes(content)
    return ws.doc_id(path)


def criterion(card, cid: str):
    return next(c for c in card.criteria if c.id == cid)


HONEST = ("plod_shifts_en.csv", "invoice_register.xlsx", "schedule_of_rates.csv")  # Jan-Feb 2026, 2 rigs


def test_a_handover_claiming_three_cycles_when_the_plod_data_covers_one_is_refused_with_the_evidence(ws):
    doc_id = local_handover(ws, GOOD, "plod_es_punto_y_coma.csv", "invoice_jan_2026.pdf", "schedule_of_rates.csv")
    card = flows.check(ws, doc_id)
    plods = criterion(card, "plod_billing_cycles")
    assert not plods.passed and not card.ready
    assert plods.evidence == ("Plod data in DS Data covers 1-31 Jan 2026: 1 billing cycle; at least 2 are needed. "
                              "The handover says 3: correct it.")
    result = flows.submit(ws, doc_id, REP)
    assert not result.recorded and any("covers 1-31 Jan 2026: 1 billing cycle" in r for r in result.reasons)
    assert ws.tracker.records() == []


def test_an_honest_package_passes_on_the_files_and_the_tracker_shows_cycles_rigs_and_complete(ws):
    doc_id = local_handover(ws, said("2", "Jan-Feb 2026, 2 billing cycles, DS Data/plod_shifts_en.csv"), *HONEST)
    card = flows.check(ws, doc_id)
    assert card.ready, card.blocking()
    assert criterion(card, "plod_billing_cycles").evidence == ("Plod data in DS Data covers 1 Jan - 28 Feb 2026: "
                                                              "2 billing cycles.")
    assert criterion(card, "invoices").evidence.startswith("An invoice or claim in DS Data for every billing cycle")
    assert "schedule_of_rates.csv (metre rates by depth" in criterion(card, "schedule_of_rates").evidence
    assert criterion(card, "rigs").evidence == ("4 rigs in scope (Number of rigs); 2 rigs in the plod data in DS Data "
                                                "(RC-07, RC-12).")
    assert card.to_dict()["data_package"]["plod"]["cycles"] == ["2026-01", "2026-02"]
    record = flows.submit(ws, doc_id, REP).record
    sheet = openpyxl.load_workbook(ws.tracker.path)["Studies"]
    header = [c.value for c in sheet[1]]
    row = [c.value for c in sheet[2]]
    assert row[header.index("Billing cycles (data)")] == 2 and row[header.index("Rigs (data)")] == 2
    assert row[header.index("Data complete")] == "Yes" and record["data_folder"].endswith("PreSales/Desktop Study/DS Data")


def test_a_differing_claim_within_the_limits_never_blocks_and_is_said(ws):
    doc_id = local_handover(ws, said("3", "Jan-Mar 2026, 3 billing cycles, DS Data/plod_shifts_en.csv"), *HONEST)
    card = flows.check(ws, doc_id)
    assert card.ready
    assert criterion(card, "plod_billing_cycles").evidence.endswith("The handover says 3: correct it.")
    assert card.data_notes == ["The handover says 3 billing cycles; plod data in DS Data covers 1 Jan - 28 Feb 2026: "
                               "2 billing cycles."]


def test_more_rigs_in_the_data_than_the_handover_says_goes_to_the_managers_exception(ws):
    register = "Invoice register\nInvoice,Period,Amount\nINV-7,July 2026,10000\nINV-8,August 2026,9000\n".encode()
    doc_id = local_handover(ws, said("2", "Jul-Aug 2026, 2 billing cycles, DS Data/plods.csv"),
                            "plod_tabs_two_months_many_rigs.csv", "schedule_of_rates.csv",
                            extra={"invoice_register.csv": register})
    card = flows.check(ws, doc_id)
    rigs = criterion(card, "rigs")
    assert not rigs.passed and rigs.evidence.startswith("7 rigs in the plod data in DS Data (R1, R2, R3, R4, R5, R6, R7)")
    assert rigs.evidence.endswith("The handover says 4.")
    assert not flows.submit(ws, doc_id, REP).recorded
    asked = flows.submit(ws, doc_id, REP, exception_request=True)
    assert asked.recorded and asked.exception == ["rigs"]
    assert ws.tracker.get(asked.study_id)["readiness"] == "Exception requested"


def test_a_file_that_cannot_be_read_leaves_the_item_to_what_the_rep_wrote_and_says_so(ws):
    doc_id = local_handover(ws, said("2", "Jan-Feb 2026, 2 billing cycles, DS Data/plod_shifts_en.csv"),
                            "plod_shifts_en.csv", "invoice_jan_2026.pdf", "invoice_scanned.pdf",
                            "schedule_of_rates.csv")
    card = flows.check(ws, doc_id)
    assert criterion(card, "invoices").passed  # the rep says three invoices were received; the scan may be February's
    assert any("2026-02" in n and "invoice_scanned.pdf" in n for n in card.data_notes)
    assert "an image with no text" in card.data.unreadable["invoice_scanned.pdf"]


def test_no_files_in_ds_data_leaves_the_verdict_to_the_handover(ws):
    doc_id = local_handover(ws, GOOD)
    card = flows.check(ws, doc_id)
    assert card.ready and card.data is None and card.to_dict()["data_package"] is None
    assert criterion(card, "plod_billing_cycles").evidence.startswith("3 billing cycles")
    record = flows.submit(ws, doc_id, REP).record
    assert record["data_complete"] == "No files yet" and record["data_cycles"] == ""


def test_the_billing_cycle_the_handover_states_is_how_the_plod_data_is_counted(ws):
    doc_id = local_handover(ws, said("4", "1-31 Jan 2026, 4 weekly billing cycles, DS Data/plods.csv"),
                            "plod_es_punto_y_coma.csv")
    plods = criterion(flows.check(ws, doc_id), "plod_billing_cycles")
    assert not plods.passed  # 1-31 Jan 2026 touches 5 weeks, Monday to Sunday
    assert plods.evidence.startswith("Plod data in DS Data covers 1-31 Jan 2026: 5 billing cycles (weekly); at most 4")


def test_the_refresh_rescores_when_the_customer_adds_files_and_writes_the_data_columns(ws):
    doc_id = local_handover(ws, said("2", "Jan-Feb 2026, 2 billing cycles, DS Data/plod_shifts_en.csv"))
    study = flows.submit(ws, doc_id, REP).study_id
    assert ws.tracker.get(study)["data_complete"] == "No files yet"
    data = ws.root / ws.tracker.get(study)["data_folder"]
    shutil.copy(CORPUS / "plod_es_punto_y_coma.csv", data / "plods.csv")  # one month, where the handover says two
    first = flows.refresh(ws)
    row = ws.tracker.get(study)
    assert first.rescored == 1 and row["data_cycles"] == "1" and row["data_complete"].startswith("No: Plod data in DS")
    assert "plod_billing_cycles" in row["failed_criteria"]
    assert flows.refresh(ws).rescored == 0  # nothing changed: nothing read again
    (data / "plods.csv").unlink()
    for name in HONEST:
        shutil.copy(CORPUS / name, data / name)
    flows.refresh(ws)
    row = ws.tracker.get(study)
    assert row["data_cycles"] == "2" and row["data_complete"] == "Yes" and row["failed_criteria"] == ""


# --- on Drive: the real client against the fake ----------------------------------------------

def drive_upload(ws, folder: str, name: str, data: bytes, mime: str, as_google: str = "") -> str:
    from googleapiclient.http import MediaInMemoryUpload
    body = {"name": name, "parents": [folder], **({"mimeType": as_google} if as_google else {})}
    return ws.drive.files().create(body=body, media_body=MediaInMemoryUpload(data, mimetype=mime), fields="id",
                                   supportsAllDrives=True).execute()["id"]


def drive_handover(fake, ws, doc: dict) -> tuple[str, str]:
    """The customer's tree made by Create handover, and a rep's own handover uploaded into its
    DS Handover Doc folder (no DS Data mark on it: found by the folders); (doc id, DS Data id)."""
    from server.generators.deal import Deal
    made = ws.create_handover(Deal.from_input({"customer": CUSTOMER, "industry": "drilling"}))
    data_folder = fake.get_file(made.doc_id)["appProperties"]["dataFolder"]
    assert fake.get_file(data_folder)["name"] == "DS Data"
    docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    doc_id = drive_upload(ws, made.folder_id, "Rep's own handover", to_docx(doc), docx,
                          as_google="application/vnd.google-apps.document")
    return doc_id, data_folder


def test_on_drive_excel_csv_pdf_and_a_google_sheet_per_rig_are_read_and_decide(fake):
    from tests.google_env import google_workspace
    ws = google_workspace(fake)
    doc_id, data = drive_handover(fake, ws, said("2", "Mar-Apr 2026, 2 billing cycles, DS Data/Plods (Google Sheets)"))
    from datetime import date, timedelta
    days = [date(2026, 3, 1) + timedelta(days=n) for n in range(61)]
    fake.add_spreadsheet("Plods by rig", {rig: [["Date", "Project", "Metres", "Hours"]] +
                                          [[d.isoformat(), "Gwalia", 80, 12] for d in days]
                                          for rig in ("Rig 7", "Rig 12")}, parent_id=data)
    register = "Invoice register\nInvoice,Period,Amount\nINV-3,March 2026,10000\nINV-4,April 2026,9000\n"
    drive_upload(ws, data, "claims/invoice_register.csv", register.encode(), "text/csv")
    drive_upload(ws, data, "schedule_of_rates.csv", (CORPUS / "schedule_of_rates.csv").read_bytes(), "text/csv")
    drive_upload(ws, data, "site photo.jpg", b"\xff\xd8\xff not read", "image/jpeg")
    card = flows.check(ws, doc_id)
    assert card.ready, card.blocking()
    assert criterion(card, "plod_billing_cycles").evidence == ("Plod data in DS Data covers 1 Mar - 30 Apr 2026: "
                                                              "2 billing cycles.")
    assert card.data.plod.rigs == ["Rig 12", "Rig 7"] and card.data.other == ["site photo.jpg"]
    assert card.data.folder == f"https://drive.google.com/drive/folders/{data}"
    record = flows.submit(ws, doc_id, REP).record
    assert (record["data_cycles"], record["data_rigs"], record["data_folder"]) == (2, 2, data)
    assert ws.tracker.get(record["study_id"])["data_complete"] == "Yes"


def test_on_drive_a_large_plod_export_downloads_in_chunks_and_is_read_once_per_version(fake, monkeypatch):
    from server.workspace import drive_data
    from tests.google_env import google_workspace
    monkeypatch.setattr(drive_data, "CHUNK", 32 * 1024)  # Drive's ranged downloads, on a file of a few chunks
    ws = google_workspace(fake)
    doc_id, data = drive_handover(fake, ws, GOOD)
    plods = (CORPUS / "plod_shifts_en.csv").read_bytes()
    head, body = plods.split(b"\n", 1)
    big = head + b"\n" + body * 20  # the same two months, 20 times over: 2,360 shifts
    assert len(big) > 3 * 32 * 1024
    drive_upload(ws, data, "plods.csv", big, "text/csv")
    fake.reset_calls()
    first = flows.check(ws, doc_id)
    assert first.data.plod.shifts == 2360 and first.data.plod.cycles == ["2026-01", "2026-02"]
    assert fake.calls["drive.files.get"] == 2 + 4  # the doc's details, its folder's parent, then 4 chunks of the file
    fake.reset_calls()
    second = flows.check(ws, doc_id)
    assert second.data.plod.shifts == 2360 and fake.calls["drive.files.get"] == 2  # the file unchanged: not downloaded


def test_on_drive_a_sheet_too_large_to_export_and_a_folder_drive_refuses_each_say_so(fake, monkeypatch):
    from fake_google import drive as fake_drive
    from tests.google_env import google_workspace
    monkeypatch.setattr(fake_drive, "EXPORT_LIMIT", 2048)  # Drive's 10 MB, on a sheet small enough for a test
    ws = google_workspace(fake)
    doc_id, data = drive_handover(fake, ws, GOOD)
    fake.add_spreadsheet("Plods", {"Sheet1": [["Date", "Rig", "Metres"]] +
                                   [[f"2026-01-{d:02d}", "RC-07", 90] for d in range(1, 32)] * 4}, parent_id=data)
    card = flows.check(ws, doc_id)
    assert "too large for Drive to export" in card.data.unreadable["Plods (Google Sheets)"]
    assert criterion(card, "plod_billing_cycles").passed  # the rep's word stands; the file is named as not read
    fake.fail_next(10, status=500, endpoint="drive.files.list")
    refused = flows.check(ws, doc_id)
    assert refused.data is None and refused.ready  # Drive down: the verdict goes by the handover, never blocked


def test_the_manager_and_cs_hear_what_the_files_hold(ws):
    import email
    from email.policy import default
    from server.notify import Notifier
    doc_id = local_handover(ws, said("2", "Jan-Feb 2026, 2 billing cycles, DS Data/plod_shifts_en.csv"), *HONEST)
    notifier = Notifier(outbox=ws.root / "outbox", managers=("maria.manager@example.com",),
                        cs_emails=("cs-team@example.com",))
    study = flows.submit(ws, doc_id, REP, notifier=notifier).study_id
    flows.decide(ws, study, "maria.manager@example.com", "Approved", "", ("maria.manager@example.com",), notifier)
    mails = [email.message_from_bytes(f.read_bytes(), policy=default) for f in sorted((ws.root / "outbox").glob("*"))]
    to_decide = next(m for m in mails if "maria.manager" in m["To"])
    to_assign = next(m for m in mails if "cs-team" in m["To"])
    for mail in (to_decide, to_assign):
        assert ("Customer's files in DS Data: Yes (2 billing cycles, 2 rigs in the plod data)"
                in mail.get_body(("plain",)).get_content())
