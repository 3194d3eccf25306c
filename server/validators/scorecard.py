"""The scorecard: what the scorer returns and its JSON contract (the terminal text is server/scorecard_text.py).

JSON names are a contract other tools read (the tracker, the sidebar, the CLI's --json).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
NOT_READY_STATUSES = ("missing", "empty", "thin", "generic")
STATUS_WORDS = {"missing": "missing", "empty": "empty (only guidance or placeholders)",
                "thin": "too thin", "generic": "reads as generic", "ok": "ok"}


@dataclass
class Finding:
    section: str  # the rubric's section title
    severity: str  # error | warning | info
    kind: str  # e.g. missing_section, thin, generic_sentence, placeholder
    text: str  # the quoted text it is about ('' when about something absent)
    message: str  # why this costs points
    suggestion: str  # what to write instead
    points: int = 0  # points this finding takes off its section's score


@dataclass
class SectionResult:
    key: str
    title: str
    score: int
    status: str  # missing | empty | thin | generic | ok
    weight: float
    words: int = 0
    specifics: int = 0
    findings: list[Finding] = field(default_factory=list)
    read_from: str = ""  # no heading named it: the heading it was found under by its content

    @property
    def where(self) -> str:
        """'read from "Who we spoke to"' when found by content, else ''."""
        return f"read from '{self.read_from}'" if self.read_from else ""


@dataclass
class Criterion:
    id: str
    passed: bool
    evidence: str
    label: str = ""  # what people read ("Deal size over 50,000"), from the rubric's [criteria]


@dataclass
class Scorecard:
    score: int
    ready: bool
    sections: list[SectionResult]
    findings: list[Finding]
    criteria: list[Criterion]
    fields: dict[str, str] = field(default_factory=dict)
    source: str = ""
    words: int = 0
    data: object = None  # the customer's files in DS Data (data_package.package.Package), when read
    data_notes: list[str] = field(default_factory=list)  # where the files and the handover disagree

    def failed_criteria(self) -> list[str]:
        return [c.id for c in self.criteria if not c.passed]

    def blocking(self) -> list[str]:
        """Why it is not ready, one short line per cause, in the order a rep should fix them:
        failed criteria, then sections not ready, then other error-level findings."""
        out = [f"{c.label or c.id}: {c.evidence}" for c in self.criteria if not c.passed]
        out += [f"{s.title}: {STATUS_WORDS.get(s.status, s.status)}" for s in self.sections
                if s.status in NOT_READY_STATUSES]
        not_ready = {s.title for s in self.sections if s.status in NOT_READY_STATUSES}
        errors = [f for f in self.findings if f.severity == "error" and f.section not in not_ready]
        out += [f"{f.section}: {f.message}" for f in errors]
        return out

    def verdict(self) -> str:
        """One line: 'Ready for submission' or 'Not ready: 2 criteria fail, 3 sections need work'."""
        if self.ready:
            return "Ready for submission"
        failed = sum(1 for c in self.criteria if not c.passed)
        weak = sum(1 for s in self.sections if s.status in NOT_READY_STATUSES)
        not_ready = {s.title for s in self.sections if s.status in NOT_READY_STATUSES}
        errors = sum(1 for f in self.findings if f.severity == "error" and f.section not in not_ready)
        parts = [_count(failed, "acceptance criterion fails", "acceptance criteria fail"),
                 _count(weak, "section needs work", "sections need work"),
                 _count(errors, "error to fix", "errors to fix")]
        return "Not ready: " + ", ".join(p for p in parts if p)

    def top_findings(self, n: int = 5) -> list[Finding]:
        return self.findings[:n]

    def to_dict(self) -> dict:
        return {
            "score": self.score,
            "ready": self.ready,
            "sections": [
                {"title": s.title, "key": s.key, "score": s.score, "status": s.status,
                 "words": s.words, "specifics": s.specifics, "read_from": s.read_from,
                 "findings": [asdict(f) for f in s.findings]}
                for s in self.sections
            ],
            "findings": [asdict(f) for f in self.findings],
            "criteria": [asdict(c) for c in self.criteria],
            "verdict": self.verdict(),
            "blocking": self.blocking(),
            "fields": dict(self.fields),
            "source": self.source,
            "words": self.words,
            "data_package": None if self.data is None else {**self.data.to_dict(), "notes": self.data_notes},
        }


def _count(n: int, one: str, many: str) -> str:
    return "" if not n else f"{n} {one if n == 1 else many}"


def sort_findings(findings: list[Finding], section_order: dict[str, int]) -> list[Finding]:
    return sorted(findings, key=lambda f: (SEVERITY_ORDER.get(f.severity, 9), -f.points,
                                           section_order.get(f.section, 99)))
