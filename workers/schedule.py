"""The beat schedule, read from the configuration: one entry per branch and enabled job.

Each entry expires after one interval, so a backlog left by an outage collapses to the next
run instead of firing every missed one. Overlap between runs is the branch lock's business.
"""

from __future__ import annotations

from typing import Any

from config.settings import BranchSettings, JobSettings, Settings
from jobs.registry import JOB_NAMES, is_built
from workers.app import QUEUE
from workers.tasks import TASK_NAME

__all__ = ["build_schedule", "not_scheduled"]


def _job_settings(branch: BranchSettings, job: str) -> JobSettings:
    settings: JobSettings = getattr(branch, job)
    return settings


def build_schedule(settings: Settings) -> dict[str, dict[str, Any]]:
    """Beat entries named ``"<job> <branch>"`` for every enabled job that is built."""
    entries: dict[str, dict[str, Any]] = {}
    for branch in settings.branches:
        for job in JOB_NAMES:
            every = _job_settings(branch, job)
            if not every.enabled or not is_built(job):
                continue
            entries[f"{job} {branch.name}"] = {
                "task": TASK_NAME,
                "schedule": every.every,
                "args": (job, branch.name),
                "options": {"queue": QUEUE, "expires": every.every.total_seconds()},
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
