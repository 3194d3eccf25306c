"""The scorer on the project's corpora, against the reviewers' expected.toml, beside proselint and a
concrete-token baseline, with the time and memory each takes on the same documents in the same run.

It only measures and prints; the tests (tests/test_corpus.py, tests/test_holdout.py) are what must pass.
"""
from __future__ import annotations

import re
import statistics
import time
import tomllib
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

from server.validators.readers import read_document
from server.validators.scorecard import Scorecard
from server.rubric import load_rubric
from server.validators.scorer import score_document
from server.validators.text import lexicon_for

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ("corpus", "holdout", "realworld", "unseen")  # shown first, in this order; any other tests/*/ too
SAME_VERDICT = {"thin": "not specific", "generic": "not specific"}  # both send the rep back for specifics
NOT_SPECIFIC = ("thin", "generic", "empty")


@dataclass
class Measured:
    """One document: what the reviewer expects, what the scorer and proselint said, and their cost."""
    corpus: str
    name: str
    expected: dict
    card: Scorecard
    text: str
    words: int
    alerts: int  # proselint's
    read_ms: float  # read the file into the document model
    score_ms: float  # score the document read, nothing cached from earlier documents
    score_peak_mb: float
    lint_ms: float  # proselint on the document's text
    lint_peak_mb: float


def corpora() -> dict[str, list[tuple[str, Path, dict]]]:
    """{corpus: [(stem, file, expectation)]} for each tests/<corpus>/expected.toml that exists."""
    found = {}
    folders = sorted((p.parent for p in (ROOT / "tests").glob("*/expected.toml")),
                     key=lambda f: (CORPORA.index(f.name) if f.name in CORPORA else len(CORPORA), f.name))
    for folder in folders:
        corpus = folder.name
        expected = tomllib.loads((folder / "expected.toml").read_text(encoding="utf-8"))
        files = {p.stem: p for p in folder.iterdir() if p.suffix.lower() in (".docx", ".json")}
        found[corpus] = [(stem, files[stem], e) for stem, e in sorted(expected.items()) if stem in files]
    return found


def measure_all(lint) -> list[Measured]:
    """Every document of every corpus, scored and linted, one after the other in this process."""
    out = []
    for corpus, docs in corpora().items():
        for stem, path, expected in docs:
            doc, read_ms, _ = _timed(lambda: read_document(path))
            card, score_ms, score_peak = _timed(lambda: _cold(score_document, doc))
            text = plain_text(path)
            alerts, lint_ms, lint_peak = _timed(lambda: lint(text))
            out.append(Measured(corpus, stem, expected, card, text, len(text.split()), len(alerts),
                                read_ms, score_ms, score_peak, lint_ms, lint_peak))
    return out


def _cold(score, doc):
    """Score as if this were the first document the process saw: the lexicon forgets its scans."""
    lexicon_for(load_rubric()).forget()
    return score(doc)


def _timed(fn):
    """(result, ms of one run, peak MB of Python allocations in a second run under tracemalloc)."""
    t0 = time.perf_counter()
    result = fn()
    ms = 1000 * (time.perf_counter() - t0)
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return result, ms, peak / 2**20


def plain_text(path: Path) -> str:
    doc = read_document(path)
    return "\n".join(b.text if b.kind != "table" else "\n".join(" | ".join(r) for r in b.rows) for b in doc.blocks)


# --- (a) right answers, beside proselint's alert rate --------------------------------------------

def judged(m: Measured) -> dict[str, tuple[int, int]]:
    """{'ready'|'statuses'|'criteria': (right, judged)} against the reviewer's expectation."""
    e, card = m.expected, m.card
    got = {s.key: SAME_VERDICT.get(s.status, s.status) for s in card.sections}
    statuses = [got.get(k) == SAME_VERDICT.get(v, v) for k, v in e.get("statuses", {}).items()]
    failed = set(card.failed_criteria())
    if "failed_criteria" in e:
        criteria = [(c.id in failed) == (c.id in e["failed_criteria"]) for c in card.criteria]
    else:
        criteria = [c in failed for c in e.get("must_fail", [])] + [c not in failed for c in e.get("must_pass", [])]
    return {"ready": (int(card.ready is e["ready"]), 1),
            "statuses": (sum(statuses), len(statuses)), "criteria": (sum(criteria), len(criteria))}


def accuracy_table(rows: list[Measured]) -> None:
    print("\nThe scorer against the reviewers' expected.toml (thin and generic count as one verdict),"
          "\nbeside proselint's alerts per 1,000 words on the same documents")
    print(f"{'corpus':<11}{'docs':>5}{'ready right':>13}{'statuses right':>16}{'criteria right':>16}"
          f"{'proselint/1k: ready':>21}{'not ready':>11}")
    for corpus, ms in _by_corpus(rows).items():
        right = {k: [sum(x) for x in zip(*(judged(m)[k] for m in ms))] for k in ("ready", "statuses", "criteria")}
        cells = "".join(f"{f'{r}/{n}':>{w}}" for (r, n), w in zip(right.values(), (13, 16, 16)))
        print(f"{corpus:<11}{len(ms):>5}{cells}{_alert_rate([m for m in ms if m.expected['ready']]):>21}"
              f"{_alert_rate([m for m in ms if not m.expected['ready']]):>11}")


def _alert_rate(ms: list[Measured]) -> str:
    words = sum(m.words for m in ms)
    return f"{1000 * sum(m.alerts for m in ms) / words:.1f}" if words else "-"


def _by_corpus(rows: list[Measured]) -> dict[str, list[Measured]]:
    out: dict[str, list[Measured]] = {}
    for m in rows:
        out.setdefault(m.corpus, []).append(m)
    return out


# --- (b) ranking specific above generic: the scorer, a concrete-token baseline, proselint --------

TOKEN = re.compile(r"\d[\d,.:/%$-]*|[^\W\d_][^\W\d_'’-]*")
SENTENCE = re.compile(r"(?<=[.!?])\s+|\s*\n\s*|\s+\|\s+")  # a table cell starts afresh too


def concrete_density(text: str, zipf=None) -> float:
    """Concrete tokens per word: numbers, capitalised words mid-sentence (with wordfreq: only those
    rarer than zipf 4), and with wordfreq any word rarer than zipf 3. 'Rig 12 at Kanowna' -> 0.5."""
    concrete = words = 0
    for sentence in SENTENCE.split(text):
        for i, token in enumerate(TOKEN.findall(sentence)):
            words += 1
            word = token.lower()
            if token[0].isdigit():
                concrete += 1
            elif zipf is None:
                concrete += i > 0 and token[0].isupper()
            elif (i > 0 and token[0].isupper() and zipf(word, "en") < 4) or zipf(word, "en") < 3:
                concrete += 1
    return concrete / max(words, 1)


def auc(positives: list[float], negatives: list[float]) -> float:
    """Share of (positive, negative) pairs ranked right, ties counted half: ROC AUC by hand."""
    pairs = [(p > n) + 0.5 * (p == n) for p in positives for n in negatives]
    return sum(pairs) / len(pairs)


def is_specific(m: Measured) -> bool | None:
    """True: ready; False: not ready with a section the reviewer calls thin, generic or empty;
    None: neither (e.g. specific but failing a criterion), left out of the ranking."""
    if m.expected["ready"]:
        return True
    return False if set(m.expected.get("statuses", {}).values()) & set(NOT_SPECIFIC) else None


def ranking_table(rows: list[Measured]) -> None:
    try:
        from wordfreq import zipf_frequency
    except ImportError:
        zipf_frequency = None
    rankers = {"scorer's score": lambda m: m.card.score,
               "tokens/word, simple": lambda m: concrete_density(m.text)}
    if zipf_frequency:
        rankers["tokens/word, wordfreq"] = lambda m: concrete_density(m.text, zipf_frequency)
    rankers["proselint (fewer/1k)"] = lambda m: -m.alerts / max(m.words, 1)
    print("\nRanking ready (specific) documents above not-ready thin or generic ones: ROC AUC, the share of"
          "\n(specific, generic) pairs ordered right (1.0 perfect, 0.5 chance)")
    print(f"{'corpus':<11}{'specific':>9}{'generic':>8}" + "".join(f"{name:>23}" for name in rankers))
    for corpus, ms in _by_corpus(rows).items():
        pos = [m for m in ms if is_specific(m) is True]
        neg = [m for m in ms if is_specific(m) is False]
        if not pos or not neg:
            continue
        cells = "".join(f"{auc([r(m) for m in pos], [r(m) for m in neg]):>23.2f}" for r in rankers.values())
        print(f"{corpus:<11}{len(pos):>9}{len(neg):>8}{cells}")
    if not zipf_frequency:
        print("(wordfreq is not installed: the baseline counts numbers and mid-sentence capitals only)")


# --- (c) time and memory per document, the scorer beside proselint -----------------------------

def timing_table(rows: list[Measured]) -> None:
    print("\nTime per document in this run: ours scores the document already read (nothing cached from"
          "\nearlier documents), proselint 0.16 lints the same document's text; reading the .docx is"
          "\nshown apart. peak = the largest tracemalloc peak over the corpus")
    print(f"{'corpus':<11}{'docs':>5}{'words':>8}{'read mean ms':>13}{'score mean ms':>14}{'median':>8}{'max':>8}"
          f"{'peak MB':>9}{'proselint mean ms':>19}{'median':>8}{'max':>8}{'peak MB':>9}{'score/proselint':>17}")
    for corpus, ms in _by_corpus(rows).items():
        ours, lint = [m.score_ms for m in ms], [m.lint_ms for m in ms]
        words = sum(m.words for m in ms)
        print(f"{corpus:<11}{len(ms):>5}{words:>8}{statistics.mean(m.read_ms for m in ms):>13.0f}"
              f"{statistics.mean(ours):>14.0f}{statistics.median(ours):>8.0f}{max(ours):>8.0f}"
              f"{max(m.score_peak_mb for m in ms):>9.1f}"
              f"{statistics.mean(lint):>19.0f}{statistics.median(lint):>8.0f}{max(lint):>8.0f}"
              f"{max(m.lint_peak_mb for m in ms):>9.1f}{sum(ours) / sum(lint):>17.2f}")


def corpora_tables(lint) -> None:
    """(a), (b) and (c) for every corpus; `lint(text)` returns proselint's alerts."""
    rows = measure_all(lint)
    accuracy_table(rows)
    ranking_table(rows)
    timing_table(rows)
