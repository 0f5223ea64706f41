"""The member reconciliation job: pull both systems, plan, guard, apply, report.

Called by ``bridge sync reconcile``, by the Celery task and by the demo; it is a plain function
of a :class:`~jobs.context.JobContext` and a branch. The order of the writes follows DESIGN.md:
Zetkin first (so a crash leaves at most a person the next run links by phone or e-mail, never a
lost edit), then one sheet batch, then the ledger (the new base of the three-way merge).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from typing import Any
from zoneinfo import ZoneInfo

from bridge.errors import BridgeError, PermanentError
from bridge.members import SYNCED_FIELDS, JoinSubmission, ZetkinMember, parse_row
from bridge.normalise import district_lookup, zetkin_email, zetkin_phone
from bridge.reconcile import ReconcileOptions, ReconcilePlan, plan_reconcile
from bridge.sheet import CellWrite, SheetPlan, SheetRow, TabSnapshot
from config.settings import BranchSettings, Settings
from connectors.sheets import Workbook
from connectors.zetkin import Person, ZetkinClient, parse_date
from jobs.context import JobContext
from ledger import AuditIn, Link, RowErrorIn

__all__ = ["RunResult", "options_for", "run_reconcile"]

log = logging.getLogger(__name__)

JOB = "reconcile"
TAB = "members"
LOCAL_TZ = ZoneInfo("Europe/Oslo")


@dataclass(frozen=True)
class RunResult:
    """What one run did, small and free of personal data (it travels as a task result)."""

    run_id: int
    branch: str
    job: str
    status: str  # ok | held | dry_run | failed
    counts: Mapping[str, int] = field(default_factory=dict)
    requests: Mapping[str, int] = field(default_factory=dict)
    held: str | None = None
    error: str | None = None
    skipped_writes: int = 0
    timings: Mapping[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status in {"ok", "dry_run", "held"}

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
        }


def options_for(settings: Settings, branch: BranchSettings) -> ReconcileOptions:
    """The planner's options from the branch's configuration (the core never sees config)."""
    r = branch.reconcile
    return ReconcileOptions(
        districts=branch.districts,
        language="nb",  # sheet statuses are always bokmål
        member_tag=r.member_tag,
        door_knock_tag=r.door_knock_tag,
        caller_tag=r.caller_tag,
        joined_field=r.joined_field,
        district_field=r.district_field,
        create_in_zetkin=r.create_in_zetkin,
        auto_accept_joins=r.auto_accept_joins,
        max_change_share=r.max_change_share,
    )


# -- pull -------------------------------------------------------------------------------------
@dataclass
class _Pull:
    people: list[ZetkinMember]
    joins: list[JoinSubmission]
    tag_ids: dict[str, int]
    complete: bool


def _member(
    person: Person, options: ReconcileOptions, tags: frozenset[str], member: bool
) -> ZetkinMember:
    custom = person.custom
    district = custom.get(options.district_field)
    return ZetkinMember(
        id=person.id,
        first_name=person.first_name or "",
        last_name=person.last_name or "",
        phone=person.phone or "",
        email=person.email or "",
        district="" if district is None else str(district),
        joined=parse_date(custom.get(options.joined_field)),
        tags=tags,
        is_member=member,
    )


def pull_zetkin(client: ZetkinClient, options: ReconcileOptions) -> _Pull:
    """Members (by tag), who carries the two yes/no tags, and pending join submissions.

    Costs a fixed number of requests whatever the org's size: the tag list, one list per tag,
    and the pending submissions.
    """
    tags = client.tags.by_title()
    member_tag = tags.get(options.member_tag)
    if member_tag is None:
        raise PermanentError(
            f"taggen «{options.member_tag}» finnes ikke i Zetkin",
            where="jobs.reconcile.member_tag",
            hint="opprett taggen i Zetkin eller rett navnet i konfigurasjonen",
        )
    members = client.tags.people(member_tag.id)
    carriers: dict[str, set[int]] = {}
    for title in (options.door_knock_tag, options.caller_tag):
        tag = tags.get(title)
        carriers[title] = {p.id for p in client.tags.people(tag.id)} if tag else set()
    people = []
    for person in members:
        held = frozenset(t for t, ids in carriers.items() if person.id in ids)
        people.append(_member(person, options, held | {options.member_tag}, True))
    joins = [
        JoinSubmission(
            id=s.id,
            first_name=s.person.first_name or "",
            last_name=s.person.last_name or "",
            email=s.person.email or "",
            phone=s.person.phone or "",
            submitted=s.submitted.isoformat() if s.submitted else "",
        )
        for s in client.join.pending()
    ]
    return _Pull(people, joins, {t.title: t.id for t in tags.values()}, complete=True)


def find_known_people(
    client: ZetkinClient,
    rows: Sequence[SheetRow],
    members: Sequence[ZetkinMember],
    options: ReconcileOptions,
) -> list[ZetkinMember]:
    """People Zetkin already knows, but not as members, whom board-added rows describe.

    A keyless row whose valid phone or e-mail matches no member would otherwise become a new
    person in Zetkin: a duplicate of someone who is there without the member tag (invariant
    2). Each such row costs one search (by e-mail, else by name); a result counts only if its
    normalised phone or e-mail equals the row's, and is handed to the planner with
    ``is_member`` false, so the row is linked (and marked as not a member), never created.
    """
    region = options.phone_region
    lookup = district_lookup(options.districts)
    phones = {zetkin_phone(m.phone, region) for m in members} - {""}
    mails = {zetkin_email(m.email) for m in members} - {""}
    skip = {m.id for m in members}
    found: dict[int, ZetkinMember] = {}
    for row in rows:
        if row.key:
            continue
        parsed = parse_row(row, lookup, region)
        if parsed.blank or parsed.zetkin_id is not None:
            continue
        bad = {p.field for p in parsed.problems}
        phone = "" if "phone" in bad else parsed.values.get("phone", "")
        email = "" if "email" in bad else parsed.values.get("email", "")
        if (not phone and not email) or phone in phones or email in mails:
            continue
        query = email or " ".join(
            part for part in (row.get("first_name").strip(), row.get("last_name").strip()) if part
        )
        if not query:
            continue
        for person in client.people.search(query):
            if person.id in skip or person.id in found:
                continue
            if (phone and zetkin_phone(person.phone, region) == phone) or (
                email and zetkin_email(person.email) == email
            ):
                found[person.id] = _member(person, options, frozenset(), False)
    return sorted(found.values(), key=lambda m: m.id)


# -- apply ------------------------------------------------------------------------------------
def _tag_id(client: ZetkinClient, tag_ids: dict[str, int], title: str) -> int:
    if title not in tag_ids:
        tag_ids[title] = client.tags.create(title).id
    return tag_ids[title]


def _zetkin_value(value: str) -> str | None:
    return value or None


def apply_zetkin(
    client: ZetkinClient, plan: ReconcilePlan, tag_ids: dict[str, int], actor: str, branch: str
) -> tuple[list[CellWrite], dict[int, Mapping[str, str]], list[AuditIn]]:
    """Zetkin writes first; returns the sheet writes and bases the creates produced."""
    writes: list[CellWrite] = []
    bases: dict[int, Mapping[str, str]] = {}
    audit: list[AuditIn] = []
    for join_id in plan.accept_joins:
        client.join.accept(join_id)
    for create in plan.creates:
        person = client.people.create({k: _zetkin_value(v) for k, v in create.fields.items()})
        for title in create.tags:
            client.tags.assign(person.id, _tag_id(client, tag_ids, title))
        writes.extend(create.sheet_writes(plan.tab, person.id))
        bases[person.id] = create.base
        audit.append(
            AuditIn(
                actor=actor,
                branch=branch,
                system="zetkin",
                target=f"person:{person.id}",
                field="*",
                old_value=None,
                new_value="opprettet",
                zetkin_person_id=person.id,
            )
        )
    for patch in plan.patches:
        client.people.patch(patch.person_id, {k: _zetkin_value(v) for k, v in patch.fields.items()})
        for key, value in patch.fields.items():
            audit.append(
                AuditIn(
                    actor=actor,
                    branch=branch,
                    system="zetkin",
                    target=f"person:{patch.person_id}",
                    field=key,
                    old_value=None,
                    new_value=value,
                    zetkin_person_id=patch.person_id,
                )
            )
    for change in plan.tag_changes:
        tag_id = _tag_id(client, tag_ids, change.tag)
        if change.add:
            client.tags.assign(change.person_id, tag_id)
        else:
            client.tags.remove(change.person_id, tag_id)
        audit.append(
            AuditIn(
                actor=actor,
                branch=branch,
                system="zetkin",
                target=f"person:{change.person_id}",
                field=f"tag:{change.tag}",
                old_value=None,
                new_value="på" if change.add else "av",
                zetkin_person_id=change.person_id,
            )
        )
    return writes, bases, audit


def _sheet_audit(writes: Iterable[CellWrite], actor: str, branch: str) -> list[AuditIn]:
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


def _row_errors(plan: ReconcilePlan, sheet: TabSnapshot) -> list[RowErrorIn]:
    keys = {row.row_number: row.key for row in sheet.rows}
    return [
        RowErrorIn(
            kind=issue.problem.code,
            message=issue.message,
            row_key=keys.get(issue.row_number) or None,
            cell=issue.cell,
        )
        for issue in plan.row_errors
    ]


def _links(
    plan: ReconcilePlan,
    base: Mapping[int, Mapping[str, str]],
    created: Mapping[int, Mapping[str, str]],
) -> list[Link]:
    updates = {**plan.base_updates, **created}
    return [
        Link(pid, str(pid), dict(values))
        for pid, values in updates.items()
        if dict(base.get(pid, {})) != dict(values)
    ]


# -- the job ----------------------------------------------------------------------------------
def run_reconcile(
    ctx: JobContext,
    branch: BranchSettings,
    *,
    dry_run: bool = False,
    approve: int | None = None,
) -> RunResult:
    """One reconcile run of ``branch``; never raises for a failed run (the result says so).

    When the context gives a lock (``ctx.lock``), the run holds it from the pull to the ledger
    commit, so two runs at once cannot both append or create the same people (invariant 2);
    a run that finds the lock taken fails at once, having written nothing.
    """
    with ExitStack() as stack:
        return _run(ctx, branch, stack, dry_run=dry_run, approve=approve)


def _run(
    ctx: JobContext,
    branch: BranchSettings,
    stack: ExitStack,
    *,
    dry_run: bool,
    approve: int | None,
) -> RunResult:
    ledger = ctx.ledger
    run_id = ledger.start_run(JOB, branch.name)
    actor = f"run:{run_id}"
    options = options_for(ctx.settings, branch)
    zetkin: ZetkinClient | None = None
    workbook: Workbook | None = None
    timings: dict[str, float] = {}
    counts: dict[str, int] = {}

    def requests_made() -> dict[str, int]:
        return {
            "zetkin": zetkin.requests_made.total if zetkin else 0,
            "sheets": sum(workbook.calls.values()) if workbook else 0,
        }

    try:
        if ctx.lock is not None:
            stack.enter_context(ctx.lock(branch.name, JOB))
        zetkin = ctx.zetkin(branch)
        workbook = ctx.workbook(branch)
        started = time.perf_counter()
        pull = pull_zetkin(zetkin, options)
        sheet = workbook.read([TAB]).tabs[TAB]
        if pull.people:  # an empty pull stays empty, so the guard holds it
            pull.people.extend(find_known_people(zetkin, sheet.rows, pull.people, options))
        timings["pull"] = time.perf_counter() - started
        links = ledger.load_links(branch.name)
        base = {pid: link.base for pid, link in links.items()}
        now = ctx.clock().astimezone(LOCAL_TZ).replace(tzinfo=None)
        started = time.perf_counter()
        plan = plan_reconcile(
            sheet,
            pull.people,
            base,
            options,
            now,
            pull_complete=pull.complete,
            first_seen={},
            joins=pull.joins,
        )
        timings["plan"] = time.perf_counter() - started
        counts = plan.counts
        summary = {"counts": counts, "held": plan.held}

        if approve is not None:
            held = ledger.held_plan(approve)
            if held is None or held.fingerprint != plan.fingerprint:
                raise PermanentError(
                    "arket eller Zetkin er endret siden planen ble holdt tilbake",
                    where=f"run {approve}",
                    hint="kjør synkroniseringen på nytt og godkjenn den nye planen",
                )
            ledger.approve_run(approve)
            plan = replace(ReconcilePlan.from_dict(held.plan), held=None)
        elif plan.held:
            ledger.hold_run(
                run_id,
                plan.to_dict(),
                plan.fingerprint,
                summary,
                counts=counts,
                requests=requests_made(),
            )
            ledger.sync_row_errors(branch.name, TAB, _row_errors(plan, sheet))
            return RunResult(
                run_id,
                branch.name,
                JOB,
                "held",
                counts,
                requests_made(),
                held=plan.held,
                timings=timings,
            )
        if dry_run:
            ledger.finish_run(
                run_id, "dry_run", counts=counts, requests=requests_made(), plan_summary=summary
            )
            return RunResult(
                run_id, branch.name, JOB, "dry_run", counts, requests_made(), timings=timings
            )

        started = time.perf_counter()
        created_writes, created_bases, audit = apply_zetkin(
            zetkin, plan, pull.tag_ids, actor, branch.name
        )
        sheet_plan = SheetPlan(plan.sheet.writes + tuple(created_writes), plan.sheet.appends)
        result = workbook.apply(sheet_plan, writable_fields={TAB: SYNCED_FIELDS})
        ledger.save_links(branch.name, _links(plan, base, created_bases))
        ledger.sync_row_errors(branch.name, TAB, _row_errors(plan, sheet))
        ledger.add_audit(audit + _sheet_audit(sheet_plan.writes, actor, branch.name))
        timings["apply"] = time.perf_counter() - started
        ledger.finish_run(
            run_id,
            "ok",
            counts=counts,
            requests=requests_made(),
            plan_summary={**summary, "skipped_writes": len(result.skipped)},
        )
        return RunResult(
            run_id,
            branch.name,
            JOB,
            "ok",
            counts,
            requests_made(),
            skipped_writes=len(result.skipped),
            timings=timings,
        )
    except BridgeError as exc:
        log.warning("reconcile of %s failed: %s", branch.name, exc)
        ledger.finish_run(
            run_id,
            "failed",
            counts=counts,
            requests=requests_made(),
            plan_summary={},
            error=str(exc),
        )
        return RunResult(
            run_id,
            branch.name,
            JOB,
            "failed",
            counts,
            requests_made(),
            error=str(exc),
            timings=timings,
        )


def run_all(
    ctx: JobContext, branches: Sequence[BranchSettings] | None = None, **kwargs: Any
) -> list[RunResult]:
    """Reconcile every branch whose job is switched on; one branch's failure stops no other."""
    chosen = branches if branches is not None else ctx.settings.branches
    return [run_reconcile(ctx, b, **kwargs) for b in chosen if b.reconcile.enabled]


__all__ += ["find_known_people", "pull_zetkin", "run_all"]
