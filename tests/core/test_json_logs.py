"""Structured logs: one JSON object a line, with tokens and personal data redacted, the
exception too; the plain format stays the default."""

from __future__ import annotations

import io
import json
import logging

from bridge.redact import JsonFormatter, RedactingFilter, configure_logging


def test_a_json_line_holds_no_email_phone_or_token() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter())
    handler.setFormatter(JsonFormatter())
    log = logging.getLogger("test.json")
    log.addHandler(handler)
    log.propagate = False
    try:
        log.warning(
            "sent to %s at %s with Bearer abcdef123456", "kari@example.org", "+47 912 34 567"
        )
        try:
            raise ValueError("token=supersecret1234 for ola@example.org")
        except ValueError:
            log.exception("failed")
    finally:
        log.removeHandler(handler)
    first, second = (json.loads(line) for line in stream.getvalue().splitlines())
    assert first["level"] == "WARNING" and first["logger"] == "test.json"
    assert first["time"].endswith("+00:00")
    text = stream.getvalue()
    for secret in ("kari@example.org", "912 34 567", "abcdef123456", "supersecret1234", "ola@"):
        assert secret not in text
    assert "ValueError" in second["exception"] and second["message"] == "failed"


def test_configure_logging_switches_the_format_and_adds_one_handler() -> None:
    root = logging.getLogger()
    before = list(root.handlers)
    configure_logging("INFO", as_json=True)
    configure_logging("INFO", as_json=True)
    added = [h for h in root.handlers if h not in before]
    assert len([h for h in root.handlers if isinstance(h.formatter, JsonFormatter)]) == 1
    configure_logging("INFO")
    assert not any(isinstance(h.formatter, JsonFormatter) for h in root.handlers)
    assert len(added) <= 1
