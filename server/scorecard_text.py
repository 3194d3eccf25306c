"""The scorecard as text for a terminal: every line fits the width, colour only when asked.

It only lays out what the scorecard says; it never judges a document.
"""
from __future__ import annotations

import re
import textwrap
import unicodedata
from dataclasses import dataclass

from .clip import clip
from .validators.scorecard import NOT_READY_STATUSES, Finding, Scorecard

GLUE = "\u2060"  # word joiner: textwrap never breaks there (documents' own no-break spaces are spaces here)
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
SECOND_COLUMN = "\x00"  # follows a wide character (emoji, CJK) while wrapping, so textwrap counts 2 columns
QUOTE_CHARS = 120  # a quote is a reminder of where, not the whole paragraph

ANSI = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "cyan": "36"}
STATUS_COLOUR = {"ok": "green", "thin": "yellow", "generic": "yellow", "missing": "red", "empty": "red"}
SEVERITY_COLOUR = {"error": "red", "warning": "yellow", "info": "cyan"}


@dataclass(frozen=True)
class Terminal:
    """Where the text goes: its width in columns and whether it shows ANSI colour."""
    width: int = 80
    color: bool = False

    def paint(self, text: str, *styles: str) -> str:
        if not self.color or not styles:
            return text
        codes = ";".join(ANSI[s] for s in styles)
        return f"\x1b[{codes}m{text}\x1b[0m"

    def wrap(self, text: str, indent: int, first: str = "", first_plain: str | None = None) -> list[str]:
        """text wrapped to the width, continuation lines indented; `first` (maybe coloured, as wide as
        `first_plain`) stands before the first line: wrap('Segment ...', 6, 'pass  ') -> ['pass  Segment ...']."""
        plain = first if first_plain is None else first_plain
        text = re.sub(r"[ \t\r\n\xa0]+", " ", text).strip()
        text = widen(CONTROL.sub("", text))  # a document's own escape codes never reach the terminal
        lines = textwrap.wrap(text, width=max(self.width, indent + 10),
                              initial_indent=" " * len(plain), subsequent_indent=" " * indent) or [" " * len(plain)]
        lines[0] = first + lines[0][len(plain):]
        return [line.replace(SECOND_COLUMN, "").rstrip() for line in lines]


def widen(text: str) -> str:
    """Each character that takes two columns on a terminal followed by a marker, so len() counts columns."""
    if text.isascii():
        return text
    return "".join(c + SECOND_COLUMN if unicodedata.east_asian_width(c) in "WF" else c for c in text)


def columns(line: str) -> int:
    """How many terminal columns a line takes, colour codes excluded: 'a💰' -> 3."""
    return len(widen(re.sub(r"\x1b\[[0-9;]*m", "", line)))


def render(card: Scorecard, term: Terminal = Terminal(), limit: int | None = 15, see_all: str = "") -> str:
    """The scorecard for a terminal: score line with the verdict and the first reason, sections,
    acceptance criteria by label, then findings grouped by section (the worst `limit`, or all when None).
    `see_all` is the command that shows every finding, named when some are left out."""
    lines = score_line(card, term)
    lines += ["", *sections_block(card, term)]
    lines += ["", *criteria_block(card, term)]
    if card.data is not None:
        lines += ["", *data_block(card, term)]
    lines += ["", *findings_block(card, term, limit, see_all)]
    return "\n".join(lines)


def score_line(card: Scorecard, term: Terminal) -> list[str]:
    """'file.docx: score 49/100. Not ready: ... First to fix: <the first blocking reason>'."""
    verdict = card.verdict()
    key = "Ready for submission" if card.ready else "Not ready"
    glued = key.replace(" ", GLUE)  # the coloured words never split across lines
    reasons = card.blocking()
    tail = f" First to fix: {reasons[0]}" if reasons and not card.ready else ""
    text = f"{card.source or 'Document'}: score {card.score}/100. {verdict.replace(key, glued, 1)}.{tail}"
    colour = ("green", "bold") if card.ready else ("red", "bold")
    return [line.replace(glued, term.paint(key, *colour)) for line in term.wrap(text, indent=2)]


def sections_block(card: Scorecard, term: Terminal) -> list[str]:
    weak = sum(1 for s in card.sections if s.status in NOT_READY_STATUSES)
    head = f"Sections ({weak} of {len(card.sections)} need work)" if weak else "Sections (all ok)"
    lines = [term.paint(head, "bold")]
    for s in card.sections:
        cell = f"  {s.score:>3}  {s.status:<8} "
        coloured = f"  {s.score:>3}  " + term.paint(f"{s.status:<8}", STATUS_COLOUR.get(s.status, "bold")) + " "
        title = f"{s.title} ({s.where})" if s.where else s.title
        lines += term.wrap(title, indent=len(cell), first=coloured, first_plain=cell)
    return lines


def criteria_block(card: Scorecard, term: Terminal) -> list[str]:
    failed = sum(1 for c in card.criteria if not c.passed)
    head = f"Acceptance criteria ({failed} of {len(card.criteria)} fail)" if failed else "Acceptance criteria (all pass)"
    lines = [term.paint(head, "bold")]
    for c in card.criteria:
        mark = "pass" if c.passed else "FAIL"
        coloured = "  " + term.paint(mark, "green" if c.passed else "red", *(() if c.passed else ("bold",))) + "  "
        lines += term.wrap(f"{c.label or c.id} — {c.evidence}", indent=8, first=coloured, first_plain=f"  {mark}  ")
    return lines


def data_block(card: Scorecard, term: Terminal) -> list[str]:
    """The customer's files in DS Data, as found, and where they and the handover disagree."""
    from .data_package.described import found_lines
    lines = [term.paint(line, "bold") for line in term.wrap(f"Data package ({card.data.folder})", indent=2)]
    for line in found_lines(card.data) + [f"Differs: {n}" for n in card.data_notes]:
        lines += term.wrap(line.strip(), indent=6 if line.startswith("  ") else 4,
                           first="    " if line.startswith("  ") else "  ")
    return lines


def findings_block(card: Scorecard, term: Terminal, limit: int | None, see_all: str) -> list[str]:
    total = len(card.findings)
    if not total:
        return [term.paint("Findings: none", "bold")]
    shown = card.findings if limit is None else card.findings[:limit]
    hidden = total - len(shown)
    order = ", worst first" if total > 1 else ""
    head = f"Findings ({total}{order}" + (f"; the worst {len(shown)} shown)" if hidden else ")")
    lines = [term.paint(head, "bold")]
    for section, findings in group_by_section(shown):
        lines += ["", *(term.paint(line, "bold") for line in term.wrap(section, indent=0))]
        for f in findings:
            lines += finding_lines(f, term)
    if hidden:
        lines += ["", *term.wrap(f"{hidden} more: {see_all}" if see_all else f"{hidden} more.", indent=2)]
    return lines


def group_by_section(findings: list[Finding]) -> list[tuple[str, list[Finding]]]:
    """Findings grouped by section, sections in the order of their worst finding, order kept within."""
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.section, []).append(f)
    return list(groups.items())


def finding_lines(f: Finding, term: Terminal) -> list[str]:
    """  warning  why it costs points / "the quoted text" / Fix: what to write instead."""
    cell = f"  {f.severity:<7}  "
    coloured = "  " + term.paint(f"{f.severity:<7}", SEVERITY_COLOUR.get(f.severity, "bold")) + "  "
    indent = len(cell)
    lines = term.wrap(f.message, indent=indent, first=coloured, first_plain=cell)
    if f.text:
        quote = term.wrap(f'"{clip(f.text, QUOTE_CHARS)}"', indent=indent, first=" " * indent)
        lines += [term.paint(line, "dim") for line in quote]
    if f.suggestion:
        lines += term.wrap(f"Fix: {f.suggestion}", indent=indent, first=" " * indent)
    return lines
