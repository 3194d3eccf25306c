"""Defects a review found, each pinned by a test."""
import logging
import time

import pytest

from server import flows
from server.app import create_app
from server.config import Config
from server.validators.docx_reader import read_docx
from server.validators.fields import parse_count, segment_of
from server.validators.scorer import score_document
from tests.handover_builder import GOOD, handover, to_docx

MANAGERS = ("m@example.com",)


def put(ws, doc, where="Acme/PreSales/Desktop Study/DS Handover Doc/Acme.docx"):
    path = ws.root / where
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(to_docx(doc))
    return ws.doc_id(path)


def test_a_long_hyphenated_run_scores_in_linear_time():
    doc = handover(Business_case=GOOD["Business case"] + [("p", "a-" * 50_000 + "a"), ("p", "1-" * 50_000 + "1")])
    t0 = time.perf_counter()
    score_document(read_docx(to_docx(doc)))
    assert time.perf_counter() - t0 < 20  # was about two minutes (quadratic lookaheads)


def test_an_approved_study_cannot_be_resubmitted_over_its_decision(ws):
    doc_id = put(ws, GOOD)
    sid = flows.submit(ws, doc_id, "rep@example.com").study_id
    flows.decide(ws, sid, MANAGERS[0], "Approved", "", MANAGERS)
    with pytest.raises(flows.FlowError) as err:
        flows.submit(ws, doc_id, "rep@example.com", exception_request=True)
    assert err.value.status == 409
    row = ws.tracker.get(sid)
    assert (row["stage"], row["decision"], row["exception_requested"]) == ("Approved", "Approved", "")


def test_a_hand_typed_approved_stage_does_not_let_cs_start(ws):
    doc_id = put(ws, GOOD)
    sid = flows.submit(ws, doc_id, "rep@example.com").study_id
    ws.tracker.update({sid: {"stage": "Approved"}})  # typed in the sheet, no manager decision
    with pytest.raises(flows.FlowError):
        flows.move_stage(ws, sid, "cs@example.com", "Scoping", ("cs@example.com",))


def test_refresh_does_not_bring_back_a_deleted_row(ws, monkeypatch):
    import os
    doc_id = put(ws, GOOD)
    sid = flows.submit(ws, doc_id, "rep@example.com").study_id
    path = ws.path(doc_id)
    os.utime(path, (time.time() + 5, time.time() + 5))
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


@pytest.mark.parametrize("value,segment", [("SMB (mid-size contractor)", "SMB"), ("SMB, not Enterprise", "SMB"),
                                           ("Mid Market", "Mid-Market"), ("Enterprise (ANZ)", "Enterprise")])
def test_segment_is_the_one_named_first(value, segment):
    assert segment_of(value) == segment


@pytest.mark.parametrize("value,n", [("two (one per site)", 2), ("seven (three per shift)", 7), ("3 (DR12, DR15)", 3)])
def test_counts_are_the_number_written_first(value, n):
    assert parse_count(value) == n


def test_a_rejected_token_is_not_written_to_the_log(tmp_path):
    import io
    from server.logs import JsonFormatter
    from tests.addon_env import TokenMint
    mint = TokenMint()
    app = create_app(Config(mode="local", workspace=str(tmp_path), addon_service_account="sa@example.com",
                            public_base_url="https://h.example.com", certs_url=mint.certs_url))
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(JsonFormatter())
    logging.getLogger("handover").addHandler(handler)
    secret = "ya29.a0AfB_SECRET_USER_ACCESS_TOKEN_abcdef"
    try:
        app.test_client().post("/addon/docs/home", json={"commonEventObject": {"hostApp": "DOCS"}},
                               headers={"Authorization": f"Bearer {secret}"})
    finally:
        logging.getLogger("handover").removeHandler(handler)
        mint.stop()
    assert "token rejected (malformed)" in out.getvalue() and "SECRET" not in out.getvalue()


def test_google_mode_refuses_to_start_half_configured():
    with pytest.raises(ValueError, match="HANDOVER_OAUTH_CLIENT_ID"):
        create_app(Config(mode="google", public_base_url="https://h.example.com", addon_service_account="sa@x"))
    with pytest.raises(ValueError, match="LOCAL_AUTH"):
        create_app(Config(mode="google", public_base_url="https://h", addon_service_account="sa", oauth_client_id="c",
                          local_auth=True))


def test_a_document_outside_the_handover_folder_gets_metadata_not_a_crash(ws):
    doc_id = put(ws, GOOD, where="loose.docx")
    made = ws.handover(doc_id)
    assert made.folder_url.startswith(ws.root.as_uri())
