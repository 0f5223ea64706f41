"""The call-list job (issue 14), as the branch cycle runs it: needs, planner, write kinds.

What calls reads: the ``callers``, ``call_list`` and ``call_rounds`` tabs, every person with
all the org's tags (a round's target rule may name any tag) and the join-date and district
fields, and the stored :class:`~bridge.calls.CallState` (the runner loads it). The pure
planner :func:`bridge.calls.plan_calls` does the rest; this module turns its
:class:`~bridge.calls.CallPlan` into the cycle's kinds of writes: sheet writes, appends and
row removals, tag changes in the bulk people write, notes (one request each, skipped when
their key is in ``state.applied``), and the new state, which the runner saves after the writes
with the keys of the Zetkin writes it made.

The planner never runs on an incomplete pull: a person missing from it would read as "gone"
and their open tasks would be cancelled. The part is then held with nothing in it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from bridge.calls import (
    Attempt,
    CallOptions,
    CallPlan,
    CallRound,
    CallState,
    CallTask,
    DoNotContact,
    NoteWrite,
    Outcome,
    Question,
    Reason,
    RoundMirror,
    RowRemoval,
    TaskKind,
    TaskState,
    plan_calls,
)
from bridge.messages import t
from bridge.reconcile import TagChange
from bridge.sheet import CellWrite, RowAppend, SheetPlan, WorkbookSnapshot
from config.settings import BranchSettings, TabSettings
from jobs.cycle import LOCAL_TZ, JobPart, Pulled
from jobs.pull import PeopleNeeds
from jobs.reconcile import member_of, options_for
from jobs.zetkin_writes import PeopleWrites
from ledger import RowErrorIn

__all__ = ["TABS", "CallsJob", "call_options", "state_from_json", "state_to_json"]

JOB = "calls"
TABS = ("callers", "call_list", "call_rounds")


def call_options(branch: BranchSettings) -> CallOptions:
    """The planner's options from the branch's configuration (the core never sees config)."""
    c, r = branch.calls, branch.reconcile
    defaults = CallOptions(start_date=date.min)
    questions: tuple[Question, ...] = (
        Question("door_knock", r.door_knock_tag),
        Question("will_call", r.caller_tag),
    )
    questions += tuple(Question(header, tag) for header, tag in c.questions.items())
    return CallOptions(
        start_date=c.start_date or date.max,  # the loader refuses "on" without a start date
        due_days=c.due_days,
        cooldown_days=c.cooldown_days,
        max_attempts=c.max_attempts,
        release_after_days=c.release_after_days,
        escalate_within_days=c.escalate_within_days,
        keep_finished_days=c.keep_finished_days,
        sms_template=c.sms_template or defaults.sms_template,
        email_subject=c.email_subject or defaults.email_subject,
        email_template=c.email_template or defaults.email_template,
        branch_name=branch.name,
        questions=questions,
        round_questions={
            name: tuple(Question(h, tag) for h, tag in columns.items())
            for name, columns in c.round_questions.items()
        },
        no_contact_tag=c.no_contact_tag,
        mirror_rounds=c.mirror_rounds,
        per_caller_tabs=c.tab_per_caller,
        districts=branch.districts,
        district_field=r.district_field,
        joined_field=r.joined_field,
        phone_region=c.phone_region,
        language="nb",  # sheet statuses are always bokmål
    )


# -- the state and the part as JSON (a held cycle stores its parts) ---------------------------
def _when(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _at(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _date(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def state_to_json(state: CallState) -> dict[str, Any]:
    """A JSON-ready form of the call state (for a held plan and its fingerprint)."""
    return {
        "tasks": [
            {
                "id": x.id,
                "person_id": x.person_id,
                "kind": x.kind.value,
                "created": _when(x.created),
                "due": _day(x.due),
                "round_id": x.round_id,
                "caller": x.caller,
                "assigned_at": _when(x.assigned_at),
                "attempt": x.attempt,
                "attempt_started": _when(x.attempt_started),
                "state": x.state.value,
                "outcome": x.outcome.value if x.outcome else None,
                "outcome_at": _when(x.outcome_at),
                "next_attempt_after": _when(x.next_attempt_after),
                "history": [[a.number, a.outcome.value, _when(a.at), a.caller] for a in x.history],
                "answers": [[k, v] for k, v in x.answers],
            }
            for x in state.tasks
        ],
        "register": [
            [e.person_id, e.reason.value, e.source, _when(e.since), _when(e.until), e.phone]
            for e in state.register
        ],
        "rounds": [
            [r.id, r.name, r.rule, _day(r.start), _day(r.end), r.purpose] for r in state.rounds
        ],
        "applied": sorted(state.applied),
    }


def state_from_json(data: Mapping[str, Any]) -> CallState:
    """The inverse of :func:`state_to_json`."""
    tasks = []
    for x in data.get("tasks", []):
        created, due = _at(x["created"]), _date(x["due"])
        assert created is not None and due is not None
        tasks.append(
            CallTask(
                id=x["id"],
                person_id=x["person_id"],
                kind=TaskKind(x["kind"]),
                created=created,
                due=due,
                round_id=x["round_id"],
                caller=x["caller"],
                assigned_at=_at(x["assigned_at"]),
                attempt=x["attempt"],
                attempt_started=_at(x["attempt_started"]),
                state=TaskState(x["state"]),
                outcome=Outcome(x["outcome"]) if x["outcome"] else None,
                outcome_at=_at(x["outcome_at"]),
                next_attempt_after=_at(x["next_attempt_after"]),
                history=tuple(
                    Attempt(n, Outcome(o), datetime.fromisoformat(at), caller)
                    for n, o, at, caller in x["history"]
                ),
                answers=tuple((k, bool(v)) for k, v in x["answers"]),
            )
        )
    register = []
    for pid, reason, source, since, until, phone in data.get("register", []):
        since_at = _at(since)
        assert since_at is not None
        register.append(DoNotContact(pid, Reason(reason), source, since_at, _at(until), phone))
    rounds = tuple(
        CallRound(rid, name, rule, _date(start), _date(end), purpose)
        for rid, name, rule, start, end, purpose in data.get("rounds", [])
    )
    return CallState(tuple(tasks), tuple(register), rounds, frozenset(data.get("applied", [])))


def _part_data(plan: CallPlan, counts: Mapping[str, int]) -> dict[str, Any]:
    return {
        "sheet": {
            "writes": [[w.tab, w.row_key, w.field, w.value] for w in plan.sheet.writes],
            "appends": [[a.tab, dict(a.values)] for a in plan.sheet.appends],
        },
        "removals": [[r.tab, r.row_key] for r in plan.removals],
        "tags": [[w.person_id, w.tag, w.add, w.key] for w in plan.tags],
        "notes": [[n.person_id, n.text, n.key] for n in plan.notes],
        "mirrors": [_mirror_data(m) for m in plan.mirrors],
        "state": state_to_json(plan.state),
        "counts": dict(counts),
        "errors": list(plan.errors),
        "report": _report(plan),
    }


def _mirror_data(m: RoundMirror) -> list[Any]:
    ids = list(m.caller_person_ids)
    return [m.round_id, m.title, m.filter_spec, ids, _day(m.start), _day(m.end)]


def _part_from_data(data: Mapping[str, Any]) -> JobPart:
    if not data or "state" not in data:
        return JobPart(job=JOB)
    sheet = SheetPlan(
        writes=tuple(CellWrite(tab, key, f, v) for tab, key, f, v in data["sheet"]["writes"]),
        appends=tuple(RowAppend(tab, dict(values)) for tab, values in data["sheet"]["appends"]),
    )
    tags = data["tags"]
    return JobPart(
        job=JOB,
        sheet=sheet,
        people=PeopleWrites(
            tag_changes=tuple(TagChange(pid, tag, add) for pid, tag, add, _key in tags)
        ),
        notes=tuple(NoteWrite(pid, text, key) for pid, text, key in data["notes"]),
        mirrors=tuple(
            RoundMirror(rid, title, spec, tuple(ids), _date(start), _date(end))
            for rid, title, spec, ids, start, end in data.get("mirrors", [])
        ),
        removals=tuple(RowRemoval(tab, key) for tab, key in data["removals"]),
        call_state=state_from_json(data["state"]),
        zetkin_keys=tuple(key for *_rest, key in tags),
        counts=dict(data["counts"]),
        notices=tuple(data["errors"]),
        report=dict(data.get("report", {})),
        data=data,
    )


def _fingerprint(pulled: Pulled, state: CallState) -> str:
    """The planner's inputs: the three tabs, the people as the planner sees them, the stored
    state and the day (a held plan approved the same day, with nothing changed, applies)."""
    tabs = {
        key: [[r.key, sorted(r.values.items()), sorted(r.extra.items())] for r in snap.rows]
        for key, snap in pulled.sheets.tabs.items()
        if key in TABS or key.startswith("call_list/")
    }
    people = [
        [p.id, p.first_name, p.last_name, p.phone, p.email, sorted(p.tags),
         sorted((k, str(v)) for k, v in p.custom.items())]
        for p in pulled.zetkin.people
    ]  # fmt: skip
    payload = {
        "tabs": tabs,
        "people": people,
        "state": state_to_json(state),
        "day": pulled.now.date().isoformat(),
    }
    text = json.dumps(payload, separators=(",", ":"), sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _row_errors(plan: CallPlan, sheets: WorkbookSnapshot) -> dict[str, tuple[RowErrorIn, ...]]:
    """Row problems for the ledger: tab, cell and kind, never the typed value (the sheet's
    status cell shows it to the caller who typed it)."""
    keys = {
        (tab, row.row_number): row.key for tab, snap in sheets.tabs.items() for row in snap.rows
    }
    out: dict[str, list[RowErrorIn]] = {tab: [] for tab in TABS}
    for problem in plan.problems:
        title = sheets.tabs[problem.tab].title if problem.tab in sheets.tabs else problem.tab
        bucket = "call_list" if problem.tab.startswith("call_list/") else problem.tab
        out.setdefault(bucket, []).append(
            RowErrorIn(
                kind=problem.code,
                message=t("rowerror.cell", field=title, cell=problem.cell),
                row_key=keys.get((problem.tab, problem.row)) or None,
                cell=problem.cell or None,
            )
        )
    return {tab: tuple(errors) for tab, errors in out.items()}


def _counts(plan: CallPlan) -> dict[str, int]:
    m = plan.measures
    open_tasks = sum(1 for x in plan.state.tasks if not x.is_final)
    counts = {
        "call_tasks_open": open_tasks,
        "call_rows_appended": len(plan.sheet.appends),
        "call_cells_written": len(plan.sheet.writes),
        "call_rows_removed": len(plan.removals),
        "call_tags": len(plan.tags),
        "call_notes": len(plan.notes),
        "call_problems": len(plan.problems),
    }
    if m is not None:
        counts |= {
            "new_members_this_month": m.new_members_this_month,
            "contacted_on_time": m.contacted_on_time,
            "welcome_decided": m.decided,
            "overdue": m.overdue,
        }
    return counts


def _report(plan: CallPlan) -> dict[str, Any]:
    """The goal's measures (bridge.calls.CallMeasures.to_dict: names of callers and rounds,
    never of the people called) and the escalations."""
    m = plan.measures
    if m is None:
        return {}
    return {**m.to_dict(), "escalated": sum(1 for e in plan.escalations if not e.overdue)}


def caller_tab(branch: BranchSettings, caller: str) -> tuple[str, TabSettings]:
    """A caller's own call-list tab (``tab_per_caller``): key ``call_list/<caller>``, title
    "Ringeliste – <caller>", the call list's headers plus the configured answer columns."""
    base, c = branch.tabs["call_list"], branch.calls
    key = f"call_list/{caller}"
    questions = [*c.questions, *(h for cols in c.round_questions.values() for h in cols)]
    headers = {**base.headers, **{h: h for h in questions}}
    title = t("calls.tab_title", tab=base.title, caller=caller)
    return key, TabSettings(key=key, title=title, headers=headers, aliases=base.aliases)


def _caller_tabs(branch: BranchSettings, keys: Iterable[str]) -> dict[str, tuple[TabSettings, str]]:
    out: dict[str, tuple[TabSettings, str]] = {}
    for key in keys:
        if key.startswith("call_list/"):
            found, settings = caller_tab(branch, key.removeprefix("call_list/"))
            out[found] = (settings, "call_list")
    return out


def _plan_tabs(plan: CallPlan) -> set[str]:
    return {
        *(w.tab for w in plan.sheet.writes),
        *(a.tab for a in plan.sheet.appends),
        *(r.tab for r in plan.removals),
    }


class CallsJob:
    """Call lists and call rounds (see bridge.calls for the rules)."""

    name = JOB
    uses_call_state = True  # the runner loads the stored CallState into Pulled

    def enabled(self, branch: BranchSettings) -> bool:
        return branch.calls.enabled

    def tabs(self, branch: BranchSettings) -> tuple[str, ...]:
        return TABS

    def people_needs(self, branch: BranchSettings) -> PeopleNeeds:
        r, c = branch.reconcile, branch.calls
        tags = {r.member_tag, r.door_knock_tag, r.caller_tag, *c.questions.values()}
        tags |= {tag for columns in c.round_questions.values() for tag in columns.values()}
        if c.no_contact_tag:
            tags.add(c.no_contact_tag)
        return PeopleNeeds(
            tags=frozenset(tags),
            fields=frozenset({r.joined_field, r.district_field}),
            all_tags=True,
        )

    def writable_fields(self) -> Mapping[str, frozenset[str]]:
        return {}

    def extra_tabs(
        self, branch: BranchSettings, state: CallState
    ) -> dict[str, tuple[TabSettings, str]]:
        """With ``tab_per_caller``, the tab of every caller the stored tasks name (those the
        bridge may have made): read in the same batchGet, left out when gone."""
        if not branch.calls.tab_per_caller:
            return {}
        names = {x.caller for x in state.tasks} | {a.caller for x in state.tasks for a in x.history}
        return _caller_tabs(branch, (f"call_list/{n}" for n in sorted(names) if n))

    def plan(self, pulled: Pulled) -> JobPart:
        state = pulled.call_state
        if not pulled.zetkin.complete:
            return JobPart(job=JOB, held=t("calls.held_incomplete"), data={})
        branch = pulled.branch
        options = call_options(branch)
        member_options = options_for(None, branch)
        people = [member_of(p, member_options) for p in pulled.zetkin.people]
        tabs = pulled.sheets.tabs
        plan = plan_calls(
            people,
            callers=tabs["callers"].rows,
            call_list={
                key: snap.rows
                for key, snap in tabs.items()
                if key == "call_list" or key.startswith("call_list/")
            },
            rounds=tabs["call_rounds"].rows,
            state=state,
            options=options,
            now=pulled.now.replace(tzinfo=LOCAL_TZ),
            tag_ids=pulled.zetkin.tag_ids,
        )
        counts = _counts(plan)
        return JobPart(
            job=JOB,
            sheet=plan.sheet,
            people=PeopleWrites(
                tag_changes=tuple(TagChange(w.person_id, w.tag, w.add) for w in plan.tags)
            ),
            notes=plan.notes,
            mirrors=plan.mirrors,
            tabs=_caller_tabs(branch, _plan_tabs(plan)),
            removals=plan.removals,
            call_state=plan.state,
            zetkin_keys=tuple(w.key for w in plan.tags),
            row_errors=_row_errors(plan, pulled.sheets),
            counts=counts,
            notices=plan.errors,
            report=_report(plan),
            fingerprint=_fingerprint(pulled, state),
            data=_part_data(plan, counts),
        )

    def restore(self, data: Mapping[str, Any], branch: BranchSettings) -> JobPart:
        part = _part_from_data(data)
        keys = {
            *(w.tab for w in part.sheet.writes),
            *(a.tab for a in part.sheet.appends),
            *(r.tab for r in part.removals),
        }
        return replace(part, tabs=_caller_tabs(branch, keys))
