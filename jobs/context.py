"""What a job needs from the outside world, built once per process from the settings.

A job receives a :class:`JobContext` instead of building clients itself, so the CLI, the
Celery worker, the demo and the tests can hand it real clients bound to Google and Zetkin, or
to the stand-ins, without the job knowing which.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime

import gspread
import requests

from config.settings import BranchSettings, Settings
from connectors.sheets import Workbook
from connectors.sheets.factory import make_gspread_client, open_workbook
from connectors.throttle import throttle_session
from connectors.zetkin import ZetkinClient
from connectors.zetkin.factory import build_client
from jobs.locks import branch_lock, uses_redis
from jobs.quota import Budget, budget_for, google_buckets, zetkin_buckets
from jobs.tokens import LedgerTokenStore
from ledger import Ledger, open_ledger

__all__ = ["JobContext", "build_context", "sheets_budget", "zetkin_client_for"]


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
    # (branch name, owner or None) -> the held branch lock (jobs.locks.branch_lock). Every
    # entry point gets one from build_context; None only where a test builds a context by hand.
    lock: Callable[[str, str | None], AbstractContextManager[object]] | None = None


def zetkin_client_for(
    settings: Settings,
    ledger: Ledger | None,
    branch: BranchSettings,
    budget: Budget | None = None,
) -> ZetkinClient:
    """A Zetkin client for one branch's org: a fixed token, or the OAuth pair in the ledger.

    With a ``budget``, every request it sends waits for a token of the shared budget."""
    store = None
    if settings.zetkin.access_token is None and settings.ledger_key and ledger is not None:
        store = LedgerTokenStore(ledger, settings.ledger_key.get())
    session = requests.Session()
    session.trust_env = False
    if budget is not None:
        throttle_session(session, budget.acquire)
    return build_client(settings.zetkin, branch.zetkin_org_id, store=store, session=session)


def _zetkin_identity(settings: Settings) -> str:
    """Whose token the Zetkin budget is: the API client, else the fixed token (hashed later)."""
    zetkin = settings.zetkin
    secret = zetkin.access_token or zetkin.api_key
    who = zetkin.client_id or (secret.get() if secret else "anonymous")
    return f"{zetkin.base_url}|{who}"


def sheets_budget(settings: Settings, client: gspread.Client) -> Budget | None:
    """The shared budget of the Google user and project the gspread client acts as, with
    every request of its session waiting for a token (None when ``[runtime] quota`` is off)."""
    auth = getattr(client.http_client, "auth", None)  # None for the stand-in
    user = str(getattr(auth, "service_account_email", None) or "stand-in user")
    project = str(getattr(auth, "project_id", None) or settings.sheets.base_url or "project")
    if not uses_redis(settings):  # no Redis to share a budget in: the retries cope alone
        return None
    budget = budget_for(settings, "sheets", google_buckets(settings, user, project))
    if budget is not None:
        throttle_session(client.http_client.session, budget.acquire)
    return budget


def build_context(settings: Settings, *, ledger: Ledger | None = None) -> JobContext:
    """The real context: the configured ledger (migrated on open), real clients whose
    requests draw on the shared budget in Redis (``[runtime] quota``), and the branch lock
    (Redis when configured, else a file lock in ``data_dir``): the CLI, the worker, the demo
    and the admin all get the same guarantees from here."""
    gspread_client = make_gspread_client(settings.sheets)
    sheets_budget(settings, gspread_client)
    zetkin_budget = budget_for(
        settings, "zetkin", zetkin_buckets(settings, _zetkin_identity(settings))
    )
    ledger = ledger or open_ledger(settings.database_url.get())

    def lock(branch: str, owner: str | None = None) -> AbstractContextManager[object]:
        return branch_lock(settings, branch, owner=owner)

    return JobContext(
        settings=settings,
        ledger=ledger,
        zetkin=lambda branch: zetkin_client_for(settings, ledger, branch, zetkin_budget),
        workbook=lambda branch: open_workbook(settings, branch, gspread_client),
        lock=lock,
    )
