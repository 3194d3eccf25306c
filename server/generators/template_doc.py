"""Write the Desktop Study handover template (.docx) from the rubric.

What a rep opens: a cover block (customer, deal, rep, and the study ID and status a submission
fills in), a box saying how the handover is judged (the acceptance criteria by label), then every
section as a real Heading 1 with its guidance in grey italic and a worked example of a specific
answer in a shaded box (rubric `example`: the scorer never counts it as the rep's text). The deal
summary, stakeholders and data checklist are tables with shaded header rows and set widths; a
page header names the customer and the footer numbers the pages. Only Word's own styles and
direct formatting are used, so Google Docs' conversion and LibreOffice keep them.
"""
from __future__ import annotations

import io
from pathlib import Path

import docx

from ..rubric import Rubric, load_rubric
from .docx_look import BOX_FILL, EXAMPLE_FILL, box, grey, page, table

STAKEHOLDER_ROWS = 4
WIDTHS_CM = {"fields": (5.5, 11.0), "cover": (4.0, 12.5), "checklist": (5.0, 2.5, 9.0),
             "table": (3.4, 3.2, 2.8, 2.2, 2.2, 2.7)}


def build_template(rubric: Rubric | None = None) -> docx.document.Document:
    rubric = rubric or load_rubric()
    words = rubric.template
    doc = docx.Document()
    customer = rubric.field("customer").placeholder
    page(doc, words.get("header", "{customer}").format(customer=customer), words.get("footer", ""))
    doc.add_heading(f"{rubric.title} - {customer}", level=0)
    grey(doc, rubric.subtitle)
    table(doc, None, [[k, v] for k, v in cover_values(rubric).items()], WIDTHS_CM["cover"], labels=True)
    doc.add_paragraph("")
    _judged(doc, rubric)
    for number, section in enumerate(rubric.sections, start=1):
        doc.add_heading(f"{number}. {section.title}", level=1)
        for line in section.guidance:
            grey(doc, line)
        if section.example:
            box(doc, words.get("example_label", "Example:"), section.example, EXAMPLE_FILL)
        if section.kind == "fields":
            table(doc, None, [[f.label, f.placeholder] for f in rubric.fields], WIDTHS_CM["fields"], labels=True)
        elif section.kind == "parts":
            for part in section.parts:
                doc.add_heading(part, level=2)
                doc.add_paragraph("")
        elif section.kind == "table":
            table(doc, list(section.columns), [[""] * len(section.columns) for _ in range(STAKEHOLDER_ROWS)],
                  WIDTHS_CM["table"])
        elif section.kind == "checklist":
            table(doc, list(section.columns), [[item] + [""] * (len(section.columns) - 1) for item in section.items],
                  WIDTHS_CM["checklist"])
    return doc


def template_bytes(rubric: Rubric | None = None) -> bytes:
    buf = io.BytesIO()
    build_template(rubric).save(buf)
    return buf.getvalue()


def write_template(path: Path, rubric: Rubric | None = None) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(template_bytes(rubric))
    return path


def cover_values(rubric: Rubric) -> dict[str, str]:
    """The cover block's rows: label -> what the template shows until a value replaces it."""
    field = {f.key: f.placeholder for f in rubric.fields}
    labels, words = rubric.template.get("cover", []), rubric.template
    shown = [field.get("customer", ""), f"{field.get('deal_size', '')} · {field.get('crm_link', '')}",
             field.get("rep", ""), words.get("study_id_blank", ""), words.get("status_blank", "")]
    return dict(zip(labels, shown))


def _judged(doc, rubric: Rubric) -> None:
    """The box: how Check scores, what Submit needs (each criterion by label), the files read;
    plain shaded paragraphs (never headings or list items, so no line is read as a section), the
    first led by the box's title."""
    words = rubric.template
    criteria = "; ".join(rubric.criterion_label(cid) for cid in rubric.criteria)
    for i, line in enumerate(words.get("judged", [])):
        box(doc, words.get("judged_title", "") if i == 0 else "", line.format(criteria=criteria), BOX_FILL)
