"""Scoring speed and memory: every corpus document's read and score times, and the scorer beside
proselint (style lint) and textstat (readability) on the same text. Prints; asserts nothing."""
from __future__ import annotations

import statistics
import time
import tracemalloc
from pathlib import Path

from benchmarks.corpora import ROOT, plain_text
from server.paths import TEMPLATE_PATH
from server.validators.docx_reader import read_docx
from server.validators.scorer import score_document

CORPUS = ROOT / "tests" / "corpus"
LONG = 10_000  # words: a document this long is timed once


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.docx")) + [TEMPLATE_PATH]


def _timed(fn, repeat: int, warm: bool = True) -> tuple[float, float]:
    """(median seconds, peak MB of Python allocations) for fn()."""
    if warm:
        fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), peak / 2**20


def proselint_lint():
    """proselint 0.16 with all its checks: text -> its alerts."""
    from proselint.checks import __register__
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    CheckRegistry().register_many(__register__)
    return lambda text: LintFile("doc", text).lint() if text.strip() else []  # "" makes it read a file


def versus_table(repeat: int) -> None:
    """Our scorer beside proselint (style lint) and textstat (readability) on the same text.
    They answer other questions; the table says what each costs on handover-sized text."""
    import textstat

    lint = proselint_lint()
    tools = {
        "ours (read+score)": lambda p, t: score_document(read_docx(p)),
        "ours (score text)": lambda p, t: score_document(_text_doc(t)),
        "proselint 0.16": lambda p, t: lint(t),
        "textstat 0.7.4": lambda p, t: _textstat(textstat, t),
    }
    docs = [p for p in corpus_files() if p.stem in ("ready_wa_rc_contractor", "generic_chatgpt_stock", "ready_terse_qld",
                                                     "huge_repeated_sections")]
    docs.sort(key=lambda p: p.stem == "huge_repeated_sections")  # last: timed cold otherwise
    print(f"\nOurs beside proselint and textstat on the same text (median of {repeat}, one run past"
          f" {LONG:,} words, warmed on the shorter ones; peak = tracemalloc)")
    print(f"{'document':<30}{'words':>7}" + "".join(f"{name:>22}" for name in tools) + f"{'ours/proselint':>16}{'ours/textstat':>15}")
    for path in docs:
        text = plain_text(path)
        words = len(text.split())
        cells, ms = [], {}
        for name, fn in tools.items():
            long = words > LONG  # keeps `make bench` within a few minutes
            seconds, peak = _timed(lambda: fn(path, text), 1 if long else repeat, warm=not long)
            ms[name] = 1000 * seconds
            cells.append(f"{1000 * seconds:>9.1f} ms {peak:>6.1f} MB")
        print(f"{path.stem[:29]:<30}{words:>7}" + "".join(f"{c:>22}" for c in cells)
              + f"{ms['ours (score text)'] / ms['proselint 0.16']:>16.2f}{ms['ours (score text)'] / ms['textstat 0.7.4']:>15.2f}")


_calls = iter(range(10**9))


def _textstat(textstat, text: str):
    """textstat caches results per text (lru_cache): a new suffix each call measures real work."""
    t = f"{text}\n{next(_calls)}"
    return textstat.flesch_reading_ease(t), textstat.gunning_fog(t), textstat.text_standard(t)


def _text_doc(text: str):
    from server.validators.document import Block, Document
    return Document([Block(kind="paragraph", text=line) for line in text.splitlines() if line.strip()])


def time_scoring(path: Path, repeat: int) -> dict:
    data = path.read_bytes()
    read_docx(data, path.name)  # warm the imports and regex compilation
    read_times, score_times = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        doc = read_docx(data, path.name)
        t1 = time.perf_counter()
        score_document(doc)
        t2 = time.perf_counter()
        read_times.append(t1 - t0)
        score_times.append(t2 - t1)
    tracemalloc.start()
    score_document(read_docx(data, path.name))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"name": path.name, "words": doc.word_count, "kb": len(data) / 1024,
            "read_ms": 1000 * statistics.median(read_times), "score_ms": 1000 * statistics.median(score_times),
            "peak_mb": peak / 2**20}


def scoring_table(repeat: int) -> None:
    rows = [time_scoring(p, repeat) for p in corpus_files()]
    print(f"Scoring (median of {repeat} runs; read = .docx parse, score = checks and criteria; peak = tracemalloc)")
    print(f"{'document':<44}{'words':>7}{'KB':>7}{'read ms':>9}{'score ms':>10}{'ms/1k words':>13}{'peak MB':>9}")
    for r in rows:
        total = r["read_ms"] + r["score_ms"]
        per_k = total / max(r["words"], 1) * 1000
        print(f"{r['name'][:43]:<44}{r['words']:>7}{r['kb']:>7.0f}{r['read_ms']:>9.1f}{r['score_ms']:>10.1f}"
              f"{per_k:>13.1f}{r['peak_mb']:>9.1f}")
    words = sum(r["words"] for r in rows)
    total_ms = sum(r["read_ms"] + r["score_ms"] for r in rows)
    print(f"{'all documents':<44}{words:>7}{'':>7}{'':>9}{'':>10}{total_ms / words * 1000:>13.1f}"
          f"{max(r['peak_mb'] for r in rows):>9.1f}")
    print(f"mean per document: {total_ms / len(rows):.1f} ms over {len(rows)} documents")
