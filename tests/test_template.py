"""The template document is generated from the rubric and reads back as the rubric says."""
import docx

from server.generators.template_doc import template_bytes
from server.paths import TEMPLATE_PATH
from server.validators.docx_reader import read_docx
from server.validators.sections import split_sections


def test_template_has_every_section_as_heading_1_in_rubric_order(rubric):
    d = docx.Document(TEMPLATE_PATH)
    headings = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    assert headings == [f"{i}. {s.title}" for i, s in enumerate(rubric.sections, 1)]
    parts = [p.text for p in d.paragraphs if p.style.name == "Heading 2"]
    assert parts == list(rubric.section("spiced").parts)


def test_template_guidance_is_grey_and_fields_are_placeholders(rubric):
    d = docx.Document(TEMPLATE_PATH)
    guidance = [r for p in d.paragraphs for r in p.runs if r.italic]
    assert guidance and all(str(r.font.color.rgb) == "808080" for r in guidance)
    summary = d.tables[0]
    assert [r.cells[0].text for r in summary.rows] == [f.label for f in rubric.fields]
    assert [r.cells[1].text for r in summary.rows] == [f.placeholder for f in rubric.fields]
    stakeholders = d.tables[1]
    assert [c.text for c in stakeholders.rows[0].cells] == list(rubric.section("stakeholders").columns)
    checklist = d.tables[2]
    assert [r.cells[0].text for r in checklist.rows[1:]] == list(rubric.section("data_provided").items)


def test_committed_template_is_up_to_date_with_the_rubric(rubric):
    committed = read_docx(TEMPLATE_PATH)
    fresh = read_docx(template_bytes())
    assert [(b.kind, b.text, b.rows) for b in committed.blocks] == [(b.kind, b.text, b.rows) for b in fresh.blocks], \
        "run `handover template` after changing doc_templates/rubric.toml"


def test_reader_finds_all_twelve_sections_in_the_template(rubric):
    split = split_sections(read_docx(TEMPLATE_PATH), rubric)
    assert list(split.found) == [s.key for s in rubric.sections]
