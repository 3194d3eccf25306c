"""The CS deliverable, started for them: the gap analysis document made when a manager approves a
study, in the customer's Desktop Study folder. Pre-filled from the approved handover and the
customer's files in DS Data: the questions to answer with their success criteria, who to present
to, the data (period, billing cycles, rigs, the schedule of rates found), the customer's situation
in their own words; then clearly marked, empty places for CS's findings, one per question, and a
table of gaps. Sales turn it into the presentation (the seed's CS deliverables).
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field

import docx

from ..rubric import Rubric, load_rubric
from ..validators.content import without_guidance
from ..validators.document import Document
from ..validators.parts import split_parts
from ..validators.sections import split_sections
from ..validators.text import sentences
from .deal import safe_folder_name
from .docx_look import BOX_FILL, TO_FILL, box, grey, page, table

TO_FILL_LEAD = "CS to fill in:"
GAP_ROWS = 4


@dataclass
class HandoverFacts:
    """What the approved handover says that the gap analysis starts from."""
    questions: list[str] = field(default_factory=list)  # use cases, questions and success criteria
    people: list[list[str]] = field(default_factory=list)  # the stakeholders table as written, header first
    situation: dict[str, str] = field(default_factory=dict)  # SPICED part -> the rep's words
    business_case: str = ""
    scope: str = ""


def facts_of(document: Document, rubric: Rubric | None = None) -> HandoverFacts:
    rubric = rubric or load_rubric()
    split = split_sections(document, rubric)

    def own(key: str):
        return without_guidance(split.blocks(key), rubric.section(key)) if key in split.found else []

    facts = HandoverFacts()
    for block in own("use_cases"):
        if block.kind == "table":
            facts.questions += [" | ".join(c for c in row if c.strip()) for row in block.rows[1:] if any(row)]
        elif block.kind == "list_item":
            facts.questions.append(block.text.strip())
        elif block.kind == "paragraph":
            facts.questions += [s.strip() for s in sentences(block.text) if s.strip()]
    tables = [b for b in own("stakeholders") if b.kind == "table" and len(b.rows) > 1]
    if tables:
        facts.people = [tables[0].rows[0]] + [row for row in tables[0].rows[1:] if row and row[0].strip()]
    spiced = rubric.section("spiced")
    facts.situation = split_parts(own("spiced"), spiced.parts, spiced.part_aliases)
    facts.business_case = " ".join(b.text for b in own("business_case") if b.kind != "table").strip()
    facts.scope = " ".join(b.text for b in own("scope") if b.kind != "table").strip()
    return facts


def gap_analysis_docx(record: dict, facts: HandoverFacts, package=None) -> bytes:
    """The document as .docx bytes; `record` is the study's tracker row, `package` its data package."""
    customer = record.get("customer") or record.get("study_id", "")
    doc = docx.Document()
    page(doc, f"Gap analysis · {customer}", "Confidential: for the customer and the account team")
    doc.add_heading(f"Gap analysis - {customer}", level=0)
    grey(doc, "Started from the approved Desktop Study handover and the customer's files in DS Data. The shaded "
              "yellow places are CS's to fill in; sales turn the finished document into the presentation.")
    table(doc, None, [["Customer", customer], ["Study ID", record.get("study_id", "")],
                      ["Approved", _approved(record)], ["Sales rep", record.get("rep", "") or "not recorded"],
                      ["CS owner", record.get("cs_owner", "") or "to be assigned"],
                      ["Presentation wanted", record.get("presentation_date", "") or "not given"],
                      ["Handover", record.get("doc_link", "")]], (4.0, 12.5), labels=True)

    doc.add_heading("1. Questions to answer and success criteria", level=1)
    grey(doc, "From the handover's use cases: each is a question the study answers, with how success is measured.")
    for question in facts.questions or ["The handover lists no use case: agree the questions with the sales rep."]:
        doc.add_paragraph(question, style="List Number")

    doc.add_heading("2. Who we present to", level=1)
    if facts.people:
        width = len(facts.people[0])
        table(doc, facts.people[0], [row + [""] * (width - len(row)) for row in facts.people[1:]],
              tuple([16.5 / width] * width))
    else:
        grey(doc, "The handover names no stakeholders: ask the sales rep who the study is presented to.")

    doc.add_heading("3. The customer's situation", level=1)
    for part, text in facts.situation.items():
        if text:
            paragraph = doc.add_paragraph()
            paragraph.add_run(f"{part}: ").bold = True
            paragraph.add_run(text)
    if facts.business_case:
        box(doc, "Business case:", facts.business_case, BOX_FILL)
    if facts.scope:
        box(doc, "Scope:", facts.scope, BOX_FILL)

    doc.add_heading("4. The data", level=1)
    _data(doc, package)

    doc.add_heading("5. Findings", level=1)
    for number, question in enumerate(facts.questions or ["(the first question agreed)"], start=1):
        doc.add_heading(f"5.{number} {_short(question)}", level=2)
        box(doc, TO_FILL_LEAD, "what the data shows for this question, with the numbers (metres, hours, dollars) "
                               "and where they come from.", TO_FILL)
        box(doc, TO_FILL_LEAD, "measured against the success criterion: met, not met, or by how much.", TO_FILL)

    doc.add_heading("6. Gaps found", level=1)
    table(doc, ["Area", "What we found", "What it costs the customer", "Evidence (file, period)"],
          [[TO_FILL_LEAD, "", "", ""] for _ in range(GAP_ROWS)], (3.5, 5.0, 4.0, 4.0))

    doc.add_heading("7. Recommendation and next steps", level=1)
    box(doc, TO_FILL_LEAD, "what we recommend, the configuration the account needs, and the next step with its "
                           "owner and date.", TO_FILL)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _data(doc, package) -> None:
    if package is None or not package.files:
        box(doc, TO_FILL_LEAD, "there were no files in DS Data when the study was approved: list what the "
                               "customer sends (plod data, invoices, schedule of rates) and its period.", TO_FILL)
        return
    plod = package.plod
    rows = [["Files read", f"{len(package.files)} in DS Data"]]
    if plod.shifts:
        rows += [["Period", plod.period], ["Billing cycles", f"{len(plod.cycles)} ({', '.join(plod.cycles)})"],
                 ["Rigs", f"{len(plod.rigs)}: {', '.join(plod.rigs)}" if plod.rigs else "not named in the plod data"],
                 ["Projects", ", ".join(plod.projects) or "not named in the plod data"],
                 ["Shifts", f"{plod.shifts} (gaps: {plod.days_without_shifts} days with no shift, "
                            f"{plod.shifts_without_metres} shifts with no metres)"]]
    else:
        rows.append(["Plod data", "none found"])
    rows += [["Invoices per cycle", "; ".join(f"{label}: {', '.join(files) or 'none found'}"
                                              for label, files in package.invoices_by_cycle()) or "none"]]
    rows += [["Schedule of rates", "; ".join(f"{r.file} ({', '.join(r.kinds) or 'kinds of rate not recognised'})"
                                             for r in package.rates) or "none found"]]
    if package.unreadable:
        rows.append(["Not read", "; ".join(f"{name}: {why}" for name, why in package.unreadable.items())])
    table(doc, None, rows, (4.0, 12.5), labels=True)
    if package.problems:
        box(doc, "Still to follow up:", " ".join(package.problems), TO_FILL)


def gap_analysis_name(record: dict) -> str:
    """'Red Rock Drilling - Gap analysis (DS-1A2B3C4D).docx'."""
    return f"{safe_folder_name(record.get('customer') or 'Customer')} - Gap analysis ({record['study_id']}).docx"


def _approved(record: dict) -> str:
    who, when = record.get("decided_by", ""), record.get("decided_at", "")[:10]
    decision = record.get("decision", "") or "Approved"
    return " ".join(p for p in (decision, f"on {when}" if when else "", f"by {who}" if who else "") if p)


def _short(question: str, words: int = 12) -> str:
    """A question's first words, for its findings' heading."""
    cut = question.split(";")[0].split(": success")[0].split()
    return " ".join(cut[:words]) + ("..." if len(cut) > words else "")
