"""Who hears what, and when (server/notices.py, server/notify.py), read from the emails as people
receive them (the local outbox) and the chat lines the team's channel gets: managers on a
submission, the submitter on every decision with its reason, CS on approval, the submitter as CS
take it on; reminders once a day per person; every email complete whatever the handover left out.
"""
import email
import re
from datetime import datetime, timedelta, timezone
from email.policy import default

import openpyxl
import pytest

from server import flows, notices
from server.notify import Notifier
from tests.handover_builder import GOOD, set_field, to_docx

MANAGER, OTHER_MANAGER = "maria.manager@example.com", "li.manager@example.com"
MANAGERS = (MANAGER, OTHER_MANAGER)
CS, CS_LIST, REP = "chris.cs@example.com", ("cs-team@example.com",), "sam.rep@example.com"
TEAM = (CS, MANAGER, OTHER_MANAGER)


class Chat:
    def __init__(self):
        self.lines = []


@pytest.fixture
def notifier(ws, monkeypatch):
    chat = Chat()
    sender = Notifier(webhook="https://hooks.slack.example/T000/B000", outbox=ws.root / "outbox",
                      managers=MANAGERS, cs_emails=CS_LIST)
    monkeypatch.setattr(Notifier, "_post", lambda self, text: chat.lines.append(text))
    sender.chat = chat
    return sender


def inbox(ws) -> list[email.message.EmailMessage]:
    """Every email sent so far, oldest first."""
    files = sorted((ws.root / "outbox").glob("*.eml")) if (ws.root / "outbox").exists() else []
    return [email.message_from_bytes(f.read_bytes(), policy=default) for f in files]


def received_by(ws, person: str) -> list[email.message.EmailMessage]:
    return [m for m in inbox(ws) if person in m["To"]]


def text(message) -> str:
    """The plain-text part, as a mail reader without HTML shows it."""
    return message.get_body(("plain",)).get_content()


def subject(message) -> str:
    return str(message["Subject"]).strip()  # a long subject is folded onto a second header line


def put(ws, doc) -> str:
    path = ws.root / "Red Rock" / "handover.docx"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(to_docx(doc))
    return ws.doc_id(path)


def test_a_study_goes_round_and_each_person_hears_what_they_need(ws, notifier):
    doc_id = put(ws, set_field(GOOD, "Number of rigs", "7"))
    sid = flows.submit(ws, doc_id, REP, exception_request=True, notifier=notifier).study_id
    to_managers = received_by(ws, MANAGER)[-1]
    assert OTHER_MANAGER in to_managers["To"] and REP not in to_managers["To"]
    assert subject(to_managers).startswith("Decision needed:") and sid in subject(to_managers)
    body = text(to_managers)
    for needed in ("Deal size: AUD", "Segment: Enterprise", "Score: ", "Exception asked for: rigs",
                   "Handover: ", "You cannot decide a study you submitted"):
        assert needed in body, needed
    assert notifier.chat.lines[-1].startswith("Desktop Study submitted:")

    flows.decide(ws, sid, MANAGER, "Changes requested", "Name the CFO in the stakeholders", MANAGERS, notifier=notifier)
    to_rep = received_by(ws, REP)[-1]
    assert subject(to_rep).startswith("Changes requested:")
    assert "Reason: Name the CFO in the stakeholders" in text(to_rep)
    assert "submit it again" in text(to_rep)
    assert not received_by(ws, CS_LIST[0])  # nothing for CS until it is approved

    flows.submit(ws, doc_id, REP, exception_request=True, notifier=notifier)
    again = received_by(ws, MANAGER)[-1]
    assert "resubmitted" in subject(again)
    assert "What changed: " in text(again) and "after 'Changes requested'" in text(again)

    flows.decide(ws, sid, OTHER_MANAGER, "Exception approved", "Board wants all 7 rigs", MANAGERS, notifier=notifier)
    assert subject(received_by(ws, REP)[-1]).startswith("Exception approved:")
    to_cs = received_by(ws, CS_LIST[0])[-1]
    assert subject(to_cs).startswith("To assign:") and "Manager's note: Board wants all 7 rigs" in text(to_cs)
    assert "needs a CS owner" in notifier.chat.lines[-1]

    flows.assign_owner(ws, sid, CS, CS, TEAM, notifier=notifier)
    assert f"owned by {CS}" in subject(received_by(ws, REP)[-1])
    flows.move_stage(ws, sid, CS, "Scoping", TEAM, MANAGERS, notifier=notifier)
    assert "now Scoping" in subject(received_by(ws, REP)[-1])


def test_a_manager_who_submits_is_not_asked_to_decide_their_own_study(ws, notifier):
    flows.submit(ws, put(ws, GOOD), MANAGER, notifier=notifier)
    assert [m["To"] for m in inbox(ws)] == [OTHER_MANAGER]


def test_a_decision_picked_in_the_sheet_is_heard_of_as_one_from_the_sidebar(ws, notifier):
    sid = flows.submit(ws, put(ws, GOOD), REP).study_id
    book = openpyxl.load_workbook(ws.tracker.path)
    decision_column = flows.tracker_layout().index("decision") + 1
    book["Studies"].cell(row=2, column=decision_column).value = "Approved"
    book.properties.lastModifiedBy = MANAGER
    book.save(ws.tracker.path)
    assert flows.refresh(ws, MANAGERS, notifier=notifier).decided == [sid]
    assert subject(received_by(ws, REP)[-1]).startswith("Approved:")
    assert subject(received_by(ws, CS_LIST[0])[-1]).startswith("To assign:")


def ago(days: int) -> str:
    return (datetime.now(timezone.utc) - timedelta(days=days)).isoformat(timespec="seconds")


def test_reminders_come_as_one_digest_per_person_once_a_day(ws, notifier):
    ws.tracker.update({
        "DS-1": {"customer": "Red Rock", "stage": "Submitted", "submitted_at": ago(10), "submitted_by": REP},
        "DS-2": {"customer": "Blue Hole", "stage": "Submitted", "submitted_at": ago(12), "submitted_by": MANAGER},
        "DS-3": {"customer": "Deep Core", "stage": "Submitted", "submitted_at": ago(0), "submitted_by": REP},
        "DS-4": {"customer": "Iron Vale", "stage": "Approved", "decision": "Approved", "decided_at": ago(9)},
    })
    result = flows.refresh(ws, MANAGERS, notifier=notifier, remind_after_days=2)
    assert sorted(result.reminded) == sorted([f"reminder to {MANAGER}", f"reminder to {OTHER_MANAGER}",
                                              "reminder to CS"])
    mine = text(received_by(ws, MANAGER)[-1])
    assert "Red Rock (DS-1)" in mine and "Blue Hole" not in mine and "Deep Core" not in mine  # not their own
    theirs = received_by(ws, OTHER_MANAGER)[-1]
    assert subject(theirs) == "Waiting on you to decide: Red Rock, Blue Hole (2 Desktop Studies)"
    assert "Iron Vale (DS-4)" in text(received_by(ws, CS_LIST[0])[-1])
    sent = len(inbox(ws))
    assert flows.refresh(ws, MANAGERS, notifier=notifier).reminded == []  # the next run, the same day
    assert len(inbox(ws)) == sent


def test_working_days_skip_the_weekend():
    friday = "2026-12-04T09:00:00+00:00"
    assert notices.working_days(friday, datetime(2026, 12, 7).date()) == 1  # Monday
    assert notices.working_days(friday, datetime(2026, 12, 6).date()) == 0  # Sunday
    assert notices.working_days("not a time", datetime(2026, 12, 6).date()) is None


FULL = {"study_id": "DS-1", "customer": "Red Rock", "segment": "Enterprise", "deal_size": "180,000", "currency": "AUD",
        "rep": "Sam Patel", "score": "88", "readiness": "Ready", "failed_criteria": "stakeholders",
        "exception_requested": "rigs", "industry": "drilling", "region": "Western Australia",
        "presentation_date": "March", "doc_link": "https://docs.google.com/document/d/x/edit",
        "presales_link": "https://drive.google.com/drive/folders/y", "crm_link": "https://app.hubspot.com/deal/1",
        "stage": "Approved", "cs_owner": CS, "decision": "Approved", "decision_reason": "Fine",
        "decided_by": MANAGER, "submitted_by": REP}
# a placeholder, template syntax, a Python None, a label with nothing after it, empty brackets or quotes
LEFT_OVER = re.compile(r"\[[^\]]*\]|\{\{|\}\}|\{%|None\b|^\w[\w ']{0,25}:[ \t]*$|\(\s*\)|“”|\"\"", re.MULTILINE)


def every_notice(record: dict) -> list[notices.Notice]:
    before = {**record, "stage": "Approved", "cs_owner": ""}
    waiting = {**record, "stage": "Submitted", "submitted_at": "2026-11-02T09:00:00+00:00", "reminded_at": ""}
    late = notices.overdue([waiting], datetime(2026, 11, 9).date(), 2)
    late["owner"] = [{**late["decision"][0], "days": 1}]
    return (notices.submitted(record, REP, MANAGERS) + notices.submitted(record, REP, MANAGERS, "score 70 → 88")
            + notices.decided(record, CS_LIST) + notices.decided({**record, "decision": "Rejected"}, CS_LIST)
            + notices.progressed(before, record) + notices.progressed({**record, "stage": "Scoping"}, record)
            + notices.reminders(late, MANAGERS, CS_LIST))


@pytest.mark.parametrize("missing", [None] + [k for k in FULL if k != "study_id"])
def test_no_email_leaves_a_placeholder_or_an_empty_line_whatever_field_is_missing(missing):
    record = {k: v for k, v in FULL.items() if k != missing}
    for notice in every_notice(record):
        for text in (notice.subject, notice.body, notice.chat):
            assert not LEFT_OVER.search(text), (missing, notice.label, text)
        assert notice.subject and "\n\n\n" not in notice.body


@pytest.mark.parametrize("industry", ["drilling", "mining"])
@pytest.mark.parametrize("given", [{}, {"rep": "Sam Patel", "contact": "Jo", "signup_url": "https://coreplan.io/s"}])
def test_the_data_request_email_is_complete_with_or_without_the_optional_fields(industry, given):
    from server.generators.emails import data_request_email
    text = data_request_email(industry, "Red Rock", **given)
    assert not LEFT_OVER.search(text.partition("\n\n")[2]), text
    assert "link to follow" not in text and not text.rstrip().endswith("Many thanks,")


def test_every_email_has_an_html_part_with_its_links_as_links_and_the_ask_set_apart():
    """What a mail reader shows: the same words as the text part, facts in a table, addresses
    as links, the customer's name escaped, and the line that asks something highlighted."""
    from html.parser import HTMLParser

    class Page(HTMLParser):
        def __init__(self):
            super().__init__()
            self.links, self.words, self.asks, self._in_ask = [], [], [], False

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "a":
                self.links.append(attrs["href"])
            self._in_ask = self._in_ask or "border-left" in attrs.get("style", "")

        def handle_endtag(self, tag):
            if tag == "p":
                self._in_ask = False

        def handle_data(self, data):
            self.words.append(data)
            if self._in_ask:
                self.asks.append(data)

    record = {**FULL, "customer": "Red Rock <Drilling> & Sons"}
    for notice in every_notice(record):
        page = Page()
        page.feed(notice.html)
        shown = " ".join(" ".join(page.words).split())
        assert "Red Rock <Drilling> & Sons" in shown or "Red Rock" not in notice.body, notice.label
        assert "<Drilling>" not in notice.html  # escaped, never markup
        for url in re.findall(r"https://\S+", notice.body):
            assert url.rstrip(".,)") in page.links, (notice.label, url)
        if "→ " in notice.body:
            assert page.asks, notice.label


@pytest.mark.parametrize("notice_index, asked", [
    (0, "Decision needed"), (2, "nothing for you to do"), (3, "needs a CS owner"), (4, "see why"),
    (5, "for your information"), (7, "Waiting on you to decide"), (9, "Waiting on you to assign an owner")])
def test_subjects_say_the_customer_what_happened_and_what_is_asked(notice_index, asked):
    notice = every_notice(FULL)[notice_index]
    assert FULL["customer"] in notice.subject and asked in notice.subject, notice.subject


def test_a_sent_email_carries_both_parts(ws, notifier):
    flows.submit(ws, put(ws, GOOD), REP, notifier=notifier)
    message = received_by(ws, MANAGER)[-1]
    assert message.get_content_type() == "multipart/alternative"
    html = message.get_body(("html",)).get_content()
    assert "<a href=" in html and "Decision needed" in html and "Decide from the tracker" in html
