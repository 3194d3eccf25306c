"""Several processes at once: two App Engine instances (or two versions during a deploy) share
their locks through Redis; two commands on one local workspace share a file lock.

Each case runs real separate processes (multiprocessing, spawned), so the in-process lock table
cannot be what keeps them apart. The Redis is Debian's redis-server, started here on a free port.
"""
import multiprocessing
import os
import shutil
import socket
import subprocess
import time

import pytest

from server import locks
from server.errors import StepError
from tests.handover_builder import GOOD, to_docx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url():
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("redis-server is missing: .ci/run installs Debian's")
        pytest.skip("Debian's redis-server is not installed (apt-get install redis-server)")
    port = free_port()
    server = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    import redis
    for _ in range(100):
        try:
            redis.Redis.from_url(url).ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield url
    server.terminate()
    server.wait(timeout=10)


def hold_lock_and_record(url: str, name: str, log_path: str, rounds: int) -> None:
    """One instance: takes the lock `rounds` times, writing when it held it."""
    locks.share_through(url)
    for _ in range(rounds):
        with locks.named_lock(name):
            start = time.monotonic()
            time.sleep(0.03)
            with open(log_path, "a") as log:
                log.write(f"{os.getpid()} {start} {time.monotonic()}\n")


def run_processes(target, args_list) -> None:
    context = multiprocessing.get_context("spawn")
    procs = [context.Process(target=target, args=args) for args in args_list]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
    assert all(p.exitcode == 0 for p in procs), [p.exitcode for p in procs]


def test_instances_sharing_redis_hold_a_named_lock_one_at_a_time(redis_url, tmp_path):
    log_path = str(tmp_path / "held.log")
    run_processes(hold_lock_and_record, [(redis_url, "tracker:T1", log_path, 6)] * 3)
    spans = sorted((float(a), float(b)) for _, a, b in (line.split() for line in open(log_path)))
    assert len(spans) == 18
    assert all(later[0] >= earlier[1] for earlier, later in zip(spans, spans[1:]))  # never two at once


def test_without_redis_nothing_is_shared_so_the_guard_above_is_what_keeps_them_apart(tmp_path):
    """The same run with locks kept per process overlaps: the test above can fail."""
    log_path = str(tmp_path / "held.log")
    run_processes(hold_lock_and_record, [("", "tracker:T1", log_path, 6)] * 3)
    spans = sorted((float(a), float(b)) for _, a, b in (line.split() for line in open(log_path)))
    assert any(later[0] < earlier[1] for earlier, later in zip(spans, spans[1:]))


def test_an_unreachable_redis_is_a_clear_error_and_nothing_runs():
    locks.share_through(f"redis://127.0.0.1:{free_port()}/0")
    ran = []
    try:
        with pytest.raises(StepError) as failed:
            with locks.named_lock("tracker:T2"):
                ran.append(1)
        assert failed.value.step == "take the shared lock" and not ran
    finally:
        locks.share_through("")


def submit_local(root: str, doc_id: str) -> None:
    from server import flows
    from server.workspace.local import LocalWorkspace
    flows.submit(LocalWorkspace(root), doc_id, "sam.rep@example.com")


def test_four_processes_submitting_one_local_document_make_one_study(ws):
    path = ws.root / "Acme" / "handover.docx"
    path.parent.mkdir(parents=True)
    path.write_bytes(to_docx(GOOD))
    doc_id = ws.doc_id(path)
    run_processes(submit_local, [(str(ws.root), doc_id)] * 4)
    assert len(ws.tracker.records()) == 1
