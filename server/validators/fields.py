"""Read the deal summary fields and turn answers into values the criteria can test.

Fields come from two-column tables (label | value) or 'Label: value' lines, looked for in
the deal summary first, then before the first section, then anywhere.
"""
from __future__ import annotations

import re

from ..rubric import Rubric, load_rubric
from .document import Block
from .content import without_guidance
from .sections import SplitDocument
from .text import Lexicon, normalise

_LABEL_VALUE = re.compile(r"^\s*([^:\n]{2,50}?)\s*[:\-–—]\s+(\S.*)$", re.S)
_LABEL_IS = re.compile(r"^\s*(?:the\s+|el\s+|la\s+)?([^\W\d_][\w \-]{1,30}?)\s+(?:is|are|es|son|=)\s+"
                       r"(?:about|around|approx(?:imately)?\.?|roughly|circa|~|unos|aprox\.?)?\s*(\S.*)$", re.I | re.S)
_NUMBER_WORDS = load_rubric().number_words  # the rubric's counts in words ("four", "tres")


def field_labels(rubric: Rubric) -> dict[str, str]:
    """normalised label or alias -> field key."""
    labels: dict[str, str] = {}
    for f in rubric.fields:
        for name in (f.label, *f.aliases):
            labels.setdefault(normalise(name), f.key)
    return labels


_LABELS: dict[int, tuple] = {}


def _labels(rubric: Rubric) -> tuple[dict[str, str], list[str], list[tuple[str, str]]]:
    """(label -> field, labels longest first, (keyword, field) longest first): once per rubric."""
    if id(rubric) not in _LABELS:
        labels = field_labels(rubric)
        keywords = sorted(((normalise(k), f.key) for f in rubric.fields for k in f.keywords), key=lambda kv: -len(kv[0]))
        _LABELS[id(rubric)] = (labels, sorted(labels, key=len, reverse=True), keywords)
    return _LABELS[id(rubric)]


def read_fields(split: SplitDocument, rubric: Rubric) -> dict[str, str]:
    """Field key -> the value as written ('' when the row is there but empty). In the deal
    summary and before the first section a label may carry extra words ('Deal size and
    currency', 'Billing cycles (plods)'); elsewhere it must be exact."""
    labels, by_length, keywords = _labels(rubric)
    found: dict[str, str] = {}
    everywhere = [b for s in split.found.values() for b in s.blocks] + split.unassigned
    table = next(s for s in rubric.sections if s.kind == "fields")  # the deal summary, asked for by its kind
    deal = without_guidance(split.blocks(table.key), table)
    for blocks, loose in ((deal, True), (split.preamble, True), (everywhere, False)):
        leading = (lambda chunk: _leading_label(chunk, by_length)) if loose else None
        def key_of(text: str, loose: bool = loose) -> str | None:
            return _field_key(text, labels, by_length, loose) or (_keyword_key(text, keywords) if loose else None)
        for label, value in _pairs(blocks, key_of, leading):
            key = key_of(label)
            if key and (key not in found or (not found[key] and value)):
                found[key] = value.strip().rstrip(";")
    return found | _unlabelled(deal, found)


_MONEY = re.compile(r"(?:\b(?:AUD|USD|CAD|NZD|ZAR|CLP|PEN|EUR|GBP|BRL|MXN)\s?|(?:A|US|C|NZ|R)?\$\s?)\d[\d,. ]*(?:\s?(?:k|m|mil|million))?\b"
                    r"|\b\d[\d,. ]*\s?(?:k|m|mil|million)?\s?(?:AUD|USD|CAD|NZD|ZAR|CLP|PEN|EUR|GBP|BRL|MXN)\b", re.I)


def _unlabelled(blocks: list[Block], found: dict[str, str]) -> dict[str, str]:
    """The segment and the deal size written in the deal summary without their labels
    ('Mid-Market. USD 88,000 per year'): the first segment name and the first amount of money."""
    text = " ".join(b.text if b.kind != "table" else " ".join(" ".join(r) for r in b.rows) for b in blocks)
    out: dict[str, str] = {}
    if not found.get("segment") and segment_of(text):
        out["segment"] = segment_of(text)
    money = _MONEY.search(text)
    if not found.get("deal_size") and money:
        out["deal_size"] = money.group(0).strip()
    return out


def _field_key(label: str, labels: dict[str, str], by_length: list[str], loose: bool) -> str | None:
    name = normalise(label)
    if name in labels or not loose:
        return labels.get(name)
    for known in by_length:
        if len(known) >= 3 and name.startswith(known + " ") and len(name.split()) <= len(known.split()) + 3:
            return labels[known]
    return None


def _keyword_key(label: str, keywords: list[tuple[str, str]]) -> str | None:
    """An unknown deal-table label read by the longest field keyword in it: 'Ejecutivo de
    ventas' -> rep, 'Número de máquinas' -> rigs, 'Fecha solicitada de presentación' ->
    presentation_date. A long line is no label."""
    name = normalise(label)
    if not name or len(name.split()) > 8:
        return None
    padded = f" {name} "
    return next((key for word, key in keywords if f" {word} " in padded), None)


def _leading_label(chunk: str, by_length: list[str]) -> tuple[str, str] | None:
    """'segmento Mid-Market' -> ('segmento', 'Mid-Market'): a known label, then its value."""
    norm = normalise(chunk)
    for known in by_length:
        if len(known) >= 3 and norm.startswith(known + " "):
            tokens = chunk.split()
            n = len(known.split())
            return " ".join(tokens[:n]), " ".join(tokens[n:])
    return None


def _pairs(blocks: list[Block], is_label, leading=None):
    """(label, value) from label | value rows (in a wider table, the first cell that is a
    label), from 'Label: value' lines, and, where `leading` is given (the deal summary), from
    a paragraph of '; '-separated fields ('segmento Mid-Market; deal USD 88.000 por año')."""
    for block in blocks:
        if block.kind == "table":
            for row in block.rows:
                cells = [c for c in row if c is not None]
                at = next((i for i, c in enumerate(cells[:-1]) if c.strip() and is_label(c)), None)
                if at is not None:
                    yield cells[at], " ".join(c for c in cells[at + 1:] if c)
                elif len(cells) == 1:
                    m = _LABEL_VALUE.match(cells[0])
                    if m:
                        yield m.group(1), m.group(2)
        elif block.kind in ("paragraph", "list_item"):
            listed = leading and block.text.count("; ") >= 2  # "segmento Mid-Market; deal USD 88.000; ..."
            chunks = re.split(r"(?<=[;.])\s+(?=\S)", block.text) if leading else [block.text]
            for chunk in chunks:
                m = _LABEL_VALUE.match(chunk)
                said = _LABEL_IS.match(chunk)  # "deal is about 80k AUD"
                if m and (len(chunks) == 1 or is_label(m.group(1))):
                    yield m.group(1), m.group(2)
                elif said and is_label(said.group(1)):
                    yield said.group(1), said.group(2)
                elif listed and (pair := leading(chunk.rstrip(";."))):
                    yield pair


def is_blank(value: str | None, lexicon: Lexicon) -> bool:
    return not value or not value.strip() or bool(lexicon.placeholders(value))


def parse_amount(text: str) -> float | None:
    """'AUD 120,000' -> 120000; '$75k' -> 75000; '1.2M USD' -> 1200000; 'USD 135.000' -> 135000.
    First amount wins."""
    text = re.sub(r"(?<=\d)[ \u00a0\u202f](?=\d{3}\b)", "", text)  # '185 000' is 185000
    m = re.search(r"(\d{1,3}(?:\.\d{3})+(?!\d)(?:,\d+)?|\d[\d,]*(?:\.\d+)?)\s*(k|m|mm|million|thousand|bn|b|mil|millones)?\b",
                  text, re.I)
    if not m:
        return None
    number = m.group(1)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", number):  # 'USD 135.000' (Spanish, Portuguese, German)
        number = number.replace(".", "").replace(",", ".")
    try:
        value = float(number.replace(",", ""))
    except ValueError:
        return None
    scale = (m.group(2) or "").lower()
    factor = {"k": 1e3, "thousand": 1e3, "mil": 1e3, "m": 1e6, "mm": 1e6, "million": 1e6, "millones": 1e6,
              "bn": 1e9, "b": 1e9}.get(scale, 1)
    return value * factor


def parse_count(text: str | None) -> int | None:
    """'5', 'five rigs', '3 (DR12, DR15, DR17)', 'two (one per site)' -> the first number written."""
    if not text:
        return None
    numbers = (r"(?<![\w.,/])(\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
               + r")\b(?![.,/]\d)")  # a count, not part of a year, an amount or a date
    m = re.search(numbers, text, re.I)
    if not m:
        return None
    token = m.group(1).lower()
    return int(token) if token.isdigit() else _NUMBER_WORDS[token]


def count_near(text: str, nouns: str) -> int | None:
    """The number written before a noun: '3 billing cycles', 'two projects', '7 rigs'."""
    numbers = r"\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
    m = re.search(rf"\b({numbers})\s+(?:\w+\s+)?(?:{nouns})\b", text, re.I)
    if not m:
        return None
    token = m.group(1).lower()
    return int(token) if token.isdigit() else _NUMBER_WORDS[token]


def segment_of(text: str) -> str | None:
    """The segment a value names first: 'SMB (mid-size contractor)' is SMB, 'Mid Market' is
    Mid-Market, 'Enterprise (ANZ)' is Enterprise."""
    t = normalise(text)
    found = [(m.start(), name) for name, pattern in load_rubric().segments.items() for m in [re.search(pattern, t)] if m]
    return min(found)[1] if found else None
