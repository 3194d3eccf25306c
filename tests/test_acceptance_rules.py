"""Each acceptance criterion at its edges: the numbers the rubric sets, and how the data
checklist's answers are read. One rule per test, on the specific handover with one thing changed."""
import pytest

from server.validators.docx_reader import read_docx
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
