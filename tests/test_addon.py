"""The add-on end to end: real event JSON with signed ID tokens posted to the Flask app,
on the local default and on Google (the fake), every card checked against Google's schema."""
import http.server
import json
import logging
import threading

import pytest

from fake_google import FakeGoogle
from server import flows
from server.app import create_app
from server.config import Config
from tests.addon_env import ADDON_SA, BASE_URL, CLIENT_ID, CS, MANAGER, REP, Client
from tests.card_reading import notification
from tests.card_schema import cards_in
from tests.google_env import FakeConnection, google_workspace, upload_docx
from tests.handover_builder import GOOD, to_docx

HOMES = ("/addon/docs/home", "/addon/sheets/home")


@pytest.fixture(scope="module")
def webhook():
    received = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/hook", received
    server.shutdown()


def base_config(mint, webhook_url, **extra) -> Config:
    return Config(managers=(MANAGER,), cs_team=(CS,), cs_emails=("cs-team@example.com",), chat_webhook=webhook_url,
                  addon_service_account=ADDON_SA, public_base_url=BASE_URL, certs_url=mint.certs_url, **extra)


class Local:
    """The local default: a workspace folder; documents are addressed by their path in it."""

    def __init__(self, tmp_path, mint, webhook_url):
        self.root = tmp_path / "ws"
        self.app = create_app(base_config(mint, webhook_url, mode="local", workspace=str(self.root)))

    def put(self, name, data):
        path = self.root / "Manual" / f"{name}.docx"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return f"Manual/{name}.docx"

    def rows(self):
        from server.workspace.local import LocalWorkspace
        return LocalWorkspace(self.root).tracker.records()


class Google:
    """Google: Drive, Docs and Sheets are the local fake, reached by the real client libraries."""

    def __init__(self, fake, mint, webhook_url):
        ws = google_workspace(fake)
        self.ws, self.fake = ws, fake
        self.app = create_app(base_config(mint, webhook_url, mode="google", oauth_client_id=CLIENT_ID,
                                          template_id=ws.template_id, tracker_id=ws.tracker.spreadsheet_id,
                                          customers_root_id=ws.root_id), google=FakeConnection(fake=fake))

    def put(self, name, data):
                return upload_docx(self.ws, data)

    def rows(self):
        return self.ws.tracker.records()


@pytest.fixture(params=["local", "google"])
def env(request, tmp_path, mint, webhook):
    if request.param == "local":
        yield Local(tmp_path, mint, webhook[0])
    else:
        with FakeGoogle() as fake:
            yield Google(fake, mint, webhook[0])


def ok(response, trigger=False):
    assert response.status_code == 200, response.get_data(as_text=True)
    return cards_in(response.get_json(), trigger)


def texts(cards) -> str:
    return json.dumps(cards)


def test_docs_home_without_file_access_offers_create_and_asks_for_access(env, mint):
    rep = Client(env.app, mint, REP)
    cards = ok(rep.post("/addon/docs/home", file_id="doc1", has_scope=False), trigger=True)
    body = texts(cards)
    assert "Create handover" in body and "Allow access to this document" in body
    grant = rep.post("/addon/action/grant", file_id="doc1", has_scope=False)
    assert grant.get_json() == {"renderActions": {"hostAppAction": {"editorAction": {"requestFileScopeForActiveDocument": {}}}}}


FORM = {"customer": "Red Rock Drilling", "industry": "drilling", "segment": "Enterprise", "deal_size": "180000",
        "currency": "AUD", "rigs": "4", "projects": "1"}


def submitted(env, rep) -> str:
    """A good handover submitted by the rep: its study id."""
    doc_id = env.put("good", to_docx(GOOD))
    ok(rep.post("/addon/action/submit", file_id=doc_id))
    return env.rows()[0]["study_id"]


def sidebar(client) -> str:
    """The tracker sidebar as this person sees it."""
    return texts(ok(client.post("/addon/sheets/home", host="SHEETS", file_id="tracker"), trigger=True))


def test_create_handover_twice_makes_one_and_says_so(env, mint):
    rep = Client(env.app, mint, REP)
    cards = ok(rep.post("/addon/action/create", form=FORM, file_id="any"))
    assert "Red Rock Drilling - Desktop Study Handover" in texts(cards) and "Open the handover" in texts(cards)
    again = ok(rep.post("/addon/action/create", form=FORM, file_id="any"))
    assert "Handover already exists" in texts(again) and "left as it was" in texts(again)


def test_a_good_handover_opens_on_its_scorecard_with_submit(env, mint):
    doc_id = env.put("good", to_docx(GOOD))
    home = ok(Client(env.app, mint, REP).post("/addon/docs/home", file_id=doc_id, title="Good handover"), trigger=True)
    assert "100/100" in texts(home) and "Submit for Desktop Study" in texts(home)


def test_submitting_twice_records_one_study_and_tells_the_managers(env, mint, webhook):
    rep = Client(env.app, mint, REP)
    doc_id = env.put("good", to_docx(GOOD))
    first = ok(rep.post("/addon/action/submit", file_id=doc_id))
    assert "Recorded in the tracker" in texts(first) and "email to the managers" in texts(first)
    assert webhook[1] and "Red Rock Drilling Pty Ltd" in webhook[1][-1]["text"]
    ok(rep.post("/addon/action/submit", file_id=doc_id))
    rows = env.rows()
    assert len(rows) == 1 and rows[0]["stage"] == "Submitted"


def test_a_rep_sees_no_decision_button_and_a_forged_decision_is_refused(env, mint):
    rep = Client(env.app, mint, REP)
    sid = submitted(env, rep)
    assert "/addon/action/decide" not in sidebar(rep)
    forged = rep.post("/addon/action/decide", host="SHEETS", file_id="tracker",
                      params={"study_id": sid, "decision": "Approved"})
    assert forged.status_code == 200  # Google's host shows only a 200: the rep reads why
    assert notification(forged.get_json()) == "Only managers can approve or reject a Desktop Study."
    assert env.rows()[0]["decision"] == ""


def test_a_manager_approves_a_waiting_study_from_the_sidebar(env, mint):
    manager = Client(env.app, mint, MANAGER)
    sid = submitted(env, Client(env.app, mint, REP))
    assert "Waiting for your decision" in sidebar(manager) and sid in sidebar(manager)
    decided = ok(manager.post("/addon/action/decide", host="SHEETS", file_id="tracker",
                              params={"study_id": sid, "decision": "Approved"}))
    assert "No study is waiting" in texts(decided)
    row = env.rows()[0]
    assert (row["stage"], row["decided_by"]) == ("Approved", MANAGER) and row["decided_at"]


def test_cs_take_an_approved_study_and_move_it_on(env, mint):
    cs = Client(env.app, mint, CS)
    sid = submitted(env, Client(env.app, mint, REP))
    ok(Client(env.app, mint, MANAGER).post("/addon/action/decide", host="SHEETS", file_id="tracker",
                                           params={"study_id": sid, "decision": "Approved"}))
    view = sidebar(cs)
    assert "Unassigned" in view and "/addon/action/decide" not in view
    ok(cs.post("/addon/action/assign", host="SHEETS", file_id="tracker", params={"study_id": sid},
               form={f"owner_{sid}": CS}))
    ok(cs.post("/addon/action/stage", host="SHEETS", file_id="tracker", params={"study_id": sid},
               form={f"stage_{sid}": "Scoping"}))
    row = env.rows()[0]
    assert (row["cs_owner"], row["stage"]) == (CS, "Scoping")


def test_the_scheduled_refresh_runs_only_for_app_engines_cron(env, mint):
    submitted(env, Client(env.app, mint, REP))
    http = env.app.test_client()
    assert http.post("/cron/refresh").status_code == 403
    refreshed = http.post("/cron/refresh", headers={"X-Appengine-Cron": "true"})
    assert refreshed.status_code == 200 and refreshed.get_json()["studies"] == 1


def test_submit_of_a_thin_doc_is_refused_with_reasons_and_records_nothing(env, mint):
    rep = Client(env.app, mint, REP)
    doc_id = env.put("thin", to_docx({**GOOD, "Business case": [("p", "TBD")]}))
    cards = ok(rep.post("/addon/action/submit", file_id=doc_id))
    assert "Submission refused" in texts(cards) and "Business case started" in texts(cards)
    assert "business_case" not in texts(cards)  # the rubric's label, never the criterion's id
    assert env.rows() == []


@pytest.mark.parametrize("case", ["missing", "forged", "expired", "wrong_audience", "wrong_account", "bad_issuer"])
def test_requests_that_are_not_from_google_get_401_and_do_nothing(env, mint, case):
    rep = Client(env.app, mint, REP)
    form = {"customer": "Intruder Co", "industry": "drilling"}
    path = "/addon/action/create"
    if case == "missing":
        response = rep.http.post(path, json={"commonEventObject": {"hostApp": "DOCS", "formInputs": {}}})
    else:
        token = {
            "forged": lambda: mint.token(ADDON_SA, BASE_URL + path, forged=True),
            "expired": lambda: mint.token(ADDON_SA, BASE_URL + path, expired=True),
            "wrong_audience": lambda: mint.token(ADDON_SA, "https://evil.example.com" + path),
            "wrong_account": lambda: mint.token("someone@evil.example.com", BASE_URL + path),
            "bad_issuer": lambda: mint.token(ADDON_SA, BASE_URL + path, issuer="https://evil.example.com"),
        }[case]()
        from tests.addon_env import event
        body = event(form=form, user_id_token=mint.token(REP, "addon-client"))
        response = rep.http.post(path, json=body, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    assert "Intruder" not in json.dumps(env.rows())
    if isinstance(env, Local):
        assert not (env.root / "Intruder Co").exists()


def test_malformed_events_from_google_get_a_clear_400_not_a_500(env, mint):
    http = env.app.test_client()
    _, headers = Client(env.app, mint, REP).prepare("/addon/docs/home")  # Google's system token, a bad body
    deep = "[" * 100_000 + "]" * 100_000  # deeper than Python's parser goes
    for body in ("null", "[]", '{"commonEventObject": "x"}', '{"commonEventObject": {"formInputs": {"a": 5}}}',
                 "not json", deep):
        response = http.post("/addon/docs/home", data=body, content_type="application/json", headers=headers)
        assert response.status_code == 400 and "Bad request" in json.dumps(response.get_json())


def test_a_stranger_is_refused_before_the_body_is_read_and_a_huge_body_is_never_read(env, mint):
    http = env.app.test_client()
    refused = http.post("/addon/docs/home", data="not even json", content_type="application/json")
    assert refused.status_code == 401 and refused.get_json() == {"error": "unauthenticated"}
    _, headers = Client(env.app, mint, REP).prepare("/addon/docs/home")
    huge = http.post("/addon/docs/home", data=b"{" * (1 << 20), content_type="application/json", headers=headers)
    assert huge.status_code == 413  # an event is a few kilobytes; a megabyte is refused unread


def test_bad_form_input_is_answered_with_the_form_and_the_problem(env, mint):
    rep = Client(env.app, mint, REP)
    cards = ok(rep.post("/addon/action/create", form={"customer": "", "industry": "drilling"}))
    assert "Customer: write the customer's name" in texts(cards) and "Create handover" in texts(cards)


def test_data_request_email_card(env, mint):
    rep = Client(env.app, mint, REP)
    cards = ok(rep.post("/addon/action/email", form={"customer": "Minera Andina", "industry": "mining"}))
    assert "project with your contractor" in texts(cards)


def test_healthz(env):
    assert env.app.test_client().get("/healthz").get_json()["status"] == "ok"


def test_missing_scopes_are_requested_the_documented_way(env, mint):
    rep = Client(env.app, mint, REP)
    body, headers = rep.prepare("/addon/docs/home", file_id="d")
    body["authorizationEventObject"]["authorizedScopes"] = ["https://www.googleapis.com/auth/userinfo.email"]
    response = rep.http.post("/addon/docs/home", json=body, headers=headers)
    assert response.get_json() == {"requesting_google_scopes": {"scopes": ["https://www.googleapis.com/auth/drive.file"]}}


def test_manifest_points_every_trigger_at_a_real_endpoint(env):
    from server.addon.manifest import render_manifest
    manifest = render_manifest("https://handover.example.com")
    assert manifest["addOns"]["httpOptions"] == {"authorizationHeader": "SYSTEM_ID_TOKEN", "granularOauthPermissionSupport": "OPT_IN"}
    assert set(manifest["oauthScopes"]) == {"https://www.googleapis.com/auth/userinfo.email",
                                            "https://www.googleapis.com/auth/drive.file"}
    routes = {r.rule for r in env.app.url_map.iter_rules()}
    urls = [t["runFunction"] for host in ("common", "docs", "sheets") for t in manifest["addOns"][host].values()
            if isinstance(t, dict) and "runFunction" in t]
    assert len(urls) == 5 and all(u.startswith("https://handover.example.com/") for u in urls)
    assert all(u.removeprefix("https://handover.example.com") in routes for u in urls)
    with pytest.raises(ValueError):
        render_manifest("http://insecure.example.com")


def test_a_bug_is_answered_with_a_card_a_person_can_read_and_logged_with_its_traceback(app, mint, monkeypatch,
                                                                                       caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")
    monkeypatch.setattr(flows, "check", broken)
    logging.getLogger("handover").addHandler(caplog.handler)  # logs.configure() stops propagation at "handover"
    try:
        response = Client(app, mint, REP).post("/addon/action/check", file_id="Manual/good.docx")
    finally:
        logging.getLogger("handover").removeHandler(caplog.handler)
    assert response.status_code == 200
    assert "Something went wrong" in texts(cards_in(response.get_json(), False))
    assert any(r.levelname == "ERROR" and r.exc_info and "a bug" in str(r.exc_info[1]) for r in caplog.records)


def test_reading_the_open_document_without_the_persons_own_access_is_refused_not_done_as_the_add_on(mint):
    with FakeGoogle() as fake:
        env = Google(fake, mint, "")
        doc_id = env.put("good", to_docx(GOOD))
        fake.reset_calls()
        body, headers = Client(env.app, mint, REP).prepare("/addon/action/check", file_id=doc_id, oauth_token="")
        response = env.app.test_client().post("/addon/action/check", json=body, headers=headers)
        assert response.status_code == 200
        assert "Google did not send your access to this document" in texts(cards_in(response.get_json(), False))
        assert fake.calls.get("docs.documents.get", 0) == 0


def test_the_rep_sees_where_the_study_stands_its_last_decision_and_its_history(env, mint):
    rep, manager = Client(env.app, mint, REP), Client(env.app, mint, MANAGER)
    doc_id = env.put("good", to_docx(GOOD))
    ok(rep.post("/addon/action/submit", file_id=doc_id))
    sid = env.rows()[0]["study_id"]
    home = texts(ok(rep.post("/addon/docs/home", file_id=doc_id), trigger=True))
    assert f"Study {sid}" in home and "Submitted" in home and "Withdraw submission" in home
    ok(manager.post("/addon/action/decide", host="SHEETS", file_id="tracker",
                    params={"study_id": sid, "decision": "Changes requested"},
                    form={f"reason_{sid}": "Add the CFO to the stakeholders"}))
    home = texts(ok(rep.post("/addon/docs/home", file_id=doc_id), trigger=True))
    assert "Changes requested" in home and "Add the CFO to the stakeholders" in home
    assert "Withdraw submission" not in home  # nothing waiting to withdraw
    ok(rep.post("/addon/action/submit", file_id=doc_id))  # resubmitted: the decision stays in the history
    history = ok(rep.post("/addon/action/history", file_id=doc_id, params={"study_id": sid}))
    events = [w["decoratedText"] for s in history[0]["sections"] for w in s["widgets"]]
    assert [e["text"] for e in events] == ["Resubmitted", "Changes requested", "Submitted"]  # newest first
    assert MANAGER in events[1]["topLabel"] and "Add the CFO to the stakeholders" in events[1]["bottomLabel"]
    assert "after 'Changes requested'" in events[0]["bottomLabel"]


def test_the_rep_withdraws_a_submission_and_only_the_submitter_can(env, mint):
    rep = Client(env.app, mint, REP)
    sid = submitted(env, rep)
    other = Client(env.app, mint, "someone.else@example.com")
    refused = other.post("/addon/action/withdraw", params={"study_id": sid})
    assert "Only whoever submitted" in notification(refused.get_json())
    assert env.rows()[0]["stage"] == "Submitted"
    done = rep.post("/addon/action/withdraw", file_id=env.rows()[0]["doc_id"], params={"study_id": sid})
    assert notification(done.get_json()) == f"{sid}: withdrawn"
    assert env.rows()[0]["stage"] == "Withdrawn"
    assert "Waiting for your decision" not in sidebar(Client(env.app, mint, MANAGER))


def test_a_manager_decides_with_the_context_one_approve_action_and_a_reason_asked_for_in_the_form(env, mint):
    from tests.handover_builder import set_field
    manager = Client(env.app, mint, MANAGER)
    doc_id = env.put("seven", to_docx(set_field(GOOD, "Number of rigs", "7")))
    ok(Client(env.app, mint, REP).post("/addon/action/submit", file_id=doc_id, form={"exception": "1"}))
    sid = env.rows()[0]["study_id"]
    cards = ok(manager.post("/addon/sheets/home", host="SHEETS", file_id="tracker"), trigger=True)
    shown = texts(cards)
    for needed in ("Enterprise", "AUD", f"submitted by {REP}", "Exception asked for",
                   "Reason (required to reject or request changes)"):
        assert needed in shown, needed
    labels = [b["text"] for w in cards[0]["sections"][0]["widgets"] for b in w.get("buttonList", {}).get("buttons", [])]
    assert "Approve exception" in labels and "Approve" not in labels  # one approve action for this case
    refused = manager.post("/addon/action/decide", host="SHEETS", file_id="tracker",
                           params={"study_id": sid, "decision": "Changes requested"}, form={f"reason_{sid}": "   "})
    assert "a reason is needed" in notification(refused.get_json())
    assert "Say why before choosing" in texts(cards_in(refused.get_json(), False))
    assert env.rows()[0]["stage"] == "Submitted"


def test_a_document_the_app_cannot_see_still_opens_on_its_scorecard(mint):
    """A rep's own handover outside the customers' drive: Drive refuses the app (404), the rep reads it."""
    with FakeGoogle() as fake:
        env = Google(fake, mint, "")
        doc_id = env.put("good", to_docx(GOOD))
        fake.fail_next(5, status=404, endpoint="drive.files.get")
        home = ok(Client(env.app, mint, REP).post("/addon/docs/home", file_id=doc_id), trigger=True)
        assert "100/100" in texts(home) and "Submit for Desktop Study" in texts(home)
