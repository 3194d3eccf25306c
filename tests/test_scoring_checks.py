"""Each check of the scorer, on a specific handover with one thing changed."""
import pytest

from server.validators.docx_reader import read_docx
from server.validators.scorer import score_document
from tests.handover_builder import GOOD, handover, make_docx, set_field, to_docx


def score(doc, **kw):
    return score_document(read_docx(to_docx(doc, **kw)))


def section(card, title):
    return next(s for s in card.sections if s.title == title)


def kinds(card, title=None):
    return [f.kind for f in card.findings if title is None or f.section == title]


def failed(card):
    return card.failed_criteria()


def test_the_specific_handover_is_ready_with_full_marks():
    card = score(GOOD)
    assert card.ready and card.score == 100
    assert all(s.status == "ok" for s in card.sections)
    assert failed(card) == []


def test_same_content_scores_the_same_with_bold_lines_or_heading_2_instead_of_heading_1():
    base = score(GOOD)
    for heading in ("h2", "bold"):
        card = score(GOOD, heading=heading)
        assert [(s.title, s.status, s.score) for s in card.sections] == [(s.title, s.status, s.score) for s in base.sections]


def test_missing_section_costs_its_weight_and_is_traced():
    card = score(handover(Business_case=None))
    s = section(card, "Business case")
    assert s.status == "missing" and s.score == 0
    assert "missing_section" in kinds(card, "Business case")
    assert card.score == 100 - 8  # weight 8 of 100
    assert "business_case" in failed(card) and not card.ready


def test_guidance_and_placeholders_only_is_empty():
    card = score(handover(Scope=[("p", "Which rigs, projects and sites are in the study (at most 5 rigs and 1 project unless a manager approves)."), ("p", "TBD")]))
    assert section(card, "Scope").status == "empty"


def test_placeholder_in_a_filled_section_is_an_error_finding():
    card = score(handover(Business_case=[("p", GOOD["Business case"][0][1] + " Payback period: TBD. Sponsor: [Name].")]))
    found = [f.text for f in card.findings if f.kind == "placeholder"]
    assert "TBD" in found and "[Name]" in found


def test_one_liner_is_thin():
    card = score(handover(Current_workflow=[("p", "They use spreadsheets and it is slow.")]))
    assert section(card, "Current workflow").status == "thin"
    assert not card.ready


def test_short_but_specific_bullets_are_not_thin():
    terse = [("li", "Paper plods, 12h shifts, 4 rigs (RR07/09/11/14)"),
             ("li", "Supervisor D. Kerr scans Mon -> Kalgoorlie office"),
             ("li", "P. Nair: Excel 38 tabs, 3 days/month recon vs SOR"),
             ("li", "Invoice in MYOB on the 25th; 6-8% disputed")]
    card = score(handover(Current_workflow=terse))
    assert section(card, "Current workflow").status == "ok"


def test_long_fluent_boilerplate_is_generic():
    fluent = [("p",
        "The customer currently relies on manual processes across their operations, which creates challenges "
        "for the team when it comes to understanding performance and making informed decisions. Information "
        "is captured in different places and brought together by hand, which takes time and introduces the "
        "possibility of errors. The leadership team has expressed interest in a better way of working that "
        "gives them confidence in the numbers and frees people up to focus on higher value work. They see "
        "this as an important step for the business and are open to exploring how a new platform could help.")]
    card = score(handover(Current_workflow=fluent))
    s = section(card, "Current workflow")
    assert s.status == "generic"
    assert "generic_section" in kinds(card, "Current workflow") and "generic_sentence" in kinds(card, "Current workflow")
    assert not card.ready


def test_stock_phrases_and_vague_quantifiers_are_flagged_with_the_quote():
    text = ("Red Rock wants to leverage a robust platform to streamline operations across several rigs "
            "at Carosue Dam and see significant savings on the Northern Star contract.")
    card = score(handover(Business_case=[("p", GOOD["Business case"][0][1]), ("p", text)]))
    stock = {f.text.lower() for f in card.findings if f.kind == "stock_phrase"}
    assert all(any(word in phrase for phrase in stock) for word in ("leverage", "robust", "streamline operations"))
    vague = [f for f in card.findings if f.kind == "vague_quantifier"]
    assert vague and vague[0].text.lower() in ("several", "significant") and vague[0].suggestion


def test_vague_quantifier_with_a_number_behind_it_is_fine():
    card = score(handover(Scope=[("p", "Several rigs: RR07, RR09, RR11 and RR14 (4 in all) on the Carosue Dam grade-control project.")]))
    assert "vague_quantifier" not in kinds(card, "Scope")


def test_paragraph_pasted_into_several_sections_is_flagged_where_it_repeats():
    pasted = ("Red Rock wants one place for plods, standby and invoices so the contracts team stops re-keying "
              "shift data every month at Carosue Dam.")
    card = score(handover(Scope=GOOD["Scope"] + [("p", pasted)], Timelines=GOOD["Timelines"] + [("p", pasted)]))
    dup = [f for f in card.findings if f.kind == "duplicate_text"]
    assert [f.section for f in dup] == ["Timelines"] and "Scope" in dup[0].message


def test_restating_the_guidance_is_flagged():
    card = score(handover(Next_steps_after_the_study=[("p", "What happens if the study succeeds: a POC or a commercial proposal, and who decides.")]))
    assert "guidance_paraphrase" in kinds(card, "Next steps after the study")


def test_every_point_lost_is_traced_to_a_finding():
    doc = handover(Current_workflow=[("p", "They use spreadsheets.")], Scope=None,
                   Business_case=[("p", "We will leverage a robust solution. TBD.")])
    card = score(doc)
    for s in card.sections:
        assert s.score == max(0, 100 - sum(f.points for f in s.findings)), s.title
        if s.score < 100:
            assert s.findings
    weighted = sum(s.score * s.weight for s in card.sections) / sum(s.weight for s in card.sections)
    assert card.score == round(weighted)


def test_scoring_is_deterministic():
    data = to_docx(handover(Current_workflow=[("p", "They use spreadsheets and several systems.")]))
    a, b = score_document(read_docx(data)), score_document(read_docx(data))
    assert a.to_dict() == b.to_dict()


# --- acceptance criteria: one change, exactly one criterion fails ---------------------------

@pytest.mark.parametrize("label,value,criterion", [
    ("Segment", "SMB", "segment"),
    ("Deal size", "AUD 35,000", "deal_size"),
    ("Deal size", "$50k", "deal_size"),
    ("Number of rigs", "7", "rigs"),
    ("Number of projects", "2", "projects"),
    ("Billing cycles of plod data", "1", "plod_billing_cycles"),
    ("Billing cycles of plod data", "6", "plod_billing_cycles"),
])
def test_deal_field_outside_the_rules_fails_its_criterion(label, value, criterion):
    card = score(set_field(GOOD, label, value))
    assert failed(card) == [criterion]
    assert not card.ready
    evidence = next(c.evidence for c in card.criteria if c.id == criterion)
    assert value.split()[-1].lower().replace("$", "") in evidence.lower()


@pytest.mark.parametrize("value", ["Mid-Market", "mid market", "Enterprise (ANZ)"])
def test_accepted_segments(value):
    assert "segment" not in failed(score(set_field(GOOD, "Segment", value)))


@pytest.mark.parametrize("value", ["$75k", "1.2M USD", "AUD 50,001"])
def test_deal_sizes_over_50k(value):
    assert "deal_size" not in failed(score(set_field(GOOD, "Deal size", value)))


def test_only_one_committed_stakeholder_fails():
    rows = [r[:] for r in GOOD["Stakeholders"][0][1]]
    rows[2][5] = "Not yet"
    card = score(handover(Stakeholders=[("table", rows)]))
    assert failed(card) == ["stakeholders"]
    assert "1 of 3" in next(c.evidence for c in card.criteria if c.id == "stakeholders")


def test_stakeholders_as_a_list_still_count_but_the_shape_is_flagged():
    items = [("li", "Mark Lewis (COO) - engaged, demoed, committed"),
             ("li", "Priya Nair (Contracts Administrator) - engaged, demoed, committed"),
             ("li", "Dave Kerr (Supervisor) - engaged, not demoed")]
    card = score(handover(Stakeholders=items))
    assert "stakeholders" not in failed(card)


def test_spiced_without_critical_event_and_decision_fails():
    parts = GOOD["SPICED"][:6]
    card = score(handover(SPICED=parts))
    assert failed(card) == ["spiced"]
    assert "Critical Event, Decision" in next(c.evidence for c in card.criteria if c.id == "spiced")
    assert [f.text for f in card.findings if f.kind == "missing_part"] == ["", ""]


def test_spiced_as_lead_in_lines_is_read():
    lines = [("p", f"{GOOD['SPICED'][i][1]}: {GOOD['SPICED'][i + 1][1]}") for i in range(0, 10, 2)]
    assert "spiced" not in failed(score(handover(SPICED=lines)))


def test_invoices_not_received_fails():
    rows = [r[:] for r in GOOD["Data provided"][0][1]]
    rows[2][1] = "Requested"
    assert failed(score(handover(Data_provided=[("table", rows)]))) == ["invoices"]


def test_checklist_lines_with_ticks_are_read():
    items = [("li", "[x] Plod data Jan-Mar 2027, 3 billing cycles (DS Data/plods_Q1.xlsx)"),
             ("li", "[x] Invoices for Jan-Mar 2027"), ("li", "[x] Schedule of rates rev 4"),
             ("li", "[ ] Reporting examples")]
    card = score(handover(Data_provided=items))
    assert not {"plod_billing_cycles", "invoices", "schedule_of_rates"} & set(failed(card))


def test_use_cases_without_a_measurable_criterion_fails():
    items = [("li", "Reconcile plods against the schedule of rates for Red Rock."),
             ("li", "Show standby by rig at Carosue Dam."), ("li", "Show consumables by hole for Northern Star.")]
    assert "use_cases_success_criteria" in failed(score(handover(**{"Key use cases, questions to answer and success criteria": items})))


def test_timelines_without_a_date_fail():
    card = score(handover(Timelines=[("p", "Red Rock wants the presentation after the Northern Star review, once procurement at Carosue Dam has signed off.")]))
    assert "timelines" in failed(card)


# --- odd documents: always a scorecard ----------------------------------------------------------

@pytest.mark.parametrize("items", [
    [],
    [("title", "Only a title")],
    [("p", "Just some notes about a customer with no headings at all.")],
    [("table", [["a"]]), ("table", [[""] * 5] * 3)],
    [("h1", "Business case"), ("table", [["x", "y", "z"], ["1"]])],
])
def test_odd_documents_get_a_scorecard(items):
    card = score_document(read_docx(make_docx(*items)))
    assert len(card.sections) == 12 and 0 <= card.score <= 100 and card.ready is False
