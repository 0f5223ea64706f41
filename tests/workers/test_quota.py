"""The shared request budget against the Sheets stand-in enforcing Google's per-user quota:
requests from several "workers" (each its own session and budget object, one Redis) wait for
a token instead of drawing a 429; without the budget the same load draws 429s. While a
request waits, the resume time is readable for the admin."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from datetime import timedelta

import gspread
import redis

from config.loader import load_settings
from connectors.google_session import local_google_session
from connectors.throttle import throttle_session
from jobs.quota import Bucket, Budget, google_buckets, throttle_notice, throttled_until
from sandbox.environment import SandboxEnv

LIMIT = 10  # requests per window for the one user, in the stand-in and in the budget
WINDOW = 2.0
WORKERS = 3
READS = 10  # per worker: 30 requests, three windows' worth


def _load(sandbox: SandboxEnv, url: str, budget: bool) -> tuple[dict[str, int], float]:
    sandbox.sheets.control.call(
        "quota", {"enabled": True, "per_user": LIMIT, "per_project": 1000, "window_s": WINDOW}
    )
    sandbox.sheets.control.clear_log()
    settings = load_settings(sandbox.config_path, env={**sandbox.env(), "BRIDGE_REDIS_URL": url})
    runtime = settings.runtime.model_copy(
        update={"google_user_per_minute": LIMIT, "quota_window": timedelta(seconds=WINDOW)}
    )
    settings = replace(settings, runtime=runtime)
    errors: list[str] = []

    def work() -> None:
        session = local_google_session(sandbox.sheets.url)
        if budget:
            buckets = google_buckets(settings, "stand-in user", "project")
            throttle_session(session, Budget(redis.Redis.from_url(url), "sheets", buckets).acquire)
        client = gspread.Client(auth=None, session=session)  # type: ignore[arg-type]
        sheet = client.open_by_key(sandbox.spreadsheet_id).sheet1
        for _ in range(READS):
            try:
                sheet.get("A1:B2")
            except gspread.exceptions.APIError as exc:
                errors.append(str(exc.response.status_code))

    started = time.monotonic()
    threads = [threading.Thread(target=work) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return sandbox.sheets.control.counters()["by_status"], time.monotonic() - started


def test_workers_sharing_the_budget_draw_no_429_and_without_it_they_do(
    sandbox: SandboxEnv, worker_redis_url: str
) -> None:
    statuses, took = _load(sandbox, worker_redis_url, budget=True)
    assert statuses.get("429", 0) == 0, statuses
    assert statuses.get("200", 0) >= WORKERS * READS  # every read answered (plus the opens)
    requests = sum(statuses.values())
    assert took >= (requests - LIMIT) / LIMIT * WINDOW * 0.9  # paced, not bursted

    time.sleep(WINDOW)  # the stand-in's window starts afresh
    unpaced, _ = _load(sandbox, worker_redis_url, budget=False)
    assert unpaced.get("429", 0) > 0, unpaced  # the obvious alternative draws Google's 429


def test_a_waiting_request_records_when_it_resumes(worker_redis_url: str) -> None:
    client = redis.Redis.from_url(worker_redis_url)
    pauses: list[float] = []
    budget = Budget(client, "sheets", [Bucket("test:one", 1, 60.0)], sleep=pauses.append)
    budget.acquire()  # the one token
    assert throttled_until(client) == {}
    before = time.time()
    budget.acquire()  # no token left and none refilled: it waits (up to MAX_WAIT)
    until = throttled_until(client)
    assert set(until) == {"sheets"}
    assert until["sheets"].timestamp() > before + 1
    assert pauses and budget.waits == len(pauses)
    notice = throttle_notice(until, "en")
    assert notice is not None and notice.startswith("throttled, resumes ")
    assert notice[-5:-2].endswith(":") and notice[-5:].replace(":", "").isdigit()
    assert throttle_notice({}, "nb") is None
    client.close()
