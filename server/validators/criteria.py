"""The acceptance criteria for a Desktop Study (spec: "Acceptance criteria"), each a pass or
fail with the evidence found in the document.

Thresholds are the seed's: Mid-Market or Enterprise over 50,000; two stakeholders engaged,
demoed and committed; 2 to 4 billing cycles of plods with invoices and the schedule of rates;
at most 5 rigs and 1 project unless a manager approves an exception.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..rubric import Rubric
from .content import Unit, is_filler, part_filled, without_guidance
from .document import Block
from .fields import count_near, is_blank, parse_amount, parse_count, segment_of
from .scorecard import Criterion, SectionResult
from .sections import SplitDocument
from .stakeholders import has_name, read_stakeholders
from .text import Lexicon, is_specific_date, normalise, sentences




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

    def rule(self, criterion: str) -> dict:
        """The rubric's numbers for a criterion: [criteria.<id>] in doc_templates/rubric.toml."""
        return self.rubric.criteria.get(criterion, {})

    def field(self, key: str) -> str | None:
        value = self.fields.get(key)
        return None if is_blank(value, self.lexicon) else value


def evaluate(ev: Evidence) -> list[Criterion]:
    criteria = [
        _segment(ev), _deal_size(ev), _stakeholders(ev), _use_cases(ev), _business_case(ev),
        _filled_with(ev, "timelines", "date (a day or a month, not just a quarter or 'end of month')",
                     lambda u: any(is_specific_date(d) for d in u.signals.dates)),
        _next_steps(ev),
        _spiced(ev), *_data(ev), _scope_count(ev, "rigs", "rig", "rigs?|drill rigs?"),
        _scope_count(ev, "projects", "project", "projects?"),
    ]
    for c in criteria:
        c.label = ev.rubric.criterion_label(c.id)
    return criteria


def _segment(ev: Evidence) -> Criterion:
    value = ev.field("segment")
    if value is None:
        return Criterion("segment", False, "Segment not filled in the deal summary.")
    segment = segment_of(value)
    if segment in ev.rule("segment")["accepted"]:
        return Criterion("segment", True, f"Segment: {value}")
    return Criterion("segment", False, f"Segment '{value}': desktop studies are for Mid-Market and Enterprise only.")


def _deal_size(ev: Evidence) -> Criterion:
    value = ev.field("deal_size")
    if value is None:
        return Criterion("deal_size", False, "Deal size not filled in the deal summary.")
    amount = parse_amount(value)
    if amount is None:
        return Criterion("deal_size", False, f"Deal size '{value}' has no amount.")
    over = ev.rule("deal_size")["over"]
    if amount > over:
        return Criterion("deal_size", True, f"Deal size: {value}")
    return Criterion("deal_size", False, f"Deal size '{value}' is not over {over:,}.")


def _stakeholders(ev: Evidence) -> Criterion:
    people = [p for p in read_stakeholders(ev.blocks("stakeholders"), ev.lexicon) if has_name(p.name, ev.lexicon)]
    if not people:
        return Criterion("stakeholders", False, "No stakeholders listed by name.")
    committed = [p.name for p in people if p.all_three]
    summary = f"{len(committed)} of {len(people)} stakeholders engaged, demoed and committed"
    if committed:
        summary += ": " + ", ".join(committed[:5])
    needed = ev.rule("stakeholders")["min"]
    passed = len(committed) >= needed
    if not passed:
        summary += f" (needs at least {needed})"
    return Criterion("stakeholders", passed, summary + ".")


def _lines(text: str) -> list[str]:
    """A paragraph about several items, one sentence (or ';' part) each."""
    return [p.strip() for s in sentences(text) for p in s.split(";") if p.strip()]


def _use_cases(ev: Evidence) -> Criterion:
    key = "use_cases"
    if not ev.filled(key):
        return Criterion("use_cases_success_criteria", False, "Use cases and success criteria section is missing or empty.")
    measurable = [u for u in ev.own(key) if u.signals.numbers or u.signals.dates]
    if not measurable:
        return Criterion("use_cases_success_criteria", False,
                         "Use cases listed, but no measurable success criterion (no number, amount or date).")
    return Criterion("use_cases_success_criteria", True, f"Measurable: \"{_clip(measurable[0].text)}\"")


def _business_case(ev: Evidence) -> Criterion:
    """Started = the section states something concrete (a value, a date, who it is with) and
    does not say it has not started."""
    not_started = ev.rule("business_case").get("not_started", ())
    said = next((u for u in ev.own("business_case") if any(re.search(p, u.text, re.I) for p in not_started)), None)
    if said is not None:
        return Criterion("business_case", False, f"Business case not started: \"{_clip(said.text)}\"")
    return _filled_with(ev, "business_case", "estimate, status or owner (no number, date or name)",
                        lambda u: bool(u.signals.hard))


def _next_steps(ev: Evidence) -> Criterion:
    """A next step has an owner, an action and a date; 'may include a POC' is a maybe."""
    key = "next_steps"
    own = [u for u in ev.own(key) if not is_filler(u, ev.lexicon)]
    firm = [u for u in own if not ev.lexicon.hedged(u.text)]
    owner = any(u.signals.names or (ev.lexicon.roles and ev.lexicon.roles.search(u.text)) for u in firm)
    if ev.filled(key) and own and not firm:
        return Criterion(key, False, f"Next steps are only possibilities: \"{_clip(own[0].text)}\". "
                                     "Say who does what by when.")
    if ev.filled(key) and firm and not owner:
        return Criterion(key, False, "Next steps name no owner: say who does each step.")
    return _filled_with(ev, key, "dated step (who does what by when)", lambda u: bool(u.signals.dates), units=firm)


def _filled_with(ev: Evidence, key: str, what: str, test, units: list[Unit] | None = None) -> Criterion:
    """The section is filled and one of its own sentences (not padding) passes `test`."""
    title = ev.rubric.section(key).title
    if not ev.filled(key):
        return Criterion(key, False, f"{title} section is missing or empty.")
    if units is None:
        units = [u for u in ev.own(key) if not is_filler(u, ev.lexicon)]
    hits = [u for u in units if test(u)]
    if not hits:
        return Criterion(key, False, f"{title} has no {what}.")
    return Criterion(key, True, f"\"{_clip(hits[0].text)}\"")


def _spiced(ev: Evidence) -> Criterion:
    parts = ev.rubric.section("spiced").parts
    if not ev.filled("spiced"):
        return Criterion("spiced", False, "SPICED section is missing or empty.")
    if ev.results["spiced"].status == "generic":
        return Criterion("spiced", False, "SPICED is written but generic: no names, numbers or dates for this customer.")
    section = ev.rubric.section("spiced")
    filled = [p for p in parts if part_filled(ev.parts.get(p, ""), section, ev.lexicon, ev.rubric)]
    missing = [p for p in parts if p not in filled]
    if missing:
        return Criterion("spiced", False, f"SPICED parts missing or empty: {', '.join(missing)}.")
    for part in ev.rule("spiced").get("dated_parts", ()):
        text = ev.parts.get(part, "")
        if not any(is_specific_date(d) for d in ev.lexicon.signals(text).dates):
            return Criterion("spiced", False, f"SPICED {part} has no date (a day or a month): \"{_clip(text)}\"")
    return Criterion("spiced", True, "All five SPICED parts filled.")





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


_NOT_RECEIVED = re.compile(r"\b(?:not|never)\s+(?:yet\s+)?(?:been\s+)?(?:received|provided|uploaded|sent|shared|in)\b"
                           r"|\bonly\b[^.;]{0,80}\b(?:received|provided|sent|arrived)\b"  # 'only January's invoice received'
                           r"|\b(?:next week|to be sent|will send|promised|por enviar|pendiente)\b"
                           r"|\b(?:pending|outstanding|awaiting|missing|to follow|not yet|requested|chasing|expected)\b"
                           r"|\b(?:will|to)\s+(?:be\s+)?(?:provide|send|share|supply|upload|provided|sent|shared)", re.I)
_RECEIVED = re.compile(r"\b(?:received|provided|uploaded|shared|in ds data|have it|got it)\b|[✅✓✔☑]", re.I)


def _line_received(text: str, lexicon: Lexicon) -> bool | None:
    """Was this checklist line's item received? Ticks, then words, then a 'label: answer'."""
    t = text.strip()
    if re.match(r"^\s*(\[[xX✓✔]\]|[☑☒✓✔✅])", t):
        return True
    if re.match(r"^\s*(\[\s\]|[☐❌✗✘])", t):
        return False
    if _NOT_RECEIVED.search(t):
        return False
    if _RECEIVED.search(t):
        return True
    m = re.search(r"[:\-–—]\s*(.+)$", t)
    return lexicon.is_yes(m.group(1)) if m and len(m.group(1).split()) <= 4 else None  # "Plods: yes", not a sentence


def _data(ev: Evidence) -> list[Criterion]:
    rows = data_rows(ev.blocks("data_provided"), ev.lexicon)
    return [_plods(ev, rows), _received(rows, "invoices", "Invoices", ev.lexicon),
            _received(rows, "schedule_of_rates", "Schedule of rates", ev.lexicon)]


def _plods(ev: Evidence, rows) -> Criterion:
    low, high = ev.rule("plod_billing_cycles")["min"], ev.rule("plod_billing_cycles")["max"]
    text, received, detail = rows.get("plod_data", ("", None, ""))
    stated = ev.field("billing_cycles")
    cycles = (count_near(stated, CYCLES) or parse_count(stated)) if stated else None  # '1 Nov to 31 Jan, 3 cycles' is 3
    if cycles is None:
        cycles = count_near(text, CYCLES) or count_near(ev.text("data_provided"), CYCLES)
    if not text:
        return Criterion("plod_billing_cycles", False, "Plod data not listed in Data provided.")
    if received is False:
        return Criterion("plod_billing_cycles", False, f"Plod data not received: \"{_clip(text)}\"")
    if not ev.lexicon.says_what(detail):
        return Criterion("plod_billing_cycles", False, f"Plod data marked received with no detail: \"{_clip(text)}\". "
                                                       "Say which file, which period, how many billing cycles.")
    if cycles is None:
        return Criterion("plod_billing_cycles", False, "Number of billing cycles of plod data not stated.")
    if not low <= cycles <= high:
        return Criterion("plod_billing_cycles", False, f"{cycles} billing cycles of plod data (needs {low} to {high}).")
    return Criterion("plod_billing_cycles", True, f"{cycles} billing cycles: \"{_clip(text)}\"")


CYCLES = "billing cycles?|cycles?|ciclos?(?: de facturaci[oó]n)?|estados? de pago|valorizaciones|medi[cç][oõ]es"


def _received(rows, key: str, label: str, lexicon: Lexicon) -> Criterion:
    text, received, detail = rows.get(key, ("", None, ""))
    if not text:
        return Criterion(key, False, f"{label} not listed in Data provided.")
    if received is not True:
        return Criterion(key, False, f"{label} not marked received: \"{_clip(text)}\"")
    if not lexicon.says_what(detail):
        return Criterion(key, False, f"{label} marked received with no detail: \"{_clip(text)}\". "
                                     "Say which file, which period, which rigs.")
    return Criterion(key, True, f"Received: \"{_clip(text)}\"")



def _scope_count(ev: Evidence, key: str, noun: str, nouns: str) -> Criterion:
    label = ev.rubric.field(key).label
    limit = ev.rule(key)["max"]
    count = parse_count(ev.field(key))
    source = label
    if count is None:
        count = count_near(ev.text("scope"), nouns)
        source = "Scope"
    if count is None:
        return Criterion(key, False, f"{label} not stated (deal summary or Scope).")
    if count > limit:
        return Criterion(key, False, f"{count} {noun}s in scope ({source}); over {limit} needs a manager-approved exception.")
    return Criterion(key, True, f"{count} {noun}{'' if count == 1 else 's'} in scope ({source}).")


def _clip(text: str, n: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
