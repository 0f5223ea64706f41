"""Scrub secrets and personal data from text before it reaches a log or an error page.

Party membership is special-category data (GDPR Art. 9): a log line must never carry an
e-mail address, a phone number or a token, even when a vendor echoes one back to us.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime

__all__ = ["JsonFormatter", "RedactingFilter", "configure_logging", "redact"]

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # Authorization headers and bearer tokens.
    (re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{6,}"), r"\1 [token]"),
    # key=value or "key": "value" for anything that looks like a credential.
    (
        re.compile(
            r"(?i)([\"']?(?:access_token|refresh_token|id_token|token|client_secret|secret|"
            r"password|api_key|apikey|private_key|code)[\"']?\s*[:=]\s*[\"']?)"
            r"[^\s\"'&,}]{4,}"
        ),
        r"\1[token]",
    ),
    # E-mail addresses.
    (re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"), "[e-post]"),
    # Phone numbers (ISO dates excluded): +47/0047 prefixes, 8-digit Norwegian numbers in
    # 2-2-2-2, 3-2-3 or
    # unbroken form, and any other long international number.
    (
        re.compile(
            r"(?<![\w.:-])(?!\d{4}-\d{2}-\d{2})(?:(?:\+|00)\s?\d{1,3}[\s.-]?)?"
            r"(?:\d{3}[\s.-]?\d{2}[\s.-]?\d{3}|\d{2}[\s.-]?\d{2}[\s.-]?\d{2}[\s.-]?\d{2}|\d{8})"
            r"(?![\w])"
        ),
        "[telefon]",
    ),
    (re.compile(r"(?<![\w.])\+\d[\d\s-]{7,14}\d(?!\w)"), "[telefon]"),
]


def redact(text: str) -> str:
    """Return ``text`` with tokens, e-mail addresses and phone numbers replaced."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """A logging filter that redacts the fully formatted message of every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message or record.args:
            record.msg = cleaned
            record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            # The formatter would print the exception text unredacted; render it now.
            formatter = logging.Formatter()
            record.exc_text = redact(formatter.formatException(record.exc_info))
            record.exc_info = None
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line (``time``, ``level``, ``logger``, ``message``, ``exception``),
    for a log collector; the message is redacted again here, as a last guard."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        if record.exc_info and record.exc_info[1] is not None:
            entry["exception"] = redact(self.formatException(record.exc_info))
        elif record.exc_text:
            entry["exception"] = redact(record.exc_text)
        return json.dumps(entry, ensure_ascii=False)


_configured = False
_handler: logging.Handler | None = None


def configure_logging(level: str = "INFO", *, as_json: bool = False) -> None:
    """Set up the root logger once, with redaction on every handler; ``as_json`` switches
    the format to :class:`JsonFormatter` (``[runtime] log_json``)."""
    global _configured, _handler
    root = logging.getLogger()
    root.setLevel(level.upper())
    handler = _handler
    if not _configured or handler is None:
        handler = logging.StreamHandler()
        handler.addFilter(RedactingFilter())
        _configured, _handler = True, handler
    if handler not in root.handlers:  # first call, or something took it off the root since
        root.addHandler(handler)
    if as_json:
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
