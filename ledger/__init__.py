"""The ledger: the state the bridge must not lose between runs.

Sync runs (and plans held for approval), row errors, links between Zetkin people and sheet
rows with the base of each three-way merge, the audit log, and encrypted OAuth tokens. SQLite
by default, PostgreSQL by URL (``postgresql+psycopg://...``). :func:`open_ledger` migrates the
database to the newest schema on start-up::

    ledger = open_ledger(settings.database_url.get())
    run_id = ledger.start_run("reconcile", "oslo")
"""

from __future__ import annotations

from ledger.migrate import current_revision, downgrade, head_revision, upgrade
from ledger.records import (
    AuditIn,
    AuditRecord,
    CallMirror,
    DecisionRecord,
    ErasureReport,
    HeldPlan,
    Link,
    PendingCreate,
    PersonCallData,
    PersonExport,
    RowErrorIn,
    RowErrorRecord,
    RowErrorSync,
    RunRecord,
    StoredToken,
)
from ledger.store import Ledger, LedgerStateError, make_engine, open_ledger

__all__ = [
    "AuditIn",
    "AuditRecord",
    "CallMirror",
    "DecisionRecord",
    "ErasureReport",
    "HeldPlan",
    "Ledger",
    "LedgerStateError",
    "Link",
    "PendingCreate",
    "PersonCallData",
    "PersonExport",
    "RowErrorIn",
    "RowErrorRecord",
    "RowErrorSync",
    "RunRecord",
    "StoredToken",
    "current_revision",
    "downgrade",
    "head_revision",
    "make_engine",
    "open_ledger",
    "upgrade",
]
