"""Frozen records at the ledger's boundary: jobs and the admin never see ORM objects."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from bridge.calls import CallTask, DoNotContact

__all__ = [
    "AuditIn",
    "AuditRecord",
    "CallMirror",
    "DecisionRecord",
    "ErasureReport",
    "HeldPlan",
    "Link",
    "PendingCreate",
    "PersonCallData",
    "PersonExport",
    "RowErrorIn",
    "RowErrorRecord",
    "RowErrorSync",
    "RunRecord",
    "StoredToken",
]

System = Literal["sheets", "zetkin"]


@dataclass(frozen=True)
class Link:
    """A Zetkin person and their sheet row; ``base`` is the last agreed value per field."""

    zetkin_person_id: int
    row_key: str
    base: Mapping[str, str] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class PendingCreate:
    """A Zetkin create the ledger knows of before its request is sent.

    ``ref`` is its idempotency key (written into the person with the create); ``anchor`` the
    row values that find the sheet row again; ``base`` the values the link will start from.
    """

    ref: str
    anchor: Mapping[str, str] = field(default_factory=dict, hash=False)
    base: Mapping[str, str] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class RunRecord:
    """One sync run as the admin and the jobs see it (without the held plan, which is big)."""

    id: int
    job: str
    branch: str
    status: str
    started_at: datetime
    finished_at: datetime | None
    counts: Mapping[str, Any]
    requests: Mapping[str, int]
    plan_summary: Mapping[str, Any]
    sources_fingerprint: str | None
    error: str | None
    has_held_plan: bool


@dataclass(frozen=True)
class HeldPlan:
    """A plan held for approval and the fingerprint of the sources it was made from."""

    run_id: int
    plan: Mapping[str, Any]
    fingerprint: str | None


@dataclass(frozen=True)
class RowErrorIn:
    """A row error as a run found it. ``kind`` should be specific ("phone.invalid"): the
    same (tab, row key or cell, kind) is the same error across runs.

    The ledger stores ``message`` without any typed value: quoted text is blanked and phone
    numbers and e-mail addresses redacted, since the cell and the kind say where and what.
    """

    kind: str
    message: str
    row_key: str | None = None
    cell: str | None = None


@dataclass(frozen=True)
class RowErrorRecord:
    id: int
    branch: str
    tab: str
    cell: str | None
    row_key: str | None
    kind: str
    message: str
    first_seen: datetime
    last_seen: datetime
    resolved_at: datetime | None
    seen: int = 1  # runs in a row that saw it


@dataclass(frozen=True)
class RowErrorSync:
    """What :meth:`Ledger.sync_row_errors` did: new, still open, and now resolved errors."""

    opened: int
    still_open: int
    resolved: int


@dataclass(frozen=True)
class AuditIn:
    """One changed value. ``actor`` is ``"run:42"`` or a user; ``target`` a cell or person."""

    actor: str
    branch: str
    system: System
    target: str
    field: str | None
    old_value: str | None
    new_value: str | None
    zetkin_person_id: int | None = None
    at: datetime | None = None


@dataclass(frozen=True)
class AuditRecord:
    id: int
    at: datetime
    actor: str
    branch: str
    system: str
    target: str
    field: str | None
    zetkin_person_id: int | None
    old_value: str | None
    new_value: str | None


@dataclass(frozen=True)
class StoredToken:
    payload: Mapping[str, Any]
    expires_at: datetime | None
    updated_at: datetime


@dataclass(frozen=True)
class PersonExport:
    """Everything the ledger holds about one person in one branch (GDPR access request)."""

    branch: str
    zetkin_person_id: int
    link: Link | None
    audit: tuple[AuditRecord, ...]
    row_errors: tuple[RowErrorRecord, ...]
    calls: PersonCallData | None = None


@dataclass(frozen=True)
class PersonCallData:
    """The call data about one person: tasks (attempts, outcomes, answers, callers),
    do-not-contact entries, and the keys of the Zetkin notes and tags written for those tasks
    (``V12:note``; the texts are in Zetkin, the ledger keeps only that they were written)."""

    tasks: tuple[CallTask, ...] = ()
    register: tuple[DoNotContact, ...] = ()
    zetkin_writes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ErasureReport:
    links_deleted: int
    audit_entries_blanked: int
    row_errors_deleted: int
    call_rows_deleted: int = 0  # call tasks and register entries about the person


@dataclass(frozen=True)
class CallMirror:
    """A call round's Zetkin call assignment (ledger.models.CallMirrorRow): ``assignment_id``
    ``None`` while its create may not have landed."""

    round_id: str
    ref: str
    assignment_id: int | None = None
    target_query_id: int | None = None
    synced: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DecisionRecord:
    """A person's decision in the admin that a run has not applied yet (issue 16): ``kind``
    ``join`` with ``subject`` ``join:<submission id>`` and ``choice`` ``accept``, ..."""

    id: int
    kind: str
    subject: str
    choice: str
