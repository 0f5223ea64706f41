"""The :class:`Ledger`: the few operations jobs and the admin need, over plain SQL.

Every method is one short transaction and takes and returns frozen records, never ORM
objects, so callers cannot hold a session open across a sync. Bulk operations (links, audit,
row errors) use ``executemany`` with the dialect's ``INSERT ... ON CONFLICT``: a branch with
20,000 members is saved in one round of statements, not 20,000.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from types import TracebackType
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import (
    Connection,
    Engine,
    Insert,
    Row,
    Table,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url

from bridge.calls import (
    Attempt,
    CallRound,
    CallState,
    CallTask,
    DoNotContact,
    Outcome,
    Reason,
    TaskKind,
    TaskState,
)
from bridge.errors import ConfigError, PermanentError
from bridge.messages import t
from bridge.redact import redact
from ledger import migrate
from ledger.models import Base
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

__all__ = ["Ledger", "LedgerStateError", "make_engine", "open_ledger", "value_free"]

_runs: Table = Base.metadata.tables["sync_runs"]
_errors: Table = Base.metadata.tables["row_errors"]
_sheet_tabs: Table = Base.metadata.tables["sheet_tabs"]
_links: Table = Base.metadata.tables["person_links"]
_audit: Table = Base.metadata.tables["audit_entries"]
_tokens: Table = Base.metadata.tables["oauth_tokens"]
_creates: Table = Base.metadata.tables["pending_creates"]
_call_tasks: Table = Base.metadata.tables["call_tasks"]
_call_register: Table = Base.metadata.tables["call_register"]
_call_rounds: Table = Base.metadata.tables["call_rounds"]
_applied: Table = Base.metadata.tables["applied_writes"]
_mirrors: Table = Base.metadata.tables["call_mirrors"]
_decisions: Table = Base.metadata.tables["admin_decisions"]
_doorknock: Table = Base.metadata.tables["doorknock_rounds"]
_tallies: Table = Base.metadata.tables["doorknock_tallies"]

_FINISHED = ("ok", "failed", "dry_run", "skipped")
_SYSTEMS = ("sheets", "zetkin")
_CHUNK = 500  # ids per IN (...) list: far below every database's parameter limit
_ERROR_LIMIT = 4000


class LedgerStateError(PermanentError):
    """A run is not in the state the operation needs (unknown, already finished, not held)."""


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the admin read while a worker writes; busy_timeout waits instead of failing.
    # busy_timeout first: switching a new file to WAL needs a lock another process may hold.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url``; for a SQLite file, its directory is created first."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if (
            parsed.database
            and parsed.database != ":memory:"
            and not parsed.database.startswith("file:")
        ):
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(parsed, pool_pre_ping=True)


def open_ledger(
    url: str, *, upgrade: bool = True, clock: Callable[[], datetime] | None = None
) -> Ledger:
    """Connect to the ledger at ``url`` and, unless told not to, migrate it to the newest schema.

    Every command that needs the ledger calls this on start-up, so a new release never runs
    against an old schema.
    """
    engine = make_engine(url)
    try:
        if upgrade:
            migrate.upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return Ledger(engine, clock=clock)


def _upsert(conn: Connection, table: Table, keys: Sequence[str], updates: Sequence[str]) -> Insert:
    dialect = conn.dialect.name
    if dialect == "postgresql":
        pg = postgresql.insert(table)
        return pg.on_conflict_do_update(
            index_elements=list(keys), set_={c: pg.excluded[c] for c in updates}
        )
    if dialect == "sqlite":
        lite = sqlite.insert(table)
        return lite.on_conflict_do_update(
            index_elements=list(keys), set_={c: lite.excluded[c] for c in updates}
        )
    raise ConfigError(
        f"the ledger supports SQLite and PostgreSQL, not {dialect}", where="database_url"
    )


def _fernet(key: str | bytes) -> Fernet:
    try:
        return Fernet(key)
    except (ValueError, TypeError):
        raise ConfigError(
            "the ledger key is not a valid Fernet key",
            where="ledger_key",
            hint="make one with: python -c 'from cryptography.fernet import Fernet; "
            "print(Fernet.generate_key().decode())'",
        ) from None


def _run_record(row: Row[Any]) -> RunRecord:
    return RunRecord(
        id=row.id,
        job=row.job,
        branch=row.branch,
        status=row.status,
        started_at=row.started_at,
        finished_at=row.finished_at,
        counts=row.counts or {},
        requests=row.requests or {},
        plan_summary=row.plan_summary or {},
        sources_fingerprint=row.sources_fingerprint,
        error=row.error,
        has_held_plan=bool(row.has_held_plan),
    )


def _error_record(row: Row[Any]) -> RowErrorRecord:
    return RowErrorRecord(
        id=row.id,
        branch=row.branch,
        tab=row.tab,
        cell=row.cell,
        row_key=row.row_key,
        kind=row.kind,
        message=row.message,
        first_seen=row.first_seen,
        last_seen=row.last_seen,
        resolved_at=row.resolved_at,
        seen=row.seen,
    )


def _audit_record(row: Row[Any]) -> AuditRecord:
    return AuditRecord(
        id=row.id,
        at=row.at,
        actor=row.actor,
        branch=row.branch,
        system=row.system,
        target=row.target,
        field=row.field,
        zetkin_person_id=row.zetkin_person_id,
        old_value=row.old_value,
        new_value=row.new_value,
    )


_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"")


def _blank(quoted: re.Match[str]) -> str:
    """Keep the quotes, drop what is between them."""
    text = quoted.group(0)
    return text[0] + "…" + text[-1]


def value_free(message: str) -> str:
    """A row error's message without the typed value: quoted text blanked, then redacted.

    The catalogue quotes every typed value («…» in bokmål, “…” in English), so blanking quotes
    removes it; :func:`bridge.redact.redact` catches a phone or e-mail left unquoted.
    """
    return redact(_QUOTED.sub(_blank, message))


def _locator(error: RowErrorIn) -> str:
    if error.row_key:
        return error.row_key
    return "@" + (error.cell or "").upper()


_RUN_COLUMNS = (
    *(c for c in _runs.c if c.name != "held_plan"),
    _runs.c.held_plan.is_not(None).label("has_held_plan"),
)


class Ledger:
    """The bridge's memory: runs, row errors, person links, audit log and OAuth tokens."""

    def __init__(self, engine: Engine, *, clock: Callable[[], datetime] | None = None) -> None:
        self._engine = engine
        self._now = clock or _utcnow

    @property
    def engine(self) -> Engine:
        return self._engine

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- sync runs ---------------------------------------------------------------------------

    def start_run(self, job: str, branch: str) -> int:
        """Record that ``job`` started for ``branch``; returns the run id (``run:<id>``)."""
        with self._engine.begin() as conn:
            result = conn.execute(
                insert(_runs).values(
                    job=job,
                    branch=branch,
                    started_at=self._now(),
                    status="running",
                    counts={},
                    requests={},
                    plan_summary={},
                )
            )
            key = result.inserted_primary_key
            assert key is not None
            return int(key[0])

    def _close_run(self, run_id: int, values: dict[str, Any]) -> None:
        with self._engine.begin() as conn:
            result = conn.execute(
                update(_runs)
                .where(_runs.c.id == run_id, _runs.c.status == "running")
                .values(finished_at=self._now(), **values)
            )
            if result.rowcount != 1:
                raise LedgerStateError(
                    "the run is unknown or already finished", where=f"run:{run_id}"
                )

    def finish_run(
        self,
        run_id: int,
        status: str,
        *,
        counts: Mapping[str, Any],
        requests: Mapping[str, int],
        plan_summary: Mapping[str, Any],
        error: str | None = None,
    ) -> None:
        """Close a running run as ``ok``, ``failed`` or ``dry_run``.

        ``error`` is redacted and shortened here as a last guard: it ends up on the admin page.
        """
        if status not in _FINISHED:
            raise ValueError(f"a run finishes as one of {_FINISHED}, not {status!r}")
        if error is not None:
            error = redact(error)[:_ERROR_LIMIT]
        self._close_run(
            run_id,
            {
                "status": status,
                "counts": dict(counts),
                "requests": dict(requests),
                "plan_summary": dict(plan_summary),
                "error": error,
            },
        )

    def hold_run(
        self,
        run_id: int,
        plan: Mapping[str, Any],
        fingerprint: str,
        summary: Mapping[str, Any],
        *,
        counts: Mapping[str, Any] | None = None,
        requests: Mapping[str, int] | None = None,
    ) -> None:
        """Close a run as ``held``: its full plan waits for a person's approval.

        ``fingerprint`` identifies the sources the plan was made from, so that applying it
        later can first check nothing has changed since.
        """
        self._close_run(
            run_id,
            {
                "status": "held",
                "held_plan": dict(plan),
                "sources_fingerprint": fingerprint,
                "plan_summary": dict(summary),
                "counts": dict(counts or {}),
                "requests": dict(requests or {}),
            },
        )

    def approve_run(self, run_id: int) -> HeldPlan:
        """Mark a held run approved and hand back its plan; a second approval fails.

        The status changes with a conditional UPDATE, so two admins clicking at once cannot
        both get the plan to apply.
        """
        with self._engine.begin() as conn:
            result = conn.execute(
                update(_runs)
                .where(_runs.c.id == run_id, _runs.c.status == "held")
                .values(status="approved")
            )
            if result.rowcount != 1:
                raise LedgerStateError("the run is not waiting for approval", where=f"run:{run_id}")
            row = conn.execute(
                select(_runs.c.held_plan, _runs.c.sources_fingerprint).where(_runs.c.id == run_id)
            ).one()
        return HeldPlan(
            run_id=run_id, plan=row.held_plan or {}, fingerprint=row.sources_fingerprint
        )

    def held_plan(self, run_id: int) -> HeldPlan | None:
        """The plan a run holds (held or approved), e.g. for the admin to show before approving."""
        with self._engine.connect() as conn:
            row = conn.execute(
                select(_runs.c.held_plan, _runs.c.sources_fingerprint).where(_runs.c.id == run_id)
            ).one_or_none()
        if row is None or row.held_plan is None:
            return None
        return HeldPlan(run_id=run_id, plan=row.held_plan, fingerprint=row.sources_fingerprint)

    def get_run(self, run_id: int) -> RunRecord | None:
        with self._engine.connect() as conn:
            row = conn.execute(select(*_RUN_COLUMNS).where(_runs.c.id == run_id)).one_or_none()
        return None if row is None else _run_record(row)

    def recent_runs(
        self, limit: int = 20, branch: str | None = None, job: str | None = None
    ) -> list[RunRecord]:
        """The newest runs first, optionally of one branch and/or job."""
        query = select(*_RUN_COLUMNS).order_by(_runs.c.started_at.desc(), _runs.c.id.desc())
        if branch is not None:
            query = query.where(_runs.c.branch == branch)
        if job is not None:
            query = query.where(_runs.c.job == job)
        with self._engine.connect() as conn:
            return [_run_record(row) for row in conn.execute(query.limit(limit))]

    def close_abandoned_runs(self, branch: str) -> int:
        """Close the branch's runs left "running" as "aborted"; returns how many.

        Only the holder of the branch lock may call this: holding it proves whoever started
        those runs is dead (its lock ended), so they will never finish on their own.
        """
        with self._engine.begin() as conn:
            result = conn.execute(
                update(_runs)
                .where(_runs.c.branch == branch, _runs.c.status == "running")
                .values(status="aborted", finished_at=self._now(), error=t("run.aborted"))
            )
            return int(result.rowcount)

    # -- row errors --------------------------------------------------------------------------

    def sync_row_errors(self, branch: str, tab: str, current: Iterable[RowErrorIn]) -> RowErrorSync:
        """Make the open errors of one tab exactly ``current``.

        An error seen before keeps its ``first_seen`` and gets a new ``last_seen`` (and the
        newest message and cell, since rows move); an open error not in ``current`` is
        resolved; a resolved error that comes back is opened again as a new occurrence.
        """
        now = self._now()
        incoming: dict[tuple[str, str], RowErrorIn] = {}
        for error in current:
            incoming[(_locator(error), error.kind)] = error
        with self._engine.begin() as conn:
            existing = {
                (row.locator, row.kind): row
                for row in conn.execute(
                    select(
                        _errors.c.id,
                        _errors.c.locator,
                        _errors.c.kind,
                        _errors.c.first_seen,
                        _errors.c.resolved_at,
                        _errors.c.seen,
                    ).where(_errors.c.branch == branch, _errors.c.tab == tab)
                )
            }
            inserts: list[dict[str, Any]] = []
            updates: list[dict[str, Any]] = []
            opened = still_open = 0
            for identity, error in incoming.items():
                values = {
                    "cell": error.cell.upper() if error.cell else None,
                    "row_key": error.row_key or None,
                    "message": value_free(error.message),
                    "last_seen": now,
                }
                old = existing.get(identity)
                if old is None:
                    opened += 1
                    inserts.append(
                        {
                            **values,
                            "branch": branch,
                            "tab": tab,
                            "locator": identity[0],
                            "kind": error.kind,
                            "first_seen": now,
                            "resolved_at": None,
                            "seen": 1,
                        }
                    )
                    continue
                if old.resolved_at is None:
                    still_open += 1
                    first_seen, seen = old.first_seen, (old.seen or 1) + 1
                else:
                    opened += 1
                    first_seen, seen = now, 1
                updates.append({**values, "_id": old.id, "first_seen": first_seen, "seen": seen})
            gone = [
                row.id
                for identity, row in existing.items()
                if row.resolved_at is None and identity not in incoming
            ]
            if inserts:
                conn.execute(insert(_errors), inserts)
            if updates:
                conn.execute(
                    update(_errors)
                    .where(_errors.c.id == bindparam("_id"))
                    .values(
                        cell=bindparam("cell"),
                        row_key=bindparam("row_key"),
                        message=bindparam("message"),
                        last_seen=bindparam("last_seen"),
                        first_seen=bindparam("first_seen"),
                        seen=bindparam("seen"),
                        resolved_at=None,
                    ),
                    updates,
                )
            for chunk in _chunks(gone):
                conn.execute(update(_errors).where(_errors.c.id.in_(chunk)).values(resolved_at=now))
        return RowErrorSync(opened=opened, still_open=still_open, resolved=len(gone))

    def save_sheet_ids(self, branch: str, sheet_ids: Mapping[str, int]) -> None:
        """Record the tabs' sheetIds a cycle saw (only what changed is written)."""
        known = self.sheet_ids(branch)
        changed = {k: v for k, v in sheet_ids.items() if known.get(k) != v}
        if not changed:
            return
        with self._engine.begin() as conn:
            conn.execute(
                delete(_sheet_tabs).where(
                    _sheet_tabs.c.branch == branch, _sheet_tabs.c.tab.in_(list(changed))
                )
            )
            conn.execute(
                insert(_sheet_tabs),
                [{"branch": branch, "tab": k, "sheet_id": v} for k, v in changed.items()],
            )

    def sheet_ids(self, branch: str) -> dict[str, int]:
        """Tab key -> sheetId, as the last cycle that wrote saw them."""
        query = select(_sheet_tabs.c.tab, _sheet_tabs.c.sheet_id).where(
            _sheet_tabs.c.branch == branch
        )
        with self._engine.connect() as conn:
            return {row.tab: row.sheet_id for row in conn.execute(query)}

    def open_row_errors(
        self, branch: str | None = None, tab: str | None = None
    ) -> list[RowErrorRecord]:
        """Unresolved row errors, oldest first within each branch and tab."""
        query = select(_errors).where(_errors.c.resolved_at.is_(None))
        if branch is not None:
            query = query.where(_errors.c.branch == branch)
        if tab is not None:
            query = query.where(_errors.c.tab == tab)
        query = query.order_by(_errors.c.branch, _errors.c.tab, _errors.c.first_seen, _errors.c.id)
        with self._engine.connect() as conn:
            return [_error_record(row) for row in conn.execute(query)]

    # -- person links ------------------------------------------------------------------------

    def load_links(self, branch: str) -> dict[int, Link]:
        """Every link of a branch by Zetkin person id: the bases for the next three-way merge."""
        query = select(_links.c.zetkin_person_id, _links.c.sheet_row_key, _links.c.base).where(
            _links.c.branch == branch
        )
        with self._engine.connect() as conn:
            return {
                pid: Link(zetkin_person_id=pid, row_key=key, base=base or {})
                for pid, key, base in conn.execute(query)
            }

    def save_links(self, branch: str, links: Iterable[Link]) -> int:
        """Insert or update links in bulk (one ``executemany``); ``first_seen`` is kept."""
        now = self._now()
        rows = {
            link.zetkin_person_id: {
                "branch": branch,
                "zetkin_person_id": link.zetkin_person_id,
                "sheet_row_key": link.row_key,
                "base": dict(link.base),
                "first_seen": now,
                "updated_at": now,
            }
            for link in links
        }
        if not rows:
            return 0
        with self._engine.begin() as conn:
            statement = _upsert(
                conn,
                _links,
                ("branch", "zetkin_person_id"),
                ("sheet_row_key", "base", "updated_at"),
            )
            conn.execute(statement, list(rows.values()))
        return len(rows)

    def delete_links(self, branch: str, ids: Iterable[int]) -> int:
        """Forget the links of these people (they left the selection); returns how many."""
        wanted = sorted(set(ids))
        deleted = 0
        with self._engine.begin() as conn:
            for chunk in _chunks(wanted):
                result = conn.execute(
                    delete(_links).where(
                        _links.c.branch == branch, _links.c.zetkin_person_id.in_(chunk)
                    )
                )
                deleted += result.rowcount
        return deleted

    # -- pending creates ---------------------------------------------------------------------

    def record_creates(self, branch: str, creates: Iterable[PendingCreate]) -> int:
        """Remember creates before their request goes out (Stripe's idempotency pattern).

        Recording the same ref again updates its anchor and base: a retried run may have
        planned the row anew.
        """
        now = self._now()
        rows = {
            c.ref: {
                "branch": branch,
                "ref": c.ref,
                "anchor": dict(c.anchor),
                "base": dict(c.base),
                "recorded_at": now,
            }
            for c in creates
        }
        if not rows:
            return 0
        with self._engine.begin() as conn:
            statement = _upsert(conn, _creates, ("branch", "ref"), ("anchor", "base"))
            conn.execute(statement, list(rows.values()))
        return len(rows)

    def open_creates(self, branch: str) -> list[PendingCreate]:
        """Creates of the branch whose outcome no run has recorded yet, oldest first."""
        query = (
            select(_creates.c.ref, _creates.c.anchor, _creates.c.base)
            .where(_creates.c.branch == branch)
            .order_by(_creates.c.recorded_at, _creates.c.ref)
        )
        with self._engine.connect() as conn:
            return [
                PendingCreate(ref=ref, anchor=anchor or {}, base=base or {})
                for ref, anchor, base in conn.execute(query)
            ]

    def finish_creates(self, branch: str, outcomes: Mapping[str, int | None]) -> int:
        """Forget creates whose outcome is known: ``{ref: person_id}``, or None when Zetkin
        never made the person. The link (in :meth:`save_links`) is what remembers a person;
        the pending row and the personal data in it go. Returns how many were open."""
        refs = sorted(outcomes)
        finished = 0
        with self._engine.begin() as conn:
            for chunk in _chunks(refs):
                result = conn.execute(
                    delete(_creates).where(_creates.c.branch == branch, _creates.c.ref.in_(chunk))
                )
                finished += result.rowcount
        return finished

    # -- call lists --------------------------------------------------------------------------

    def load_call_state(self, branch: str, *, tz: tzinfo = UTC) -> CallState:
        """Everything stored about a branch's calls, times in ``tz`` (the branch's clock)."""
        with self._engine.connect() as conn:
            tasks = conn.execute(
                select(_call_tasks).where(_call_tasks.c.branch == branch).order_by(_call_tasks.c.id)
            ).all()
            register = conn.execute(
                select(_call_register)
                .where(_call_register.c.branch == branch)
                .order_by(_call_register.c.person_id, _call_register.c.reason)
            ).all()
            rounds = conn.execute(
                select(_call_rounds)
                .where(_call_rounds.c.branch == branch)
                .order_by(_call_rounds.c.id)
            ).all()
            applied = conn.execute(
                select(_applied.c.key).where(_applied.c.branch == branch)
            ).scalars()
            keys = frozenset(applied)
        return CallState(
            tasks=tuple(_task_of(r, tz) for r in tasks),
            register=tuple(_entry_of(r, tz) for r in register),
            rounds=tuple(
                CallRound(r.id, r.name, r.rule, r.start, r.end, r.purpose) for r in rounds
            ),
            applied=keys,
        )

    def person_call_data(
        self, branch: str, zetkin_person_id: int, *, tz: tzinfo = UTC
    ) -> PersonCallData:
        """The call data held about one person: their tasks (attempts, outcomes, answers,
        callers), register entries and the keys of the Zetkin notes and tags written for
        those tasks (the note texts live in Zetkin). For an access request and the admin's
        person page."""
        with self._engine.connect() as conn:
            tasks = conn.execute(
                select(_call_tasks)
                .where(_call_tasks.c.branch == branch, _call_tasks.c.person_id == zetkin_person_id)
                .order_by(_call_tasks.c.id)
            ).all()
            register = conn.execute(
                select(_call_register)
                .where(
                    _call_register.c.branch == branch,
                    _call_register.c.person_id == zetkin_person_id,
                )
                .order_by(_call_register.c.reason)
            ).all()
            ids = [r.id for r in tasks]
            writes: list[str] = []
            for chunk in _chunks(ids):
                found = conn.execute(
                    select(_applied.c.key).where(
                        _applied.c.branch == branch,
                        or_(*(_applied.c.key.startswith(f"{i}:") for i in chunk)),
                    )
                ).scalars()
                writes.extend(found)
        return PersonCallData(
            tasks=tuple(_task_of(r, tz) for r in tasks),
            register=tuple(_entry_of(r, tz) for r in register),
            zetkin_writes=tuple(sorted(writes)),
        )

    def add_applied_keys(self, branch: str, keys: Iterable[str]) -> int:
        """Record the keys of Zetkin writes just made (before the rest of the run is saved, so
        a run that fails later never makes them again); returns how many were new."""
        wanted = set(keys)
        if not wanted:
            return 0
        now = self._now()
        with self._engine.begin() as conn:
            known = set(
                conn.execute(select(_applied.c.key).where(_applied.c.branch == branch)).scalars()
            )
            new = [
                {"branch": branch, "key": key, "applied_at": now} for key in sorted(wanted - known)
            ]
            if new:
                conn.execute(insert(_applied), new)
        return len(new)

    def save_call_state(self, branch: str, state: CallState) -> None:
        """Replace the branch's tasks, register and rounds with ``state``'s, and add its applied
        keys (never forgotten: a key once applied stays applied), in one transaction."""
        tasks = [
            {
                "branch": branch,
                "id": task.id,
                "person_id": task.person_id,
                "kind": task.kind.value,
                "round_id": task.round_id,
                "caller": task.caller,
                "created": task.created,
                "due": task.due,
                "assigned_at": task.assigned_at,
                "attempt": task.attempt,
                "attempt_started": task.attempt_started,
                "state": task.state.value,
                "outcome": task.outcome.value if task.outcome else None,
                "outcome_at": task.outcome_at,
                "next_attempt_after": task.next_attempt_after,
                "history": [
                    {
                        "number": a.number,
                        "outcome": a.outcome.value,
                        "at": a.at.astimezone(UTC).isoformat(),
                        "caller": a.caller,
                    }
                    for a in task.history
                ],
                "answers": [[key, value] for key, value in task.answers],
            }
            for task in state.tasks
        ]
        register = [
            {
                "branch": branch,
                "person_id": e.person_id,
                "reason": e.reason.value,
                "source": e.source,
                "since": e.since,
                "until": e.until,
                "phone": e.phone,
            }
            for e in state.register
        ]
        rounds = [
            {
                "branch": branch,
                "id": r.id,
                "name": r.name,
                "rule": r.rule,
                "start": r.start,
                "end": r.end,
                "purpose": r.purpose,
            }
            for r in state.rounds
        ]
        now = self._now()
        with self._engine.begin() as conn:
            for table, rows in ((_call_tasks, tasks), (_call_register, register),
                                (_call_rounds, rounds)):  # fmt: skip
                conn.execute(delete(table).where(table.c.branch == branch))
                if rows:
                    conn.execute(insert(table), rows)
            known = set(conn.execute(select(_applied.c.key).where(_applied.c.branch == branch))
                        .scalars())  # fmt: skip
            new = [
                {"branch": branch, "key": key, "applied_at": now}
                for key in sorted(state.applied - known)
            ]
            if new:
                conn.execute(insert(_applied), new)

    def call_mirrors(self, branch: str) -> dict[str, CallMirror]:
        """The branch's mirrored rounds, by round id."""
        with self._engine.connect() as conn:
            rows = conn.execute(select(_mirrors).where(_mirrors.c.branch == branch)).all()
        return {
            r.round_id: CallMirror(
                r.round_id, r.ref, r.assignment_id, r.target_query_id, dict(r.synced or {})
            )
            for r in rows
        }

    def save_call_mirror(self, branch: str, mirror: CallMirror) -> None:
        """Record a mirror (before its create request, and after every write to it)."""
        values = {
            "branch": branch,
            "round_id": mirror.round_id,
            "ref": mirror.ref,
            "assignment_id": mirror.assignment_id,
            "target_query_id": mirror.target_query_id,
            "synced": dict(mirror.synced),
            "recorded_at": self._now(),
        }
        with self._engine.begin() as conn:
            conn.execute(
                delete(_mirrors).where(
                    _mirrors.c.branch == branch, _mirrors.c.round_id == mirror.round_id
                )
            )
            conn.execute(insert(_mirrors), [values])

    # -- the admin's decisions (issue 16) ---------------------------------------------------

    def open_decisions(self, branch: str) -> list[DecisionRecord]:
        """Decisions made in the admin that no run has applied yet, oldest first."""
        query = (
            select(_decisions.c.id, _decisions.c.kind, _decisions.c.subject, _decisions.c.choice)
            .where(_decisions.c.branch == branch, _decisions.c.applied_at.is_(None))
            .order_by(_decisions.c.at, _decisions.c.id)
        )
        with self._engine.connect() as conn:
            return [DecisionRecord(*row) for row in conn.execute(query)]

    def mark_decisions_applied(self, ids: Iterable[int]) -> int:
        """Close decisions a run has applied (or found settled already); returns how many."""
        wanted = sorted(set(ids))
        done = 0
        with self._engine.begin() as conn:
            for chunk in _chunks(wanted):
                done += conn.execute(
                    update(_decisions)
                    .where(_decisions.c.id.in_(chunk), _decisions.c.applied_at.is_(None))
                    .values(applied_at=self._now())
                ).rowcount
        return done

    # -- audit -------------------------------------------------------------------------------

    # -- door-knocking rounds (issue 15) -------------------------------------------------------

    def load_doorknock_bases(self, branch: str) -> dict[str, dict[str, Any]]:
        """Round id -> the stored base (with ``event_id``) of every round of a branch."""
        query = select(_doorknock.c.round_id, _doorknock.c.event_id, _doorknock.c.base).where(
            _doorknock.c.branch == branch
        )
        with self._engine.connect() as conn:
            return {
                rid: {**(base or {}), "event_id": eid} for rid, eid, base in conn.execute(query)
            }

    def save_doorknock_bases(self, branch: str, bases: Mapping[str, Mapping[str, Any]]) -> int:
        """Insert or update round bases in bulk (one ``executemany``)."""
        now = self._now()
        rows = [
            {
                "branch": branch,
                "round_id": rid,
                "event_id": int(base["event_id"]),
                "base": {k: v for k, v in base.items() if k != "event_id"},
                "updated_at": now,
            }
            for rid, base in bases.items()
        ]
        if not rows:
            return 0
        with self._engine.begin() as conn:
            statement = _upsert(
                conn, _doorknock, ("branch", "round_id"), ("event_id", "base", "updated_at")
            )
            conn.execute(statement, rows)
        return len(rows)

    def load_doorknock_tallies(
        self, branch: str
    ) -> dict[int, tuple[str, str, int | None, int | None]]:
        """Assignment id -> (round id, team, knocked, opened) as last read."""
        t = _tallies.c
        query = select(t.assignment_id, t.round_id, t.team, t.knocked, t.opened).where(
            t.branch == branch
        )
        with self._engine.connect() as conn:
            return {aa: (rid, team, k, o) for aa, rid, team, k, o in conn.execute(query)}

    def save_doorknock_tallies(
        self, branch: str, tallies: Mapping[int, tuple[str, str, int | None, int | None]]
    ) -> int:
        """Insert or update the numbers read from area assignments (one ``executemany``)."""
        now = self._now()
        rows = [
            {"branch": branch, "assignment_id": aa, "round_id": rid, "team": team,
             "knocked": knocked, "opened": opened, "updated_at": now}
            for aa, (rid, team, knocked, opened) in tallies.items()
        ]  # fmt: skip
        if not rows:
            return 0
        with self._engine.begin() as conn:
            statement = _upsert(
                conn,
                _tallies,
                ("branch", "assignment_id"),
                ("round_id", "team", "knocked", "opened", "updated_at"),
            )
            conn.execute(statement, rows)
        return len(rows)

    def applied_keys(self, branch: str, prefix: str = "") -> frozenset[str]:
        """The keys of Zetkin writes already made (starting with ``prefix``)."""
        query = select(_applied.c.key).where(_applied.c.branch == branch)
        if prefix:
            query = query.where(_applied.c.key.startswith(prefix))
        with self._engine.connect() as conn:
            return frozenset(conn.execute(query).scalars())

    def add_audit(self, entries: Iterable[AuditIn]) -> int:
        """Append audit entries in bulk; returns how many."""
        now = self._now()
        rows = []
        for entry in entries:
            if entry.system not in _SYSTEMS:
                raise ValueError(f"audit system is one of {_SYSTEMS}, not {entry.system!r}")
            rows.append(
                {
                    "at": entry.at or now,
                    "actor": entry.actor,
                    "branch": entry.branch,
                    "system": entry.system,
                    "target": entry.target,
                    "field": entry.field,
                    "zetkin_person_id": entry.zetkin_person_id,
                    "old_value": entry.old_value,
                    "new_value": entry.new_value,
                }
            )
        if rows:
            with self._engine.begin() as conn:
                conn.execute(insert(_audit), rows)
        return len(rows)

    def recent_audit(
        self,
        branch: str | None = None,
        *,
        zetkin_person_id: int | None = None,
        actor: str | None = None,
        limit: int = 100,
    ) -> list[AuditRecord]:
        """The newest audit entries first, optionally narrowed down."""
        query = select(_audit).order_by(_audit.c.at.desc(), _audit.c.id.desc()).limit(limit)
        if branch is not None:
            query = query.where(_audit.c.branch == branch)
        if zetkin_person_id is not None:
            query = query.where(_audit.c.zetkin_person_id == zetkin_person_id)
        if actor is not None:
            query = query.where(_audit.c.actor == actor)
        with self._engine.connect() as conn:
            return [_audit_record(row) for row in conn.execute(query)]

    # -- OAuth tokens ------------------------------------------------------------------------

    def put_token(
        self,
        key: str,
        payload: Mapping[str, Any],
        fernet_key: str | bytes,
        expires_at: datetime | None = None,
    ) -> None:
        """Store a token payload encrypted with ``fernet_key`` (which the ledger never keeps)."""
        blob = _fernet(fernet_key).encrypt(json.dumps(dict(payload)).encode("utf-8"))
        with self._engine.begin() as conn:
            statement = _upsert(conn, _tokens, ("key",), ("token", "expires_at", "updated_at"))
            conn.execute(
                statement,
                {"key": key, "token": blob, "expires_at": expires_at, "updated_at": self._now()},
            )

    def get_token(self, key: str, fernet_key: str | bytes) -> StoredToken | None:
        """The decrypted token payload stored under ``key``, or None if there is none."""
        with self._engine.connect() as conn:
            row = conn.execute(select(_tokens).where(_tokens.c.key == key)).one_or_none()
        if row is None:
            return None
        try:
            payload = json.loads(_fernet(fernet_key).decrypt(bytes(row.token)))
        except InvalidToken:
            raise ConfigError(
                f"the stored token {key!r} cannot be decrypted with this ledger key",
                where="ledger_key",
                hint="use the key it was stored with, or authorise again (bridge zetkin login)",
            ) from None
        return StoredToken(payload=payload, expires_at=row.expires_at, updated_at=row.updated_at)

    def delete_token(self, key: str) -> bool:
        with self._engine.begin() as conn:
            return bool(conn.execute(delete(_tokens).where(_tokens.c.key == key)).rowcount)

    # -- one person (GDPR) -------------------------------------------------------------------

    def _person_row_keys(self, conn: Connection, branch: str, zetkin_person_id: int) -> set[str]:
        keys = {str(zetkin_person_id)}
        linked = conn.execute(
            select(_links.c.sheet_row_key).where(
                _links.c.branch == branch, _links.c.zetkin_person_id == zetkin_person_id
            )
        ).scalar_one_or_none()
        if linked:
            keys.add(linked)
        return keys

    def export_person(self, branch: str, zetkin_person_id: int) -> PersonExport:
        """Everything the ledger holds about one person in one branch (a subject access request)."""
        with self._engine.connect() as conn:
            row_keys = self._person_row_keys(conn, branch, zetkin_person_id)
            link_row = conn.execute(
                select(_links.c.sheet_row_key, _links.c.base).where(
                    _links.c.branch == branch, _links.c.zetkin_person_id == zetkin_person_id
                )
            ).one_or_none()
            audit = conn.execute(
                select(_audit)
                .where(_audit.c.branch == branch, _audit.c.zetkin_person_id == zetkin_person_id)
                .order_by(_audit.c.at, _audit.c.id)
            ).all()
            errors = conn.execute(
                select(_errors)
                .where(_errors.c.branch == branch, _errors.c.row_key.in_(sorted(row_keys)))
                .order_by(_errors.c.first_seen, _errors.c.id)
            ).all()
        link = (
            None
            if link_row is None
            else Link(zetkin_person_id, link_row.sheet_row_key, link_row.base or {})
        )
        return PersonExport(
            branch=branch,
            zetkin_person_id=zetkin_person_id,
            link=link,
            audit=tuple(_audit_record(r) for r in audit),
            row_errors=tuple(_error_record(r) for r in errors),
            calls=self.person_call_data(branch, zetkin_person_id),
        )

    def erase_person(self, branch: str, zetkin_person_id: int) -> ErasureReport:
        """Remove what the ledger holds about a person (GDPR erasure).

        The link and the person's row errors are deleted; audit entries keep that a change
        happened (and by whom) but lose the old and new values.
        """
        with self._engine.begin() as conn:
            row_keys = self._person_row_keys(conn, branch, zetkin_person_id)
            links = conn.execute(
                delete(_links).where(
                    _links.c.branch == branch, _links.c.zetkin_person_id == zetkin_person_id
                )
            ).rowcount
            audit = conn.execute(
                update(_audit)
                .where(
                    _audit.c.branch == branch,
                    _audit.c.zetkin_person_id == zetkin_person_id,
                    (_audit.c.old_value.is_not(None)) | (_audit.c.new_value.is_not(None)),
                )
                .values(old_value=None, new_value=None)
            ).rowcount
            errors = conn.execute(
                delete(_errors).where(
                    _errors.c.branch == branch, _errors.c.row_key.in_(sorted(row_keys))
                )
            ).rowcount
            calls = sum(
                conn.execute(
                    delete(table).where(
                        table.c.branch == branch, table.c.person_id == zetkin_person_id
                    )
                ).rowcount
                for table in (_call_tasks, _call_register)
            )
        return ErasureReport(
            links_deleted=links,
            audit_entries_blanked=audit,
            row_errors_deleted=errors,
            call_rows_deleted=calls,
        )

    def count(self, table: str) -> int:
        """Rows in one ledger table (for the admin's overview and for tests)."""
        target = Base.metadata.tables[table]
        with self._engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(target)).scalar_one())


def _at(value: datetime | None, tz: tzinfo) -> datetime | None:
    return None if value is None else value.astimezone(tz)


def _task_of(r: Row[Any], tz: tzinfo) -> CallTask:
    """A stored call task, times in ``tz``."""

    def at(value: datetime | None) -> datetime | None:
        return _at(value, tz)

    return CallTask(
        id=r.id,
        person_id=r.person_id,
        kind=TaskKind(r.kind),
        created=r.created.astimezone(tz),
        due=r.due,
        round_id=r.round_id,
        caller=r.caller,
        assigned_at=at(r.assigned_at),
        attempt=r.attempt,
        attempt_started=at(r.attempt_started),
        state=TaskState(r.state),
        outcome=Outcome(r.outcome) if r.outcome else None,
        outcome_at=at(r.outcome_at),
        next_attempt_after=at(r.next_attempt_after),
        history=tuple(
            Attempt(
                int(a["number"]),
                Outcome(a["outcome"]),
                datetime.fromisoformat(a["at"]).astimezone(tz),
                str(a["caller"]),
            )
            for a in r.history or []
        ),
        answers=tuple((str(k), bool(v)) for k, v in r.answers or []),
    )


def _entry_of(r: Row[Any], tz: tzinfo) -> DoNotContact:
    """A stored register entry, times in ``tz``."""
    return DoNotContact(
        person_id=r.person_id,
        reason=Reason(r.reason),
        source=r.source,
        since=r.since.astimezone(tz),
        until=_at(r.until, tz),
        phone=r.phone,
    )
