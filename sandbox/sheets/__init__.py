"""The Google Sheets API stand-in: Sheets v4 + Drive v3 as gspread 6.x uses them.

``SheetsStandin`` serves it on a loopback port, wrapped in :class:`sandbox.harness.Harness`
(request log, counters, fault injection) with the control verbs ``reset``, ``seed``, ``quota``,
``snapshot``, ``spreadsheets`` and ``save``. ``gspread_client(url)`` gives a real gspread client
bound to it. The behaviour imitated is what gspread 6.x sends and Google answers, as recorded in
gspread's own cassettes.

A service account's jwt-bearer grant at ``/token`` gives a token that names the account's e-mail
(:mod:`sandbox.sheets.service_accounts`), so ``create_spreadsheet(..., shared_with=[e-mail])``
is a sheet shared with that service account and no other.
"""

from __future__ import annotations

import os
from typing import Any

from bridge.workbook import DEFAULT_TABS
from sandbox.control import ControlClient
from sandbox.harness import Harness
from sandbox.serve import ServedApp

from .app import Quota, SheetsApp
from .errors import GoogleError, harness_error_body
from .model import Formula, Spreadsheet, Store

__all__ = [
    "Formula",
    "GoogleError",
    "Quota",
    "SheetsApp",
    "SheetsStandin",
    "Spreadsheet",
    "Store",
    "default_workbook_tabs",
    "gspread_client",
    "make_app",
]


def make_app(store: Store | None = None) -> tuple[Harness, SheetsApp]:
    """The stand-in wrapped in the shared harness, ready for :class:`ServedApp`."""
    app = SheetsApp(store or Store())
    harness = Harness(app, error_body=harness_error_body, controls=app.controls())
    return harness, app


def default_workbook_tabs() -> dict[str, list[list[str]]]:
    """The default workbook of DESIGN.md: every tab with its header row, no data rows."""
    return {
        tab.title: ([[f.header for f in tab.fields]] if tab.fields else []) for tab in DEFAULT_TABS
    }


class SheetsStandin:
    """A served Sheets stand-in: ``start()``/``stop()``, ``url``, ``control``, ``state``.

    ``persist_path``: keep state in this JSON file (loaded at start, saved after every change).
    """

    def __init__(
        self,
        persist_path: str | os.PathLike[str] | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.state = Store(persist_path)
        self.harness, self.app = make_app(self.state)
        self.served = ServedApp(self.harness, host=host, port=port)
        self._control: ControlClient | None = None

    @property
    def url(self) -> str:
        return self.served.url

    @property
    def control(self) -> ControlClient:
        if self._control is None:
            self._control = ControlClient(self.url)
        return self._control

    def start(self) -> SheetsStandin:
        self.served.start()
        return self

    def stop(self) -> None:
        self.served.stop()
        self.state.save()

    def __enter__(self) -> SheetsStandin:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def reset(self) -> None:
        """Forget every spreadsheet, fault, log entry and quota setting."""
        self.harness.clear()
        self.app.quota.reset()
        self.state.reset()

    def create_spreadsheet(
        self,
        title: str,
        tabs: dict[str, list[list[Any]]] | None = None,
        *,
        frozen_rows: int = 0,
        spreadsheet_id: str | None = None,
        shared_with: list[str] | None = None,
    ) -> str:
        """A new spreadsheet (tabs in order, with their rows); returns its id.
        ``shared_with``: the callers (bearer tokens) who may open it; None: anyone. Others
        get Google's 403 from Sheets and 404 from Drive."""
        return self.state.create(
            title,
            tabs,
            frozen_rows=frozen_rows,
            spreadsheet_id=spreadsheet_id,
            shared_with=shared_with,
        ).id

    def seed_default_workbook(self, title: str = "Medlemsarbeid") -> str:
        """The default workbook (tabs, header rows, frozen header row, no data); its id."""
        return self.create_spreadsheet(title, default_workbook_tabs(), frozen_rows=1)

    def gspread_client(self, token: str | None = None) -> Any:
        return gspread_client(self.url, token=token)


def gspread_client(base_url: str, token: str | None = None, *, backoff: bool = False) -> Any:
    """A real ``gspread.Client`` whose requests go to the stand-in at ``base_url``."""
    import gspread

    from connectors.google_session import local_google_session

    session = local_google_session(base_url, token=token)
    http_client = gspread.BackOffHTTPClient if backoff else gspread.HTTPClient
    return gspread.Client(auth=None, session=session, http_client=http_client)  # type: ignore[arg-type]
