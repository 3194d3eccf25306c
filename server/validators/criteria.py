"""The acceptance criteria for a Desktop Study (spec: "Acceptance criteria"), each a pass or
fail with the evidence found in the document.

The criteria, their order, what each reads and its numbers are [criteria.*] in
doc_templates/rubric.toml; each names its `check`, one small function here registered under
that name with @check. A check gets the evidence and its criterion's rule, and answers one
Criterion; it never types a section key, a threshold or a word list.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from ..clip import clip
from ..data_package.verdict import judge
from ..rubric import Rubric
from .content import Unit, is_filler, part_filled, without_guidance
from .document import Block
from .fields import count_near, is_blank, parse_amount, parse_count, segment_of
from .scorecard import Criterion, SectionResult
from .sections import SplitDocument
from .stakeholders import has_name, read_stakeholders
from .text import Lexicon, is_specific_date, normalise, sentences

EVIDENCE_CHARS = 100  # a criterion quotes at most this much of the document


@dataclass
class Evidence:
    """What the criteria read from one scored document."""
    split: SplitDocument
    fields: dict[str, str]
    results: dict[str, SectionResult]
    units: dict[str, list[Unit]]
    parts: dict[str, str]
    lexicon: Lexicon
    rubric: Rubric
    package: object = None  # the files in DS Data (data_package.package.Package), when there are any
    data_notes: list[str] = field(default_factory=list)  # where the files and the handover disagree
    _data_rows: dict = field(default_factory=dict)

    def own(self, key: str) -> list[Unit]:
        """The section's own content: no guidance, no text pasted from another section."""
        return [u for u in self.units.get(key, []) if u.is_own]

    def filled(self, key: str) -> bool:
        r = self.results.get(key)
        return r is not None and r.status not in ("missing", "empty") and bool(self.own(key))

    def text(self, key: str) -> str:
        """The section's own words, without sentences quoting the world at large."""
        return " ".join(u.text for u in self.own(key) if not u.signals.attributed)

    def blocks(self, key: str) -> list[Block]:
        """The section's blocks without template guidance left in."""
        if key not in self.split.found:
            return []
        return without_guidance(self.split.found[key].blocks, self.rubric.section(key))

    def data_rows(self, key: str) -> dict[str, tuple[str, bool | None, str]]:
        """The data checklist in section `key`, read once for every criterion that asks."""
        if key not in self._data_rows:
            self._data_rows[key] = data_rows(self.blocks(key), self.lexicon)
        return self._data_rows[key]

    def field(self, key: str) -> str | None:
        value = self.fields.get(key)
        return None if is_blank(value, self.lexicon) else value


Check = Callable[[Evidence, str, dict], Criterion]
CHECKS: dict[str, Check] = {}


def check(name: str) -> Callable[[Check], Check]:
    """Register a check under the name a criterion gives as its `check` in the rubric."""
    def register(fn: Check) -> Check:
        CHECKS[name] = fn
        return fn
    return register


def evaluate(ev: Evidence) -> list[Criterion]:
    """Every criterion of the rubric, in its order, labelled as people read it."""
    criteria = []
    for cid, rule in ev.rubric.criteria.items():
        criterion = CHECKS[rule["check"]](ev, cid, rule)
        criterion.label = ev.rubric.criterion_label(cid)
        criteria.append(criterion)
    return criteria


@check("segment")
def _segment(ev: Evidence, cid: str, rule: dict) -> Criterion:
    value = ev.field(rule["field"])
    if value is None:
        return Criterion(cid, False, "Segment not filled in the deal summary.")
    if segment_of(value) in rule["accepted"]:
        return Criterion(cid, True, f"Segment: {value}")
    return Criterion(cid, False, f"Segment '{value}': desktop studies are for {' and '.join(rule['accepted'])} only.")


@check("deal_size")
def _deal_size(ev: Evidence, cid: str, rule: dict) -> Criterion:
    value = ev.field(rule["field"])
    if value is None:
        return Criterion(cid, False, "Deal size not filled in the deal summary.")
    amount = parse_amount(value)
    if amount is None:
        return Criterion(cid, False, f"Deal size '{value}' has no amount.")
    if amount > rule["over"]:
        return Criterion(cid, True, f"Deal size: {value}")
    return Criterion(cid, False, f"Deal size '{value}' is not over {rule['over']:,}.")


@check("stakeholders")
def _stakeholders(ev: Evidence, cid: str, rule: dict) -> Criterion:
    people = [p for p in read_stakeholders(ev.blocks(rule["section"]), ev.lexicon) if has_name(p.name, ev.lexicon)]
    if not people:
        return Criterion(cid, False, "No stakeholders listed by name.")
    committed = [p.name for p in people if p.all_three]
    summary = f"{len(committed)} of {len(people)} stakeholders engaged, demoed and committed"
    if committed:
        summary += ": " + ", ".join(committed[:5])
    passed = len(committed) >= rule["min"]
    if not passed:
        summary += f" (needs at least {rule['min']})"
    return Criterion(cid, passed, summary + ".")


def _lines(text: str) -> list[str]:
    """A paragraph about several items, one sentence (or ';' part) each."""
    return [p.strip() for s in sentences(text) for p in s.split(";") if p.strip()]


@check("measurable")
def _measurable(ev: Evidence, cid: str, rule: dict) -> Criterion:
    key = rule["section"]
    if not ev.filled(key):
        return Criterion(cid, False, "Use cases and success criteria section is missing or empty.")
    measurable = [u for u in ev.own(key) if u.signals.numbers or u.signals.dates]
    if not measurable:
        return Criterion(cid, False, "Use cases listed, but no measurable success criterion (no number, amount or date).")
    return Criterion(cid, True, f"Measurable: \"{clip(measurable[0].text, EVIDENCE_CHARS)}\"")


@check("business_case")
def _business_case(ev: Evidence, cid: str, rule: dict) -> Criterion:
    """Started = the section states something concrete (a value, a date, who it is with) and
    does not say it has not started."""
    said = next((u for u in ev.own(rule["section"])
                 if any(re.search(p, u.text, re.I) for p in rule.get("not_started", ()))), None)
    if said is not None:
        return Criterion(cid, False, f"Business case not started: \"{clip(said.text, EVIDENCE_CHARS)}\"")
    return _filled_with(ev, cid, rule["section"], "estimate, status or owner (no number, date or name)",
                        lambda u: bool(u.signals.hard))


@check("dated")
def _dated(ev: Evidence, cid: str, rule: dict) -> Criterion:
    return _filled_with(ev, cid, rule["section"], rule["what"],
                        lambda u: any(is_specific_date(d) for d in u.signals.dates))


@check("next_steps")
def _next_steps(ev: Evidence, cid: str, rule: dict) -> Criterion:
    """A next step has an owner, an action and a date; 'may include a POC' is a maybe."""
    key = rule["section"]
    own = [u for u in ev.own(key) if not is_filler(u, ev.lexicon)]
    firm = [u for u in own if not ev.lexicon.hedged(u.text)]
    owner = any(u.signals.names or (ev.lexicon.roles and ev.lexicon.roles.search(u.text)) for u in firm)
    if ev.filled(key) and own and not firm:
        return Criterion(cid, False, f"Next steps are only possibilities: \"{clip(own[0].text, EVIDENCE_CHARS)}\". "
                                     "Say who does what by when.")
    if ev.filled(key) and firm and not owner:
        return Criterion(cid, False, "Next steps name no owner: say who does each step.")
    return _filled_with(ev, cid, key, "dated step (who does what by when)", lambda u: bool(u.signals.dates),
                        units=firm)


def _filled_with(ev: Evidence, cid: str, key: str, what: str, test, units: list[Unit] | None = None) -> Criterion:
    """Section `key` is filled and one of its own sentences (not padding) passes `test`."""
    title = ev.rubric.section(key).title
    if not ev.filled(key):
        return Criterion(cid, False, f"{title} section is missing or empty.")
    if units is None:
        units = [u for u in ev.own(key) if not is_filler(u, ev.lexicon)]
    hits = [u for u in units if test(u)]
    if not hits:
        return Criterion(cid, False, f"{title} has no {what}.")
    return Criterion(cid, True, f"\"{clip(hits[0].text, EVIDENCE_CHARS)}\"")


@check("spiced")
def _spiced(ev: Evidence, cid: str, rule: dict) -> Criterion:
    key = rule["section"]
    section = ev.rubric.section(key)
    if not ev.filled(key):
        return Criterion(cid, False, f"{section.title} section is missing or empty.")
    if ev.results[key].status == "generic":
        return Criterion(cid, False, f"{section.title} is written but generic: no names, numbers or dates for this customer.")
    filled = [p for p in section.parts if part_filled(ev.parts.get(p, ""), section, ev.lexicon, ev.rubric)]
    missing = [p for p in section.parts if p not in filled]
    if missing:
        return Criterion(cid, False, f"{section.title} parts missing or empty: {', '.join(missing)}.")
    for part in rule.get("dated_parts", ()):
        text = ev.parts.get(part, "")
        if not any(is_specific_date(d) for d in ev.lexicon.signals(text).dates):
            return Criterion(cid, False, f"{section.title} {part} has no date (a day or a month): "
                                         f"\"{clip(text, EVIDENCE_CHARS)}\"")
    return Criterion(cid, True, f"All five {section.title} parts filled.")


def data_rows(blocks: list[Block], lexicon: Lexicon) -> dict[str, tuple[str, bool | None, str]]:
    """Data checklist item -> (its text, received?, what it says beyond its label) from a table
    or a checklist of lines."""
    out: dict[str, tuple[str, bool | None, str]] = {}
    context: bool | None = None  # what the last lead line said of the items under it
    for block in blocks:
        if block.kind == "table":
            header = [normalise(c) for c in block.rows[0]] if block.rows else []
            col = next((i for i, h in enumerate(header) if any(s in h for s in lexicon.columns.get("received", ()))), None)
            body = block.rows[1:] if col is not None else block.rows
            for row in body:
                text = " ".join(row)
                received = lexicon.is_yes(row[col]) if col is not None and col < len(row) else _line_received(text, lexicon)
                _add_item(out, text, received, lexicon, detail=" ".join(row[1:]))
        elif block.kind in ("list_item", "paragraph"):
            for line in _lines(block.text):
                said = _line_received(line, lexicon)
                if line.rstrip().endswith(":") and not any(p.search(line) for _, p in lexicon.data_items):
                    context = said  # "Still to come (promised next week):" speaks for the items below
                    continue
                received = said if said is not None else context
                weak = received is None and lexicon.says_what(line)  # listed with its period or file
                for item in _items_in(line, lexicon):
                    own = _line_received(item, lexicon) if item != line else None
                    _add_item(out, item, own if own is not None else (True if weak else received), lexicon,
                              detail=line, weak=weak and own is None)
    return out


def _items_in(line: str, lexicon: Lexicon) -> list[str]:
    """A sentence naming several items ('both claims, the schedule of rates and a scan of the
    plod form') split at commas and 'and', so each item keeps its own words."""
    if sum(1 for _, pattern in lexicon.data_items if pattern.search(line)) < 2:
        return [line]
    parts = [p for p in re.split(r",\s+|;\s+|\s+and\s+|\s+y\s+|\s+e\s+", line) if p.strip()]
    return parts if len(parts) > 1 else [line]


def _add_item(out: dict, text: str, received: bool | None, lexicon: Lexicon, detail: str | None = None,
              weak: bool = False) -> None:
    """Record a checklist item; `detail` is what the row says beyond the item's label (a line
    says it all in one). A later 'received' replaces an earlier 'pending', unless it is only
    `weak` (a line that names a file or period but says nothing of receipt)."""
    for key, pattern in lexicon.data_items:
        if pattern.search(text):
            if key not in out or (received and not out[key][1] and not (weak and out[key][1] is False)):
                out[key] = (text, received, text if detail is None else detail)
            return


def _line_received(text: str, lexicon: Lexicon) -> bool | None:
    """Was this checklist line's item received? Ticks, then words ([receipt] in the rubric),
    then a 'label: answer'."""
    t = text.strip()
    if lexicon.ticked.match(t):
        return True
    if lexicon.unticked.match(t):
        return False
    if lexicon.not_received.search(t):
        return False
    if lexicon.received.search(t):
        return True
    m = re.search(r"[:\-–—]\s*(.+)$", t)
    return lexicon.is_yes(m.group(1)) if m and len(m.group(1).split()) <= 4 else None  # "Plods: yes", not a sentence


@check("plods")
def _plods(ev: Evidence, cid: str, rule: dict) -> Criterion:
    low, high, cycle_words = rule["min"], rule["max"], rule["cycles"]
    text, received, detail = ev.data_rows(rule["section"]).get(rule["item"], ("", None, ""))
    stated = ev.field(rule["field"])
    cycles = (count_near(stated, cycle_words) or parse_count(stated)) if stated else None  # '1 Nov to 31 Jan, 3 cycles' is 3
    if cycles is None:
        cycles = count_near(text, cycle_words) or count_near(ev.text(rule["section"]), cycle_words)
    files = judge(ev.package, rule)
    if files:  # the plod data itself decides, and what the handover claims is checked against it
        found = len(ev.package.plod.cycles)
        if cycles is not None and cycles != found:
            ev.data_notes.append(f"The handover says {cycles} billing cycles; {files.evidence[0].lower()}"
                                 f"{files.evidence[1:]}")
            return Criterion(cid, files.passed, f"{files.evidence} The handover says {cycles}: correct it.")
        return Criterion(cid, files.passed, files.evidence)
    if not text:
        return Criterion(cid, False, "Plod data not listed in Data provided.")
    if received is False:
        return Criterion(cid, False, f"Plod data not received: \"{clip(text, EVIDENCE_CHARS)}\"")
    if not ev.lexicon.says_what(detail):
        return Criterion(cid, False, f"Plod data marked received with no detail: \"{clip(text, EVIDENCE_CHARS)}\". "
                                     "Say which file, which period, how many billing cycles.")
    if cycles is None:
        return Criterion(cid, False, "Number of billing cycles of plod data not stated.")
    if not low <= cycles <= high:
        return Criterion(cid, False, f"{cycles} billing cycles of plod data (needs {low} to {high}).")
    return Criterion(cid, True, f"{cycles} billing cycles: \"{clip(text, EVIDENCE_CHARS)}\"")


@check("received")
def _received(ev: Evidence, cid: str, rule: dict) -> Criterion:
    """The files in DS Data decide when they can; else what the handover says of the item."""
    files = judge(ev.package, rule)
    if files and files.settled:
        return Criterion(cid, files.passed, files.evidence)
    if files and not files.passed:
        ev.data_notes.append(files.evidence)
    return _received_said(ev, cid, rule)


def _received_said(ev: Evidence, cid: str, rule: dict) -> Criterion:
    label = rule["name"]
    text, received, detail = ev.data_rows(rule["section"]).get(rule["item"], ("", None, ""))
    if not text:
        return Criterion(cid, False, f"{label} not listed in Data provided.")
    if received is not True:
        return Criterion(cid, False, f"{label} not marked received: \"{clip(text, EVIDENCE_CHARS)}\"")
    if not ev.lexicon.says_what(detail):
        return Criterion(cid, False, f"{label} marked received with no detail: \"{clip(text, EVIDENCE_CHARS)}\". "
                                     "Say which file, which period, which rigs.")
    return Criterion(cid, True, f"Received: \"{clip(text, EVIDENCE_CHARS)}\"")


@check("at_most")
def _at_most(ev: Evidence, cid: str, rule: dict) -> Criterion:
    """At most `max` of something, as the handover counts it (the deal summary's field, else a
    section) and as the plod data in DS Data names them: over the limit in either goes to a manager."""
    label, limit, noun = ev.rubric.field(rule["field"]).label, rule["max"], rule["noun"]
    count, source = parse_count(ev.field(rule["field"])), label
    if count is None:
        count, source = count_near(ev.text(rule["section"]), rule["nouns"]), ev.rubric.section(rule["section"]).title
    files = judge(ev.package, rule)
    if files and not files.passed:
        return Criterion(cid, False, files.evidence + (f" The handover says {count}." if count is not None else ""))
    if count is None:
        if files:
            return Criterion(cid, True, files.evidence)
        return Criterion(cid, False, f"{label} not stated (deal summary or {ev.rubric.section(rule['section']).title}).")
    if count > limit:
        return Criterion(cid, False, f"{count} {noun}s in scope ({source}); over {limit} needs a manager-approved exception.")
    also = f"; {files.evidence}" if files else "."
    return Criterion(cid, True, f"{count} {noun}{'' if count == 1 else 's'} in scope ({source}){also}")
