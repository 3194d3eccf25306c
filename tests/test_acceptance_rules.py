"""Each acceptance criterion at its edges: the numbers the rubric sets, and how the data
checklist's answers are read. One rule per test, on the specific handover with one thing changed."""
import pytest

from server.validators.docx_reader import read_docx
from server.validators.fields import parse_count, segment_of
from server.validators.scorer import score_document
from tests.handover_builder import GOOD, handover, set_field, to_docx


def score(doc):
    return score_document(read_docx(to_docx(doc)))


def criterion(card, cid):
    return next(c for c in card.criteria if c.id == cid)


def data_table(*rows):
    return [("table", [["Item", "Received", "Details (period, file, location)"], *rows])]


GOOD_ROWS = {
    "plods": ["Plod data (Excel or CSV)", "Yes", "Jan-Mar 2027, 3 billing cycles, DS Data/plods_Q1.xlsx"],
    "invoices": ["Invoices or claims for the same period", "Yes", "3 invoices, DS Data/invoices/"],
    "rates": ["Schedule of rates", "Yes", "Northern Star SOR rev 4, DS Data/SOR_rev4.pdf"],
}


@pytest.mark.parametrize("cycles, passes", [("1", False), ("2", True), ("4", True), ("5", False)])
def test_plod_data_must_cover_two_to_four_billing_cycles(cycles, passes):
    card = score(set_field(GOOD, "Billing cycles of plod data", cycles))
    result = criterion(card, "plod_billing_cycles")
    assert result.passed is passes
    if not passes:
        assert f"{cycles} billing cycles of plod data (needs 2 to 4)" in result.evidence


@pytest.mark.parametrize("rigs, passes", [("5", True), ("6", False)])
def test_more_than_five_rigs_needs_a_managers_exception(rigs, passes):
    result = criterion(score(set_field(GOOD, "Number of rigs", rigs)), "rigs")
    assert result.passed is passes
    assert result.label == "At most 5 rigs (or a manager's exception)"
    if not passes:
        assert "over 5 needs a manager-approved exception" in result.evidence


@pytest.mark.parametrize("projects, passes", [("1", True), ("2", False)])
def test_more_than_one_project_needs_a_managers_exception(projects, passes):
    assert criterion(score(set_field(GOOD, "Number of projects", projects)), "projects").passed is passes


@pytest.mark.parametrize("amount, passes", [("AUD 50,000", False), ("AUD 50,001", True), ("USD 135.000", True)])
def test_deal_size_must_be_over_fifty_thousand(amount, passes):
    assert criterion(score(set_field(GOOD, "Deal size", amount)), "deal_size").passed is passes


@pytest.mark.parametrize("key, label", [("invoices", "Invoices"), ("rates", "Schedule of rates")])
def test_invoices_or_rates_with_no_received_mark_fail_with_the_row_as_evidence(key, label):
    rows = dict(GOOD_ROWS)
    rows[key] = [rows[key][0], "", rows[key][2]]
    card = score(handover(Data_provided=data_table(*rows.values())))
    cid = "invoices" if key == "invoices" else "schedule_of_rates"
    result = criterion(card, cid)
    assert not result.passed
    assert result.evidence.startswith(f"{label} not marked received")


def test_plod_data_marked_not_received_fails():
    rows = dict(GOOD_ROWS)
    rows["plods"] = ["Plod data (Excel or CSV)", "No", "Jan-Mar 2027, 3 billing cycles, promised by 20 Feb"]
    result = criterion(score(handover(Data_provided=data_table(*rows.values()))), "plod_billing_cycles")
    assert not result.passed and result.evidence.startswith("Plod data not received")


def test_a_ticked_box_is_received_and_an_empty_box_is_not():
    items = [("li", "[x] Plod data Jan-Mar 2027, 3 billing cycles (DS Data/plods_Q1.xlsx)"),
             ("li", "[x] Invoices for Jan-Mar 2027"), ("li", "[ ] Schedule of rates rev 4")]
    card = score(handover(Data_provided=items))
    assert criterion(card, "invoices").passed
    assert criterion(card, "plod_billing_cycles").passed
    assert not criterion(card, "schedule_of_rates").passed


def test_a_data_table_without_a_status_column_is_read_from_its_words():
    table = [("table", [["Item", "Details"],
                        ["Plod data", "received: Jan-Mar 2027, 3 billing cycles, DS Data/plods_Q1.xlsx"],
                        ["Invoices", "received: 3 invoices, DS Data/invoices/"],
                        ["Schedule of rates", "not received yet, promised by 20 Feb"]])]
    card = score(handover(Data_provided=table))
    assert criterion(card, "plod_billing_cycles").passed and criterion(card, "invoices").passed
    assert not criterion(card, "schedule_of_rates").passed


def test_an_item_listed_pending_then_received_counts_as_received():
    items = [("li", "Invoices: pending, Priya to send"),
             ("li", "Invoices: received 14 Feb, 3 invoices in DS Data/invoices/"),
             ("li", "Plod data: received, Jan-Mar 2027, 3 billing cycles, DS Data/plods_Q1.xlsx"),
             ("li", "Schedule of rates: received, SOR rev 4, DS Data/SOR_rev4.pdf")]
    card = score(handover(Data_provided=items))
    assert criterion(card, "invoices").passed


def test_received_with_nothing_said_of_what_was_received_fails():
    rows = dict(GOOD_ROWS)
    rows["invoices"] = ["Invoices or claims for the same period", "Provided", ""]
    result = criterion(score(handover(Data_provided=data_table(*rows.values()))), "invoices")
    assert not result.passed and "with no detail" in result.evidence


GOOD_LINES = {
    "plods": ("li", "Plod data: received, Jan-Mar 2027, 3 billing cycles, DS Data/plods_Q1.xlsx"),
    "invoices": ("li", "Invoices: received, 3 invoices, DS Data/invoices/"),
    "rates": ("li", "Schedule of rates: received, SOR rev 4, DS Data/SOR_rev4.pdf"),
}


@pytest.mark.parametrize("line, received", [
    ("✅ Invoices: 3 invoices, DS Data/invoices/", True),
    ("[x] Invoices for Jan-Mar 2027", True),
    ("☐ Invoices for Jan-Mar 2027", False),
    ("Invoices - to follow from Priya, Jan-Mar 2027", False),
    ("Invoices: awaiting the Jan-Mar 2027 claims", False),
    ("Invoices: not yet received (Jan-Mar 2027)", False),
    ("Invoices: Y (3 invoices, Jan-Mar 2027)", True),
    ("Invoices for Jan-Mar 2027: in DS Data", True),
    ("Only the January 2027 invoice has been received", False),
])
def test_how_a_checklist_line_says_received(line, received):
    items = [GOOD_LINES["plods"], ("li", line), GOOD_LINES["rates"]]
    assert criterion(score(handover(Data_provided=items)), "invoices").passed is received


def test_items_after_a_not_received_line_are_not_received():
    items = [("p", "Received (in DS Data):"), GOOD_LINES["plods"], GOOD_LINES["invoices"],
             ("p", "Not received yet:"), ("li", "Schedule of rates: SOR rev 4, promised by the contracts team")]
    card = score(handover(Data_provided=items))
    assert criterion(card, "invoices").passed and not criterion(card, "schedule_of_rates").passed


def test_a_sentence_naming_several_items_lists_each_of_them():
    text = ("Selma sent the data on 27 February 2027 and it is all in the DS Data folder. We have the plod data "
            "as an Excel file covering 1 January to 28 February 2027, two monthly billing cycles for all four rigs. "
            "We also have both claims for the same two months (claim 16 and claim 17, PDF), the schedule of rates "
            "from the contract (Annexure B, revision 2) and a scan of the blank plod form.")
    card = score(handover(Data_provided=[("p", text)]))
    for cid in ("plod_billing_cycles", "invoices", "schedule_of_rates"):
        assert criterion(card, cid).passed, criterion(card, cid).evidence


def test_items_separated_by_semicolons_are_read_one_by_one():
    text = ("Plod data received: Jan-Mar 2027, 3 billing cycles, DS Data/plods_Q1.xlsx; invoices received: "
            "3 invoices in DS Data/invoices/; schedule of rates: not received yet")
    card = score(handover(Data_provided=[("p", text)]))
    assert criterion(card, "invoices").passed
    assert not criterion(card, "schedule_of_rates").passed


def test_rigs_and_projects_are_counted_from_scope_when_the_deal_table_does_not_say():
    doc = handover(Scope=[("p", "4 rigs (RR07, RR09, RR11, RR14) on one project, Carosue Dam grade control.")])
    card = score(set_field(set_field(doc, "Number of rigs", ""), "Number of projects", ""))
    assert criterion(card, "rigs").evidence == "4 rigs in scope (Scope)."
    assert criterion(card, "projects").evidence == "1 project in scope (Scope)."
    doc = handover(Scope=[("p", "Rigs RR07, RR09, RR11, RR14, RR15 and RR16: 6 rigs on the Carosue Dam project.")])
    card = score(set_field(doc, "Number of rigs", ""))
    assert not criterion(card, "rigs").passed and "6 rigs in scope (Scope)" in criterion(card, "rigs").evidence


def test_a_critical_event_with_no_day_or_month_fails_spiced():
    doc = handover(SPICED=[(k, v.replace("on 30 April 2027", "within the next 6 months")) for k, v in GOOD["SPICED"]])
    result = criterion(score(doc), "spiced")
    assert not result.passed
    assert result.evidence.startswith("SPICED Critical Event has no date (a day or a month)")


def test_a_count_stated_nowhere_says_where_to_state_it():
    doc = handover(Scope=[("p", "Rigs RR07, RR09 and RR11 on the Carosue Dam grade-control project.")])
    result = criterion(score(set_field(doc, "Number of projects", "")), "projects")
    assert (result.passed, result.evidence) == (False, "Number of projects not stated (deal summary or Scope).")


def test_an_item_line_ending_in_a_colon_is_the_item_not_a_lead_in_for_the_lines_below():
    items = [GOOD_LINES["plods"], GOOD_LINES["invoices"],
             ("li", "Schedule of rates (SOR rev 4) received 3 March 2027, in two files:"),
             ("li", "DS Data/SOR_rev4.pdf"), ("li", "DS Data/SOR_rev4_annex_B.pdf")]
    result = criterion(score(handover(Data_provided=items)), "schedule_of_rates")
    assert result.passed, result.evidence


@pytest.mark.parametrize("value,segment", [("SMB (mid-size contractor)", "SMB"), ("SMB, not Enterprise", "SMB"),
                                           ("Mid Market", "Mid-Market"), ("Enterprise (ANZ)", "Enterprise")])
def test_segment_is_the_one_named_first(value, segment):
    assert segment_of(value) == segment


@pytest.mark.parametrize("value,n", [("two (one per site)", 2), ("seven (three per shift)", 7), ("3 (DR12, DR15)", 3)])
def test_counts_are_the_number_written_first(value, n):
    assert parse_count(value) == n


def test_a_ticked_box_marks_an_item_received_over_an_earlier_pending_line():
    """A checklist updated later: the lower-case [x] tick is the rep's "received", not a weak
    mention of the period, so it replaces the earlier "pending"."""
    items = [("li", "Invoices: pending, Priya to send"),
             ("li", "[x] Invoices for January to March 2027, three files in the invoices folder"),
             GOOD_LINES["plods"], GOOD_LINES["rates"]]
    assert criterion(score(handover(Data_provided=items)), "invoices").passed


def test_the_templates_own_label_answered_yes_is_received_with_no_detail():
    """'Plod data (Excel or CSV)' is the template's row label: only the details column counts as
    what was received."""
    rows = dict(GOOD_ROWS)
    rows["plods"] = ["Plod data (Excel or CSV)", "Yes", ""]
    result = criterion(score(handover(Data_provided=data_table(*rows.values()))), "plod_billing_cycles")
    assert result.passed is False and "marked received with no detail" in result.evidence


def test_each_item_of_a_line_keeps_its_own_received_or_pending():
    line = ("li", "Invoices Jan-Mar 2027 received (DS Data/invoices/) and the schedule of rates pending")
    card = score(handover(Data_provided=[GOOD_LINES["plods"], line]))
    assert criterion(card, "invoices").passed
    rates = criterion(card, "schedule_of_rates")
    assert rates.passed is False and rates.evidence.startswith("Schedule of rates not marked received")


def test_received_with_no_detail_is_a_plain_fail_not_an_unknown():
    rows = dict(GOOD_ROWS)
    rows["rates"] = ["Schedule of rates", "Yes", ""]
    result = criterion(score(handover(Data_provided=data_table(*rows.values()))), "schedule_of_rates")
    assert result.passed is False and result.evidence.endswith("Say which file, which period, which rigs.")


def test_stakeholder_evidence_says_how_many_are_needed_only_when_short():
    short = criterion(score(handover(Stakeholders=[("table", [
        ["Name", "Role", "Engaged", "Demoed", "Committed"],
        ["Dana Whitfield", "Operations Manager", "Yes", "Yes", "Yes"]])])), "stakeholders")
    assert short.passed is False and short.evidence.endswith("(needs at least 2).")
    enough = criterion(score(GOOD), "stakeholders")
    assert enough.passed and "needs at least" not in enough.evidence


def test_a_missing_use_cases_section_and_maybe_next_steps_say_what_to_write():
    card = score(handover(**{"Key use cases, questions to answer and success criteria": None,
                             "Next steps after the study": [("p", "Next steps may include a POC and possibly a workshop.")]}))
    assert criterion(card, "use_cases_success_criteria").evidence == (
        "Use cases and success criteria section is missing or empty.")
    assert criterion(card, "next_steps").evidence.endswith("Say who does what by when.")


def test_a_label_answered_yes_marks_an_item_received_over_an_earlier_pending_line():
    items = [("li", "Invoices: pending, Priya to send"), ("li", "Invoices for January to March 2027: yes"),
             GOOD_LINES["plods"], GOOD_LINES["rates"]]
    assert criterion(score(handover(Data_provided=items)), "invoices").passed


def test_a_passing_timeline_quotes_its_dated_line():
    result = criterion(score(GOOD), "timelines")
    assert result.passed and result.evidence.startswith('"') and "2027" in result.evidence
