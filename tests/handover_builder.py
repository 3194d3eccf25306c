"""Test documents, built the one way tests build them: a list of (kind, value) items made into
a real .docx (make_docx), and GOOD, a specific, complete handover as data (it must score as
ready) with ways to change one thing in it.

Tests build a .docx from GOOD, change one section or field, and check that exactly the matching
finding or criterion appears. (The committed corpora under tests/corpus, tests/holdout,
tests/realworld and tests/unseen are built once by their own build scripts and read as files.)
"""
import io
from copy import deepcopy

import docx


def make_docx(*items) -> bytes:
    """A .docx from ('h1', text) / ('h2', text) / ('p', text) / ('bold', text) / ('li', text) /
    ('table', [[...], ...]) items."""
    d = docx.Document()
    for kind, value in items:
        if kind in ("h1", "h2", "h3"):
            d.add_heading(value, level=int(kind[1]))
        elif kind == "title":
            d.add_heading(value, level=0)
        elif kind == "p":
            d.add_paragraph(value)
        elif kind == "bold":
            d.add_paragraph().add_run(value).bold = True
        elif kind == "li":
            d.add_paragraph(value, style="List Bullet")
        elif kind == "table":
            t = d.add_table(rows=0, cols=max(len(r) for r in value))
            for row in value:
                cells = t.add_row().cells
                for c, text in zip(cells, row):
                    c.text = text
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


GOOD = {
    "title": "Desktop Study Handover - Red Rock Drilling",
    "Deal summary": [("table", [
        ["Customer", "Red Rock Drilling Pty Ltd"],
        ["Industry", "Drilling contractor"],
        ["Segment", "Enterprise"],
        ["Deal size", "AUD 180,000 ARR"],
        ["CRM deal link", "https://app.hubspot.com/contacts/4411/deal/99812"],
        ["Region", "Western Australia (Goldfields)"],
        ["Sales rep", "Sam Patel"],
        ["Number of rigs", "4"],
        ["Number of projects", "1"],
        ["Billing cycles of plod data", "3"],
        ["Requested presentation date", "12 March 2027"],
    ])],
    "Company and project context": [("p",
        "Red Rock runs 14 RC and diamond rigs across the Goldfields; this study covers the 4 RC rigs on "
        "Northern Star's Carosue Dam grade-control contract (gold, open pit). The contract is a 3-year "
        "schedule of rates agreement that started in July 2025, billed monthly on the 25th.")],
    "Current workflow": [("p",
        "Drillers fill paper plods per 12-hour shift. Supervisor Dave Kerr scans them to the Kalgoorlie "
        "office on Mondays, where contracts admin Priya Nair keys them into an Excel workbook of 38 tabs. "
        "Priya reconciles meterage, standby and consumables against the schedule of rates over 3 days "
        "before raising the invoice in MYOB. Northern Star disputes 6-8% of each monthly invoice.")],
    "SPICED": [
        ("h2", "Situation"), ("p", "4 RC rigs on Carosue Dam, paper plods, Excel reconciliation by one admin."),
        ("h2", "Pain"), ("p", "Priya spends 3 days a month reconciling; standby hours are disputed every cycle."),
        ("h2", "Impact"), ("p", "About $42k a month in disputed standby and consumables; invoices go out 9 days late."),
        ("h2", "Critical Event"), ("p", "Contract review with Northern Star on 30 April 2027 requires digital plods."),
        ("h2", "Decision"), ("p", "COO Mark Lewis signs; criteria: invoice in 2 days, disputes under 2%, rollout by July."),
    ],
    "Stakeholders": [("table", [
        ["Name", "Role", "Team", "Engaged", "Demoed", "Committed to the study"],
        ["Mark Lewis", "COO", "Operations", "Yes", "Yes", "Yes"],
        ["Priya Nair", "Contracts Administrator", "Finance", "Yes", "Yes", "Yes"],
        ["Dave Kerr", "Drilling Supervisor", "Field", "Yes", "No", "No"],
    ])],
    "Key use cases, questions to answer and success criteria": [
        ("li", "Reconcile Jan-Mar 2027 plods for rigs RR07, RR09, RR11 and RR14 against the schedule of rates; success: matches the 3 invoices within 1%."),
        ("li", "Show standby hours by rig and cause; success: Priya can answer Northern Star's dispute on the Feb invoice in under 1 hour."),
        ("li", "Show consumables (bits, rods) billed vs used per hole; success: find the $8k of unbilled consumables Priya suspects."),
    ],
    "Business case": [("p",
        "Started with Mark Lewis. Disputed standby averages $42k a month across 4 rigs; recovering half is "
        "$252k a year, plus 2.5 admin days a month saved. Assumes disputes fall from 7% to 2% of invoices.")],
    "Data provided": [("table", [
        ["Item", "Received", "Details (period, file, location)"],
        ["Plod data (Excel or CSV)", "Yes", "Jan-Mar 2027, 3 billing cycles, DS Data/plods_Q1.xlsx"],
        ["Invoices or claims for the same period", "Yes", "3 invoices, DS Data/invoices/"],
        ["Schedule of rates", "Yes", "Northern Star SOR rev 4, DS Data/SOR_rev4.pdf"],
        ["Plod form", "Yes", "Paper form scan, DS Data/plod_form.pdf"],
        ["Reporting examples", "No", "Mark to send the monthly ops pack by 20 Feb"],
    ])],
    "Scope": [("p", "Rigs RR07, RR09, RR11 and RR14 on the Carosue Dam grade-control project, one site.")],
    "Timelines": [
        ("li", "Data received 14 Feb 2027; study 15 Feb to 5 March."),
        ("li", "Presentation 12 March to Mark Lewis and Priya Nair in Kalgoorlie."),
        ("li", "Decision by 30 April (Northern Star contract review); procurement review takes 3 weeks; site shutdown 20-27 Dec."),
    ],
    "Next steps after the study": [("p", "Commercial proposal to Mark Lewis by 19 March; 4-rig paid POC from 1 April if accepted.")],
    "Risks and open questions": [
        ("li", "Signatory above $150k is the CFO, Anna Whitlock, not yet met: Mark to introduce by 1 March."),
        ("li", "IT (Greg Chan) needs a security questionnaire: 2 weeks."),
    ],
}


def handover(**changes) -> dict:
    """GOOD with sections replaced (title -> items) or removed (title -> None)."""
    doc = deepcopy(GOOD)
    for title, items in changes.items():
        title = title.replace("_", " ")
        if items is None:
            doc.pop(title, None)
        else:
            doc[title] = items
    return doc


def set_field(doc: dict, label: str, value: str) -> dict:
    doc = deepcopy(doc)
    for row in doc["Deal summary"][0][1]:
        if row[0] == label:
            row[1] = value
    return doc


def to_docx(doc: dict, heading="h1") -> bytes:
    items = [("title", doc["title"])]
    for title, content in doc.items():
        if title == "title":
            continue
        items.append((heading, title))
        items.extend(content)
    return make_docx(*items)
