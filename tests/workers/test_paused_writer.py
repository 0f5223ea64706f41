"""R04 (Kleppmann's pause) with a real cycle: `bridge sync` A is stopped with SIGSTOP after its
pull, past the lock's TTL; B takes the lock (a higher fencing token) and finishes; A is
continued and commits nothing: no Zetkin write, no sheet write, no ledger links."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ledger import open_ledger
from sandbox.environment import SandboxEnv
from tests.workers.conftest import MEMBERS, WRITE_ROUTES

pytestmark = pytest.mark.timeout(120)
BRIDGE = Path(sys.executable).parent / "bridge"
TTL = 2


def _sync(env_vars: dict[str, str], config: Path, out: Path) -> subprocess.Popen[bytes]:
    with out.open("wb") as sink, out.with_suffix(".err").open("wb") as err:
        return subprocess.Popen(
            [str(BRIDGE), "sync", "reconcile", "--config", str(config), "--json"],
            env=env_vars, stdout=sink, stderr=err,
        )  # fmt: skip


def _sheet(sandbox: SandboxEnv) -> list[list[str]]:
    client = sandbox.sheets.gspread_client()
    rows: list[list[str]] = (
        client.open_by_key(sandbox.spreadsheet_id)
        .worksheet(MEMBERS)
        .get(value_render_option="FORMULA")
    )
    return rows


def _ledger_url(sandbox: SandboxEnv) -> str:
    return f"sqlite:///{sandbox.folder / 'data' / 'bridge.sqlite3'}"


def _zetkin_writes(sandbox: SandboxEnv) -> list[dict[str, object]]:
    return [r for r in sandbox.zetkin.control.requests() if r.get("method") != "GET"]


def test_a_writer_paused_past_its_lock_commits_nothing(
    sandbox: SandboxEnv, worker_redis_url: str, tmp_path: Path
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIDGE_")}
    env.update(BRIDGE_REDIS_URL=worker_redis_url, BRIDGE_LOCK_TTL=str(TTL))
    sandbox.zetkin.control.set_latency(300)  # A's writes, if it ever made them, come late
    sandbox.sheets.control.clear_log()
    a = _sync(env, sandbox.config_path, tmp_path / "a.json")
    try:
        deadline = time.monotonic() + 40
        while not any(
            r.get("route") == "values.batchGet" for r in sandbox.sheets.control.requests()
        ):
            assert a.poll() is None, (tmp_path / "a.err").read_text()
            assert time.monotonic() < deadline
            time.sleep(0.01)
        os.kill(a.pid, signal.SIGSTOP)  # pulled, planned or planning: not yet written
        time.sleep(TTL + 1.0)
        sandbox.zetkin.control.set_latency(0)

        b = _sync(env, sandbox.config_path, tmp_path / "b.json")
        assert b.wait(timeout=60) == 0, (tmp_path / "b.json").read_text()
        after_b = _sheet(sandbox)
        requests_b = sandbox.sheets.control.requests()
        sheet_writes_b = [r for r in requests_b if r.get("route") in WRITE_ROUTES]
        assert len(sheet_writes_b) == 1  # B wrote its one batchUpdate
        zetkin_b = len(_zetkin_writes(sandbox))
        sandbox.sheets.control.clear_log()
        ledger = open_ledger(_ledger_url(sandbox), upgrade=False)
        links_b = ledger.load_links(json.loads((tmp_path / "b.json").read_text())[0]["branch"])
        ledger.close()
    finally:
        os.kill(a.pid, signal.SIGCONT)
    assert a.wait(timeout=60) == 1
    (answer,) = json.loads((tmp_path / "a.json").read_text())
    assert answer["status"] == "failed"
    assert "låsen" in answer["error"]  # the lock for the branch was lost
    writes = [r for r in sandbox.sheets.control.requests() if r.get("route") in WRITE_ROUTES]
    assert writes == []  # A wrote nothing to the sheet after it woke
    assert len(_zetkin_writes(sandbox)) == zetkin_b  # nor to Zetkin
    assert _sheet(sandbox) == after_b  # the sheet is B's output, cell by cell
    ledger = open_ledger(_ledger_url(sandbox), upgrade=False)
    assert ledger.load_links(answer["branch"]) == links_b  # nor to the ledger
    ledger.close()
