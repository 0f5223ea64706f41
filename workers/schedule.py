"""The beat schedule, read from the configuration: per branch, the cycle and the nightly check.

``cycle <branch>`` sends ``run_job("due", branch)`` every ``[runtime] cycle_every``: the cycle
runs the jobs whose own ``every`` has passed (:func:`workers.tasks.due_jobs`), so a branch has
one lock, one pull and one sheet write per cycle whatever its jobs. ``nightly <branch>`` sends
``run_job("all", branch)`` at ``[runtime] nightly_check`` local time: every enabled job, due
or not.

Every entry expires (the cycle after one interval, the nightly after an hour), so a backlog
left by an outage collapses to the next run instead of firing every missed one. Overlap
between runs is the branch lock's business.
"""

from __future__ import annotations

from typing import Any

from celery.schedules import crontab

from config.settings import BranchSettings, JobSettings, Settings
from jobs.registry import JOB_NAMES, is_built
from workers.app import QUEUE
from workers.tasks import TASK_NAME

__all__ = ["NIGHTLY_EXPIRES", "build_schedule", "not_scheduled"]

NIGHTLY_EXPIRES = 3600.0  # seconds: a nightly check missed by more than an hour waits a day


def _job_settings(branch: BranchSettings, job: str) -> JobSettings:
    settings: JobSettings = getattr(branch, job)
    return settings


def _has_jobs(branch: BranchSettings) -> bool:
    return any(is_built(job) and _job_settings(branch, job).enabled for job in JOB_NAMES)


def build_schedule(settings: Settings) -> dict[str, dict[str, Any]]:
    """Beat entries ``"cycle <branch>"`` and ``"nightly <branch>"`` for every branch with an
    enabled, built job."""
    runtime = settings.runtime
    every = runtime.cycle_every
    entries: dict[str, dict[str, Any]] = {}
    for branch in settings.branches:
        if not _has_jobs(branch):
            continue
        entries[f"cycle {branch.name}"] = {
            "task": TASK_NAME,
            "schedule": every,
            "args": ("due", branch.name),
            "options": {"queue": QUEUE, "expires": every.total_seconds()},
        }
        if runtime.nightly_check is not None:
            at = runtime.nightly_check
            entries[f"nightly {branch.name}"] = {
                "task": TASK_NAME,
                "schedule": crontab(minute=at.minute, hour=at.hour),
                "args": ("all", branch.name),
                "options": {"queue": QUEUE, "expires": NIGHTLY_EXPIRES},
            }
    return entries


def not_scheduled(settings: Settings) -> list[str]:
    """``"<job> <branch>"`` for jobs switched on in the config that are not built yet."""
    return [
        f"{job} {branch.name}"
        for branch in settings.branches
        for job in JOB_NAMES
        if not is_built(job) and _job_settings(branch, job).enabled
    ]
