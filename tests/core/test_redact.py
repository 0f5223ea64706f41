"""The log filter scrubs tokens, e-mail addresses and Norwegian phone numbers."""

from __future__ import annotations

import logging

import pytest

from bridge.redact import RedactingFilter, redact


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abc.def", "eyJhbGciOiJIUzI1NiJ9"),
        ('{"access_token": "tok_5f2a9c11e0", "expires_in": 3600}', "tok_5f2a9c11e0"),
        ("refresh_token=r3fr3sh-t0ken&grant_type=refresh_token", "r3fr3sh-t0ken"),
        ("client_secret: s3cr3t-value", "s3cr3t-value"),
        ("sent to Kari.Nordmann@Example.NO today", "Kari.Nordmann@Example.NO"),
        ("ring +47 912 34 567 i morgen", "912 34 567"),
        ("ring 0047 91234567 i morgen", "91234567"),
        ("mobil 91234567.", "91234567"),
        ("tlf 41 23 45 67", "41 23 45 67"),
        ("tlf +4791234567", "4791234567"),
    ],
)
def test_redact_removes_secret(text: str, secret: str) -> None:
    cleaned = redact(text)
    assert secret not in cleaned
    assert "[" in cleaned


def test_redact_keeps_ordinary_numbers() -> None:
    text = "run 42 wrote 1500 cells in 3 requests on 2026-11-30"
    assert redact(text) == text


def test_filter_redacts_args_and_exceptions(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("bridge.test.redact")
    for handler in [caplog.handler]:
        handler.addFilter(RedactingFilter())
    with caplog.at_level(logging.INFO, logger="bridge.test.redact"):
        logger.info("person %s has phone %s", "ola@example.org", "+47 912 34 567")
        try:
            raise ValueError("token=abcdef123456 rejected for kari@example.org")
        except ValueError:
            logger.exception("call failed")
    text = caplog.text
    assert "ola@example.org" not in text and "912 34 567" not in text
    assert "abcdef123456" not in text and "kari@example.org" not in text
    assert "[e-post]" in text and "[telefon]" in text
