"""Every job the branch cycle knows, in one place (the CLI, the worker and the demo use it)."""

from __future__ import annotations

from collections.abc import Mapping

from config.settings import BranchSettings
from jobs.calls import CallsJob
from jobs.cycle import Job
from jobs.doorknock import DoorknockJob
from jobs.reconcile import ReconcileJob

__all__ = ["JOB_NAMES", "NotBuilt", "is_built", "jobs_for"]

# The job names the configuration knows; None: the job comes in a later issue.
_JOBS: Mapping[str, Job | None] = {
    "reconcile": ReconcileJob(),
    "calls": CallsJob(),
    "doorknock": DoorknockJob(),
}
JOB_NAMES: tuple[str, ...] = tuple(_JOBS)


class NotBuilt(LookupError):
    """The job is named in the configuration but not built yet."""


def jobs_for(branch: BranchSettings, name: str) -> list[Job]:
    """The jobs of one cycle: ``name`` alone, or every enabled, built job for ``"all"``.

    Raises ``KeyError`` for an unknown name and :class:`NotBuilt` for a job still to come.
    """
    if name == "all":
        return [job for job in _JOBS.values() if job is not None and job.enabled(branch)]
    job = _JOBS[name]
    if job is None:
        raise NotBuilt(name)
    return [job]


def is_built(name: str) -> bool:
    """Whether ``name`` is a job the cycle can run today."""
    return _JOBS.get(name) is not None
