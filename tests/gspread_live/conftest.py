"""gspread 6.2.1's test fixtures, re-pointed from vcrpy cassettes to the live Sheets stand-in.

The only file of the pinned suite that differs from upstream (``upstream_conftest.py.txt`` is
the original). Same names (``GspreadTest``, ``I18N_STR``, ``invalid_json_client``, the
module-scoped ``client`` fixture); the client is a real ``gspread.Client`` whose session is
:func:`connectors.google_session.local_google_session`, so every request goes to the stand-in
on loopback, none to Google. ``@pytest.mark.vcr()`` is registered and does nothing.
"""

from __future__ import annotations

import io
import itertools
import unittest
from collections.abc import Generator
from typing import Any

import gspread
import pytest
from google.oauth2.credentials import Credentials as UserCredentials
from gspread.client import Client
from gspread.http_client import BackOffHTTPClient, HTTPClient
from requests import Response

from connectors.google_session import local_google_session
from sandbox.sheets import SheetsStandin

DUMMY_ACCESS_TOKEN = "<ACCESS_TOKEN>"

I18N_STR = "Iñtërnâtiônàlizætiøn"  # .encode('utf8')


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "vcr: gspread's cassette marker (no-op when run live)")


def prefixed_counter(prefix: str, start: int = 1) -> Generator[str, None, None]:
    c = itertools.count(start)
    for value in c:
        yield f"{prefix} {value}"


def get_method_name(self_id: str) -> str:
    return self_id.split(".")[-1]


class DummyCredentials(UserCredentials):  # type: ignore[misc]
    pass


class GspreadTest(unittest.TestCase):
    @classmethod
    def get_temporary_spreadsheet_title(cls, suffix: str = "") -> str:
        return f"Test {cls.__name__} {suffix}"

    @classmethod
    def get_cassette_name(cls) -> str:
        return cls.__name__

    def _sequence_generator(self) -> Generator[str, None, None]:
        return prefixed_counter(get_method_name(self.id()))


class LiveHTTPClient(BackOffHTTPClient):
    """gspread's back-off client as upstream uses it, but an error fails at once: gspread's
    back-off retries a 5xx without end (``wait = min(2**n, _MAX_BACKOFF)`` is never above the
    maximum), so one unserved call would hang the suite."""

    def request(self, *args: Any, **kwargs: Any) -> Response:
        return HTTPClient.request(self, *args, **kwargs)


class InvalidJsonApiErrorClient(LiveHTTPClient):
    """Always raises as for a 500 answer with an HTML body (sends nothing)."""

    ERROR_MSG = bytes("<html><body><h1>Failed</h1></body></html>", "utf-8")

    def request(self, *args: Any, **kwargs: Any) -> Response:
        resp = Response()
        resp.raw = io.BytesIO(self.ERROR_MSG)
        resp.status_code = 500
        resp.encoding = "text/html"
        raise gspread.exceptions.APIError(resp)


# The spreadsheet upstream's test_access_private_spreadsheet opens: on Google it belongs to
# another account; here it is seeded as shared with someone else only.
PRIVATE_ID = "1jIKzPs8LsiZZdLdeMEP-5ZIHw6RkjiOmj1LrJN706Yc"


@pytest.fixture(scope="module")
def client(sheets_standin: SheetsStandin) -> Client:
    if PRIVATE_ID not in sheets_standin.state.spreadsheets:
        sheets_standin.create_spreadsheet(
            "Another account's file", spreadsheet_id=PRIVATE_ID, shared_with=["someone-else"]
        )
    session = local_google_session(sheets_standin.url, token=DUMMY_ACCESS_TOKEN)
    return Client(
        auth=DummyCredentials(DUMMY_ACCESS_TOKEN), session=session, http_client=LiveHTTPClient
    )


def invalid_json_client() -> tuple[Client, bytes]:
    """An HTTP client that always fails with an invalid JSON payload, and the expected
    error message from the raised exception."""
    return (
        Client(
            auth=DummyCredentials(DUMMY_ACCESS_TOKEN),
            http_client=InvalidJsonApiErrorClient,
        ),
        InvalidJsonApiErrorClient.ERROR_MSG,
    )


# Upstream tests the stand-in does not yet pass, each with why. Strict: a test that starts to
# pass fails the run until it is taken off this list, so the count below stays true.
KNOWN_DIVERGENCES: dict[str, str] = {}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = __name__.rsplit(".", 1)[0]
    for item in items:
        if not item.module or not item.module.__name__.startswith(here):
            continue
        key = item.nodeid.split("::", 1)[-1]
        reason = KNOWN_DIVERGENCES.get(key)
        if reason:
            item.add_marker(pytest.mark.xfail(reason=reason, strict=True))
