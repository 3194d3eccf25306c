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
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from ..rubric import Rubric, load_rubric

GUIDANCE_GREY = RGBColor(0x80, 0x80, 0x80)
INK = RGBColor(0x1F, 0x3A, 0x5F)  # headings and labels: the company's dark blue
HEADER_FILL = "D9E2F3"  # a table's header row
LABEL_FILL = "EEF2F8"  # the cover's labels
EXAMPLE_FILL = "E8F3E4"  # a worked example
JUDGED_FILL = "F3F3F3"  # the "how this is judged" box
STAKEHOLDER_ROWS = 4
WIDTHS_CM = {"fields": (5.5, 11.0), "cover": (4.0, 12.5), "checklist": (5.0, 2.5, 9.0),
             "table": (3.4, 3.2, 2.8, 2.2, 2.2, 2.7)}


def build_template(rubric: Rubric | None = None) -> docx.document.Document:
    rubric = rubric or load_rubric()
    words = rubric.template
    doc = docx.Document()
    _page(doc, rubric)
    customer = rubric.field("customer").placeholder
    doc.add_heading(f"{rubric.title} - {customer}", level=0)
    _guidance(doc, rubric.subtitle)
    _cover(doc, rubric)
    _judged(doc, rubric)
    for number, section in enumerate(rubric.sections, start=1):
        doc.add_heading(f"{number}. {section.title}", level=1)
        _guidance(doc, *section.guidance)
        if section.example:
            _example(doc, words.get("example_label", "Example:"), section.example)
        if section.kind == "fields":
            _table(doc, None, [[f.label, f.placeholder] for f in rubric.fields], WIDTHS_CM["fields"])
        elif section.kind == "parts":
            for part in section.parts:
                doc.add_heading(part, level=2)
                doc.add_paragraph("")
        elif section.kind == "table":
            _table(doc, list(section.columns), [[""] * len(section.columns) for _ in range(STAKEHOLDER_ROWS)],
                   WIDTHS_CM["table"])
        elif section.kind == "checklist":
            _table(doc, list(section.columns), [[item] + [""] * (len(section.columns) - 1) for item in section.items],
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


def _page(doc, rubric: Rubric) -> None:
    """A4 with 2 cm margins; the customer in the page header, page numbers in the footer."""
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Cm(2)
    styles = doc.styles
    styles["Normal"].font.name, styles["Normal"].font.size = "Calibri", Pt(10.5)
    for name in ("Title", "Heading 1", "Heading 2"):
        styles[name].font.color.rgb = INK
    header = section.header.paragraphs[0]
    header.text = rubric.template.get("header", "{customer}").format(customer=rubric.field("customer").placeholder)
    header.runs[0].font.size, header.runs[0].font.color.rgb = Pt(8.5), GUIDANCE_GREY
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = footer.add_run(rubric.template.get("footer", "") + " · page ")
    run.font.size, run.font.color.rgb = Pt(8.5), GUIDANCE_GREY
    footer._p.append(_field("PAGE"))


def _field(code: str):
    """A Word field (PAGE): Docs and LibreOffice show the page number."""
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), code)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    simple.append(run)
    return simple


def _cover(doc, rubric: Rubric) -> None:
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in cover_values(rubric).items():
        cells = table.add_row().cells
        _cell(cells[0], label, bold=True, fill=LABEL_FILL)
        _cell(cells[1], value)
    _widths(table, WIDTHS_CM["cover"])
    doc.add_paragraph("")


def _judged(doc, rubric: Rubric) -> None:
    """The box: how Check scores, what Submit needs (each criterion by label), the files read;
    plain shaded paragraphs, the first led by the box's title."""
    words = rubric.template
    criteria = "; ".join(rubric.criterion_label(cid) for cid in rubric.criteria)
    for i, line in enumerate(words.get("judged", [])):
        paragraph = doc.add_paragraph()
        if i == 0:
            paragraph.add_run(words.get("judged_title", "") + " ").bold = True
        paragraph.add_run(line.format(criteria=criteria))
        _shade(paragraph, JUDGED_FILL)
        for run in paragraph.runs:
            run.font.size = Pt(9.5)


def _guidance(doc, *texts: str) -> None:
    for text in texts:
        run = doc.add_paragraph().add_run(text)
        run.italic = True
        run.font.color.rgb = GUIDANCE_GREY
        run.font.size = Pt(10)


def _example(doc, label: str, text: str) -> None:
    paragraph = doc.add_paragraph()
    paragraph.add_run(label + " ").bold = True
    paragraph.add_run(text)
    for run in paragraph.runs:
        run.font.size = Pt(9.5)
    _shade(paragraph, EXAMPLE_FILL)


def _table(doc, header: list[str] | None, rows: list[list[str]], widths: tuple[float, ...]) -> None:
    width = len(header) if header else len(rows[0])
    table = doc.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    if header:
        for cell, text in zip(table.add_row().cells, header):
            _cell(cell, text, bold=True, fill=HEADER_FILL)
        _repeat_header(table.rows[0])
    for row in rows:
        for i, (cell, text) in enumerate(zip(table.add_row().cells, row)):
            _cell(cell, text, bold=header is None and i == 0, fill=LABEL_FILL if header is None and i == 0 else "")
    _widths(table, widths)


def _cell(cell, text: str, bold: bool = False, fill: str = "") -> None:
    cell.text = ""
    cell.paragraphs[0].add_run(text).bold = bold
    if fill:
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), fill)
        cell._tc.get_or_add_tcPr().append(shading)


def _widths(table, widths: tuple[float, ...]) -> None:
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Cm(width)


def _repeat_header(row) -> None:
    """The header row repeats at the top of each page the table runs onto."""
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _shade(paragraph, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    paragraph._p.get_or_add_pPr().append(shading)
