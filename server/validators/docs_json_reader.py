"""Read a Google Docs API `documents.get` JSON into the document model.

Headings come from `paragraphStyle.namedStyleType`, list items from `bullet`, bold lines from
text runs, tables from `tableRows`; documents with tabs (`includeTabsContent`) are read tab by
tab. The same content scores the same as its .docx (tests/test_docs_json_reader.py).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from .document import Block, Document, InputError, bold_runs, clean_text, typed_list_item

_HEADING = re.compile(r"^HEADING_(\d)$")
MAX_DEPTH = 50  # tables nested in tables: deeper than this is ignored, not a crash


def read_docs_json_file(path: Path) -> Document:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path.name}: not a Google Docs JSON file ({exc.__class__.__name__}: {exc})") from None
    return read_docs_json(data, path.name)


def read_docs_json(data: dict, name: str | None = None) -> Document:
    if not isinstance(data, dict):
        raise InputError(f"{name or 'document'}: not a Google Docs document (expected a JSON object)")
    name = name or str(data.get("title") or data.get("documentId") or "document")
    bodies = list(_bodies(data))
    if not bodies:
        raise InputError(f"{name}: not a Google Docs document (no body or tabs)")
    blocks: list[Block] = []
    try:
        for body in bodies:
            blocks.extend(_elements(body.get("content") or [], 0))
    except (AttributeError, TypeError) as exc:
        raise InputError(f"{name}: malformed Google Docs JSON ({exc})") from None
    return Document(blocks=blocks, source=name)


def _bodies(data: dict):
    if isinstance(data.get("body"), dict):
        yield data["body"]
    for tab in data.get("tabs") or []:
        yield from _tab_bodies(tab, 0)


def _tab_bodies(tab, depth: int):
    if not isinstance(tab, dict) or depth > MAX_DEPTH:
        return
    body = (tab.get("documentTab") or {}).get("body")
    if isinstance(body, dict):
        yield body
    for child in tab.get("childTabs") or []:
        yield from _tab_bodies(child, depth + 1)


def _elements(content: list, depth: int):
    if depth > MAX_DEPTH:
        return
    for element in content:
        if not isinstance(element, dict):
            continue
        if "paragraph" in element:
            block = _paragraph(element["paragraph"] or {})
            if block is not None:
                yield block
        elif "table" in element:
            table = element["table"] or {}
            rows = table.get("tableRows") or []
            if len(rows) == 1 and _holds_table(rows[0]):
                # a one-row layout table holding tables: read its cells as the page
                for cell in (rows[0] or {}).get("tableCells") or []:
                    yield from _elements((cell or {}).get("content") or [], depth + 1)
            else:
                yield Block(kind="table", rows=_rows(table, depth))
        elif "tableOfContents" in element:
            continue  # a generated table of contents repeats the headings: not content


def _holds_table(row: dict) -> bool:
    return any("table" in (e or {}) for cell in (row or {}).get("tableCells") or []
               for e in (cell or {}).get("content") or [])


def _paragraph(p: dict) -> Block | None:
    runs = [e for e in p.get("elements") or [] if isinstance(e, dict)]
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
    for row in table.get("tableRows") or []:
        cells = []
        for cell in (row or {}).get("tableCells") or []:
            parts = []
            for block in _elements((cell or {}).get("content") or [], depth + 1):
                if block.kind == "table":
                    parts.extend(" | ".join(c for c in r if c) for r in block.rows)
                else:
                    parts.append(block.text)
            cells.append("\n".join(p for p in parts if p))
        rows.append(cells)
    return rows
