"""Sections found however the rep laid them out: renamed headings found by what they say, bold-line
headings, label | content tables; and where a section was read from is said."""
from copy import deepcopy
from pathlib import Path

from server.validators.docx_reader import read_docx
from server.validators.scorer import score_document
from tests.handover_builder import GOOD, make_docx, to_docx


def score(items):
    return score_document(read_docx(make_docx(*items), name="handover.docx"))


def section(card, key):
    return next(s for s in card.sections if s.key == key)


def renamed(title_from, title_to):
    doc = {}
    for title, content in deepcopy(GOOD).items():
        doc[title_to if title == title_from else title] = content
    return doc


def test_a_stakeholders_section_under_an_unknown_heading_is_found_by_its_content_and_says_where():
    card = score_document(read_docx(to_docx(renamed("Stakeholders", "Our contacts at Red Rock")), name="h.docx"))
    stakeholders = section(card, "stakeholders")
    assert stakeholders.status == "ok"
    assert stakeholders.where == "read from 'Our contacts at Red Rock'"
    assert next(c for c in card.criteria if c.id == "stakeholders").passed
    assert card.ready


def test_renamed_headings_reps_use_are_known():
    for old, new in (("Stakeholders", "Who we spoke to"), ("Risks and open questions", "What could go wrong"),
                     ("Next steps after the study", "After the study"), ("Timelines", "When")):
        card = score_document(read_docx(to_docx(renamed(old, new)), name="h.docx"))
        assert card.ready, (new, card.blocking())


def test_a_heading_about_something_else_claims_no_section():
    doc = deepcopy(GOOD)
    doc["Competitors"] = [("p", "They looked at a paper-to-PDF app in 2025 and dropped it.")]
    del doc["Risks and open questions"]
    card = score_document(read_docx(to_docx(doc), name="h.docx"))
    assert section(card, "risks").status == "missing"


def test_bold_line_headings_find_a_renamed_section_and_keep_bold_sub_labels_in_their_section():
    items = [("title", GOOD["title"])]
    for title, content in GOOD.items():
        if title == "title":
            continue
        items.append(("bold", "Round the table at Red Rock" if title == "Stakeholders" else title))
        items.extend(content)
        if title == "Current workflow":
            items += [("bold", "Rig RR07 in detail"), ("p", "RR07 loses about 40 minutes a shift to paper plods at Carosue Dam.")]
    card = score(items)
    assert section(card, "stakeholders").where == "read from 'Round the table at Red Rock'"
    assert "RR07 loses about 40 minutes" in " ".join(f.text for f in card.findings) or \
        section(card, "current_workflow").words > 60  # the sub-labelled paragraph stayed in Current workflow
    assert card.ready, card.blocking()


def test_a_label_and_content_table_is_read_section_by_section():
    rows = []
    for title, content in GOOD.items():
        if title in ("title", "Deal summary", "Stakeholders", "Data provided", "SPICED"):
            continue
        rows.append([title, "\n".join(text for kind, text in content)])
    items = [("title", GOOD["title"]), ("h1", "Deal summary"), *GOOD["Deal summary"], ("table", rows)]
    card = score(items)
    for key in ("company_context", "current_workflow", "use_cases", "business_case", "scope", "timelines",
                "next_steps", "risks"):
        assert section(card, key).status == "ok", key


def test_the_demo_samples_get_the_verdict_a_reviewer_gives():
    samples = Path(__file__).resolve().parent.parent / "doc_templates" / "samples"
    specific = score_document(read_docx(samples / "Sample - specific handover.docx"))
    generic = score_document(read_docx(samples / "Sample - generic handover.docx"))
    assert specific.ready, specific.blocking()
    assert not generic.ready and generic.score < 60
