"""R05: a task that kills its worker process every time runs at most three times, is parked as
poisoned, and the queue drains (the Redis broker has no redelivered flag to stop the loop)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis

from ledger import open_ledger
from tests.workers.conftest import Running, _stop
from workers.app import MAX_STARTS, QUEUE
from workers.tasks import TASK_NAME, starts_key

pytestmark = pytest.mark.timeout(120)
ROOT = Path(__file__).resolve().parents[2]


def _queue_empty(client: redis.Redis) -> bool:
    return client.llen(QUEUE) == 0 and client.hlen("unacked") == 0


def test_a_task_that_kills_its_process_is_parked_after_three_starts(
    start_worker, worker_redis_url: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    running: Running = start_worker()  # only for its settings and sandbox config
    _stop(running.process)
    starts = tmp_path / "starts.log"
    log = tmp_path / "poison-worker.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIDGE_")}
    env.update(
        BRIDGE_CONFIG=str(running.sandbox.config_path),
        BRIDGE_REDIS_URL=worker_redis_url,
        POISON_LOG=str(starts),
        PYTHONPATH=str(ROOT),
    )
    celery = Path(sys.executable).parent / "celery"
    with log.open("wb") as out:
        worker = subprocess.Popen(
            [str(celery), "-A", "tests.workers.poison_app", "worker", "-P", "prefork", "-c", "1",
             "-Q", QUEUE, "--without-mingle", "--without-gossip", "-l", "INFO",
             "-n", f"poison-{uuid.uuid4().hex[:6]}@%h"],
            env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    client = redis.Redis.from_url(worker_redis_url)
    try:
        deadline = time.monotonic() + 30
        while " ready." not in log.read_text(errors="replace"):
            assert worker.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        task_id = str(uuid.uuid4())
        running.app.send_task("tests.poison", task_id=task_id, queue=QUEUE)
        deadline = time.monotonic() + 60
        while "parked as poisoned" not in log.read_text(errors="replace"):
            assert time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.2)
        time.sleep(1.0)
        executions = starts.read_text().split()
        assert len(executions) == MAX_STARTS, executions  # each start in a fresh child
        assert len(set(executions)) == MAX_STARTS
        assert int(client.get(starts_key(task_id, 0)) or 0) == MAX_STARTS + 1
        assert _queue_empty(client)
        assert worker.poll() is None  # the worker itself lived through it

        # The real task parked the same way leaves a "poisoned" run for its branch.
        real_id = str(uuid.uuid4())
        client.set(starts_key(real_id, 0), MAX_STARTS)  # three starts died already
        running.app.send_task(
            TASK_NAME, args=("reconcile", running.branch), task_id=real_id, queue=QUEUE
        )
        deadline = time.monotonic() + 30
        ledger = open_ledger(running.settings.database_url.get(), upgrade=False)
        try:
            while [r.status for r in ledger.recent_runs(branch=running.branch)] != ["failed"]:
                assert time.monotonic() < deadline, log.read_text()[-3000:]
                time.sleep(0.2)
            (run,) = ledger.recent_runs(branch=running.branch)
            assert (run.job, run.status) == ("reconcile", "failed")
            assert run.plan_summary == {"poisoned": MAX_STARTS}
            assert "3" in (run.error or "")
        finally:
            ledger.close()
        assert running.sheet_writes() == []  # the parked task ran nothing
        assert _queue_empty(client)
    finally:
        _stop(worker)
        client.close()
