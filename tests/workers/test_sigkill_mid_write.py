"""The acceptance test of issue 17 (R01, adapted): a worker killed with SIGKILL (its whole
process group) while its sheet write is in flight, then a new worker, ends with the same sheet
and Zetkin state as an undisturbed run of an identical sandbox, cell by cell; no row twice;
the ledger counts 2 attempts (the killed one closed as "aborted", then "ok")."""

from __future__ import annotations

import os
import re
import signal
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from config.loader import load_settings
from jobs.context import build_context
from jobs.cycle import run_cycle
from jobs.registry import jobs_for
from ledger import open_ledger
from sandbox.environment import SandboxEnv, start_sandbox
from tests.workers.conftest import MEMBERS, Running
from workers.tasks import send_job

pytestmark = pytest.mark.timeout(180)
TTL = 2
_CLOCK = re.compile(r"\d{1,2}[.:]\d{2}(?::\d{2})?|\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.(?:\d{2,4})?")


def _sheet(sandbox: SandboxEnv) -> list[list[str]]:
    """The members tab as formulas, with clock times in cells blanked (the two runs ran at
    different minutes; everything else must match exactly)."""
    client = sandbox.sheets.gspread_client()
    rows = (
        client.open_by_key(sandbox.spreadsheet_id)
        .worksheet(MEMBERS)
        .get(value_render_option="FORMULA")
    )
    return [[_CLOCK.sub("<t>", str(cell)) for cell in row] for row in rows]


def _zetkin(sandbox: SandboxEnv) -> dict[str, Any]:
    """People (every field but the bridge's own create refs, which are random per create)
    and their tags, by person id."""
    store = sandbox.zetkin.app.store
    with store.lock if hasattr(store, "lock") else _nothing():
        people = {
            pid: {k: v for k, v in person.items() if "ref" not in str(k).lower()}
            for pid, person in store.people.items()
        }
        tags = {pid: sorted(t) for pid, t in store.person_tags.items()}
    return {"people": people, "tags": tags}


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _undisturbed(tmp_path: Path) -> tuple[list[list[str]], dict[str, Any]]:
    env = start_sandbox(tmp_path / "undisturbed")
    try:
        settings = load_settings(env.config_path, env=env.env())
        branch = settings.branches[0]
        result = run_cycle(build_context(settings), branch, jobs_for(branch, "reconcile"))
        assert result.status == "ok", result
        return _sheet(env), _zetkin(env)
    finally:
        env.stop()


def _zetkin_bulk_done(running: Running) -> bool:
    return any(
        r.get("method") == "POST" and "bulk/execute" in str(r.get("path"))
        for r in running.sandbox.zetkin.control.requests()
    )


def test_sigkill_mid_write_then_a_new_worker_equals_an_undisturbed_run(
    start_worker, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    golden_sheet, golden_zetkin = _undisturbed(tmp_path)
    env = {"BRIDGE_LOCK_TTL": str(TTL)}
    first: Running = start_worker(env)
    assert _sheet(first.sandbox) != golden_sheet  # the run has something to write
    # The sheet write is held 6 s by the stand-in (applied afterwards, its answer lost).
    first.sandbox.sheets.control.inject(
        kind="delay", delay_ms=6000, times=1, method="POST", path=r":batchUpdate"
    )
    send_job(first.app, "reconcile", first.branch)
    deadline = time.monotonic() + 60
    while not _zetkin_bulk_done(first):
        assert time.monotonic() < deadline, first.log_text()[-3000:]
        time.sleep(0.05)
    time.sleep(2.0)  # the key re-read is done, the batchUpdate is in flight
    os.killpg(first.process.pid, signal.SIGKILL)
    first.process.wait(timeout=10)
    time.sleep(TTL + 5)  # the lock's TTL, and the stand-in finishes the delayed write
    routes = [r.get("route") for r in first.sandbox.sheets.control.requests()]
    assert routes.count("spreadsheets.batchUpdate") == 1  # the write was in flight: it landed
    ledger = open_ledger(first.settings.database_url.get(), upgrade=False)
    try:  # ... but its answer and the ledger commit died with the worker
        assert [r.status for r in ledger.recent_runs(branch=first.branch)] == ["running"]
    finally:
        ledger.close()

    second = start_worker(env)
    answer = send_job(second.app, "reconcile", second.branch).get(timeout=60)
    assert answer["status"] == "ok", answer

    assert _sheet(second.sandbox) == golden_sheet  # cell by cell
    assert _zetkin(second.sandbox) == golden_zetkin
    header, *rows = second.members()
    column = header.index("Zetkin-ID")
    ids = Counter(row[column] for row in rows if len(row) > column and row[column])
    golden = Counter(row[column] for row in golden_sheet[1:] if len(row) > column and row[column])
    assert ids == golden  # no row twice (the seeded sheet's own duplicate is in both)
    ledger = open_ledger(second.settings.database_url.get(), upgrade=False)
    try:
        runs = ledger.recent_runs(branch=second.branch)
    finally:
        ledger.close()
    assert sorted(r.status for r in runs) == ["aborted", "ok"]  # 2 attempts
