"""The one Celery task: run a named job (``all``, or ``due``) for a named branch as one cycle.

The task is thin on purpose: it resolves names to settings and calls :func:`jobs.cycle.run_cycle`,
the runner `bridge sync` and the demo call, which takes the branch lock (the task id as owner, so
a copy redelivered after its worker died takes its own lock back). Arguments are names only and
the result is the cycle's small summary, because both travel through Redis and land in logs
(invariant 7).

``due`` is what the beat sends every ``[runtime] cycle_every``: the cycle runs the branch's
enabled jobs whose own ``every`` has passed since their last run (the ledger says when), so
one lock, one pull and one sheet write serve every due job. ``all`` (the nightly full cycle)
runs every enabled job whatever its interval.

Deliveries are counted (:class:`CountedTask`): Redis has no redelivered flag, and with
``task_reject_on_worker_lost`` a task that kills its process every time would loop for ever;
the fourth start of the same delivery is parked as poisoned instead (a failed ledger run
with ``poisoned`` in its summary, and a warning), and the message is acknowledged.

Retries: a cycle that finds the lock taken ends "skipped: already running" (the next cycle
comes soon); a :class:`TransientError` escaping the cycle is retried a few times with jittered
backoff (HTTP retries already happen below, so attempts must not multiply); a
:class:`PermanentError` fails at once.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import redis
from celery import Task, shared_task
from celery.result import AsyncResult

from bridge.errors import PermanentError, TransientError
from bridge.messages import t
from config.settings import BranchSettings, JobSettings, Settings
from jobs.context import JobContext
from jobs.cycle import Job, RunResult, run_cycle
from jobs.locks import lock_ttl, own_lock_is_live
from jobs.registry import JOB_NAMES, NotBuilt, jobs_for
from ledger import Ledger
from workers.app import MAX_RETRIES, MAX_STARTS, QUEUE, BridgeCelery

__all__ = [
    "JOBS",
    "TASK_NAME",
    "CountedTask",
    "UnknownJob",
    "due_jobs",
    "run_job",
    "send_job",
    "starts_key",
]

log = logging.getLogger(__name__)

TASK_NAME = "bridge.run_job"
STARTS_TTL = 24 * 3600  # a delivery counter outlives any redelivery of its message

# Every job name the configuration knows, plus "all" and "due"; the registry says which exist.
JOBS: tuple[str, ...] = (*JOB_NAMES, "all", "due")


class UnknownJob(PermanentError):
    """The task was sent a job or branch name that does not exist (or is not built yet)."""


def starts_key(task_id: str, retries: int) -> str:
    """The Redis counter of one delivery's starts (a retry is a new delivery)."""
    return f"bridge:starts:{task_id}:{retries}"


class CountedTask(Task):  # type: ignore[misc]
    """A task that counts its starts in Redis and parks itself after :data:`MAX_STARTS`.

    The count is per task id and retry number, so only redeliveries of the same message (a
    worker process that died with it) add up; :meth:`parked` says what to record.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        request = self.request
        if request.id and not request.is_eager:
            starts = self._count(request.id, int(request.retries or 0))
            if starts > MAX_STARTS:
                log.warning("task %s parked as poisoned after %d starts", request.id, starts - 1)
                return self.parked(starts - 1, *args, **kwargs)
        return super().__call__(*args, **kwargs)

    def _count(self, task_id: str, retries: int) -> int:
        url = self.app.conf.broker_url
        client = redis.Redis.from_url(url, socket_timeout=10)
        try:
            key = starts_key(task_id, retries)
            pipe = client.pipeline()
            pipe.incr(key)
            pipe.expire(key, STARTS_TTL)
            count, _ = pipe.execute()
            return int(count)
        finally:
            client.close()

    def parked(self, starts: int, *args: Any, **kwargs: Any) -> Any:
        """What a poisoned delivery returns instead of running (overridden by run_job)."""
        return {"status": "poisoned", "starts": starts}


@dataclass
class _Resources:
    context: JobContext


_resources: dict[tuple[int, int], _Resources] = {}


def _resources_for(app: BridgeCelery) -> _Resources:
    """The job context of this process, built on its first task.

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


def due_jobs(ledger: Ledger, branch: BranchSettings, now: datetime, slack: timedelta) -> list[Job]:
    """The branch's enabled jobs whose ``every`` has passed since their last run started.

    ``slack`` (half the cycle interval) keeps a job with ``every`` equal to the cycle from
    being skipped when this cycle starts a moment sooner after the last one.
    """
    last: dict[str, datetime] = {}
    for run in ledger.recent_runs(limit=200, branch=branch.name):
        for name in run.job.split("+"):
            started = run.started_at
            if started.tzinfo is None:
                started = started.replace(tzinfo=UTC)
            last.setdefault(name, started)
    due = []
    for job in jobs_for(branch, "all"):
        every: JobSettings = getattr(branch, job.name)
        previous = last.get(job.name)
        if previous is None or now - previous >= every.every - slack:
            due.append(job)
    return due


def _jobs(name: str, branch: BranchSettings, app: BridgeCelery) -> list[Job]:
    if name == "due":
        ledger = _resources_for(app).context.ledger
        slack = app.settings.runtime.cycle_every / 2
        return due_jobs(ledger, branch, datetime.now(UTC), slack)
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


class _RunJob(CountedTask):
    def parked(self, starts: int, *args: Any, **kwargs: Any) -> Any:
        """Record the poisoned delivery as a failed run of its branch (``poisoned`` in its
        summary), so the admin shows it."""
        job, branch = [*args, kwargs.get("job"), kwargs.get("branch")][:2]
        error = t("runtime.poisoned", self.app.settings.language, starts=starts)
        run_id = None
        try:
            ledger = _resources_for(self.app).context.ledger
            run_id = ledger.start_run(str(job), str(branch))
            ledger.finish_run(
                run_id,
                "failed",
                counts={},
                requests={},
                plan_summary={"poisoned": starts},
                error=error,
            )
        except Exception as exc:  # the ledger is down: the warning above still says it
            log.warning("the poisoned task could not be recorded (%s)", type(exc).__name__)
        return RunResult(run_id, str(branch), str(job), "poisoned", error=error).to_dict()


@shared_task(  # type: ignore[untyped-decorator]
    bind=True,
    base=_RunJob,
    name=TASK_NAME,
    autoretry_for=(TransientError,),
    throws=(PermanentError,),  # expected: logged without a traceback, never retried
    max_retries=MAX_RETRIES,
    retry_backoff=5,
    retry_backoff_max=60,
    retry_jitter=True,
)
def run_job(self: Task, job: str, branch: str, dry_run: bool = False) -> dict[str, Any]:
    """Run ``job`` for ``branch`` as one cycle and return its summary (``RunResult.to_dict()``)."""
    app: BridgeCelery = self.app
    _check_job(job)
    branch_settings = _branch(app.settings, branch)
    jobs = _jobs(job, branch_settings, app)
    if not jobs:
        note = t("runtime.nothing_due", app.settings.language, branch=branch)
        return RunResult(None, branch, job, "not_due", error=note).to_dict()
    if own_lock_is_live(app.settings, branch, self.request.id):
        # Our own first copy still holds the lock (or died a moment ago): come back once
        # its heartbeat would have renewed it, instead of running beside it.
        countdown = lock_ttl(app.settings) / 2 + 1
        log.info(
            "%s for %s: its first copy holds the lock; again in %.0f s", job, branch, countdown
        )
        raise self.retry(countdown=countdown)
    resources = _resources_for(app)
    result = run_cycle(
        resources.context, branch_settings, jobs, dry_run=dry_run, owner=self.request.id
    )
    if result.status == "skipped":
        log.info("%s for %s skipped: the branch lock is held (already running)", job, branch)
    return result.to_dict()


def send_job(app: BridgeCelery, job: str, branch: str, *, dry_run: bool = False) -> AsyncResult:
    """Queue one run of ``job`` for ``branch`` (the admin's "run now", the tests)."""
    return app.send_task(TASK_NAME, args=(job, branch), kwargs={"dry_run": dry_run}, queue=QUEUE)
