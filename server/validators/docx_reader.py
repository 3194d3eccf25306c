"""Read a .docx file into the document model (server/validators/document.py).

Text is read as the reader of the document sees it: tracked insertions, content controls,
smart tags, simple fields and hyperlinks count; tracked deletions and moved-away text do not.
A zip bomb is refused before python-docx unzips it (limits in the rubric's [limits]).
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import nsmap, qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from ..rubric import load_rubric
from ..errors import InputError
from .document import Block, Document, bold_runs, clean_text, typed_list_item

_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
_CHUNK = 1 << 16  # bytes unzipped at a time while counting elements
# Runs a reader sees: not inside a deletion or a move's old place, not in a text box
# (a run inside a run), not in the fallback copy of markup-compatibility content, not hidden
# (w:vanish: text nobody sees must not pad a section).
_NAMESPACES = {"w": nsmap["w"], "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
_VISIBLE_RUNS = etree.XPath(
    ".//w:r[not(ancestor::w:del or ancestor::w:moveFrom or ancestor::w:r or ancestor::mc:Fallback)"
    " and not(w:rPr/w:vanish[not(@w:val) or (@w:val != '0' and @w:val != 'false')])]",
    namespaces=_NAMESPACES)
_RUN_TEXT = etree.XPath("w:t | w:tab | w:br | w:cr | w:noBreakHyphen | w:ptab", namespaces=_NAMESPACES)  # as Run.text


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
    check_package(data, name, load_rubric().limits)
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


def check_package(data: bytes, name: str, limits: dict) -> None:
    """Refuse a zip bomb before anything is unzipped into memory: too many files, too many
    bytes once unzipped, or too many XML elements. Raises InputError with a one-line reason."""
    max_parts, max_bytes, max_elements = (limits["max_docx_parts"], limits["max_docx_unzipped_bytes"],
                                          limits["max_docx_xml_elements"])
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            _check_sizes(package.infolist(), name, max_parts, max_bytes)
            _check_elements(package, name, max_elements)
    except InputError:
        raise
    except Exception as exc:  # zipfile and zlib raise many types for broken packages
        raise InputError(f"{name}: not a readable .docx file ({type(exc).__name__}: {exc})") from None


def _check_sizes(parts: list[zipfile.ZipInfo], name: str, max_parts: int, max_bytes: int) -> None:
    """The zip's own count and declared sizes (zipfile never inflates a part past its size)."""
    if len(parts) > max_parts:
        raise InputError(f"{name}: refused: it holds {len(parts):,} files, more than the "
                         f"{max_parts:,} a Word document may; save it again from Word")
    unzipped = sum(part.file_size for part in parts)
    if unzipped > max_bytes:
        raise InputError(f"{name}: refused: it unzips to {_mb(unzipped)}, more than the {_mb(max_bytes)} "
                         "a handover may; remove large pictures or embedded files, or split the document")


def _check_elements(package: zipfile.ZipFile, name: str, limit: int) -> None:
    """XML elements in all parts together, counted while streaming, keeping none."""
    left = limit
    for part in package.infolist():
        left -= _count_elements(package, part, left)
        if left < 0:
            raise InputError(f"{name}: refused: it holds more than {limit:,} XML elements, far more "
                             "than a handover needs; split the document or save it again from Word")


def _count_elements(package: zipfile.ZipFile, part: zipfile.ZipInfo, budget: int) -> int:
    """One part's XML elements, up to budget + 1, building no tree; a part that is not XML
    counts what came before the error (python-docx judges what it parses)."""
    counter = _ElementCounter(budget)
    parser = etree.XMLParser(target=counter, resolve_entities=False, no_network=True, load_dtd=False)
    with package.open(part) as stream:
        try:
            while chunk := stream.read(_CHUNK):
                parser.feed(chunk)
            parser.close()
        except (_ElementCounter.Full, etree.XMLSyntaxError):
            pass
    return counter.count


class _ElementCounter:
    """An lxml parser target that only counts start tags, and stops past its budget."""

    class Full(Exception):
        pass

    def __init__(self, budget: int):
        self.budget, self.count = budget, 0

    def start(self, tag, attrib) -> None:
        self.count += 1
        if self.count > self.budget:
            raise self.Full

    def close(self) -> int:
        return self.count


def _mb(size: int) -> str:
    return f"{size / 1_000_000:,.0f} MB"


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
    runs = _visible_runs(p)
    text = clean_text("".join(t for t, _ in runs))
    if not text:
        return None
    style, style_bold = styles.of(p)
    heading = _HEADING_STYLE.match(style.strip())
    if heading:
        return Block(kind="heading", text=text, level=int(heading.group(1)))
    if style.strip().lower() == "title":
        return Block(kind="heading", text=text, level=0)
    if _is_list(p, style):
        _, lead = bold_runs([(t, bool(r.bold)) for t, r in runs])
        return Block(kind="list_item", text=typed_list_item(text) or text, level=_list_level(p), lead=lead)
    if (item := typed_list_item(text)) is not None:
        return Block(kind="list_item", text=item)
    bold, lead = bold_runs([(t, bool(r.bold or (r.bold is None and style_bold))) for t, r in runs])
    return Block(kind="paragraph", text=text, bold=bold, lead=lead)


def _visible_runs(p: Paragraph) -> list[tuple[str, Run]]:
    """(text, run) for the paragraph's runs as its reader sees them, in order, however deep:
    inside tracked insertions, content controls, smart tags, simple fields and hyperlinks;
    never tracked deletions or moved-away text. (python-docx's Paragraph.text and .runs read
    direct children only.)"""
    return [("".join(str(e) for e in _RUN_TEXT(r)), Run(r, p)) for r in _VISIBLE_RUNS(p._p)]


def _paragraph_text(p: Paragraph) -> str:
    return clean_text("".join(t for t, _ in _visible_runs(p)))


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
        if tr.trPr is not None and tr.trPr.find(qn("w:del")) is not None:
            continue  # a row deleted with changes tracked
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
            text = _paragraph_text(Paragraph(child, parent))
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
