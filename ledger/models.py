"""The ledger's tables: what the bridge must remember between runs.

Models use SQLAlchemy 2's typed declarative style. They describe the *current* schema; the
Alembic migrations in ``ledger/migrations/versions`` are what actually builds it, and a test
holds the two to each other (autogenerate finds no difference).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = [
    "RUN_STATUSES",
    "STATUS_CHECK",
    "AdminDecision",
    "AdminSession",
    "AdminUser",
    "AppliedWriteRow",
    "AuditEntry",
    "Base",
    "CallRegisterRow",
    "CallRoundRow",
    "CallTaskRow",
    "IgnoredRowError",
    "LoginAttempt",
    "OAuthToken",
    "PendingCreateRow",
    "PersonLink",
    "RowErrorRow",
    "SyncRun",
    "UTCDateTime",
]

# "aborted": left "running" by a process that died (closed by the next holder of the lock);
# "skipped": the branch lock was taken, so the run wrote nothing.
RUN_STATUSES = (
    "running", "ok", "failed", "held", "approved", "dry_run", "aborted", "skipped",
)  # fmt: skip
# The CHECK constraint on sync_runs.status, shared with the migration that last changed it.
STATUS_CHECK = "status IN (" + ", ".join(f"'{s}'" for s in RUN_STATUSES) + ")"

# Deterministic constraint names, so later migrations can drop or alter them on both databases.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp on every database.

    PostgreSQL keeps ``timestamptz``; SQLite has no time zones, so values are stored as naive
    UTC and get their ``tzinfo`` back on the way out. Naive input is refused rather than
    guessed at.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("the ledger stores only timezone-aware timestamps")
        value = value.astimezone(UTC)
        return value if dialect.name == "postgresql" else value.replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {  # noqa: RUF012 (SQLAlchemy reads it once, at class creation)
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(none_as_null=True),
    }


class SyncRun(Base):
    """One run of one job for one branch: what it did, what it cost, or what it holds back."""

    __tablename__ = "sync_runs"
    __table_args__ = (
        CheckConstraint(STATUS_CHECK, name="status"),
        Index("ix_sync_runs_branch_started", "branch", "started_at"),
        # The admin's status page: the newest run of each branch and job set, and held runs.
        Index("ix_sync_runs_branch_job_started", "branch", "job", "started_at"),
        Index("ix_sync_runs_status_started", "status", "started_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    job: Mapped[str] = mapped_column(String(64))
    branch: Mapped[str] = mapped_column(String(128))
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(16))
    counts: Mapped[dict[str, Any]]
    requests: Mapped[dict[str, Any]]
    plan_summary: Mapped[dict[str, Any]]
    held_plan: Mapped[dict[str, Any] | None]
    sources_fingerprint: Mapped[str | None] = mapped_column(String(128))
    error: Mapped[str | None] = mapped_column(Text)


class RowErrorRow(Base):
    """A problem with one row (or cell) of a tab, kept open until a run no longer sees it.

    ``locator`` is the row key when there is one, otherwise ``@`` plus the cell address: it
    makes "the same error" a real unique constraint even though both columns are nullable.
    """

    __tablename__ = "row_errors"
    __table_args__ = (
        UniqueConstraint("branch", "tab", "locator", "kind", name="uq_row_errors_identity"),
        Index("ix_row_errors_open", "branch", "resolved_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    branch: Mapped[str] = mapped_column(String(128))
    tab: Mapped[str] = mapped_column(String(128))
    cell: Mapped[str | None] = mapped_column(String(32))
    row_key: Mapped[str | None] = mapped_column(String(128))
    locator: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(64))
    message: Mapped[str] = mapped_column(Text)
    first_seen: Mapped[datetime]
    last_seen: Mapped[datetime]
    resolved_at: Mapped[datetime | None]
    # How many runs in a row have seen it (the admin's "count"); 1 again when it comes back.
    seen: Mapped[int] = mapped_column(Integer, server_default="1")


class PersonLink(Base):
    """A Zetkin person tied to a sheet row, with the last values both sides agreed on."""

    __tablename__ = "person_links"

    branch: Mapped[str] = mapped_column(String(128), primary_key=True)
    zetkin_person_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    sheet_row_key: Mapped[str] = mapped_column(String(128))
    base: Mapped[dict[str, Any]]
    first_seen: Mapped[datetime]
    updated_at: Mapped[datetime]


class AuditEntry(Base):
    """Who (a run or a person) changed which value where.

    ``zetkin_person_id`` is not strictly needed to read the log, but without it a person's
    values could not be found again for a GDPR export or erasure.
    """

    __tablename__ = "audit_entries"
    __table_args__ = (
        Index("ix_audit_entries_person", "branch", "zetkin_person_id"),
        Index("ix_audit_entries_at", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(128))
    branch: Mapped[str] = mapped_column(String(128))
    system: Mapped[str] = mapped_column(String(16))
    target: Mapped[str] = mapped_column(String(256))
    field: Mapped[str | None] = mapped_column(String(128))
    zetkin_person_id: Mapped[int | None] = mapped_column(Integer)
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)


class OAuthToken(Base):
    """A token pair, Fernet-encrypted with a key the ledger never stores."""

    __tablename__ = "oauth_tokens"

    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    token: Mapped[bytes] = mapped_column(LargeBinary)
    expires_at: Mapped[datetime | None]
    updated_at: Mapped[datetime]


class PendingCreateRow(Base):
    """A Zetkin create recorded before its request, until the run knows its outcome.

    ``ref`` is the idempotency key written with the person, by which the next run finds a
    create whose answer was lost; ``anchor`` (the row's identifying values) and ``base`` let
    it finish that create as if the answer had come. Rows are deleted once finished, so the
    personal data in them lives only as long as a run's outcome is unknown.
    """

    __tablename__ = "pending_creates"

    branch: Mapped[str] = mapped_column(String(128), primary_key=True)
    ref: Mapped[str] = mapped_column(String(128), primary_key=True)
    anchor: Mapped[dict[str, Any]]
    base: Mapped[dict[str, Any]]
    recorded_at: Mapped[datetime]


class CallTaskRow(Base):
    """One call task (bridge.calls.CallTask): a welcome call or a round's call to one person.

    ``history`` (the attempts) and ``answers`` are JSON lists: they are read and written with
    the task, never queried. Times are UTC; ``due`` is the branch's local date.
    """

    __tablename__ = "call_tasks"
    __table_args__ = (Index("ix_call_tasks_person", "branch", "person_id"),)

    branch: Mapped[str] = mapped_column(String(128), primary_key=True)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    person_id: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    round_id: Mapped[str | None] = mapped_column(String(64))
    caller: Mapped[str] = mapped_column(String(256))
    created: Mapped[datetime]
    due: Mapped[date] = mapped_column(Date)
    assigned_at: Mapped[datetime | None]
    attempt: Mapped[int] = mapped_column(Integer)
    attempt_started: Mapped[datetime | None]
    state: Mapped[str] = mapped_column(String(16))
    outcome: Mapped[str | None] = mapped_column(String(32))
    outcome_at: Mapped[datetime | None]
    next_attempt_after: Mapped[datetime | None]
    history: Mapped[list[Any]] = mapped_column(JSON)
    answers: Mapped[list[Any]] = mapped_column(JSON)


class CallRegisterRow(Base):
    """The do-not-contact register (bridge.calls.DoNotContact): ``phone`` is a digest of the
    number the entry was about, never the number."""

    __tablename__ = "call_register"

    branch: Mapped[str] = mapped_column(String(128), primary_key=True)
    person_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    reason: Mapped[str] = mapped_column(String(32), primary_key=True)
    source: Mapped[str] = mapped_column(String(64))
    since: Mapped[datetime]
    until: Mapped[datetime | None]
    phone: Mapped[str] = mapped_column(String(64))


class CallRoundRow(Base):
    """A call round as last read from the rounds tab (bridge.calls.CallRound)."""

    __tablename__ = "call_rounds"

    branch: Mapped[str] = mapped_column(String(128), primary_key=True)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(256))
    rule: Mapped[str] = mapped_column(Text)
    start: Mapped[date | None] = mapped_column(Date)
    end: Mapped[date | None] = mapped_column(Date)
    purpose: Mapped[str] = mapped_column(Text)


class AppliedWriteRow(Base):
    """The key of a Zetkin write already made (a note, a tag), so a re-run never repeats it."""

    __tablename__ = "applied_writes"

    branch: Mapped[str] = mapped_column(String(128), primary_key=True)
    key: Mapped[str] = mapped_column(String(160), primary_key=True)
    applied_at: Mapped[datetime]


class CallMirrorRow(Base):
    """A call round mirrored as a Zetkin call assignment (jobs.call_mirror).

    ``ref`` is recorded before the create request and written into the assignment's
    description, so a create whose answer was lost is found again (never made twice);
    ``assignment_id`` is ``None`` until the create is known to have landed. ``synced`` is what
    was last written (title, dates, target filter, the callers the bridge added): a round in
    step costs no request.
    """

    __tablename__ = "call_mirrors"

    branch: Mapped[str] = mapped_column(String(128), primary_key=True)
    round_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    ref: Mapped[str] = mapped_column(String(128))
    assignment_id: Mapped[int | None] = mapped_column(Integer)
    target_query_id: Mapped[int | None] = mapped_column(Integer)
    synced: Mapped[dict[str, Any]] = mapped_column(JSON)
    recorded_at: Mapped[datetime]


# -- the admin (issue 16) ---------------------------------------------------------------------
class AdminUser(Base):
    """A person who may log in to the admin (``bridge admin add-user``); a password hash only."""

    __tablename__ = "admin_users"

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(16))
    language: Mapped[str | None] = mapped_column(String(8))
    created_at: Mapped[datetime]


class AdminSession(Base):
    """A logged-in browser: the cookie carries ``id``; logging out revokes it here, so a
    copied cookie stops working at once (server-side revocation)."""

    __tablename__ = "admin_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the cookie's token
    username: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class LoginAttempt(Base):
    """A failed login, by a digest of the user name or of the address (never either itself)."""

    __tablename__ = "admin_login_attempts"
    __table_args__ = (Index("ix_admin_login_attempts_key_at", "key", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime]


class AdminDecision(Base):
    """A person's decision the next run applies: a conflict, a possible duplicate, a join.

    ``subject`` says what it is about (``person:12:phone``, ``row:5``, ``join:3``); ``choice``
    is one of the kind's choices; ``applied_at`` is set by the run that applied it.
    """

    __tablename__ = "admin_decisions"
    __table_args__ = (Index("ix_admin_decisions_open", "branch", "applied_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    branch: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(32))
    subject: Mapped[str] = mapped_column(String(160))
    choice: Mapped[str] = mapped_column(String(32))
    run_id: Mapped[int | None] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(128))
    at: Mapped[datetime]
    applied_at: Mapped[datetime | None]


class IgnoredRowError(Base):
    """A row error an operator chose to ignore: kept out of the errors page while it lasts."""

    __tablename__ = "admin_ignored_errors"

    branch: Mapped[str] = mapped_column(String(128), primary_key=True)
    tab: Mapped[str] = mapped_column(String(128), primary_key=True)
    locator: Mapped[str] = mapped_column(String(160), primary_key=True)
    kind: Mapped[str] = mapped_column(String(64), primary_key=True)
    actor: Mapped[str] = mapped_column(String(128))
    at: Mapped[datetime]


class DoorknockRoundRow(Base):
    """A door-knocking round tied to its Zetkin event (issue 15), with the values both sides
    agreed on at the end of the last cycle that wrote it (the three-way rule's base): the
    date, the meeting point and whether it is cancelled. No personal data."""

    __tablename__ = "doorknock_rounds"

    branch: Mapped[str] = mapped_column(String(128), primary_key=True)
    round_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    event_id: Mapped[int] = mapped_column(Integer)
    base: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime]


class DoorknockTallyRow(Base):
    """The last numbers read from a Zetkin area assignment linked to a round (issue 15): an
    old round's assignment is not read again every cycle. No personal data."""

    __tablename__ = "doorknock_tallies"

    branch: Mapped[str] = mapped_column(String(128), primary_key=True)
    assignment_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    round_id: Mapped[str] = mapped_column(String(64))
    team: Mapped[str] = mapped_column(String(256))
    knocked: Mapped[int | None] = mapped_column(Integer)
    opened: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime]


class SheetTabRow(Base):
    """A tab's sheetId as the last cycle that wrote saw it: the admin's links open a cell by
    ``#gid=<sheetId>&range=D5``, and no values request returns sheetIds."""

    __tablename__ = "sheet_tabs"

    branch: Mapped[str] = mapped_column(String(128), primary_key=True)
    tab: Mapped[str] = mapped_column(String(128), primary_key=True)
    sheet_id: Mapped[int] = mapped_column(Integer)
