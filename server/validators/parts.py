"""Split a section into named parts (SPICED: Situation, Pain, Impact, Critical Event, Decision).

A part starts at a sub-heading or bold line naming it, a 'Part: text' lead-in, or a table
row whose first cell names it. Its text runs until the next part starts.
"""
from __future__ import annotations

import re

from .document import Block
from .text import normalise, sentences

_LEAD_IN = re.compile(r"^\s*([^\W\d_](?:[^\W\d_]|[ &/()]){0,40}?)\s*(?:[:\-–—.]|\(\w\))\s*(.*)$", re.S)  # any alphabet


def part_named(label: str, parts: tuple[str, ...], aliases: tuple[tuple[str, str], ...] = ()) -> str | None:
    """The part a label names: 'Critical event (dated)' -> 'Critical Event'; 'S' -> 'Situation'."""
    name = normalise(label)
    for alias, part in aliases:
        known = normalise(alias)
        if name == known or (len(known) >= 3 and name.startswith(known + " ") and len(name.split()) <= len(known.split()) + 3):
            return part  # 'Dor (Pain)' is Pain
    for part in sorted(parts, key=len, reverse=True):
        p = normalise(part)
        if name == p or name.startswith(p + " ") or (name.rstrip("s") == p):
            if len(name.split()) <= len(p.split()) + 3:
                return part
    return None


def split_parts(blocks: list[Block], parts: tuple[str, ...], aliases: tuple[tuple[str, str], ...] = ()) -> dict[str, str]:
    """Part name -> its text (missing parts are absent)."""
    found: dict[str, list[str]] = {}
    current: str | None = None
    for block in blocks:
        if block.kind == "table":
            for row in block.rows:
                cells = [c for c in row if c.strip()]
                if len(cells) >= 2 and (part := part_named(cells[0], parts, aliases)):
                    found.setdefault(part, []).append(" ".join(cells[1:]))
            continue
        short = block.kind == "heading" or block.bold or len(block.text.split()) <= 3
        part = part_named(block.text, parts, aliases) if short else None
        if part:
            current = part
            found.setdefault(part, [])
            continue
        for piece in sentences(block.text) if block.kind == "paragraph" else [block.text]:
            m = _LEAD_IN.match(piece)  # "Situation: ... Pain: ..." may share one paragraph
            if m and (part := part_named(m.group(1), parts, aliases)):
                current = part
                found.setdefault(part, []).append(m.group(2))
            elif current:
                found[current].append(piece)
    return {p: " ".join(t for t in texts if t.strip()).strip() for p, texts in found.items()}
