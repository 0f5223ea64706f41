"""Bounded retries for Google Sheets requests (DESIGN.md reliability invariant 6).

429, 5xx and connection problems are retried with jittered exponential backoff that waits at
least as long as ``Retry-After`` says, and never past a total time cap: when the next wait
would end after the cap we give up at once with :class:`~bridge.errors.TransientApiError`.
Any other 4xx fails on the first answer with :class:`~bridge.errors.PermanentApiError`
carrying the status and Google's message. gspread's own ``BackOffHTTPClient`` is not used: its
6.2.1 back-off has no working stop condition.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from typing import TypeVar

import requests
import tenacity
from gspread.exceptions import APIError

from bridge.errors import ApiError, TransientApiError, api_error, is_transient_status
from bridge.messages import t
from connectors.progress import progress, still_waiting, waiting_text

__all__ = ["GOOGLE_HOST", "RetryPolicy", "error_status", "to_bridge_error"]

GOOGLE_HOST = "sheets.googleapis.com"  # named in errors, so a person knows which system failed

log = logging.getLogger("connectors.sheets")
T = TypeVar("T")
_CONNECTION_ERRORS = (requests.ConnectionError, requests.Timeout)


def error_status(exc: BaseException) -> int | None:
    """The HTTP status of a gspread ``APIError`` (``None`` for a connection problem)."""
    if isinstance(exc, APIError):
        response = getattr(exc, "response", None)
        status = getattr(response, "status_code", None)
        if isinstance(status, int):
            return status
        code = getattr(exc, "code", None)
        return code if isinstance(code, int) and code > 0 else None
    return None


def _google_message(exc: BaseException) -> str:
    if isinstance(exc, APIError):
        error = getattr(exc, "error", None) or {}
        return str(error.get("message", "")) if hasattr(error, "get") else ""
    return type(exc).__name__


def _retry_after(exc: BaseException | None) -> float:
    if not isinstance(exc, APIError):
        return 0.0
    response = getattr(exc, "response", None)
    value = response.headers.get("Retry-After") if response is not None else None
    try:
        return max(0.0, float(value)) if value else 0.0
    except ValueError:
        return 0.0  # an HTTP date; rare for Google, fall back to our own backoff


def _is_retryable(exc: BaseException) -> bool:
    if isinstance(exc, _CONNECTION_ERRORS):
        return True
    return isinstance(exc, APIError) and is_transient_status(error_status(exc))


def to_bridge_error(
    exc: BaseException, what: str, *, host: str = GOOGLE_HOST, language: str = "nb"
) -> ApiError:
    """Turn a gspread/requests failure into the project's transient or permanent API error,
    naming the host (the stand-in's or Google's) in the configured language."""
    if isinstance(exc, _CONNECTION_ERRORS):
        text = t("sheets.unreachable", language, host=host, kind=type(exc).__name__)
        return TransientApiError(text, status=None, where=what)
    status = error_status(exc)
    message = _google_message(exc)
    text = t("sheets.answered", language, host=host, status=status, message=message)
    return api_error(text, status=status, body=message, where=what)


class RetryPolicy:
    """Run one request with bounded, jittered retries; count every attempt.

    ``cap`` is the total time budget in seconds for one request including its waits;
    ``base`` the first backoff step (doubled per attempt, at most ``max_wait``).
    """

    def __init__(
        self,
        cap: float = 60.0,
        base: float = 0.5,
        max_wait: float = 32.0,
        on_attempt: Callable[[str], None] | None = None,
        language: str = "nb",
        host: str = GOOGLE_HOST,
        timeout: float = 30.0,
    ) -> None:
        self.language = language  # the configured language, for the progress lines
        self.host = host
        self.timeout = timeout  # the session's read timeout: how long "still waiting" ticks
        self.cap = cap
        self.base = base
        self.max_wait = max_wait
        self.on_attempt = on_attempt

    def _wait(self, state: tenacity.RetryCallState) -> float:
        step = min(self.max_wait, self.base * 2 ** (state.attempt_number - 1))
        jittered = random.uniform(step / 2, step)
        exc = state.outcome.exception() if state.outcome else None
        return max(jittered, _retry_after(exc))

    def call(self, what: str, fn: Callable[[], T]) -> T:
        """Call ``fn`` (one HTTP request through gspread) under this policy."""

        def attempt() -> T:
            if self.on_attempt:
                self.on_attempt(what)
            with still_waiting(self.language, "Google Sheets", self.host, self.timeout):
                return fn()

        def before_sleep(state: tenacity.RetryCallState) -> None:
            # Progress for the person waiting (the CLI prints it plainly), no status noise.
            progress.warning(
                waiting_text(
                    self.language,
                    "Google Sheets",
                    state.attempt_number,
                    None,
                    state.upcoming_sleep,
                )
            )

        retrying = tenacity.Retrying(
            retry=tenacity.retry_if_exception(_is_retryable),
            wait=self._wait,
            stop=tenacity.stop_before_delay(self.cap),
            before_sleep=before_sleep,
            reraise=True,
        )
        try:
            return retrying(attempt)
        except (APIError, *_CONNECTION_ERRORS) as exc:
            raise to_bridge_error(exc, what, host=self.host, language=self.language) from exc
