"""Pins for redaction: messages without %-arguments, the record handed on, the root logger."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from bridge import redact as redact_module
from bridge.redact import RedactingFilter, configure_logging, redact


def _record(msg: str, *args: object, exc_info: object = None) -> logging.LogRecord:
    return logging.LogRecord("bridge.test", logging.INFO, __file__, 1, msg, args, exc_info)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("message", "secret"),
    [
        ("login password=hunter2hunter", "hunter2hunter"),
        ("callback code=4f9a2b7c", "4f9a2b7c"),
        ("Authorization: Basic dXNlcjpwYXNz", "dXNlcjpwYXNz"),
        ("ring 912 34 567 i morgen", "912 34 567"),
        ("ring +46 70 123 45 67 i morgen", "70 123 45 67"),
    ],
)
def test_message_without_arguments_is_redacted(message: str, secret: str) -> None:
    """An f-string message reaches the filter already formatted, with no args."""
    record = _record(message)
    RedactingFilter().filter(record)
    assert secret not in record.getMessage()
    assert record.getMessage() == redact(message)


def test_filtered_record_carries_no_arguments_or_exception_left_to_render() -> None:
    """Any handler after the filter sees plain text: args and exc_info are None, as logging
    itself marks their absence."""
    try:
        raise ValueError("token=abcdef123456")
    except ValueError as error:
        record = _record(
            "person %s failed", "ola@example.org", exc_info=(ValueError, error, error.__traceback__)
        )
    RedactingFilter().filter(record)
    assert record.args is None
    assert record.exc_info is None
    assert record.msg == "person [e-post] failed"


def test_exception_text_is_kept_redacted() -> None:
    try:
        raise ValueError("token=abcdef123456 rejected")
    except ValueError as error:
        record = _record("call failed", exc_info=(ValueError, error, error.__traceback__))
    RedactingFilter().filter(record)
    assert record.exc_text is not None
    assert "ValueError: token=[token] rejected" in record.exc_text


def test_exception_never_raised_is_redacted_too() -> None:
    """`logger.error(..., exc_info=err)` with an error built but not raised has no traceback."""
    error = ValueError("sent to kari@example.org")
    record = _record("call failed", exc_info=(ValueError, error, None))
    RedactingFilter().filter(record)
    assert record.exc_text is not None and "kari@example.org" not in record.exc_text
    assert "[e-post]" in record.exc_text


@pytest.fixture
def fresh_root() -> Iterator[logging.Logger]:
    """The root logger as configure_logging finds it at process start, restored afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    was_configured = redact_module._configured
    redact_module._configured = False
    try:
        yield root
    finally:
        for handler in root.handlers[:]:
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)
        redact_module._configured = was_configured


def _new_handler(root: logging.Logger, before: list[logging.Handler]) -> logging.Handler:
    [handler] = [h for h in root.handlers if h not in before]
    return handler


def test_configure_logging_defaults_to_info(fresh_root: logging.Logger) -> None:
    configure_logging()
    assert fresh_root.level == logging.INFO


def test_configure_logging_takes_the_level_in_any_case(fresh_root: logging.Logger) -> None:
    configure_logging("debug")
    assert fresh_root.level == logging.DEBUG


def test_configured_handler_redacts_and_formats(fresh_root: logging.Logger) -> None:
    before = list(fresh_root.handlers)
    configure_logging("info")
    handler = _new_handler(fresh_root, before)
    assert isinstance(handler, logging.StreamHandler)
    stream = io.StringIO()
    handler.setStream(stream)
    logging.getLogger("bridge.test.configure").info("sent to %s", "ola@example.org")
    line = stream.getvalue().strip()
    assert line.endswith(" INFO bridge.test.configure: sent to [e-post]")
    assert line[:4].isdigit()  # the time comes first


def test_configure_logging_twice_adds_one_handler(fresh_root: logging.Logger) -> None:
    before = list(fresh_root.handlers)
    configure_logging("info")
    configure_logging("warning")
    _new_handler(fresh_root, before)
    assert fresh_root.level == logging.WARNING  # the level still follows the last call
