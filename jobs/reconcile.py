"""The member reconciliation job, as the branch cycle runs it: needs, planner, write kinds.

The lifecycle (lock, run record, pull, guard, apply, ledger, report) is :mod:`jobs.cycle`'s;
this module only says what reconcile reads (the members tab; every person with the member tag
and the two yes/no tags, the join-date and district fields; pending join submissions), turns the
pull into the pure planner's input, and the planner's :class:`~bridge.reconcile.ReconcilePlan`
into the cycle's kinds of writes. The write order (Zetkin first, then the sheet, then the
ledger) is the runner's, for every job.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from bridge.duplicates import DuplicateDecision, parse_duplicate
from bridge.errors import PermanentError
from bridge.members import SYNCED_FIELDS, ZetkinMember
from bridge.messages import field_label, t
from bridge.reconcile import ReconcileOptions, ReconcilePlan, plan_reconcile
from config.settings import BranchSettings, Settings
from connectors.zetkin import parse_date
from jobs.context import JobContext
from jobs.cycle import JobPart, Pulled, RunResult, run_cycle
from jobs.pull import PeopleNeeds, PulledPerson
from jobs.zetkin_writes import REF_FIELD, PeopleWrites, TabCreate
from ledger import AuditIn, DecisionRecord, Link, RowErrorIn

__all__ = ["ReconcileJob", "RunResult", "options_for", "run_all", "run_reconcile"]

JOB = "reconcile"
TAB = "members"


def options_for(settings: Settings | None, branch: BranchSettings) -> ReconcileOptions:
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


def member_of(person: PulledPerson, options: ReconcileOptions) -> ZetkinMember:
    """The planner's view of a pulled person (a non-member too: board rows may name them)."""
    district = person.custom.get(options.district_field)
    return ZetkinMember(
        id=person.id,
        first_name=person.first_name,
        last_name=person.last_name,
        phone=person.phone,
        email=person.email,
        district="" if district is None else str(district),
        joined=parse_date(person.custom.get(options.joined_field)),
        tags=person.tags,
        is_member=options.member_tag in person.tags,
    )


def _label(field: str) -> str:
    try:
        return field_label(field)
    except KeyError:
        return field


def _row_errors(plan: ReconcilePlan, pulled: Pulled) -> tuple[RowErrorIn, ...]:
    """Row errors for the ledger: the cell and the kind of problem, never the typed value
    (the sheet's status cell shows the value to the board, who typed it)."""
    keys = {row.row_number: row.key for row in pulled.sheets.tabs[TAB].rows}
    return tuple(
        RowErrorIn(
            kind=issue.problem.code,
            message=t("rowerror.cell", field=_label(issue.problem.field), cell=issue.cell),
            row_key=keys.get(issue.row_number) or None,
            cell=issue.cell,
        )
        for issue in plan.row_errors
    )


def duplicate_decisions(
    decisions: Sequence[DecisionRecord],
) -> tuple[dict[str, DuplicateDecision], tuple[int, ...], tuple[str, ...]]:
    """The admin's open duplicate decisions for the planner, by row key (the newest about a
    row wins); the ids to close unapplied (older ones about the same row, malformed ones) and
    the notices for those that cannot be read."""
    by_row: dict[str, DuplicateDecision] = {}
    closed: list[int] = []
    notices: list[str] = []
    for record in decisions:  # oldest first
        if record.kind != "duplicate":
            continue
        decision = parse_duplicate(record.id, record.subject, record.choice)
        if decision is None:
            closed.append(record.id)
            notices.append(t("decision.duplicate_unreadable", decision=record.id))
            continue
        older = by_row.get(decision.row_key)
        if older is not None:
            closed.append(older.id)
        by_row[decision.row_key] = decision
    return by_row, tuple(closed), tuple(notices)


def _decision_effects(
    plan: ReconcilePlan, branch: str
) -> tuple[tuple[int, ...], tuple[str, ...], tuple[AuditIn, ...]]:
    """What the plan's duplicate decisions close, say in the report and record in the log."""
    closed = tuple(d.id for d in plan.decisions if d.closes)
    notices: list[str] = []
    audit: list[AuditIn] = []
    for d in plan.decisions:
        if d.outcome in {"gone", "stale"}:
            key = f"decision.duplicate_{d.outcome}"
            notices.append(t(key, decision=d.id, row=d.row_number))
        elif d.outcome in {"linked", "created"}:
            audit.append(
                AuditIn(
                    actor="",  # the runner's: filled in below
                    branch=branch,
                    system="zetkin",
                    target=f"decision:{d.id}",
                    field=f"decision:duplicate:{d.outcome}",
                    old_value=None,
                    new_value=None,
                    zetkin_person_id=d.person_id,
                )
            )
    return closed, tuple(notices), tuple(audit)


def _part(plan: ReconcilePlan, base: Mapping[int, Mapping[str, str]], branch: str = "") -> JobPart:
    closed, notices, audit = _decision_effects(plan, branch)
    review = [r.to_dict() for r in plan.review]
    links = tuple(
        Link(pid, str(pid), dict(values))
        for pid, values in plan.base_updates.items()
        if dict(base.get(pid, {})) != dict(values)
    )
    return JobPart(
        job=JOB,
        sheet=plan.sheet,
        people=PeopleWrites(
            creates=tuple(TabCreate(plan.tab, c) for c in plan.creates),
            patches=plan.patches,
            tag_changes=plan.tag_changes,
            accept_joins=plan.accept_joins,
        ),
        links=links,
        counts=plan.counts,
        held=plan.held,
        fingerprint=plan.fingerprint,
        data=plan.to_dict(),
        decisions=closed,
        notices=notices,
        audit=audit,
        # Value-free (row numbers, candidate ids, the row's key): what the admin shows.
        report={"review": review} if review else {},
    )


def _accept_decided_joins(
    plan: ReconcilePlan, pulled: Pulled
) -> tuple[ReconcilePlan, tuple[int, ...]]:
    """Join submissions an admin chose to accept (issue 16) are accepted in this run's bulk
    write; a decision about a submission no longer pending is closed as settled."""
    pending = {join.id for join in pulled.zetkin.joins}
    accept: list[int] = []
    decided: list[int] = []
    for decision in pulled.decisions:
        kind, _, subject = decision.subject.partition(":")
        if decision.kind != "join" or kind != "join" or not subject.isdigit():
            continue
        decided.append(decision.id)
        if decision.choice == "accept" and int(subject) in pending:
            accept.append(int(subject))
    if not accept:
        return plan, tuple(decided)
    joins = tuple(dict.fromkeys((*plan.accept_joins, *accept)))
    return replace(plan, accept_joins=joins), tuple(decided)


class ReconcileJob:
    """Members between Zetkin and the members tab (three-way merge, see bridge.reconcile)."""

    name = JOB

    def enabled(self, branch: BranchSettings) -> bool:
        return branch.reconcile.enabled

    def tabs(self, branch: BranchSettings) -> tuple[str, ...]:
        return (TAB,)

    def people_needs(self, branch: BranchSettings) -> PeopleNeeds:
        r = branch.reconcile
        return PeopleNeeds(
            tags=frozenset({r.member_tag, r.door_knock_tag, r.caller_tag}),
            fields=frozenset({r.joined_field, r.district_field}),
            ref_field=REF_FIELD,
            joins=True,
        )

    def writable_fields(self) -> Mapping[str, frozenset[str]]:
        return {TAB: frozenset(SYNCED_FIELDS)}

    def plan(self, pulled: Pulled) -> JobPart:
        options = options_for(None, pulled.branch)
        if options.member_tag not in pulled.zetkin.tag_ids:
            raise PermanentError(
                t("reconcile.member_tag_missing", tag=options.member_tag),
                where="jobs.reconcile.member_tag",
                hint=t("reconcile.member_tag_missing_hint"),
            )
        people = [member_of(p, options) for p in pulled.zetkin.people]
        base = {pid: link.base for pid, link in pulled.links.items()}
        decisions, unread, unread_notices = duplicate_decisions(pulled.decisions)
        plan = plan_reconcile(
            pulled.sheets.tabs[TAB],
            people,
            base,
            options,
            pulled.now,
            pull_complete=pulled.zetkin.complete,
            first_seen={},
            joins=pulled.zetkin.joins,
            known_creates=pulled.known_creates,
            decisions=decisions,
        )
        plan, decided = _accept_decided_joins(plan, pulled)
        part = _part(plan, base, pulled.branch.name)
        return replace(
            part,
            row_errors={TAB: _row_errors(plan, pulled)},
            decisions=(*decided, *unread, *part.decisions),
            notices=(*unread_notices, *part.notices),
        )

    def restore(self, data: Mapping[str, Any], branch: BranchSettings) -> JobPart:
        plan = replace(ReconcilePlan.from_dict(data), held=None)
        return _part(plan, {}, branch.name)


def run_reconcile(
    ctx: JobContext,
    branch: BranchSettings,
    *,
    dry_run: bool = False,
    approve: int | None = None,
    owner: str | None = None,
) -> RunResult:
    """One cycle of ``branch`` with the reconcile job alone (``bridge sync reconcile``)."""
    return run_cycle(ctx, branch, [ReconcileJob()], dry_run=dry_run, approve=approve, owner=owner)


def run_all(
    ctx: JobContext, branches: Sequence[BranchSettings] | None = None, **kwargs: Any
) -> list[RunResult]:
    """Reconcile every branch whose job is switched on; one branch's failure stops no other."""
    chosen = branches if branches is not None else ctx.settings.branches
    return [run_reconcile(ctx, b, **kwargs) for b in chosen if b.reconcile.enabled]
