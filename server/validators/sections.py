"""Find the rubric's sections in a document by their heading text.

Tolerant of numbering ("3. Current Workflow"), case, '&', the rubric's aliases, Heading
styles at any level, bold lines, short list items that are really headings, and lead-ins
("Business case: we estimate ..."). Blocks before the first section are the preamble.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from ..rubric import Rubric, Section
from .document import Block, Document
from .parts import part_named
from .text import normalise, words

_LEAD_IN = re.compile(r"^\s*([^:\n]{2,70}?)\s*[:\-–—]\s+(\S.*)$", re.S)
_MAX_HEADING_WORDS = 12


@dataclass
class FoundSection:
    section: Section
    heading: str  # the heading text as written in the document
    blocks: list[Block] = field(default_factory=list)


@dataclass
class SplitDocument:
    found: dict[str, FoundSection]  # rubric section key -> what the document holds
    preamble: list[Block]
    unassigned: list[Block]  # content under headings the rubric does not know

    def blocks(self, key: str) -> list[Block]:
        return self.found[key].blocks if key in self.found else []


class HeadingMatcher:
    """Maps heading text to a rubric section, exact names first, then close spellings."""

    def __init__(self, rubric: Rubric):
        self.names: dict[str, Section] = {}
        for section in rubric.sections:
            for name in (section.title, *section.aliases):
                self.names.setdefault(_heading_key(name), section)
        self.by_length = sorted(self.names, key=len, reverse=True)

    def match(self, text: str, strict: bool = False) -> Section | None:
        name = _heading_key(text)
        if not name or len(name.split()) > _MAX_HEADING_WORDS:
            return None
        if name in self.names:
            return self.names[name]
        if strict:
            return None
        for known in self.by_length:  # "Business case (draft)", "Stakeholders - customer side"
            if len(known) >= 4 and name.startswith(known + " ") and len(name.split()) <= len(known.split()) + 4:
                return self.names[known]
        close = difflib.get_close_matches(name, self.by_length, n=1, cutoff=0.86)
        return self.names[close[0]] if close else None


def split_sections(doc: Document, rubric: Rubric) -> SplitDocument:
    matcher = HeadingMatcher(rubric)
    found: dict[str, FoundSection] = {}
    preamble: list[Block] = []
    unassigned: list[Block] = []
    current: FoundSection | None = None
    current_level = 1
    headed = False  # a section was opened by a real heading: lead-ins no longer open sections

    def open_section(section: Section, heading: str, level: int) -> FoundSection:
        nonlocal current_level
        current_level = level
        if section.key not in found:
            found[section.key] = FoundSection(section, heading)
        return found[section.key]

    for block in doc.blocks:
        if block.is_title:
            continue
        if block.kind == "heading":
            section = matcher.match(block.text)
            if section is not None:
                current = open_section(section, block.text, block.level)
                headed = True
                continue
            if current is not None and block.level <= current_level and not part_named(block.text, current.section.parts):
                current = None  # an unknown section at the same level ends the current one
                unassigned.append(block)
                continue
        elif block.kind in ("paragraph", "list_item") and len(words(block.text)) <= _MAX_HEADING_WORDS:
            section = matcher.match(block.text, strict=not block.bold)
            if section is not None and (block.bold or block.kind == "list_item" or _looks_like_heading(block.text)):
                current = open_section(section, block.text, current_level if current else 1)
                headed = headed or block.bold
                continue
        if block.kind in ("paragraph", "list_item") and not headed:
            lead = _LEAD_IN.match(block.text)
            if lead:
                section = matcher.match(lead.group(1), strict=True)
                if section is not None:
                    current = open_section(section, lead.group(1), current_level if current else 1)
                    current.blocks.append(Block(kind=block.kind, text=lead.group(2).strip(), level=block.level))
                    continue
        if current is not None:
            current.blocks.append(block)
        elif found:
            unassigned.append(block)
        else:
            preamble.append(block)
    _adopt_fields_table(found, preamble, rubric)
    return SplitDocument(found=found, preamble=preamble, unassigned=unassigned)


def _adopt_fields_table(found: dict[str, FoundSection], preamble: list[Block], rubric: Rubric) -> None:
    """A label | value table of deal fields before the first heading is the deal summary,
    even without its heading."""
    fields_section = next((s for s in rubric.sections if s.kind == "fields"), None)
    if fields_section is None or fields_section.key in found:
        return
    labels = {_heading_key(n) for f in rubric.fields for n in (f.label, *f.aliases)}
    for block in preamble:
        if block.kind == "table" and sum(1 for r in block.rows if r and _heading_key(r[0]) in labels) >= 3:
            found[fields_section.key] = FoundSection(fields_section, "(deal table before the first heading)", [block])
            return


def _heading_key(text: str) -> str:
    """Heading text compared without numbering, case, punctuation, 'the' or 'section'."""
    return re.sub(r"\s+", " ", re.sub(r"\b(section|the)\b", " ", normalise(text))).strip()


def _looks_like_heading(text: str) -> bool:
    """A plain short line like 'Business Case' or 'TIMELINES' that is only a section name."""
    stripped = text.strip().rstrip(":")
    return not stripped.endswith((".", "?", "!")) and len(stripped.split()) <= 8
