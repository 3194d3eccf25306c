"""Benchmarks that print figures (never asserted): the scorer on the corpora (right answers, ranking,
time and memory, beside proselint and a concrete-token baseline), scoring speed, API calls per flow,
endpoint times and the 500-study refresh.

    .venv/bin/python benchmarks/bench.py [--repeat N] [--only PART ...] [--full]
"""
from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import corpora, documents, speed  # noqa: E402

# The fewest calls and round trips each flow can make, and why.
MINIMUM = {
    "create handover (new customer)": (15, 6, "find the customer folder, create it, 10 folders in 3 batches (one per level: "
                                              "a folder needs its parent), copy (in the first batch), fill (beside the "
                                              "second), move into its folder (one call more, one round trip less)"),
    "create handover (again)": (5, 5, "find customer, list customer/PreSales/Desktop Study children, find the doc"),
    "check": (3, 2, "documents.get beside files.get (the doc's details: its DS Data folder) then files.list (DS Data)"),
    "check (DS Data: 5 new files)": (8, 3, "as check, then the 5 files downloaded in parallel (one call each, "
                                           "a Google Sheet exported)"),
    "check (DS Data as before)": (3, 2, "as check: files read before and unchanged are not downloaded again"),
    "submit (first)": (6, 4, "files.get then files.list (DS Data) beside documents.get, files.update (study id), "
                             "values.get (rows), values.append"),
    "submit (again)": (5, 3, "files.get then files.list beside documents.get, values.get (rows), values.batchUpdate"),
    "decision": (9, 8, "the row read and written under the lock; on approval the gap analysis: documents.get beside "
                       "files.list (DS Data) then files.get (its parent folder), files.create (converted to a Google "
                       "Doc), the row read and its link written; the History line beside the notices"),
    "refresh (1 doc changed)": (5, 5, "values.get (rows), files.list (all handovers), documents.get (the changed doc), "
                                      "values.get + values.batchUpdate under the lock (so a decision made meanwhile is kept)"),
}
LATENCY = 0.25  # seconds per call in the run that counts round trips (long beside the fake's own work)


def api_calls_table() -> None:
    print("\nAPI calls and round trips per flow (real client libraries against the local fake; calls counted by the "
          f"fake, a batch's calls one by one; round trips = extra time with {LATENCY * 1000:.0f} ms a call / "
          f"{LATENCY * 1000:.0f} ms)")
    print(f"{'flow':<34}{'calls':>6}{'min':>5}{'round trips':>13}{'min':>5}{'server ms':>11}  calls by endpoint")
    logging.getLogger("handover").setLevel(logging.ERROR)  # the second run's fake reuses the first's ids: the
    fast, slow = _flow_runs(0.0), _flow_runs(LATENCY)  # History and Pipeline sheets are found again, as logged
    for (name, calls, ms), (_, _, slow_ms) in zip(fast, slow):
        detail = ", ".join(f"{k.split('.', 1)[1]} {v}" for k, v in sorted(calls.items()))
        trips = round((slow_ms - ms) / (LATENCY * 1000))
        work = sum(n for k, n in calls.items() if k != "drive.batch")
        print(f"{name:<34}{work:>6}{MINIMUM[name][0]:>5}{trips:>13}{MINIMUM[name][1]:>5}{ms:>11.0f}  {detail}")


def _flow_runs(latency: float) -> list[tuple[str, dict, float]]:
    from fake_google import FakeGoogle
    from server import flows
    from server.generators.deal import Deal
    from tests.google_env import google_workspace
    from tests.handover_builder import GOOD, to_docx

    deal = Deal.from_input({"customer": "Bench Drilling", "industry": "drilling", "segment": "Enterprise",
                            "deal_size": "120000", "currency": "AUD"})
    rows = []
    with FakeGoogle() as fake:
        ws = google_workspace(fake)
        made = ws.create_handover(Deal.from_input({"customer": "Red Rock Drilling", "industry": "drilling"}))
        data = fake.get_file(made.doc_id)["appProperties"]["dataFolder"]
        doc_id = _upload(ws, to_docx(GOOD), made.folder_id, {"dsHandover": "1", "dataFolder": data})
        flows.check(ws, doc_id)  # warm: the clients' resources made once
        first_study = lambda: ws.tracker.records()[0]["study_id"]  # noqa: E731
        runs = [  # (flow, setup not counted, the flow given the setup's result)
            ("create handover (new customer)", None, lambda _: flows.create_handover(ws, deal)),
            ("create handover (again)", None, lambda _: flows.create_handover(ws, deal)),
            ("check", None, lambda _: flows.check(ws, doc_id)),
            ("check (DS Data: 5 new files)", lambda: _data_package(fake, ws, data), lambda _: flows.check(ws, doc_id)),
            ("check (DS Data as before)", None, lambda _: flows.check(ws, doc_id)),
            ("submit (first)", None, lambda _: flows.submit(ws, doc_id, "rep@example.com")),
            ("submit (again)", None, lambda _: flows.submit(ws, doc_id, "rep@example.com")),
            ("decision", first_study, lambda sid: flows.decide(ws, sid, "boss@example.com", "Approved", "",
                                                                ("boss@example.com",))),
            ("refresh (1 doc changed)", lambda: _touch(ws, doc_id), lambda _: flows.refresh(ws)),
        ]
        for name, setup, run in runs:
            prepared = setup() if setup else None
            fake.reset_calls()
            fake.latency = latency
            t0 = time.perf_counter()
            run(prepared)
            rows.append((name, dict(fake.calls), 1000 * (time.perf_counter() - t0)))
            fake.latency = 0.0
    return rows


def _upload(ws, data: bytes, parent: str = "", marks: dict | None = None) -> str:
    """A handover uploaded as a Google Doc (into `parent`, marked as Create handover marks one)."""
    from googleapiclient.http import MediaInMemoryUpload
    media = MediaInMemoryUpload(data, mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    body = {"name": "Bench handover", "mimeType": "application/vnd.google-apps.document",
            **({"parents": [parent]} if parent else {}), **({"appProperties": marks} if marks else {})}
    return ws.drive.files().create(body=body, media_body=media, fields="id", supportsAllDrives=True).execute()["id"]


def _data_package(fake, ws, folder: str) -> None:
    """The demo's Redback package in DS Data: the plods as a Google Sheet (exported to read), claims
    and the schedule of rates as PDFs."""
    from googleapiclient.http import MediaIoBaseUpload
    from openpyxl import load_workbook
    sent = ROOT / "doc_templates" / "samples" / "DS Data" / "Redback Drilling Pty Ltd"
    book = load_workbook(sent / "Redback_Plods_Aug-Oct26.xlsx", read_only=True)
    fake.add_spreadsheet("Redback plods", {ws_.title: [["" if v is None else (v.date().isoformat() if hasattr(v, "date")
                                                         else v) for v in row] for row in ws_.iter_rows(values_only=True)]
                                           for ws_ in book.worksheets}, parent_id=folder)
    for path in sorted((sent / "Claims").glob("*.pdf")) + [sent / "EGR_SoR_rev4.pdf"]:
        with open(path, "rb") as handle:
            ws.drive.files().create(body={"name": path.name, "parents": [folder]}, fields="id", supportsAllDrives=True,
                                    media_body=MediaIoBaseUpload(handle, mimetype="application/pdf")).execute()


def _touch(ws, doc_id: str) -> None:
    ws.docs.documents().batchUpdate(documentId=doc_id, body={"requests": [{"replaceAllText": {
        "containsText": {"text": "Carosue Dam", "matchCase": True}, "replaceText": "Carosue Dam North"}}]}).execute()


def endpoints_table() -> None:
    """Each add-on endpoint as Google calls it (signed tokens, event JSON), on Google (the fake),
    with the fake answering at once and then in 150 ms a call."""
    print("\nAdd-on endpoints (Flask test client, Google mode against the fake; server time includes token checks)")
    print(f"{'endpoint':<40}{'status':>7}{'API calls':>11}{'server ms':>11}{'ms, 150 ms a call':>19}")
    fast, slow = _endpoint_times(0.0), _endpoint_times(0.15)
    for (name, status, calls, ms), (_, _, _, slow_ms) in zip(fast, slow):
        print(f"{name:<40}{status:>7}{calls:>11}{ms:>11.0f}{slow_ms:>19.0f}")


def _endpoint_times(latency: float) -> list[tuple[str, int, int, float]]:
    from fake_google import FakeGoogle
    from server.app import create_app
    from server.config import Config
    from tests.addon_env import ADDON_SA, BASE_URL, CLIENT_ID, MANAGER, REP, Client, TokenMint
    from tests.google_env import FakeConnection, google_workspace
    from tests.handover_builder import GOOD, to_docx

    mint, rows = TokenMint(), []
    with FakeGoogle() as fake:
        ws = google_workspace(fake)
        app = create_app(Config(mode="google", oauth_client_id=CLIENT_ID, template_id=ws.template_id,
                                tracker_id=ws.tracker.spreadsheet_id, customers_root_id=ws.root_id,
                                managers=(MANAGER,), addon_service_account=ADDON_SA, public_base_url=BASE_URL,
                                certs_url=mint.certs_url), google=FakeConnection(fake=fake))
        logging.getLogger("handover").setLevel(logging.WARNING)
        rep, manager = Client(app, mint, REP), Client(app, mint, MANAGER)
        doc_id = _upload(ws, to_docx(GOOD))
        form = {"customer": "Bench Drilling", "industry": "drilling", "segment": "Enterprise", "deal_size": "120000"}
        rep.post("/addon/docs/home", file_id=doc_id)  # warm: certificates fetched once, clients built
        manager.post("/addon/sheets/home", host="SHEETS", file_id="t")
        logging.getLogger("handover").setLevel(logging.WARNING)
        steps = [
            ("docs home (scorecard)", rep, "/addon/docs/home", {"file_id": doc_id}),
            ("action/create (new customer)", rep, "/addon/action/create", {"form": form, "file_id": "x"}),
            ("action/create (again)", rep, "/addon/action/create", {"form": form, "file_id": "x"}),
            ("action/check", rep, "/addon/action/check", {"file_id": doc_id}),
            ("action/submit", rep, "/addon/action/submit", {"file_id": doc_id}),
            ("sheets home (manager)", manager, "/addon/sheets/home", {"host": "SHEETS", "file_id": "t"}),
            ("action/decide", manager, "/addon/action/decide", {"host": "SHEETS", "file_id": "t"}),
            ("cron/refresh", None, "/cron/refresh", {}),
        ]
        http = app.test_client()
        fake.latency = latency
        for name, client, path, args in steps:
            if name == "action/decide":
                args["params"] = {"study_id": ws.tracker.records()[0]["study_id"], "decision": "Approved"}
            body, headers = client.prepare(path, **args) if client else ({}, {"X-Appengine-Cron": "true"})
            fake.reset_calls()
            t0 = time.perf_counter()
            response = http.post(path, json=body, headers=headers)
            rows.append((name, response.status_code, fake.total_calls(), 1000 * (time.perf_counter() - t0)))
    mint.stop()
    return rows


def refresh_table(full: bool) -> None:
    """The scheduled refresh of 500 studies, the fake answering each call in 100 ms and holding the
    service account to Google's quotas (Docs 300 reads a minute; Sheets 60 reads and 60 writes).
    With all 500 changed it takes a few minutes (setting up 500 edits, then reading and scoring
    500 documents under the quota), so only with --full."""
    print("\nRefresh of 500 studies, every Google call taking 100 ms, Google's per-user quotas enforced by the fake")
    print(f"{'documents changed':<20}{'calls':>7}{'minimum':>9}{'refused (429)':>15}{'wall s, 8 parallel':>20}"
          f"{'wall s, 1 at a time':>21}")
    for changed in (0, 50, 500) if full else (0, 50):
        calls, refused, parallel = _refresh_run(changed, parallel=True)
        one_at_a_time = f"{_refresh_run(changed, parallel=False)[2]:.1f}" if changed < 500 else "-"
        minimum = 2 + changed + (2 if changed else 0)
        print(f"{changed:<20}{calls:>7}{minimum:>9}{refused:>15}{parallel:>20.1f}{one_at_a_time:>21}")
    print("Docs allows 300 reads a minute: 500 reads need at least 100 s if spread evenly, and at least 60 s "
          "(270 at once, the rest a minute later) as the refresh sends them")
    if not full:
        print("(all 500 changed: --full, a few minutes more)")


def _refresh_run(changed: int, parallel: bool) -> tuple[int, int, float]:
    """(API calls, calls refused with 429, wall seconds) of one refresh of 500 studies, `changed`
    of them edited since."""
    from fake_google import FakeGoogle
    from server import flows
    from tests.google_env import google_workspace
    from tests.handover_builder import GOOD, to_docx

    with FakeGoogle() as fake:
        ws = google_workspace(fake)
        if not parallel:
            ws.clients_factory = None
        _seed_studies(ws, 500, to_docx(GOOD))
        for doc_id in [r["doc_id"] for r in ws.tracker.records()][:changed]:
            ws.docs.documents().batchUpdate(documentId=doc_id, body={"requests": [{"replaceAllText": {
                "containsText": {"text": "Carosue Dam", "matchCase": True}, "replaceText": "Carosue"}}]}).execute()
        fake.reset_calls()
        fake.latency = 0.1
        fake.set_quota("docs.documents.get", 300)
        fake.set_quota("sheets", 60, kind="read")
        fake.set_quota("sheets", 60, kind="write")
        t0 = time.perf_counter()
        result = flows.refresh(ws)
        wall = time.perf_counter() - t0
        assert result.studies == 500 and result.rescored == changed, result
        refused = fake.calls.get("docs.documents.get", 0) - changed
        return fake.total_calls(), refused, wall


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


def tracker_table() -> None:
    """What the tracker costs as it grows: one read of every row (with their tags), one study's
    change (read, then its changed cells by tag), one new study; then the archive moving every
    study closed long ago (all but the 100 most recent here) and the read once they are gone."""
    import json
    from datetime import date, datetime, timedelta, timezone
    from fake_google import FakeGoogle
    from server import flows
    from server.workspace.tracker_rows import ROWS_FIELDS
    from tests.google_env import google_workspace

    old = (datetime.now(timezone.utc) - timedelta(days=200)).isoformat(timespec="seconds")
    closed = {"stage": "Closed", "decision": "Approved", "cs_owner": "chris.cs@example.com", "last_updated": old}

    def read_kb(ws) -> float:
        return len(json.dumps(ws.tracker._http.fetch_sheet_metadata(ws.tracker.spreadsheet_id, params={
            "ranges": f"'Studies'!A2:{ws.tracker.last_col}", "fields": ROWS_FIELDS}))) / 1024

    print("\nThe tracker as it grows (the fake, no latency: its own work plus the client's)")
    print(f"{'studies':>8}{'read ms':>10}{'read KB':>10}{'one change ms':>15}{'add 1 study ms':>16}"
          f"{'archive ms':>12}{'read after ms':>15}{'read after KB':>15}")
    for n in (100, 1000, 5000):
        with FakeGoogle() as fake:
            ws = google_workspace(fake)
            ws.tracker.update({f"DS-{i:05d}": {"customer": f"Customer {i}", "score": 80,
                                               **(closed if i < n - 100 else {"stage": "Submitted"})}
                               for i in range(n)})
            t0 = time.perf_counter()
            sheet_id, rows = ws.tracker._read()
            read_ms = 1000 * (time.perf_counter() - t0)
            size = read_kb(ws)
            assert len(rows) == n
            t0 = time.perf_counter()
            ws.tracker.update({f"DS-{n - 50:05d}": {"cs_owner": "chris.cs@example.com"}})
            change_ms = 1000 * (time.perf_counter() - t0)
            t0 = time.perf_counter()
            ws.tracker.update({"DS-NEW": {"customer": "New Co", "stage": "Submitted"}})
            add_ms = 1000 * (time.perf_counter() - t0)
            t0 = time.perf_counter()
            moved = ws.tracker.archive(flows.archivable(90, date.today()))
            archive_ms = 1000 * (time.perf_counter() - t0)
            assert len(moved) == n - 100
            t0 = time.perf_counter()
            ws.tracker._read()
            after_ms = 1000 * (time.perf_counter() - t0)
            print(f"{n:>8}{read_ms:>10.0f}{size:>10.0f}{change_ms:>15.0f}{add_ms:>16.0f}"
                  f"{archive_ms:>12.0f}{after_ms:>15.0f}{read_kb(ws):>15.0f}")


def data_table() -> None:
    """The plod reader on big exports: a 50 MB CSV and a 100,000-row .xlsx, streamed; rows a
    second, and the peak memory Python allocated while reading (measured on a second read)."""
    import csv
    import tempfile
    import tracemalloc
    from datetime import date, timedelta
    from pathlib import Path

    from openpyxl import Workbook

    from server.data_package.plod import read_plod

    print("\nPlod exports read (server/data_package/plod.py)")
    print(f"{'file':<22}{'size MB':>9}{'rows':>10}{'seconds':>9}{'rows/s':>10}{'peak MB':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        big_csv = Path(tmp) / "plods.csv"
        with open(big_csv, "w", newline="") as handle:
            out = csv.writer(handle)
            out.writerow(["Date", "Rig", "Project", "Hole ID", "Metres Drilled", "Drilling Hours", "Comments"])
            n, day = 0, date(2024, 1, 1)
            while handle.tell() < 50 * 1024 * 1024:
                out.writerow([(day + timedelta(days=n % 700)).isoformat(), f"RC-{n % 5:02d}", "Carosue Dam",
                              f"CD{n:07d}", "96.5", "11.5", "Normal shift, no delays"])
                n += 1
        book = Workbook(write_only=True)
        sheet = book.create_sheet("Plods")
        sheet.append(["Date", "Rig", "Project", "Metres", "Hours"])
        for i in range(100_000):
            sheet.append([date(2024, 1, 1) + timedelta(days=i % 700), f"RC-{i % 5:02d}", "Gwalia", 64.5, 11])
        big_xlsx = Path(tmp) / "plods.xlsx"
        book.save(big_xlsx)
        for path in (big_csv, big_xlsx):
            t0 = time.perf_counter()
            tables = read_plod(path)
            seconds = time.perf_counter() - t0
            tracemalloc.start()  # a second read for the memory: tracing slows Python several times over
            read_plod(path)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            rows = sum(t.shifts for t in tables)
            print(f"{path.name:<22}{path.stat().st_size / 2**20:>9.1f}{rows:>10}{seconds:>9.1f}"
                  f"{rows / seconds:>10.0f}{peak / 2**20:>9.0f}")


PARTS = {  # the default run; `scoring` (every document's read and score times) only when named
    "corpora": lambda args: corpora.corpora_tables(speed.proselint_lint()),
    "versus": lambda args: speed.versus_table(args.repeat),
    "api": lambda args: api_calls_table(),
    "endpoints": lambda args: endpoints_table(),
    "refresh": lambda args: refresh_table(args.full),
    "tracker": lambda args: tracker_table(),
    "data": lambda args: data_table(),
    "documents": lambda args: documents.documents_table(),
    "scoring": lambda args: speed.scoring_table(args.repeat),
}


def main() -> None:
    parser = argparse.ArgumentParser(description="Print the project's benchmark figures.")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing in the scoring tables (median)")
    parser.add_argument("--only", nargs="+", choices=list(PARTS), default=list(PARTS)[:-1], metavar="PART",
                        help=f"run only these parts: {', '.join(PARTS)} (default: all but scoring)")
    parser.add_argument("--full", action="store_true", help="also the refresh with all 500 studies changed (minutes)")
    args = parser.parse_args()
    for part in args.only:
        PARTS[part](args)


if __name__ == "__main__":
    main()
