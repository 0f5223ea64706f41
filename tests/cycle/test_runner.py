"""The branch cycle's own guarantees, with the real reconcile job and a small second job, against
both stand-ins (real gspread, the real Zetkin client over HTTP, a real SQLite ledger).

The second job (:class:`ProbeJob`) is a real :class:`jobs.cycle.Job`: it reads the call-list tab
from the cycle's one pull and appends a row per member without one, so a cycle over two jobs
can be held, approved and applied as one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bridge.sheet import RowAppend, SheetPlan
from config.settings import BranchSettings
from jobs.cycle import JobPart, Pulled, run_cycle
from jobs.pull import PeopleNeeds
from jobs.reconcile import ReconcileJob
from sandbox.sheets import gspread_client
from tests.e2e.conftest import Rig, make_rig

CALLS_TAB = "Ringeliste"


@dataclass
class ProbeJob:
    """Appends one call-list row per member with no row yet; may hold or break on purpose."""

    hold: bool = False
    explode: bool = False
    name: str = "probe"

    def enabled(self, branch: BranchSettings) -> bool:
        return True

    def tabs(self, branch: BranchSettings) -> tuple[str, ...]:
        return ("call_list",)

    def people_needs(self, branch: BranchSettings) -> PeopleNeeds:
        return PeopleNeeds(tags=frozenset({branch.reconcile.member_tag}))

    def writable_fields(self) -> Mapping[str, frozenset[str]]:
        return {}

    def _part(self, appends: list[dict[str, str]]) -> JobPart:
        digest = hashlib.sha256(repr(sorted(a["task_id"] for a in appends)).encode()).hexdigest()
        return JobPart(
            job=self.name,
            sheet=SheetPlan(appends=tuple(RowAppend("call_list", a) for a in appends)),
            counts={"probe_appends": len(appends)},
            held="probe holds on purpose" if self.hold else None,
            fingerprint=digest,
            data={"appends": appends},
        )

    def plan(self, pulled: Pulled) -> JobPart:
        if self.explode:
            raise ValueError("a bug in a planner")
        have = {row.get("task_id") for row in pulled.sheets.tabs["call_list"].rows}
        member = pulled.branch.reconcile.member_tag
        appends = [
            {"task_id": f"P{p.id}", "type": "probe", "status": "ny"}
            for p in sorted(pulled.zetkin.people, key=lambda p: p.id)
            if member in p.tags and f"P{p.id}" not in have
        ]
        return self._part(appends)

    def restore(self, data: Mapping[str, Any], branch: BranchSettings) -> JobPart:
        return self._part([dict(a) for a in data.get("appends", [])])


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[Rig]:
    made = make_rig(tmp_path, size=40)
    try:
        yield made
    finally:
        made.env.stop()


def call_rows(rig: Rig) -> list[list[str]]:
    book = gspread_client(rig.env.sheets.url).open_by_key(rig.env.spreadsheet_id)
    ws = book.worksheet(CALLS_TAB)
    return [r for r in ws.get_all_values()[1:] if any(c.strip() for c in r)]


def runs(rig: Rig) -> int:
    return rig.ctx.ledger.count("sync_runs")


def test_a_taken_lock_skips_the_cycle_before_anything_is_read(rig: Rig) -> None:
    assert rig.ctx.lock is not None
    rig.clear_logs()
    before = runs(rig)
    with rig.ctx.lock(rig.branch.name, None):
        result = run_cycle(rig.ctx, rig.branch, [ReconcileJob()])
    assert result.status == "skipped"
    assert result.run_id is None
    assert "pågår allerede" in (result.error or "")
    assert runs(rig) == before
    assert rig.env.sheets.control.counters()["total"] == 0
    assert rig.zetkin_writes() == []


def test_a_dry_run_writes_nothing_to_either_system(rig: Rig) -> None:
    rig.clear_logs()
    result = run_cycle(rig.ctx, rig.branch, [ReconcileJob(), ProbeJob()], dry_run=True)
    assert result.status == "dry_run", result.error
    assert result.counts["probe_appends"] > 0
    assert rig.env.sheets.control.counters()["by_route"] == {"values.batchGet": 1}
    assert rig.zetkin_writes() == []
    assert call_rows(rig) == []


def test_a_held_cycle_over_two_jobs_is_approved_and_applied_as_one(rig: Rig) -> None:
    jobs = [ReconcileJob(), ProbeJob(hold=True)]
    rig.clear_logs()
    held = run_cycle(rig.ctx, rig.branch, jobs)
    assert held.status == "held"
    assert held.held == "probe holds on purpose"
    assert set(held.jobs) == {"reconcile", "probe"}
    assert rig.sheets_writes() == {}
    assert rig.zetkin_writes() == []
    people_before = rig.people_count()

    approved = run_cycle(rig.ctx, rig.branch, jobs, approve=held.run_id)
    assert approved.status == "ok", approved.error
    # both parts landed: the probe's rows and reconcile's ids for the board's new rows
    assert len(call_rows(rig)) == held.counts["probe_appends"]
    assert rig.people_count() == people_before + held.counts["created"]
    # the held run was approved once: a second approval is refused
    again = run_cycle(rig.ctx, rig.branch, jobs, approve=held.run_id)
    assert again.status == "failed"


def test_approving_a_stale_plan_is_refused_and_writes_nothing(rig: Rig) -> None:
    jobs = [ReconcileJob(), ProbeJob(hold=True)]
    held = run_cycle(rig.ctx, rig.branch, jobs)
    assert held.status == "held"
    rig.worksheet().update_acell("B2", "Endretnavn")  # the board edits a name meanwhile
    rig.clear_logs()
    refused = run_cycle(rig.ctx, rig.branch, jobs, approve=held.run_id)
    assert refused.status == "failed"
    assert "endret siden planen ble holdt tilbake" in (refused.error or "")
    assert rig.sheets_writes() == {}
    assert rig.zetkin_writes() == []


def test_approving_with_another_job_set_is_refused_as_such(rig: Rig) -> None:
    held = run_cycle(rig.ctx, rig.branch, [ReconcileJob(), ProbeJob(hold=True)])
    assert held.status == "held"
    refused = run_cycle(rig.ctx, rig.branch, [ReconcileJob()], approve=held.run_id)
    assert refused.status == "failed"
    assert "gjelder" in (refused.error or "")


def test_one_planner_failing_fails_the_cycle_clearly_and_writes_nothing(rig: Rig) -> None:
    rig.clear_logs()
    result = run_cycle(rig.ctx, rig.branch, [ReconcileJob(), ProbeJob(explode=True)])
    assert result.status == "failed"
    assert "«probe»" in (result.error or "")
    assert "ValueError" in (result.error or "")
    assert "Traceback" not in (result.error or "")
    assert rig.sheets_writes() == {}
    assert rig.zetkin_writes() == []
    record = rig.ctx.ledger.get_run(result.run_id or 0)
    assert record is not None and record.status == "failed"


def test_one_cycle_reads_every_tab_of_its_jobs_in_one_request(rig: Rig) -> None:
    first = run_cycle(rig.ctx, rig.branch, [ReconcileJob(), ProbeJob()])
    assert first.status == "ok", first.error
    # the person reconcile created in the first cycle gets the probe's row in the next
    rig.clear_logs()
    caught_up = run_cycle(rig.ctx, rig.branch, [ReconcileJob(), ProbeJob()])
    assert caught_up.counts["probe_appends"] == first.counts["created"]
    # read, key re-read, one write: both jobs' writes in one batchUpdate
    assert rig.env.sheets.control.counters()["total"] == 3
    rig.clear_logs()
    second = run_cycle(rig.ctx, rig.branch, [ReconcileJob(), ProbeJob()])
    assert second.status == "ok", second.error
    assert rig.env.sheets.control.counters()["by_route"] == {"values.batchGet": 1}
    assert rig.zetkin_writes() == []


def test_approving_a_run_that_holds_nothing_says_so_and_records_nothing(rig: Rig) -> None:
    before = runs(rig)
    result = run_cycle(rig.ctx, rig.branch, [ReconcileJob()], approve=999)
    assert result.status == "failed"
    assert result.run_id is None
    assert "999" in (result.error or "") and "venter ikke på godkjenning" in (result.error or "")
    assert runs(rig) == before


def _unreadable_rows(control: Any) -> int:
    """Every row of the bridge's view answers with no cells (as when the view's columns
    changed under the pull): as many rows as Zetkin counts people, none readable."""
    people = int(control.call("state", {})["people"])
    rows = [{"id": n, "content": []} for n in range(1, people + 1)]
    control.call("malform", {"route": "views.rows", "data": rows})
    return people


def test_a_pull_whose_rows_cannot_be_read_holds_even_a_job_that_does_not_check(rig: Rig) -> None:
    people = _unreadable_rows(rig.env.zetkin.control)
    rig.clear_logs()
    result = run_cycle(rig.ctx, rig.branch, [ProbeJob()])
    assert result.status == "held", result
    assert result.held is not None
    assert result.held.startswith(f"Zetkin teller {people} personer, men radene til {people}")
    assert rig.sheets_writes() == {} and rig.zetkin_writes() == []
    assert call_rows(rig) == []


def test_a_pull_cut_short_holds_with_the_figures_first(rig: Rig) -> None:
    rig.env.zetkin.control.call("short_pull", {"by": 3})
    result = run_cycle(rig.ctx, rig.branch, [ReconcileJob(), ProbeJob()])
    assert result.status == "held"
    people = int(rig.env.zetkin.control.call("state", {})["people"])
    assert result.held is not None
    assert result.held.startswith(
        f"Zetkin teller {people} personer, men hentingen fikk {people - 3}"
    )
    assert "avbrutt" in result.held  # the reconcile job's own reason follows
    assert rig.sheets_writes() == {}


def test_a_first_cycle_on_an_empty_sheet_never_ends_ok_with_nothing_appended(
    tmp_path: Path,
) -> None:
    """The runtime's bug: every row unreadable, an empty sheet, and the cycle ended "ok" with
    0 appended. Now it holds, saying why, and the next readable pull appends everyone."""
    from config.loader import load_settings
    from jobs.context import build_context
    from jobs.registry import jobs_for
    from ledger import open_ledger
    from sandbox.branches import start_branches

    env = start_branches(tmp_path, 1, size=30)
    ledger = open_ledger("sqlite://")
    try:
        settings = load_settings(env.config_path, env=env.env())
        ctx = build_context(settings, ledger=ledger)
        branch = settings.branches[0]
        people = _unreadable_rows(env.zetkin.control)
        env.sheets.control.clear_log()
        held = run_cycle(ctx, branch, jobs_for(branch, "all"))
        assert held.status == "held", held
        assert held.held is not None and f"radene til {people} av dem" in held.held
        assert env.sheets.control.counters()["by_route"] == {"values.batchGet": 1}
        env.zetkin.control.call("malform", {})
        done = run_cycle(ctx, branch, jobs_for(branch, "all"))
        assert done.status == "ok", done
        assert done.counts.get("appended", 0) > 0, done.counts
    finally:
        ledger.close()
        env.stop()
