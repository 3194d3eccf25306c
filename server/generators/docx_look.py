"""The company look every generated .docx shares (the handover template, the gap analysis): A4
with 2 cm margins, Calibri, dark-blue headings, a grey page header and a numbered footer, shaded
table headers and boxes, fixed column widths. Word's own styles and direct formatting only, so
Google Docs' conversion and LibreOffice keep them."""
from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

GREY = RGBColor(0x80, 0x80, 0x80)
INK = RGBColor(0x1F, 0x3A, 0x5F)  # headings and labels: the company's dark blue
HEADER_FILL = "D9E2F3"  # a table's header row
LABEL_FILL = "E6ECF5"  # a label column
EXAMPLE_FILL = "E8F3E4"  # a worked example
BOX_FILL = "F3F3F3"  # a box of explanation
TO_FILL = "FFF4D6"  # a place someone must fill in


def page(doc, header: str, footer: str) -> None:
    """A4, 2 cm margins, the house fonts and colours; `header` on every page, `footer` and the page number."""
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Cm(2)
    styles = doc.styles
    styles["Normal"].font.name, styles["Normal"].font.size = "Calibri", Pt(10.5)
    for name in ("Title", "Heading 1", "Heading 2"):
        styles[name].font.color.rgb = INK
    top = section.header.paragraphs[0]
    top.text = header
    top.runs[0].font.size, top.runs[0].font.color.rgb = Pt(8.5), GREY
    bottom = section.footer.paragraphs[0]
    bottom.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = bottom.add_run(footer + " · page ")
    run.font.size, run.font.color.rgb = Pt(8.5), GREY
    bottom._p.append(_field("PAGE"))


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


def table(doc, header: list[str] | None, rows: list[list[str]], widths: tuple[float, ...], labels: bool = False):
    """A grid table: a shaded, repeating header row (when given), a shaded label column (`labels`)."""
    width = len(header) if header else len(rows[0])
    out = doc.add_table(rows=0, cols=width)
    out.style = "Table Grid"
    if header:
        for cell, text in zip(out.add_row().cells, header):
            cell_text(cell, text, bold=True, fill=HEADER_FILL)
        flag = OxmlElement("w:tblHeader")  # the header row repeats on each page the table runs onto
        flag.set(qn("w:val"), "true")
        out.rows[0]._tr.get_or_add_trPr().append(flag)
    for row in rows:
        for i, (cell, text) in enumerate(zip(out.add_row().cells, row)):
            cell_text(cell, text, bold=labels and i == 0, fill=LABEL_FILL if labels and i == 0 else "")
    out.autofit = False
    for column, cm in zip(out.columns, widths):
        column.width = Cm(cm)  # the grid LibreOffice lays out by
    for row in out.rows:
        for cell, cm in zip(row.cells, widths):
            cell.width = Cm(cm)  # each cell's own, which Word and Google Docs read
    return out


def cell_text(cell, text: str, bold: bool = False, fill: str = "") -> None:
    cell.text = ""
    cell.paragraphs[0].add_run(text).bold = bold
    if fill:
        cell._tc.get_or_add_tcPr().append(_shading(fill))


def shade(paragraph, fill: str) -> None:
    paragraph._p.get_or_add_pPr().append(_shading(fill))


def box(doc, lead: str, text: str, fill: str, size: float = 9.5):
    """A shaded paragraph led by bold words: an example, a note, a place to fill in."""
    paragraph = doc.add_paragraph()
    if lead:
        paragraph.add_run(lead + " ").bold = True
    paragraph.add_run(text)
    for run in paragraph.runs:
        run.font.size = Pt(size)
    shade(paragraph, fill)
    return paragraph


def grey(doc, text: str) -> None:
    run = doc.add_paragraph().add_run(text)
    run.italic, run.font.color.rgb, run.font.size = True, GREY, Pt(10)


def _shading(fill: str):
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    return shading
