"""The ``[runtime]`` table: how the workers run (issue 17): the branch cycle's schedule, the
branch lock's lifetime, the shared request budget, and the log format.

A pydantic model (frozen, no unknown keys), validated by :func:`runtime_from` from the TOML
table plus one environment variable, ``BRIDGE_LOCK_TTL`` (read here, in ``config/``, since
nothing else reads the environment): it shortens the lock for tests and stand-in runs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import time, timedelta
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

__all__ = ["LOCK_TTL_ENV", "RuntimeSettings", "runtime_from"]

LOCK_TTL_ENV = "BRIDGE_LOCK_TTL"
_DURATION = re.compile(r"(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?")


def _duration(value: Any) -> Any:
    """``"10m"``, ``"6s"``, ``"1h30m"`` (the loader's duration text) -> timedelta."""
    if isinstance(value, str):
        match = _DURATION.fullmatch(value.strip())
        if not value.strip() or match is None:
            raise ValueError(f"expected a duration like '10m', got {value[:20]!r}")
        d, h, m, s = (int(p) if p else 0 for p in match.groups())
        return timedelta(days=d, hours=h, minutes=m, seconds=s)
    return value


def _clock(value: Any) -> Any:
    """``"03:00"`` -> time(3, 0); ``""`` -> None (no nightly check)."""
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", text)
        if match is None:
            raise ValueError(f"expected a time of day like '03:00', got {text[:20]!r}")
        return time(int(match.group(1)), int(match.group(2)))
    return value


Duration = Annotated[timedelta, BeforeValidator(_duration)]


class RuntimeSettings(BaseModel):
    """How the worker, the beat and the shared budget behave; defaults fit a real deployment."""

    model_config = ConfigDict(frozen=True, extra="forbid")

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
    quota: bool = Field(
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
    task_results: bool = Field(
        default=False,
        description="Keep each task's small summary in Redis for a day, for a caller that "
        "waits on it (the tests); the runs themselves are always in the ledger.",
    )
    log_json: bool = Field(
        default=False, description="Logs as one JSON object a line (for a log collector)."
    )


def runtime_from(
    table: Mapping[str, Any] | None,
    env: Mapping[str, str],
    problem: Callable[[str, str], None],
) -> RuntimeSettings:
    """The runtime settings of the ``[runtime]`` table; each pydantic error becomes one
    ``problem(key path, what)`` and the defaults are used for the rest."""
    data = dict(table or {})
    raw_ttl = env.get(LOCK_TTL_ENV, "").strip()
    if raw_ttl:
        data["lock_ttl"] = raw_ttl
    try:
        return RuntimeSettings.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            path = ".".join(str(p) for p in error["loc"])
            where = LOCK_TTL_ENV if path == "lock_ttl" and raw_ttl else f"runtime.{path}"
            problem(where, str(error["msg"]))
        return RuntimeSettings()
