"""Read a Google Docs API `documents.get` JSON into the document model.

Headings come from `paragraphStyle.namedStyleType`, list items from `bullet`, bold lines from
text runs, tables from `tableRows`; documents with tabs (`includeTabsContent`) are read tab by
tab. Un-accepted suggested insertions are not read; text only suggested for deletion is (the
document as it stands, as PREVIEW_WITHOUT_SUGGESTIONS shows it). The same content scores the
same as its .docx (tests/test_docs_parity.py).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from ..errors import InputError
from .document import Block, Document, bold_runs, clean_text, typed_list_item

_HEADING = re.compile(r"^HEADING_(\d)$")
MAX_DEPTH = 50  # tables nested in tables: deeper than this is ignored, not a crash


def read_docs_json_file(path: Path) -> Document:
    """A saved documents.get JSON file. Raises InputError with a one-line reason."""
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path.name}: is a folder, not a Google Docs JSON file")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path.name}: could not be read ({exc.strerror or exc})") from None
    except RecursionError:
        raise InputError(f"{path.name}: not a Google Docs JSON file (nested far too deeply)") from None
    except (UnicodeDecodeError, ValueError) as exc:  # JSONDecodeError, or an integer too long to convert
        raise InputError(f"{path.name}: not a Google Docs JSON file ({exc.__class__.__name__}: "
                         f"{_one_line(exc)})") from None
    return read_docs_json(data, path.name)


def read_docs_json(data: dict, name: str | None = None) -> Document:
    """A documents.get answer (a dict). Raises InputError with a one-line reason."""
    if not isinstance(data, dict):
        raise InputError(f"{name or 'document'}: not a Google Docs document (expected a JSON object)")
    name = name or str(data.get("title") or data.get("documentId") or "document")
    bodies = list(_bodies(data))
    if not bodies:
        raise InputError(f"{name}: not a Google Docs document (no body or tabs)")
    blocks: list[Block] = []
    try:
        for body in bodies:
            blocks.extend(_elements(_items(body.get("content")), 0))
    except (AttributeError, TypeError, ValueError) as exc:
        raise InputError(f"{name}: malformed Google Docs JSON ({_one_line(exc)})") from None
    return Document(blocks=blocks, source=name)


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


def _items(value) -> list:
    """A JSON array's items; anything else (null, true, an object) holds none."""
    return value if isinstance(value, list) else []


def _bodies(data: dict):
    if isinstance(data.get("body"), dict):
        yield data["body"]
    for tab in _items(data.get("tabs")):
        yield from _tab_bodies(tab, 0)


def _tab_bodies(tab, depth: int):
    if not isinstance(tab, dict) or depth > MAX_DEPTH:
        return
    document_tab = tab.get("documentTab")
    body = document_tab.get("body") if isinstance(document_tab, dict) else None
    if isinstance(body, dict):
        yield body
    for child in _items(tab.get("childTabs")):
        yield from _tab_bodies(child, depth + 1)


def _suggested_insertion(element: dict) -> bool:
    """A structural or paragraph element (its table, textRun, person...) that a collaborator
    suggested adding and nobody has accepted: not part of the document yet."""
    return any(isinstance(v, dict) and v.get("suggestedInsertionIds") for v in element.values())


def _elements(content: list, depth: int):
    if depth > MAX_DEPTH:
        return
    for element in content:
        if not isinstance(element, dict) or _suggested_insertion(element):
            continue
        if "paragraph" in element:
            block = _paragraph(element["paragraph"] or {})
            if block is not None:
                yield block
        elif "table" in element:
            table = element["table"] or {}
            rows = _items(table.get("tableRows"))
            if len(rows) == 1 and _holds_table(rows[0]):
                # a one-row layout table holding tables: read its cells as the page
                for cell in _items((rows[0] or {}).get("tableCells")):
                    yield from _elements(_items((cell or {}).get("content")), depth + 1)
            else:
                yield Block(kind="table", rows=_rows(table, depth))
        elif "tableOfContents" in element:
            continue  # a generated table of contents repeats the headings: not content


def _holds_table(row: dict) -> bool:
    return any("table" in (e or {}) for cell in _items((row or {}).get("tableCells"))
               for e in _items((cell or {}).get("content")))


def _paragraph(p: dict) -> Block | None:
    runs = [e for e in _items(p.get("elements")) if isinstance(e, dict) and not _suggested_insertion(e)]
    text = clean_text("".join(_element_text(e) for e in runs))
    if not text:
        return None
    style = (p.get("paragraphStyle") or {}).get("namedStyleType") or "NORMAL_TEXT"
    heading = _HEADING.match(style)
    if heading:
        return Block(kind="heading", text=text, level=int(heading.group(1)))
    if style == "TITLE":
        return Block(kind="heading", text=text, level=0)
    if p.get("bullet") is not None:
        level = (p.get("bullet") or {}).get("nestingLevel") or 0
        return Block(kind="list_item", text=typed_list_item(text) or text, level=int(level) if str(level).isdigit() else 0,
                     lead=_bold(runs)[1])
    if (item := typed_list_item(text)) is not None:
        return Block(kind="list_item", text=item)
    bold, lead = _bold(runs)
    return Block(kind="paragraph", text=text, bold=bold, lead=lead)


def _bold(runs: list[dict]) -> tuple[bool, str]:
    return bold_runs([(str(e["textRun"].get("content") or ""), bool((e["textRun"].get("textStyle") or {}).get("bold")))
                      for e in runs if isinstance(e.get("textRun"), dict)])


def _element_text(e: dict) -> str:
    if isinstance(e.get("textRun"), dict):
        return str(e["textRun"].get("content") or "")
    if isinstance(e.get("person"), dict):
        props = e["person"].get("personProperties") or {}
        return str(props.get("name") or props.get("email") or "")
    if isinstance(e.get("richLink"), dict):
        props = e["richLink"].get("richLinkProperties") or {}
        return str(props.get("title") or props.get("uri") or "")
    if isinstance(e.get("dateElement"), dict):
        props = e["dateElement"].get("dateElementProperties") or {}
        return str(props.get("displayText") or "")
    return ""


def _rows(table: dict, depth: int) -> list[list[str]]:
    rows = []
    for row in _items(table.get("tableRows")):
        if not isinstance(row, dict) or row.get("suggestedInsertionIds"):
            continue
        cells = []
        for cell in _items(row.get("tableCells")):
            parts = []
            for block in _elements(_items((cell or {}).get("content")), depth + 1):
                if block.kind == "table":
                    parts.extend(" | ".join(c for c in r if c) for r in block.rows)
                else:
                    parts.append(block.text)
            cells.append("\n".join(p for p in parts if p))
        rows.append(cells)
    return rows
