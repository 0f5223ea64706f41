"""The admin's "dry run" button queues the Celery task, and a real `bridge worker` runs it."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
from werkzeug.security import generate_password_hash

from admin import create_app
from admin.store import AdminStore
from config.settings import Secret
from ledger import open_ledger
from tests.admin.conftest import PASSWORD, csrf_of, login

pytestmark = pytest.mark.timeout(90)


def test_dry_run_button_is_run_by_the_worker(start_worker) -> None:  # type: ignore[no-untyped-def]
    running = start_worker()
    settings = replace(running.settings, secret_key=Secret("w" * 32))
    ledger = open_ledger(settings.database_url.get())
    try:
        AdminStore(ledger).add_user("kari", generate_password_hash(PASSWORD), "operator")
        app = create_app(settings, ledger=ledger, testing=True)
        client = app.test_client()
        assert login(client, "kari").status_code == 302
        token = csrf_of(client.get("/").get_data(as_text=True))
        answer = client.post(
            "/run", data={"csrf_token": token, "branch": "0", "job": "reconcile", "dry_run": "1"}
        )
        assert answer.status_code == 302
        waiting = answer.headers["Location"]
        assert waiting.startswith("/tasks/")
        deadline = time.monotonic() + 60
        while not ledger.recent_runs(5):
            if time.monotonic() > deadline:
                pytest.fail(f"the worker ran nothing:\n{running.log_text()[-3000:]}")
            time.sleep(0.2)
        while ledger.recent_runs(1)[0].status == "running" and time.monotonic() < deadline:
            time.sleep(0.2)
        [run] = ledger.recent_runs(5)
        # the task's page now sends the browser on to the finished run
        for _ in range(50):
            shown = client.get(waiting)
            if shown.status_code == 302:
                break
            assert 'http-equiv="refresh"' in shown.get_data(as_text=True)
            time.sleep(0.2)
        assert shown.headers["Location"] == f"/runs/{run.id}"
        assert (run.job, run.status) == ("reconcile", "dry_run")
        assert running.sheet_writes() == []
        audit = ledger.recent_audit(actor="user:kari")
        assert [a.field for a in audit] == ["dry_run:queued"]
    finally:
        ledger.close()
