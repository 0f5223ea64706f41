"""A real `bridge worker` subprocess on a private Redis database, against the sandbox.

The stand-ins run in the test process; the worker reads the sandbox's generated config (the
ledger is SQLite in its data_dir). Redis database 13 (or ``BRIDGE_TEST_WORKER_DB``) is this
folder's own, flushed around each test, so leftover retries never reach the next test's worker.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import redis

from config.loader import load_settings
from config.settings import Settings
from sandbox.environment import SandboxEnv, start_sandbox
from workers.app import BridgeCelery, make_celery

# Database 13 unless BRIDGE_TEST_WORKER_DB names another (parallel sessions each need their own:
# a worker takes any task on the queue, including another session's).
WORKER_DB = int(os.environ.get("BRIDGE_TEST_WORKER_DB", "13"))
BRIDGE = Path(sys.executable).parent / "bridge"
MEMBERS = "Medlemmer"
WRITE_ROUTES = {"values.batchUpdate", "values.append", "values.update", "spreadsheets.batchUpdate"}


@pytest.fixture
def worker_redis_url(redis_url: str) -> Iterator[str]:
    """The shared test Redis, on this folder's own database number."""
    if not redis_url.startswith("redis://"):
        pytest.skip("the worker tests need a TCP Redis (Celery's broker URL)")
    base = redis_url.rsplit("/", 1)[0] if redis_url.count("/") > 2 else redis_url
    url = f"{base}/{WORKER_DB}"
    client = redis.Redis.from_url(url)
    client.flushdb()
    yield url
    client.flushdb()
    client.close()


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[SandboxEnv]:
    env = start_sandbox(tmp_path / "sandbox")
    try:
        yield env
    finally:
        env.stop()


@dataclass
class Running:
    """A sandbox, its settings, a client-side Celery app and the worker subprocess."""

    sandbox: SandboxEnv
    settings: Settings
    app: BridgeCelery
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def branch(self) -> str:
        return self.settings.branches[0].name

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def members(self) -> list[list[str]]:
        client = self.sandbox.sheets.gspread_client()
        sheet = client.open_by_key(self.sandbox.spreadsheet_id).worksheet(MEMBERS)
        rows: list[list[str]] = sheet.get_all_values()
        return rows

    def member_ids(self) -> list[str]:
        header, *rows = self.members()
        column = header.index("Zetkin-ID")
        return [row[column] for row in rows if len(row) > column and row[column]]

    def sheet_writes(self) -> list[dict[str, Any]]:
        return [r for r in self.sandbox.sheets.control.requests() if r.get("route") in WRITE_ROUTES]


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Warm shutdown, then kill: the worker and its pool never outlive the test."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=10)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # the pool children too, if any are left
    process.wait(timeout=10)


def _keep_results(config: Path) -> None:
    """These tests wait on each task's summary (``[runtime] task_results``); the shared budget
    counts over 6 s instead of a minute, so a test of several cycles is not paced for minutes."""
    text = config.read_text(encoding="utf-8")
    if "task_results" not in text:
        runtime = '[runtime]\ntask_results = true\nquota_window = "6s"\n\n'
        config.write_text(text.replace("[zetkin]", runtime + "[zetkin]", 1), encoding="utf-8")


@pytest.fixture
def start_worker(
    sandbox: SandboxEnv, worker_redis_url: str, tmp_path: Path
) -> Iterator[Callable[..., Running]]:
    """Start `bridge worker --config <sandbox config> -c 2` (with ``extra_env`` added to its
    environment); waits until it is ready."""
    started: list[subprocess.Popen[bytes]] = []
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIDGE_")}
    env["BRIDGE_REDIS_URL"] = worker_redis_url

    _keep_results(sandbox.config_path)

    def start(extra_env: dict[str, str] | None = None, loglevel: str = "INFO") -> Running:
        log = tmp_path / f"worker-{len(started)}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [
                    str(BRIDGE),
                    "worker",
                    "--config",
                    str(sandbox.config_path),
                    "--concurrency",
                    "2",
                    "--loglevel",
                    loglevel,
                    "--hostname",
                    f"test-{uuid.uuid4().hex[:8]}@%h",
                ],
                env={**env, **(extra_env or {})},
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, so teardown reaches the pool
            )
        started.append(process)
        settings = load_settings(sandbox.config_path, env={**env, **sandbox.env()})
        running = Running(sandbox, settings, make_celery(settings), process, log)
        deadline = time.monotonic() + 30
        while " ready." not in running.log_text():
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the worker did not start:\n{running.log_text()[-3000:]}")
            time.sleep(0.1)
        return running

    try:
        yield start
    finally:
        for process in started:
            _stop(process)
