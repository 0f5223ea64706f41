"""The pages: status, run history, errors, decisions, measures; and the operators' buttons."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import quote

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)

from admin.auth import operator_only
from admin.measures import Chart, bar_chart, overdue, rounds, welcome_calls
from admin.runner import Runner
from admin.store import AdminStore
from bridge.duplicates import subject_for
from bridge.messages import CATALOGUE, t
from config.settings import BranchSettings, JobSettings, Settings
from jobs.quota import current_throttle
from jobs.registry import JOB_NAMES, is_built
from ledger import Ledger, Link
from ledger.records import RowErrorRecord, RunRecord

__all__ = ["bp", "cell_link", "settled_base"]

bp = Blueprint("views", __name__)

RED = frozenset({"failed", "held", "aborted"})
HISTORY_STATUSES = ("ok", "failed", "held", "approved", "dry_run", "aborted", "skipped", "running")
DECISION_CHOICES: Mapping[str, tuple[str, ...]] = {
    "conflict": ("keep_sheet", "keep_zetkin"),
    "duplicate": ("same", "different"),  # "same" names the person: "same:<id>"
    "join": ("accept",),
}
SHOWN_ROWS = 200  # rows of a held plan shown on its page


def _b() -> dict[str, Any]:
    return current_app.extensions["bridge"]  # type: ignore[no-any-return]


def _settings() -> Settings:
    return _b()["settings"]  # type: ignore[no-any-return]


def _store() -> AdminStore:
    return _b()["store"]  # type: ignore[no-any-return]


def _ledger() -> Ledger:
    return _b()["ledger"]  # type: ignore[no-any-return]


def _runner() -> Runner:
    return _b()["runner"]  # type: ignore[no-any-return]


def _actor() -> str:
    return f"user:{g.user.username}"


def _branch(number: int) -> BranchSettings:
    branches = _settings().branches
    if not 0 <= number < len(branches):
        abort(404)
    return branches[number]


def _job_settings(branch: BranchSettings, job: str) -> JobSettings | None:
    found = getattr(branch, job, None)
    return found if isinstance(found, JobSettings) else None


def _text(key: str, fallback: str) -> str:
    return t(key, g.lang) if key in CATALOGUE else fallback


def cell_link(
    spreadsheet_id: str, tab_title: str, cell: str | None, sheet_id: int | None = None
) -> str:
    """A link that opens the Google Sheet at the cell: ``#gid=<sheetId>&range=D5`` as Google
    documents it, once a cycle has seen the tab's sheetId; until then the tab by name."""
    base = f"https://docs.google.com/spreadsheets/d/{quote(spreadsheet_id, safe='')}/edit"
    if sheet_id is not None:
        return f"{base}?gid={sheet_id}#gid={sheet_id}&range={quote(cell or 'A1', safe='')}"
    quoted = "'" + tab_title.replace("'", "''") + "'"
    target = f"{quoted}!{cell}" if cell else f"{quoted}!A1"
    return f"{base}#range={quote(target, safe='!')}"


# -- status ---------------------------------------------------------------------------------
@dataclass
class JobStatus:
    name: str
    title: str
    enabled: bool
    last: RunRecord | None
    part: Mapping[str, Any]
    next_run: datetime | None
    red: bool


@dataclass
class BranchStatus:
    number: int
    branch: BranchSettings
    jobs: list[JobStatus]
    held: list[RunRecord] = field(default_factory=list)
    open_errors: int = 0


def _duration(run: RunRecord) -> str:
    if run.finished_at is None:
        return ""
    seconds = (run.finished_at - run.started_at).total_seconds()
    return f"{seconds:.1f} s"


def _local(value: datetime | None) -> str:
    if value is None:
        return ""
    from jobs.cycle import LOCAL_TZ

    return value.astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M")


@bp.app_template_filter("when")
def _when(value: datetime | None) -> str:
    return _local(value)


@bp.app_template_filter("duration")
def _duration_filter(run: RunRecord) -> str:
    return _duration(run)


@bp.app_template_global("status_word")
def _status_word(status: str) -> str:
    return _text(f"admin.run_status.{status}", status)


@bp.app_template_global("kind_word")
def _kind_word(kind: str) -> str:
    return _text(f"admin.kind.{kind}", kind)


@bp.app_template_global("field_word")
def _field_word(key: str) -> str:
    return _text(f"field.{key}", key)


@bp.app_template_global("call_word")
def _call_word(value: str) -> str:
    return _text(f"admin.call.{value}", value)


@bp.app_template_global("count_word")
def _count_word(key: str) -> str:
    return _text(f"cli.count.{key}", key.replace("_", " "))


def branch_status(number: int, branch: BranchSettings, store: AdminStore) -> BranchStatus:
    """Per job: the newest run of any job set containing it, its part, the next run."""
    sets = store.job_sets(branch.name)
    lasts = {s: store.last_run(branch.name, s) for s in sets}
    jobs: list[JobStatus] = []
    now = datetime.now(UTC)
    for name in JOB_NAMES:
        settings = _job_settings(branch, name)
        enabled = bool(settings and settings.enabled and is_built(name))
        runs = [r for s, r in lasts.items() if r is not None and name in s.split("+")]
        last = max(runs, key=lambda r: (r.started_at, r.id), default=None)
        part: Mapping[str, Any] = {}
        if last is not None:
            part = (last.plan_summary.get("jobs") or {}).get(name) or {}
        next_run = None
        if enabled and settings is not None:
            next_run = now if last is None else max(last.started_at + settings.every, now)
        jobs.append(
            JobStatus(
                name=name,
                title=_text(f"admin.job.{name}", name),
                enabled=enabled,
                last=last,
                part=part,
                next_run=next_run,
                red=last is not None and last.status in RED,
            )
        )
    held = [r for r in store.held_runs() if r.branch == branch.name]
    return BranchStatus(number, branch, jobs, held)


@bp.get("/")
def status() -> str:
    store = _store()
    branches = [branch_status(i, b, store) for i, b in enumerate(_settings().branches)]
    counts = store.open_error_counts()
    rejected = _rejected()
    for status_ in branches:
        status_.open_errors = counts.get(status_.branch.name, 0)
        status_.held = [r for r in status_.held if r.id not in rejected]
    throttle = current_throttle(_settings(), g.lang)
    return render_template("status.html", branches=branches, page="status", throttle=throttle)


# -- run history ----------------------------------------------------------------------------
@bp.get("/runs")
def runs() -> str:
    args = request.args
    branch = args.get("branch") or None
    job = args.get("job") or None
    status_ = args.get("status") or None
    before = args.get("before", type=int)
    if job is not None and job not in JOB_NAMES:
        job = None
    if status_ is not None and status_ not in HISTORY_STATUSES:
        status_ = None
    limit = 50
    found = _store().runs(branch=branch, job=job, status=status_, before=before, limit=limit + 1)
    more = len(found) > limit
    found = found[:limit]
    return render_template(
        "runs.html",
        runs=found,
        more=more,
        next_before=found[-1].id if found else None,
        filters={"branch": branch or "", "job": job or "", "status": status_ or ""},
        branches=[b.name for b in _settings().branches],
        jobs=JOB_NAMES,
        statuses=HISTORY_STATUSES,
        rejected=_rejected(),
        page="runs",
    )


def _rejected() -> set[int]:
    return {
        d.run_id
        for d in _store().open_decisions()
        if d.kind == "held" and d.choice == "reject" and d.run_id is not None
    }


def _plan_rows(plan: Mapping[str, Any]) -> dict[str, list[Mapping[str, Any]]]:
    """What a held plan would change, row by row, per kind (the first SHOWN_ROWS of each)."""
    rows: dict[str, list[Mapping[str, Any]]] = {}
    for job, data in (plan.get("jobs") or {}).items():
        if not isinstance(data, Mapping):
            continue
        sheet = data.get("sheet") or {}
        for kind, items in (
            ("sheet_writes", sheet.get("writes") or []),
            ("appends", sheet.get("appends") or []),
            ("patches", data.get("patches") or []),
            ("tag_changes", data.get("tag_changes") or []),
            ("creates", data.get("creates") or []),
        ):
            if items:
                rows.setdefault(f"{job}.{kind}", []).extend(items[:SHOWN_ROWS])
    return rows


@bp.get("/runs/<int:run_id>")
def run(run_id: int) -> str:
    record = _ledger().get_run(run_id)
    if record is None:
        abort(404)
    held = _ledger().held_plan(run_id) if record.has_held_plan else None
    plan = held.plan if held else {}
    number = next((i for i, b in enumerate(_settings().branches) if b.name == record.branch), None)
    return render_template(
        "run.html",
        run=record,
        plan_rows=_plan_rows(plan),
        decisions=_decision_items(plan),
        shown=SHOWN_ROWS,
        branch_number=number,
        rejected=record.id in _rejected(),
        page="runs",
    )


def _branch_of(record: RunRecord) -> BranchSettings:
    for branch in _settings().branches:
        if branch.name == record.branch:
            return branch
    abort(404)


@bp.post("/runs/<int:run_id>/approve")
@operator_only
def approve(run_id: int) -> Any:
    record = _ledger().get_run(run_id)
    if record is None or record.status != "held":
        abort(404)
    outcome = _runner().approve(_branch_of(record), record.job, run_id)
    _store().audit(_actor(), record.branch, f"run:{run_id}", f"approve:{outcome.status}")
    flash(
        t("admin.flash.approved", g.lang, run=run_id, status=_status_word(outcome.status))
        + (f" {outcome.error}" if outcome.error else ""),
        "bad" if outcome.status == "failed" else "good",
    )
    return redirect(url_for("views.run", run_id=outcome.run_id or run_id))


@bp.post("/runs/<int:run_id>/reject")
@operator_only
def reject(run_id: int) -> Any:
    record = _ledger().get_run(run_id)
    if record is None or record.status != "held":
        abort(404)
    _store().decide(record.branch, "held", f"run:{run_id}", "reject", _actor(), run_id)
    _store().audit(_actor(), record.branch, f"run:{run_id}", "reject")
    flash(t("admin.flash.rejected", g.lang, run=run_id), "good")
    return redirect(url_for("views.run", run_id=run_id))


@bp.post("/run")
@operator_only
def run_now() -> Any:
    number = request.form.get("branch", type=int)
    job = request.form.get("job", "")
    dry_run = request.form.get("dry_run") == "1"
    branch = _branch(number if number is not None else -1)
    if job != "all" and (job not in JOB_NAMES or not is_built(job)):
        abort(400)
    outcome = _runner().run(branch, job, dry_run=dry_run)
    what = "dry_run" if dry_run else "run"
    _store().audit(_actor(), branch.name, f"job:{job}", f"{what}:{outcome.status}")
    if outcome.status == "queued" and outcome.task_id:
        flash(t("admin.flash.queued", g.lang, job=job), "good")
        return redirect(url_for("views.task", task_id=outcome.task_id))
    flash(
        t("admin.flash.ran", g.lang, job=job, status=_status_word(outcome.status))
        + (f" {outcome.error}" if outcome.error else ""),
        "bad" if outcome.status == "failed" else "good",
    )
    if outcome.run_id is not None:
        return redirect(url_for("views.run", run_id=outcome.run_id))
    return redirect(url_for("views.status"))


@bp.get("/tasks/<task_id>")
def task(task_id: str) -> Any:
    """A queued run: the page refreshes itself (no script) until the worker is done."""
    if len(task_id) > 64 or not all(c.isalnum() or c == "-" for c in task_id):
        abort(404)
    outcome = _runner().task(task_id)
    if outcome is None:
        abort(404)
    if outcome.status != "queued" and outcome.run_id is not None:
        return redirect(url_for("views.run", run_id=outcome.run_id))
    return render_template("task.html", outcome=outcome, page="runs")


# -- errors ---------------------------------------------------------------------------------
@dataclass
class ErrorRow:
    error: RowErrorRecord
    branch_number: int | None
    tab_title: str
    link: str | None
    days: int


def _error_rows(errors: Sequence[RowErrorRecord]) -> dict[str, list[ErrorRow]]:
    branches = {b.name: (i, b) for i, b in enumerate(_settings().branches)}
    grouped: dict[str, list[ErrorRow]] = {}
    sheet_ids: dict[str, dict[str, int]] = {}
    for error in errors:
        number, branch = branches.get(error.branch, (None, None))
        title = error.tab
        link = None
        if branch is not None:
            tab = branch.tabs.get(error.tab)
            title = tab.title if tab is not None else error.tab
            if branch.name not in sheet_ids:
                sheet_ids[branch.name] = _ledger().sheet_ids(branch.name)
            gid = sheet_ids[branch.name].get(error.tab)
            link = cell_link(branch.spreadsheet_id, title, error.cell, gid)
        days = (error.last_seen - error.first_seen).days
        grouped.setdefault(error.kind, []).append(ErrorRow(error, number, title, link, days))
    return grouped


@bp.get("/errors")
def errors() -> str:
    branch = request.args.get("branch") or None
    grouped = _error_rows(_store().open_errors(branch))
    return render_template(
        "errors.html",
        grouped=grouped,
        total=sum(len(v) for v in grouped.values()),
        page="errors",
    )


@bp.post("/errors/<int:error_id>/resolve")
@operator_only
def resolve_error(error_id: int) -> Any:
    record = _store().resolve_error(error_id)
    if record is None:
        abort(404)
    _store().audit(_actor(), record.branch, f"{record.tab}:{record.cell or ''}", "resolved")
    flash(t("admin.flash.resolved", g.lang), "good")
    return redirect(url_for("views.errors"))


@bp.post("/errors/<int:error_id>/ignore")
@operator_only
def ignore_error(error_id: int) -> Any:
    record = _store().ignore_error(error_id, _actor())
    if record is None:
        abort(404)
    _store().audit(_actor(), record.branch, f"{record.tab}:{record.cell or ''}", "ignored")
    flash(t("admin.flash.ignored", g.lang), "good")
    return redirect(url_for("views.errors"))


# -- decisions ------------------------------------------------------------------------------
def _decision_items(plan: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Conflicts, possible duplicates and pending joins a stored plan lists, with a subject."""
    data = (plan.get("jobs") or {}).get("reconcile") or {}
    conflicts = [
        {**c, "subject": f"person:{c['person_id']}:{c['field']}"}
        for c in data.get("conflicts") or []
    ]
    review = [_review_item(r) for r in data.get("review") or []]
    joins = [{**j, "subject": f"join:{j.get('id')}"} for j in data.get("pending_joins") or []]
    return {"conflict": conflicts, "duplicate": review, "join": joins}


def _review_item(review: Mapping[str, Any]) -> dict[str, Any]:
    """A possible duplicate, with the subject its decision is stored under: the row's key and
    the candidates (what the next run checks the decision against, bridge.duplicates)."""
    ids = tuple(int(c["person_id"]) for c in review.get("candidates") or [])
    key = review.get("row_key") or ""
    subject = subject_for(key, ids) if key else f"row:{review.get('row_number', '?')}"
    return {**review, "subject": subject, "person_ids": list(ids)}


def _latest_reviews() -> list[tuple[RunRecord, dict[str, list[dict[str, Any]]]]]:
    """Possible duplicates the latest finished run of each branch listed (a held run's are
    shown with its plan): the board keeps working while they wait for an answer."""
    out = []
    for branch in _settings().branches:
        for record in _store().runs(branch=branch.name, limit=20):
            data = (record.plan_summary.get("jobs") or {}).get("reconcile")
            if record.status not in {"ok", "dry_run", "held"} or not isinstance(data, Mapping):
                continue
            review = (data.get("report") or {}).get("review") or []
            if record.status != "held" and review:
                items = {"duplicate": [_review_item(r) for r in review]}
                out.append((record, items))
            break
    return out


def _choice_ok(kind: str, choice: str) -> bool:
    if kind == "duplicate" and choice.startswith("same:"):
        return choice[5:].isdigit()
    return choice in DECISION_CHOICES.get(kind, ()) and choice != "same"


@bp.get("/decisions")
def decisions() -> str:
    rejected = _rejected()
    held = []
    for record in _store().held_runs():
        if record.id in rejected:
            continue
        plan = _ledger().held_plan(record.id)
        items = _decision_items(plan.plan if plan else {})
        held.append((record, _plan_rows(plan.plan if plan else {}), items))
    decided = {(d.branch, d.kind, d.subject): d for d in _store().decisions()}
    return render_template(
        "decisions.html",
        held=held,
        decided=decided,
        choices=DECISION_CHOICES,
        shown=SHOWN_ROWS,
        latest=_latest_reviews(),
        page="decisions",
    )


def _settle_conflict(record: RunRecord, subject: str, choice: str) -> None:
    """A conflict is settled through the merge base, so the next run's own three-way merge
    carries the kept value to the other side: "keep sheet" makes the base Zetkin's value (only
    the sheet then differs from it), "keep Zetkin" makes it the sheet's."""
    held = _ledger().held_plan(record.id)
    conflicts = _decision_items(held.plan if held else {})["conflict"]
    found = next((c for c in conflicts if c["subject"] == subject), None)
    if found is None:
        abort(404)
    person = int(found["person_id"])
    row_key, base = _store().link(record.branch, person) or (str(person), {})
    _ledger().save_links(record.branch, [Link(person, row_key, settled_base(base, found, choice))])


def settled_base(
    base: Mapping[str, Any], conflict: Mapping[str, Any], choice: str
) -> dict[str, Any]:
    """The merge base that settles ``conflict`` as ``choice`` says: the value *not* kept."""
    loser = conflict["zetkin_value"] if choice == "keep_sheet" else conflict["sheet_value"]
    return {**base, str(conflict["field"]): loser}


@bp.post("/decisions")
@operator_only
def decide() -> Any:
    kind = request.form.get("kind", "")
    choice = request.form.get("choice", "")
    subject = request.form.get("subject", "")[:160]
    run_id = request.form.get("run", type=int)
    if not _choice_ok(kind, choice) or not subject or run_id is None:
        abort(400)
    record = _ledger().get_run(run_id)
    if record is None:
        abort(404)
    if kind == "conflict":
        _settle_conflict(record, subject, choice)
    settled = kind == "conflict"
    _store().decide(record.branch, kind, subject, choice, _actor(), run_id, settled=settled)
    _store().audit(_actor(), record.branch, subject, f"decision:{kind}:{choice}")
    # The next run applies it (a duplicate's: links the row or creates the person).
    said = "admin.flash.duplicate" if kind == "duplicate" else "admin.flash.decided"
    flash(t(said, g.lang), "good")
    return redirect(url_for("views.decisions"))


# -- measures -------------------------------------------------------------------------------
@dataclass
class BranchMeasures:
    branch: BranchSettings
    welcome: Chart
    welcome_rows: list[Any]
    overdue: int
    rounds: list[Any]
    rounds_chart: Chart
    events: int | None  # None: Zetkin could not be asked
    has_calls: bool


def _events_ahead(branch: BranchSettings, days: int) -> int | None:
    """Member activities in Zetkin in the next ``days`` days (one request), None if unknown."""
    try:
        client = _runner().context().zetkin(branch)
        now = datetime.now(UTC)
        found = client.events.list(
            filters=[
                f"start_time>={now:%Y-%m-%dT%H:%M:%S}",
                f"start_time<={now + timedelta(days=days):%Y-%m-%dT%H:%M:%S}",
            ]
        )
    except Exception:  # the page still shows the ledger's numbers
        return None
    return sum(1 for e in found if e.cancelled is None)


@bp.get("/measures")
def measures() -> str:
    store = _store()
    out = []
    today = date.today()
    for branch in _settings().branches:
        tasks = store.call_tasks(branch.name)
        months = welcome_calls(tasks, timedelta(days=branch.calls.due_days))[-12:]
        progress = rounds(store.call_rounds(branch.name), tasks)
        out.append(
            BranchMeasures(
                branch=branch,
                welcome=bar_chart(
                    [(m.month[2:], m.share * 100, f"{m.share:.0%}") for m in months],
                    top=100,
                    warn_below=80,
                ),
                welcome_rows=months,
                overdue=overdue(tasks, today),
                rounds=progress,
                rounds_chart=bar_chart(
                    [
                        (
                            r.name[:10],
                            r.finished / r.total * 100 if r.total else 0,
                            f"{r.finished}/{r.total}",
                        )
                        for r in progress
                    ],
                    top=100,
                ),
                events=_events_ahead(branch, 30),
                has_calls=bool(tasks),
            )
        )
    return render_template("measures.html", measures=out, page="measures")
