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
from .text import LOWER as _LOWER, UPPER as _UPPER, Lexicon, normalise, sentences

ASPECTS = ("engaged", "demoed", "committed")  # the rubric's [answer_columns] give each its header stems
_NEGATION = r"(?:\bnot\b|\bno\b|\bnever\b|\bneither\b|\bnor\b|n't\b|\bun|\bwithout\b|\byet to\b)"
_TRIPLE = re.compile(r"engaged\s*/\s*demo\w*\s*/\s*commit\w*\s*[:\-–]?\s*(\w+)\s*/\s*(\w+)\s*/\s*(\w+)", re.I)
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
        people += _from_prose(prose, lexicon)
    return people


def has_name(name: str, lexicon: Lexicon) -> bool:
    """A person's name, not a role ('CFO'), a team or a stand-in ('John Smith', 'Jane Doe')."""
    if lexicon.placeholders(name):  # '[Name]', 'TBD', and stand-ins like 'John Smith'
        return False
    if any(w.lower() in lexicon.not_person for w in re.findall(r"[^\W\d_]+", name)):
        return False  # "Finance Team", "Operations Leadership": a group, not a person
    return any(w.lower() not in lexicon.not_names and not (lexicon.roles and lexicon.roles.fullmatch(w))
               for w in re.findall(rf"{_NAME_WORD}", name))


def _from_table(rows: list[list[str]], lexicon: Lexicon) -> list[Person]:
    header = [normalise(c) for c in rows[0]]
    cols = [next((i for i, h in enumerate(header) if any(stem in h for stem in lexicon.columns.get(aspect, ()))), None)
            for aspect in ASPECTS]
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
    engaged, demoed, committed = (_said(text, aspect, lexicon) for aspect in ASPECTS)
    if engaged is None:  # demoed or committed means they were engaged
        engaged = bool(demoed or committed)
    return Person(name[:60], bool(engaged), bool(demoed), bool(committed))


def _says(text: str, aspect: str, lexicon: Lexicon, default: bool) -> bool:
    """Does the text say yes to this aspect (engaged / demoed / committed)? Negations and
    'committed: no' count as no; silence is `default`."""
    said = _said(text, aspect, lexicon)
    return default if said is None else said


def _said(text: str, aspect: str, lexicon: Lexicon) -> bool | None:
    """Yes, no, or None when the text does not speak of this aspect."""
    low = text.lower()
    found = None
    stems = "|".join(re.escape(stem) for stem in lexicon.columns.get(aspect, ()))
    for m in re.finditer(rf"\w*(?:{stems})\w*", low) if stems else ():
        before = low[max(0, m.start() - 40): m.start()]
        after = low[m.end(): m.end() + 12]
        clause = re.split(r"[.;,]|\bbut\b|\band\b", before)[-1]
        answer = re.match(r"\s*[:=\-–]\s*(\w+)|\s*\((\w+)\)|\s+(yes|no|y|n)\b", after)
        answer = answer and next(g for g in answer.groups() if g)
        if re.search(_NEGATION, clause) or re.search(r"\bun$", before) or (answer and lexicon.is_yes(answer) is False):
            return False
        found = True
    return found


def _from_prose(paragraphs: list[str], lexicon: Lexicon) -> list[Person]:
    """Person by person: a sentence naming nobody belongs to whoever the paragraph spoke of
    last ('Dana Whitcomb - Controller. Demoed on November 10; committed.'); across paragraphs
    only a sentence starting 'She', 'He', 'Both' does."""
    people: dict[str, list[str]] = {}
    first_names: dict[str, str] = {}
    current: list[str] = []
    for paragraph in paragraphs:
        in_paragraph = False
        for sentence in sentences(paragraph):
            named = [m.group(1) for m in _PERSON.finditer(sentence) if _is_person(m, sentence, lexicon)]
            for full in named:
                first_names.setdefault(full.split()[0], full)
                people.setdefault(full, [])
            mentioned = {first_names[w] for w in re.findall(rf"{_NAME_WORD}", sentence) if w in first_names}
            mentioned |= set(named)
            if mentioned:
                current, in_paragraph = sorted(mentioned), True
            elif not (in_paragraph or _PRONOUN.match(sentence)):
                continue
            for full in current:
                people[full].append(sentence)
    out = []
    for full, said in people.items():
        text_of = " ".join(said)
        if all(_said(text_of, aspect, lexicon) is None for aspect in ASPECTS):
            continue  # named in passing, not described as a stakeholder
        out.append(Person(full, _says(text_of, "engaged", lexicon, default=True),
                          _says(text_of, "demoed", lexicon, default=False),
                          _says(text_of, "committed", lexicon, default=False)))
    return out


def _is_person(match: re.Match, sentence: str, lexicon: Lexicon) -> bool:
    """'Kayla Brennan' yes; 'Drilling Coordinator', 'at Kestrel Ridge', 'The Board' no."""
    words = match.group(1).replace("(", " ").replace(")", " ").split()
    if words[0].lower() in lexicon.common_caps or any(lexicon.roles.fullmatch(w) for w in words if lexicon.roles):
        return False
    if lexicon.domain and any(lexicon.domain.fullmatch(w) for w in words):
        return False
    return not re.search(r"\b(?:at|in|on|from|to|near|of)\s+$", sentence[: match.start()])
