"""The app's settings, the beat schedule and the lock, without a worker process."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from config.loader import load_settings
from config.settings import CallsSettings, DoorknockSettings, JobsSettings
from jobs import locks
from sandbox.environment import write_config
from workers.app import (
    LOCK_TTL,
    QUEUE,
    SOFT_TIME_LIMIT,
    TIME_LIMIT,
    VISIBILITY_TIMEOUT,
    make_celery,
)
from workers.schedule import build_schedule, not_scheduled
from workers.tasks import TASK_NAME


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
    conf = make_celery(settings).conf

    assert conf.accept_content == ["json"] and conf.result_accept_content == ["json"]
    assert conf.task_serializer == conf.result_serializer == "json"
    assert conf.task_acks_late and conf.task_reject_on_worker_lost
    assert conf.worker_prefetch_multiplier == 1
    assert conf.task_soft_time_limit < conf.task_time_limit == TIME_LIMIT
    assert conf.broker_transport_options["visibility_timeout"] == VISIBILITY_TIMEOUT
    assert conf.result_backend_transport_options["visibility_timeout"] == VISIBILITY_TIMEOUT
    assert TIME_LIMIT < VISIBILITY_TIMEOUT <= 30 * 60  # a lost message is back in minutes
    assert SOFT_TIME_LIMIT >= 10 * 60  # a 20,000-member run has room
    # The lock ends soon after a dead holder, and a live one renews it well before then.
    assert LOCK_TTL == locks.LOCK_TTL == 60 and locks.HEARTBEAT_FRACTION >= 2
    assert conf.task_default_queue == QUEUE


def test_beat_has_one_entry_per_branch_and_enabled_built_job(settings) -> None:  # type: ignore[no-untyped-def]
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
        [f"reconcile {branch.name}", "reconcile Oslo SV", "calls Oslo SV", "doorknock Oslo SV"]
    )
    assert schedule["calls Oslo SV"]["args"] == ("calls", "Oslo SV")
    entry = schedule["reconcile Oslo SV"]
    assert entry["task"] == TASK_NAME
    assert entry["args"] == ("reconcile", "Oslo SV")
    assert entry["schedule"] == timedelta(minutes=30)
    assert entry["options"]["expires"] == 1800
    assert schedule["doorknock Oslo SV"]["schedule"] == timedelta(hours=2)
    assert not_scheduled(settings) == []  # every job is built
    assert make_celery(settings).conf.beat_schedule == schedule


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
