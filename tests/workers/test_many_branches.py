"""Many branches on real workers: each branch's runs and errors are its own, one failing
branch does not stop the others, and (the short form of ``python -m bench runtime``) two
workers and one beat sync three branches under the stand-in's per-user quota with no 429
reaching the jobs and no branch run twice at once."""

from __future__ import annotations

import contextlib
import itertools
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from config.loader import load_settings
from ledger import open_ledger
from ledger.records import RunRecord
from sandbox.branches import ManyBranches, branch_name, start_branches
from workers.app import make_celery
from workers.tasks import send_job

pytestmark = pytest.mark.timeout(180)
BRIDGE = Path(sys.executable).parent / "bridge"


def spawn(args: list[str], url: str, log: Path) -> subprocess.Popen[bytes]:
    """A `bridge worker` or `bridge beat` process in its own process group."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIDGE_")}
    env["BRIDGE_REDIS_URL"] = url
    with log.open("wb") as out:
        return subprocess.Popen(
            [str(BRIDGE), *args], env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip


def worker_args(config: Path) -> list[str]:
    return ["worker", "--config", str(config), "-c", "2", "-l", "INFO",
            "-n", f"many-{uuid.uuid4().hex[:6]}@%h"]  # fmt: skip


def wait_ready(process: subprocess.Popen[bytes], log: Path, timeout: float = 40) -> None:
    deadline = time.monotonic() + timeout
    while " ready." not in log.read_text(errors="replace"):
        assert process.poll() is None and time.monotonic() < deadline, log.read_text()[-3000:]
        time.sleep(0.1)


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=10)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def runs_by_branch(env: ManyBranches) -> dict[str, list[RunRecord]]:
    settings = load_settings(env.config_path, env=env.env())
    ledger = open_ledger(settings.database_url.get(), upgrade=False)
    try:
        return {b.name: ledger.recent_runs(limit=500, branch=b.name) for b in settings.branches}
    finally:
        ledger.close()


def overlapping(runs: list[RunRecord]) -> list[tuple[int, int]]:
    """Pairs of one branch's runs that were open at the same time (a lock held twice)."""
    spans = sorted((r.started_at, r.finished_at or r.started_at, r.id) for r in runs)
    return [(a[2], b[2]) for a, b in itertools.pairwise(spans) if b[0] < a[1]]


@pytest.fixture
def processes() -> Iterator[list[subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []
    try:
        yield started
    finally:
        for process in started:
            stop(process)


def test_one_failing_branch_does_not_stop_the_others(
    worker_redis_url: str, tmp_path: Path, processes: list[subprocess.Popen[bytes]]
) -> None:
    env = start_branches(tmp_path / "sb", 3, size=80, missing=[1], runtime="task_results = true")
    try:
        log = tmp_path / "worker.log"
        processes.append(spawn(worker_args(env.config_path), worker_redis_url, log))
        wait_ready(processes[0], log)
        settings = load_settings(
            env.config_path, env={**env.env(), "BRIDGE_REDIS_URL": worker_redis_url}
        )
        app = make_celery(settings)
        sent = {b.name: send_job(app, "all", b.name) for b in settings.branches}
        answers = {name: result.get(timeout=60) for name, result in sent.items()}

        assert {n: a["status"] for n, a in answers.items()} == {
            branch_name(0): "ok",
            branch_name(1): "failed",
            branch_name(2): "ok",
        }
        assert "missing-1" not in str(answers[branch_name(0)])
        runs = runs_by_branch(env)
        assert [r.status for r in runs[branch_name(1)]] == ["failed"]
        assert runs[branch_name(1)][0].error  # the failure is the failing branch's own
        for name in (branch_name(0), branch_name(2)):
            (run,) = runs[name]
            assert run.status == "ok" and run.error is None and run.counts["appended"] > 0
            rows = (
                env.sheets.gspread_client()
                .open_by_key(env.spreadsheets[name])
                .worksheet("Medlemmer")
                .get_all_values()
            )
            assert len(rows) - 1 == run.counts["appended"]
    finally:
        env.stop()


def test_two_workers_and_a_beat_sync_three_branches_under_the_quota(
    worker_redis_url: str, tmp_path: Path, processes: list[subprocess.Popen[bytes]]
) -> None:
    limit, window = 10, 2  # the stand-in's per-user quota, scaled: 10 per 2 s
    runtime = "\n".join([
        'cycle_every = "2s"', 'nightly_check = ""',
        f"google_user_per_minute = {limit}", f'quota_window = "{window}s"',
    ])  # fmt: skip
    env = start_branches(tmp_path / "sb", 3, size=300, runtime=runtime)
    try:
        text = env.config_path.read_text(encoding="utf-8")
        jobs = '[jobs.reconcile]\nevery = "2s"\n\n[[branch]]'
        env.config_path.write_text(text.replace("[[branch]]", jobs, 1), encoding="utf-8")
        env.sheets.control.call(
            "quota", {"enabled": True, "per_user": limit, "per_project": 300, "window_s": window}
        )
        logs = [tmp_path / f"worker-{i}.log" for i in range(2)]
        for log in logs:
            processes.append(spawn(worker_args(env.config_path), worker_redis_url, log))
        for process, log in zip(processes, logs, strict=True):
            wait_ready(process, log)
        processes.append(spawn(["beat", "--config", str(env.config_path)], worker_redis_url,
                               tmp_path / "beat.log"))  # fmt: skip
        deadline = time.monotonic() + 120
        while True:  # every branch synced, then had a quiet cycle or more
            runs = runs_by_branch(env)
            if all(sum(r.status == "ok" for r in rs) >= 3 for rs in runs.values()):
                break
            assert time.monotonic() < deadline, {
                n: [r.status for r in rs] for n, rs in runs.items()
            }
            time.sleep(0.5)
        stop(processes.pop())  # the beat: nothing new is sent
        time.sleep(3)
        runs = runs_by_branch(env)
    finally:
        counters = env.sheets.control.counters()
        env.stop()
    assert counters["by_status"].get("429", 0) == 0, counters["by_status"]  # none reached a job
    for name, branch_runs in runs.items():
        assert {r.status for r in branch_runs} <= {"ok"}, (name, [r.error for r in branch_runs])
        assert overlapping(branch_runs) == [], name  # never two runs of one branch at once
        first = min(branch_runs, key=lambda r: r.id)
        assert first.counts["appended"] > 0
        assert all(r.counts.get("appended", 0) == 0 for r in branch_runs if r.id != first.id)
    worker_logs = "".join(log.read_text(errors="replace") for log in logs)
    for sign in ("RESOURCE_EXHAUSTED", "Quota exceeded", "answered 429", "Too Many Requests"):
        assert sign not in worker_logs  # no 429 reached the jobs (nor was retried below them)
