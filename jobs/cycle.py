"""The branch cycle: the one lifecycle every job of a branch runs in (DESIGN.md, "A sync cycle").

A job is a declared object (:class:`Job`): what it needs pulled, a pure planner, and the kinds of
writes it asks for. It never takes a lock, opens a run record, calls a client or touches the
ledger: :func:`run_cycle` does all of that, the same way for the CLI, the worker, the demo and the
admin (as dlt's ``pipeline.run`` and Meltano's final ``sync_all`` do):

0. **Lock** the branch (Redis with a fencing token, or a file lock without Redis); a lock that is
   taken ends the cycle "skipped" before anything is read or written. Runs a dead holder left
   "running" are closed as "aborted" (holding the lock proves the holder is gone).
1. **Pull once**: every tab the jobs use in one ``values:batchGet``, Zetkin once for all of them
   (people checked against a Smart Search count), the ledger's state.
2. **Plan**: each job's planner adds its :class:`JobPart`; a planner that raises fails the cycle
   with a clear error, having written nothing.
3. **Guard**: the cycle is held when any part is (a mass change, an empty or partial pull), and
   whenever the people pull is not complete (Zetkin's count disagrees, or the rows could not be
   read for the people), even if no job held, with the pull's own reason first. A
   held cycle stores every part with one fingerprint; ``approve`` re-pulls, compares the
   fingerprint (a stale plan and a plan of another branch or job set are refused differently,
   as Terraform refuses a saved plan) and applies the *stored* parts, not new ones.
   ``dry_run`` stops here.
4. **Apply**: Zetkin first (bulk, creates keyed by a ref recorded in the ledger before the
   request), then every tab in one sheet write, then the ledger, after checking the lock is
   still ours (the fencing token).
5. **Report**: one run record with a status per job, counts, timings and requests made.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from bridge.calls import CallState, NoteWrite, RoundMirror, RowRemoval
from bridge.errors import BridgeError, PermanentError
from bridge.messages import t
from bridge.redact import redact
from bridge.sheet import CellWrite, SheetPlan, WorkbookSnapshot
from config.settings import BranchSettings, TabSettings
from connectors.sheets import Workbook
from connectors.zetkin import ZetkinClient
from jobs.call_mirror import apply_mirrors
from jobs.context import JobContext
from jobs.locks import Held, LockBusy
from jobs.pull import PeopleNeeds, ZetkinPull, pull_zetkin
from jobs.zetkin_writes import REF_FIELD, PeopleWrites, apply_people
from ledger import AuditIn, DecisionRecord, HeldPlan, Link, RowErrorIn
from ledger.store import value_free

__all__ = [
    "Job",
    "JobPart",
    "Pulled",
    "RunResult",
    "run_cycle",
]

log = logging.getLogger(__name__)

LOCAL_TZ = ZoneInfo("Europe/Oslo")


# -- what a job declares ----------------------------------------------------------------------
@dataclass(frozen=True)
class Pulled:
    """Everything one cycle read, handed to every planner (they share one pull)."""

    branch: BranchSettings
    sheets: WorkbookSnapshot
    zetkin: ZetkinPull
    links: Mapping[int, Link]
    known_creates: tuple[tuple[Mapping[str, str], int], ...]
    now: datetime  # local wall-clock time, naive (what status cells show)
    known_refs: Mapping[str, int] = field(default_factory=dict)  # ref -> person, to finish
    call_state: CallState = field(default_factory=CallState)  # when a job uses_call_state
    decisions: tuple[DecisionRecord, ...] = ()  # the admin's, not yet applied (issue 16)
    # A job's own pull beyond people (``pull_extra``), by job name (door-knocking's events).
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class JobPart:
    """One job's share of the cycle's plan, in the kinds of writes the runner knows.

    ``data`` is the job's own plan as JSON (what a held cycle stores and the admin shows);
    ``restore`` on the job turns it back into a part. ``row_errors`` are by tab key and hold no
    typed values; ``links`` are the bases to store after the apply.

    The call-list kinds: ``notes`` (one Zetkin request each, after the bulk write),
    ``removals`` (rows deleted by key in the one sheet write), ``zetkin_keys`` (the keys of
    this part's people writes, applied once the bulk write succeeds) and ``call_state`` (saved
    after the writes, with every key applied). ``notices`` are value-free messages for the
    run's report (no active callers, ...); ``report`` other value-free measures for it.
    """

    job: str
    sheet: SheetPlan = field(default_factory=SheetPlan)
    people: PeopleWrites = field(default_factory=PeopleWrites)
    links: tuple[Link, ...] = ()
    row_errors: Mapping[str, tuple[RowErrorIn, ...]] = field(default_factory=dict)
    counts: Mapping[str, int] = field(default_factory=dict)
    held: str | None = None
    fingerprint: str = ""
    data: Mapping[str, Any] = field(default_factory=dict)
    notes: tuple[NoteWrite, ...] = ()
    removals: tuple[RowRemoval, ...] = ()
    zetkin_keys: tuple[str, ...] = ()
    call_state: CallState | None = None
    notices: tuple[str, ...] = ()
    report: Mapping[str, Any] = field(default_factory=dict)
    mirrors: tuple[RoundMirror, ...] = ()  # call rounds to mirror in Zetkin (jobs.call_mirror)
    # Tabs the write may have to make (one call list per caller): key -> (settings, like).
    tabs: Mapping[str, tuple[TabSettings, str]] = field(default_factory=dict)
    decisions: tuple[int, ...] = ()  # the admin's decisions this part applies (closed after)
    audit: tuple[AuditIn, ...] = ()  # value-free entries recorded when the part is applied

    @property
    def has_writes(self) -> bool:
        return bool(self.sheet) or bool(self.people) or bool(self.notes or self.removals)


class Job(Protocol):
    """A routine the cycle runs: declared needs, a pure planner, and nothing else.

    Two optional methods, for a job whose Zetkin data and writes are not people (the
    door-knocking job's events): ``pull_extra(client, branch, sheets, ledger, now)`` returns
    what it read, handed to the planner as ``Pulled.extra[name]``; ``apply_extra(client, part,
    *, branch, ledger, created_rows, actor)`` makes the part's other Zetkin writes after the
    people writes and returns sheet writes for the one sheet write, audit entries and a
    ``finish`` the runner calls once the sheet write is done.
    """

    name: str

    def enabled(self, branch: BranchSettings) -> bool: ...

    def tabs(self, branch: BranchSettings) -> tuple[str, ...]:
        """The tab keys the planner reads (all jobs' tabs come in one batchGet)."""
        ...

    def people_needs(self, branch: BranchSettings) -> PeopleNeeds:
        """The tags and custom fields of the people pull this job reads."""
        ...

    def writable_fields(self) -> Mapping[str, frozenset[str]]:
        """Synced (non-owned) fields per tab this job may write besides the owned ones."""
        ...

    def plan(self, pulled: Pulled) -> JobPart: ...

    def restore(self, data: Mapping[str, Any], branch: BranchSettings) -> JobPart:
        """A part from its stored ``data`` (a held cycle being approved)."""
        ...


# -- the report -------------------------------------------------------------------------------
@dataclass(frozen=True)
class RunResult:
    """What one cycle did, small and free of personal data (it travels as a task result).

    ``job`` names the jobs of the cycle joined by "+" (``reconcile``, ``reconcile+calls``);
    ``jobs`` has each job's own status and counts.
    """

    run_id: int | None
    branch: str
    job: str
    status: str  # ok | held | dry_run | failed | skipped
    counts: Mapping[str, int] = field(default_factory=dict)
    requests: Mapping[str, int] = field(default_factory=dict)
    held: str | None = None
    error: str | None = None
    skipped_writes: int = 0
    timings: Mapping[str, float] = field(default_factory=dict)
    jobs: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status in {"ok", "dry_run", "held", "skipped"}

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "branch": self.branch,
            "job": self.job,
            "status": self.status,
            "counts": dict(self.counts),
            "requests": dict(self.requests),
            "held": self.held,
            "error": self.error,
            "skipped_writes": self.skipped_writes,
            "timings": dict(self.timings),
            "jobs": {k: dict(v) for k, v in self.jobs.items()},
        }


# -- the runner -------------------------------------------------------------------------------
def fingerprint(branch: str, parts: Sequence[JobPart]) -> str:
    """One hash over the branch, the job set and every part's own fingerprint."""
    payload = {"branch": branch, "jobs": [[p.job, p.fingerprint] for p in parts]}
    text = json.dumps(payload, separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


class _Clients:
    """The two clients of one cycle, made on first use, with their request counts."""

    def __init__(self, ctx: JobContext, branch: BranchSettings) -> None:
        self._ctx, self._branch = ctx, branch
        self._zetkin: ZetkinClient | None = None
        self._workbook: Workbook | None = None

    @property
    def zetkin(self) -> ZetkinClient:
        if self._zetkin is None:
            self._zetkin = self._ctx.zetkin(self._branch)
        return self._zetkin

    @property
    def workbook(self) -> Workbook:
        if self._workbook is None:
            self._workbook = self._ctx.workbook(self._branch)
        return self._workbook

    def requests(self) -> dict[str, int]:
        return {
            "zetkin": self._zetkin.requests_made.total if self._zetkin else 0,
            "sheets": sum(self._workbook.calls.values()) if self._workbook else 0,
        }


@contextmanager
def _no_lock() -> Iterator[None]:
    yield None


def _lock(ctx: JobContext, branch: str, owner: str | None) -> AbstractContextManager[object | None]:
    if ctx.lock is None:
        return _no_lock()
    return ctx.lock(branch, owner)


def run_cycle(
    ctx: JobContext,
    branch: BranchSettings,
    jobs: Sequence[Job],
    *,
    dry_run: bool = False,
    approve: int | None = None,
    owner: str | None = None,
) -> RunResult:
    """Run ``jobs`` for ``branch`` as one cycle; never raises for a failed run (the result says).

    ``owner`` names the lock holder (a task id, so a redelivered task can take its own lock
    back). A taken lock gives status "skipped" with no run record and nothing written.
    """
    name = "+".join(j.name for j in jobs)
    try:
        # The cycle catches every error of its own, so what reaches here is the lock's.
        with _lock(ctx, branch.name, owner) as held:
            return _Cycle(ctx, branch, jobs, name, held).run(dry_run=dry_run, approve=approve)
    except LockBusy:
        error = t("cycle.skipped", ctx.settings.language, branch=branch.name)
        return RunResult(None, branch.name, name, "skipped", error=error)
    except BridgeError as exc:
        return RunResult(None, branch.name, name, "failed", error=str(exc))


class _Cycle:
    def __init__(
        self,
        ctx: JobContext,
        branch: BranchSettings,
        jobs: Sequence[Job],
        name: str,
        held_lock: object | None,
    ) -> None:
        self.ctx, self.branch, self.jobs, self.name = ctx, branch, list(jobs), name
        self.lock = held_lock
        self.clients = _Clients(ctx, branch)
        self.timings: dict[str, float] = {}
        self.counts: dict[str, int] = {}
        self.per_job: dict[str, dict[str, Any]] = {}
        self.run_id = 0
        self.lang = ctx.settings.language  # what the CLI, the worker and the admin show
        self.held_plan: HeldPlan | None = None  # the plan being approved, read once

    # The lifecycle; ``run`` is the only entry and no job overrides any step.
    def run(self, *, dry_run: bool, approve: int | None) -> RunResult:
        ledger = self.ctx.ledger
        try:
            ledger.close_abandoned_runs(self.branch.name)  # we hold the lock: holder is gone
            if approve is not None:
                self.held_plan = ledger.held_plan(approve)
                if self.held_plan is None:  # nothing to approve: say so, and record no run
                    error = t("cycle.approve_unknown", self.lang, run=approve)
                    return RunResult(None, self.branch.name, self.name, "failed", error=error)
            self.run_id = ledger.start_run(self.name, self.branch.name)
        except BridgeError as exc:  # the ledger itself cannot be used: nothing was started
            return RunResult(None, self.branch.name, self.name, "failed", error=str(exc))
        try:
            return self._run(dry_run=dry_run, approve=approve)
        except BridgeError as exc:
            return self._failed(str(exc))
        except Exception as exc:  # the run must end "failed", never stay "running"
            log.error(
                "%s for %s stopped by an unexpected %s",
                self.name,
                self.branch.name,
                type(exc).__name__,
            )
            return self._failed(t("cycle.unexpected", self.lang, kind=type(exc).__name__))

    def _failed(self, error: str) -> RunResult:
        log.warning("%s of %s failed: %s", self.name, self.branch.name, redact(error))
        # A run the next lock holder closed as aborted (we lost the lock) stays closed.
        with contextlib.suppress(BridgeError):
            self.ctx.ledger.finish_run(
                self.run_id,
                "failed",
                counts=self.counts,
                requests=self.clients.requests(),
                plan_summary={"jobs": self.per_job},
                error=error,
            )
        return self._result("failed", error=error)

    def _result(self, status: str, **kwargs: Any) -> RunResult:
        return RunResult(
            self.run_id,
            self.branch.name,
            self.name,
            status,
            dict(self.counts),
            self.clients.requests(),
            timings=dict(self.timings),
            jobs={k: {**v, "status": status} for k, v in self.per_job.items()},
            **kwargs,
        )

    def _timed(self, step: str, started: float) -> None:
        self.timings[step] = self.timings.get(step, 0.0) + time.perf_counter() - started

    def _pull(self) -> Pulled:
        started = time.perf_counter()
        tabs = list(dict.fromkeys(tab for j in self.jobs for tab in j.tabs(self.branch)))
        needs = PeopleNeeds.union(j.people_needs(self.branch) for j in self.jobs)
        zetkin = pull_zetkin(self.clients.zetkin, needs)
        ledger = self.ctx.ledger
        calls = CallState()
        if any(getattr(j, "uses_call_state", False) for j in self.jobs):
            calls = ledger.load_call_state(self.branch.name, tz=LOCAL_TZ)
        optional: list[str] = []  # tabs a job made itself (per caller): read if still there
        for job in self.jobs:
            extra = getattr(job, "extra_tabs", None)
            for key, (settings, like) in (extra(self.branch, calls) if extra else {}).items():
                self.clients.workbook.add_tabs({key: settings}, like=like)
                optional.append(key)
        sheets = self.clients.workbook.read([*tabs, *optional], optional=optional)
        links = ledger.load_links(self.branch.name)
        known, refs = _known_creates(ledger, self.branch.name, zetkin)
        now = self.ctx.clock().astimezone(LOCAL_TZ).replace(tzinfo=None)
        decisions = tuple(ledger.open_decisions(self.branch.name))
        # A job that reads more of Zetkin than people (door-knocking: events, sign-ups,
        # canvass stats) says so with ``pull_extra``; it sees the tabs already read.
        extra = {
            j.name: j.pull_extra(self.clients.zetkin, self.branch, sheets, ledger, now)
            for j in self.jobs
            if hasattr(j, "pull_extra")
        }
        self._timed("pull", started)
        return Pulled(self.branch, sheets, zetkin, links, known, now, refs, calls, decisions, extra)

    def _plan(self, pulled: Pulled) -> list[JobPart]:
        started = time.perf_counter()
        parts = []
        for job in self.jobs:
            try:
                part = job.plan(pulled)
            except BridgeError:
                raise
            except Exception as exc:
                raise PermanentError(
                    t("cycle.planner_failed", self.lang, job=job.name, kind=type(exc).__name__),
                    where=f"jobs.{job.name}",
                ) from None
            parts.append(part)
            self.per_job[job.name] = {"counts": dict(part.counts), "held": part.held}
            if part.notices:
                self.per_job[job.name]["notices"] = list(part.notices)
            if part.report:
                self.per_job[job.name]["report"] = dict(part.report)
            if part.row_errors:  # where and what, value-free (a dry run's report shows them)
                self.per_job[job.name]["row_problems"] = [
                    {"tab": tab, "cell": e.cell, "message": value_free(e.message)}
                    for tab, errors in part.row_errors.items()
                    for e in errors
                ]
            for key, value in part.counts.items():
                self.counts[key] = self.counts.get(key, 0) + value
        if pulled.zetkin.problems:
            self.counts["zetkin_problems"] = len(pulled.zetkin.problems)
        self._timed("plan", started)
        return parts

    def _run(self, *, dry_run: bool, approve: int | None) -> RunResult:
        ledger = self.ctx.ledger
        pulled = self._pull()
        parts = self._plan(pulled)
        print_ = fingerprint(self.branch.name, parts)
        held_reasons = [p.held for p in parts if p.held]
        shortfall = pulled.zetkin.shortfall(self.lang)
        if shortfall:  # whatever the jobs say: never assume a pull is complete
            held_reasons.insert(0, shortfall)
        summary = {"jobs": self.per_job}
        if approve is not None:
            fresh = {p.job: p for p in parts}
            parts = [
                replace(stored, row_errors=fresh[stored.job].row_errors)
                for stored in self._approved(approve, print_)
            ]
        elif held_reasons:
            reason = "; ".join(dict.fromkeys(r for r in held_reasons if r))
            ledger.hold_run(
                self.run_id,
                {"branch": self.branch.name, "jobs": {p.job: dict(p.data) for p in parts}},
                print_,
                {**summary, "held": reason},
                counts=self.counts,
                requests=self.clients.requests(),
            )
            self._sync_row_errors(parts, pulled)
            return self._result("held", held=reason)
        if dry_run:
            ledger.finish_run(
                self.run_id,
                "dry_run",
                counts=self.counts,
                requests=self.clients.requests(),
                plan_summary=summary,
            )
            return self._result("dry_run")
        return self._apply(parts, pulled)

    def _approved(self, run_id: int, current: str) -> list[JobPart]:
        """The stored parts of held run ``run_id``, if the world has not changed since."""
        ledger = self.ctx.ledger
        held = self.held_plan
        record = ledger.get_run(run_id)
        if held is None or record is None:
            raise PermanentError(
                t("cycle.approve_unknown", self.lang, run=run_id), where=f"run {run_id}"
            )
        if record.branch != self.branch.name or record.job != self.name:
            raise PermanentError(
                t(
                    "cycle.approve_other",
                    self.lang,
                    run=run_id,
                    branch=record.branch,
                    job=record.job,
                ),
                where=f"run {run_id}",
            )
        if held.fingerprint != current:
            raise PermanentError(
                t("cycle.approve_stale", self.lang),
                where=f"run {run_id}",
                hint=t("cycle.approve_stale_hint", self.lang),
            )
        ledger.approve_run(run_id)
        stored = held.plan.get("jobs", {})
        return [job.restore(stored.get(job.name, {}), self.branch) for job in self.jobs]

    def _check_lock(self) -> None:
        """Before each write: the lock is still ours (the fencing rule), else LockLost."""
        if isinstance(self.lock, Held):
            self.lock.check()

    def _apply(self, parts: Sequence[JobPart], pulled: Pulled) -> RunResult:
        started = time.perf_counter()
        ledger = self.ctx.ledger
        actor = f"run:{self.run_id}"
        people = PeopleWrites.merge(p.people for p in parts)
        created_writes: list[CellWrite] = []
        created_links: list[Link] = []
        finished = dict(pulled.known_refs)  # creates whose ids the sheet write below carries
        audit: list[AuditIn] = []
        created_rows: list[tuple[str, Mapping[str, str], int]] = []
        if people:
            self._check_lock()
            outcome = apply_people(
                self.clients.zetkin,
                people,
                tag_ids=dict(pulled.zetkin.tag_ids),
                ledger=ledger,
                branch=self.branch.name,
                actor=actor,
                ref_field=REF_FIELD,
            )
            created_writes, created_links, audit = (
                outcome.sheet_writes,
                outcome.links,
                outcome.audit,
            )
            finished.update(outcome.created)
            created_rows = outcome.created_rows
            keys = [key for p in parts for key in p.zetkin_keys]
            if keys:
                ledger.add_applied_keys(self.branch.name, keys)
        self._add_notes([n for p in parts for n in p.notes], audit, actor)
        # A job's Zetkin writes beyond people (door-knocking's events and sign-ups), after the
        # people they may need; what they finish (stored bases) waits for the sheet write.
        finishers = []
        jobs_by_name = {j.name: j for j in self.jobs}
        for p in parts:
            job = jobs_by_name.get(p.job)
            if job is not None and hasattr(job, "apply_extra"):
                self._check_lock()
                extra = job.apply_extra(
                    self.clients.zetkin,
                    p,
                    branch=self.branch,
                    ledger=ledger,
                    created_rows=created_rows,
                    actor=actor,
                )
                created_writes = [*created_writes, *extra.sheet_writes]
                audit.extend(extra.audit)
                finishers.append(extra.finish)
        self._mirror(parts, audit, actor)
        sheet = SheetPlan(
            tuple(w for p in parts for w in p.sheet.writes) + tuple(created_writes),
            tuple(a for p in parts for a in p.sheet.appends),
            tuple(r for p in parts for r in p.sheet.replaces),
        )
        writable: dict[str, set[str]] = {}
        for job in self.jobs:
            for tab, fields in job.writable_fields().items():
                writable.setdefault(tab, set()).update(fields)
        removals: dict[str, list[str]] = {}
        for p in parts:
            for removal in p.removals:
                removals.setdefault(removal.tab, []).append(removal.row_key)
        skipped = 0
        for p in parts:
            for key, (settings, like) in p.tabs.items():
                self.clients.workbook.add_tabs({key: settings}, like=like)
        if sheet or removals:
            self._check_lock()
            result = self.clients.workbook.apply(
                sheet, writable_fields=writable, delete_rows=removals
            )
            skipped = len(result.skipped)
        self._check_lock()
        for finish in finishers:
            finish()
        for p in parts:
            if p.call_state is not None:
                applied = p.call_state.applied | set(p.zetkin_keys) | {n.key for n in p.notes}
                ledger.save_call_state(self.branch.name, replace(p.call_state, applied=applied))
        if finished:  # only now: a cycle that failed before this finds them again
            ledger.finish_creates(self.branch.name, finished)
        links = [link for p in parts for link in p.links] + created_links
        ledger.save_links(self.branch.name, links)
        self._sync_row_errors(parts, pulled)
        audit.extend(replace(a, actor=a.actor or actor) for p in parts for a in p.audit)
        ledger.add_audit(audit + _sheet_audit(sheet.writes, actor, self.branch.name))
        ledger.mark_decisions_applied(d for p in parts for d in p.decisions)
        self._timed("apply", started)
        ledger.finish_run(
            self.run_id,
            "ok",
            counts=self.counts,
            requests=self.clients.requests(),
            plan_summary={"jobs": self.per_job, "skipped_writes": skipped},
        )
        return self._result("ok", skipped_writes=skipped)

    def _add_notes(self, notes: Sequence[NoteWrite], audit: list[AuditIn], actor: str) -> None:
        """One request per note; the keys of those made are recorded even when a later one
        fails, so a re-run adds none of them twice."""
        if not notes:
            return
        self._check_lock()
        done: list[str] = []
        try:
            for note in notes:
                self.clients.zetkin.people.add_note(note.person_id, note.text)
                done.append(note.key)
                audit.append(
                    AuditIn(
                        actor,
                        self.branch.name,
                        "zetkin",
                        f"person:{note.person_id}",
                        "note",
                        None,
                        None,
                        note.person_id,
                    )
                )
        finally:
            if done:
                self.ctx.ledger.add_applied_keys(self.branch.name, done)

    def _mirror(self, parts: Sequence[JobPart], audit: list[AuditIn], actor: str) -> None:
        """Call rounds as Zetkin call assignments (jobs.call_mirror); a round Zetkin refuses
        is a notice of its job, the rest go on."""
        for part in parts:
            if not part.mirrors:
                continue
            self._check_lock()
            outcome = apply_mirrors(
                self.clients.zetkin,
                self.ctx.ledger,
                self.branch.name,
                part.mirrors,
                actor=actor,
                lang=self.lang,
            )
            audit.extend(outcome.audit)
            job = self.per_job.setdefault(part.job, {})
            for key, value in outcome.counts.items():
                self.counts[key] = self.counts.get(key, 0) + value
                job.setdefault("counts", {})[key] = value
            if outcome.notices:
                job["notices"] = [*job.get("notices", []), *outcome.notices]

    def _sync_row_errors(self, parts: Sequence[JobPart], pulled: Pulled) -> None:
        by_tab: dict[str, list[RowErrorIn]] = {}
        for part in parts:
            for tab, errors in part.row_errors.items():
                by_tab.setdefault(tab, []).extend(errors)
        for tab in dict.fromkeys(k for j in self.jobs for k in j.tabs(self.branch)):
            self.ctx.ledger.sync_row_errors(self.branch.name, tab, by_tab.get(tab, []))
        if self.clients.workbook.sheet_ids:  # known when this cycle wrote: the admin links by them
            self.ctx.ledger.save_sheet_ids(self.branch.name, self.clients.workbook.sheet_ids)


def _known_creates(
    ledger: Any, branch: str, zetkin: ZetkinPull
) -> tuple[tuple[tuple[Mapping[str, str], int], ...], Mapping[str, int]]:
    """Creates recorded before their request whose person the pull now shows (by ref).

    A create whose answer was lost (Zetkin applied it, the connection dropped) is found here
    and finished as if the answer had come: its row gets the id, nothing is created again. The
    pending record is forgotten only once the cycle has written the id into the sheet.
    """
    pending = ledger.open_creates(branch)
    if not pending:
        return (), {}
    found = {p.ref: p for p in pending}
    resolved = {ref: pid for ref, pid in zetkin.refs.items() if ref in found}
    known = tuple((dict(found[ref].anchor), pid) for ref, pid in sorted(resolved.items()))
    return known, resolved


def _sheet_audit(writes: Sequence[CellWrite], actor: str, branch: str) -> list[AuditIn]:
    return [
        AuditIn(
            actor=actor,
            branch=branch,
            system="sheets",
            target=f"{w.tab}:{w.row_key or '?'}",
            field=w.field,
            old_value=None,
            new_value=w.value,
            zetkin_person_id=int(w.row_key) if w.row_key and w.row_key.isdigit() else None,
        )
        for w in writes
        if w.field != "status"
    ]
