"""The sidebar's cards: what reps, CS and managers see (the scorecard and Submit's answer are in
scorecard_screens.py). Built from the cards module only."""
from __future__ import annotations

from ..generators.deal import INDUSTRIES, Deal, field_label, scope_exceptions, scope_limit
from .. import stage_rules
from ..tracker_layout import tracker_layout
from ..rubric import load_rubric
from ..workspace.base import Handover
from . import cards as c

MAX_STUDIES = 10  # per list in the Sheets sidebar; the tracker holds the rest


class Urls:
    """Absolute URLs of our endpoints (Google calls these when a button is clicked)."""

    def __init__(self, base: str):
        self.base = base.rstrip("/")

    def action(self, name: str) -> str:
        return f"{self.base}/addon/action/{name}"


# --- Docs -----------------------------------------------------------------------------------

def create_form(urls: Urls, values: dict | None = None, problems: dict | None = None,
                header: str = "Create handover", collapsed: bool = False) -> dict:
    """The create form with what the rep typed (`values`, from the event's formInputs) kept, each
    problem in red above its field, and a note above rigs or projects over the rubric's limits."""
    values, problems = values or {}, problems or {}
    notes = scope_exceptions(values)
    widgets = []
    if problems:
        widgets.append(c.text(c.coloured(f"Not created yet: {len(problems)} to fix below. Everything you typed is kept.",
                                         c.RED, strong=True), raw=True))
    widgets.append(c.text("Copies the Desktop Study template into the customer's PreSales/Desktop Study folder "
                          "(made if missing) with these fields filled in."))
    for key, field in form_fields(values):
        if key in problems:
            widgets.append(c.text(c.coloured(problems[key], c.RED), raw=True))
        elif key in notes:
            widgets.append(c.text(c.coloured(notes[key], c.AMBER), raw=True))
        widgets.append(field)
    widgets.append(c.buttons(c.button("Create handover", urls.action("create"), filled=True),
                             c.button("Data-request email", urls.action("email"))))
    return c.section(widgets, header=header, collapsible=collapsed, uncollapsible=0)


def form_fields(values: dict) -> list[tuple[str, dict]]:
    """(field key, input) in form order, labelled as the deal table labels them."""
    industries = [(label, key) for key, label in INDUSTRIES.items()]
    segments = [(s, s) for s in load_rubric().segments]
    return [
        ("customer", typed("customer", values)),
        ("industry", c.dropdown("industry", field_label("industry"), industries,
                                selected=values.get("industry") or industries[0][1])),
        ("segment", c.dropdown("segment", field_label("segment"), segments,
                               selected=values.get("segment") or segments[0][1])),
        ("deal_size", typed("deal_size", values, hint="e.g. AUD 150,000, $150k or €80k")),
        ("currency", typed("currency", values, hint="For an amount typed without one", default="AUD")),
        ("crm_link", typed("crm_link", values, hint="https://...")),
        ("region", typed("region", values)),
        ("rigs", typed("rigs", values, hint=f"At most {scope_limit('rigs')} without a manager's exception")),
        ("projects", typed("projects", values, hint=f"At most {scope_limit('projects')} without a manager's exception")),
    ]


def typed(key: str, values: dict, hint: str = "", default: str = "") -> dict:
    """A text input showing what the rep typed (or `default` on a fresh form)."""
    return c.text_input(key, field_label(key), value=values.get(key, default), hint=hint)


def docs_home(urls: Urls, has_file_scope: bool, note: str = "", values: dict | None = None,
              problems: dict | None = None) -> dict:
    """The Docs home: this document first (Allow access stays above the fold), then the create form."""
    check = [c.text(note)] if note else []
    if not has_file_scope:
        check.append(c.text("To check this document, allow the add-on to read it."))
        check.append(c.buttons(c.button("Allow access to this document", urls.action("grant"), filled=True)))
    else:
        check.append(c.buttons(c.button("Check this document", urls.action("check"))))
    return c.card("Desktop Study handover", [c.section(check, header="This document"),
                                             create_form(urls, values, problems)])


def created_card(made: Handover, deal: Deal, urls: Urls) -> dict:
    """What Create did, honestly: a copy of the template with the deal table's fields filled in
    (or the handover already there, untouched), what is still blank, and any exception it will need."""
    if made.created:
        title, lead = "Handover created", "Handover created from the template: fill every section, then Check."
    else:
        title, lead = "Handover already exists", ("This customer already has a handover; it was left as it was. "
                                                  "Open it, fill every section, then Check.")
    widgets = [c.text(lead)]
    widgets += [c.text(c.coloured(note, c.AMBER, strong=True), raw=True) for note in deal.exceptions().values()]
    widgets += [c.decorated(made.name, top="Document"),
                c.buttons(c.link_button("Open the handover", made.url), c.link_button("PreSales folder", made.folder_url))]
    sections = [c.section(widgets)]
    if made.created:
        values = deal.field_values()
        rows = load_rubric().fields
        filled = [c.esc(f"{f.label}: {values[f.key]}") for f in rows if values.get(f.key)]
        blank = [f.label for f in rows if not values.get(f.key)]
        sections.append(c.section([c.text(c.lines(*filled), raw=True),
                                   c.text("Still blank: " + ", ".join(blank) + ".") if blank else None],
                                  header="Deal table filled in"))
    sections.append(create_form(urls, header="Create another handover", collapsed=True))
    return c.card(title, sections, subtitle=deal.customer)


def email_card(industry: str, customer: str, email: str) -> dict:
    return c.card("Data-request email", [c.section([c.text(f"For {customer} ({INDUSTRIES[industry].lower()}): "
                                                            "copy and send.")]),
                                         c.section([c.text(email)])])


def message_card(title: str, message: str) -> dict:
    return c.card(title, [c.section([c.text(message)])])


# --- Sheets (the tracker) -------------------------------------------------------------------

def study_line(r: dict) -> dict:
    failed = criteria_labels(r.get("failed_criteria", ""))
    return c.decorated(f"{r.get('customer', '')} - {r.get('score', '')}/100",
                       top=f"{r.get('study_id', '')} - {r.get('stage', '')}",
                       bottom=" · ".join(x for x in (r.get("rep", ""), "Fails: " + failed if failed else "") if x))


def criteria_labels(ids: str) -> str:
    """The tracker's 'business_case, timelines' as people read it: 'Business case started; Timelines with dates'."""
    rubric = load_rubric()
    return "; ".join(rubric.criterion_label(i.strip()) for i in ids.split(",") if i.strip())


def manager_sections(studies: list[dict], urls: Urls, problems: dict | None = None,
                     typed: dict | None = None) -> list[dict]:
    """Each study waiting for a decision with what a manager needs to decide it, one approve
    action (Approve exception when one was asked), and the reason field; `problems` (study id ->
    what is wrong) shown in red above the field, with what was typed (`typed`) kept."""
    workflow = tracker_layout().workflow
    problems, typed = problems or {}, typed or {}
    waiting = [r for r in studies if r.get("stage") == workflow.submitted]
    sections = []
    for r in waiting[:MAX_STUDIES]:
        sid = r["study_id"]
        approve = workflow.exception if r.get("exception_requested") else workflow.approved
        actions = [c.button(label, urls.action("decide"), filled=decision == approve, study_id=sid, decision=decision)
                   for decision, label in workflow.buttons.items()
                   if decision == approve or decision not in workflow.approving]
        widgets = decision_context(r)
        if sid in problems:
            widgets.append(c.text(c.coloured(problems[sid], c.RED, strong=True), raw=True))
        need = " or ".join(workflow.buttons[d].lower() for d in workflow.need_reason)  # "reject or request changes"
        widgets += [c.text_input(f"reason_{sid}", f"Reason (required to {need})", value=typed.get(sid, ""),
                                 multiline=True),
                    c.buttons(*actions)]
        sections.append(c.section(widgets, header="Waiting for your decision"))
    if not waiting:
        sections.append(c.section([c.text("No study is waiting for a decision.")], header="Decisions"))
    elif len(waiting) > MAX_STUDIES:
        sections.append(c.section([c.text(f"{len(waiting) - MAX_STUDIES} more in the tracker.")]))
    return sections


def decision_context(r: dict) -> list[dict]:
    """What a manager reads before deciding: the deal, who submitted it and when, the score and
    what fails, the exception asked, how long it has waited, and the links."""
    deal = " · ".join(p for p in (" ".join(x for x in (r.get("currency", ""), r.get("deal_size", "")) if x),
                                  r.get("segment", ""), r.get("rep", "")) if p)
    out = [c.decorated(r.get("customer", "") or r["study_id"], top=r["study_id"], bottom=deal)]
    waited = r.get("days_waiting", "")
    out.append(c.decorated(f"{r.get('score', '')}/100 · {r.get('readiness', '')}", top="Score",
                           bottom=" · ".join(p for p in (
                               f"submitted by {r['submitted_by']}" if r.get("submitted_by") else "",
                               f"{r['submitted_at'][:10]}" if r.get("submitted_at") else "",
                               f"waiting {waited} day{'' if waited == '1' else 's'}" if waited != "" else "") if p)))
    failed = criteria_labels(r.get("failed_criteria", ""))
    if failed:
        out.append(c.decorated(failed, top="Criteria not met"))
    if r.get("exception_requested"):
        out.append(c.text(c.coloured("Exception asked for: " + criteria_labels(r["exception_requested"]), c.AMBER,
                                     strong=True), raw=True))
    links = [c.link_button(label, r[key]) for key, label in (("doc_link", "Open the handover"),
                                                             ("snapshot_link", "Submitted version"),
                                                             ("crm_link", "CRM deal"))
             if str(r.get(key, "")).startswith("https://")]
    if links:
        out.append(c.buttons(*links))
    return out


def cs_sections(studies: list[dict], team: tuple[str, ...], urls: Urls, manager: bool = False) -> list[dict]:
    """The approved studies to assign and move on (and, for a manager, the closed ones to reopen),
    each with the stages this person may move it to now (stage_rules.py)."""
    layout = tracker_layout()
    workflow = layout.workflow
    active = [r for r in studies if r.get("stage") in (workflow.approved, *layout.cs_stages)
              and (manager or r.get("stage") != workflow.closed)]
    active.sort(key=lambda r: (bool(r.get("cs_owner")), r.get("submitted_at", "")))  # unassigned first
    sections = []
    owners = [(p, p) for p in team]
    for r in active[:MAX_STUDIES]:
        sid = r["study_id"]
        sections.append(c.section([
            study_line(r),
            c.dropdown(f"owner_{sid}", "CS owner", [("Unassigned", "")] + owners, selected=r.get("cs_owner", "")),
            *_stage_widgets(r, manager, urls),
        ], header="Unassigned" if not r.get("cs_owner") else f"Owner: {r.get('cs_owner')}"))
    if not active:
        sections.append(c.section([c.text("No approved study to work on.")], header="CS"))
    return sections


def _stage_widgets(record: dict, manager: bool, urls: Urls) -> list[dict]:
    """The Assign button, and the stage dropdown with the moves allowed now (or why there are none)."""
    sid, allowed = record["study_id"], stage_rules.moves(record, manager)
    assign = c.button("Assign", urls.action("assign"), study_id=sid)
    if not allowed:
        return [c.text("Assign an owner to move it on." if not record.get("cs_owner") else "No stage to move to."),
                c.buttons(assign)]
    return [c.dropdown(f"stage_{sid}", "Move to", [(s, s) for s in allowed], selected=allowed[0]),
            c.buttons(assign, c.button("Move stage", urls.action("stage"), study_id=sid))]


def tracker_home(studies: list[dict], role: str, team: tuple[str, ...], urls: Urls, problems: dict | None = None,
                 typed: dict | None = None) -> dict:
    if role == "manager":
        body = manager_sections(studies, urls, problems, typed) + cs_sections(studies, team, urls, manager=True)
    elif role == "cs":
        body = cs_sections(studies, team, urls)
    else:
        body = [c.section([c.text("Managers decide and CS assign studies here. "
                                  f"{len(studies)} studies in the tracker.")])]
    return c.card("Desktop Study tracker", body, subtitle=f"{len(studies)} studies")
