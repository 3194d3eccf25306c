"""The rubric (doc_templates/rubric.toml) loaded into plain objects.

The template, the scorer and the sidebar hints all read this one file; nothing here
hard-codes a section, a word or a threshold.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .paths import RUBRIC_PATH


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    aliases: tuple[str, ...]
    placeholder: str
    keywords: tuple[str, ...] = ()  # words that make an unknown label this field, in the deal summary


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    aliases: tuple[str, ...]
    kind: str  # prose | table | checklist | parts
    weight: float
    min_words: int
    min_specifics: int
    guidance: tuple[str, ...]
    suggestion: str
    min_rows: int = 0
    min_items: int = 0
    columns: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    part_aliases: tuple[tuple[str, str], ...] = ()  # ("S", "Situation"), ...
    heading_cues: tuple[str, ...] = ()  # words in an unknown heading that suggest this section
    cues: tuple[str, ...] = ()  # words in a text that suggest this section
    firm: bool = False  # hedged sentences ("may include") with no date are padding here
    empty_answers: tuple[str, ...] = ()  # patterns of a part answered with nothing ("none identified yet")
    example: str = ""  # a worked example of a specific answer: in the template, never counted as the rep's


@dataclass(frozen=True)
class Rubric:
    title: str
    subtitle: str
    folders: dict
    fields: tuple[Field, ...]
    sections: tuple[Section, ...]
    points: dict[str, int]
    generic: dict[str, float]
    words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    messages: dict[str, dict[str, str]] = field(default_factory=dict)
    limits: dict[str, int] = field(default_factory=dict)
    criteria: dict[str, dict] = field(default_factory=dict)  # criterion id -> label and limits
    data_items: dict[str, str] = field(default_factory=dict)  # checklist item -> pattern it is known by
    answer_columns: dict[str, tuple[str, ...]] = field(default_factory=dict)  # column -> header stems
    number_words: dict[str, int] = field(default_factory=dict)  # "four" -> 4, "tres" -> 3
    receipt: dict = field(default_factory=dict)  # how a checklist line says received or not: patterns
    industries: dict[str, str] = field(default_factory=dict)  # "drilling" -> "Drilling contractor"
    segments: dict[str, str] = field(default_factory=dict)  # "Mid-Market" -> the pattern it is known by
    template: dict = field(default_factory=dict)  # the template's own words: cover, "how this is judged", labels

    @property
    def exception_criteria(self) -> tuple[str, ...]:
        """Criteria a manager may waive with an exception (over the rig or project limit)."""
        return tuple(cid for cid, rule in self.criteria.items() if rule.get("exception"))

    @property
    def segment_choices(self) -> str:
        """The segments as a rep reads the choice: 'Enterprise, Mid-Market or SMB'."""
        *most, last = self.segments
        return f"{', '.join(most)} or {last}" if most else last

    def criterion_label(self, criterion: str) -> str:
        """What people read for a criterion: 'At most 5 rigs (or a manager's exception)'."""
        rule = self.criteria.get(criterion, {})
        return rule.get("label", criterion).format(**rule)

    def section(self, key: str) -> Section:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

    def field(self, key: str) -> Field:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)


def _tuple(raw: dict, key: str) -> tuple:
    return tuple(raw.get(key, ()))


@lru_cache(maxsize=4)
def load_rubric(path: Path = RUBRIC_PATH) -> Rubric:
    raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    fields = tuple(
        Field(f["key"], f["label"], _tuple(f, "aliases"), f["placeholder"], _tuple(f, "keywords")) for f in raw["fields"]
    )
    sections = tuple(
        Section(
            key=s["key"], title=s["title"], aliases=_tuple(s, "aliases"), kind=s["kind"],
            weight=float(s["weight"]), min_words=int(s.get("min_words", 0)),
            min_specifics=int(s.get("min_specifics", 0)), guidance=_tuple(s, "guidance"),
            suggestion=s.get("suggestion", ""), min_rows=int(s.get("min_rows", 0)),
            min_items=int(s.get("min_items", 0)), columns=_tuple(s, "columns"),
            items=_tuple(s, "items"), parts=_tuple(s, "parts"),
            part_aliases=tuple(s.get("part_aliases", {}).items()),
            heading_cues=_tuple(s, "heading_cues"), cues=_tuple(s, "cues"), firm=bool(s.get("firm", False)),
            empty_answers=_tuple(s, "empty_answers"), example=s.get("example", ""),
        )
        for s in raw["sections"]
    )
    words = {k: tuple(v) for k, v in raw["words"].items()}
    return Rubric(
        title=raw["title"], subtitle=raw.get("subtitle", ""), folders=raw["folders"],
        fields=fields, sections=sections, points=dict(raw["points"]),
        generic=dict(raw["generic"]), words=words,
        messages={k: dict(v) for k, v in raw["messages"].items()},
        limits=dict(raw.get("limits", {})),
        criteria={k: dict(v) for k, v in raw.get("criteria", {}).items()},
        data_items=dict(raw.get("data_items", {})),
        answer_columns={k: tuple(v) for k, v in raw.get("answer_columns", {}).items()},
        number_words={k: int(v) for k, v in raw.get("number_words", {}).items()},
        receipt=dict(raw.get("receipt", {})),
        industries=dict(raw["industries"]), segments=dict(raw["segments"]),
        template=dict(raw.get("template", {})),
    )
