"""Read a .docx file into the document model (server/validators/document.py)."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from .document import Block, Document, InputError, bold_runs, clean_text, typed_list_item

_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)


def read_docx(source: str | Path | bytes, name: str | None = None) -> Document:
    """Read a .docx from a path or bytes. Raises InputError with a one-line reason."""
    if isinstance(source, (str, Path)):
        path = Path(source)
        name = name or path.name
        if not path.exists():
            raise InputError(f"{name}: file not found")
        if path.is_dir():
            raise InputError(f"{name}: is a folder, not a .docx file")
        data = path.read_bytes()
    else:
        data = source
        name = name or "document"
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(f"{name}: not a .docx file (a .docx is a zip package; this is not)")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for broken packages
        raise InputError(f"{name}: not a readable .docx file ({type(exc).__name__}: {exc})") from None
    try:
        styles = _StyleIndex(document)
        blocks = list(_blocks(document.element.body, document, styles))
    except Exception as exc:
        raise InputError(f"{name}: the document body could not be read ({type(exc).__name__}: {exc})") from None
    return Document(blocks=blocks, source=name)


class _StyleIndex:
    """Paragraph style id -> (name, bold), read once per document (python-docx's own
    lookup scans every style for every paragraph)."""

    def __init__(self, document):
        self.by_id: dict[str, tuple[str, bool]] = {}
        self.default = ("Normal", False)
        for style in document.styles:
            try:
                entry = (style.name or "", bool(style.font is not None and style.font.bold))
            except Exception:
                continue
            self.by_id[style.style_id] = entry
            if getattr(style, "type", None) == 1 and style.element.get(qn("w:default")) in ("1", "true"):
                self.default = entry

    def of(self, p: Paragraph) -> tuple[str, bool]:
        style_id = p._p.style
        return self.by_id.get(style_id, self.default) if style_id else self.default


def _blocks(container, parent, styles: _StyleIndex):
    """Paragraphs and tables in reading order, looking inside content controls (w:sdt)."""
    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            block = _paragraph(Paragraph(child, parent), styles)
            if block is not None:
                yield block
        elif child.tag == qn("w:tbl"):
            rows = child.findall(qn("w:tr"))
            if len(rows) == 1 and rows[0].find(".//" + qn("w:tbl")) is not None:
                # a one-row layout table holding tables: read its cells as the page
                for tc in rows[0].findall(qn("w:tc")):
                    yield from _blocks(tc, parent, styles)
            else:
                yield Block(kind="table", rows=_table_rows(Table(child, parent)))
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _blocks(content, parent, styles)


def _paragraph(p: Paragraph, styles: _StyleIndex) -> Block | None:
    text = clean_text(p.text)
    if not text:
        return None
    style, style_bold = styles.of(p)
    heading = _HEADING_STYLE.match(style.strip())
    if heading:
        return Block(kind="heading", text=text, level=int(heading.group(1)))
    if style.strip().lower() == "title":
        return Block(kind="heading", text=text, level=0)
    if _is_list(p, style):
        _, lead = bold_runs([(r.text, bool(r.bold)) for r in p.runs])
        return Block(kind="list_item", text=typed_list_item(text) or text, level=_list_level(p), lead=lead)
    if (item := typed_list_item(text)) is not None:
        return Block(kind="list_item", text=item)
    bold, lead = bold_runs([(r.text, bool(r.bold or (r.bold is None and style_bold))) for r in p.runs])
    return Block(kind="paragraph", text=text, bold=bold, lead=lead)


def _is_list(p: Paragraph, style: str) -> bool:
    if "list" in style.lower():
        return True
    ppr = p._p.pPr
    return ppr is not None and ppr.numPr is not None


def _list_level(p: Paragraph) -> int:
    ppr = p._p.pPr
    if ppr is not None and ppr.numPr is not None and ppr.numPr.ilvl is not None:
        return int(ppr.numPr.ilvl.val or 0)
    return 0


def _table_rows(table: Table) -> list[list[str]]:
    rows = []
    for tr in table._tbl.tr_lst:
        cells, seen = [], set()
        for tc in tr.tc_lst:
            if id(tc) in seen:
                continue
            seen.add(id(tc))
            cells.append(_cell_text(tc, table))
        rows.append(cells)
    return rows


def _cell_text(tc, parent) -> str:
    """A cell's text: its paragraphs, and any nested table flattened row by row."""
    parts = []
    for child in tc.iterchildren():
        if child.tag == qn("w:p"):
            text = clean_text(Paragraph(child, parent).text)
            if text:
                parts.append(text)
        elif child.tag == qn("w:tbl"):
            for row in _table_rows(Table(child, parent)):
                parts.append(" | ".join(c for c in row if c))
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                parts.append(_cell_text(content, parent))
    return "\n".join(p for p in parts if p)
