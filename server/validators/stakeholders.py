"""Who is engaged, demoed and committed to the study, from however the rep wrote it.

A table with Engaged / Demoed / Committed columns is read cell by cell. A list has one
person per item ("Jo Barnes - COO - engaged, demoed, committed: yes", "...: Y/Y/N"). Prose is
read person by person: every sentence naming someone (or saying 'she'/'he' right after) is
theirs, and in prose being described at all counts as engaged unless the text says otherwise.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .document import Block
from .text import Lexicon, normalise, sentences

STEMS = ("engag", "demo", "commit")
_NEGATION = r"(?:\bnot\b|\bno\b|\bnever\b|\bneither\b|\bnor\b|n't\b|\bun|\bwithout\b|\byet to\b)"
_TRIPLE = re.compile(r"engaged\s*/\s*demo\w*\s*/\s*commit\w*\s*[:\-–]?\s*(\w+)\s*/\s*(\w+)\s*/\s*(\w+)", re.I)
_UPPER, _LOWER = "A-ZÀ-ÖØ-ÞĀ-Ž", "a-zß-öø-ÿā-ž"
_NAME_WORD = rf"[{_UPPER}](?:[{_LOWER}'’\-]+|['’][{_UPPER}][{_LOWER}]+)"
_PERSON = re.compile(rf"(?<![\w{_LOWER}])({_NAME_WORD}(?:\s+\({_NAME_WORD}\))?\s+{_NAME_WORD})(?![\w{_LOWER}])")
_PRONOUN = re.compile(r"^\s*(?:she|he|they|both|all)\b", re.I)


@dataclass
class Person:
    name: str
    engaged: bool
    demoed: bool
    committed: bool

    @property
    def all_three(self) -> bool:
        return self.engaged and self.demoed and self.committed


def read_stakeholders(blocks: list[Block], lexicon: Lexicon) -> list[Person]:
    people: list[Person] = []
    prose: list[str] = []
    for block in blocks:
        if block.kind == "table" and block.rows:
            people += _from_table(block.rows, lexicon)
        elif block.kind == "list_item":
            person = _from_line(block.text, lexicon)
            if person:
                people.append(person)
        elif block.kind == "paragraph":
            prose.append(block.text)
    if prose:
        people += _from_prose(" ".join(prose), lexicon)
    return people


def has_name(name: str, lexicon: Lexicon) -> bool:
    """A person's name, not a role ('CFO'), a team or a stand-in ('John Smith', 'Jane Doe')."""
    if lexicon.placeholder_person and lexicon.placeholder_person.search(name):
        return False
    if lexicon.placeholders(name):
        return False
    return any(w.lower() not in lexicon.not_names and not (lexicon.roles and lexicon.roles.fullmatch(w))
               for w in re.findall(rf"{_NAME_WORD}", name))


def _from_table(rows: list[list[str]], lexicon: Lexicon) -> list[Person]:
    header = [normalise(c) for c in rows[0]]
    cols = [next((i for i, h in enumerate(header) if stem in h), None) for stem in STEMS]
    out = []
    if all(c is not None for c in cols):
        for row in rows[1:]:
            if not any(c.strip() for c in row) or not row[0].strip():
                continue
            answers = [lexicon.is_yes(row[c]) is True if c < len(row) else False for c in cols]
            out.append(Person(row[0].strip(), *answers))
        return out
    for row in rows:  # a table without those columns: read each row as a line
        person = _from_line(" - ".join(c for c in row if c.strip()), lexicon)
        if person:
            out.append(person)
    return out


def _from_line(text: str, lexicon: Lexicon) -> Person | None:
    """One person per line: the name first, then their status in words or Y/N."""
    name = re.split(r"\s+[-–—|]\s+|,|\(|:", text, maxsplit=1)[0].strip()
    if not name or not re.search(r"[A-Za-z]", name):
        return None
    triple = _TRIPLE.search(text)
    if triple:
        return Person(name[:60], *(lexicon.is_yes(v) is True for v in triple.groups()))
    return Person(name[:60], *(_says(text, stem, lexicon, default=False) for stem in STEMS))


def _says(text: str, stem: str, lexicon: Lexicon, default: bool) -> bool:
    """Does the text say yes to this (engaged / demo / commit)? Negations and 'committed: no'
    count as no; silence is `default`."""
    low = text.lower()
    found = False
    for m in re.finditer(rf"\w*{stem}\w*", low):
        before = low[max(0, m.start() - 40): m.start()]
        after = low[m.end(): m.end() + 12]
        clause = re.split(r"[.;,]|\bbut\b|\band\b", before)[-1]
        answer = re.match(r"\s*[:=\-–]\s*(\w+)|\s*\((\w+)\)|\s+(yes|no|y|n)\b", after)
        answer = answer and next(g for g in answer.groups() if g)
        if re.search(_NEGATION, clause) or re.search(r"\bun$", before) or (answer and lexicon.is_yes(answer) is False):
            return False
        found = True
    return found or default


def _from_prose(text: str, lexicon: Lexicon) -> list[Person]:
    people: dict[str, list[str]] = {}
    first_names: dict[str, str] = {}
    current: list[str] = []
    for sentence in sentences(text):
        named = [m.group(1) for m in _PERSON.finditer(sentence) if _is_person(m, sentence, lexicon)]
        for full in named:
            first_names.setdefault(full.split()[0], full)
            people.setdefault(full, [])
        mentioned = {first_names[w] for w in re.findall(rf"{_NAME_WORD}", sentence) if w in first_names}
        mentioned |= set(named)
        if mentioned:
            current = sorted(mentioned)
        elif not _PRONOUN.match(sentence):
            continue
        for full in current:
            people[full].append(sentence)
    out = []
    for full, said in people.items():
        text_of = " ".join(said)
        if not any(stem in text_of.lower() for stem in STEMS):
            continue  # named in passing, not described as a stakeholder
        out.append(Person(full, _says(text_of, "engag", lexicon, default=True),
                          _says(text_of, "demo", lexicon, default=False),
                          _says(text_of, "commit", lexicon, default=False)))
    return out


def _is_person(match: re.Match, sentence: str, lexicon: Lexicon) -> bool:
    """'Kayla Brennan' yes; 'Drilling Coordinator', 'at Kestrel Ridge', 'The Board' no."""
    words = match.group(1).replace("(", " ").replace(")", " ").split()
    if words[0].lower() in lexicon.common_caps or any(lexicon.roles.fullmatch(w) for w in words if lexicon.roles):
        return False
    if lexicon.domain and any(lexicon.domain.fullmatch(w) for w in words):
        return False
    return not re.search(r"\b(?:at|in|on|from|to|near|of)\s+$", sentence[: match.start()])
