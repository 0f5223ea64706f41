"""The call list as people really treat it: rows deleted, callers retyped, outcomes nobody can
read, a held cycle approved later, finished rows leaving the list. Against both stand-ins."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from config.settings import BranchSettings
from jobs.calls import CallsJob
from jobs.cycle import JobPart, Pulled, run_cycle
from jobs.pull import PeopleNeeds
from tests.e2e.test_calls import (
    CALLER,
    START,
    STATUS,
    TASK,
    CallRig,
    call_rig,
    new_members,
)


@pytest.fixture
def calls(tmp_path: Path) -> Iterator[CallRig]:
    with call_rig(tmp_path, 20) as made:
        yield made


class HoldJob:
    """A job that reads nothing and holds the cycle, so the calls part must be stored."""

    name = "hold"

    def enabled(self, branch: BranchSettings) -> bool:
        return True

    def tabs(self, branch: BranchSettings) -> tuple[str, ...]:
        return ()

    def people_needs(self, branch: BranchSettings) -> PeopleNeeds:
        return PeopleNeeds()

    def writable_fields(self) -> Mapping[str, frozenset[str]]:
        return {}

    def plan(self, pulled: Pulled) -> JobPart:
        return JobPart(job=self.name, held="holds on purpose", fingerprint="same")

    def restore(self, data: Mapping[str, Any], branch: BranchSettings) -> JobPart:
        return JobPart(job=self.name)


def test_a_held_cycle_applies_the_stored_calls_part_on_approval_once(calls: CallRig) -> None:
    (pid,) = new_members(calls.rig, 1, date(2026, 12, 5))
    calls.cycle("calls")
    calls.type_outcome(pid, "nådd", knock="nei", note="Ringer tilbake selv")
    jobs = [CallsJob(), HoldJob()]
    calls.rig.clear_logs()
    held = run_cycle(calls.rig.ctx, calls.branch, jobs)
    assert held.status == "held"
    assert calls.rig.zetkin_writes() == [] and calls.rig.sheets_writes() == {}
    approved = run_cycle(calls.rig.ctx, calls.branch, jobs, approve=held.run_id)
    assert approved.status == "ok", approved.error
    notes = [n.text for n in calls.rig.zetkin.people.notes(pid)]
    assert len(notes) == 1 and notes[0].endswith("Ringer tilbake selv")
    _n, row = calls.row_of(pid)
    assert row[STATUS].startswith("Ferdig")
    calls.cycle("calls")
    assert len(calls.rig.zetkin.people.notes(pid)) == 1


def test_a_deleted_row_is_written_again_once(calls: CallRig) -> None:
    first, second = new_members(calls.rig, 2, date(2026, 12, 5))
    calls.cycle("calls")
    number, _row = calls.row_of(first)
    calls.sheet("Ringeliste").delete_rows(number)
    calls.cycle("calls")
    calls.cycle("calls")
    keys = [r[TASK] for r in calls.call_rows()]
    assert sorted(keys) == sorted([f"V{first}.1", f"V{second}.1"])


def test_a_caller_typed_by_hand_moves_the_task_or_is_reported_without_its_value(
    calls: CallRig,
) -> None:
    first, second = new_members(calls.rig, 2, date(2026, 12, 5))
    calls.cycle("calls")
    n1, row1 = calls.row_of(first)
    other = "Ola Ringer" if row1[CALLER] == "Kari Ringer" else "Kari Ringer"
    n2, _row2 = calls.row_of(second)
    ws = calls.sheet("Ringeliste")
    ws.update([[other]], f"B{n1}", raw=True)
    ws.update([["Petter Ukjent"]], f"B{n2}", raw=True)
    calls.cycle("calls")
    state = calls.rig.ctx.ledger.load_call_state(calls.branch.name)
    tasks = {t.person_id: t for t in state.tasks}
    assert tasks[first].caller == other
    _n, moved = calls.row_of(first)
    assert moved[CALLER] == other
    _n, kept = calls.row_of(second)
    assert kept[CALLER] == "Petter Ukjent"  # what was typed stays; the task keeps its caller
    assert kept[STATUS] == "Ukjent ringer «Petter Ukjent»: skriv et navn fra fanen Ringere"
    errors = calls.rig.ctx.ledger.open_row_errors(calls.branch.name, "call_list")
    assert [(e.kind, e.row_key, e.cell) for e in errors] == [
        ("unknown_caller", f"V{second}.1", f"B{n2}")
    ]
    assert "Petter" not in errors[0].message


def test_an_outcome_nobody_can_read_leaves_the_task_untouched(calls: CallRig) -> None:
    (pid,) = new_members(calls.rig, 1, date(2026, 12, 5))
    calls.cycle("calls")
    calls.type_outcome(pid, "ring meg på fredag")
    calls.rig.clear_logs()
    calls.cycle("calls")
    _n, row = calls.row_of(pid)
    assert row[STATUS].startswith("Forstår ikke «ring meg på fredag» i Resultat")
    (task,) = calls.rig.ctx.ledger.load_call_state(calls.branch.name).tasks
    assert task.state.value == "open" and task.history == ()
    assert calls.rig.zetkin_writes() == []
    (error,) = calls.rig.ctx.ledger.open_row_errors(calls.branch.name, "call_list")
    assert error.kind == "unread_outcome" and "fredag" not in error.message


def test_a_finished_row_leaves_the_list_after_its_days(calls: CallRig) -> None:
    done, kept = new_members(calls.rig, 2, date(2026, 12, 5))
    calls.cycle("calls")
    calls.type_outcome(done, "nådd")
    calls.now = START + timedelta(hours=1)
    calls.cycle("calls")
    assert len(calls.call_rows()) == 2
    calls.now = START + timedelta(days=7, hours=1)  # keep_finished_days = 7
    calls.rig.clear_logs()
    result = calls.cycle("calls")
    assert calls.sheets_total() == 3  # the deletion rides in the one batchUpdate
    assert result.jobs["calls"]["counts"]["call_rows_removed"] == 1
    assert [r[TASK] for r in calls.call_rows()] == [f"V{kept}.1"]


def test_a_note_refused_half_way_repeats_none_of_the_notes_made(calls: CallRig) -> None:
    first, second = sorted(new_members(calls.rig, 2, date(2026, 12, 5)), key=lambda p: f"V{p}")
    calls.cycle("calls")
    calls.type_outcome(first, "nådd", note="Første samtale")
    calls.type_outcome(second, "nådd", knock="ja", note="Andre samtale")
    calls.rig.env.zetkin.control.inject(400, method="POST", path=rf".*/people/{second}/notes")
    calls.rig.ctx.clock = lambda: START + timedelta(hours=1)
    failed = run_cycle(calls.rig.ctx, calls.branch, [CallsJob()])
    assert failed.status == "failed"
    zetkin = calls.rig.zetkin
    assert len(zetkin.people.notes(first)) == 1 and zetkin.people.notes(second) == []
    calls.rig.env.zetkin.control.clear_faults()
    calls.now = START + timedelta(hours=2)
    calls.cycle("calls")
    calls.cycle("calls")
    assert [len(zetkin.people.notes(pid)) for pid in (first, second)] == [1, 1]
    assert "Vil dørbanke" in {tag.title for tag in zetkin.people.tags(second)}
