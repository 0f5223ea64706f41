"""How the admin's buttons run a cycle: always through :func:`jobs.cycle.run_cycle`.

"Run now" and "dry run" go to the Celery worker (the same task ``bridge beat`` schedules), or
run in this process for the demo; "approve" is the runner's approve path (``approve=RUN_ID``),
in this process, so the person who clicked sees the outcome. The admin has no logic of its own
for any of it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from config.settings import BranchSettings, Settings
from ledger import Ledger

__all__ = ["Outcome", "Runner", "make_runner"]


@dataclass(frozen=True)
class Outcome:
    """What a button did: a finished run (``run_id``, ``status``) or a queued task."""

    status: str  # a run status, or "queued"
    run_id: int | None = None
    error: str | None = None
    task_id: str | None = None


class Runner:
    """Runs cycles for the admin. ``in_process`` runs "run now" here instead of via Celery."""

    def __init__(
        self,
        settings: Settings,
        ledger: Ledger,
        *,
        in_process: bool = False,
        context: Callable[[], Any] | None = None,
    ) -> None:
        self.settings = settings
        self.ledger = ledger
        self.in_process = in_process
        self._context_factory = context
        self._context: Any = None
        self._celery: Any = None

    def context(self) -> Any:
        if self._context is None:
            if self._context_factory is not None:
                self._context = self._context_factory()
            else:
                from jobs.context import build_context

                self._context = build_context(self.settings, ledger=self.ledger)
        return self._context

    def _cycle(
        self, branch: BranchSettings, job: str, *, dry_run: bool = False, approve: int | None = None
    ) -> Outcome:
        from jobs.cycle import run_cycle
        from jobs.registry import jobs_for

        jobs = [j for name in job.split("+") for j in jobs_for(branch, name)]
        result = run_cycle(self.context(), branch, jobs, dry_run=dry_run, approve=approve)
        return Outcome(result.status, result.run_id, result.error)

    def run(self, branch: BranchSettings, job: str, *, dry_run: bool) -> Outcome:
        """Run now (or dry run): in process for the demo, else queued for the worker."""
        if self.in_process:
            return self._cycle(branch, job, dry_run=dry_run)
        from workers.tasks import send_job

        task = send_job(self.celery(), job, branch.name, dry_run=dry_run)
        return Outcome("queued", task_id=str(task.id))

    def celery(self) -> Any:
        if self._celery is None:
            from workers.app import make_celery

            self._celery = make_celery(self.settings)
        return self._celery

    def task(self, task_id: str) -> Outcome | None:
        """A queued run's state: "queued" until the worker is done, then the run's outcome
        (None in process: nothing is ever queued there)."""
        from celery.result import AsyncResult

        if self.in_process:
            return None
        result = AsyncResult(task_id, app=self.celery())
        if not result.ready():
            return Outcome("queued", task_id=task_id)
        if result.failed():
            return Outcome("failed", error=type(result.result).__name__, task_id=task_id)
        value = result.result if isinstance(result.result, dict) else {}
        return Outcome(
            str(value.get("status", "failed")), value.get("run_id"), value.get("error"), task_id
        )

    def approve(self, branch: BranchSettings, job_set: str, run_id: int) -> Outcome:
        """The runner's own approve path: re-pull, compare the fingerprint, apply the stored
        plan (``bridge sync --approve RUN_ID``)."""
        return self._cycle(branch, job_set, approve=run_id)


def make_runner(settings: Settings, ledger: Ledger) -> Runner:
    return Runner(settings, ledger)
