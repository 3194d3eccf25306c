"""Completeness, detail and generic-content checks for one section.

Each check adds findings; each finding carries the points it costs (from the rubric), so a
section's score is 100 minus its findings' points, never below 0, and every point lost is
traced to a finding. The status is the worst thing found: missing, empty, thin, generic, ok.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from ..rubric import Rubric, Section
from .document import Block
from .scorecard import Finding, SectionResult
from .sections import FoundSection
from .stakeholders import Person, has_name
from .text import Lexicon, Signals, is_shouting, normalise, sentences, stems, words

MAX_SENTENCE_FINDINGS = 5  # per kind and section; the section finding counts the rest


@dataclass
class Unit:
    """One sentence, list item or table row: the grain the checks judge."""
    text: str
    words: int
    signals: Signals
    guidance: bool = False  # the template's guidance or worked example, left in
    example: bool = False  # ... the worked example
    placeholders: tuple[str, ...] = ()
    paraphrase: bool = False
    duplicate_of: str = ""  # title of an earlier section holding the same sentence

    @property
    def is_content(self) -> bool:
        return not self.guidance and self.words > 0

    @property
    def is_own(self) -> bool:
        """Content this section says itself: not guidance restated, not pasted from another section."""
        return self.is_content and not self.duplicate_of and not self.paraphrase


class FindingMaker:
    """Builds findings from the rubric's [messages] and [points]."""

    def __init__(self, rubric: Rubric, section: Section):
        self.rubric = rubric
        self.section = section

    def __call__(self, finding_kind: str, text: str = "", **values) -> Finding:
        kind = finding_kind
        spec = self.rubric.messages[kind]
        values.setdefault("quote", text)
        values.update(title=self.section.title, section_suggestion=self.section.suggestion)
        return Finding(
            section=self.section.title,
            severity=spec["severity"],
            kind=kind,
            text=text,
            message=spec["message"].format(**values),
            suggestion=spec["suggestion"].format(**values).strip(),
            points=int(self.rubric.points.get(kind, 0)),
        )


def check_missing(section: Section, rubric: Rubric) -> SectionResult:
    finding = FindingMaker(rubric, section)("missing_section")
    return SectionResult(section.key, section.title, 0, "missing", section.weight, findings=[finding])


def is_guidance(text: str, section: Section) -> bool:
    """Text that is the template's guidance or worked example for this section, left in (or nearly)."""
    return _is_guidance_text(text, section) or is_example(text, section)


def _is_guidance_text(text: str, section: Section) -> bool:
    """The guidance itself (not the example), left in or nearly."""
    norm = normalise(text)
    guidance, joined = _guidance_of(section)
    return bool(norm) and (
        (len(norm.split()) >= 4 and norm in joined)
        or any(_similar(norm, g, 0.9) for g in guidance)
    )


EXAMPLE_LABEL = re.compile(r"^\W*(?:example|ejemplo|exemplo)\b[^:]{0,60}:\s*", re.I)


def is_example(text: str, section: Section) -> bool:
    """Text of the section's worked example (rubric `example`), whole or a sentence of it, with or
    without the template's label: never the rep's, however specific it reads."""
    if not section.example:
        return False
    norm = normalise(EXAMPLE_LABEL.sub("", text))
    if len(norm.split()) < EXAMPLE_MIN_WORDS:
        return False  # 'Segment: Mid-Market' is as much the rep's answer as the example's
    forms, joined = _example_of(section)
    return norm in joined or any(_similar(norm, f, 0.9) for f in forms)


EXAMPLE_MIN_WORDS = 8  # shorter text is never taken for the example


@lru_cache(maxsize=64)
def _example_of(section: Section) -> tuple[tuple[str, ...], str]:
    whole = normalise(section.example)
    parts = (normalise(s) for s in sentences(section.example))
    return (whole, *(p for p in parts if len(p.split()) >= EXAMPLE_MIN_WORDS)), whole


def without_guidance(blocks: list[Block], section: Section) -> list[Block]:
    """A section's blocks without the template's guidance left in (tables are never guidance)."""
    return [b for b in blocks if b.kind == "table" or not is_guidance(b.text, section)]


@lru_cache(maxsize=64)
def _guidance_words(section: Section) -> tuple[str, str, frozenset[str]]:
    """The guidance as written, normalised, and as word stems: worked out once per section."""
    guidance = " ".join(section.guidance)
    return guidance, normalise(guidance), frozenset(stems(guidance))


@lru_cache(maxsize=64)
def _guidance_of(section: Section) -> tuple[tuple[str, ...], str]:
    guidance = tuple(normalise(g) for g in section.guidance)
    return guidance, " ".join(guidance)


def _similar(a: str, b: str, cutoff: float) -> bool:
    """difflib's ratio, after its cheap upper bounds (most sentences fail those at once)."""
    if 2 * min(len(a), len(b)) < cutoff * (len(a) + len(b)):
        return False  # the lengths alone rule it out (difflib's real_quick_ratio, without building a matcher)
    m = difflib.SequenceMatcher(None, a, b)
    return m.real_quick_ratio() >= cutoff and m.quick_ratio() >= cutoff and m.ratio() >= cutoff


def build_units(blocks: list[Block], section: Section, lexicon: Lexicon,
                known: frozenset[str] = frozenset(), ignore: frozenset[str] = frozenset(),
                limit: int = 10**9) -> list[Unit]:
    """Sentences, list items and table rows; `known` are the document's own names, `ignore`
    the words of the customer's name (naming the customer in every section is not detail)."""
    header_names = {normalise(c) for c in section.columns} | {normalise(p) for p in section.parts}
    labelled = section.kind in ("fields", "checklist")  # first cell is the template's label
    units: list[Unit] = []
    for block in blocks:
        if len(units) >= limit:
            break
        if block.kind == "heading":
            continue
        if block.kind == "table":
            rows = _data_rows(block.rows, header_names)
            if labelled:
                rows = [r[1:] for r in rows if len(r) > 1 and any(c.strip() for c in r[1:])]
            pieces = [" | ".join(c for c in row if c.strip()) for row in rows]
        elif block.kind == "list_item":
            pieces = [block.text]
        elif not re.search(r"\w", block.text):
            continue  # '--', '***': a separator (an email signature's), not a placeholder
        else:
            pieces = sentences(block.text)
        for piece in pieces[: max(0, limit - len(units))]:
            units.append(_unit(piece, section, lexicon, known, ignore))
    return _unshout(units, section, lexicon, known, ignore)


def _unshout(units: list[Unit], section: Section, lexicon: Lexicon, known, ignore) -> list[Unit]:
    """A section written mostly in Title Case or ALL CAPS: its short lines ('Faster Month-End
    Close') are boilerplate too, so their capitals name nothing."""
    if section.kind not in ("prose", "parts"):
        return units
    content = [u for u in units if u.is_content]
    loud = sum(u.words for u in content if is_shouting(u.text))
    if not content or (loud < 0.5 * sum(u.words for u in content)
                       and not is_shouting(" ".join(u.text for u in content))):
        return units
    for u in content:
        u.signals = lexicon.signals(u.text, known, ignore, shouting=True)
    return units


def _data_rows(rows: list[list[str]], header_names: set[str]) -> list[list[str]]:
    if rows and header_names:
        first = [normalise(c) for c in rows[0] if c.strip()]
        if first and sum(1 for c in first if any(c.startswith(h[:6]) for h in header_names)) * 2 >= len(first):
            rows = rows[1:]
    return [r for r in rows if any(c.strip() for c in r)]


def _unit(text: str, section: Section, lexicon: Lexicon, known: frozenset[str], ignore: frozenset[str]) -> Unit:
    placeholders = tuple(lexicon.placeholders(text))
    example = is_example(text, section)  # judged once: a unit is checked against the example here only
    if example or _is_guidance_text(text, section):
        return Unit(text=text, words=0, signals=Signals(), guidance=True, example=example, placeholders=placeholders)
    remainder = text
    for p in placeholders:
        remainder = remainder.replace(p, " ")
    signals = lexicon.signals(remainder, known, ignore)
    n_words = len(words(remainder))
    if placeholders and _is_stub(n_words, signals):
        n_words = 0  # "Use case 1: xxx", "TBD - need to ask": a placeholder, not content
    return Unit(text=text, words=n_words, signals=signals, placeholders=placeholders)


def _is_stub(n_words: int, signals: Signals) -> bool:
    """What is left around a placeholder is a label at most: a few words, no real detail."""
    small_numbers = all(re.fullmatch(r"\d{1,2}", n) for n in signals.numbers)
    return n_words <= 4 and not signals.names and not signals.dates and small_numbers


def is_paraphrase(text: str, signals: Signals, section: Section, overlap: float) -> bool:
    """Words mostly the guidance's own, with no detail of its own (numbers the guidance
    itself gives, like '5 rigs', are not the customer's)."""
    _, guidance_norm, guidance_stems = _guidance_words(section)
    if any(normalise(x) not in guidance_norm for x in signals.names + signals.numbers + signals.dates):
        return False
    own = stems(text)
    return len(own) >= 6 and sum(1 for w in own if w in guidance_stems) / len(own) >= overlap


def part_filled(text: str, section: Section, lexicon: Lexicon, rubric: Rubric) -> bool:
    """A named part (SPICED's Pain, ...) is filled: three words or more, no placeholder,
    and not the guidance said back."""
    if len(text.split()) < 3 or lexicon.placeholders(text):
        return False
    if any(re.match(rf"\s*(?:{pattern})", text, re.I) for pattern in section.empty_answers):
        return False  # "none identified yet" answers the part with nothing
    return not is_paraphrase(text, lexicon.signals(text), section, rubric.generic["paraphrase_overlap"])


def mark_paraphrases(units: list[Unit], section: Section, rubric: Rubric) -> None:
    """Sentences restating the guidance, judged one by one and then together (short
    sentences that each echo a few of the guidance's words)."""
    if not section.guidance:
        return
    overlap = rubric.generic["paraphrase_overlap"]
    for u in units:
        if u.is_content:
            u.paraphrase = is_paraphrase(u.text, u.signals, section, overlap)
    rest = [u for u in units if u.is_content and not u.paraphrase and not u.signals.hard]
    if len(rest) > 1 and is_paraphrase(" ".join(u.text for u in rest), Signals(), section, overlap):
        for u in rest:
            u.paraphrase = True


def mark_duplicates(units_by_title: dict[str, list[Unit]], min_words: int, group_of: dict[str, int]) -> None:
    """The same sentence pasted into several sections: marked where it appears again.
    Sections under one heading (same `group_of` value) share their text; that is no paste."""
    first_seen: dict[str, str] = {}
    for title, units in units_by_title.items():
        for u in units:
            if u.is_content and u.words >= min_words:
                other = first_seen.setdefault(normalise(u.text), title)
                if other != title and group_of.get(other) != group_of.get(title):
                    u.duplicate_of = other


def check_section(found: FoundSection, units: list[Unit], rubric: Rubric, lexicon: Lexicon,
                  extra: list[Finding] | None = None, people: list[Person] | None = None,
                  fields_filled: int | None = None) -> SectionResult:
    """Score one found section from its units (build_units, mark_paraphrases, mark_duplicates).
    `extra` are findings made elsewhere (deal fields, SPICED parts); `people` the stakeholders
    read from a table section and `fields_filled` the deal fields read from a fields section,
    so the section and the criteria count the same things however they were laid out."""
    section = found.section
    make = FindingMaker(rubric, section)
    content = [u for u in units if u.is_content]
    n_words = sum(u.words for u in content)
    specifics = sum(u.signals.total for u in content)
    findings: list[Finding] = []

    for u in units:
        if u.guidance:
            findings.append(make("example_left" if u.example else "guidance_left", u.text))
        for p in u.placeholders:
            findings.append(make("placeholder", p))

    if not content:
        return _empty_result(section, make, findings)

    findings += extra or []
    limit = rubric.limits.get("max_units_per_section")
    if limit and len(units) >= limit:
        findings.append(make("too_long", n=limit))
    status = "ok"
    if _is_thin(section, content, n_words, specifics, findings, make, found.blocks, people, lexicon, fields_filled):
        status = "thin"
    if section.kind in ("prose", "parts"):
        generic = _generic_findings(section, content, n_words, rubric, lexicon, make)
        if any(f.kind == "generic_section" for f in generic):
            status = "generic"  # boilerplate, even when short: more words would not help
        findings += generic
    for person in people or []:
        if not has_name(person.name, lexicon) and not lexicon.placeholders(person.name):
            findings.append(make("unnamed_stakeholder", person.name))  # a stand-in name is a placeholder finding

    if _borrowed(content, n_words, rubric, make, findings):
        status = "generic"  # most of it is pasted from another section or restates the guidance

    score = max(0, 100 - sum(f.points for f in findings))
    return SectionResult(section.key, section.title, score, status, section.weight, n_words, int(specifics),
                         findings)


def _empty_result(section, make: FindingMaker, findings: list[Finding]) -> SectionResult:
    """A section with no content of its own: one finding takes every point; placeholders are
    still named (at no cost), guidance left in is not (the section is empty anyway)."""
    empty = make("empty_section")
    result = SectionResult(section.key, section.title, 0, "empty", section.weight, 0, 0,
                           [empty] + [f for f in findings if f.kind != "guidance_left"])
    for f in result.findings[1:]:
        f.points = 0
    return result


def _borrowed(content: list[Unit], n_words: int, rubric: Rubric, make: FindingMaker,
              findings: list[Finding]) -> bool:
    """Name the sentences pasted from another section; true when most of the section is pasted
    or restates the guidance."""
    duplicates = [u for u in content if u.duplicate_of]
    for u in duplicates[:MAX_SENTENCE_FINDINGS]:
        findings.append(make("duplicate_text", u.text, other=u.duplicate_of))
    borrowed = sum(u.words for u in content if u.duplicate_of or u.paraphrase)
    return borrowed >= rubric.generic["generic_share"] * n_words


def is_filler(unit: Unit, lexicon: Lexicon, firm: bool = False) -> bool:
    """A sentence that could describe any customer: no detail at all, or more stock phrases
    than hard details ('leverage digital transformation by 2027' is padding, not a fact; a
    domain word like 'drilling contractor' does not rescue it)."""
    if not unit.signals.total:
        return True
    if firm and lexicon.hedged(unit.text) and not unit.signals.dates:
        return True  # "may include a Proof of Concept": a maybe with no date is padding where steps are due
    stock = len(lexicon.stock_phrases(unit.text))
    return stock > 0 and stock >= unit.signals.hard


def _is_thin(section: Section, content: list[Unit], n_words: int, specifics: float,
             findings: list[Finding], make: FindingMaker, blocks: list[Block],
             people: list[Person] | None, lexicon: Lexicon, fields_filled: int | None = None) -> bool:
    has_table = any(b.kind == "table" for b in blocks)
    n_items = sum(1 for b in blocks if b.kind == "list_item")
    if section.kind in ("fields", "table", "checklist"):
        if not has_table and n_items < 2:
            found = "a list of " + str(n_items) + " items" if n_items else "prose"
            findings.append(make("wrong_shape", content[0].text, shape="table", found=found))
        minimum = section.min_rows or section.min_items
        if section.kind == "table":
            rows = [p for p in people or [] if has_name(p.name, lexicon)]
        elif section.kind == "fields" and fields_filled is not None:
            rows = range(fields_filled)
        elif section.kind == "checklist":
            rows = [u for u in content if lexicon.says_what(u.text)]  # 'Provided' alone fills nothing
        else:
            rows = content
        if minimum and len(rows) < minimum:
            findings.append(make("thin_rows", n=len(rows), min=minimum))
            return True
        return False
    if n_words < section.min_words and specifics < section.min_specifics:
        findings.append(make("thin", " ".join(u.text for u in content)[:300], words=n_words,
                             specifics=int(specifics), min_words=section.min_words,
                             min_specifics=section.min_specifics))
        return True
    if section.min_items and len(content) < section.min_items and specifics < section.min_specifics:
        findings.append(make("thin_rows", n=len(content), min=section.min_items))
        return True
    return False


def _generic_findings(section: Section, content: list[Unit], n_words: int, rubric: Rubric,
                      lexicon: Lexicon, make: FindingMaker) -> list[Finding]:
    g = rubric.generic
    out: list[Finding] = []
    generic_units = [u for u in content if u.paraphrase or u.signals.attributed
                     or (u.words >= g["unit_min_words"] and is_filler(u, lexicon, section.firm))]
    for u in [u for u in generic_units if u.paraphrase][:MAX_SENTENCE_FINDINGS]:
        out.append(make("guidance_paraphrase", u.text))
    for u in [u for u in generic_units if not u.paraphrase][:MAX_SENTENCE_FINDINGS]:
        out.append(make("generic_sentence", u.text))

    stock_seen: set[str] = set()
    n_stock = 0
    vague_units = 0
    for u in content:
        for phrase in lexicon.stock_phrases(u.text):
            n_stock += 1
            if phrase.lower() not in stock_seen and len(stock_seen) < MAX_SENTENCE_FINDINGS:
                stock_seen.add(phrase.lower())
                out.append(make("stock_phrase", phrase))
        vague = lexicon.vague_quantifiers(u.text)
        if vague and not u.signals.numbers and vague_units < MAX_SENTENCE_FINDINGS:
            vague_units += 1
            out.append(make("vague_quantifier", vague[0]))

    generic_words = sum(u.words for u in generic_units)
    share = generic_words / n_words if n_words else 0
    hard = sum(u.signals.hard for u in content)
    filler = sum(u.words for u in content if is_filler(u, lexicon, section.firm)) / n_words if n_words else 0
    short_and_empty = hard == 0 and max(share, filler) >= g["generic_share"] and n_words >= g["unit_min_words"]
    if n_words >= g["min_words"] or short_and_empty:
        density = 100 * sum(u.signals.total for u in content) / n_words
        why = ("share" if share >= g["generic_share"]
               else "stock" if n_stock > g["stock_phrases_max"] and density < g["low_density"]
               else "no_facts" if n_words >= g["no_facts_words"] and hard == 0 else "")
        if why:
            worst = max(generic_units or content, key=lambda u: u.words)
            values = dict(share=round(100 * share), hard=hard, words=n_words, stock=n_stock)
            reason = rubric.messages["generic_section"][why].format(**values)
            out.insert(0, make("generic_section", worst.text, reason=reason, **values))
    return out

