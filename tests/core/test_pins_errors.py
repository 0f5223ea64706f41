"""Pins for the exception tree: the text a person reads and the details an API error keeps."""

from __future__ import annotations

from bridge.errors import ApiError, BridgeError, PermanentApiError, api_error, shorten


def test_message_alone_has_no_place_or_hint_around_it() -> None:
    assert str(BridgeError("missing")) == "missing"


def test_message_with_a_place_but_no_hint() -> None:
    assert str(BridgeError("missing", where="branch[1].id")) == "branch[1].id: missing"


def test_exception_argument_is_the_message() -> None:
    assert BridgeError("missing").args == ("missing",)


def test_api_error_keeps_message_place_and_hint() -> None:
    error = ApiError("quota", status=429, where="values:batchGet", hint="wait a minute")
    assert (error.message, error.where, error.hint) == ("quota", "values:batchGet", "wait a minute")
    assert str(error) == "values:batchGet: quota (wait a minute)"


def test_api_error_without_a_body_has_an_empty_body() -> None:
    assert ApiError("quota").body == ""
    assert api_error("not found", status=404).body == ""


def test_api_error_factory_passes_message_body_and_place_on() -> None:
    error = api_error("not found", status=404, body="no such sheet", where="spreadsheets.get")
    assert isinstance(error, PermanentApiError)
    assert (error.message, error.body, error.where) == (
        "not found",
        "no such sheet",
        "spreadsheets.get",
    )


def test_shorten_collapses_whitespace_to_single_spaces() -> None:
    assert shorten("quota\n   exceeded\tfor  user") == "quota exceeded for user"


def test_shorten_keeps_short_text_whole() -> None:
    assert shorten("quota exceeded") == "quota exceeded"


def test_shorten_keeps_text_of_exactly_the_limit() -> None:
    assert shorten("x" * 10, limit=10) == "x" * 10


def test_shorten_cuts_longer_text_to_the_limit_with_an_ellipsis() -> None:
    assert shorten("x" * 11, limit=10) == "x" * 9 + "…"
