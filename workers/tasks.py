"""The one Celery task: run a named job (or ``all``) for a named branch as one branch cycle.

The task is thin on purpose: it resolves names to settings and calls :func:`jobs.cycle.run_cycle`,
the runner `bridge sync` and the demo call, which takes the branch lock (the task id as owner, so
a copy redelivered after its worker died takes its own lock back). Arguments are names only and
the result is the cycle's small summary, because both travel through Redis and land in logs
(invariant 7).

Retries: a cycle skipped because the lock was held is retried a little later (the other run
may have started before the latest edits); a :class:`TransientError` escaping is retried with
jittered backoff; a :class:`PermanentError` fails at once. All three count against one bound.
"""

from __future__ import annotations

import logging
import os
import random
from dataclasses import dataclass
from typing import Any

from celery import Task, shared_task
from celery.result import AsyncResult

from bridge.errors import PermanentError, TransientError
from config.settings import BranchSettings, Settings
from jobs.context import JobContext
from jobs.cycle import Job, run_cycle
from jobs.registry import JOB_NAMES, NotBuilt, jobs_for
from workers.app import LOST_WORKER_DELAY, MAX_RETRIES, QUEUE, BridgeCelery

__all__ = ["JOBS", "TASK_NAME", "UnknownJob", "run_job", "send_job"]

log = logging.getLogger(__name__)

TASK_NAME = "bridge.run_job"


# Every job name the configuration knows, plus "all"; the cycle's registry says which exist.
JOBS: tuple[str, ...] = (*JOB_NAMES, "all")


class UnknownJob(PermanentError):
    """The task was sent a job or branch name that does not exist (or is not built yet)."""


@dataclass
class _Resources:
    context: JobContext


_resources: dict[tuple[int, int], _Resources] = {}


def _resources_for(app: BridgeCelery) -> _Resources:
    """The job context and Redis client of this process, built on its first task.

    Built lazily in the pool child, never before the fork: database and socket connections
    must not be shared between processes.
    """
    key = (id(app), os.getpid())
    found = _resources.get(key)
    if found is None:
        from jobs.context import build_context

        settings: Settings = app.settings
        found = _Resources(build_context(settings))
        _resources[key] = found
    return found


def _check_job(name: str) -> None:
    if name not in JOBS:
        raise UnknownJob(
            f"unknown job {name!r}; the jobs are {', '.join(sorted(JOBS))}", where="job"
        )


def _jobs(name: str, branch: BranchSettings) -> list[Job]:
    try:
        return jobs_for(branch, name)
    except NotBuilt:
        raise UnknownJob(
            f"the {name} job is not built yet (it comes in a later issue)", where="job"
        ) from None


def _branch(settings: Settings, name: str) -> BranchSettings:
    try:
        return settings.branch(name)
    except KeyError:
        known = ", ".join(repr(b.name) for b in settings.branches)
        raise UnknownJob(
            f"no branch named {name!r} in {settings.source.name} (branches: {known})",
            where="branch",
        ) from None


def _busy_countdown(retries: int) -> float:
    """3, 6, 12, 24, 48, 60 s plus up to a second of jitter: two waiters do not collide."""
    return float(min(3.0 * 2**retries, 60.0)) + random.uniform(0.0, 1.0)


@shared_task(  # type: ignore[untyped-decorator]
    bind=True,
    name=TASK_NAME,
    autoretry_for=(TransientError,),
    throws=(PermanentError,),  # expected: logged without a traceback, never retried
    max_retries=MAX_RETRIES,
    default_retry_delay=LOST_WORKER_DELAY,
    retry_backoff=5,
    retry_backoff_max=120,
    retry_jitter=True,
)
def run_job(self: Task, job: str, branch: str, dry_run: bool = False) -> dict[str, Any]:
    """Run ``job`` for ``branch`` as one cycle and return its summary (``RunResult.to_dict()``)."""
    app: BridgeCelery = self.app
    _check_job(job)
    branch_settings = _branch(app.settings, branch)
    jobs = _jobs(job, branch_settings)
    resources = _resources_for(app)
    result = run_cycle(
        resources.context, branch_settings, jobs, dry_run=dry_run, owner=self.request.id
    )
    if result.status == "skipped":
        if self.request.retries >= MAX_RETRIES:
            log.warning("%s for %s: lock still held after %d tries", job, branch, MAX_RETRIES)
            return result.to_dict()
        countdown = _busy_countdown(self.request.retries)
        log.info(
            "%s for %s skipped: the branch lock is held; retry in %.1f s", job, branch, countdown
        )
        raise self.retry(countdown=countdown)
    return result.to_dict()


def send_job(app: BridgeCelery, job: str, branch: str, *, dry_run: bool = False) -> AsyncResult:
    """Queue one run of ``job`` for ``branch`` (the admin's "run now", the tests)."""
    return app.send_task(TASK_NAME, args=(job, branch), kwargs={"dry_run": dry_run}, queue=QUEUE)
