"""A Google Docs document in memory, its JSON rendering and its edits.

The body is a list of blocks: ``Paragraph`` and ``Table``. A paragraph holds
runs of text (each with a textStyle dict) and always ends with "\\n"; a table
holds rows of cells, each cell a list of paragraphs. A textStyle may also mark
its run as a suggestion (see docs_suggestions.py).

Indexes are not stored; they are computed when rendering, the way Google
counts them: the section break takes index 0, each character one index, and a
table takes one index for its start, one per row, one per cell, and one for
its end.
"""

import copy
from dataclasses import dataclass, field

SECTION_BREAK = {
    "endIndex": 1,
    "sectionBreak": {
        "sectionStyle": {
            "columnSeparatorStyle": "NONE",
            "contentDirection": "LEFT_TO_RIGHT",
            "sectionType": "CONTINUOUS",
        }
    },
}

SUGGESTION_KEYS = ("suggestedInsertionIds", "suggestedDeletionIds")
NAMED_STYLE_TYPES = ["NORMAL_TEXT", "TITLE", "SUBTITLE", "HEADING_1", "HEADING_2",
                     "HEADING_3", "HEADING_4", "HEADING_5", "HEADING_6"]


@dataclass
class Paragraph:
    runs: list  # [[text, textStyle dict], ...]; the last text ends with "\n"
    style: dict = field(default_factory=lambda: {"namedStyleType": "NORMAL_TEXT"})
    bullet: dict = None

    @property
    def text(self):
        return "".join(text for text, _ in self.runs)


@dataclass
class Cell:
    paragraphs: list
    style: dict = field(default_factory=dict)


@dataclass
class Table:
    rows: list  # [[Cell, ...], ...]
    column_properties: list = None  # tableColumnProperties, when the widths are fixed

    @property
    def columns(self):
        return max((len(row) for row in self.rows), default=0)


@dataclass
class Document:
    blocks: list
    lists: dict = field(default_factory=dict)
    revision_id: str = ""
    headers: dict = field(default_factory=dict)  # header id -> its blocks (the default header)
    footers: dict = field(default_factory=dict)


def paragraph(text, named_style="NORMAL_TEXT", text_style=None, bullet=None):
    """A paragraph of one run; "\\n" is appended when missing."""
    if not text.endswith("\n"):
        text += "\n"
    return Paragraph([[text, dict(text_style or {})]], {"namedStyleType": named_style},
                     bullet)


def empty_document(revision_id=""):
    return Document([paragraph("")], {}, revision_id)


def empty_cell():
    return Cell([paragraph("")])


# ---------------------------------------------------------------- rendering

def render_document(doc, document_id, title, include_tabs=False,
                    suggestions_view_mode="SUGGESTIONS_INLINE"):
    """Google's documents.get JSON for the document (already in that view)."""
    tab_content = {
        "body": {"content": render_content(doc.blocks, 1, top_level=True)[0]},
        "documentStyle": default_document_style(),
        "namedStyles": default_named_styles(),
    }
    if doc.lists:
        tab_content["lists"] = copy.deepcopy(doc.lists)
    for kind, parts in (("header", doc.headers), ("footer", doc.footers)):
        for part_id, blocks in parts.items():  # each its own index space, from 0
            tab_content.setdefault(kind + "s", {})[part_id] = {f"{kind}Id": part_id,
                                                               "content": render_content(blocks, 0)[0]}
            tab_content["documentStyle"][f"default{kind.capitalize()}Id"] = part_id
    result = {"title": title}
    if include_tabs:
        result["tabs"] = [{
            "tabProperties": {"tabId": "t.0", "title": "Tab 1", "index": 0},
            "documentTab": tab_content,
        }]
    else:
        result.update(tab_content)
    result["revisionId"] = doc.revision_id
    result["suggestionsViewMode"] = suggestions_view_mode
    result["documentId"] = document_id
    return result


def render_content(blocks, start, top_level=False):
    """Render blocks from index ``start``; returns (elements, end index)."""
    elements = [copy.deepcopy(SECTION_BREAK)] if top_level else []
    index = start
    for block in blocks:
        if isinstance(block, Paragraph):
            element, index = render_paragraph(block, index)
        else:
            element, index = render_table(block, index)
        elements.append(element)
    return elements, index


def render_paragraph(para, start):
    elements = []
    index = start
    for text, style in para.runs:
        if not text:
            continue
        elements.append({
            "startIndex": index,
            "endIndex": index + len(text),
            "textRun": render_text_run(text, style),
        })
        index += len(text)
    body = {"elements": elements, "paragraphStyle": render_paragraph_style(para.style)}
    if para.bullet:
        body["bullet"] = copy.deepcopy(para.bullet)
    return {"startIndex": start, "endIndex": index, "paragraph": body}, index


def render_text_run(text, style):
    """A textRun; suggestion ids ride on the run, beside its textStyle, as Google sends them."""
    run = {"content": text}
    run.update({k: list(v) for k, v in style.items() if k in SUGGESTION_KEYS})
    run["textStyle"] = {k: copy.deepcopy(v) for k, v in style.items() if k not in SUGGESTION_KEYS}
    return run


def render_paragraph_style(style):
    rendered = copy.deepcopy(style)
    rendered.setdefault("namedStyleType", "NORMAL_TEXT")
    rendered.setdefault("direction", "LEFT_TO_RIGHT")
    return rendered


def render_table(table, start):
    index = start + 1  # the table's start marker
    rows = []
    for row in table.rows:
        row_start = index
        index += 1  # the row marker
        cells = []
        for cell in row:
            cell_start = index
            content, index = render_content(cell.paragraphs, index + 1)  # +1: cell marker
            cells.append({
                "startIndex": cell_start,
                "endIndex": index,
                "content": content,
                "tableCellStyle": render_cell_style(cell.style),
            })
        rows.append({
            "startIndex": row_start,
            "endIndex": index,
            "tableCells": cells,
            "tableRowStyle": {"minRowHeight": {"unit": "PT"}},
        })
    index += 1  # the table's end marker
    element = {
        "startIndex": start,
        "endIndex": index,
        "table": {
            "rows": len(table.rows),
            "columns": table.columns,
            "tableRows": rows,
            "tableStyle": {
                "tableColumnProperties": copy.deepcopy(table.column_properties)
                or [{"widthType": "EVENLY_DISTRIBUTED"}] * table.columns,
            },
        },
    }
    return element, index


def render_cell_style(style):
    rendered = {
        "rowSpan": 1,
        "columnSpan": 1,
        "backgroundColor": {},
        "paddingLeft": {"magnitude": 5, "unit": "PT"},
        "paddingRight": {"magnitude": 5, "unit": "PT"},
        "paddingTop": {"magnitude": 5, "unit": "PT"},
        "paddingBottom": {"magnitude": 5, "unit": "PT"},
        "contentAlignment": "TOP",
    }
    rendered.update(copy.deepcopy(style))
    return rendered


def default_document_style():
    return {
        "background": {"color": {}},
        "pageNumberStart": 1,
        "marginTop": {"magnitude": 72, "unit": "PT"},
        "marginBottom": {"magnitude": 72, "unit": "PT"},
        "marginRight": {"magnitude": 72, "unit": "PT"},
        "marginLeft": {"magnitude": 72, "unit": "PT"},
        "pageSize": {"height": {"magnitude": 792, "unit": "PT"},
                     "width": {"magnitude": 612, "unit": "PT"}},
        "marginHeader": {"magnitude": 36, "unit": "PT"},
        "marginFooter": {"magnitude": 36, "unit": "PT"},
        "useCustomHeaderFooterMargins": True,
    }


_NAMED_STYLE_SIZES = {"NORMAL_TEXT": 11, "TITLE": 26, "SUBTITLE": 15, "HEADING_1": 20,
                      "HEADING_2": 16, "HEADING_3": 14, "HEADING_4": 12, "HEADING_5": 11,
                      "HEADING_6": 11}


def default_named_styles():
    styles = []
    for name in NAMED_STYLE_TYPES:
        styles.append({
            "namedStyleType": name,
            "textStyle": {"fontSize": {"magnitude": _NAMED_STYLE_SIZES[name], "unit": "PT"}},
            "paragraphStyle": {"namedStyleType": name, "direction": "LEFT_TO_RIGHT"},
        })
    return {"styles": styles}


def plain_text(blocks):
    """The document's text: paragraphs as they are, table cells one per line."""
    parts = []
    for block in blocks:
        if isinstance(block, Paragraph):
            parts.append(block.text)
        else:
            for row in block.rows:
                for cell in row:
                    parts.append(plain_text(cell.paragraphs))
    return "".join(parts)


# ---------------------------------------------------------------- locating indexes

@dataclass
class Slot:
    """Where a block sits: its index range and the list that holds it."""
    start: int
    end: int
    block: object
    container: list
    position: int


def paragraph_slots(blocks, start=1):
    """Every paragraph (also inside tables) with its index range, in order."""
    slots = []
    _collect_slots(blocks, start, slots, paragraphs_only=True)
    return slots


def container_slots(container, start):
    """The blocks of one container (body or cell) with their index ranges."""
    slots = []
    index = start
    for position, block in enumerate(container):
        end = _block_end(block, index)
        slots.append(Slot(index, end, block, container, position))
        index = end
    return slots


def _block_end(block, start):
    if isinstance(block, Paragraph):
        return start + len(block.text)
    return render_table(block, start)[1]


def _collect_slots(container, start, slots, paragraphs_only):
    index = start
    for position, block in enumerate(container):
        if isinstance(block, Paragraph):
            end = index + len(block.text)
            slots.append(Slot(index, end, block, container, position))
            index = end
            continue
        table_start = index
        index += 1
        for row in block.rows:
            index += 1
            for cell in row:
                index = _collect_slots(cell.paragraphs, index + 1, slots, paragraphs_only)
        index += 1
        if not paragraphs_only:
            slots.append(Slot(table_start, index, block, container, position))
    return index


def find_containers(blocks, start=1):
    """Every container (the body, then each cell) with its start index."""
    found = [(blocks, start)]
    index = start
    for block in blocks:
        if isinstance(block, Paragraph):
            index += len(block.text)
            continue
        index += 1
        for row in block.rows:
            index += 1
            for cell in row:
                found.extend(find_containers(cell.paragraphs, index + 1))
                index = _container_end(cell.paragraphs, index + 1)
        index += 1
    return found


def _container_end(container, start):
    index = start
    for block in container:
        index = _block_end(block, index)
    return index


def body_end(doc):
    """The body's end index (one past the final newline)."""
    return _container_end(doc.blocks, 1)


# ---------------------------------------------------------------- character edits

def to_chars(paragraphs):
    """Flatten paragraphs to [char, textStyle, paragraph info] triples.

    The paragraph info (style, bullet) rides on each paragraph's final "\\n".
    """
    chars = []
    for para in paragraphs:
        for text, style in para.runs:
            for ch in text:
                chars.append([ch, style, None])
        if chars:
            chars[-1][2] = (para.style, para.bullet)
    return chars


def from_chars(chars):
    """Rebuild paragraphs from character triples (split at each "\\n")."""
    paragraphs = []
    current = []
    for ch, style, info in chars:
        current.append((ch, style))
        if ch == "\n":
            para_style, bullet = info if info else ({"namedStyleType": "NORMAL_TEXT"}, None)
            paragraphs.append(Paragraph(_merge_runs(current), copy.deepcopy(para_style),
                                        copy.deepcopy(bullet)))
            current = []
    if current:  # text without a final newline joins a new paragraph
        paragraphs.append(Paragraph(_merge_runs(current + [("\n", current[-1][1])])))
    return paragraphs


def _merge_runs(pairs):
    runs = []
    for ch, style in pairs:
        if runs and runs[-1][1] == style:
            runs[-1][0] += ch
        else:
            runs.append([ch, copy.deepcopy(style)])
    return runs


def insert_chars(chars, offset, text):
    """Insert text at offset; it takes the style of the character before it.

    A newline inserted splits a paragraph: both halves keep the paragraph's style.
    """
    if offset > 0:
        style = chars[offset - 1][1]
    else:
        style = chars[0][1] if chars else {}
    para_info = _paragraph_info_at(chars, offset)
    new = [[ch, style, para_info if ch == "\n" else None] for ch in text]
    chars[offset:offset] = new


def _paragraph_info_at(chars, offset):
    for ch, _, info in chars[offset:]:
        if ch == "\n":
            return info
    return None
