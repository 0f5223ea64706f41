"""The exception tree: classes decide retry, and every error survives a pickle round trip."""

from __future__ import annotations

import pickle

import pytest

from bridge.errors import (
    ApiError,
    BridgeError,
    ConfigError,
    PermanentApiError,
    PermanentError,
    TransientApiError,
    TransientError,
    api_error,
)


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (429, TransientApiError),
        (500, TransientApiError),
        (503, TransientApiError),
        (None, TransientApiError),
        (400, PermanentApiError),
        (403, PermanentApiError),
        (404, PermanentApiError),
    ],
)
def test_status_decides_transient_or_permanent(status: int | None, cls: type) -> None:
    error = api_error("Sheets said no", status=status, body="x")
    assert type(error) is cls
    assert isinstance(error, TransientError) == (cls is TransientApiError)
    assert isinstance(error, PermanentError) == (cls is PermanentApiError)


def test_errors_pickle_with_their_details() -> None:
    errors: list[BridgeError] = [
        ConfigError("missing", where="branch[1].spreadsheet_id", hint="add it"),
        api_error("quota", status=429, body="{" + "x" * 1000 + "}", where="values:batchGet"),
    ]
    for error in errors:
        clone = pickle.loads(pickle.dumps(error))
        assert type(clone) is type(error)
        assert str(clone) == str(error)
        assert clone.where == error.where and clone.hint == error.hint
    api = pickle.loads(pickle.dumps(errors[1]))
    assert isinstance(api, ApiError) and api.status == 429
    assert len(api.body) <= 300, "vendor bodies are shortened"


def test_message_names_the_place_and_the_fix() -> None:
    error = ConfigError("missing", where="branch[1].spreadsheet_id", hint="add the id")
    assert str(error) == "branch[1].spreadsheet_id: missing (add the id)"
