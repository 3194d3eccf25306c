"""Score a handover document: sections, findings, acceptance criteria, readiness.

    card = score_document(read_docx("handover.docx"))

Deterministic: the same document always gets the same scorecard. The overall score is the
weighted mean of the section scores (weights from the rubric); a section's score is 100
minus the points of its findings.
"""
from __future__ import annotations

import re

from ..data_package.cycles import configured, said_in
from ..data_package.package import DataFiles, assemble
from ..rubric import Rubric, load_rubric
from .content import (FindingMaker, without_guidance, Unit, build_units, check_missing, check_section, mark_duplicates,
                      mark_paraphrases, part_filled)
from .criteria import Evidence, evaluate
from .document import Document
from .fields import is_blank, read_fields
from .parts import split_parts
from .scorecard import NOT_READY_STATUSES, Finding, Scorecard, SectionResult, sort_findings
from .sections import split_sections
from .stakeholders import read_stakeholders
from .text import lexicon_for, sentences


def customer_words(customer: str) -> frozenset[str]:
    """The words of the customer's name ('Ironbark', 'Resources'): naming the customer is
    not a detail about them."""
    return frozenset(w for w in re.findall(r"[^\W\d_][\w'’\-]*", customer) if w[:1].isupper())


def everywhere_names(split, lexicon, budget: int, share: float = 0.6, at_least: int = 4) -> frozenset[str]:
    """Names found in most sections (the customer, said again and again): they tell nothing
    about any one section."""
    per_section = [{n for piece in _bounded(_pieces(f.blocks), budget // 12) for n in lexicon.signals(piece).names}
                   for f in split.found.values()]
    if len(per_section) < at_least:
        return frozenset()
    counts: dict[str, int] = {}
    for names in per_section:
        for n in names:
            counts[n] = counts.get(n, 0) + 1
    return frozenset(n for n, c in counts.items() if c >= max(at_least, share * len(per_section)))


def _bounded(texts, budget: int):
    """Texts until `budget` characters have been given."""
    for text in texts:
        if budget <= 0:
            return
        yield text[:budget]
        budget -= len(text)


def _pieces(blocks):
    """The sentences, items and table rows of blocks, as the checks read them: each is scanned
    once (the lexicon keeps what it found) whether it teaches names or is judged."""
    for block in blocks:
        if block.kind == "table":
            yield from (" | ".join(c for c in row if c.strip()) for row in block.rows)
        elif block.kind == "paragraph":
            yield from sentences(block.text)
        else:
            yield block.text


def _units(doc: Document, split, fields: dict, rubric: Rubric, lexicon) -> dict[str, list[Unit]]:
    """Each section's sentences with their signals, paraphrases of the guidance and text pasted
    into more than one section marked."""
    budget = rubric.limits.get("max_chars_for_names", 300_000)
    ignore = customer_words(fields.get("customer", "")) | everywhere_names(split, lexicon, budget)
    known = lexicon.known_names(_bounded(_pieces(doc.blocks), budget), ignore)
    limit = rubric.limits.get("max_units_per_section", 10**9)
    units: dict[str, list[Unit]] = {}
    for section in rubric.sections:
        found = split.found.get(section.key)
        units[section.key] = build_units(found.blocks, section, lexicon, known, ignore, limit) if found else []
        mark_paraphrases(units[section.key], section, rubric)
    groups = {s.title: id(split.found[s.key].blocks) for s in rubric.sections if s.key in split.found}
    mark_duplicates({s.title: units[s.key] for s in rubric.sections}, rubric.generic["duplicate_min_words"], groups)
    return units


def _section_result(section, found, units: list[Unit], fields: dict, parts: dict, rubric: Rubric,
                    lexicon) -> SectionResult:
    """One found section checked, with what its kind adds: missing deal fields, missing SPICED
    parts, the stakeholder table's people."""
    make = FindingMaker(rubric, section)
    extra: list[Finding] = []
    filled = people = None
    if section.kind == "fields":
        extra = [make("missing_field", field=f.label) for f in rubric.fields if is_blank(fields.get(f.key), lexicon)]
        filled = len(rubric.fields) - len(extra)
    if section.kind == "parts":
        extra = [make("missing_part", part=p) for p in section.parts
                 if not part_filled(parts.get(p, ""), section, lexicon, rubric)]
    if section.kind == "table":
        people = read_stakeholders(without_guidance(found.blocks, section), lexicon)
    result = check_section(found, units, rubric, lexicon, extra, people, filled)
    if result.status == "ok" and any(f.kind == "missing_part" for f in extra):
        result.status = "thin"  # a SPICED without all five parts is incomplete
    if found.by_content:
        result.read_from = found.heading or "text under no heading"
    return result


def score_document(doc: Document, rubric: Rubric | None = None, data: DataFiles | None = None) -> Scorecard:
    """`data`: the files in the customer's DS Data folder, read; where there are any, the criteria
    about plod data, invoices, the schedule of rates, rigs and projects go by them."""
    rubric = rubric or load_rubric()
    lexicon = lexicon_for(rubric)
    split = split_sections(doc, rubric)
    fields = read_fields(split, rubric)
    units = _units(doc, split, fields, rubric, lexicon)
    results: dict[str, SectionResult] = {}
    parts: dict[str, str] = {}
    for section in rubric.sections:
        found = split.found.get(section.key)
        if found is None:
            results[section.key] = check_missing(section, rubric)
            continue
        if section.kind == "parts":
            parts = split_parts(without_guidance(found.blocks, section), section.parts, section.part_aliases)
        results[section.key] = _section_result(section, found, units[section.key], fields, parts, rubric, lexicon)

    ev = Evidence(split, fields, results, units, parts, lexicon, rubric)
    ev.package = _package(data, ev)
    criteria = evaluate(ev)
    ordered = [results[s.key] for s in rubric.sections]
    total_weight = sum(s.weight for s in ordered) or 1
    score = round(sum(s.score * s.weight for s in ordered) / total_weight)
    order = {s.title: i for i, s in enumerate(rubric.sections)}
    findings = sort_findings([f for s in ordered for f in s.findings], order)
    ready = (all(c.passed for c in criteria) and not any(s.status in NOT_READY_STATUSES for s in ordered)
             and not any(f.severity == "error" for f in findings))  # an error-level finding blocks
    return Scorecard(score=score, ready=ready, sections=ordered, findings=findings, criteria=criteria,
                     fields=fields, source=doc.source, words=doc.word_count, data=ev.package, data_notes=ev.data_notes)


def _package(data: DataFiles | None, ev: Evidence):
    """The files in DS Data judged with the billing cycle the handover states (its plod data
    row or billing cycles field: 'weekly', '21st to 20th'), else the team's; None without files."""
    if data is None or not data.readings:
        return None
    rule = next((r for r in ev.rubric.criteria.values() if r.get("data") == "cycles"), None)
    said = ev.fields.get("billing_cycles") or ""
    if rule:
        said += " " + ev.data_rows(rule["section"]).get(rule["item"], ("", None, ""))[2]
    return assemble(data, said_in(said) or configured())
