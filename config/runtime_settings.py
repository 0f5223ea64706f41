"""The ``[runtime]`` table: how the workers run (issue 17): the branch cycle's schedule, the
branch lock's lifetime, the shared request budget, and the log format.

A section of :class:`config.settings.Settings` (frozen, no unknown keys), validated with the
rest of the file, plus one environment variable, ``BRIDGE_LOCK_TTL`` (read here, in
``config/``, since nothing else reads the environment): it shortens the lock for tests and
stand-in runs.
"""

from __future__ import annotations

from datetime import time, timedelta
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, Field, ValidationInfo, model_validator

from config.fields import SECTION, Duration, Flag, load_of, problem

__all__ = ["LOCK_TTL_ENV", "RuntimeSettings"]

LOCK_TTL_ENV = "BRIDGE_LOCK_TTL"


def _clock(value: Any) -> Any:
    """``"03:00"`` -> time(3, 0); ``""`` -> None (no nightly check)."""
    if isinstance(value, time) or value is None:
        return value
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        hours, _, minutes = text.partition(":")
        if hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60:
            return time(int(hours), int(minutes))
    raise problem("config.clock_time")


class RuntimeSettings(BaseModel):
    """How the worker, the beat and the shared budget behave; defaults fit a real deployment."""

    model_config = SECTION

    @model_validator(mode="before")
    @classmethod
    def _lock_ttl_from_env(cls, data: Any, info: ValidationInfo) -> Any:
        """BRIDGE_LOCK_TTL (tests, stand-in runs) over the file's ``lock_ttl``."""
        load = load_of(info)
        raw = load.env.get(LOCK_TTL_ENV, "").strip() if load is not None else ""
        if not raw or not isinstance(data, dict):
            return data
        try:
            seconds = float(raw)
        except ValueError:
            seconds = 0.0
        if not 1.0 <= seconds <= 600.0:
            raise problem("config.env_lock_ttl", var=LOCK_TTL_ENV)
        return {**data, "lock_ttl": seconds}

    cycle_every: Duration = Field(
        default=timedelta(minutes=10),
        description="How often the beat starts each branch's cycle; each job's own `every` "
        "decides inside it whether the job is due.",
    )
    nightly_check: Annotated[time | None, BeforeValidator(_clock)] = Field(
        default=time(3, 0),
        description="Local time (Europe/Oslo) of the nightly full cycle that runs every "
        "enabled job whatever its `every`; empty text turns it off.",
    )
    lock_ttl: float = Field(
        default=60.0,
        ge=1.0,
        le=600.0,
        description="Seconds a branch lock lives without its heartbeat (a dead worker blocks "
        "its branch this long). BRIDGE_LOCK_TTL overrides it (tests).",
    )
    quota: Flag = Field(
        default=True,
        description="Share one request budget in Redis between all workers, so requests "
        "wait for a token instead of drawing a 429.",
    )
    google_user_per_minute: int = Field(
        default=60,
        ge=1,
        description="Sheets reads (and, apart, writes) per window for one Google user.",
    )
    google_project_per_minute: int = Field(
        default=300,
        ge=1,
        description="Sheets reads (and, apart, writes) per window for one Google project.",
    )
    zetkin_per_minute: int = Field(
        default=300, ge=1, description="Zetkin requests per window for one Zetkin token."
    )
    quota_window: Duration = Field(
        default=timedelta(minutes=1),
        description="The window the three limits count over (Google's is a minute; a "
        "scaled stand-in run may use e.g. '6s').",
    )
    task_results: Flag = Field(
        default=False,
        description="Keep each task's small summary in Redis for a day, for a caller that "
        "waits on it (the tests); the runs themselves are always in the ledger.",
    )
    log_json: Flag = Field(
        default=False, description="Logs as one JSON object a line (for a log collector)."
    )
