"""The app's settings, the beat schedule and the lock, without a worker process."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from celery.schedules import crontab
from click.testing import CliRunner

from cli.main import cli
from config.loader import load_settings
from config.settings import CallsSettings, DoorknockSettings, JobsSettings
from jobs import locks
from sandbox.environment import write_config
from workers.app import (
    LOCK_TTL,
    MAX_RETRIES,
    MAX_STARTS,
    QUEUE,
    SOFT_TIME_LIMIT,
    TIME_LIMIT,
    VISIBILITY_TIMEOUT,
    make_celery,
)
from workers.schedule import NIGHTLY_EXPIRES, build_schedule, not_scheduled
from workers.tasks import TASK_NAME, due_jobs


@pytest.fixture
def settings(tmp_path: Path):  # type: ignore[no-untyped-def]
    config = write_config(
        tmp_path,
        zetkin_url="http://127.0.0.1:9/",
        org_id=1,
        sheets_url="http://127.0.0.1:9/",
        spreadsheet_id="sheet-1",
        token="not-a-real-token",
    )
    return load_settings(config, env={"BRIDGE_ZETKIN_TOKEN": "not-a-real-token"})


def test_app_is_json_only_late_ack_and_limits_fit_inside_the_visibility_timeout(settings) -> None:  # type: ignore[no-untyped-def]
    """C01: the time limit under all three visibility timeouts, prefetch 1, late acks."""
    conf = make_celery(settings).conf

    assert conf.accept_content == ["json"] and conf.result_accept_content == ["json"]
    assert conf.task_serializer == conf.result_serializer == "json"
    assert conf.task_acks_late and conf.task_reject_on_worker_lost
    assert not conf.task_retry_on_worker_lost  # requeued, so the start counter sees it
    assert conf.worker_prefetch_multiplier == 1
    assert conf.task_soft_time_limit < conf.task_time_limit == TIME_LIMIT
    timeouts = [
        conf.broker_transport_options["visibility_timeout"],
        conf.result_backend_transport_options["visibility_timeout"],
        conf.visibility_timeout,
    ]
    assert all(TIME_LIMIT < v == VISIBILITY_TIMEOUT for v in timeouts)
    assert VISIBILITY_TIMEOUT <= 30 * 60  # a lost message is back in minutes
    assert SOFT_TIME_LIMIT >= 10 * 60  # a 20,000-member run has room
    # The lock ends soon after a dead holder, and a live one renews it well before then.
    assert LOCK_TTL == locks.LOCK_TTL == settings.runtime.lock_ttl == 60
    assert locks.HEARTBEAT_FRACTION >= 2
    assert conf.task_default_queue == QUEUE
    # No result backend unless asked for; one beat at a time (RedBeat's Redis lock).
    assert conf.result_backend is None and conf.task_ignore_result
    assert conf.beat_scheduler == "redbeat.RedBeatScheduler"
    assert conf.redbeat_lock_timeout < VISIBILITY_TIMEOUT
    assert MAX_RETRIES <= 3 and MAX_STARTS == 3
    asked = replace(settings, runtime=settings.runtime.model_copy(update={"task_results": True}))
    assert make_celery(asked).conf.result_backend == settings.redis_url.get()
    for entry in conf.beat_schedule.values():
        assert entry["options"]["expires"] > 0


def test_beat_has_a_cycle_and_a_nightly_check_per_branch_with_jobs(settings) -> None:  # type: ignore[no-untyped-def]
    branch = settings.branches[0]
    jobs = JobsSettings(
        reconcile=replace(branch.reconcile, every=timedelta(minutes=30)),
        calls=CallsSettings(enabled=True, every=timedelta(hours=1), start_date=date(2026, 12, 1)),
        doorknock=DoorknockSettings(enabled=True, every=timedelta(hours=2)),
    )
    other = replace(branch, name="Oslo SV", jobs=jobs)
    off_jobs = replace(branch.jobs, reconcile=replace(branch.reconcile, enabled=False))
    off = replace(branch, name="Bodø SV", jobs=off_jobs)
    settings = replace(settings, branches=(branch, other, off))

    schedule = build_schedule(settings)

    assert sorted(schedule) == sorted(
        [f"cycle {branch.name}", f"nightly {branch.name}", "cycle Oslo SV", "nightly Oslo SV"]
    )
    entry = schedule["cycle Oslo SV"]
    assert entry["task"] == TASK_NAME
    assert entry["args"] == ("due", "Oslo SV")
    assert entry["schedule"] == timedelta(minutes=10)
    assert entry["options"]["expires"] == 600
    nightly = schedule["nightly Oslo SV"]
    assert nightly["args"] == ("all", "Oslo SV")
    assert nightly["schedule"] == crontab(minute=0, hour=3)
    assert nightly["options"]["expires"] == NIGHTLY_EXPIRES
    assert not_scheduled(settings) == []  # every job is built
    assert make_celery(settings).conf.beat_schedule == schedule
    quiet = replace(settings, runtime=settings.runtime.model_copy(update={"nightly_check": None}))
    assert sorted(build_schedule(quiet)) == sorted([f"cycle {branch.name}", "cycle Oslo SV"])


def test_due_jobs_follow_each_jobs_own_interval(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Inside the 10-minute cycle, a job with every = 30m runs in one cycle of three."""
    from ledger import open_ledger

    first = settings.branches[0]
    jobs = replace(
        first.jobs,
        reconcile=replace(first.reconcile, every=timedelta(minutes=30)),
        calls=CallsSettings(
            enabled=True, every=timedelta(minutes=10), start_date=date(2026, 12, 1)
        ),
    )
    branch = replace(first, jobs=jobs)
    ledger = open_ledger(f"sqlite:///{tmp_path / 'ledger.sqlite3'}")
    slack = timedelta(minutes=5)
    now = datetime.now(UTC)
    names = lambda at: [j.name for j in due_jobs(ledger, branch, at, slack)]  # noqa: E731
    assert names(now) == ["reconcile", "calls"]  # never run: both due
    run = ledger.start_run("reconcile+calls", branch.name)
    ledger.finish_run(run, "ok", counts={}, requests={}, plan_summary={})
    later = datetime.now(UTC)
    assert names(later + timedelta(minutes=9, seconds=58)) == ["calls"]  # slack: not skipped
    assert names(later + timedelta(minutes=4)) == []
    assert names(later + timedelta(minutes=29)) == ["reconcile", "calls"]
    ledger.close()


def test_worker_and_beat_explain_themselves() -> None:
    runner = CliRunner()
    for command, words in (("worker", "lås per avdeling"), ("beat", "nøyaktig én beat")):
        result = runner.invoke(cli, [command, "--help"], env={"BRIDGE_LANGUAGE": None})
        assert result.exit_code == 0
        assert words in " ".join(result.output.split())


def test_a_bad_config_stops_the_worker_with_the_loaders_message(tmp_path: Path) -> None:
    bad = tmp_path / "bridge.toml"
    bad.write_text('language = "fr"\n', encoding="utf-8")

    result = CliRunner().invoke(cli, ["worker", "--config", str(bad)])

    assert result.exit_code == 1
    assert "language" in result.output
