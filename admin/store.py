"""The admin's own reads and writes on the ledger: users, sessions, failed logins, decisions,
ignored errors, and the few queries the pages need that the jobs' Ledger has no use for.

Kept beside :class:`ledger.Ledger` (same engine, same tables) so the jobs' store stays what the
jobs need; every method is one short transaction, as there.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, Table, and_, delete, func, insert, or_, select, update

from ledger import Ledger
from ledger.models import Base
from ledger.store import _RUN_COLUMNS, _audit_record, _error_record, _run_record

__all__ = ["AdminStore", "Decision", "SessionUser", "UserRecord", "digest"]

_users: Table = Base.metadata.tables["admin_users"]
_sessions: Table = Base.metadata.tables["admin_sessions"]
_attempts: Table = Base.metadata.tables["admin_login_attempts"]
_decisions: Table = Base.metadata.tables["admin_decisions"]
_ignored: Table = Base.metadata.tables["admin_ignored_errors"]
_runs: Table = Base.metadata.tables["sync_runs"]
_errors: Table = Base.metadata.tables["row_errors"]
_audit: Table = Base.metadata.tables["audit_entries"]
_links: Table = Base.metadata.tables["person_links"]
_call_tasks: Table = Base.metadata.tables["call_tasks"]
_call_rounds: Table = Base.metadata.tables["call_rounds"]
_call_register: Table = Base.metadata.tables["call_register"]


def digest(text: str) -> str:
    """A sha256 hex digest: what the ledger keeps of a session token, a name or an address."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class UserRecord:
    username: str
    password_hash: str
    role: str
    language: str | None


@dataclass(frozen=True)
class SessionUser:
    """Who a valid session cookie belongs to."""

    username: str
    role: str


@dataclass(frozen=True)
class Decision:
    id: int
    branch: str
    kind: str
    subject: str
    choice: str
    run_id: int | None
    actor: str
    at: datetime
    applied_at: datetime | None


def _now() -> datetime:
    return datetime.now(UTC)


class AdminStore:
    """The admin's reads and writes; ``ledger`` is the jobs' store over the same engine."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.engine: Engine = ledger.engine

    # -- users -------------------------------------------------------------------------------
    def add_user(
        self, username: str, password_hash: str, role: str, language: str | None = None
    ) -> bool:
        """Add or replace a user; True when the name was new."""
        with self.engine.begin() as conn:
            gone = conn.execute(delete(_users).where(_users.c.username == username)).rowcount
            conn.execute(
                insert(_users).values(
                    username=username,
                    password_hash=password_hash,
                    role=role,
                    language=language,
                    created_at=_now(),
                )
            )
            if gone:  # a changed password or role ends the user's open sessions
                conn.execute(
                    update(_sessions)
                    .where(_sessions.c.username == username, _sessions.c.revoked_at.is_(None))
                    .values(revoked_at=_now())
                )
        return not gone

    def user(self, username: str) -> UserRecord | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(_users).where(_users.c.username == username)).one_or_none()
        if row is None:
            return None
        return UserRecord(row.username, row.password_hash, row.role, row.language)

    def user_count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(_users)).scalar_one())

    # -- sessions ----------------------------------------------------------------------------
    def open_session(self, username: str, role: str, hours: int) -> str:
        """A new session; returns the token for the cookie (the ledger keeps its digest)."""
        token = secrets.token_urlsafe(32)
        now = _now()
        with self.engine.begin() as conn:
            conn.execute(
                insert(_sessions).values(
                    id=digest(token),
                    username=username,
                    role=role,
                    created_at=now,
                    expires_at=now + timedelta(hours=hours),
                    revoked_at=None,
                )
            )
        return token

    def session_user(self, token: str) -> SessionUser | None:
        """The user of a live session (not revoked, not expired), else None."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(_sessions.c.username, _sessions.c.role).where(
                    _sessions.c.id == digest(token),
                    _sessions.c.revoked_at.is_(None),
                    _sessions.c.expires_at > _now(),
                )
            ).one_or_none()
        return None if row is None else SessionUser(row.username, row.role)

    def revoke_session(self, token: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(_sessions)
                .where(_sessions.c.id == digest(token), _sessions.c.revoked_at.is_(None))
                .values(revoked_at=_now())
            )

    # -- failed logins -----------------------------------------------------------------------
    def failed_login(self, keys: Iterable[str]) -> None:
        now = _now()
        rows = [{"key": digest(k), "at": now} for k in keys]
        with self.engine.begin() as conn:
            conn.execute(insert(_attempts), rows)

    def too_many_failures(self, keys: Iterable[str], limit: int, window: timedelta) -> bool:
        """Whether any key (a name, an address) has ``limit`` failures within ``window``."""
        since = _now() - window
        with self.engine.connect() as conn:
            for key in keys:
                count = conn.execute(
                    select(func.count())
                    .select_from(_attempts)
                    .where(_attempts.c.key == digest(key), _attempts.c.at > since)
                ).scalar_one()
                if count >= limit:
                    return True
        return False

    def forget_failures(self, keys: Iterable[str], older_than: timedelta) -> None:
        """Drop old failures (and a name's, after a good login)."""
        with self.engine.begin() as conn:
            conn.execute(delete(_attempts).where(_attempts.c.at < _now() - older_than))
            conn.execute(delete(_attempts).where(_attempts.c.key.in_([digest(k) for k in keys])))

    # -- admin audit -------------------------------------------------------------------------
    def audit(
        self, actor: str, branch: str, target: str, what: str, person_id: int | None = None
    ) -> None:
        """Record an admin action (a decision, a view of a person page): no values, ever."""
        with self.engine.begin() as conn:
            conn.execute(
                insert(_audit).values(
                    at=_now(),
                    actor=actor,
                    branch=branch,
                    system="admin",
                    target=target,
                    field=what,
                    zetkin_person_id=person_id,
                    old_value=None,
                    new_value=None,
                )
            )

    # -- decisions ---------------------------------------------------------------------------
    def decide(
        self,
        branch: str,
        kind: str,
        subject: str,
        choice: str,
        actor: str,
        run_id: int | None = None,
        *,
        settled: bool = False,
    ) -> int:
        """Record a decision for the next run (a newer one on the same subject replaces it);
        ``settled``: the admin has already made its ledger change (a conflict's merge base)."""
        with self.engine.begin() as conn:
            conn.execute(
                delete(_decisions).where(
                    _decisions.c.branch == branch,
                    _decisions.c.kind == kind,
                    _decisions.c.subject == subject,
                    _decisions.c.applied_at.is_(None),
                )
            )
            key = conn.execute(
                insert(_decisions).values(
                    branch=branch,
                    kind=kind,
                    subject=subject,
                    choice=choice,
                    run_id=run_id,
                    actor=actor,
                    at=_now(),
                    applied_at=_now() if settled else None,
                )
            ).inserted_primary_key
        assert key is not None
        return int(key[0])

    def open_decisions(self, branch: str | None = None) -> list[Decision]:
        """Decisions no run has applied yet, oldest first."""
        query = select(_decisions).where(_decisions.c.applied_at.is_(None))
        if branch is not None:
            query = query.where(_decisions.c.branch == branch)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(_decisions.c.at, _decisions.c.id)).all()
        return [Decision(*(getattr(r, c.name) for c in _decisions.c)) for r in rows]

    def decisions(self, limit: int = 2000) -> list[Decision]:
        """The newest decisions, open or applied (what the decisions page marks as chosen)."""
        query = select(_decisions).order_by(_decisions.c.at.desc(), _decisions.c.id.desc())
        with self.engine.connect() as conn:
            rows = conn.execute(query.limit(limit)).all()
        return [Decision(*(getattr(r, c.name) for c in _decisions.c)) for r in reversed(rows)]

    # -- runs --------------------------------------------------------------------------------
    def job_sets(self, branch: str) -> list[str]:
        """The job sets ("reconcile", "reconcile+calls") a branch has runs of."""
        with self.engine.connect() as conn:
            return list(
                conn.execute(
                    select(_runs.c.job).where(_runs.c.branch == branch).distinct()
                ).scalars()
            )

    def last_run(self, branch: str, job_set: str, statuses: Sequence[str] = ()) -> Any:
        query = select(*_RUN_COLUMNS).where(_runs.c.branch == branch, _runs.c.job == job_set)
        if statuses:
            query = query.where(_runs.c.status.in_(list(statuses)))
        query = query.order_by(_runs.c.started_at.desc(), _runs.c.id.desc()).limit(1)
        with self.engine.connect() as conn:
            row = conn.execute(query).one_or_none()
        return None if row is None else _run_record(row)

    def held_runs(self, limit: int = 50) -> list[Any]:
        """Runs waiting for approval, newest first."""
        query = (
            select(*_RUN_COLUMNS)
            .where(_runs.c.status == "held")
            .order_by(_runs.c.started_at.desc(), _runs.c.id.desc())
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [_run_record(r) for r in conn.execute(query)]

    def runs(
        self,
        *,
        branch: str | None = None,
        job: str | None = None,
        status: str | None = None,
        before: int | None = None,
        limit: int = 50,
    ) -> list[Any]:
        """Run history, newest first, filtered; ``before`` pages on by run id."""
        query = select(*_RUN_COLUMNS)
        if branch:
            query = query.where(_runs.c.branch == branch)
        if job:
            query = query.where(
                or_(
                    _runs.c.job == job,
                    _runs.c.job.like(f"{job}+%"),
                    _runs.c.job.like(f"%+{job}"),
                    _runs.c.job.like(f"%+{job}+%"),
                )
            )
        if status:
            query = query.where(_runs.c.status == status)
        if before is not None:
            query = query.where(_runs.c.id < before)
        query = query.order_by(_runs.c.id.desc()).limit(limit)
        with self.engine.connect() as conn:
            return [_run_record(r) for r in conn.execute(query)]

    # -- row errors --------------------------------------------------------------------------
    def open_errors(self, branch: str | None = None, limit: int = 2000) -> list[Any]:
        """Open row errors an operator has not chosen to ignore, by branch, tab and kind."""
        ignored = (
            select(_ignored.c.locator)
            .where(
                and_(
                    _ignored.c.branch == _errors.c.branch,
                    _ignored.c.tab == _errors.c.tab,
                    _ignored.c.locator == _errors.c.locator,
                    _ignored.c.kind == _errors.c.kind,
                )
            )
            .exists()
        )
        query = select(_errors).where(_errors.c.resolved_at.is_(None), ~ignored)
        if branch:
            query = query.where(_errors.c.branch == branch)
        query = query.order_by(
            _errors.c.branch, _errors.c.kind, _errors.c.tab, _errors.c.first_seen, _errors.c.id
        ).limit(limit)
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [_error_record(r) for r in rows]

    def open_error_counts(self) -> dict[str, int]:
        """Open row errors per branch (ignored ones included: they are still open)."""
        query = (
            select(_errors.c.branch, func.count())
            .where(_errors.c.resolved_at.is_(None))
            .group_by(_errors.c.branch)
        )
        with self.engine.connect() as conn:
            return {branch: int(n) for branch, n in conn.execute(query)}

    def resolve_error(self, error_id: int) -> Any:
        """Mark one open error resolved (a run that still sees it opens it again)."""
        with self.engine.begin() as conn:
            row = conn.execute(select(_errors).where(_errors.c.id == error_id)).one_or_none()
            if row is None:
                return None
            conn.execute(
                update(_errors)
                .where(_errors.c.id == error_id, _errors.c.resolved_at.is_(None))
                .values(resolved_at=_now())
            )
        return _error_record(row)

    def ignore_error(self, error_id: int, actor: str) -> Any:
        """Keep one error off the errors page for as long as it lasts."""
        with self.engine.begin() as conn:
            row = conn.execute(select(_errors).where(_errors.c.id == error_id)).one_or_none()
            if row is None:
                return None
            conn.execute(
                delete(_ignored).where(
                    _ignored.c.branch == row.branch,
                    _ignored.c.tab == row.tab,
                    _ignored.c.locator == row.locator,
                    _ignored.c.kind == row.kind,
                )
            )
            conn.execute(
                insert(_ignored).values(
                    branch=row.branch,
                    tab=row.tab,
                    locator=row.locator,
                    kind=row.kind,
                    actor=actor,
                    at=_now(),
                )
            )
        return _error_record(row)

    # -- people (privacy) --------------------------------------------------------------------
    def links(self, branch: str) -> list[tuple[int, str, dict[str, Any]]]:
        query = select(_links.c.zetkin_person_id, _links.c.sheet_row_key, _links.c.base).where(
            _links.c.branch == branch
        )
        with self.engine.connect() as conn:
            return [(pid, key, dict(base or {})) for pid, key, base in conn.execute(query)]

    def link(self, branch: str, person_id: int) -> tuple[str, dict[str, Any]] | None:
        """One person's link: (row key, base), or None."""
        query = select(_links.c.sheet_row_key, _links.c.base).where(
            _links.c.branch == branch, _links.c.zetkin_person_id == person_id
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).one_or_none()
        return None if row is None else (row.sheet_row_key, dict(row.base or {}))

    def person_calls(self, branch: str, person_id: int) -> list[Any]:
        query = (
            select(_call_tasks)
            .where(_call_tasks.c.branch == branch, _call_tasks.c.person_id == person_id)
            .order_by(_call_tasks.c.created)
        )
        with self.engine.connect() as conn:
            return list(conn.execute(query).all())

    def person_register(self, branch: str, person_id: int) -> list[Any]:
        query = select(_call_register).where(
            _call_register.c.branch == branch, _call_register.c.person_id == person_id
        )
        with self.engine.connect() as conn:
            return list(conn.execute(query).all())

    def person_audit(self, branch: str, person_id: int, limit: int = 500) -> list[Any]:
        query = (
            select(_audit)
            .where(_audit.c.branch == branch, _audit.c.zetkin_person_id == person_id)
            .order_by(_audit.c.at.desc(), _audit.c.id.desc())
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [_audit_record(r) for r in conn.execute(query)]

    # -- measures ----------------------------------------------------------------------------
    def call_tasks(self, branch: str) -> list[Any]:
        query = select(
            _call_tasks.c.kind,
            _call_tasks.c.round_id,
            _call_tasks.c.created,
            _call_tasks.c.due,
            _call_tasks.c.state,
            _call_tasks.c.outcome,
            _call_tasks.c.outcome_at,
            _call_tasks.c.history,
        ).where(_call_tasks.c.branch == branch)
        with self.engine.connect() as conn:
            return list(conn.execute(query).all())

    def call_rounds(self, branch: str) -> list[Any]:
        query = (
            select(_call_rounds)
            .where(_call_rounds.c.branch == branch)
            .order_by(_call_rounds.c.start, _call_rounds.c.id)
        )
        with self.engine.connect() as conn:
            return list(conn.execute(query).all())


def month_key(value: datetime | date) -> str:
    return f"{value.year:04d}-{value.month:02d}"
