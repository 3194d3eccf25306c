"""Benchmarks that print figures (never asserted): scoring speed and peak memory on the corpus.

    .venv/bin/python benchmarks/bench.py [--repeat N]
"""
from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from server.rubric import TEMPLATE_PATH  # noqa: E402
from server.validators.docx_reader import read_docx  # noqa: E402
from server.validators.scorer import score_document  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.docx")) + [TEMPLATE_PATH]


def plain_text(path: Path) -> str:
    doc = read_docx(path)
    return "\n".join(b.text if b.kind != "table" else "\n".join(" | ".join(r) for r in b.rows) for b in doc.blocks)


def _timed(fn, repeat: int) -> tuple[float, float]:
    """(median seconds, peak MB of Python allocations) for fn()."""
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


def versus_table(repeat: int) -> None:
    """Our scorer beside proselint (style lint) and textstat (readability) on the same text.
    They answer other questions; the table says what each costs on handover-sized text."""
    import textstat
    from proselint.checks import __register__
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    CheckRegistry().register_many(__register__)
    tools = {
        "ours (read+score)": lambda p, t: score_document(read_docx(p)),
        "ours (score text)": lambda p, t: score_document(_text_doc(t)),
        "proselint 0.16": lambda p, t: LintFile("doc", t).lint(),
        "textstat 0.7.4": lambda p, t: _textstat(textstat, t),
    }
    docs = [p for p in corpus_files() if p.stem in ("ready_wa_rc_contractor", "generic_chatgpt_stock", "ready_terse_qld",
                                                     "huge_repeated_sections")]
    print(f"\nOurs beside proselint and textstat on the same text (median of {repeat}; peak = tracemalloc)")
    print(f"{'document':<30}{'words':>7}" + "".join(f"{name:>22}" for name in tools) + f"{'ours/proselint':>16}{'ours/textstat':>15}")
    for path in docs:
        text = plain_text(path)
        words = len(text.split())
        cells, ms = [], {}
        for name, fn in tools.items():
            seconds, peak = _timed(lambda: fn(path, text), repeat)
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


# The fewest calls each flow can make against the Google APIs, and why.
MINIMUM = {
    "create handover (new customer)": (14, "find the customer folder, 11 folder creates (Drive v3 creates one file per call), copy, one fill"),
    "create handover (again)": (5, "find customer, list customer/PreSales/Desktop Study children, find the doc"),
    "check": (1, "documents.get"),
    "submit (first)": (5, "files.get, documents.get, files.update (study id), values.get (rows), values.append"),
    "submit (again)": (4, "files.get, documents.get, values.get (rows), values.batchUpdate"),
    "decision": (2, "values.get (rows) + values.batchUpdate (the row), under the lock"),
    "refresh (1 doc changed)": (5, "values.get (rows), files.list (all handovers), documents.get (the changed doc), "
                                   "values.get + values.batchUpdate under the lock (so a decision made meanwhile is kept)"),
}


def api_calls_table() -> None:
    from fake_google import FakeGoogle
    from server import flows
    from server.generators.deal import Deal
    from tests.google_env import google_workspace
    from tests.handover_builder import GOOD, to_docx

    deal = Deal.from_input({"customer": "Bench Drilling", "industry": "drilling", "segment": "Enterprise",
                            "deal_size": "120000", "currency": "AUD"})
    print("\nAPI calls per flow (real client libraries against the local fake; counts from the fake)")
    print(f"{'flow':<34}{'calls':>6}{'minimum':>9}{'server ms':>11}  calls by endpoint")
    with FakeGoogle() as fake:
        ws = google_workspace(fake)
        doc_id = _upload(ws, to_docx(GOOD))
        first_study = lambda: ws.tracker.records()[0]["study_id"]  # noqa: E731
        runs = [  # (flow, setup not counted, the flow given the setup's result)
            ("create handover (new customer)", None, lambda _: flows.create_handover(ws, deal)),
            ("create handover (again)", None, lambda _: flows.create_handover(ws, deal)),
            ("check", None, lambda _: flows.check(ws, doc_id)),
            ("submit (first)", None, lambda _: flows.submit(ws, doc_id, "rep@example.com")),
            ("submit (again)", None, lambda _: flows.submit(ws, doc_id, "rep@example.com")),
            ("decision", first_study, lambda sid: flows.decide(ws, sid, "boss@example.com", "Approved", "",
                                                                ("boss@example.com",))),
            ("refresh (1 doc changed)", lambda: _touch(ws, doc_id), lambda _: flows.refresh(ws)),
        ]
        for name, setup, run in runs:
            prepared = setup() if setup else None
            fake.reset_calls()
            t0 = time.perf_counter()
            run(prepared)
            ms = 1000 * (time.perf_counter() - t0)
            calls = dict(fake.calls)
            detail = ", ".join(f"{k.split('.', 1)[1]} {v}" for k, v in sorted(calls.items()))
            print(f"{name:<34}{sum(calls.values()):>6}{MINIMUM[name][0]:>9}{ms:>11.0f}  {detail}")


def _upload(ws, data: bytes) -> str:
    from googleapiclient.http import MediaInMemoryUpload
    media = MediaInMemoryUpload(data, mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    return ws.drive.files().create(body={"name": "Bench handover", "mimeType": "application/vnd.google-apps.document"},
                                   media_body=media, fields="id").execute()["id"]


def _touch(ws, doc_id: str) -> None:
    ws.docs.documents().batchUpdate(documentId=doc_id, body={"requests": [{"replaceAllText": {
        "containsText": {"text": "Carosue Dam", "matchCase": True}, "replaceText": "Carosue Dam North"}}]}).execute()


def endpoints_table() -> None:
    """Each add-on endpoint as Google calls it (signed tokens, event JSON), on Google (the fake)."""
    from fake_google import FakeGoogle
    from server.app import create_app
    from server.config import Config
    from tests.addon_env import ADDON_SA, BASE_URL, MANAGER, REP, Client, TokenMint
    from tests.google_env import google_workspace
    from tests.handover_builder import GOOD, to_docx

    mint = TokenMint()
    print("\nAdd-on endpoints (Flask test client, Google mode against the fake; server time includes token checks)")
    print(f"{'endpoint':<40}{'status':>7}{'server ms':>11}{'API calls':>11}")
    with FakeGoogle() as fake:
        ws = google_workspace(fake)
        app = create_app(Config(mode="google", google_endpoint=fake.base_url, template_id=ws.template_id,
                                tracker_id=ws.tracker.spreadsheet_id, customers_root_id=ws.root_id,
                                managers=(MANAGER,), addon_service_account=ADDON_SA, public_base_url=BASE_URL,
                                certs_url=mint.certs_url))
        logging.getLogger("handover").setLevel(logging.WARNING)
        rep, manager = Client(app, mint, REP), Client(app, mint, MANAGER)
        doc_id = _upload(ws, to_docx(GOOD))
        form = {"customer": "Bench Drilling", "industry": "drilling", "segment": "Enterprise", "deal_size": "120000"}
        rep.post("/addon/docs/home", file_id=doc_id)  # warm: certificates fetched once, clients built
        logging.getLogger("handover").setLevel(logging.WARNING)
        steps = [
            ("docs home (scorecard)", rep, "/addon/docs/home", {"file_id": doc_id}),
            ("action/create (new customer)", rep, "/addon/action/create", {"form": form, "file_id": "x"}),
            ("action/check", rep, "/addon/action/check", {"file_id": doc_id}),
            ("action/submit", rep, "/addon/action/submit", {"file_id": doc_id}),
            ("sheets home (manager)", manager, "/addon/sheets/home", {"host": "SHEETS", "file_id": "t"}),
            ("action/decide", manager, "/addon/action/decide", {"host": "SHEETS", "file_id": "t"}),
            ("cron/refresh", None, "/cron/refresh", {}),
        ]
        http = app.test_client()
        for name, client, path, args in steps:
            if name == "action/decide":
                args["params"] = {"study_id": ws.tracker.records()[0]["study_id"], "decision": "Approved"}
            body, headers = client.prepare(path, **args) if client else ({}, {"X-Appengine-Cron": "true"})
            fake.reset_calls()
            t0 = time.perf_counter()
            response = http.post(path, json=body, headers=headers)
            ms = 1000 * (time.perf_counter() - t0)
            print(f"{name:<40}{response.status_code:>7}{ms:>11.0f}{fake.total_calls():>11}")
    mint.stop()


def refresh_table() -> None:
    """The scheduled refresh of 500 studies with the fake answering in 100 ms per call."""
    from fake_google import FakeGoogle
    from server import flows
    from tests.google_env import google_workspace
    from tests.handover_builder import GOOD, to_docx

    print("\nRefresh of 500 studies, every Google call taking 100 ms (fake latency)")
    print(f"{'documents changed':<20}{'calls':>7}{'minimum':>9}{'wall s (8 parallel reads)':>27}{'wall s (1 at a time)':>22}")
    for changed in (0, 50, 500):
        row = []
        for parallel in (True, False):
            with FakeGoogle() as fake:
                ws = google_workspace(fake)
                if not parallel:
                    ws.docs_factory = None
                _seed_studies(ws, 500, to_docx(GOOD))
                for doc_id in [r["doc_id"] for r in ws.tracker.records()][:changed]:
                    ws.docs.documents().batchUpdate(documentId=doc_id, body={"requests": [{"replaceAllText": {
                        "containsText": {"text": "Carosue Dam", "matchCase": True}, "replaceText": "Carosue"}}]}).execute()
                fake.reset_calls()
                fake.latency = 0.1
                t0 = time.perf_counter()
                result = flows.refresh(ws)
                wall = time.perf_counter() - t0
                assert result.studies == 500 and result.rescored == changed, result
                row.append((fake.total_calls(), wall))
        minimum = 2 + changed + (2 if changed else 0)
        print(f"{changed:<20}{row[0][0]:>7}{minimum:>9}{row[0][1]:>27.1f}{row[1][1]:>22.1f}")


def _seed_studies(ws, n: int, data: bytes) -> None:
    """n submitted studies: one uploaded handover copied n times (a copy is a copy), one tracker write."""
    first = _upload(ws, data)
    records = {}
    for i in range(n):
        made = ws.drive.files().copy(fileId=first, fields="id,modifiedTime", body={
            "name": f"Study {i}", "appProperties": {"dsHandover": "1", "studyId": f"DS-B{i:04d}"}}).execute()
        records[f"DS-B{i:04d}"] = {"customer": f"Customer {i}", "stage": "Submitted", "doc_id": made["id"],
                                   "doc_modified_at_submit": made["modifiedTime"], "scored_modified": made["modifiedTime"],
                                   "doc_changed": "No", "score": 100}
    ws.tracker.update(records)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    scoring_table(args.repeat)
    versus_table(args.repeat)
    api_calls_table()
    endpoints_table()
    refresh_table()


if __name__ == "__main__":
    main()
