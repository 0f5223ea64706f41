"""The one retry layer for Zetkin calls (tenacity).

Retried: 429, 5xx and connection failures, with full-jitter exponential backoff that never waits
less than the server's ``Retry-After`` (capped, so a hostile header cannot park a worker), under a
total time budget: tenacity's ``stop_before_delay`` gives up *before* a sleep would overrun it.
Not retried: any other 4xx, and a non-idempotent request (POST) whose failure may have been
applied on the server (5xx, connection dropped after sending); only 429 and "never connected" are
safe to repeat for those. Sources: reference/reliability.md section 2 and INV-6.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TypeVar

from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    stop_before_delay,
    wait_random_exponential,
)
from tenacity.wait import wait_base

from bridge.errors import ApiError, TransientError
from connectors.progress import PROGRESS_LOGGER, progress, waiting_text
from connectors.zetkin.envelope import ZetkinTransientError

__all__ = [
    "PROGRESS_LOGGER",
    "RetryPolicy",
    "parse_retry_after",
    "run_with_retries",
    "waiting_text",
]
T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """Backoff settings; ``base`` is the exponential multiplier in seconds (small in tests)."""

    cap: float = 60.0
    base: float = 1.0
    max_wait: float = 30.0
    retry_after_cap: float = 120.0
    max_attempts: int = 10
    language: str = "nb"  # the configured language, for the progress lines


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """``Retry-After`` as seconds: delay-seconds or an HTTP-date (RFC 9110 section 10.2.3)."""
    if not value:
        return None
    text = value.strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class _wait_retry_after(wait_base):
    """Jittered exponential backoff, but never less than a (capped) ``Retry-After``."""

    def __init__(self, policy: RetryPolicy) -> None:
        self.policy = policy
        self.jitter = wait_random_exponential(multiplier=policy.base, max=policy.max_wait)

    def __call__(self, retry_state: RetryCallState) -> float:
        delay = float(self.jitter(retry_state))
        outcome = retry_state.outcome
        error = outcome.exception() if outcome is not None else None
        if isinstance(error, ZetkinTransientError) and error.retry_after is not None:
            delay = max(delay, min(error.retry_after, self.policy.retry_after_cap))
        return delay


def _retryable(idempotent: bool) -> Callable[[BaseException], bool]:
    def check(error: BaseException) -> bool:
        if not isinstance(error, TransientError):
            return False
        if idempotent:
            return True
        if isinstance(error, ApiError) and error.status == 429:
            return True
        return isinstance(error, ZetkinTransientError) and not error.may_have_applied

    return check


def _log_retry(retry_state: RetryCallState, policy: RetryPolicy) -> None:
    # Attempt and wait only: never a URL query or a body (INV-7).
    progress.warning(
        waiting_text(
            policy.language,
            "Zetkin",
            retry_state.attempt_number,
            policy.max_attempts,
            retry_state.upcoming_sleep,
        )
    )


def run_with_retries(
    attempt: Callable[[], T],
    policy: RetryPolicy,
    *,
    idempotent: bool,
    on_retry: Callable[[], None] | None = None,
) -> T:
    """Call ``attempt`` until it succeeds, fails permanently, or the budget runs out.

    The last error is re-raised as it was (``reraise``), so callers see a ``bridge.errors`` class.
    """

    def before_sleep(retry_state: RetryCallState) -> None:
        _log_retry(retry_state, policy)
        if on_retry is not None:
            on_retry()

    retrying = Retrying(
        retry=retry_if_exception(_retryable(idempotent)),
        wait=_wait_retry_after(policy),
        stop=stop_before_delay(policy.cap) | stop_after_attempt(policy.max_attempts),
        before_sleep=before_sleep,
        reraise=True,
    )
    return retrying(attempt)
