"""One exception tree for the whole project.

Callers decide retry or fail by class (``TransientError`` vs ``PermanentError``), never by
parsing messages. Every error carries what a person needs to fix it (``where`` and ``hint``)
and pickles cleanly, so it can cross a Celery boundary.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "ApiError",
    "BridgeError",
    "ConfigError",
    "HeaderError",
    "PermanentError",
    "RowError",
    "TransientError",
]

_BODY_LIMIT = 300


def shorten(text: str, limit: int = _BODY_LIMIT) -> str:
    """Cut a vendor body to something readable in a log line or an admin page."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class BridgeError(Exception):
    """Root of every error the bridge raises on purpose.

    ``where`` names the thing at fault (a config key, a tab and cell, an endpoint);
    ``hint`` says in plain words what to do about it.
    """

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        return f"{text} ({self.hint})" if self.hint else text

    def _kwargs(self) -> dict[str, Any]:
        return {"where": self.where, "hint": self.hint}

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.message, self._kwargs()))


def _rebuild(cls: type[BridgeError], message: str, kwargs: dict[str, Any]) -> BridgeError:
    return cls(message, **kwargs)


class TransientError(BridgeError):
    """Worth retrying later: rate limits, 5xx, dropped connections, a held lock."""


class PermanentError(BridgeError):
    """Retrying will not help until a person changes something."""


class ConfigError(PermanentError):
    """The configuration file or environment is wrong; ``where`` is the key at fault."""


class HeaderError(PermanentError):
    """A sheet's header row is unusable (missing, duplicated or merged header)."""


class RowError(PermanentError):
    """One row cannot be used as it stands; the rest of the run goes on."""


class ApiError(BridgeError):
    """A vendor API answered with an error; carries the status and a shortened body.

    Use :func:`api_error` to get the transient or permanent subclass for a status.
    """

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        body: str = "",
        where: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, where=where, hint=hint)
        self.status = status
        self.body = shorten(body)

    def _kwargs(self) -> dict[str, Any]:
        return {**super()._kwargs(), "status": self.status, "body": self.body}


class TransientApiError(ApiError, TransientError):
    """429, 5xx or a connection problem: retried with backoff."""


class PermanentApiError(ApiError, PermanentError):
    """Any other 4xx: fails at once with the vendor's reason."""


__all__ += ["PermanentApiError", "TransientApiError", "api_error", "shorten"]


def is_transient_status(status: int | None) -> bool:
    """429 and 5xx (and no status at all: the connection failed) are worth a retry."""
    return status is None or status == 429 or status >= 500


def api_error(
    message: str, *, status: int | None, body: str = "", where: str | None = None
) -> ApiError:
    """Build the right subclass for an HTTP status."""
    cls: type[ApiError] = TransientApiError if is_transient_status(status) else PermanentApiError
    return cls(message, status=status, body=body, where=where)


__all__ += ["is_transient_status"]


class MalformedRecordError(PermanentApiError, ValueError):
    """A vendor record lacks what it must have (a usable id). Also a ``ValueError``: a list
    leaves such a record out and goes on; a single read fails with this clear message."""


__all__ += ["MalformedRecordError"]
