"""The reconcile job run by a real `bridge worker` process over real Redis."""

from __future__ import annotations

import os
import signal
import time
from collections import Counter

import pytest
from celery.result import AsyncResult

from ledger import open_ledger
from tests.workers.conftest import Running
from workers.tasks import send_job

pytestmark = pytest.mark.timeout(60)


def _doubled(before: list[str], after: list[str]) -> list[str]:
    """Ids the runs wrote more than once (the seeded sheet has a duplicate of its own)."""
    added = Counter(after) - Counter(before)
    return sorted(i for i, n in added.items() if n > 1 or i in before)


def _runs(running: Running) -> list:  # type: ignore[type-arg]
    ledger = open_ledger(running.settings.database_url.get(), upgrade=False)
    try:
        return ledger.recent_runs(branch=running.branch, job="reconcile")
    finally:
        ledger.close()


def test_task_runs_reconcile_and_a_second_run_converges(start_worker) -> None:  # type: ignore[no-untyped-def]
    running = start_worker()
    before = len(running.members())

    first = send_job(running.app, "reconcile", running.branch).get(timeout=30)

    assert first["status"] == "ok", first
    assert first["counts"]["appended"] > 0, first
    assert len(running.members()) == before + first["counts"]["appended"]
    runs = _runs(running)
    assert [(r.id, r.status) for r in runs] == [(first["run_id"], "ok")]

    running.sandbox.sheets.control.clear_log()
    values = running.members()
    second = send_job(running.app, "reconcile", running.branch).get(timeout=30)

    assert second["status"] == "ok", second
    assert second["counts"]["appended"] == second["counts"]["created"] == 0
    assert running.sheet_writes() == []
    assert running.members() == values
    assert sorted(r.status for r in _runs(running)) == ["ok", "ok"]


def test_two_runs_at_once_only_one_applies(start_worker) -> None:  # type: ignore[no-untyped-def]
    """R02: the same sync sent twice at once: one run writes, the other ends "skipped"."""
    running = start_worker()
    before = len(running.members())
    ids_before = running.member_ids()
    # Slow stand-ins stretch a run to seconds, so the two tasks surely meet at the lock.
    running.sandbox.sheets.control.set_latency(250)
    running.sandbox.zetkin.control.set_latency(100)
    running.sandbox.sheets.control.clear_log()

    tasks = [send_job(running.app, "reconcile", running.branch) for _ in range(2)]
    results = [t.get(timeout=45) for t in tasks]

    assert sorted(r["status"] for r in results) == ["ok", "skipped"], results
    skipped = next(r for r in results if r["status"] == "skipped")
    assert "allerede" in skipped["error"] and skipped["run_id"] is None
    ok = next(r for r in results if r["status"] == "ok")
    assert _doubled(ids_before, running.member_ids()) == []
    assert len(running.members()) == before + ok["counts"]["appended"]
    assert len(running.sheet_writes()) == 1  # a single run's one batchUpdate
    assert [r.status for r in _runs(running)] == ["ok"]  # the skipped one opened no run


def test_unknown_names_fail_plainly_and_dry_run_writes_nothing(start_worker) -> None:  # type: ignore[no-untyped-def]
    running = start_worker()
    answers = {
        "unknown job": send_job(running.app, "payroll", running.branch),
        "no branch named": send_job(running.app, "reconcile", "Bergen SV"),
    }
    for words, result in answers.items():
        result.get(timeout=20, propagate=False)
        assert result.state == "FAILURE"
        assert words in str(result.result)
    assert "Retry" not in running.log_text()  # a permanent error is never retried

    running.sandbox.sheets.control.clear_log()
    dry = send_job(running.app, "reconcile", running.branch, dry_run=True).get(timeout=30)

    assert dry["status"] == "dry_run", dry
    assert running.sheet_writes() == []


def _wait_started(result: AsyncResult, timeout: float) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result.state == "STARTED":
            return int(result.info["pid"])
        time.sleep(0.05)
    raise AssertionError(f"the task never started (state {result.state})")


def test_a_pool_process_killed_mid_run_is_run_again_without_duplicates(start_worker) -> None:  # type: ignore[no-untyped-def]
    # The redelivered copy waits until the dead copy's heartbeat is seen to have stopped
    # (half a TTL): a 4 s TTL keeps that wait short.
    running = start_worker({"BRIDGE_LOCK_TTL": "4"})
    ids_before = running.member_ids()
    running.sandbox.sheets.control.set_latency(300)
    running.sandbox.zetkin.control.set_latency(150)

    result = send_job(running.app, "reconcile", running.branch)
    pid = _wait_started(result, timeout=20)
    assert pid != running.process.pid  # a pool child, not the worker's main process
    time.sleep(1.5)
    os.kill(pid, signal.SIGKILL)
    running.sandbox.sheets.control.set_latency(0)
    running.sandbox.zetkin.control.set_latency(0)

    answer = result.get(timeout=40)

    assert answer["status"] == "ok", answer
    log = running.log_text()
    assert "WorkerLostError" in log
    assert "LockBusy" not in log  # the redelivered copy took its own stale lock back
    assert _doubled(ids_before, running.member_ids()) == []
    # the killed run never finished; the redelivered copy closed it once it held the lock
    assert sorted(r.status for r in _runs(running)) == ["aborted", "ok"]
    again = send_job(running.app, "reconcile", running.branch).get(timeout=30)
    assert again["counts"]["appended"] == again["counts"]["created"] == 0


def test_a_copy_redelivered_while_the_first_runs_waits_and_writes_once(start_worker) -> None:  # type: ignore[no-untyped-def]
    """R03, adapted: Redis hands a late-acked message out again while its first copy still runs
    (in production the 15-minute time limit under the 20-minute visibility timeout prevents
    this, C01). The copy finds its own first copy's lock alive (renewed by the heartbeat),
    so it does not take over: it is retried after half a TTL and then finds nothing to do.
    One sheet write, no row twice, nobody created twice."""
    import uuid

    from workers.app import QUEUE
    from workers.tasks import TASK_NAME

    running = start_worker({"BRIDGE_LOCK_TTL": "4"})
    ids_before = running.member_ids()
    people_before = len(running.sandbox.zetkin.app.store.people)
    running.sandbox.sheets.control.set_latency(300)
    running.sandbox.zetkin.control.set_latency(150)
    running.sandbox.sheets.control.clear_log()
    task_id = str(uuid.uuid4())
    args = ("reconcile", running.branch)
    first = running.app.send_task(TASK_NAME, args=args, task_id=task_id, queue=QUEUE)
    _wait_started(first, timeout=20)
    time.sleep(1.0)
    running.app.send_task(TASK_NAME, args=args, task_id=task_id, queue=QUEUE)  # the redelivery
    deadline = time.monotonic() + 60
    while [r.status for r in _runs(running)] != ["ok", "ok"]:
        assert time.monotonic() < deadline, [(r.status, r.error) for r in _runs(running)]
        time.sleep(0.2)
    later, earlier = _runs(running)
    assert earlier.finished_at is not None and earlier.finished_at <= later.started_at
    assert later.counts["appended"] == later.counts["created"] == 0  # nothing left to do
    assert len(running.sheet_writes()) == 1
    assert _doubled(ids_before, running.member_ids()) == []
    assert len(running.sandbox.zetkin.app.store.people) - people_before == earlier.counts["created"]
    assert "its first copy holds the lock" in running.log_text()
