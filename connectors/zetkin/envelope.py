"""Zetkin's response envelopes and error bodies, turned into data or into ``bridge.errors``.

v1 wraps everything in ``{"data": …}`` and fails with ``{"error": {"title", "description"}}``;
an expired token answers the OAuth-style ``{"error": "invalid_token"}``; v2 (FastAPI) wraps in
``{"data", "meta", "related", "success"}`` and fails validation with 422 ``{"detail": […]}``
(reference/zetkin-api.md sections 1.2, 2.1, 2.2). A proxy in front can answer with an HTML page,
which becomes a short readable message, never a JSON traceback.

Error messages carry Zetkin's ``title`` only; the ``description`` (which may echo a submitted
value) goes into the shortened ``body``, and v2 ``detail`` items lose their ``input`` echo.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import requests

from bridge.errors import ApiError, PermanentApiError, TransientApiError, is_transient_status
from bridge.messages import t

__all__ = [
    "RELOGIN_HINT",
    "ZetkinTransientError",
    "error_from_body",
    "error_from_response",
    "is_invalid_token",
    "parse_json",
    "status_hint",
    "unwrap_v1",
    "unwrap_v2",
]

JSON = Any

RELOGIN_HINT = t("zetkin.relogin")  # bokmål; the client passes its language for its own
_HINT_KEYS = {401: "zetkin.relogin", 403: "zetkin.forbidden_hint", 429: "zetkin.wait_hint"}


def status_hint(status: int | None, language: str = "nb") -> str | None:
    """What a person can do about an answer with this status, in ``language``."""
    key = _HINT_KEYS.get(status or 0)
    return t(key, language) if key else None


class ZetkinTransientError(TransientApiError):
    """A transient Zetkin failure with what the retry layer needs to decide.

    ``retry_after`` is the server's ``Retry-After`` in seconds (when given); ``may_have_applied``
    says a write might have reached the server (a 5xx or a dropped connection after sending), so
    a non-idempotent request must not be repeated blindly (reliability.md INV-6).
    """

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        body: str = "",
        where: str | None = None,
        hint: str | None = None,
        retry_after: float | None = None,
        may_have_applied: bool = True,
    ) -> None:
        super().__init__(message, status=status, body=body, where=where, hint=hint)
        self.retry_after = retry_after
        self.may_have_applied = may_have_applied

    def _kwargs(self) -> dict[str, Any]:
        return {
            **super()._kwargs(),
            "retry_after": self.retry_after,
            "may_have_applied": self.may_have_applied,
        }


def parse_json(text: str) -> tuple[bool, JSON]:
    """``(True, value)`` for a JSON body, ``(False, None)`` otherwise (HTML, empty, garbage)."""
    if not text.strip():
        return False, None
    try:
        return True, json.loads(text)
    except ValueError:
        return False, None


def _describe(value: JSON) -> tuple[str | None, str]:
    """Zetkin's title and a safe body text from a parsed error body."""
    if not isinstance(value, Mapping):
        return None, ""
    data = value.get("data")
    if isinstance(data, Mapping) and isinstance(data.get("error"), Mapping):
        # bulk/execute's 400 (v1 spec): {"data": {"error": {"message": "There are problems…"}}}
        message = data["error"].get("message") or data["error"].get("title")
        return (str(message) if message else None), ""
    error = value.get("error")
    if isinstance(error, Mapping):
        title = error.get("title")
        description = error.get("description") or ""
        return (str(title) if title else None), str(description)
    if isinstance(error, str):
        # OAuth style (expired token, token endpoint): {"error": "invalid_token", ...}.
        return error, str(value.get("error_description") or "")
    detail = value.get("detail")
    if isinstance(detail, list):  # v2 / FastAPI validation (reference section 2.2)
        parts = []
        for item in detail:
            if isinstance(item, Mapping):
                loc = ".".join(str(x) for x in item.get("loc") or [] if x != "body")
                parts.append(f"{loc}: {item.get('msg', '')}" if loc else str(item.get("msg", "")))
        return "Validation failed", "; ".join(parts)
    if isinstance(detail, str):
        return detail, ""
    return None, ""


def error_from_body(
    status: int | None,
    text: str,
    *,
    content_type: str = "",
    where: str | None = None,
    retry_after: float | None = None,
    may_have_applied: bool = True,
    language: str = "nb",
) -> ApiError:
    """The right ``bridge.errors`` class for a failed answer, from its raw body text; the hint
    in ``language``."""
    is_json, value = parse_json(text)
    if is_json:
        title, body = _describe(value)
        if title and str(title).startswith(str(status)):
            message = f"Zetkin answered {title}"  # "404 Not Found", not "404 404 Not Found"
        else:
            message = f"Zetkin answered {status}" + (f" {title}" if title else "")
    else:
        kind = (content_type.split(";")[0].strip() or "empty") if text.strip() else "empty"
        message = f"Zetkin answered {status} with a non-JSON body ({kind})"
        body = text
    hint = status_hint(status, language)
    if is_transient_status(status):
        return ZetkinTransientError(
            message,
            status=status,
            body=body,
            where=where,
            hint=hint,
            retry_after=retry_after,
            may_have_applied=may_have_applied and status != 429,
        )
    return PermanentApiError(message, status=status, body=body, where=where, hint=hint)


def error_from_response(
    response: requests.Response,
    *,
    where: str | None = None,
    retry_after: float | None = None,
    language: str = "nb",
) -> ApiError:
    return error_from_body(
        response.status_code,
        response.text,
        content_type=response.headers.get("Content-Type", ""),
        where=where,
        retry_after=retry_after,
        language=language,
    )


def is_invalid_token(status: int, text: str, www_authenticate: str = "") -> bool:
    """An expired or revoked access token: 401 whose ``error`` is or contains ``invalid_token``.

    That is what zetkin.js and the app's BackendApiClient check (reference section 1.2); the
    ``WWW-Authenticate: Bearer error="invalid_token"`` form of RFC 6750 is accepted too.
    """
    if status != 401:
        return False
    if "invalid_token" in www_authenticate:
        return True
    is_json, value = parse_json(text)
    if not is_json or not isinstance(value, Mapping):
        return False
    error = value.get("error")
    if isinstance(error, str):
        return "invalid_token" in error
    if isinstance(error, Mapping):
        return any("invalid_token" in str(error.get(k) or "") for k in ("title", "description"))
    return False


def _body(response: requests.Response, where: str) -> JSON:
    if response.status_code == 204 or not response.content.strip():
        return None
    is_json, value = parse_json(response.text)
    if not is_json:
        ctype = response.headers.get("Content-Type", "").split(";")[0] or "unknown"
        raise ZetkinTransientError(
            f"Zetkin answered {response.status_code} with a non-JSON body ({ctype})",
            status=response.status_code,
            body=response.text,
            where=where,
            may_have_applied=True,
        )
    return value


def unwrap_v1(response: requests.Response, where: str) -> JSON:
    """The ``data`` of a v1 success; ``None`` for 204. A body without ``data`` is returned whole
    (tolerant: a few endpoints may answer bare)."""
    value = _body(response, where)
    if isinstance(value, Mapping) and "data" in value:
        return value["data"]
    return value


def unwrap_v2(response: requests.Response, where: str) -> tuple[JSON, Mapping[str, JSON]]:
    """``(data, meta)`` of a v2 success; ``meta`` is ``{}`` when absent."""
    value = _body(response, where)
    if isinstance(value, Mapping) and "data" in value:
        meta = value.get("meta")
        return value["data"], meta if isinstance(meta, Mapping) else {}
    return value, {}
