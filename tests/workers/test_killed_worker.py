"""A worker killed with SIGKILL (its main process and pool children) blocks its branch for at
most the lock TTL, and the next run closes the run it left "running" (issue 10.6)."""

from __future__ import annotations

import os
import signal
import time
from collections import Counter

import pytest
import redis

from jobs.locks import lock_key
from ledger import open_ledger
from tests.workers.conftest import Running
from tests.workers.test_worker import _wait_started
from workers.tasks import send_job

TTL = 2  # seconds (BRIDGE_LOCK_TTL): production's 60 s, shortened so the test is quick


def _statuses(running: Running) -> list[str]:
    ledger = open_ledger(running.settings.database_url.get(), upgrade=False)
    try:
        return sorted(r.status for r in ledger.recent_runs(branch=running.branch))
    finally:
        ledger.close()


@pytest.mark.timeout(120)
def test_a_killed_worker_frees_its_branch_within_the_ttl_and_the_next_run_closes_its_run(
    start_worker, worker_redis_url: str
) -> None:  # type: ignore[no-untyped-def]
    env = {"BRIDGE_LOCK_TTL": str(TTL)}
    first = start_worker(env)
    ids_before = first.member_ids()
    client = redis.Redis.from_url(worker_redis_url)
    key = lock_key(first.branch)
    first.sandbox.sheets.control.set_latency(1000)
    first.sandbox.zetkin.control.set_latency(400)

    doomed = send_job(first.app, "reconcile", first.branch)
    _wait_started(doomed, timeout=20)
    time.sleep(TTL + 0.8)  # longer than one TTL: the heartbeat is what keeps the lock
    assert client.exists(key)
    os.killpg(first.process.pid, signal.SIGKILL)  # the worker and its pool, no goodbyes
    first.process.wait(timeout=10)
    killed = time.monotonic()

    assert 0 < client.pttl(key) <= TTL * 1000  # not the old 35 minutes
    assert _statuses(first) == ["running"]
    while client.exists(key):
        assert time.monotonic() - killed < TTL + 1, "the dead worker's lock outlived its TTL"
        time.sleep(0.1)

    first.sandbox.sheets.control.set_latency(0)
    first.sandbox.zetkin.control.set_latency(0)
    second = start_worker(env)
    answer = send_job(second.app, "reconcile", second.branch).get(timeout=40)

    assert answer["status"] == "ok", answer
    assert _statuses(second) == ["aborted", "ok"]
    added = Counter(second.member_ids()) - Counter(ids_before)
    assert [i for i, n in added.items() if n > 1 or i in ids_before] == []
    again = send_job(second.app, "reconcile", second.branch).get(timeout=30)
    assert again["counts"]["appended"] == again["counts"]["created"] == 0
    client.close()
