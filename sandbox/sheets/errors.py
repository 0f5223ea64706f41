"""Google's error bodies, byte for byte in shape (sheets-api.md §5.1).

Sheets answers ``google.rpc.Status`` JSON whose ``code`` equals the HTTP status (gspread reads the
code from the body, not the status line); Drive answers the older format with an ``errors``
array. :func:`harness_error_body` renders injected faults the same way.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = [
    "STATUS_NAMES",
    "GoogleError",
    "drive_error",
    "harness_error_body",
    "quota_error",
    "sheets_error_body",
]

STATUS_NAMES = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    409: "ABORTED",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    501: "NOT_IMPLEMENTED",
    503: "UNAVAILABLE",
    504: "DEADLINE_EXCEEDED",
}

DEFAULT_MESSAGES = {
    400: "Request contains an invalid argument.",
    401: (
        "Request had invalid authentication credentials. Expected OAuth 2 access token, login "
        "cookie or other valid authentication credential. See "
        "https://developers.google.com/identity/sign-in/web/devconsole-project."
    ),
    403: "The caller does not have permission",
    404: "Requested entity was not found.",
    409: "The operation was aborted.",
    429: "",  # see quota_error
    500: "Internal error encountered.",
    501: "Operation is not implemented, or supported, or enabled.",
    503: "The service is currently unavailable.",
    504: "The request timed out. Please try again.",
}

PROJECT_NUMBER = "100000000000"  # a fictional consumer project


class GoogleError(Exception):
    """Raised inside the stand-in; the app turns it into the response Google would send."""

    def __init__(self, status: int, message: str | None = None, body: Any = None) -> None:
        super().__init__(message or DEFAULT_MESSAGES.get(status, ""))
        self.status = status
        self.message = message or DEFAULT_MESSAGES.get(status, "")
        self.body = body

    def to_body(self) -> Any:
        if self.body is not None:
            return self.body
        return sheets_error_body(self.status, self.message)


def sheets_error_body(status: int, message: str | None = None) -> dict[str, Any]:
    """``{"error": {"code", "message", "status"}}`` as the Sheets API sends it."""
    if status == 429 and not message:
        return quota_error("read")
    return {
        "error": {
            "code": status,
            "message": message if message is not None else DEFAULT_MESSAGES.get(status, ""),
            "status": STATUS_NAMES.get(status, "UNKNOWN"),
        }
    }


def quota_error(kind: str = "read", per_user: bool = True, limit: int = 60) -> dict[str, Any]:
    """The real 429 body for the read or write quota (per user, or per project)."""
    metric = "Read requests" if kind == "read" else "Write requests"
    slug = "read_requests" if kind == "read" else "write_requests"
    camel = "ReadRequests" if kind == "read" else "WriteRequests"
    limit_name = f"{metric} per minute per user" if per_user else f"{metric} per minute"
    limit_id = f"{camel}PerMinutePerUser" if per_user else f"{camel}PerMinutePerProject"
    message = (
        f"Quota exceeded for quota metric '{metric}' and limit '{limit_name}' of service "
        f"'sheets.googleapis.com' for consumer 'project_number:{PROJECT_NUMBER}'."
    )
    return {
        "error": {
            "code": 429,
            "message": message,
            "status": "RESOURCE_EXHAUSTED",
            "details": [
                {
                    "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                    "reason": "RATE_LIMIT_EXCEEDED",
                    "domain": "googleapis.com",
                    "metadata": {
                        "service": "sheets.googleapis.com",
                        "consumer": f"projects/{PROJECT_NUMBER}",
                        "quota_metric": f"sheets.googleapis.com/{slug}",
                        "quota_limit": limit_id,
                        "quota_limit_value": str(limit),
                        "quota_location": "global",
                    },
                },
                {
                    "@type": "type.googleapis.com/google.rpc.Help",
                    "links": [
                        {
                            "description": "Request a higher quota limit.",
                            "url": "https://cloud.google.com/docs/quota#requesting_higher_quota",
                        }
                    ],
                },
            ],
        }
    }


def drive_error(status: int, message: str, reason: str, location: str | None = None) -> Any:
    """Drive v3's older error format with an ``errors`` array."""
    item: dict[str, Any] = {"domain": "global", "reason": reason, "message": message}
    if location:
        item.update({"locationType": "parameter", "location": location})
    return {"error": {"code": status, "message": message, "errors": [item]}}


def harness_error_body(status: int) -> tuple[str, bytes]:
    """For :class:`sandbox.harness.Harness`: an injected status in Google's format."""
    body = json.dumps(sheets_error_body(status), indent=2).encode()
    return "application/json; charset=UTF-8", body
