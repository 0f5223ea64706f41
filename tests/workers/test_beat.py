"""The beat for real: `bridge beat` processes over Redis (RedBeat). Two beats started at once
send each cycle once, every message expires, and the messages carry names only."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis

from workers.app import QUEUE

pytestmark = pytest.mark.timeout(90)
BRIDGE = Path(sys.executable).parent / "bridge"
CYCLE = 2  # seconds ([runtime] cycle_every), so a test sees several cycles


def _beat(config: Path, url: str, log: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIDGE_")}
    env["BRIDGE_REDIS_URL"] = url
    with log.open("wb") as out:
        return subprocess.Popen(
            [str(BRIDGE), "beat", "--config", str(config), "--loglevel", "DEBUG"],
            env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip


def _end(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def test_two_beats_send_each_cycle_once_with_expiry_and_names_only(
    sandbox, worker_redis_url: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    config = sandbox.config_path
    text = config.read_text(encoding="utf-8")
    runtime = f'[runtime]\ncycle_every = "{CYCLE}s"\nnightly_check = ""\n\n'
    config.write_text(text.replace("[zetkin]", runtime + "[zetkin]", 1), encoding="utf-8")
    client = redis.Redis.from_url(worker_redis_url)
    beats = [_beat(config, worker_redis_url, tmp_path / f"beat-{i}.log") for i in range(2)]
    try:
        deadline = time.monotonic() + 30
        while client.llen(QUEUE) == 0:
            assert time.monotonic() < deadline, (tmp_path / "beat-0.log").read_text()
            time.sleep(0.1)
        began = time.monotonic()
        first = client.llen(QUEUE)
        time.sleep(5 * CYCLE)
        sent = client.llen(QUEUE) - first
        elapsed = time.monotonic() - began
        assert client.exists("bridge:redbeat:lock")  # what the compose healthcheck reads
    finally:
        for beat in beats:
            _end(beat)
    # One beat's worth: about elapsed / CYCLE messages; two beats would send twice as many.
    assert elapsed / CYCLE - 2 <= sent <= elapsed / CYCLE + 1, (sent, elapsed)
    logs = [(tmp_path / f"beat-{i}.log").read_text(errors="replace") for i in range(2)]
    assert sum("Sending due task" in log for log in logs) == 1  # the other waited on the lock
    for raw in client.lrange(QUEUE, 0, -1):
        message = json.loads(raw)
        headers = message["headers"]
        assert headers["task"] == "bridge.run_job"
        assert headers["expires"] is not None  # a backlog collapses instead of piling up
        assert headers["argsrepr"] == repr(["due", sandbox_branch(config)])
    client.close()


def sandbox_branch(config: Path) -> str:
    from config.loader import load_settings

    return load_settings(config, env={"BRIDGE_ZETKIN_TOKEN": "x"}).branches[0].name
