"""Reliability under load, faults and hostile input, against the fake of Google's APIs through
the real client libraries and the real Flask app."""
import threading

import openpyxl
import pytest

from fake_google import FakeGoogle
from server.addon.cards import esc
from server.app import create_app
from server.config import Config
from server import notices
from tests.addon_env import ADDON_SA, BASE_URL, CLIENT_ID, MANAGER, REP, Client, event
from tests.card_reading import notification
from tests.card_schema import cards_in
from tests.google_env import FakeConnection, google_workspace, upload_docx
from tests.handover_builder import GOOD, set_field, to_docx

HOSTILE = ['=HYPERLINK("http://evil.example.com","click")', "+61 400 000 000", "-1+2", "@everyone",
           "Acme <b>R&D</b> <img src=x onerror=alert(1)>"]


def google_app(fake, ws, mint, timeout: float):
    return create_app(Config(mode="google", oauth_client_id=CLIENT_ID, template_id=ws.template_id,
                             tracker_id=ws.tracker.spreadsheet_id, customers_root_id=ws.root_id,
                             managers=(MANAGER,), addon_service_account=ADDON_SA, public_base_url=BASE_URL,
                             certs_url=mint.certs_url, google_timeout=timeout, google_retry_base_s=0.01),
                      google=FakeConnection(timeout, fake=fake))


@pytest.fixture
def google(mint):
    """Google (the fake) with a 1 s client timeout, so a slow answer is retried quickly."""
    with FakeGoogle() as fake:
        ws = google_workspace(fake)
        yield fake, ws, google_app(fake, ws, mint, timeout=1.0)


# --- concurrency ------------------------------------------------------------------------------

def test_fifty_concurrent_submissions_make_exactly_one_row_per_study(google, mint):
    fake, ws, _ = google
    app = google_app(fake, ws, mint, timeout=30)  # 50 threads on one local fake: answers take a while
    # 50 submits at once need about 100 Sheets reads and writes: under Google's 60 a minute the pacing
    # (test_quotas.py's subject) would hold the second half for a minute. Here: what 50 at once do.
    from server.workspace.pace import Quota, ServiceAccountQuotas
    app.extensions["handover"].quotas = ServiceAccountQuotas(sheets_reads=Quota(600), sheets_writes=Quota(600))
    docs = [upload_docx(ws, to_docx(GOOD)) for _ in range(40)]
    same = upload_docx(ws, to_docx(GOOD))
    jobs = docs + [same] * 10
    results, errors = [], []

    def submit(doc_id):
        try:
            response = Client(app, mint, REP).post("/addon/action/submit", file_id=doc_id)
            results.append((doc_id, response.status_code))
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
    threads = [threading.Thread(target=submit, args=(d,)) for d in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and all(status == 200 for _, status in results) and len(results) == 50
    rows = fake.get_values(ws.tracker.spreadsheet_id, "Studies")[1:]
    ids = [r[0] for r in rows]
    assert len(rows) == 41 and len(set(ids)) == 41
    same_id = fake.get_file(same)["appProperties"]["studyId"]
    assert ids.count(same_id) == 1
    history = fake.get_values(ws.tracker.spreadsheet_id, "History")[1:]  # one History sheet, every submission in it
    assert len(history) == 50 and sum(1 for h in history if h[1] == same_id) == 10


# --- faults -----------------------------------------------------------------------------------

def test_create_recovers_from_429_and_500(google, mint):
    fake, ws, app = google
    fake.fail_next(3, status=429)
    fake.fail_next(2, status=500, endpoint="drive.files.copy")
    response = Client(app, mint, REP).post("/addon/action/create", form={"customer": "Faulty Co", "industry": "mining"})
    assert response.status_code == 200 and "Handover created" in str(response.get_json())


def test_submit_recovers_from_transient_errors_and_a_slow_answer(google, mint):
    fake, ws, app = google
    doc_id = upload_docx(ws, to_docx(GOOD))
    fake.fail_next(2, status=503)
    fake.slow_next(1, 3.0, endpoint="sheets.spreadsheets.get")  # the tracker read, beyond the 1 s client timeout
    response = Client(app, mint, REP).post("/addon/action/submit", file_id=doc_id)
    assert "Recorded in the tracker" in str(response.get_json())
    assert len(ws.tracker.records()) == 1


def test_a_submit_google_keeps_refusing_says_not_recorded_and_a_retry_records_it_once(google, mint):
    fake, ws, app = google
    doc_id = upload_docx(ws, to_docx(GOOD))
    fake.fail_next(50, status=500, endpoint="sheets.spreadsheets.batchUpdate")  # the new row
    first = Client(app, mint, REP).post("/addon/action/submit", file_id=doc_id).get_json()
    assert "NOT recorded" in str(first) and ws.tracker.records() == []
    fake.clear_faults()
    Client(app, mint, REP).post("/addon/action/submit", file_id=doc_id)
    rows = ws.tracker.records()
    assert len(rows) == 1 and rows[0]["study_id"] == fake.get_file(doc_id)["appProperties"]["studyId"]


def _submitted_and_edited(fake, ws, app, mint, n=3):
    ids = [upload_docx(ws, to_docx(GOOD)) for _ in range(n)]
    rep = Client(app, mint, REP)
    for d in ids:
        rep.post("/addon/action/submit", file_id=d)
    for d in ids:
        ws.docs.documents().batchUpdate(documentId=d, body={"requests": [{"replaceAllText": {
            "containsText": {"text": "Carosue Dam", "matchCase": True}, "replaceText": "Carosue"}}]}).execute()
    return ids


def test_refresh_with_unreadable_documents_reports_them_and_still_marks_the_change(google, mint):
    fake, ws, app = google
    _submitted_and_edited(fake, ws, app, mint)
    fake.fail_next(100, status=500, endpoint="docs.documents.get")
    response = app.test_client().post("/cron/refresh", headers={"X-Appengine-Cron": "true"})
    body = response.get_json()
    assert response.status_code == 200 and body["studies"] == 3 and body["rescored"] == 0 and len(body["errors"]) == 3
    studies = sorted(r["study_id"] for r in ws.tracker.records())  # the operator can tell which studies to look at
    assert sorted(e.split(":")[0] for e in body["errors"]) == studies
    assert [r["doc_changed"] for r in ws.tracker.records()] == ["Yes"] * 3


def test_refresh_marks_a_deleted_document_and_rescores_the_rest(google, mint):
    fake, ws, app = google
    ids = _submitted_and_edited(fake, ws, app, mint)
    ws.drive.files().update(fileId=ids[0], body={"trashed": True}).execute()
    body = app.test_client().post("/cron/refresh", headers={"X-Appengine-Cron": "true"}).get_json()
    assert body["missing"] == 1 and body["rescored"] == 2
    changed = {r["doc_id"]: r["doc_changed"] for r in ws.tracker.records()}
    assert changed == {ids[0]: "Document not found", ids[1]: "Yes", ids[2]: "Yes"}


# --- hostile text -----------------------------------------------------------------------------

@pytest.mark.parametrize("name", HOSTILE)
def test_formula_and_html_customer_names_stay_text_everywhere(google, mint, tmp_path, name):
    fake, ws, app = google
    doc_id = upload_docx(ws, to_docx(set_field(GOOD, "Customer", name)))
    cards = cards_in(Client(app, mint, REP).post("/addon/action/submit", file_id=doc_id).get_json(), trigger=False)
    record = ws.tracker.records()[0]
    assert record["customer"] == name
    cell = fake.get_cell(ws.tracker.spreadsheet_id, "Studies", "B2")
    assert "formula" not in cell and cell["value"] == name  # Sheets: RAW text, not a formula
    assert "<img" not in str(cards) and "<b>" not in str(cards)  # cards: escaped
    notice = notices.submitted(record, REP, ("maria.manager@example.com",))[0]
    assert name in notice.subject and name in notice.body  # email: plain text, as typed
    from server.workspace.local_tracker import LocalTracker
    local = LocalTracker(tmp_path / "t.xlsx")
    local.setup()
    local.update({"DS-X": {"customer": name}})
    cell = openpyxl.load_workbook(tmp_path / "t.xlsx")["Studies"]["B2"]
    assert cell.value == name and cell.data_type == "s"


def test_a_50000_character_finding_is_stored_and_shown_bounded(google, mint):
    fake, ws, app = google
    long_name = "Acme " + "Drilling " * 5_600  # 50,000 characters of a name ('xxxx...' would be a placeholder)
    doc_id = upload_docx(ws, to_docx(set_field(GOOD, "Customer", long_name)))
    response = Client(app, mint, REP).post("/addon/action/check", file_id=doc_id)
    assert response.status_code == 200
    for card in cards_in(response.get_json(), trigger=False):
        assert all(len(w.get("textParagraph", {}).get("text", "")) <= 2000 for s in card["sections"] for w in s["widgets"])
    Client(app, mint, REP).post("/addon/action/submit", file_id=doc_id)
    assert ws.tracker.records()[0]["customer"].startswith("Acme Drilling Drilling")
    assert len(esc("y" * 50_000)) == 2000


# --- authentication extras ----------------------------------------------------------------------

def test_a_user_token_for_another_app_is_refused(mint, tmp_path):
    app = create_app(Config(mode="local", workspace=str(tmp_path), addon_service_account=ADDON_SA,
                            public_base_url=BASE_URL, certs_url=mint.certs_url, oauth_client_id="our-client-id"))
    body = event(user_id_token=mint.token(REP, audience="someone-elses-client"))
    system = mint.token(ADDON_SA, BASE_URL + "/addon/docs/home")
    response = app.test_client().post("/addon/docs/home", json=body, headers={"Authorization": f"Bearer {system}"})
    assert response.status_code == 401
    body = event(user_id_token=mint.token(REP, audience="our-client-id"), has_scope=False)
    assert app.test_client().post("/addon/docs/home", json=body, headers={"Authorization": f"Bearer {system}"}).status_code == 200


def test_a_replayed_non_manager_decision_is_refused_every_time(google, mint):
    fake, ws, app = google
    doc_id = upload_docx(ws, to_docx(GOOD))
    rep = Client(app, mint, REP)
    rep.post("/addon/action/submit", file_id=doc_id)
    sid = ws.tracker.records()[0]["study_id"]
    body, headers = rep.prepare("/addon/action/decide", host="SHEETS", file_id="t",
                                params={"study_id": sid, "decision": "Approved"})
    for _ in range(3):
        refused = app.test_client().post("/addon/action/decide", json=body, headers=headers)
        assert refused.status_code == 200
        assert notification(refused.get_json()) == "Only managers can approve or reject a Desktop Study."
    assert ws.tracker.records()[0]["decision"] == "" and ws.tracker.records()[0]["stage"] == "Submitted"


def test_locks_are_freed_once_nobody_holds_them_and_still_make_one_writer_at_a_time():
    from server.locks import held, named_lock
    for n in range(2000):
        with named_lock(f"submit:ws:doc-{n}"):
            pass
    assert held() == 0  # 2,000 documents later, no lock is kept
    inside, most = [0], [0]

    def writer():
        with named_lock("tracker:one"):
            inside[0] += 1
            most[0] = max(most[0], inside[0])
            threading.Event().wait(0.01)
            inside[0] -= 1
    threads = [threading.Thread(target=writer) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert most[0] == 1 and held() == 0


def test_creates_for_one_customer_at_once_or_before_drive_search_catches_up_make_one_tree_and_one_handover(google,
                                                                                                            mint):
    fake, ws, app = google
    fake.search_lag = 60  # for a minute, files.list does not show what was just created
    form = {"customer": "Lagging Drilling", "industry": "drilling"}
    statuses = []

    def create():
        statuses.append(Client(app, mint, REP).post("/addon/action/create", form=form, file_id="any").status_code)
    threads = [threading.Thread(target=create) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    create()  # and once more, after
    assert statuses == [200] * 4
    live = [f for f in fake.drive_files.values() if not f["trashed"]]
    assert len([f for f in live if f["name"] == "Lagging Drilling"]) == 1
    assert len([f for f in live if f["name"] == "Lagging Drilling - Desktop Study Handover"]) == 1
    assert len([f for f in live if f["name"] == "PreSales"]) == 1
