"""What a job needs from the outside world, built once per process from the settings.

A job receives a :class:`JobContext` instead of building clients itself, so the CLI, the
Celery worker, the demo and the tests can hand it real clients bound to Google and Zetkin, or
to the stand-ins, without the job knowing which.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import requests

from bridge.errors import ConfigError
from config.settings import BranchSettings, Settings
from connectors.sheets import Workbook
from connectors.sheets.factory import make_gspread_client, open_workbook
from connectors.zetkin import StaticTokenAuth, ZetkinClient
from ledger import Ledger, open_ledger

__all__ = ["JobContext", "build_context"]


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class JobContext:
    """Settings, the ledger, and factories for the two systems' clients (one per run)."""

    settings: Settings
    ledger: Ledger
    zetkin: Callable[[BranchSettings], ZetkinClient]
    workbook: Callable[[BranchSettings], Workbook]
    clock: Callable[[], datetime] = field(default=_utcnow)


def zetkin_client_for(settings: Settings, branch: BranchSettings) -> ZetkinClient:
    """A Zetkin client for one branch's org, with its own session and auth."""
    token = settings.zetkin.access_token
    if token is None:
        # The OAuth pair lives in the ledger once `bridge zetkin login` has run; until that
        # wiring lands a fixed token is required.
        raise ConfigError(
            "no Zetkin access token is configured",
            where="BRIDGE_ZETKIN_TOKEN",
            hint="run `bridge zetkin login --config FILE` or set BRIDGE_ZETKIN_TOKEN",
        )
    session = requests.Session()
    session.trust_env = False
    return ZetkinClient(
        session,
        settings.zetkin.base_url,
        branch.zetkin_org_id,
        StaticTokenAuth(token.get()),
        timeout=settings.zetkin.timeout,
        retry_cap=settings.zetkin.retry_cap.total_seconds(),
        page_size=settings.zetkin.page_size,
    )


def build_context(settings: Settings, *, ledger: Ledger | None = None) -> JobContext:
    """The real context: the configured ledger (migrated on open) and real clients."""
    gspread_client = make_gspread_client(settings.sheets)
    return JobContext(
        settings=settings,
        ledger=ledger or open_ledger(settings.database_url.get()),
        zetkin=lambda branch: zetkin_client_for(settings, branch),
        workbook=lambda branch: open_workbook(settings, branch, gspread_client),
    )
