"""Build the gspread client from settings: a service account, or the local stand-in.

The connector never reads the environment: the credentials arrive in
:class:`config.settings.SheetsSettings` (a Secret holding a file path or the JSON itself).
Only the ``spreadsheets`` scope is asked for: the bridge opens spreadsheets by key and needs
no Drive access.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

import gspread

from bridge.errors import ConfigError
from config.settings import BranchSettings, Settings, SheetsSettings
from connectors.sheets.retry import GOOGLE_HOST
from connectors.sheets.workbook import Workbook

__all__ = ["SCOPES", "make_gspread_client", "open_workbook"]

SCOPES = ["https://www.googleapis.com/auth/spreadsheets"]


def make_gspread_client(settings: SheetsSettings) -> gspread.Client:
    """A gspread client bound to ``settings.base_url`` (stand-in) or a service account."""
    if settings.base_url:
        from connectors.google_session import local_google_session

        client = gspread.Client(auth=None, session=local_google_session(settings.base_url))  # type: ignore[arg-type]
    else:
        if settings.credentials is None:
            raise ConfigError(
                "no Google credentials are configured",
                where="sheets.credentials",
                hint="set BRIDGE_GOOGLE_CREDENTIALS to the service account's JSON file or text",
            )
        client = _service_account(settings.credentials.get())
    client.http_client.set_timeout(settings.timeout)
    return client


def _service_account(value: str) -> gspread.Client:
    text = value.strip()
    if text.startswith("{"):
        try:
            info: dict[str, Any] = json.loads(text)
        except ValueError:
            raise ConfigError(
                "the Google credentials are not valid JSON", where="sheets.credentials"
            ) from None
        return gspread.service_account_from_dict(info, scopes=SCOPES)
    try:
        return gspread.service_account(filename=text, scopes=SCOPES)
    except (OSError, ValueError) as exc:
        raise ConfigError(
            f"the Google credentials file cannot be used ({type(exc).__name__})",
            where="sheets.credentials",
        ) from None


def open_workbook(
    settings: Settings, branch: BranchSettings, client: gspread.Client | None = None
) -> Workbook:
    """The Workbook of one branch with the configured retry cap (no request is made yet)."""
    return Workbook(
        client or make_gspread_client(settings.sheets),
        branch.spreadsheet_id,
        branch.tabs,
        retry_cap=settings.sheets.retry_cap.total_seconds(),
        language=settings.language,
        host=sheets_host(settings.sheets),
        timeout=settings.sheets.timeout,
    )


def sheets_host(settings: SheetsSettings) -> str:
    """The host errors name: the stand-in's when ``base_url`` is set, else Google's."""
    if settings.base_url:
        return urlsplit(settings.base_url).netloc or settings.base_url
    return GOOGLE_HOST
