"""Build the held-out Desktop Study handover documents.

Written without looking at the scorer or the existing corpus: each document imitates how a
different real sales rep would fill in (or mangle) the 12-section handover described in
SPEC.md.  Expected verdicts live in ``expected.toml`` next to this file.

Usage:  python tests/holdout/build_holdout.py [outdir]

Output is byte-for-byte deterministic: fixed core properties and fixed zip timestamps.
"""

from __future__ import annotations

import datetime as _dt
import io
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
FIXED_DT = _dt.datetime(2025, 1, 1, 9, 0, 0)
ZIP_DT = (2025, 1, 1, 0, 0, 0)


# --------------------------------------------------------------------------- helpers

def new_doc(title: str | None = None, subtitle: str | None = None) -> Document:
    doc = Document()
    if title:
        doc.add_paragraph(title, style="Title")
    if subtitle:
        doc.add_paragraph(subtitle)
    return doc


def h(doc, text, level=1):
    return doc.add_heading(text, level=level)


def p(doc, text="", style=None):
    return doc.add_paragraph(text, style=style)


def bold_line(doc, text, size=None):
    para = doc.add_paragraph()
    run = para.add_run(text)
    run.bold = True
    if size:
        run.font.size = Pt(size)
    return para


def lead(doc, label, text, style=None):
    """A paragraph starting with a bold lead-in, e.g. 'Situation: ...'."""
    para = doc.add_paragraph(style=style)
    para.add_run(label).bold = True
    para.add_run(text)
    return para


def bullets(doc, items, style="List Bullet"):
    for it in items:
        if isinstance(it, tuple):
            lead(doc, it[0], it[1], style=style)
        else:
            doc.add_paragraph(it, style=style)


def numbered(doc, items):
    bullets(doc, items, style="List Number")


def kv_table(doc, rows):
    t = doc.add_table(rows=0, cols=2)
    t.style = "Table Grid"
    for k, v in rows:
        cells = t.add_row().cells
        cells[0].text = k
        cells[1].text = v
    return t


def grid(doc, header, rows):
    t = doc.add_table(rows=1, cols=len(header))
    t.style = "Table Grid"
    for i, col in enumerate(header):
        cell = t.rows[0].cells[i]
        cell.text = ""
        cell.paragraphs[0].add_run(col).bold = True
    for r in rows:
        cells = t.add_row().cells
        for i, v in enumerate(r):
            cells[i].text = v
    return t


def save(doc, path: Path, author: str, title: str):
    cp = doc.core_properties
    cp.author = author
    cp.last_modified_by = author
    cp.title = title
    cp.subject = "Desktop Study handover"
    cp.keywords = ""
    cp.comments = ""
    cp.category = ""
    cp.revision = 1
    cp.created = FIXED_DT
    cp.modified = FIXED_DT
    cp.last_printed = FIXED_DT
    buf = io.BytesIO()
    doc.save(buf)
    buf.seek(0)
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zi = zipfile.ZipInfo(item.filename, date_time=ZIP_DT)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, zin.read(item.filename))


# --------------------------------------------------------------------------- 01
# Long narrative paragraphs, US mining company (Nevada gold), two contractors, USD, MM/DD/YYYY.

def doc_01():
    doc = new_doc("Desktop Study Handover: Sagebrush Gold Mining Co. (Kestrel Ridge)",
                  "Prepared by Tom Harlan, Account Executive, 03/28/2025")
    h(doc, "Deal Summary", 2)
    kv_table(doc, [
        ("Customer", "Sagebrush Gold Mining Co."),
        ("Industry", "Mining company (open-pit gold producer; buys drilling from two contractors)"),
        ("Segment", "Enterprise"),
        ("Deal size and currency", "USD $185,000 ARR (3-year term proposed) plus $22,000 one-off implementation"),
        ("CRM deal link", "https://app.hubspot.com/contacts/4471902/deal/18834410271"),
        ("Region", "North America - Nevada, USA"),
        ("Sales rep", "Tom Harlan"),
        ("Number of rigs", "4"),
        ("Number of projects", "1 (Kestrel Ridge)"),
        ("Billing cycles of plod data", "3 monthly billing cycles (January, February, March 2025)"),
        ("Requested presentation date", "05/20/2025"),
    ])

    h(doc, "Company & Project Context", 2)
    p(doc, "Sagebrush Gold Mining Co. is a mid-tier gold producer headquartered in Reno with two operating "
           "mines in Nevada. This study is about their Kestrel Ridge project, an open-pit heap-leach gold "
           "deposit about 40 miles north-west of Winnemucca in Humboldt County, where they are running a "
           "resource definition and grade control drilling program through 2025. The 2025 drilling budget "
           "for Kestrel Ridge is roughly $14.6M and the program is split between two drilling contractors: "
           "Basin Range Drilling, who run two reverse circulation (RC) rigs on grade control and step-out "
           "holes, and High Desert Core Services, who run two diamond core rigs on the deeper resource "
           "conversion holes under the North Pit.")
    p(doc, "Both contractors work under master services agreements signed in late 2023 (Basin Range MSA "
           "SGM-DC-2023-014 and High Desert MSA SGM-DC-2023-019), each with its own schedule of rates, and "
           "both bill Sagebrush monthly. Sagebrush is the buyer here: they want one place to check what both "
           "contractors are claiming against what was actually drilled, so the CorePlan licence would sit "
           "with Sagebrush and the contractors would be given access to submit their plods.")

    h(doc, "Current Workflow", 2)
    p(doc, "Today the drillers fill out paper plods at the rig every shift (two 12-hour shifts, day and night, "
           "on a 7 on / 7 off rotation). Basin Range uses carbon-copy plod books; High Desert uses a fillable "
           "PDF on a tablet but still prints it for signature. The Sagebrush rig geologist signs each plod at "
           "shift change, and the plods are scanned and emailed to the site drilling coordinator, Kayla "
           "Brennan, who keys metres, hours, standby and consumables into a shared Excel tracker (one tab per "
           "rig, about 60 columns).")
    p(doc, "At month end each contractor sends an invoice with their own summary spreadsheet. Kayla and the "
           "senior project geologist reconcile the invoice line by line against her tracker and the schedule "
           "of rates, which she told us takes 4-5 working days every month and usually involves two or three "
           "rounds of email with the contractors' office in Elko over standby hours and bit and consumable "
           "charges. Approved invoices go into Oracle JD Edwards for payment, and the monthly cost report to "
           "the VP Exploration is a PowerPoint built from the same Excel tracker. There is no single system; "
           "the tracker is the source of truth and only Kayla really understands it.")

    h(doc, "SPICED", 2)
    lead(doc, "Situation. ", "Two contractors and four rigs drill about 9,000 metres a month across RC and core "
         "at Kestrel Ridge, all tracked on paper plods and one Excel workbook, against a $14.6M drilling "
         "budget for 2025.")
    lead(doc, "Pain. ", "Reconciling invoices takes Kayla 4-5 days a month and disputes are frequent: in Q4 2024 "
         "they disputed 11 invoice lines with Basin Range, mostly standby hours during the November weather "
         "shutdown and bit charges that did not match the plods. They cannot see cost per metre by rig or by "
         "hole until the month is closed, and Greg Tanaka has complained twice in board prep that the drilling "
         "cost numbers came late.")
    lead(doc, "Impact. ", "Sagebrush's own estimate is that between 2% and 4% of contractor billing is either "
         "overcharged or cannot be verified, which on $14.6M is $290K-$580K a year. On top of that roughly 20 "
         "hours a month of Kayla's and the project geologist's time goes into reconciliation, and the late cost "
         "reporting delays decisions on whether to move the core rigs between targets.")
    lead(doc, "Critical Event. ", "The Basin Range MSA comes up for renewal on 09/30/2025 and Sagebrush wants "
         "clean per-rig productivity and standby data before they renegotiate the schedule of rates. The 2026 "
         "exploration budget is locked at the board meeting in the second week of October.")
    lead(doc, "Decision. ", "The decision criteria, as Greg put them to us, are (1) both contractors can submit "
         "plods without much training, (2) invoices can be checked automatically against each contractor's "
         "schedule of rates, and (3) cost per metre by rig is available weekly rather than monthly. On process, "
         "Greg Tanaka is the economic buyer and can sign up to $250K; above that the CFO co-signs. Procurement "
         "(Lisa Ortiz) runs a vendor risk review and IT security needs our SOC 2 report. They expect to decide "
         "within four weeks of the study presentation.")

    h(doc, "Stakeholders", 2)
    p(doc, "We have three people engaged on the Sagebrush side, and two of them have been through a full demo "
           "and have committed to the study. Greg Tanaka, VP Exploration, is our champion and the economic "
           "buyer; he was on the first discovery call on 02/11/2025, saw the full demo on 03/04/2025, and "
           "confirmed by email on 03/06 that Sagebrush will provide the data and attend the presentation.")
    p(doc, "Kayla Brennan, Drilling Coordinator at Kestrel Ridge, is the day-to-day user who does the "
           "reconciliation today. She attended the 03/04 demo and a follow-up session on 03/18 where we walked "
           "through invoice reconciliation, and she is the one who pulled the data together for us. Both Greg "
           "and Kayla are committed to the study.")
    p(doc, "Dan Whitcomb, Senior Project Geologist, has been engaged by email and joined part of the discovery "
           "call but has not seen a demo yet; he signs the plods on site and we want him at the presentation. "
           "On the contractor side we have not yet spoken to anyone at Basin Range or High Desert; Greg wants "
           "to introduce them himself after the study.")

    h(doc, "Key Use Cases, Questions and Success Criteria", 2)
    p(doc, "The questions Sagebrush want answered are concrete. First, can CorePlan take the plods from both "
           "contractors, in their two different formats, and produce one daily view of metres, hours and "
           "standby per rig for Kestrel Ridge? Second, using the January to March 2025 invoices, would CorePlan "
           "have flagged the charges Kayla disputed or missed, specifically the standby hours claimed during the "
           "01/27-01/30 weather shutdown and the core bit and casing consumables billed by High Desert that do "
           "not appear on the plods? Third, can we show cost per metre by rig and by hole type (RC vs. core) for "
           "those three months in a format Greg can put in front of the board?")
    p(doc, "Success criteria agreed with Greg and Kayla on the 03/18 call: (a) the CorePlan-calculated invoice "
           "for each contractor for each of the three months reconciles to within 1% of the approved invoice "
           "amount, or every difference is explained by a specific line item; (b) at least 90% of plod line "
           "items from both contractors import without manual re-keying; (c) the cost per metre report for the "
           "4 rigs can be produced in under 10 minutes; and (d) Kayla agrees that reconciling one month would "
           "take her less than one day in CorePlan instead of 4-5 days.")

    h(doc, "Business Case", 2)
    p(doc, "The business case has been started and shared with Greg as a working spreadsheet (v0.3, "
           "03/21/2025, in the Sales folder). Estimated value is $420K a year: about $350K from recovering 2.4% "
           "of contractor billing (the midpoint of their 2-4% estimate applied to the $14.6M budget) and about "
           "$70K in time saved and faster reporting (Kayla and Dan at roughly 20 hours a month, plus avoiding "
           "one late board cost pack per quarter). Against a $185K annual licence that is about a 2.3x return "
           "in year one.")
    p(doc, "The assumptions the study needs to test are that the overbilling rate in the January-March data is "
           "really within the 2-4% range, and that both contractors will accept submitting plods in CorePlan. "
           "Greg has seen the first draft and asked us to firm up the overbilling number with the study "
           "findings before he takes it to the CFO.")

    h(doc, "Data Provided", 2)
    p(doc, "Kayla sent the data on 03/27/2025 and it is in PreSales/Desktop Study/DS Data. We have plod data "
           "for all four rigs for January, February and March 2025, which is three monthly billing cycles, as "
           "Excel exports of her tracker (one workbook, one tab per rig, 2,140 shift rows), plus the scanned "
           "original plods for March so CS can check the transcription. We have the invoices from both "
           "contractors for the same three months (six invoices in total, PDFs with the contractor summary "
           "spreadsheets attached).")
    p(doc, "We have both schedules of rates: Basin Range Schedule B to MSA SGM-DC-2023-014 (RC metre rates by "
           "depth band, hourly rates, standby, mob/demob and consumables) and High Desert Schedule 3 to MSA "
           "SGM-DC-2023-019 (HQ and NQ core metre rates, rod-handling rates, standby, water truck, consumables "
           "at cost plus 12%). We also have a blank copy of each contractor's plod form, and an example of the "
           "monthly cost PowerPoint Greg gets today, which is the reporting they want to see improved.")

    h(doc, "Scope", 2)
    p(doc, "Scope is 4 rigs on 1 project, Kestrel Ridge, all at the one site. The rigs are Basin Range BRD-07 "
           "and BRD-11 (Schramm T685 RC rigs) and High Desert HDC-3 and HDC-5 (LF-90 diamond core rigs). "
           "Sagebrush's second mine at Pinon Flat is explicitly out of scope for the study, even though Greg "
           "mentioned it as the expansion opportunity. Both contractors are in scope because the value is in "
           "comparing them, and it stays within the 5-rig and 1-project limit.")

    h(doc, "Timelines", 2)
    p(doc, "Data was received on 03/27. We are asking CS to configure and run the study between 04/07/2025 and "
           "05/09/2025, with an internal review of findings on 05/13 and the presentation to Greg, Kayla and Dan "
           "on 05/20/2025 at the Reno office (Greg prefers in person). After the presentation Sagebrush expects "
           "to decide within four weeks, so by 06/17/2025.")
    p(doc, "Procurement's vendor onboarding and security review (SOC 2 report plus a data residency "
           "questionnaire) takes about three weeks, and Lisa Ortiz has agreed to start it in parallel on 04/21 "
           "so it does not hold up signature. Memorial Day (05/26) and Kayla's leave from 06/02 to 06/13 are "
           "the holidays to plan around. There is no code freeze on their side, but their JD Edwards month-end "
           "close runs over the first 5 business days of every month and Kayla is unavailable then.")

    h(doc, "Next Steps After the Study", 2)
    p(doc, "If the study meets the success criteria, the agreed next step is a commercial proposal for Kestrel "
           "Ridge (4 rigs, both contractors) sent by 05/23/2025, with a target signature before 06/30/2025 so "
           "the rollout happens ahead of the Basin Range renegotiation. Greg has said a paid 60-day POC with "
           "both contractors submitting digital plods is an option if the CFO wants more evidence; we would "
           "scope that with CS if needed. Expansion to Pinon Flat (3 more rigs) would follow in 2026.")

    h(doc, "Risks and Open Questions", 2)
    p(doc, "The biggest risk is the CFO, Robert Hale, whom we have not met; he co-signs anything over $250K and "
           "could treat a 3-year term as one commitment, which would push us past Greg's limit. We need to "
           "confirm whether the multi-year total counts against that threshold. Procurement (Lisa Ortiz) is a "
           "gatekeeper and is slow: their last software vendor took 7 weeks to onboard.")
    p(doc, "A surprise could come from the contractors. Basin Range may resist submitting plods through a "
           "client system, and if they push back Greg may drop the contractor-submission part of the use case. "
           "Open question for CS: the High Desert plods record depth in feet while their schedule of rates is "
           "in metres, so the configuration needs a unit conversion; please check this early.")
    return doc, "Tom Harlan", "Desktop Study Handover - Sagebrush Gold Mining Co."


# --------------------------------------------------------------------------- 02
# Heading 3 for everything, sections out of spec order, stakeholders as "Name - Role - Y/Y/Y" bullets.

def doc_02():
    doc = new_doc(None)
    h(doc, "Northern Shield Drilling - Desktop Study handover (Priya Nair, 3 March 2025)", 3)

    h(doc, "Deal summary", 3)
    kv_table(doc, [
        ("Customer", "Northern Shield Drilling Ltd."),
        ("Industry", "Drilling contractor"),
        ("Segment", "Mid-Market"),
        ("Deal size", "CAD 128,000 per year"),
        ("CRM deal link", "https://app.hubspot.com/contacts/4471902/deal/19022817736"),
        ("Region", "Canada - Northern Ontario (Timmins)"),
        ("Sales rep", "Priya Nair"),
        ("Number of rigs", "5"),
        ("Number of projects", "1"),
        ("Billing cycles of plod data", "2 (4-weekly billing: 5 Jan-1 Feb 2025 and 2 Feb-1 Mar 2025)"),
        ("Requested presentation date", "8 April 2025"),
    ])

    h(doc, "Stakeholders", 3)
    bullets(doc, [
        "Martin Gagnon - General Manager and owner - engaged/demoed/committed: Y/Y/Y",
        "Sophie Lalonde - Contracts & Billing Manager - engaged/demoed/committed: Y/Y/Y",
        "Ryan Koski - Drilling Superintendent, Timmins operations - engaged/demoed/committed: Y/Y/N",
        "Amanda Trudel - Controller, finance - engaged/demoed/committed: Y/N/N",
    ])
    p(doc, "Demos: 28 Jan (Martin, Sophie, Ryan) and a billing deep-dive on 11 Feb (Sophie). Ryan is not "
           "committed yet because he is worried about tablets and coverage at the pads, see risks.")

    h(doc, "SPICED", 3)
    bullets(doc, [
        ("Situation: ", "5 surface diamond rigs working for Hollinger Creek Gold on the Three Lakes project "
         "under contract HCG-TL-2024-02, about 6,500 m a month on 2 x 12 h shifts, paper plods transcribed "
         "into Excel for billing."),
        ("Pain: ", "Sophie spends 3 days per 4-week cycle building the claim from paper plods; Hollinger Creek "
         "rejected 2 of the last 6 claims (Nov and Dec 2024) for missing geologist sign-off and disputed "
         "standby; Ryan believes water hauling and rod pulls are regularly under-billed."),
        ("Impact: ", "A rejected claim (about CAD 410k each) delays cash by roughly 3 weeks; unbilled ancillaries "
         "estimated at 1.5-2% of revenue, CAD 90-120k a year on CAD 6M of contract revenue."),
        ("Critical event: ", "The Hollinger Creek contract extension negotiation starts 1 June 2025 and the "
         "extension term sheet requires digital plods with daily client sign-off from 1 July 2025."),
        ("Decision: ", "Criteria are mobile plods that work offline, a client sign-off workflow, and claims "
         "priced straight from the schedule of rates. Process: Martin decides and signs, Amanda checks budget, "
         "no formal procurement; decision by 30 April 2025."),
    ])

    h(doc, "Scope", 3)
    p(doc, "5 rigs on 1 project. Rigs NS-21, NS-22, NS-24, NS-27 and NS-30 (all LF-90D surface diamond rigs) "
           "on the Three Lakes project for Hollinger Creek Gold; site is Three Lakes camp, 45 km north-west of "
           "Timmins, pads 1 to 7. Out of scope: the 3 underground rigs at Porcupine Deeps and the Quebec crews.")

    h(doc, "Data provided", 3)
    bullets(doc, [
        "Plod data: Excel export of Sophie's billing workbook (transcribed paper plods), 5 Jan-1 Mar 2025, "
        "2 billing cycles, all 5 rigs. Received 14 Feb and 3 Mar.",
        "Invoices / claims: claims TL-0207 and TL-0208 to Hollinger Creek for the same two periods (PDF plus "
        "the Excel backup sheets).",
        "Schedule of rates: Schedule C of contract HCG-TL-2024-02 - NQ/HQ metre rates by depth band, hourly "
        "rates, standby, mob/demob CAD 18,500 per rig, consumables at cost + 15%.",
        "Plod form: scanned blank form plus 10 filled examples from rig NS-24.",
        "Reporting examples: the weekly progress report (Excel) Hollinger Creek currently receives.",
    ])

    h(doc, "Current workflow", 3)
    p(doc, "Driller and offsider fill a paper plod per rig per shift; the Hollinger Creek rig geologist signs "
           "it at shift change. Plods travel to the Timmins office with the crew change twice a week, where "
           "Sophie transcribes them into an Excel workbook (one sheet per rig). At the end of each 4-weekly "
           "cycle she builds the claim by pricing the workbook against Schedule C, sends it to the Hollinger "
           "Creek project geologist for approval, and only then raises the invoice in Sage 300. The same "
           "workbook drives the drillers' metre bonus in payroll, so mistakes hit both billing and pay.")

    h(doc, "Company and project context", 3)
    p(doc, "Northern Shield is a family-owned contractor with 14 rigs and about 120 staff, doing surface and "
           "underground diamond drilling in Ontario and Quebec. Their main client is Hollinger Creek Gold "
           "(gold), for whom they drill the Three Lakes resource expansion under contract HCG-TL-2024-02, a "
           "3-year contract from March 2024 worth about CAD 6M a year.")

    h(doc, "Key use cases, questions and success criteria", 3)
    numbered(doc, [
        "Generate the 4-weekly claim from plods priced on Schedule C. Success: CorePlan claims for both cycles "
        "match TL-0207 and TL-0208 within CAD 2,000, or every difference is explained.",
        "Find unbilled items (water hauling hours, rod pulls, hole rehab, standby). Success: a list by rig and "
        "line item with a CAD value for the two cycles.",
        "Show daily client sign-off by the Hollinger Creek geologist. Success: Martin and Ryan agree it meets "
        "the digital plod clause in the extension term sheet.",
        "Driller metre bonus report per crew per shift. Success: matches Sophie's February bonus sheet.",
    ])

    h(doc, "Business case", 3)
    p(doc, "Status: draft v1 shared with Martin on 20 Feb, he has asked for the study numbers before Amanda "
           "reviews it. Estimated value about CAD 150k a year: roughly CAD 100k of recovered ancillaries, CAD 30k "
           "of Sophie's time (3 days x 13 cycles) and about CAD 20k from faster cash on rejected claims. "
           "Assumptions: the 1.5% unbilled rate holds in the Jan-Feb data and Hollinger Creek accepts digital "
           "sign-off in CorePlan.")

    h(doc, "Risks and open questions", 3)
    bullets(doc, [
        "Martin is the sole decision maker and signatory; Amanda Trudel is the budget gatekeeper and has not "
        "seen a demo - invite her to the presentation.",
        "Surprise: Hollinger Creek mentioned they are evaluating their own plod app; if they mandate it the "
        "critical event weakens.",
        "No cell coverage at pads 4-7; offline capture is a must and Ryan is not committed until he sees it.",
        "Open question for CS: Schedule C rates changed on 1 Jan 2025 (CPI uplift) - the January cycle spans "
        "both rate sets.",
    ])

    h(doc, "Timelines", 3)
    bullets(doc, [
        "Data received: 3 Mar 2025 (complete).",
        "Study / configuration: 10 Mar - 28 Mar 2025.",
        "Internal dry run with Priya: 2 Apr.",
        "Presentation: 8 Apr 2025 on Teams with Martin, Sophie, Ryan and Amanda.",
        "Customer decision: by 30 Apr 2025, ahead of the 1 June extension talks.",
        "Legal / procurement: no procurement team; Martin's lawyer reviews our MSA, about 1 week. No security "
        "review.",
        "Holidays: Good Friday 18 Apr and Easter Monday 21 Apr; spring break-up road restrictions (mid-March to "
        "mid-May) may move rigs - Ryan to confirm.",
    ])

    h(doc, "Next steps after the study", 3)
    bullets(doc, [
        "Commercial proposal for 5 rigs on Three Lakes by 11 Apr 2025.",
        "If signed by 30 Apr, implementation from 5 May so digital plods are live before the 1 July client "
        "deadline.",
        "Expansion to the remaining 9 rigs in Q3 2025.",
    ])
    return doc, "Priya Nair", "Northern Shield Drilling - DS handover"


# --------------------------------------------------------------------------- 03
# Terse Australian rep: bold-line headings, dot points, abbreviations.

def doc_03():
    doc = new_doc(None)
    bold_line(doc, "DS HANDOVER - REDBACK DRILLING - Jono M - 28/3/25", 14)

    bold_line(doc, "Deal summary")
    bullets(doc, [
        "Customer: Redback Drilling Services Pty Ltd (Kal)",
        "Industry: drilling contractor - RC + DD",
        "Segment: Mid-Market",
        "Deal: 180k AUD ARR + 25k impl",
        "CRM: https://app.hubspot.com/contacts/4471902/deal/19310448820",
        "Region: APAC - WA Goldfields",
        "Rep: Jono Mitchell",
        "Rigs: 4 (2 RC, 2 DD)",
        "Projects: 1",
        "Billing cycles: 2 x monthly (Feb, Mar 25)",
        "Pres date: Thu 15/5",
    ])

    bold_line(doc, "Company + project context")
    bullets(doc, [
        "11 rigs total (7 RC, 4 DD), ~90 staff, yard in Kalgoorlie",
        "Study = Nimbus Hill Au project for Karlkurla Gold Ltd (KGL) - 60km N of Kal",
        "Contract KGL-NH-24-011, 2 yrs from Jul 24, ~$1.2m/mth at full utilisation",
        "RC grade control + DD resource definition, 24/7, 2 x 12hr shifts, DIDO crews on 2/1",
    ])

    bold_line(doc, "Current workflow")
    bullets(doc, [
        "Paper plods per shift, driller + offsider, signed by KGL rig geo",
        "Plods photo'd + WhatsApp'd to Kal office, Tash keys into Excel 'plod master'",
        "Month end: Tash + Shane build claim from plod master x SOR -> Excel claim -> KGL",
        "KGL reconcile vs their geo logs, usually 2-3 wks of back and forth",
        "Invoice raised in MYOB only once claim approved -> 45-60 day cash cycle",
        "No visibility of m/shift until w/e reports (w/e Sunday)",
    ])

    bold_line(doc, "SPICED")
    bullets(doc, [
        ("S: ", "4 rigs on Nimbus Hill, ~7,500m/mth RC + ~1,800m/mth DD, paper plods, Excel claims"),
        ("P: ", "claims disputed every month - Feb claim cut 38k (standby in wet weather w/e 16/2 + consumables "
         "w/ no plod backup); Tash ~4 days/mth on claims; no view of underbilling"),
        ("I: ", "est. 2-3% rev leakage = $290-430k/yr on Nimbus; ~$1.2m cash tied up an extra 3 wks each "
         "month; Shane can't see rig utilisation until month end"),
        ("C: ", "KGL contract ext review 30/6 - KGL wants daily digital plods + weekly reconciled reporting as "
         "a condition; Redback also tendering 2 new contracts in Q3, wants system in place first"),
        ("D: ", "criteria = offline tablet plods, claim auto-priced off SOR, client sign-off in app. Process = "
         "Shane recommends, Craig signs; no procurement, Craig's lawyer reviews; decision by end June"),
    ])

    bold_line(doc, "Stakeholders")
    bullets(doc, [
        "Craig Pendlebury - MD / owner, signatory - engaged, demoed 4/3, committed: yes",
        "Shane O'Driscoll - Ops Mgr, champion - engaged, demoed 4/3 + 20/3, committed: yes",
        "Natasha (Tash) Kerr - admin / billing - engaged, demoed 20/3, committed: yes",
        "Lee Watts - KGL Snr Project Geo (client side) - engaged, not demoed - joining pres",
    ])

    bold_line(doc, "Use cases + success criteria")
    bullets(doc, [
        "UC1 claim generation: rebuild Feb + Mar claims from plods x SOR -> success = within 1% of submitted "
        "claim or variances itemised",
        "UC2 leakage: find unbilled items (mob/demob, standby, rehab, consumables, water cart hrs) -> success = "
        "$ per item per rig for the 2 months",
        "UC3 rig KPIs: m/shift, availability, standby % per rig -> success = Shane pulls a w/e report for any "
        "week in < 5 min",
        "Craig's Q: 'would we have avoided the 38k Feb cut?' -> answer line by line",
    ])

    bold_line(doc, "Business case")
    bullets(doc, [
        "Started - v1 sent to Shane 24/3, Craig has reviewed",
        "Value ~$400k/yr: $330k leakage recovered (2.5% of ~$13m Nimbus rev) + $45k admin time (Tash 4d/mth) "
        "+ ~$25k cash flow",
        "Assumptions: 2-3% leakage holds on Feb/Mar data; KGL accepts digital plods; 4 rigs stay on Nimbus "
        "thru FY26",
        "ROI ~2.2x yr 1 on 180k",
    ])

    bold_line(doc, "Data provided")
    bullets(doc, [
        "Plods: xlsx 'plod master' export, 4 rigs, 1/2-31/3/25 = 2 monthly billing cycles (w/e 2/2 to w/e 30/3)",
        "Invoices/claims: Feb + Mar claims to KGL (xlsx) + MYOB invoices (pdf)",
        "SOR: Schedule 2 of KGL-NH-24-011 - RC m rates by depth, DD HQ/NQ rates, hourly, standby, mob/demob "
        "$42k/rig, consumables",
        "Plod form: blank + 12 photos",
        "Reporting: KGL w/e report template",
        "All in DS Data folder, uploaded 28/3",
    ])

    bold_line(doc, "Scope")
    bullets(doc, [
        "4 rigs: RC - RDS-R07, RDS-R09; DD - RDS-D02, RDS-D04",
        "1 project: Nimbus Hill (KGL), single site",
        "Out: other 7 rigs + Coolgardie yard",
    ])

    bold_line(doc, "Timelines")
    bullets(doc, [
        "Data in 28/3 - done",
        "Config / study 7/4 -> 2/5 (CS)",
        "Internal dry run Mon 12/5",
        "Pres Thu 15/5, Kal office, Craig + Shane + Tash (+ Lee Watts from KGL)",
        "Decision by 30/6 (before KGL ext review)",
        "No procurement / security review; Craig's lawyer ~1 wk on MSA",
        "Hols: Easter 18-21/4, Anzac Day 25/4, WA Day 2/6; Tash on leave 22/4-2/5",
    ])

    bold_line(doc, "Next steps")
    bullets(doc, [
        "Proposal for 4 rigs on Nimbus by 19/5",
        "No POC per Craig - straight to contract if pres lands",
        "Target sign 13/6, go-live 1/7 ahead of KGL ext",
        "Expansion: other 7 rigs + 2 Q3 tenders",
    ])

    bold_line(doc, "Risks / open Qs")
    bullets(doc, [
        "Craig = sole DM + signatory; cost-sensitive, pushed back on impl fee",
        "KGL may push their own system (Lee said they trialled a plod app in 2023) - surprise risk",
        "Coverage at Nimbus pads patchy (Telstra) - offline capture a must",
        "Open: SOR rise & fall clause (CPI, Jan) - Feb/Mar rates incl 3.1% uplift, CS pls confirm which rates",
        "Tash is key for data Qs and is away 22/4-2/5",
    ])
    return doc, "Jono Mitchell", "DS handover - Redback Drilling"


# --------------------------------------------------------------------------- 04
# Deal summary as "Label - value" lines, data checklist with ballot-box characters.

def doc_04():
    doc = new_doc("Desktop Study Handover", "Ashanti Ridge Gold Ltd  |  Hannah Boateng  |  15 September 2025")

    h(doc, "1. Deal summary", 1)
    for line in [
        "Customer - Ashanti Ridge Gold Ltd",
        "Industry - Mining company (gold, open pit and underground)",
        "Segment - Enterprise",
        "Deal size - USD 240,000 per year",
        "CRM deal link - https://app.hubspot.com/contacts/4471902/deal/20418836512",
        "Region - West Africa (Ghana)",
        "Sales rep - Hannah Boateng",
        "Number of rigs - 5",
        "Number of projects - 1",
        "Billing cycles of plod data - 3 (monthly: June, July, August 2025)",
        "Requested presentation date - 14 October 2025",
    ]:
        p(doc, line)

    h(doc, "2. Company and project context", 1)
    p(doc, "Ashanti Ridge Gold is a mid-tier producer operating the Nkwanta Gold Mine in the Western Region of "
           "Ghana (about 210 koz a year from the Nkwanta open pit and the Nkwanta Deeps underground). All "
           "near-mine exploration and grade control drilling is outsourced to Volta Drilling Services under "
           "Drilling Services Contract ARG-DSC-2023-07 (3 years from January 2024). The 2025 drilling budget "
           "for the Nkwanta Near-Mine Drilling Program is USD 9.8M.")

    h(doc, "3. Current workflow", 1)
    p(doc, "Volta's drillers complete a paper daily drilling report (plod) per rig per shift, countersigned by "
           "the Ashanti Ridge duty geologist. The signed plods are scanned at the core yard and emailed to the "
           "contracts team in Tarkwa, where Abena Owusu keys metres, hours, standby and consumables into an "
           "Excel register. Volta invoices monthly with its own summary sheet; Abena reconciles the invoice "
           "against her register and Schedule 4 of the contract, disputes go back and forth by email, and the "
           "approved invoice is entered into SAP for payment. The whole cycle takes her about 6 working days a "
           "month, and exploration cost reports lag month end by about 3 weeks.")

    h(doc, "4. SPICED", 1)
    lead(doc, "Situation: ", "5 Volta rigs (3 RC grade control, 1 surface DD, 1 underground DD) drilling about "
         "11,000 m a month on one program, tracked on paper plods and Excel.")
    lead(doc, "Pain: ", "the 2024 internal audit found USD 312,000 of standby and consumables charges paid without "
         "plod support; reconciliation takes 6 days a month; no cost per metre by rig.")
    lead(doc, "Impact: ", "at 3% leakage on USD 9.8M that is about USD 294k a year; a USD 640k overrun on the Q2 "
         "grade control program was only discovered 5 weeks after month end.")
    lead(doc, "Critical event: ", "the Volta annual rate review takes effect 1 January 2026 and negotiations start "
         "in November 2025; the internal audit follow-up is due 31 December 2025.")
    lead(doc, "Decision: ", "criteria are automatic invoice validation against the schedule of rates, enforcement "
         "of the standby rules in clause 14, and an export to SAP. Kofi Mensah and Samuel Adjei recommend, "
         "Peter van Rooyen (GM) approves, and contracts over USD 200k also need the Country Manager, Yaw Darko. "
         "A procurement tender waiver is required.")

    h(doc, "5. Stakeholders", 1)
    grid(doc, ["Name", "Role", "Team", "Engaged", "Demoed", "Committed"], [
        ["Kofi Mensah", "Exploration Manager", "Exploration", "Yes", "Yes (2 Sep)", "Yes"],
        ["Abena Owusu", "Senior Contracts Administrator", "Contracts & Procurement", "Yes", "Yes (2 and 9 Sep)", "Yes"],
        ["Samuel Adjei", "Finance Manager", "Finance", "Yes", "Yes (9 Sep)", "Yes"],
        ["Peter van Rooyen", "GM Operations, Nkwanta", "Site leadership", "Yes", "No", "Not yet"],
    ])

    h(doc, "6. Key use cases, questions and success criteria", 1)
    numbered(doc, [
        "Validate each Volta invoice (June, July, August) against the plods and Schedule 4. Success: every line "
        "either matches or is flagged with the plod evidence; total variance explained to the dollar.",
        "Standby rule check: clause 14 caps weather standby at 4 hours per shift. Success: CorePlan lists every "
        "shift where more was billed, with the USD value.",
        "Cost per metre by rig and hole type. Success: Kofi can produce the monthly report for August in under "
        "15 minutes instead of the current 3 weeks.",
        "Question from Samuel: how much of the USD 312k audit finding would CorePlan have caught?",
    ])

    h(doc, "7. Business case", 1)
    p(doc, "Started: draft v2 reviewed with Samuel Adjei on 10 September. Estimated value USD 380k a year: about "
           "USD 294k recovered overbilling (3% of USD 9.8M), USD 36k of contracts team time (6 days a month), "
           "and USD 50k from catching overruns a month earlier. Assumptions: leakage in the June-August data is "
           "at least 2.5%, and Volta agrees to submit plods digitally from January.")

    h(doc, "8. Data provided", 1)
    for line in [
        "\u2611 Plod data - Excel, 1 June - 31 August 2025, 3 monthly billing cycles, all 5 rigs (received 12 Sep)",
        "\u2611 Invoices / claims - Volta invoices VD-2025-0611, VD-2025-0712 and VD-2025-0809 for the same three months",
        "\u2611 Schedule of rates - Schedule 4 (Rates) of contract ARG-DSC-2023-07, plus the 2024 rate review letter",
        "\u2611 Plod form - Volta daily drilling report template (PDF) and 20 scanned examples",
        "\u2610 Reporting examples - Ashanti Ridge monthly drilling cost report (requested, due 26 Sep)",
    ]:
        p(doc, line)

    h(doc, "9. Scope", 1)
    p(doc, "5 rigs, 1 project (Nkwanta Near-Mine Drilling Program). Rigs: VD-RC14, VD-RC15 and VD-RC19 (RC grade "
           "control, Nkwanta pit), VD-DD07 (surface diamond, Nkwanta East extension) and VD-UG03 (underground "
           "diamond, Nkwanta Deeps decline).")

    h(doc, "10. Timelines", 1)
    p(doc, "Study 22 September - 10 October 2025. Presentation 14 October 2025, on site at Nkwanta with Teams for "
           "Tarkwa. Customer decision by 14 November 2025 so a contract is in place before the Volta negotiations. "
           "Procurement tender waiver takes about 3 weeks; IT security questionnaire to be returned by 3 October. "
           "Holidays: Farmers' Day 5 December; Christmas shutdown 20 December - 5 January.")

    h(doc, "11. Next steps after the study", 1)
    p(doc, "Commercial proposal for the 5 rigs by 21 October; contract signature targeted for 28 November; "
           "go-live in January 2026 so the new Volta rates are loaded from day one. Second phase: the Obra "
           "satellite deposit program (2 rigs) in mid-2026.")

    h(doc, "12. Risks and open questions", 1)
    p(doc, "Peter van Rooyen (GM) has not seen a demo and approves the spend; Yaw Darko (Country Manager) signs "
           "above USD 200k and has not been met. Volta may resist digital plods. Site internet at the "
           "underground portal is unreliable. Open question: the VD-UG03 plods use a different underground "
           "template with shift hours split by activity; CS to confirm it can be mapped.")
    return doc, "Hannah Boateng", "DS Handover - Ashanti Ridge Gold"


# --------------------------------------------------------------------------- 05
# Two merged sections: "Scope and data" and "Timelines & next steps".

def doc_05():
    doc = new_doc("Lapland Core Drilling Oy - Desktop Study handover",
                  "Rep: Mikael Virtanen. Last edited 10 March 2025.")

    h(doc, "Deal summary", 2)
    kv_table(doc, [
        ("Customer", "Lapland Core Drilling Oy"),
        ("Industry", "Drilling contractor"),
        ("Segment", "Mid-Market"),
        ("Deal size and currency", "EUR 95,000 ARR"),
        ("CRM deal link", "https://app.hubspot.com/contacts/4471902/deal/19187730415"),
        ("Region", "EMEA - Nordics (Finnish Lapland)"),
        ("Sales rep", "Mikael Virtanen"),
        ("Number of rigs", "3"),
        ("Number of projects", "1"),
        ("Billing cycles of plod data", "2 (monthly - January and February 2025)"),
        ("Requested presentation date", "2 April 2025"),
    ])

    h(doc, "Company and project context", 2)
    p(doc, "Lapland Core Drilling is a 9-rig diamond drilling contractor based in Sodankylä. For the study we "
           "focus on their work for Boreal Nickel Oy on the Kuusela Ni-Cu-PGE project, 35 km north of Sodankylä, "
           "under contract BN-KU-2024-03 (two winter seasons, 2024-2026). Most Kuusela holes are drilled in "
           "the winter season from January to April from frozen bog and lake ice, which is when 70% of their "
           "annual metres are drilled.")

    h(doc, "Current workflow", 2)
    p(doc, "Drillers write paper plods per 12-hour shift. The field supervisor collects them every morning, types "
           "them into a shared Excel file per rig, and Boreal Nickel's site geologist approves a weekly summary. "
           "At month end Laura Mäkelä prices the metres, hours, ice-road standby and consumables against the "
           "contract rate appendix and sends the invoice from Netvisor. Boreal Nickel regularly questions "
           "standby while ice roads are being built, and each dispute takes 1-2 weeks to settle.")

    h(doc, "SPICED", 2)
    lead(doc, "Situation: ", "3 rigs on Kuusela, about 4,200 m per month in the winter season, paper plods and "
         "Excel, invoicing in Netvisor.")
    lead(doc, "Pain: ", "the February invoice (EUR 318,000) was paid 5 weeks late after Boreal Nickel disputed "
         "62 hours of ice-road standby; Laura spends 3 days a month pricing plods.")
    lead(doc, "Impact: ", "late payment on winter invoices costs about EUR 9,000 a season in interest on their "
         "working capital facility; Antti estimates EUR 40-60k a year of unbilled standby and moves.")
    lead(doc, "Critical event: ", "Boreal Nickel's tender for the 2025-2026 winter program closes on 15 June 2025 "
         "and asks bidders to describe their digital plod and reporting system.")
    lead(doc, "Decision: ", "Antti Heikkinen decides and signs; criteria are Finnish-language plods for crews, "
         "invoice pricing from the rate appendix, and a client approval step. Decision by 30 April.")

    h(doc, "Stakeholders", 2)
    grid(doc, ["Name", "Role", "Team", "Engaged", "Demoed", "Committed"], [
        ["Antti Heikkinen", "CEO / owner", "Management", "Yes", "Yes (19 Feb)", "Yes"],
        ["Laura Mäkelä", "Finance and invoicing manager", "Finance", "Yes", "Yes (19 Feb, 4 Mar)", "Yes"],
        ["Jussi Korhonen", "Field supervisor, Kuusela", "Operations", "Yes", "No", "Yes"],
    ])

    h(doc, "Key use cases and success criteria", 2)
    numbered(doc, [
        "Price the January and February plods from the rate appendix. Success: CorePlan totals within 0.5% of "
        "the two invoices actually sent, or each difference explained.",
        "Standby evidence: show the 62 disputed ice-road standby hours shift by shift with plod comments. "
        "Success: Laura agrees this would have settled the dispute without the 5-week delay.",
        "Tender answer: a sample weekly client report for Boreal Nickel. Success: Antti uses it in the 15 June "
        "tender response.",
    ])

    h(doc, "Business case", 2)
    p(doc, "Started, v1 reviewed with Antti on 4 March. Estimated value EUR 75-95k a year: EUR 40-60k recovered "
           "standby and moves, EUR 9k interest, about EUR 25k of Laura's and Jussi's time. The bigger upside is "
           "winning the 2025-2026 Kuusela program (about EUR 3.8M). Assumption: unbilled standby in "
           "January-February is at least 1% of invoiced value.")

    h(doc, "Scope and data", 2)
    p(doc, "Scope is 3 rigs on 1 project: LCD-11, LCD-12 and LCD-15 (Sandvik DE710 surface core rigs) on the "
           "Kuusela project for Boreal Nickel, all on the Kuusela winter drill sites (Kuusela North bog and "
           "Lake Kuusijärvi ice). The other 6 rigs, working in Kittilä and Sweden, are out of scope.")
    p(doc, "Data received on 7 March, in DS Data:")
    bullets(doc, [
        "Plod data: the per-rig Excel files exported as CSV, 1 January - 28 February 2025, 2 monthly billing "
        "cycles, all 3 rigs.",
        "Invoices: January (EUR 286,400) and February (EUR 318,000) invoices to Boreal Nickel, PDF, with the "
        "pricing sheets.",
        "Schedule of rates: Appendix 2 of contract BN-KU-2024-03 - metre rates by depth for NQ2 and HQ, hourly "
        "rates, ice-road and weather standby, rig moves, mob/demob, consumables.",
        "Plod form: blank paper form (Finnish) and 5 photographed examples.",
        "Reporting: the weekly summary Boreal Nickel's geologist approves today.",
    ])

    h(doc, "Timelines & next steps", 2)
    p(doc, "Configuration and study 11-28 March 2025; internal review with CS on 31 March; presentation on "
           "2 April 2025 in Sodankylä with Antti, Laura and Jussi (Jussi joins between shifts). Antti will decide "
           "by 30 April. No procurement or security review; their lawyer in Rovaniemi reviews the contract in "
           "about one week. Holidays: Easter 18-21 April and May Day 1 May; the winter season ends around "
           "20 April when the ice roads close, after which Jussi is free.")
    p(doc, "After the study: commercial proposal for the 3 Kuusela rigs by 4 April, signature targeted for "
           "30 April, rollout in May so the system can be named in the 15 June tender. The other 6 rigs would "
           "follow at the start of the 2025-2026 winter season. No POC planned.")

    h(doc, "Risks and open questions", 2)
    p(doc, "Antti is the only decision maker and signatory, so the risk is concentrated in one person. Jussi "
           "has not seen a demo and the crews are sceptical of tablets at -30 °C; we should show paper-to-"
           "digital import as the fallback. Open question: Boreal Nickel may want its own geologist to approve "
           "plods in CorePlan, which would need a client login - confirm licensing before the proposal.")
    return doc, "Mikael Virtanen", "Lapland Core Drilling - DS handover"


# --------------------------------------------------------------------------- 06
# ChatGPT-polished: fluent, names the customer everywhere, nothing specific.

def doc_06():
    doc = new_doc("Desktop Study Handover Document: Ironbark Resources")
    p(doc, "This document provides a comprehensive overview of the Ironbark Resources opportunity to ensure a "
           "seamless handover from Sales to Customer Success.")

    h(doc, "1. Deal Summary", 1)
    p(doc, "Ironbark Resources is a leading organisation in the mining sector and represents a significant "
           "Enterprise opportunity for CorePlan. The deal is strategically important and has strong potential "
           "for expansion across multiple sites and business units. Ironbark Resources is well positioned to "
           "benefit from a modern, data-driven drilling management platform.")

    h(doc, "2. Company and Project Context", 1)
    p(doc, "Ironbark Resources operates across various sites and manages several drilling programs with "
           "multiple contractors. In today's fast-paced mining environment, Ironbark Resources is focused on "
           "driving operational excellence, improving transparency and maximising the value of its "
           "exploration investment.")

    h(doc, "3. Current Workflow", 1)
    p(doc, "Currently, Ironbark Resources relies on a combination of manual processes and legacy tools to "
           "capture, review and reconcile drilling data. This approach creates inefficiencies, increases the "
           "risk of errors and limits visibility across the organisation.")

    h(doc, "4. SPICED", 1)
    lead(doc, "Situation: ", "Ironbark Resources is looking to modernise and digitise its drilling operations.")
    lead(doc, "Pain: ", "Manual processes lead to errors, delays and a lack of real-time visibility for Ironbark "
         "Resources.")
    lead(doc, "Impact: ", "These challenges have a significant impact on cost, productivity and decision-making "
         "across Ironbark Resources.")
    lead(doc, "Critical Event: ", "Ironbark Resources is keen to move forward with a solution in the near future.")
    lead(doc, "Decision: ", "The decision will be made by key stakeholders at Ironbark Resources based on value, "
         "ease of use and alignment with strategic objectives.")

    h(doc, "5. Stakeholders", 1)
    p(doc, "Ironbark Resources has engaged several key stakeholders across operations, finance and leadership. "
           "All stakeholders have shown strong interest in CorePlan and are highly supportive of the Desktop "
           "Study.")

    h(doc, "6. Key Use Cases and Success Criteria", 1)
    p(doc, "Ironbark Resources wants to leverage CorePlan to streamline plod capture, drive efficiency in invoice "
           "reconciliation and gain robust, real-time reporting. Success will be measured by improved "
           "accuracy, greater efficiency and enhanced visibility across Ironbark Resources' drilling "
           "operations.")

    h(doc, "7. Business Case", 1)
    p(doc, "CorePlan will deliver significant ROI for Ironbark Resources by reducing costs, improving billing "
           "accuracy and freeing up valuable time for key personnel. The business case is compelling and will "
           "be further refined following the Desktop Study.")

    h(doc, "8. Data Provided", 1)
    p(doc, "Ironbark Resources will provide relevant drilling data, invoices and rate information to support "
           "the study.")

    h(doc, "9. Scope", 1)
    p(doc, "The study will focus on a representative selection of Ironbark Resources' rigs and projects in "
           "order to demonstrate the full value of the CorePlan platform.")

    h(doc, "10. Timelines", 1)
    p(doc, "Ironbark Resources is looking to complete the study in the coming weeks, with a decision expected "
           "shortly afterwards.")

    h(doc, "11. Next Steps", 1)
    p(doc, "Following a successful Desktop Study, Ironbark Resources and CorePlan will explore the next steps "
           "together, which may include a pilot or a commercial proposal.")

    h(doc, "12. Risks and Open Questions", 1)
    p(doc, "As with any transformation initiative, there are some risks around timelines, stakeholder alignment "
           "and change management at Ironbark Resources. These will be proactively managed through regular "
           "communication and a seamless, collaborative partnership approach.")
    return doc, "Alex Rowe", "Desktop Study Handover - Ironbark Resources"


# --------------------------------------------------------------------------- 07
# Numbers everywhere, but they are industry statistics, not about the customer.

def doc_07():
    doc = new_doc("Desktop Study Handover - Tasman Drilling Group")

    h(doc, "Deal summary", 1)
    kv_table(doc, [
        ("Customer", "Tasman Drilling Group"),
        ("Industry", "Drilling contractor"),
        ("Segment", "Mid-Market"),
        ("Deal size and currency", "AUD 90,000"),
        ("CRM deal link", "https://app.hubspot.com/contacts/4471902/deal/19655201873"),
        ("Region", "APAC - New South Wales"),
        ("Sales rep", "Ben Carter"),
        ("Number of rigs", "TBC"),
        ("Number of projects", "TBC"),
        ("Billing cycles of plod data", "TBC"),
        ("Requested presentation date", "TBC"),
    ])

    h(doc, "Company and project context", 1)
    p(doc, "Tasman Drilling Group operates in the Australian drilling services sector, which according to "
           "industry reports generated over $5 billion in revenue in 2024. The sector employs more than 10,000 "
           "people, and contractors are under increasing pressure from mining clients to deliver data faster "
           "and more accurately.")

    h(doc, "Current workflow", 1)
    p(doc, "Like an estimated 70% of drilling contractors, Tasman still relies on paper plods and spreadsheets. "
           "Industry surveys show that manual data entry takes up to 20% of administrative time and that "
           "1 in 4 plods contains at least one transcription error.")

    h(doc, "SPICED", 1)
    lead(doc, "Situation: ", "The drilling industry is undergoing a digital transformation, with 60% of "
         "contractors planning to invest in digital tools by 2026.")
    lead(doc, "Pain: ", "Studies show 30% of invoices contain errors, and disputes delay payment by an average "
         "of 45 days across the industry.")
    lead(doc, "Impact: ", "Revenue leakage of 2-5% is typical for drilling contractors, according to industry "
         "benchmarks.")
    lead(doc, "Critical Event: ", "In 2024 the industry saw record exploration spending of $4.3 billion, making "
         "efficiency more important than ever.")
    lead(doc, "Decision: ", "Contractors typically choose software based on ease of use, price and support; "
         "the average evaluation takes 3-6 months.")

    h(doc, "Stakeholders", 1)
    p(doc, "Operations Manager and Finance team engaged (names to be confirmed). Research shows 85% of "
           "successful software purchases involve at least 3 stakeholders.")

    h(doc, "Key use cases and success criteria", 1)
    p(doc, "Digital plods, automated invoicing and reporting. Success criteria: customers typically see a 50% "
           "reduction in billing time and a 3% revenue uplift in the first year.")

    h(doc, "Business case", 1)
    p(doc, "Based on industry averages, a contractor of this size could recover 2-5% of revenue through better "
           "billing, which typically delivers a 5x ROI in the first year. Mining software adoption grew 18% in "
           "2024.")

    h(doc, "Data provided", 1)
    p(doc, "Plod data and invoices to be provided. Research shows that companies with clean data complete "
           "studies 2x faster.")

    h(doc, "Scope", 1)
    p(doc, "Rigs and project TBC with the customer. Most contractors start with 3-5 rigs.")

    h(doc, "Timelines", 1)
    p(doc, "The typical sales cycle for Mid-Market is 60-90 days; we aim to present in Q3.")

    h(doc, "Next steps after the study", 1)
    p(doc, "Commercial proposal after the study, as 80% of successful desktop studies convert to a proposal.")

    h(doc, "Risks and open questions", 1)
    p(doc, "Industry-standard risks: change management (70% of digital transformation projects fail because of "
           "poor adoption), budget and timing.")
    return doc, "Ben Carter", "DS Handover - Tasman Drilling Group"


# --------------------------------------------------------------------------- 08
# Rushed rep: one-liners, four sections deleted.

def doc_08():
    doc = new_doc(None)
    p(doc, "Murchison Diamond Drilling - DS handover (Sam)")

    h(doc, "Deal summary", 2)
    kv_table(doc, [
        ("Customer", "Murchison Diamond Drilling"),
        ("Industry", "Drilling contractor"),
        ("Segment", "Mid-Market"),
        ("Deal size and currency", "60k AUD"),
        ("CRM deal link", ""),
        ("Region", "WA"),
        ("Sales rep", "Sam"),
        ("Number of rigs", "3"),
        ("Number of projects", ""),
        ("Billing cycles of plod data", ""),
        ("Requested presentation date", "ASAP"),
    ])

    h(doc, "Company and project context", 2)
    p(doc, "DD contractor, Meekatharra.")

    h(doc, "Current workflow", 2)
    p(doc, "Paper plods, Excel invoicing.")

    h(doc, "Stakeholders", 2)
    p(doc, "Dave (ops mgr) keen, demoed.")

    h(doc, "Use cases", 2)
    p(doc, "Invoicing + plods.")

    h(doc, "Data provided", 2)
    p(doc, "Plods and invoices sent through.")

    h(doc, "Scope", 2)
    p(doc, "3 rigs.")

    h(doc, "Timelines", 2)
    p(doc, "Want to present before end of month.")
    return doc, "Sam Doyle", "DS handover"


# --------------------------------------------------------------------------- 09
# Good handover; deal size "45k USD", segment "Mid Market". Headings "Section N - ...".

def doc_09():
    doc = new_doc("Copperbelt Core Drilling - Desktop Study Handover",
                  "Natalie Brooks, 9 June 2025")

    h(doc, "Section 1 - Deal summary", 1)
    kv_table(doc, [
        ("Customer", "Copperbelt Core Drilling Ltd (CCD)"),
        ("Industry", "Drilling contractor"),
        ("Segment", "Mid Market"),
        ("Deal size", "45k USD (annual subscription, 4 rigs)"),
        ("CRM deal link", "https://app.hubspot.com/contacts/4471902/deal/20077315298"),
        ("Region", "Africa - Zambia (North-Western Province)"),
        ("Sales rep", "Natalie Brooks"),
        ("Number of rigs", "4"),
        ("Number of projects", "1"),
        ("Billing cycles of plod data", "2 monthly cycles (April and May 2025)"),
        ("Requested presentation date", "10 July 2025"),
    ])

    h(doc, "Section 2 - Company and project context", 1)
    p(doc, "CCD is a Zambian-owned diamond and RC drilling contractor based in Solwezi with 9 rigs. The study "
           "covers their work for Zamcop Resources on the Kabompo East copper project, 70 km west of Solwezi, "
           "under contract ZR-KE-2024-05 (24 months from October 2024, about USD 7.2M). Zamcop is drilling out "
           "the Kabompo East resource ahead of a 2026 feasibility study.")

    h(doc, "Section 3 - Current workflow", 1)
    p(doc, "Paper plods per 12-hour shift, signed by the Zamcop geologist; plods are driven to Solwezi weekly "
           "and typed into Excel by the billing clerk. At month end Grace Banda builds the claim from Excel and "
           "the schedule of rates, Zamcop's project manager checks it against their own drill logs, and the "
           "invoice goes out from Pastel once approved. The May claim took 11 days from month end to approval.")

    h(doc, "Section 4 - SPICED", 1)
    bullets(doc, [
        ("Situation: ", "4 CCD rigs at Kabompo East, about 5,800 m a month (DD and RC pre-collars), paper plods, "
         "Excel claims."),
        ("Pain: ", "Zamcop short-paid the April claim by USD 21,400 (standby during the 14-16 April fuel "
         "shortage and bit charges without plod support); Grace spends 4 days a month on the claim."),
        ("Impact: ", "Chanda estimates 2% of revenue is unbilled or written off, about USD 145k a year on this "
         "contract; claims take 11 days to approve, delaying about USD 600k of cash each month."),
        ("Critical event: ", "Zamcop's mid-contract performance review on 30 September 2025 decides whether "
         "CCD keeps the second-year scope (an extra 2 rigs)."),
        ("Decision: ", "Criteria: offline tablet plods, claims priced from the schedule of rates, geologist "
         "sign-off in the app. Chanda Mulenga decides and signs; Grace recommends; no formal procurement. "
         "Decision by 31 July 2025."),
    ])

    h(doc, "Section 5 - Stakeholders", 1)
    grid(doc, ["Name", "Role", "Team", "Engaged", "Demoed", "Committed"], [
        ["Chanda Mulenga", "Managing Director", "Management", "Yes", "Yes (13 May)", "Yes"],
        ["Grace Banda", "Finance and Billing Manager", "Finance", "Yes", "Yes (13 May, 27 May)", "Yes"],
        ["Joseph Phiri", "Drilling Manager", "Operations", "Yes", "No", "Yes"],
    ])

    h(doc, "Section 6 - Key use cases, questions and success criteria", 1)
    numbered(doc, [
        "Rebuild the April and May claims from the plods and the schedule of rates. Success: within 1% of the "
        "claims submitted, or every difference itemised.",
        "Explain the April short-payment: which of the USD 21,400 was supported by the plods. Success: Grace can "
        "send Zamcop a line-by-line rebuttal from CorePlan.",
        "Rig KPIs (metres per shift, standby hours, availability) for the 4 rigs. Success: a weekly report "
        "Joseph can run himself in under 5 minutes.",
    ])

    h(doc, "Section 7 - Business case", 1)
    p(doc, "Started; v1 shared with Chanda on 2 June. Value about USD 190k a year: USD 145k recovered revenue, "
           "USD 20k of Grace's and the clerk's time, USD 25k from faster approval. Assumption: 2% unbilled in the "
           "April-May data. Chanda asked for the rebuttal on the April claim as proof.")

    h(doc, "Section 8 - Data provided", 1)
    bullets(doc, [
        "Plod data: Excel, 1 April - 31 May 2025, 2 monthly billing cycles, 4 rigs (received 5 June).",
        "Invoices / claims: April and May claims to Zamcop with the Pastel invoices.",
        "Schedule of rates: Annex C of contract ZR-KE-2024-05 (DD and RC metre rates, hourly rates, standby, "
        "mob/demob USD 35,000 per rig, consumables list).",
        "Plod form: blank plod and 8 photographed plods from CCD-06.",
        "Reporting examples: Zamcop's monthly drilling progress report.",
    ])

    h(doc, "Section 9 - Scope", 1)
    p(doc, "4 rigs on 1 project: CCD-04, CCD-06 and CCD-08 (diamond) and CCD-09 (RC), all at Kabompo East. CCD's "
           "other 5 rigs (Kansenga and Mwinilunga jobs) are out of scope.")

    h(doc, "Section 10 - Timelines", 1)
    p(doc, "Study 16 June - 4 July 2025; presentation 10 July 2025 (Teams, with Chanda, Grace and Joseph); "
           "decision by 31 July; CCD's lawyer reviews the order form in about a week, no security review. "
           "Holidays: Heroes and Unity Days 7-8 July, Farmers' Day 4 August.")

    h(doc, "Section 11 - Next steps after the study", 1)
    p(doc, "Commercial proposal for the 4 Kabompo East rigs by 14 July, signature by 31 July, go-live from "
           "1 September ahead of the 30 September Zamcop review. Remaining 5 rigs to follow in Q1 2026.")

    h(doc, "Section 12 - Risks and open questions", 1)
    p(doc, "Chanda is the only signatory and travels often. Connectivity at Kabompo East is poor (no mobile "
           "signal at the northern pads). Joseph has not been demoed; if crews push back on tablets he could slow "
           "rollout. Open: Zamcop may want its geologists to sign in CorePlan - confirm client logins.")
    return doc, "Natalie Brooks", "CCD - DS handover"


# --------------------------------------------------------------------------- 10
# Good handover, "Section: text" lead-ins; 2 stakeholders named, neither demoed.

def doc_10():
    doc = new_doc("Carbine Coal - Desktop Study handover")
    p(doc, "Rep: Liam O'Connell. Written 10 June 2025.")

    lead(doc, "Deal summary: ", "from the CRM deal record.")
    kv_table(doc, [
        ("Customer", "Carbine Coal Pty Ltd"),
        ("Industry", "Mining company (metallurgical coal)"),
        ("Segment", "Enterprise"),
        ("Deal size and currency", "AUD 140,000 per year"),
        ("CRM deal link", "https://app.hubspot.com/contacts/4471902/deal/20211988430"),
        ("Region", "APAC - Queensland (Bowen Basin)"),
        ("Sales rep", "Liam O'Connell"),
        ("Number of rigs", "3"),
        ("Number of projects", "1"),
        ("Billing cycles of plod data", "4 fortnightly cycles (3 March - 27 April 2025)"),
        ("Requested presentation date", "29 July 2025"),
    ])

    lead(doc, "Company and project context: ", "Carbine Coal runs the Mount Kenneth open-cut metallurgical coal "
         "mine 40 km south of Moranbah. Their Mount Kenneth Extension exploration program (resource infill, "
         "geotechnical and gas-sampling cores) is drilled by Fitzroy Drilling Services under contract "
         "CC-MK-2024-09. The FY25 budget for the program is AUD 6.4M.")

    lead(doc, "Current workflow: ", "Fitzroy's drillers complete paper plods per shift, which the Carbine site "
         "geologist signs. Fitzroy sends a fortnightly invoice with a plod summary; Carbine's contracts "
         "administrator checks it against the plods and the schedule of rates in Excel, and the approved "
         "invoice goes into SAP. Each fortnight's check takes about 2 days, and gas-sampling standby is "
         "argued over almost every cycle.")

    lead(doc, "SPICED: ", "")
    bullets(doc, [
        ("Situation - ", "3 Fitzroy rigs on Mount Kenneth Extension, about 3,100 m a fortnight, paper plods, "
         "fortnightly invoices checked in Excel."),
        ("Pain - ", "AUD 58,000 of gas-sampling standby disputed over March-April; 2 days per fortnight of "
         "checking; no cost per metre by hole type until quarter end."),
        ("Impact - ", "Rachel estimates 3% overbilling on the program, about AUD 190k a year, plus a quarter's "
         "lag before overruns are visible."),
        ("Critical event - ", "The Fitzroy contract expires 30 November 2025 and the retender goes out on "
         "1 September; Carbine wants per-rig data for the tender evaluation."),
        ("Decision - ", "Criteria: invoice validation against the schedule of rates, gas-sampling standby "
         "rules, SAP export. Rachel and Mark recommend; the GM Mount Kenneth, Steve Doherty, approves; "
         "purchases over AUD 100k go through group procurement in Brisbane. Decision by 29 August."),
    ])

    lead(doc, "Stakeholders: ", "two people engaged so far; neither has seen a live demo yet (they have seen our "
         "deck and a recorded walkthrough). Live demo booked for 17 June.")
    grid(doc, ["Name", "Role", "Team", "Engaged", "Demoed", "Committed"], [
        ["Rachel Nguyen", "Exploration Superintendent", "Geology", "Yes", "No (demo booked 17 June)", "Yes"],
        ["Mark Sutherland", "Commercial Manager - Contracts", "Commercial", "Yes", "No", "Yes"],
    ])

    lead(doc, "Key use cases and success criteria: ", "")
    numbered(doc, [
        "Validate the 4 fortnightly Fitzroy invoices against the plods and schedule of rates. Success: every "
        "line matched or flagged, total variance explained to the dollar.",
        "Gas-sampling standby: apply clause 9.3 (standby paid only when the Carbine gas technician is late). "
        "Success: CorePlan lists each disputed hour from the AUD 58,000 with the plod evidence.",
        "Cost per metre by rig and hole type for March-April. Success: Rachel can produce it in under "
        "15 minutes for the tender evaluation pack.",
    ])

    lead(doc, "Business case: ", "Started - v1 reviewed with Mark on 5 June. Estimated value AUD 230k a year: "
         "AUD 190k overbilling avoided (3% of AUD 6.4M), AUD 25k of contracts admin time, AUD 15k from "
         "earlier overrun visibility. Assumptions: 3% holds in the March-April data; Fitzroy (or the next "
         "contractor) accepts digital plods as a tender condition.")

    lead(doc, "Data provided: ", "")
    bullets(doc, [
        "Plod data: Fitzroy plod summaries (Excel) for 3 March - 27 April 2025, 4 fortnightly billing cycles, "
        "all 3 rigs.",
        "Invoices: Fitzroy invoices FDS-3318, FDS-3341, FDS-3367 and FDS-3390 for the same 4 fortnights.",
        "Schedule of rates: Schedule 2 of contract CC-MK-2024-09, including the gas-sampling standby rates.",
        "Plod form: scanned Fitzroy plod template.",
        "Reporting: Carbine's quarterly exploration cost report.",
    ])

    lead(doc, "Scope: ", "3 rigs, 1 project: FDS-12 and FDS-14 (core) and FDS-17 (open-hole / chip) on the "
         "Mount Kenneth Extension, all within mining lease ML 70412.")

    lead(doc, "Timelines: ", "Live demo 17 June; study 23 June - 18 July 2025; presentation 29 July 2025 in "
         "Moranbah; decision by 29 August; group procurement vendor onboarding about 4 weeks and an IT "
         "security questionnaire, both to start 1 July. Site shutdown for the Ekka public holiday 13 August; "
         "Rachel on leave 4-15 August.")

    lead(doc, "Next steps after the study: ", "Commercial proposal for the 3 rigs by 5 August; include CorePlan "
         "as a requirement in the Fitzroy retender released 1 September; contract by 30 September.")

    lead(doc, "Risks and open questions: ", "Steve Doherty (GM) approves and has not been met. Group procurement "
         "may insist on a competitive tender for software. Fitzroy may resist sharing plods digitally before "
         "the retender. Open: the gas-sampling clause has a contested interpretation - CS to use Mark's "
         "reading (clause 9.3 memo in DS Data).")
    return doc, "Liam O'Connell", "Carbine Coal - DS handover"


# --------------------------------------------------------------------------- 11
# Good handover, ALL CAPS numbered headings; 8 rigs in scope text only, no rigs/projects rows.

def doc_11():
    doc = new_doc("GOBI EXPLORATION DRILLING LLC - DESKTOP STUDY HANDOVER")
    p(doc, "Owner: Daniel Reeves (AE, APAC). Updated 20 October 2025.")

    h(doc, "1) DEAL SUMMARY", 2)
    kv_table(doc, [
        ("Customer", "Gobi Exploration Drilling LLC (GED)"),
        ("Industry", "Drilling contractor"),
        ("Segment", "Enterprise"),
        ("Deal size", "USD 210,000 ARR"),
        ("CRM", "https://app.hubspot.com/contacts/4471902/deal/20894410077"),
        ("Region", "APAC - Mongolia"),
        ("Sales rep", "Daniel Reeves"),
        ("Billing cycles of plod data", "2 monthly (August and September 2025)"),
        ("Presentation date", "20 November 2025"),
    ])

    h(doc, "2) COMPANY & PROJECT CONTEXT", 2)
    p(doc, "GED is Mongolia's largest independent drilling contractor (16 rigs, about 400 staff, Ulaanbaatar "
           "head office). Their biggest job is the Tsagaan Uul copper-gold project in Ömnögovi province for "
           "Khan Altai Resources, under contract KAR-TU-2024-07 (3 seasons, 2024-2026, about USD 14M a season). "
           "The drilling season runs April to October; camps close for winter in early November.")

    h(doc, "3) CURRENT WORKFLOW", 2)
    p(doc, "Bilingual (Mongolian/English) paper plods per 12-hour shift, signed by the Khan Altai geologist. "
           "Camp clerks type them into Excel each day and email the file to Ulaanbaatar, where the billing team "
           "prices them against the contract rates and builds the monthly invoice in 1C. Khan Altai checks "
           "invoices against their acQuire drill database; the September invoice took 19 days to approve.")

    h(doc, "4) SPICED", 2)
    bullets(doc, [
        ("SITUATION: ", "8 rigs on Tsagaan Uul, about 14,000 m a month of DD and RC, paper plods, Excel, 1C "
         "invoicing."),
        ("PAIN: ", "USD 96,000 of the August invoice disputed (dust-storm standby on 11-13 August and "
         "consumables without plod support); 3 billing staff spend about 6 days a month on the invoice."),
        ("IMPACT: ", "USD 1.1-1.3M of cash is delayed roughly 3 weeks every month; Chris estimates 1.5% of "
         "revenue, about USD 210k a season, is never billed."),
        ("CRITICAL EVENT: ", "Khan Altai's 2026 season award is decided in January 2026 and requires digital "
         "daily plods with client approval from the April 2026 mobilisation."),
        ("DECISION: ", "Criteria: bilingual mobile plods, invoice pricing from the rates, client approval. "
         "Bat-Erdene decides and signs, Oyunchimeg controls budget; no procurement; decision by "
         "15 December 2025."),
    ])

    h(doc, "5) STAKEHOLDERS", 2)
    grid(doc, ["Name", "Role", "Team", "Engaged", "Demoed", "Committed"], [
        ["Bat-Erdene Ganbold", "CEO", "Management", "Yes", "Yes (24 Sep)", "Yes"],
        ["Oyunchimeg Dorj", "Finance Director", "Finance", "Yes", "Yes (24 Sep, 8 Oct)", "Yes"],
        ["Chris Maddox", "Operations Manager", "Operations", "Yes", "Yes (24 Sep)", "Yes"],
    ])

    h(doc, "6) USE CASES, QUESTIONS & SUCCESS CRITERIA", 2)
    numbered(doc, [
        "Rebuild the August and September invoices from the plods and rates. Success: within 1% of invoiced "
        "value, or every difference itemised.",
        "Dispute pack for the USD 96,000 August dispute. Success: Oyunchimeg can send Khan Altai the plod "
        "evidence per shift straight from CorePlan.",
        "Fleet view: metres per shift, standby and availability for every rig on the project. Success: Chris "
        "gets a daily report by 07:00 Ulaanbaatar time.",
    ])

    h(doc, "7) BUSINESS CASE", 2)
    p(doc, "Started - v1 reviewed with Oyunchimeg on 8 October. Value about USD 330k a season: USD 210k unbilled "
           "revenue recovered, USD 60k billing team time, USD 60k financing cost on delayed cash. Assumption: "
           "1.5% unbilled holds in August-September; Khan Altai accepts CorePlan approvals.")

    h(doc, "8) DATA PROVIDED", 2)
    bullets(doc, [
        "Plod data: daily Excel files merged into one workbook, 1 August - 30 September 2025, 2 monthly billing "
        "cycles.",
        "Invoices: August (INV-TU-2508) and September (INV-TU-2509) invoices to Khan Altai with pricing sheets.",
        "Schedule of rates: Appendix B of KAR-TU-2024-07 (DD/RC metre rates, hourly rates, standby incl. dust "
        "storm, mob/demob, camp charges, consumables).",
        "Plod form: bilingual blank form and 15 scans.",
        "Reporting: Khan Altai's weekly drilling report template.",
    ])

    h(doc, "9) SCOPE", 2)
    p(doc, "Tsagaan Uul project only (1 project), 8 rigs: GED-01, GED-02, GED-03, GED-05, GED-06, GED-08, GED-11 "
           "and GED-12 (5 DD, 3 RC). Chris wants the whole Tsagaan Uul fleet in the study rather than a subset, "
           "because the dispute and the invoice cover all of them.")

    h(doc, "10) TIMELINES", 2)
    p(doc, "Study 27 October - 14 November 2025; presentation 20 November 2025 in Ulaanbaatar; decision by "
           "15 December 2025; GED's legal counsel reviews the MSA in about 2 weeks; no security review. Holidays: "
           "Independence Day 29 December and Tsagaan Sar (Lunar New Year) mid-February 2026; camps closed from "
           "5 November.")

    h(doc, "11) NEXT STEPS AFTER THE STUDY", 2)
    p(doc, "Commercial proposal by 27 November; signature by 15 December; configuration and crew training in "
           "February-March 2026 so digital plods go live at the April 2026 mobilisation, in time for the "
           "Khan Altai requirement.")

    h(doc, "12) RISKS & OPEN QUESTIONS", 2)
    p(doc, "Bat-Erdene is the sole signatory and is travelling in December. Oyunchimeg is the budget gatekeeper. "
           "Khan Altai might impose its own acQuire-based plod capture. Open: rates are in USD but camp charges "
           "are in MNT at a monthly exchange rate - CS to confirm how to configure.")
    return doc, "Daniel Reeves", "GED - DS handover"


# --------------------------------------------------------------------------- 12
# Spanish/English mix (Peru) with a merged-cell deal summary table.

def doc_12():
    doc = new_doc("Handover Desktop Study - Minera Andina del Sur S.A.C.")
    p(doc, "Preparado por / prepared by: Diego Paredes (Account Executive LATAM) - 31/03/2025")

    h(doc, "1. Resumen del deal / Deal summary", 1)
    groups = [
        ("Cliente", [
            ("Customer", "Minera Andina del Sur S.A.C."),
            ("Industry", "Mining company (minera - cobre / molibdeno)"),
            ("Segment", "Enterprise"),
            ("Region", "LATAM - Perú (Arequipa)"),
        ]),
        ("Comercial", [
            ("Deal size", "USD 160,000 ARR"),
            ("CRM deal link", "https://app.hubspot.com/contacts/4471902/deal/19402266189"),
            ("Sales rep", "Diego Paredes"),
        ]),
        ("Alcance / Scope", [
            ("Número de rigs", "4"),
            ("Número de proyectos", "1"),
            ("Billing cycles (plods)", "3 valorizaciones mensuales (enero, febrero, marzo 2025)"),
            ("Fecha de presentación", "22/04/2025"),
        ]),
    ]
    n_rows = 1 + sum(len(g[1]) for g in groups)
    t = doc.add_table(rows=n_rows, cols=3)
    t.style = "Table Grid"
    title = t.cell(0, 0).merge(t.cell(0, 2))
    title.text = ""
    title.paragraphs[0].add_run("RESUMEN DEL DEAL / DEAL SUMMARY").bold = True
    r = 1
    for group, rows in groups:
        for i, (k, v) in enumerate(rows):
            t.cell(r + i, 1).text = k
            t.cell(r + i, 2).text = v
        g = t.cell(r, 0).merge(t.cell(r + len(rows) - 1, 0))
        g.text = group
        r += len(rows)

    h(doc, "2. Contexto de la empresa y proyecto (company & project context)", 1)
    p(doc, "Minera Andina del Sur opera la mina Pucará (cobre-molibdeno, tajo abierto) en la provincia de "
           "Caylloma, Arequipa. El estudio es para el Proyecto Pucará Norte, una campaña de perforación de "
           "definición de recursos 8 km al norte de la mina. The drilling is outsourced to Perforaciones "
           "Huascarán S.A.C. under Contrato MAS-PH-2024-011 (18 meses desde julio 2024). Presupuesto de "
           "perforación 2025: USD 8.5M.")

    h(doc, "3. Current workflow / flujo actual", 1)
    p(doc, "Los perforistas llenan el reporte diario de perforación (plod) en papel por guardia de 12 horas; "
           "el geólogo de turno de Minera Andina lo firma. The plods are scanned in the campamento and Luis "
           "Quispe's team types them into Excel. Cada mes Huascarán presenta su valorización; Luis la concilia "
           "contra el Excel y el tarifario (Anexo 3 del contrato), y después se emite la factura, que entra a "
           "SAP. La conciliación toma 5 días hábiles al mes y casi siempre hay observaciones por standby y "
           "consumibles (brocas, lodos).")

    h(doc, "4. SPICED", 1)
    bullets(doc, [
        ("Situation: ", "4 máquinas de Huascarán en Pucará Norte, ~6,000 m/mes (DDH + RC), plods en papel, "
         "valorizaciones mensuales conciliadas en Excel."),
        ("Pain: ", "en febrero se observaron USD 47,500 de la valorización (standby por tormentas eléctricas y "
         "brocas sin respaldo en el plod); 5 días/mes de conciliación; no hay costo por metro por máquina."),
        ("Impact: ", "Carla estima sobrecostos de 2-3% del presupuesto, USD 170-255k al año; el reporte de "
         "costos a gerencia sale con 4 semanas de retraso."),
        ("Critical event: ", "renovación del contrato con Huascarán el 31/07/2025; quieren datos por máquina "
         "para negociar el nuevo tarifario en junio."),
        ("Decision: ", "criterios = validación automática de valorizaciones vs tarifario, reglas de standby, "
         "exportación a SAP. Proceso: Carla y Luis recomiendan, Jorge Salazar (Finanzas) aprueba presupuesto, "
         "firma el Gerente General Ricardo Valdivia; homologación de proveedor por Logística. Decisión al "
         "31/05/2025."),
    ])

    h(doc, "5. Stakeholders / interesados", 1)
    grid(doc, ["Nombre", "Rol", "Equipo", "Engaged", "Demoed", "Committed"], [
        ["Ing. Carla Mendoza", "Superintendente de Exploración", "Geología", "Sí", "Sí (12/02)", "Sí"],
        ["Luis Quispe", "Jefe de Contratos (contracts lead)", "Administración de contratos", "Sí",
         "Sí (12/02 y 26/02)", "Sí"],
        ["Jorge Salazar", "Gerente de Finanzas", "Finanzas", "Sí", "No", "No"],
    ])

    h(doc, "6. Casos de uso, preguntas y success criteria", 1)
    numbered(doc, [
        "Conciliar las valorizaciones de enero, febrero y marzo contra los plods y el tarifario. Success: cada "
        "línea cuadra o queda observada con evidencia; diferencia total explicada al dólar.",
        "Standby por tormentas: aplicar la cláusula 12.4 (máximo 3 horas por guardia). Success: lista de "
        "guardias con exceso y valor en USD, incluyendo los USD 47,500 observados en febrero.",
        "Costo por metro por máquina y tipo de pozo (DDH vs RC). Success: Carla lo genera en menos de 10 "
        "minutos para el reporte mensual.",
    ])

    h(doc, "7. Business case", 1)
    p(doc, "Iniciado - v1 revisada con Carla el 25/03. Valor estimado USD 250k/año: USD 210k de sobrecostos "
           "evitados (2.5% de USD 8.5M) + USD 40k de tiempo del equipo de contratos. Supuestos: el 2.5% se "
           "confirma con la data de enero-marzo; Huascarán acepta enviar plods digitales desde agosto.")

    h(doc, "8. Data provided / data recibida", 1)
    bullets(doc, [
        "Plod data: Excel del equipo de Luis, 01/01/2025 - 31/03/2025, 3 billing cycles mensuales, las 4 "
        "máquinas (recibido 28/03).",
        "Invoices: valorizaciones y facturas de Huascarán de enero, febrero y marzo 2025 (PDF + Excel).",
        "Schedule of rates: Anexo 3 - Tarifario del Contrato MAS-PH-2024-011 (tarifas por metro DDH HQ/NQ y "
        "RC, horas, standby, movilización / desmovilización, consumibles).",
        "Plod form: formato de reporte diario en blanco + 10 escaneados.",
        "Reporting: reporte mensual de costos de exploración (PowerPoint).",
    ])

    h(doc, "9. Alcance (scope)", 1)
    p(doc, "1 proyecto (Pucará Norte), 4 rigs: PH-DD01 y PH-DD04 (diamantinas), PH-RC02 y PH-RC05 (aire "
           "reverso). Fuera de alcance: la perforación de producción en mina Pucará.")

    h(doc, "10. Cronograma / timelines", 1)
    p(doc, "Estudio del 07/04 al 17/04/2025; presentación 22/04/2025 en Arequipa (presencial + Teams para "
           "Lima). Decisión del cliente al 31/05/2025. Homologación de proveedor (Logística) ~4 semanas y "
           "cuestionario de seguridad de TI - ambos arrancan el 14/04. Feriados: Semana Santa 17-18/04, "
           "1 de mayo; cierre contable mensual los primeros 5 días hábiles.")

    h(doc, "11. Next steps después del estudio", 1)
    p(doc, "Propuesta comercial para las 4 máquinas de Pucará Norte al 25/04; firma objetivo 31/05; "
           "implementación en junio-julio para que el nuevo contrato con Huascarán (agosto) ya exija plods "
           "digitales en CorePlan. Posible POC pagado de 30 días si Jorge lo pide.")

    h(doc, "12. Riesgos y open questions", 1)
    p(doc, "Jorge Salazar (Finanzas) no ha visto demo y aprueba el presupuesto; Ricardo Valdivia (GG) firma y "
           "no lo conocemos. Logística puede pedir tres cotizaciones. Huascarán podría resistirse a compartir "
           "plods digitales antes de la renovación. Pregunta abierta: el tarifario tiene tarifas en USD pero "
           "consumibles en soles (PEN) - CS debe confirmar tipo de cambio a usar.")
    return doc, "Diego Paredes", "Handover DS - Minera Andina del Sur"


DOCS = {
    "01_nevada_gold_narrative": doc_01,
    "02_heading3_reordered": doc_02,
    "03_au_terse_dotpoints": doc_03,
    "04_checkbox_label_value": doc_04,
    "05_merged_sections": doc_05,
    "06_chatgpt_polished_vague": doc_06,
    "07_generic_industry_stats": doc_07,
    "08_rushed_thin": doc_08,
    "09_fails_deal_size": doc_09,
    "10_fails_stakeholders": doc_10,
    "11_fails_rigs": doc_11,
    "12_peru_spanglish_merged_table": doc_12,
}


def build(outdir: Path = HERE) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    out = []
    for stem, fn in DOCS.items():
        doc, author, title = fn()
        path = outdir / f"{stem}.docx"
        save(doc, path, author, title)
        out.append(path)
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    for path in build(target):
        print(path)
