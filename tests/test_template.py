"""The template a rep opens: generated from the rubric, it reads back as the rubric says, shows
how it is judged and a worked example for every section (which the scorer never counts as the
rep's), and keeps its look through Google Docs' conversion (the fake's Docs JSON)."""
import dataclasses

import docx
import pytest

from server.generators.template_doc import template_bytes
from server.paths import TEMPLATE_PATH
from server.validators.docx_reader import read_docx
from server.validators.scorer import score_document
from server.validators.sections import split_sections
from tests.handover_builder import GOOD, handover, to_docx


def fill_of(element) -> str:
    shading = element.find(docx.oxml.ns.qn("w:shd")) if element is not None else None
    return shading.get(docx.oxml.ns.qn("w:fill")) if shading is not None else ""


def test_template_has_every_section_as_heading_1_in_rubric_order(rubric):
    d = docx.Document(TEMPLATE_PATH)
    headings = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    assert headings == [f"{i}. {s.title}" for i, s in enumerate(rubric.sections, 1)]
    parts = [p.text for p in d.paragraphs if p.style.name == "Heading 2"]
    assert parts == list(rubric.section("spiced").parts)


def test_the_cover_says_whose_handover_it_is_and_what_a_submission_will_fill_in(rubric):
    d = docx.Document(TEMPLATE_PATH)
    cover = d.tables[0]
    assert [r.cells[0].text for r in cover.rows] == ["Customer", "Deal", "Sales rep", "Study ID", "Status"]
    assert cover.rows[0].cells[1].text == rubric.field("customer").placeholder
    assert [r.cells[1].text for r in cover.rows[3:]] == ["Given when submitted", "Draft: not submitted yet"]
    assert rubric.field("customer").placeholder in d.sections[0].header.paragraphs[0].text
    assert "page" in d.sections[0].footer.paragraphs[0].text


def test_how_it_is_judged_names_every_acceptance_criterion_and_is_never_read_as_a_section(rubric):
    d = docx.Document(TEMPLATE_PATH)
    box = next(p.text for p in d.paragraphs if p.text.startswith("Submit needs every acceptance criterion"))
    assert all(rubric.criterion_label(cid) in box for cid in rubric.criteria)
    split = split_sections(read_docx(TEMPLATE_PATH), rubric)
    assert list(split.found) == [s.key for s in rubric.sections]  # no criterion's name starts a section early
    assert any("How this handover is judged" in b.text for b in split.preamble)


def test_guidance_is_grey_examples_shaded_and_tables_have_shaded_headers_and_set_widths(rubric):
    d = docx.Document(TEMPLATE_PATH)
    guidance = [r for p in d.paragraphs for r in p.runs if r.italic]
    assert guidance and all(str(r.font.color.rgb) == "808080" for r in guidance)
    examples = [p for p in d.paragraphs if p.text.startswith("Example of a specific answer")]
    assert len(examples) == len(rubric.sections) and all(fill_of(p._p.pPr) == "E8F3E4" for p in examples)
    summary, stakeholders, checklist = d.tables[1], d.tables[2], d.tables[3]
    assert [r.cells[0].text for r in summary.rows] == [f.label for f in rubric.fields]
    assert [r.cells[1].text for r in summary.rows] == [f.placeholder for f in rubric.fields]
    assert [c.text for c in stakeholders.rows[0].cells] == list(rubric.section("stakeholders").columns)
    assert all(fill_of(c._tc.tcPr) == "D9E2F3" for c in stakeholders.rows[0].cells)
    assert [r.cells[0].text for r in checklist.rows[1:]] == list(rubric.section("data_provided").items)
    assert [round(c.width.cm, 1) for c in checklist.rows[0].cells] == [5.0, 2.5, 9.0]


def test_committed_template_is_up_to_date_with_the_rubric(rubric):
    committed = read_docx(TEMPLATE_PATH)
    fresh = read_docx(template_bytes())
    assert [(b.kind, b.text, b.rows) for b in committed.blocks] == [(b.kind, b.text, b.rows) for b in fresh.blocks], \
        "run `handover template` after changing doc_templates/rubric.toml"


def test_reader_finds_all_twelve_sections_in_the_template(rubric):
    split = split_sections(read_docx(TEMPLATE_PATH), rubric)
    assert list(split.found) == [s.key for s in rubric.sections]


def test_the_untouched_template_scores_nothing_its_examples_are_not_the_reps(rubric):
    card = score_document(read_docx(TEMPLATE_PATH))
    assert card.score == 0 and not card.ready
    left = [f for f in card.findings if f.kind == "example_left"]
    assert {f.section for f in left} == {s.title for s in rubric.sections}


@pytest.mark.parametrize("key", ["company_context", "current_workflow", "spiced", "use_cases", "business_case",
                                 "scope", "timelines", "next_steps", "risks"])
def test_each_worked_example_is_what_the_scorer_asks_for(rubric, key, tmp_path):
    """The rubric's example, written as a rep's own answer, is a section the scorer passes: the
    template and the scorer never disagree about what good looks like."""
    section = rubric.section(key)
    as_written = dataclasses.replace(rubric, sections=tuple(dataclasses.replace(s, example="")
                                                            for s in rubric.sections))
    path = tmp_path / "h.docx"
    path.write_bytes(to_docx(handover(**{section.title.replace(" ", "_"): [("p", section.example)]})))
    result = next(s for s in score_document(read_docx(path), as_written).sections if s.key == key)
    assert (result.status, result.findings) == ("ok", [])
    kept = next(s for s in score_document(read_docx(path)).sections if s.key == key)
    assert kept.status == "empty" and {f.kind for f in kept.findings} == {"empty_section", "example_left"}


def test_an_example_left_beside_the_reps_own_answer_is_an_error_to_delete(rubric, tmp_path):
    example = rubric.section("scope").example
    path = tmp_path / "h.docx"
    path.write_bytes(to_docx(handover(Scope=GOOD["Scope"] + [("p", "Example of a specific answer (replace it with "
                                                                     "yours): " + example)])))
    card = score_document(read_docx(path))
    scope = next(s for s in card.sections if s.key == "scope")
    assert [f.kind for f in scope.findings] == ["example_left"] and not card.ready


def test_google_docs_conversion_keeps_headings_tables_shading_widths_and_the_page_header(fake):
    """The template uploaded as a Google Doc (Drive converts it): the Docs JSON the fake returns."""
    from tests.google_env import google_workspace, upload_docx
    ws = google_workspace(fake)
    doc_id = upload_docx(ws, TEMPLATE_PATH.read_bytes(), "Template")
    got = ws.docs.documents().get(documentId=doc_id).execute()
    content = got["body"]["content"]
    paragraphs = [e["paragraph"] for e in content if "paragraph" in e]
    text = lambda p: "".join(r.get("textRun", {}).get("content", "") for r in p["elements"]).strip()  # noqa: E731
    assert sum(1 for p in paragraphs if p["paragraphStyle"]["namedStyleType"] == "HEADING_1") == 12
    example = next(p for p in paragraphs if text(p).startswith("Example of a specific answer"))
    assert example["paragraphStyle"]["shading"]["backgroundColor"]["color"]["rgbColor"]["green"] > 0.9
    tables = [e["table"] for e in content if "table" in e]
    assert len(tables) == 4
    header_cell = tables[2]["tableRows"][0]["tableCells"][0]["tableCellStyle"]
    assert header_cell["backgroundColor"]["color"]["rgbColor"]["blue"] > 0.9
    widths = [c["width"]["magnitude"] for c in tables[3]["tableStyle"]["tableColumnProperties"]]
    assert [round(w / 28.35, 1) for w in widths] == [5.0, 2.5, 9.0]  # points to cm
    header = got["headers"][got["documentStyle"]["defaultHeaderId"]]
    assert "[Customer]" in "".join(r["textRun"]["content"] for e in header["content"] if "paragraph" in e
                                   for r in e["paragraph"]["elements"] if "textRun" in r)
    from server.validators.docs_json_reader import read_docs_json
    as_json = ws.docs.documents().get(documentId=doc_id, includeTabsContent=True).execute()
    assert [s.status for s in score_document(read_docs_json(as_json)).sections] == \
        [s.status for s in score_document(read_docx(TEMPLATE_PATH)).sections]


def test_create_handover_fills_the_cover_and_the_page_header_in_drive_and_locally(fake, ws):
    from server.generators.deal import Deal
    from tests.google_env import google_workspace
    deal = Deal.from_input({"customer": "Quartz Ridge Drilling", "industry": "drilling", "deal_size": "120000",
                            "currency": "AUD", "rep": "Jess Moran"})
    local = docx.Document(ws.path(ws.create_handover(deal).doc_id))
    assert [r.cells[1].text for r in local.tables[0].rows[:3]][0] == "Quartz Ridge Drilling"
    assert local.sections[0].header.paragraphs[0].text == "Desktop Study handover · Quartz Ridge Drilling"
    google = google_workspace(fake)
    made = google.create_handover(deal)
    got = google.docs.documents().get(documentId=made.doc_id).execute()
    header = got["headers"][got["documentStyle"]["defaultHeaderId"]]
    assert "Quartz Ridge Drilling" in str(header)
    cover = next(e["table"] for e in got["body"]["content"] if "table" in e)
    first_row = cover["tableRows"][0]["tableCells"][1]["content"][0]["paragraph"]["elements"][0]["textRun"]["content"]
    assert first_row.strip() == "Quartz Ridge Drilling"


def with_cover(doc: dict) -> bytes:
    """A filled handover as Create handover makes it: the cover block above the rep's sections."""
    from tests.handover_builder import make_docx
    cover = [["Customer", "Red Rock Drilling Pty Ltd"], ["Deal", "AUD 180,000 ARR"], ["Sales rep", "Sam Patel"],
             ["Study ID", "Given when submitted"], ["Status", "Draft: not submitted yet"]]
    items = [("title", doc["title"]), ("table", cover)]
    for title, content in doc.items():
        if title != "title":
            items += [("h1", title), *content]
    return make_docx(*items)


def cover_of_docs_json(got: dict) -> list[str]:
    table = next(e["table"] for e in got["body"]["content"] if "table" in e)
    return ["".join(r["textRun"]["content"] for e in row["tableCells"][1]["content"] for r in e["paragraph"]["elements"]
                    if "textRun" in r).strip() for row in table["tableRows"]]


def test_a_submission_fills_in_the_covers_study_id_and_status_locally(ws):
    """The cover says the study's ID and "Submitted <day>", a resubmission "Resubmitted <day>", and
    the refresh does not take the app's own write for the rep changing the document."""
    from datetime import date
    from server import flows
    path = ws.root / "Red Rock" / "handover.docx"
    path.parent.mkdir(parents=True)
    path.write_bytes(with_cover(GOOD))
    doc_id = ws.doc_id(path)
    day = f"{date.today().day} {date.today():%b %Y}"
    first = flows.submit(ws, doc_id, "sam.rep@example.com")
    assert first.recorded, first.reasons
    cover = docx.Document(path).tables[0]
    assert [r.cells[1].text for r in cover.rows[3:]] == [first.study_id, f"Submitted {day}"]
    assert flows.refresh(ws).changed == 0  # the app's cover write is not the rep changing the document
    again = flows.submit(ws, doc_id, "sam.rep@example.com")
    assert again.study_id == first.study_id
    assert docx.Document(path).tables[0].rows[4].cells[1].text == f"Resubmitted {day}"
    flows.decide(ws, first.study_id, "maria.manager@example.com", "Approved", "", ("maria.manager@example.com",))
    path.write_bytes(with_cover(GOOD))  # the rep's copy, the cover as it first was
    with pytest.raises(flows.FlowError):
        flows.submit(ws, doc_id, "sam.rep@example.com")  # an approved study is not resubmitted...
    assert docx.Document(path).tables[0].rows[4].cells[1].text == "Draft: not submitted yet"  # ...nor says so


def test_a_submission_fills_in_the_cover_of_a_google_doc(fake):
    from datetime import date
    from server import flows
    from tests.google_env import google_workspace, upload_docx
    ws = google_workspace(fake)
    doc_id = upload_docx(ws, with_cover(GOOD))
    result = flows.submit(ws, doc_id, "sam.rep@example.com")
    got = ws.docs.documents().get(documentId=doc_id).execute()
    assert cover_of_docs_json(got)[3:] == [result.study_id, f"Submitted {date.today().day} {date.today():%b %Y}"]
    assert ws.tracker.get(result.study_id)["doc_modified_at_submit"] == fake.get_file(doc_id)["modifiedTime"]
    assert flows.refresh(ws).changed == 0
