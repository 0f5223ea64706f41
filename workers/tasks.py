"""The one Celery task: run a named job for a named branch under the branch lock.

The task is thin on purpose: it resolves names to settings, takes the lock and calls the same
job function `bridge sync` calls. Arguments are names only and the result is the job's small
summary, because both travel through Redis and land in logs (invariant 7).

Retries: a held lock is retried a little later (the other run may have started before the
latest edits); a :class:`TransientError` escaping the job is retried with jittered backoff; a
:class:`PermanentError` fails at once. All three count against one bound.
"""

from __future__ import annotations

import logging
import os
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import redis
from celery import Task, shared_task
from celery.result import AsyncResult

from bridge.errors import PermanentError, TransientError
from config.settings import BranchSettings, Settings
from jobs.context import JobContext
from jobs.locks import LockBusy, branch_lock
from workers.app import LOST_WORKER_DELAY, MAX_RETRIES, QUEUE, BridgeCelery

__all__ = ["JOBS", "TASK_NAME", "UnknownJob", "run_job", "send_job"]

log = logging.getLogger(__name__)

TASK_NAME = "bridge.run_job"


class _Result(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


JobFunction = Callable[[JobContext, BranchSettings, bool], _Result]


def _reconcile(ctx: JobContext, branch: BranchSettings, dry_run: bool) -> _Result:
    from jobs.reconcile import run_reconcile

    return run_reconcile(ctx, branch, dry_run=dry_run)


# Every job name the configuration knows; None: the job comes in a later issue.
JOBS: Mapping[str, JobFunction | None] = {
    "reconcile": _reconcile,
    "calls": None,
    "doorknock": None,
}


class UnknownJob(PermanentError):
    """The task was sent a job or branch name that does not exist (or is not built yet)."""


@dataclass
class _Resources:
    context: JobContext
    redis: redis.Redis


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
        client = redis.Redis.from_url(settings.redis_url.get())
        found = _Resources(build_context(settings), client)
        _resources[key] = found
    return found


def _job(name: str) -> JobFunction:
    if name not in JOBS:
        raise UnknownJob(
            f"unknown job {name!r}; the jobs are {', '.join(sorted(JOBS))}", where="job"
        )
    function = JOBS[name]
    if function is None:
        raise UnknownJob(
            f"the {name} job is not built yet (it comes in a later issue)", where="job"
        )
    return function


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


def _busy_result(job: str, branch: str, exc: LockBusy) -> dict[str, Any]:
    """A RunResult-shaped answer for a run that never started because the lock stayed held."""
    return {
        "run_id": None,
        "branch": branch,
        "job": job,
        "status": "busy",
        "counts": {},
        "requests": {},
        "held": None,
        "error": str(exc),
        "skipped_writes": 0,
        "timings": {},
    }


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
    """Run ``job`` for ``branch`` once and return its summary (``RunResult.to_dict()``)."""
    app: BridgeCelery = self.app
    function = _job(job)
    branch_settings = _branch(app.settings, branch)
    resources = _resources_for(app)
    try:
        # The task id as owner: a copy redelivered after its worker died takes its lock back.
        with branch_lock(app.settings, branch, owner=self.request.id) as held:
            log.info("%s for %s: lock held, fencing token %d", job, branch, held.fencing_token)
            # Holding the lock proves an earlier holder is dead: close what it left "running".
            resources.context.ledger.close_abandoned_runs(branch)
            return function(resources.context, branch_settings, dry_run).to_dict()
    except LockBusy as exc:
        if self.request.retries >= MAX_RETRIES:
            log.warning("%s for %s: lock still held after %d tries", job, branch, MAX_RETRIES)
            return _busy_result(job, branch, exc)
        raise self.retry(exc=exc, countdown=_busy_countdown(self.request.retries)) from None


def send_job(app: BridgeCelery, job: str, branch: str, *, dry_run: bool = False) -> AsyncResult:
    """Queue one run of ``job`` for ``branch`` (the admin's "run now", the tests)."""
    return app.send_task(TASK_NAME, args=(job, branch), kwargs={"dry_run": dry_run}, queue=QUEUE)
