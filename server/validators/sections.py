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
from .document import Block, Document, typed_list_item
from .section_finder import best_claims, missing_sections
from .parts import part_named
from .text import normalise, words

_LEAD_IN = re.compile(r"^\s*([^:\n]{2,70}?)\s*[:\-–—]\s+(\S.*)$", re.S)
_MAX_HEADING_WORDS = 12


@dataclass
class FoundSection:
    section: Section
    heading: str  # the heading text as written in the document
    blocks: list[Block] = field(default_factory=list)  # shared when one heading names two sections
    by_content: bool = False  # no heading named it: found by what the text under `heading` says


@dataclass
class Group:
    """Content under a heading the rubric does not know ('Who we spoke to')."""
    heading: str
    blocks: list[Block] = field(default_factory=list)
    host: list[Block] | None = None  # a bold line inside a section: given back to it if nothing claims it


@dataclass
class SplitDocument:
    found: dict[str, FoundSection]  # rubric section key -> what the document holds
    preamble: list[Block]
    groups: list[Group] = field(default_factory=list)  # content under unknown headings, not claimed

    @property
    def unassigned(self) -> list[Block]:
        return [b for g in self.groups for b in g.blocks]

    def blocks(self, key: str) -> list[Block]:
        return self.found[key].blocks if key in self.found else []


_PARTS = re.compile(r"\s*(?:/|\(|\)|&|\+|,|;|\band\b|\by\b|\s[-–—]\s)\s*", re.I)


_NAMES: dict[int, tuple[dict[str, Section], list[str]]] = {}


def _section_names(rubric: Rubric) -> tuple[dict[str, Section], list[str]]:
    """Every section title and alias as headings are compared, longest first; once per rubric."""
    if id(rubric) not in _NAMES:
        names: dict[str, Section] = {}
        for section in rubric.sections:
            for name in (section.title, *section.aliases):
                names.setdefault(_heading_key(name), section)
        _NAMES[id(rubric)] = (names, sorted(names, key=len, reverse=True))
    return _NAMES[id(rubric)]


class HeadingMatcher:
    """Maps heading text to rubric sections: exact names first, then a known name followed by
    a few words ('Business case (draft)'), then close spellings; a heading that names two
    sections ('Timelines & next steps') or says one twice in two languages
    ('Cronograma / timelines') is split at '/', '&', 'and', brackets and dashes."""

    def __init__(self, rubric: Rubric):
        self.names, self.by_length = _section_names(rubric)
        self._seen: dict[tuple[str, bool], list[Section]] = {}  # one document asks about a line once

    def match(self, text: str, strict: bool = False) -> list[Section]:
        key = (text, strict)
        if key not in self._seen:
            self._seen[key] = self._match(text, strict)
        return self._seen[key]

    def _match(self, text: str, strict: bool) -> list[Section]:
        exact = self._one(text, "exact")
        if exact is not None or strict:
            return [exact] if exact is not None else []  # plain lines must name a section exactly
        if len(_heading_key(text).split()) > _MAX_HEADING_WORDS:
            return []
        parts: list[Section] = []
        for part in _PARTS.split(text):
            section = self._one(part, "prefix") if part and part.strip() else None
            if section is not None and section not in parts:
                parts.append(section)
        if len(parts) > 1 and self._one(text, "close") is None:
            return parts  # "Scope and data", "Timelines & next steps"
        whole = self._one(text, "fuzzy")
        return [whole] if whole is not None else parts

    def _one(self, text: str, how: str) -> Section | None:
        name = _heading_key(text)
        if not name or len(name.split()) > _MAX_HEADING_WORDS:
            return None
        if name in self.names:
            return self.names[name]
        if how == "exact":
            return None
        if how == "close":  # a near-exact spelling of one name
            close = difflib.get_close_matches(name, _near_in_length(name, self.by_length, 0.9), n=1, cutoff=0.9)
            return self.names[close[0]] if close else None
        for known in self.by_length:
            if (len(known) >= 4 and name.startswith(known + " ") and len(name.split()) <= len(known.split()) + 4
                    and not name[len(known):].startswith((" of ", " de "))):  # "Schedule of rates" is no schedule
                return self.names[known]
        if how == "prefix":
            return None
        close = difflib.get_close_matches(name, _near_in_length(name, self.by_length, 0.86), n=1, cutoff=0.86)
        return self.names[close[0]] if close else None


def _near_in_length(name: str, known: list[str], cutoff: float) -> list[str]:
    """The names whose length allows a similarity of `cutoff` (difflib's cheapest bound, applied
    before difflib builds a matcher for each)."""
    return [k for k in known if 2 * min(len(k), len(name)) >= cutoff * (len(k) + len(name))]


class _Splitter:
    """Walks the blocks once, opening sections at headings, bold lines and lead-ins."""

    def __init__(self, rubric: Rubric):
        self.matcher = HeadingMatcher(rubric)
        self.found: dict[str, FoundSection] = {}
        self.preamble: list[Block] = []
        self.groups: list[Group] = []
        self.current: list[Block] | None = None  # where content goes now
        self.current_sections: list[Section] = []
        self.level = 1
        self.headed = False  # a real heading or bold line was seen: plain lead-ins stop opening sections
        self.bold_headed = False  # the open section began at a bold line, not a Heading style
        self.parts_sections = [s for s in rubric.sections if s.parts]

    def open(self, sections: list[Section], heading: str, level: int, bold: bool = False) -> None:
        blocks = next((self.found[s.key].blocks for s in sections if s.key in self.found), None)
        blocks = blocks if blocks is not None else []
        for section in sections:
            self.found.setdefault(section.key, FoundSection(section, heading, blocks))
        self.current = self.found[sections[0].key].blocks
        self.current_sections, self.level, self.bold_headed = sections, level, bold

    def open_group(self, heading: str, host: list[Block] | None = None) -> None:
        self.groups.append(Group(heading, [], host))
        self.current, self.current_sections = self.groups[-1].blocks, []

    def add(self, block: Block) -> None:
        if self.current is not None:
            self.current.append(block)
        elif self.found:
            self.open_group("")
            self.current.append(block)
        else:
            self.preamble.append(block)

    def in_parts(self, text: str) -> bool:
        return any(part_named(text, s.parts, s.part_aliases) for s in self.current_sections)

    def feed(self, block: Block) -> None:
        """The document's next block: it opens a section (or a group under an unknown heading),
        or goes into the one open."""
        if block.is_title:
            return
        if block.kind in ("paragraph", "list_item"):
            question = _QUESTION.match(block.text)
            if question:  # "Q: Who signs?" in a handover written as questions and answers
                self.ask(question.group(1).strip())
                return
            answer = _ANSWER.match(block.text)
            if answer:
                block = Block(kind=block.kind, text=answer.group(1), level=block.level)
        if block.kind == "heading":
            self.heading(block)
        elif block.kind == "table" and self.open_table_sections(block):
            return
        elif block.kind not in ("paragraph", "list_item") or not (
                self.opened_by_lead(block) or self.opened_by_short_line(block) or self.opened_by_lead_in(block)):
            self.add(block)

    def heading(self, block: Block) -> None:
        sections = self.matcher.match(block.text)
        if sections:
            self.open(sections, block.text, block.level)
            self.headed = True
        elif (self.current is not None or self.found) and block.level <= self.level and not self.in_parts(block.text):
            self.open_group(block.text)  # an unknown heading at the same level ends the section
        else:
            self.add(block)

    def opened_by_lead(self, block: Block) -> bool:
        """'**Business case:** started with ...': a bold lead naming a section opens it."""
        if not block.lead or self.in_parts(block.lead):
            return False
        sections = self.matcher.match(block.lead.rstrip(":.-–— "))
        if not sections:
            return False
        self.open(sections, block.lead, self.level if self.current is not None else 1)
        self.headed = True
        rest = block.text[len(block.lead):].lstrip(" :.-–—")
        tail = re.split(r"[.:]\s*", block.lead.strip(" :.-–—"))[-1]
        if len(sections) == 1 and tail and self.in_parts(tail):
            rest = f"{tail}: {rest}"  # "SPICED. Situation: ..." keeps its part
        if rest:
            self.add(Block(kind=block.kind, text=rest, level=block.level))
        return True

    def opened_by_short_line(self, block: Block) -> bool:
        """A short line that reads as a heading (bold, capitals, or a list item naming a section)."""
        if len(words(block.text)) > _MAX_HEADING_WORDS:
            return False
        loud = block.bold or _is_caps_line(block.text)  # "DATA (all in DS Data/Leichhardt)" in a pasted email
        sections = self.matcher.match(block.text, strict=not loud)
        if sections and (loud or block.kind == "list_item" or _looks_like_heading(block.text)):
            self.open(sections, block.text, self.level if self.current is not None else 1, bold=True)
            self.headed = self.headed or loud
            return True
        if (loud and self.bold_headed and self.current_sections and _looks_like_heading(block.text)
                and not self.in_parts(block.text)):
            self.open_group(block.text, host=self.current)  # "**Who we spoke to**" among bold-line headings
            return True
        return False

    def opened_by_lead_in(self, block: Block) -> bool:
        """'Business case: we estimate ...' in a document without headings."""
        if self.headed:
            return False
        lead = _LEAD_IN.match(block.text)
        sections = self.matcher.match(lead.group(1), strict=True) if lead else []
        if not sections:
            return False
        self.open(sections, lead.group(1), self.level if self.current is not None else 1)
        self.add(Block(kind=block.kind, text=lead.group(2).strip(), level=block.level))
        return True

    def ask(self, question: str) -> None:
        """A question is a heading: a section it names, a part it asks about ('Q: Pain?',
        'Q: Is there a critical event?'), or a group for the section finder."""
        sections = self.matcher.match(question.rstrip("?"))
        if sections:
            self.open(sections, question, self.level)
            return
        for section in self.parts_sections:
            inside = section.key not in self.found or self.current is self.found[section.key].blocks
            part = part_named(question.rstrip("?"), section.parts, section.part_aliases) or (
                _part_asked(question, section) if inside else None)  # "who is the decision maker" later is Risks
            if part:
                if section.key not in self.found or self.current is not self.found[section.key].blocks:
                    self.open([section], question, self.level)
                self.add(Block(kind="paragraph", text=part, bold=True))
                return
        self.open_group(question)

    def open_table_sections(self, block: Block) -> bool:
        """A label | content table whose labels name sections ('Stakeholders' | 'Dana ...'): each
        row is a section. A deal table (short values) is not."""
        rows = [r for r in block.rows if len(r) >= 2 and r[0].strip()]
        if sum(len(" ".join(r[1:]).split()) >= 8 for r in rows) < 2 or max(len(r) for r in block.rows) > 3:
            return False  # a label | content table has 2 or 3 columns and paragraphs in them
        named = [(self.matcher.match(r[0].rstrip(":")), r) for r in rows]
        sections = {s.key for found, _ in named for s in found}
        long_values = sum(len(" ".join(r[1:]).split()) >= 8 for found, r in named if found)
        if len(sections) < 3 or long_values < 2:
            return False
        for found, row in named:
            if found:
                self.open(found, row[0], self.level)
            else:
                self.open_group(row[0])
            for line in "\n".join(c for c in row[1:] if c.strip()).split("\n"):
                item = typed_list_item(line)
                self.add(Block(kind="list_item" if item is not None else "paragraph", text=item or line))
        self.current, self.current_sections = None, []
        return True


def split_sections(doc: Document, rubric: Rubric) -> SplitDocument:
    splitter = _Splitter(rubric)
    for block in doc.blocks:
        splitter.feed(block)
    _adopt_fields_table(splitter.found, splitter.preamble, rubric)
    groups = _claim_by_content(splitter.found, splitter.groups, rubric)
    for group in groups:
        if group.host is not None:  # a bold line no section claimed: it was part of its section
            group.host.append(Block(kind="paragraph", text=group.heading, bold=True))
            group.host.extend(group.blocks)
    groups = [g for g in groups if g.host is None]
    return SplitDocument(found=splitter.found, preamble=splitter.preamble, groups=groups)


def _claim_by_content(found: dict[str, FoundSection], groups: list[Group], rubric: Rubric) -> list[Group]:
    """Missing sections read from groups under unknown headings by what they say; returns the
    groups left unclaimed."""
    candidates = [g for g in groups if g.blocks]
    claims = best_claims(missing_sections(found, rubric), [(g.heading, g.blocks) for g in candidates])
    claimed = set()
    for section, i in claims:
        group = candidates[i]
        found[section.key] = FoundSection(section, group.heading, group.blocks, by_content=True)
        claimed.add(id(group))
    return [g for g in groups if id(g) not in claimed]


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


_QUESTION = re.compile(r"^\s*(?:Q|Question|Pregunta|P)\s*[:.)]\s*(\S.{0,200}\?)\s*$", re.I)
_ANSWER = re.compile(r"^\s*(?:A|Answer|Respuesta|R)\s*[:.)]\s*(\S.*)$", re.S)


def _part_asked(question: str, section: Section) -> str | None:
    """The part a question asks about by a word of its name: 'How do they decide?' -> Decision."""
    words = set(re.findall(r"\w{4,}", question.lower()))
    for part in section.parts:
        stems = [w[:4] for w in re.findall(r"\w{4,}", part.lower())]
        if stems and all(any(w.startswith(stem) for w in words) for stem in stems):
            return part
    return None


def _is_caps_line(text: str) -> bool:
    """A short line whose first words are in capitals: 'CONTEXT', 'DATA (all in DS Data)'."""
    letters = [w for w in re.findall(r"[^\W\d_]+", text.split("(")[0]) if len(w) > 1]
    return bool(letters) and all(w.isupper() for w in letters) and len(letters) <= 8


def _looks_like_heading(text: str) -> bool:
    """A plain short line like 'Business Case' or 'TIMELINES' that is only a section name."""
    stripped = text.strip().rstrip(":")
    return not stripped.endswith((".", "?", "!")) and len(stripped.split()) <= 8
