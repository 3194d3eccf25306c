"""Converting an uploaded .docx into a Google Doc, as Drive does on upload.

A reasonable conversion, not Google's exact one:

* paragraph styles "Title", "Subtitle", "Heading 1".."Heading 6" become the
  matching namedStyleType, everything else NORMAL_TEXT;
* list paragraphs (styles starting "List", or with numbering) become bullets;
* runs keep bold, italic, underline, strikethrough and hyperlinks;
* line breaks inside a paragraph become "\\u000b", as in Google Docs;
* tables become tables (merged cells keep their first cell's text and the
  spanned cells are empty); a table is always followed by a paragraph;
* shading carries over: a paragraph's (paragraphStyle.shading) and a cell's
  (tableCellStyle.backgroundColor), as does a run's colour (foregroundColor)
  and a table's fixed column widths (tableColumnProperties);
* the first section's page header and footer become the document's default
  header and footer (text only: a PAGE field is left out).
"""

import io

import docx
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.hyperlink import Hyperlink

from . import docs_model
from .docs_model import Cell, Paragraph, Table

_STYLE_NAMES = {"title": "TITLE", "subtitle": "SUBTITLE"}
_STYLE_NAMES.update({f"heading {n}": f"HEADING_{n}" for n in range(1, 7)})


def docx_to_document(data, new_list, new_heading_id):
    """Parse .docx bytes into a ``docs_model.Document``.

    ``new_list(document, numbered)`` adds a list definition and returns its id;
    ``new_heading_id()`` returns a fresh "h.xxxx" heading id.
    """
    source = docx.Document(io.BytesIO(data))
    document = docs_model.Document(blocks=[])
    context = _Context(document, new_list, new_heading_id)
    blocks = _convert_container(source.iter_inner_content(), context)
    document.blocks = _ensure_paragraph_after_tables(blocks)
    if source.sections:
        for kind, part in (("header", source.sections[0].header), ("footer", source.sections[0].footer)):
            if not part.is_linked_to_previous and any(p.text.strip() for p in part.paragraphs):
                getattr(document, kind + "s")[f"kix.{kind}0"] = _convert_container(part.iter_inner_content(), context)
    return document


class _Context:
    """What a conversion shares: the document, its lists, the id makers."""

    def __init__(self, document, new_list, new_heading_id):
        self.document = document
        self.new_list = new_list
        self.new_heading_id = new_heading_id
        self.lists = {}  # "bullet" / "numbered" -> list id

    def list_id(self, numbered):
        key = "numbered" if numbered else "bullet"
        if key not in self.lists:
            self.lists[key] = self.new_list(self.document, numbered)
        return self.lists[key]


def _convert_container(items, context):
    blocks = []
    for item in items:
        if isinstance(item, DocxTable):
            blocks.append(_convert_table(item, context))
        else:
            blocks.append(_convert_paragraph(item, context))
    return blocks


def _convert_paragraph(source, context):
    runs = []
    for item in source.iter_inner_content():
        if isinstance(item, Hyperlink):
            for run in item.runs:
                style = _text_style(run)
                if item.url:
                    style["link"] = {"url": item.url}
                runs.append([_run_text(run), style])
        else:
            runs.append([_run_text(item), _text_style(item)])
    runs = [run for run in runs if run[0]]
    last_style = runs[-1][1] if runs else {}
    runs.append(["\n", dict(last_style)])
    para = Paragraph(docs_model.from_chars(
        [[ch, style, None] for text, style in runs for ch in text])[0].runs)
    style_name = (source.style.name if source.style is not None else "") or ""
    para.style = {"namedStyleType": _STYLE_NAMES.get(style_name.lower(), "NORMAL_TEXT")}
    fill = _fill(source._p.pPr)
    if fill:
        para.style["shading"] = {"backgroundColor": fill}
    if para.style["namedStyleType"] != "NORMAL_TEXT":
        para.style["headingId"] = context.new_heading_id()
    list_kind = _list_kind(source, style_name)
    if list_kind:
        numbered, level = list_kind
        para.bullet = {"listId": context.list_id(numbered), "textStyle": {"underline": False}}
        if level:
            para.bullet["nestingLevel"] = level
    return para


def _run_text(run):
    return run.text.replace("\n", "\u000b")


def _text_style(run):
    style = {}
    for name, attribute in (("bold", "bold"), ("italic", "italic"), ("underline", "underline")):
        if getattr(run, attribute):
            style[name] = True
    if run.font.strike:
        style["strikethrough"] = True
    if run.font.color is not None and run.font.color.type is not None and run.font.color.rgb is not None:
        style["foregroundColor"] = _colour(str(run.font.color.rgb))
    return style


def _fill(properties):
    """A w:shd fill ('D9E2F3') under pPr or tcPr, as Docs' OptionalColor; None when there is none."""
    if properties is None:
        return None
    shading = properties.find(qn("w:shd"))
    fill = shading.get(qn("w:fill")) if shading is not None else None
    return _colour(fill) if fill and fill.lower() != "auto" else None


def _colour(hex_rgb):
    r, g, b = (int(hex_rgb[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return {"color": {"rgbColor": {k: round(v, 4) for k, v in (("red", r), ("green", g), ("blue", b)) if v}}}


def _list_kind(source, style_name):
    """(numbered, nesting level) for list paragraphs, else None."""
    lowered = style_name.lower()
    level = 0
    if lowered.startswith("list"):
        last = lowered.split()[-1]
        if last.isdigit():
            level = int(last) - 1
        return ("number" in lowered, level)
    num_pr = source._p.pPr.numPr if source._p.pPr is not None else None
    if num_pr is not None:
        if num_pr.ilvl is not None and num_pr.ilvl.val is not None:
            level = int(num_pr.ilvl.val)
        return (False, level)
    return None


def _convert_table(source, context):
    rows = []
    seen = {}  # across rows too: python-docx repeats a vertically merged cell in each row
    for source_row in source.rows:
        cells = []
        for source_cell in source_row.cells:
            key = id(source_cell._tc)
            if key in seen:  # a merged cell repeats; Google keeps it as an empty cell
                cells.append(docs_model.empty_cell())
                continue
            seen[key] = source_cell._tc  # held, so its id is not reused by another cell
            content = _convert_container(source_cell.iter_inner_content(), context)
            content = [block for block in content if isinstance(block, (Paragraph, Table))]
            # Google keeps tables nested in cells; a cell still ends with a paragraph
            cell = Cell(_ensure_paragraph_after_tables(content) if content else [docs_model.paragraph("")])
            fill = _fill(source_cell._tc.tcPr)
            if fill:
                cell.style["backgroundColor"] = fill
            cells.append(cell)
        rows.append(cells)
    width = max((len(row) for row in rows), default=0)
    for row in rows:
        row.extend(docs_model.empty_cell() for _ in range(width - len(row)))
    widths = [cell.width for cell in source.rows[0].cells] if source.rows and not source.autofit else []
    fixed = [{"widthType": "FIXED_WIDTH", "width": {"magnitude": round(w.pt, 1), "unit": "PT"}}
             for w in widths if w is not None]
    return Table(rows, fixed if len(fixed) == width else None)


def _ensure_paragraph_after_tables(blocks):
    result = []
    for position, block in enumerate(blocks):
        result.append(block)
        following = blocks[position + 1] if position + 1 < len(blocks) else None
        if isinstance(block, Table) and not isinstance(following, Paragraph):
            result.append(docs_model.paragraph(""))
    if not result:
        result.append(docs_model.paragraph(""))
    return result


def text_to_document(text):
    """A plain-text upload converted to a Google Doc: one paragraph per line."""
    lines = text.replace("\r\n", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    blocks = [docs_model.paragraph(line) for line in lines] or [docs_model.paragraph("")]
    return docs_model.Document(blocks=blocks)
