"""The CRM step: on submission the HubSpot deal named by the handover's CRM link moves into the
Desktop Study stage and gets a note with the links, through HubSpot's official client talking to
a local fake of the endpoints it calls (fake_hubspot); a CRM failure never blocks a submission."""
import pytest

from fake_hubspot import FakeHubSpot
from server import flows
from server.config import Config
from server.crm import HubSpotCrm, deal_id
from tests.handover_builder import GOOD, set_field, to_docx

REP = "sam.rep@example.com"
DEAL = "99812"  # the deal in GOOD's CRM link


@pytest.fixture
def hubspot():
    with FakeHubSpot() as fake:
        fake.add_deal(DEAL, stage="appointmentscheduled", name="Red Rock Drilling")
        yield fake


def submit(ws, hubspot, doc=GOOD, token=None, stage="desktopstudy"):
    path = ws.root / "Red Rock" / "handover.docx"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(to_docx(doc))
    crm = HubSpotCrm(token or hubspot.token, stage, host=hubspot.url, timeout=5)
    return flows.submit(ws, ws.doc_id(path), REP, crm=crm)


def test_a_submission_moves_the_deal_into_the_desktop_study_stage_with_a_note(ws, hubspot):
    result = submit(ws, hubspot)
    assert result.recorded and "CRM deal moved to Desktop Study, with a note" in result.notified
    assert hubspot.deals[DEAL]["dealstage"] == "desktopstudy"
    [note] = hubspot.notes
    assert note["deals"] == [DEAL] and result.study_id in note["properties"]["hs_note_body"]


@pytest.mark.parametrize("case, expected", [
    ("unknown deal", "not found in HubSpot"),
    ("wrong token", "refused the app's token"),
    ("stage not in the pipeline", "HANDOVER_HUBSPOT_STAGE"),
    ("no HubSpot link", "not a HubSpot deal link"),
])
def test_a_crm_failure_is_told_to_the_rep_and_the_study_is_recorded_all_the_same(ws, hubspot, case, expected):
    doc, token, stage = GOOD, None, "desktopstudy"
    if case == "unknown deal":
        doc = set_field(GOOD, "CRM deal link", "https://app.hubspot.com/contacts/4411/deal/1")
    elif case == "wrong token":
        token = "pat-revoked"
    elif case == "stage not in the pipeline":
        stage = "Desktop Study"  # the label, not the stage's internal id
    else:
        doc = set_field(GOOD, "CRM deal link", "https://crm.example.com/deals/99812")
    result = submit(ws, hubspot, doc, token, stage)
    assert result.recorded and ws.tracker.get(result.study_id)["stage"] == "Submitted"
    assert any(expected in e for e in result.notify_errors), result.notify_errors
    assert hubspot.deals[DEAL]["dealstage"] == "appointmentscheduled" and not hubspot.notes


def test_hubspot_busy_for_a_moment_is_retried(ws, hubspot):
    hubspot.fail_next = [503, 429]
    result = submit(ws, hubspot)
    assert not result.notify_errors and hubspot.deals[DEAL]["dealstage"] == "desktopstudy"


def test_the_crm_step_is_off_unless_a_token_and_a_stage_are_configured():
    assert HubSpotCrm.from_config(Config()) is None
    assert HubSpotCrm.from_config(Config(hubspot_token="pat-x")) is None
    assert isinstance(HubSpotCrm.from_config(Config(hubspot_token="pat-x", hubspot_stage="desktopstudy")), HubSpotCrm)


def test_deal_links_old_and_new():
    assert deal_id("https://app.hubspot.com/contacts/4411/deal/99812") == "99812"
    assert deal_id("https://app.hubspot.com/contacts/4411/record/0-3/99812/") == "99812"
    assert deal_id("https://app.hubspot.com/contacts/4411/record/0-1/55") == ""  # a contact, not a deal
    assert deal_id("") == ""
