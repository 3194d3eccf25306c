"""The service account's calls stay under Google's per-user quotas (server/workspace/pace.py):
bursts go at once, and no window ever holds more than 90% of the quota, however slow the calls."""
import threading
import time

from server import flows
from server.workspace.pace import Quota, ServiceAccountQuotas
from tests.google_env import google_workspace, upload_docx
from tests.handover_builder import GOOD, to_docx


def run_calls(quota: Quota, n: int, threads: int, call_seconds) -> list[tuple[float, float]]:
    """n calls through `quota` from `threads` threads; each call's (sent, answered) times."""
    spans, lock, todo = [], threading.Lock(), list(range(n))

    def worker():
        while True:
            with lock:
                if not todo:
                    return
                i = todo.pop()  # n-1 first
            with quota.turn():
                sent = time.monotonic()
                time.sleep(call_seconds(i))
                answered = time.monotonic()
            with lock:
                spans.append((sent, answered))
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return sorted(spans)


def most_sent_in_any_window(spans, window: float) -> int:
    sent = [s for s, _ in spans]
    return max(sum(1 for t in sent if start <= t < start + window) for start in sent)


def test_a_burst_goes_at_once_and_no_window_holds_more_than_90_percent():
    quota = Quota(10, window=0.6)  # 9 calls per 0.6 s
    t0 = time.monotonic()
    spans = run_calls(quota, 25, threads=8, call_seconds=lambda i: 0.01)
    assert len(spans) == 25
    assert sum(1 for s, _ in spans if s - t0 < 0.1) >= 8  # the first burst is not spread out
    assert most_sent_in_any_window(spans, 0.6) <= 9
    assert spans[-1][0] - t0 >= 1.2  # 25 calls need a third window


def test_a_slow_call_keeps_its_place_in_the_count_until_it_is_answered():
    """A call Google receives late (slow to leave) must not let the next window's calls crowd in."""
    quota = Quota(5, window=0.5)  # 4 per 0.5 s
    spans = run_calls(quota, 12, threads=4, call_seconds=lambda i: 0.3 if i >= 8 else 0.01)  # the first 4 are slow
    answered = sorted(a for _, a in spans)
    # Google counts a call somewhere between sending and answer: the worst case is the answer time
    assert max(sum(1 for t in answered if start <= t < start + 0.5) for start in answered) <= 4


def test_submits_beyond_the_sheets_quota_wait_their_turn_and_none_is_refused(fake):
    """Sheets allows a user 60 reads and 60 writes a minute; here 10 in 2 seconds, so the test is short."""
    fake.set_quota("sheets", 10, per_seconds=2.0, kind="read")
    fake.set_quota("sheets", 10, per_seconds=2.0, kind="write")
    ws = google_workspace(fake)
    ws.tracker.quotas = ServiceAccountQuotas(sheets_reads=Quota(10, window=2.0), sheets_writes=Quota(10, window=2.0))
    docs = [upload_docx(ws, to_docx(GOOD)) for _ in range(12)]
    fake.reset_calls()
    t0 = time.monotonic()
    assert all(flows.submit(ws, d, "sam.rep@example.com").recorded for d in docs)
    assert time.monotonic() - t0 >= 2.0  # 12 reads and 12 writes: the 10th of each waited for the next window
    sheets_calls = sum(n for name, n in fake.calls.items() if name.startswith("sheets"))
    # each: one read, one write, one History line; once: finding the History sheet and making it.
    assert sheets_calls == 12 * 3 + 2  # nothing refused and sent again
    assert len(ws.tracker.records()) == 12
