"""Write the Desktop Study handover template (.docx) from the rubric.

Real Heading 1/Heading 2 styles, guidance as grey italic paragraphs, the deal summary,
stakeholders and data checklist as tables, and a [Field] placeholder in each deal summary
row for Create handover to fill.
"""
from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.shared import Pt, RGBColor

from ..rubric import Rubric, load_rubric

GUIDANCE_GREY = RGBColor(0x80, 0x80, 0x80)
STAKEHOLDER_ROWS = 4


def build_template(rubric: Rubric | None = None) -> docx.document.Document:
    rubric = rubric or load_rubric()
    doc = docx.Document()
    customer = rubric.field("customer").placeholder
    doc.add_heading(f"{rubric.title} - {customer}", level=0)
    _guidance(doc, rubric.subtitle)
    for number, section in enumerate(rubric.sections, start=1):
        doc.add_heading(f"{number}. {section.title}", level=1)
        if section.kind == "fields":
            _guidance(doc, *section.guidance)
            _table(doc, None, [[f.label, f.placeholder] for f in rubric.fields])
        elif section.kind == "parts":
            _guidance(doc, *section.guidance)
            for part in section.parts:
                doc.add_heading(part, level=2)
                doc.add_paragraph("")
        elif section.kind == "table":
            _guidance(doc, *section.guidance)
            _table(doc, list(section.columns), [[""] * len(section.columns) for _ in range(STAKEHOLDER_ROWS)])
        elif section.kind == "checklist":
            _guidance(doc, *section.guidance)
            _table(doc, list(section.columns), [[item] + [""] * (len(section.columns) - 1) for item in section.items])
        else:
            _guidance(doc, *section.guidance)
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


def _guidance(doc, *texts: str) -> None:
    for text in texts:
        run = doc.add_paragraph().add_run(text)
        run.italic = True
        run.font.color.rgb = GUIDANCE_GREY
        run.font.size = Pt(10)


def _table(doc, header: list[str] | None, rows: list[list[str]]) -> None:
    width = len(header) if header else len(rows[0])
    table = doc.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    if header:
        cells = table.add_row().cells
        for cell, text in zip(cells, header):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        cells = table.add_row().cells
        for i, (cell, text) in enumerate(zip(cells, row)):
            cell.text = ""
            run = cell.paragraphs[0].add_run(text)
            if header is None and i == 0:
                run.bold = True
