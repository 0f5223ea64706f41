"""Settings for the branch lock on each backend, and a way to start lock-holding processes.

The Redis backend uses the test Redis's database (``BRIDGE_TEST_REDIS_URL``); every test takes
a branch name of its own, so parallel test sessions never meet at a lock.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis

from config.loader import load_settings
from config.settings import Settings
from jobs.locks import lock_key
from sandbox.environment import write_config

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class LockRig:
    """One backend's settings, the env a child process needs for them, and a fresh branch."""

    backend: str
    settings: Settings
    env: dict[str, str]
    config: Path
    branch: str
    redis: redis.Redis | None

    def spawn(
        self, hold: str, start_at: float | Path, log: Path, *, ttl: float | None = None
    ) -> subprocess.Popen[str]:
        """A `tests.reliability.holder` process trying the lock at ``start_at`` (a time), or
        once the file ``start_at`` exists."""
        env = dict(self.env)
        if ttl is not None:
            env["BRIDGE_LOCK_TTL"] = str(ttl)
        return subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.holder", str(self.config), self.branch,
             hold, f"go:{start_at}" if isinstance(start_at, Path) else repr(start_at), str(log)],
            env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            start_new_session=True,
        )  # fmt: skip


def _child_env(extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIDGE_")}
    env["PYTHONPATH"] = str(ROOT)
    return {**env, **extra}


@pytest.fixture(params=["file", "redis"])
def lock_rig(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LockRig]:
    config = write_config(
        tmp_path / "cfg",
        zetkin_url="http://127.0.0.1:9/",
        org_id=1,
        sheets_url="http://127.0.0.1:9/",
        spreadsheet_id="sheet-1",
        token="not-a-real-token",
    )
    secrets = {"BRIDGE_ZETKIN_TOKEN": "not-a-real-token"}
    branch = f"Test SV {uuid.uuid4().hex[:8]} (låsprøve)"
    client = None
    if request.param == "redis":
        url = request.getfixturevalue("redis_url")
        if not url.startswith("redis://"):
            pytest.skip("the lock's Redis backend is configured by a redis:// URL")
        secrets["BRIDGE_REDIS_URL"] = url
        client = redis.Redis.from_url(url)
    settings = load_settings(config, env=secrets)
    rig = LockRig(request.param, settings, _child_env(secrets), config, branch, client)
    try:
        yield rig
    finally:
        if client is not None:
            client.delete(lock_key(branch), lock_key(branch) + ":fence")
            client.close()


@pytest.fixture
def short_ttl(lock_rig: LockRig) -> Callable[[float], None]:
    """Shorten the lock TTL (``[runtime] lock_ttl``; ``BRIDGE_LOCK_TTL`` for children)."""

    def set_ttl(seconds: float) -> None:
        runtime = lock_rig.settings.runtime.model_copy(update={"lock_ttl": seconds})
        lock_rig.settings = dataclasses.replace(lock_rig.settings, runtime=runtime)
        lock_rig.env["BRIDGE_LOCK_TTL"] = str(seconds)

    return set_ttl


def wait_for_line(process: subprocess.Popen[str], prefix: str, timeout: float = 20) -> str:
    """The first stdout line of ``process`` starting with ``prefix``."""
    deadline = time.monotonic() + timeout
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if line.startswith(prefix):
            return line.strip()
        if not line and process.poll() is not None:
            break
    err = process.stderr.read() if process.stderr else ""
    raise AssertionError(f"no {prefix!r} line; stderr: {err}")
