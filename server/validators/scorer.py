"""Score a handover document: sections, findings, acceptance criteria, readiness.

    card = score_document(read_docx("handover.docx"))

Deterministic: the same document always gets the same scorecard. The overall score is the
weighted mean of the section scores (weights from the rubric); a section's score is 100
minus the points of its findings.
"""
from __future__ import annotations

from ..rubric import Rubric, load_rubric
from .content import (FindingMaker, Unit, build_units, check_missing, check_section, mark_duplicates,
                      mark_paraphrases, part_filled)
from .criteria import Evidence, evaluate
from .document import Document
from .fields import is_blank, read_fields
from .parts import split_parts
from .scorecard import NOT_READY_STATUSES, Finding, Scorecard, SectionResult, sort_findings
from .sections import split_sections
from .text import lexicon_for


def score_document(doc: Document, rubric: Rubric | None = None) -> Scorecard:
    rubric = rubric or load_rubric()
    lexicon = lexicon_for(rubric)
    split = split_sections(doc, rubric)
    fields = read_fields(split, rubric)
    results: dict[str, SectionResult] = {}
    units: dict[str, list[Unit]] = {}
    parts: dict[str, str] = {}

    known = lexicon.known_names(b.text if b.kind != "table" else " | ".join(" | ".join(r) for r in b.rows)
                                for b in doc.blocks)
    for section in rubric.sections:
        found = split.found.get(section.key)
        units[section.key] = build_units(found.blocks, section, lexicon, known) if found else []
        mark_paraphrases(units[section.key], section, rubric)
    mark_duplicates({s.title: units[s.key] for s in rubric.sections}, rubric.generic["duplicate_min_words"])

    for section in rubric.sections:
        found = split.found.get(section.key)
        if found is None:
            results[section.key] = check_missing(section, rubric)
            continue
        make = FindingMaker(rubric, section)
        extra: list[Finding] = []
        if section.key == "deal_summary":
            extra = [make("missing_field", field=f.label) for f in rubric.fields
                     if is_blank(fields.get(f.key), lexicon)]
        if section.kind == "parts":
            parts = split_parts(found.blocks, section.parts)
            extra = [make("missing_part", part=p) for p in section.parts
                     if not part_filled(parts.get(p, ""), section, lexicon, rubric)]
        result = check_section(found, units[section.key], rubric, lexicon, extra)
        if result.status == "ok" and any(f.kind == "missing_part" for f in extra):
            result.status = "thin"  # a SPICED without all five parts is incomplete
        results[section.key] = result

    criteria = evaluate(Evidence(split, fields, results, units, parts, lexicon, rubric))
    ordered = [results[s.key] for s in rubric.sections]
    total_weight = sum(s.weight for s in ordered) or 1
    score = round(sum(s.score * s.weight for s in ordered) / total_weight)
    order = {s.title: i for i, s in enumerate(rubric.sections)}
    findings = sort_findings([f for s in ordered for f in s.findings], order)
    ready = all(c.passed for c in criteria) and not any(s.status in NOT_READY_STATUSES for s in ordered)
    return Scorecard(score=score, ready=ready, sections=ordered, findings=findings, criteria=criteria,
                     fields=fields, source=doc.source, words=doc.word_count)
