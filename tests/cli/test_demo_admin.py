"""`bridge demo --admin` prints the admin's address and a one-time login that works."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

BRIDGE = Path(sys.executable).parent / "bridge"


@pytest.mark.timeout(120)
def test_demo_serves_the_admin_with_a_one_time_login(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIDGE_")}
    log = tmp_path / "demo.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(BRIDGE), "demo", "--size", "40", "--admin", "--admin-port", "0"],
            env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        found = None
        while found is None:
            text = log.read_text(encoding="utf-8", errors="replace")
            found = re.search(r"(http://127\.0\.0\.1:\d+) .*bruker (\S+), passord (\S+)\)", text)
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"no admin line:\n{text[-3000:]}")
            time.sleep(0.2)
        url, name, password = found.groups()
        session = requests.Session()
        session.trust_env = False
        page = session.get(f"{url}/login", timeout=10)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert token
        data = {"username": name, "password": password, "csrf_token": token[1]}
        answer = session.post(f"{url}/login", data=data, timeout=10)
        assert answer.status_code == 200 and "Synkstatus" in answer.text  # followed to /
        assert "venter på godkjenning" in answer.text  # the staged held run
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGINT)  # Ctrl-C: the demo stops and cleans up
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    assert "stoppet" in log.read_text(encoding="utf-8", errors="replace").lower()
