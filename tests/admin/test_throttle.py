"""The status page says when a system waits for the shared request budget (issues 16 and 17):
"strupet, fortsetter 12:04", read from the Redis key the budget writes, gone once passed."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import redis
from werkzeug.security import generate_password_hash

from admin import create_app
from admin.runner import Runner
from admin.store import AdminStore
from config.settings import Secret, Settings
from jobs.quota import THROTTLED, current_throttle
from ledger import open_ledger
from tests.admin.conftest import PASSWORD, _no_systems, login, make_settings


@pytest.fixture
def settings(tmp_path: Path, redis_url: str) -> Iterator[Settings]:
    made = make_settings(tmp_path)
    sources = {**made.sources, "BRIDGE_REDIS_URL": "environment"}
    yield dataclasses.replace(made, redis_url=Secret(redis_url), sources=sources)
    redis.Redis.from_url(redis_url).delete(THROTTLED + "sheets", THROTTLED + "zetkin")


def _throttle(settings: Settings, system: str, until: datetime) -> None:
    client = redis.Redis.from_url(settings.redis_url.get())
    client.set(THROTTLED + system, str(int(until.timestamp() * 1000)))


def test_the_status_page_shows_until_when_the_budget_holds_requests(settings: Settings) -> None:
    ledger = open_ledger(settings.database_url.get())
    AdminStore(ledger).add_user("ola", generate_password_hash(PASSWORD), "viewer")
    runner = Runner(settings, ledger, in_process=True, context=_no_systems)
    app = create_app(settings, ledger=ledger, runner=runner, testing=True)
    client = app.test_client()
    assert login(client, "ola").status_code == 302
    try:
        assert 'id="throttled"' not in client.get("/").get_data(as_text=True)
        resumes = datetime.now(UTC) + timedelta(minutes=3)
        _throttle(settings, "sheets", resumes)
        _throttle(settings, "zetkin", resumes - timedelta(minutes=1))
        page = client.get("/").get_data(as_text=True)
        local = resumes.astimezone(ZoneInfo("Europe/Oslo")).strftime("%H:%M")
        assert f'<p class="red" id="throttled">strupet, fortsetter {local}</p>' in page
    finally:
        ledger.close()


def test_a_passed_resume_time_and_an_unreachable_redis_show_nothing(settings: Settings) -> None:
    _throttle(settings, "sheets", datetime.now(UTC) - timedelta(seconds=5))
    assert current_throttle(settings, "nb") is None
    soon = datetime.now(UTC) + timedelta(minutes=1)
    _throttle(settings, "sheets", soon)
    local = soon.astimezone(ZoneInfo("Europe/Oslo")).strftime("%H:%M")
    assert current_throttle(settings, "en") == f"throttled, resumes {local}"
    nowhere = dataclasses.replace(settings, redis_url=Secret("redis://127.0.0.1:9/0"))
    assert current_throttle(nowhere, "nb") is None
    off = dataclasses.replace(
        settings, runtime=settings.runtime.model_copy(update={"quota": False})
    )
    assert current_throttle(off, "nb") is None
