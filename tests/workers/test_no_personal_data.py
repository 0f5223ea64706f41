"""Invariant 7 (S04, adapted): a worker run at DEBUG over the demo branch, with retried faults,
a failing task and a failing CLI run, leaves no seeded member name, phone number or e-mail,
no token and no private key in what it leaves behind: the worker's log, the raw task
messages in Redis, the result backend, the CLI's error output, and the run errors and row
errors the admin page shows (the ledger's runs and row_errors)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import redis

from config.loader import load_settings
from ledger import open_ledger
from sandbox.environment import SandboxEnv
from sandbox.fictional import generate
from sandbox.sheets.service_accounts import fictional_key
from workers.app import QUEUE, make_celery
from workers.tasks import send_job

pytestmark = pytest.mark.timeout(180)
BRIDGE = Path(sys.executable).parent / "bridge"
SERVICE_ACCOUNT = "bridge-sync@fictional-project.iam.gserviceaccount.com"


def _needles(sandbox: SandboxEnv) -> list[str]:
    people = generate(1, 300).people
    found = [p.name for p in people]
    found += [p.email for p in people if p.email]
    found += [p.phone for p in people if p.phone and len(re.sub(r"\D", "", p.phone)) >= 8]
    found += [sandbox.zetkin.token, "BEGIN PRIVATE KEY", "MIIEvQIBADANBgkqhkiG9w0", SERVICE_ACCOUNT]
    return found


def _digits_hits(text: str, sandbox: SandboxEnv) -> list[str]:
    """Seeded national numbers (8 digits) anywhere as a standalone run of digits."""
    runs = set(re.findall(r"(?<!\d)\d{8}(?!\d)", text))
    return sorted(runs & {p.digits for p in generate(1, 300).people if p.digits})


def test_logs_messages_results_and_errors_hold_no_personal_data_or_secrets(
    sandbox: SandboxEnv, start_worker, worker_redis_url: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    # A real key (the stand-in grants a token for it, as Google would): its text must not leak.
    credentials = json.dumps(fictional_key(SERVICE_ACCOUNT))
    extra = {"BRIDGE_GOOGLE_CREDENTIALS": credentials}
    settings = load_settings(
        sandbox.config_path,
        env={**sandbox.env(), **extra, "BRIDGE_REDIS_URL": worker_redis_url},
    )
    app = make_celery(settings)
    client = redis.Redis.from_url(worker_redis_url)
    sent = [
        send_job(app, "reconcile", settings.branches[0].name),
        send_job(app, "all", "Bergen SV"),
    ]
    messages = [raw.decode("utf-8", "replace") for raw in client.lrange(QUEUE, 0, -1)]
    assert len(messages) == 2

    sandbox.sheets.control.inject(
        429, times=1, retry_after=0.2, method="GET", path="values:batchGet"
    )
    sandbox.zetkin.control.inject(500, times=1, method="GET", path="/people/views/")
    running = start_worker(extra, loglevel="DEBUG")
    answers = [r.get(timeout=60, propagate=False) for r in sent]
    assert answers[0]["status"] == "ok", answers[0]
    assert "Bergen SV" in str(answers[1])

    cli_env = {k: v for k, v in os.environ.items() if not k.startswith("BRIDGE_")}
    cli_env.update(extra, BRIDGE_ZETKIN_TOKEN=sandbox.zetkin.token + "-revoked")
    cli = subprocess.run(
        [str(BRIDGE), "sync", "reconcile", "--config", str(sandbox.config_path)],
        env=cli_env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert cli.returncode == 1, cli.stdout + cli.stderr

    results = [
        (client.get(key) or b"").decode("utf-8", "replace")
        for key in client.scan_iter("celery-task-meta-*")
    ]
    assert results  # the result backend was on, and is scanned
    ledger = open_ledger(running.settings.database_url.get(), upgrade=False)
    try:
        runs = ledger.recent_runs(limit=50)
        pages = [str(r.error) for r in runs] + [
            json.dumps(r.plan_summary, default=str) for r in runs
        ]
        row_errors = ledger.open_row_errors(running.branch)
        pages += [repr(e) for e in row_errors]
    finally:
        ledger.close()
    assert row_errors  # the demo sheet's bad rows are reported, and scanned
    assert "401" in cli.stdout + cli.stderr or "Zetkin" in cli.stdout + cli.stderr
    sheet = "\n".join("\t".join(row) for row in running.members())
    assert [n for n in _needles(sandbox) if n in sheet]  # the needles are the real data

    captured = {
        "worker log": running.log_text(),
        "task messages": "\n".join(messages),
        "results": "\n".join(results),
        "cli output": cli.stdout + cli.stderr,
        "run and row errors": "\n".join(pages),
    }
    assert "Retry" in captured["worker log"] or "429" in captured["worker log"]  # faults hit
    for where, text in captured.items():
        leaked = [n for n in _needles(sandbox) if n and n in text]
        assert leaked == [], f"{where}: {leaked[:5]}"
        assert _digits_hits(text, sandbox) == [], where
    client.close()
