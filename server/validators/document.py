"""The document model every reader builds and the scorer reads.

A document is a flat list of blocks in reading order. Readers (.docx, Google Docs JSON)
only translate; they make no judgement. Nothing here depends on python-docx or Google.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field


_TYPED_BULLET = re.compile(r"^\s*(?:[-*•▪◦‣●○]|\d{1,2}[.)]|[a-z][.)])\s+")


@dataclass
class Block:
    kind: str  # "heading" | "paragraph" | "list_item" | "table"
    text: str = ""
    level: int = 0  # heading level 1..6 (0 = Title); list nesting level
    bold: bool = False  # every run of the paragraph is bold: a heading candidate
    lead: str = ""  # the bold words a paragraph starts with ("Business case:" then plain text)
    rows: list[list[str]] = field(default_factory=list)  # table cells as text

    @property
    def is_title(self) -> bool:
        return self.kind == "heading" and self.level == 0


@dataclass
class Document:
    blocks: list[Block]
    source: str = ""  # file name or document id, for messages

    @property
    def word_count(self) -> int:
        n = 0
        for b in self.blocks:
            if b.kind == "table":
                n += sum(len(c.split()) for row in b.rows for c in row)
            else:
                n += len(b.text.split())
        return n


def typed_list_item(text: str) -> str | None:
    """'- item', '• item', '1. item', 'a) item' typed by hand: the item's text, else None."""
    if _TYPED_BULLET.match(text):
        return _TYPED_BULLET.sub("", text, count=1)
    return None


_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufe0f\ufeff\u00ad]")
_BLANKS = re.compile(r"[\s\xa0\u000b]+")


def clean_text(text: str) -> str:
    """One line of text as the checks see it: NFC accents, no zero-width or direction marks,
    no variation selectors, whitespace (no-break, tabs, line breaks) as single spaces."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    return _BLANKS.sub(" ", text).strip()


def bold_runs(runs: list[tuple[str, bool]]) -> tuple[bool, str]:
    """(every run bold, the bold text the paragraph starts with) from (text, bold) runs."""
    runs = [(t, b) for t, b in runs if t.strip()]
    if not runs:
        return False, ""
    lead = []
    for text, bold in runs:
        if not bold:
            break
        lead.append(text)
    all_bold = len(lead) == len(runs)
    return all_bold, "" if all_bold else clean_text("".join(lead))
