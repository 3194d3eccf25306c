"""The sidebar's cards: what reps, CS and managers see. Built from the cards module only."""
from __future__ import annotations

from ..flows import SubmitResult
from ..generators.deal import INDUSTRIES
from ..generators.tracker_layout import tracker_layout
from ..validators.scorecard import Scorecard
from ..workspace.base import Handover
from . import cards as c

STATUS_ICON = {"ok": "STAR", "thin": "DESCRIPTION", "generic": "DESCRIPTION", "empty": "DESCRIPTION",
               "missing": "DESCRIPTION"}
MAX_STUDIES = 10  # per list in the Sheets sidebar; the tracker holds the rest
MAX_FINDINGS = 6


class Urls:
    """Absolute URLs of our endpoints (Google calls these when a button is clicked)."""

    def __init__(self, base: str):
        self.base = base.rstrip("/")

    def action(self, name: str) -> str:
        return f"{self.base}/addon/action/{name}"


# --- Docs -----------------------------------------------------------------------------------

def create_form(urls: Urls, customer: str = "") -> dict:
    industries = [(label, key) for key, label in INDUSTRIES.items()]
    return c.section([
        c.text("Copies the Desktop Study template into the customer's PreSales/Desktop Study folder "
               "(made if missing) with these fields filled in."),
        c.text_input("customer", "Customer", value=customer),
        c.dropdown("industry", "Industry", industries, selected="drilling"),
        c.dropdown("segment", "Segment", [("Enterprise", "Enterprise"), ("Mid-Market", "Mid-Market"), ("SMB", "SMB")],
                   selected="Enterprise"),
        c.text_input("deal_size", "Deal size", hint="e.g. 120000"),
        c.text_input("currency", "Currency", value="AUD"),
        c.text_input("crm_link", "CRM deal link", hint="https://..."),
        c.text_input("region", "Region"),
        c.text_input("rigs", "Rigs in the study", hint="at most 5 without an exception"),
        c.text_input("projects", "Projects in the study", hint="at most 1 without an exception"),
        c.buttons(c.button("Create handover", urls.action("create"), filled=True),
                  c.button("Data-request email", urls.action("email"))),
    ], header="Create handover")


def docs_home(urls: Urls, has_file_scope: bool, note: str = "") -> dict:
    check = [c.text(note)] if note else []
    if not has_file_scope:
        check.append(c.text("To check this document, allow the add-on to read it."))
        check.append(c.buttons(c.button("Allow access to this document", urls.action("grant"))))
    else:
        check.append(c.buttons(c.button("Check this document", urls.action("check"))))
    return c.card("Desktop Study handover", [create_form(urls), c.section(check, header="This document")])


def scorecard_card(card: Scorecard, urls: Urls, title: str = "") -> dict:
    verdict = "Ready to submit" if card.ready else "Not ready yet"
    summary = c.section([
        c.decorated(f"{card.score}/100", top="Score", bottom=verdict, icon="STAR" if card.ready else "DESCRIPTION"),
        c.buttons(c.button("Check again", urls.action("check")),
                  c.button("Submit for Desktop Study", urls.action("submit"), filled=True)),
    ])
    sections = c.section([c.decorated(s.title, top=f"{s.score}/100 - {s.status}", icon=STATUS_ICON.get(s.status, ""))
                          for s in card.sections], header="Sections", collapsible=True, uncollapsible=3)
    findings = c.section([c.decorated(f.message, top=f"{f.section} ({f.severity})",
                                      bottom=("Instead: " + f.suggestion) if f.suggestion else "")
                          for f in card.findings[:MAX_FINDINGS]] or [c.text("Nothing to fix.")],
                         header=f"What to fix ({len(card.findings)} findings, worst first)")
    criteria = c.section([c.decorated(cr.evidence, top=f"{'Pass' if cr.passed else 'FAIL'}: {cr.id}")
                          for cr in card.criteria], header="Acceptance criteria", collapsible=True, uncollapsible=4)
    return c.card(title or "Handover scorecard", [summary, findings, criteria, sections], subtitle=verdict)


def submit_card(result: SubmitResult, urls: Urls) -> dict:
    if not result.recorded:
        widgets = [c.text("Not submitted. Fix these, then submit again:")]
        widgets += [c.decorated(r, icon="DESCRIPTION") for r in result.reasons[:12]]
        failed = set(result.card.failed_criteria())
        if failed and failed <= {"rigs", "projects"}:
            widgets.append(c.text("Over the rig or project limit on purpose? Ask a manager for an exception."))
            widgets.append(c.buttons(c.button("Submit as an exception request", urls.action("submit"), exception="1")))
        widgets.append(c.buttons(c.button("Check again", urls.action("check"))))
        return c.card("Submission refused", [c.section(widgets)], subtitle=f"Score {result.card.score}/100")
    r = result.record
    widgets = [c.decorated(result.study_id, top="Recorded in the tracker", bottom=f"Stage: {r.get('stage', '')}"),
               c.decorated(f"{r.get('score')}/100", top="Score", bottom=r.get("readiness", ""))]
    if result.exception:
        widgets.append(c.text("Exception requested for: " + ", ".join(result.exception) + ". A manager decides."))
    if result.notified:
        widgets.append(c.text("Sent: " + ", ".join(result.notified)))
    if result.notify_errors:
        widgets.append(c.text("Not sent (the study is recorded; tell CS yourself): " + ", ".join(result.notify_errors)))
    return c.card("Submitted for Desktop Study", [c.section(widgets)])


def created_card(made: Handover, urls: Urls) -> dict:
    verb = "Created" if made.created else "Already there"
    widgets = [c.decorated(made.name, top=verb),
               c.buttons(c.link_button("Open the handover", made.url), c.link_button("PreSales folder", made.folder_url))]
    return c.card("Handover ready", [c.section(widgets), create_form(urls)])


def email_card(industry: str, customer: str, email: str) -> dict:
    return c.card("Data-request email", [c.section([c.text(f"For {customer} ({INDUSTRIES[industry].lower()}): "
                                                            "copy and send.")]),
                                         c.section([c.text(email)])])


def message_card(title: str, message: str) -> dict:
    return c.card(title, [c.section([c.text(message)])])


# --- Sheets (the tracker) -------------------------------------------------------------------

def study_line(r: dict) -> dict:
    return c.decorated(f"{r.get('customer', '')} - {r.get('score', '')}/100",
                       top=f"{r.get('study_id', '')} - {r.get('stage', '')}",
                       bottom=" ".join(x for x in (r.get("rep", ""), r.get("failed_criteria", "")) if x))


def manager_sections(studies: list[dict], urls: Urls) -> list[dict]:
    waiting = [r for r in studies if r.get("stage") == "Submitted"]
    sections = []
    for r in waiting[:MAX_STUDIES]:
        sid = r["study_id"]
        actions = [c.button("Approve", urls.action("decide"), filled=True, study_id=sid, decision="Approved"),
                   c.button("Request changes", urls.action("decide"), study_id=sid, decision="Changes requested"),
                   c.button("Reject", urls.action("decide"), study_id=sid, decision="Rejected")]
        if r.get("exception_requested"):
            actions.insert(1, c.button("Approve exception", urls.action("decide"), study_id=sid,
                                       decision="Exception approved"))
        sections.append(c.section([study_line(r), c.text_input(f"reason_{sid}", "Reason (required to reject)"),
                                   c.buttons(*actions)], header="Waiting for your decision"))
    if not waiting:
        sections.append(c.section([c.text("No study is waiting for a decision.")], header="Decisions"))
    elif len(waiting) > MAX_STUDIES:
        sections.append(c.section([c.text(f"{len(waiting) - MAX_STUDIES} more in the tracker.")]))
    return sections


def cs_sections(studies: list[dict], team: tuple[str, ...], urls: Urls) -> list[dict]:
    layout = tracker_layout()
    active = [r for r in studies if r.get("stage") in ("Approved", *layout.cs_stages) and r.get("stage") != "Closed"]
    active.sort(key=lambda r: (bool(r.get("cs_owner")), r.get("submitted_at", "")))  # unassigned first
    sections = []
    owners = [(p, p) for p in team]
    for r in active[:MAX_STUDIES]:
        sid = r["study_id"]
        sections.append(c.section([
            study_line(r),
            c.dropdown(f"owner_{sid}", "CS owner", [("Unassigned", "")] + owners, selected=r.get("cs_owner", "")),
            c.dropdown(f"stage_{sid}", "Stage", [(s, s) for s in layout.cs_stages], selected=r.get("stage", "")),
            c.buttons(c.button("Assign", urls.action("assign"), study_id=sid),
                      c.button("Move stage", urls.action("stage"), study_id=sid)),
        ], header="Unassigned" if not r.get("cs_owner") else f"Owner: {r.get('cs_owner')}"))
    if not active:
        sections.append(c.section([c.text("No approved study to work on.")], header="CS"))
    return sections


def tracker_home(studies: list[dict], role: str, team: tuple[str, ...], urls: Urls) -> dict:
    if role == "manager":
        body = manager_sections(studies, urls) + cs_sections(studies, team, urls)
    elif role == "cs":
        body = cs_sections(studies, team, urls)
    else:
        body = [c.section([c.text("Managers decide and CS assign studies here. "
                                  f"{len(studies)} studies in the tracker.")])]
    return c.card("Desktop Study tracker", body, subtitle=f"{len(studies)} studies")
