"""Build the gspread client from settings: a service account, or the local stand-in.

With both a stand-in URL and credentials, the service account's token grant and every call go
to the stand-in, which then knows the caller by the account's e-mail (``bridge init
--sandbox``: a spreadsheet not shared with that address answers 403, as Google's does).

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
from connectors.google_session import GOOGLE_HOSTS
from connectors.sheets.retry import GOOGLE_HOST
from connectors.sheets.workbook import Workbook

__all__ = ["SCOPES", "make_gspread_client", "open_workbook", "service_account_info"]

SCOPES = ["https://www.googleapis.com/auth/spreadsheets"]


def make_gspread_client(settings: SheetsSettings) -> gspread.Client:
    """A gspread client bound to ``settings.base_url`` (stand-in) or a service account."""
    if settings.base_url and settings.credentials is not None:
        client = _local_service_account(settings.base_url, settings.credentials.get())
    elif settings.base_url:
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


def service_account_info(value: str) -> dict[str, Any]:
    """The service-account JSON from the text itself or the path of its file (ConfigError
    when it cannot be read or parsed; the value is never shown)."""
    text = value.strip()
    if not text.startswith("{"):
        try:
            with open(text, encoding="utf-8") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(
                f"the Google credentials file cannot be read ({type(exc).__name__})",
                where="sheets.credentials",
            ) from None
    try:
        info = json.loads(text)
    except ValueError:
        raise ConfigError(
            "the Google credentials are not valid JSON", where="sheets.credentials"
        ) from None
    if not isinstance(info, dict):
        raise ConfigError(
            "the Google credentials are not a service account's JSON", where="sheets.credentials"
        )
    return info


def _local_service_account(base_url: str, value: str) -> gspread.Client:
    """A service account whose token grant and API calls go to the stand-in at ``base_url``:
    the stand-in then knows the caller by the account's e-mail (what the sheet is shared with)."""
    from google.auth.transport.requests import AuthorizedSession, Request
    from google.oauth2.service_account import Credentials

    from connectors.google_session import LocalGoogleAdapter, local_google_session

    try:
        creds = Credentials.from_service_account_info(  # type: ignore[no-untyped-call]
            service_account_info(value), scopes=SCOPES
        )
    except ValueError as exc:
        raise ConfigError(
            f"the Google credentials cannot be used ({type(exc).__name__})",
            where="sheets.credentials",
        ) from None
    session = AuthorizedSession(  # type: ignore[no-untyped-call]
        creds, auth_request=Request(local_google_session(base_url))
    )
    session.trust_env = False
    adapter = LocalGoogleAdapter(base_url)
    for host in GOOGLE_HOSTS:
        session.mount(host + "/", adapter)
    return gspread.Client(auth=creds, session=session)


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
