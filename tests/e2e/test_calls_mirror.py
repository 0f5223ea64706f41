"""A call round mirrored as a Zetkin call assignment (``mirror_rounds = true``), against both
stand-ins: made once with the rule's Smart Search filter, the round's dates and its callers
with a Zetkin-ID; kept in step; nothing written when nothing changed; a create whose answer
was lost is found again, not made twice."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jobs.cycle import run_cycle
from jobs.registry import jobs_for
from ledger import CallMirror
from tests.e2e.test_calls import CallRig, call_rig
from tests.e2e.test_calls_rounds import expected_targets

RULE = 'tag:Medlem -tag:"Vil dørbanke" bydel:Heimdal'
ROUND = ["Før valget", "Verve dørbankere", RULE, "2026-12-01", "2026-12-31", ""]


@pytest.fixture
def calls(tmp_path: Path) -> Iterator[CallRig]:
    with call_rig(tmp_path, 60) as made:
        calls = dataclasses.replace(made.branch.calls, mirror_rounds=True)
        jobs = dataclasses.replace(made.branch.jobs, calls=calls)
        made.branch = dataclasses.replace(made.branch, jobs=jobs)
        yield made


def zetkin_callers(calls: CallRig) -> list[int]:
    """Two callers who are Zetkin persons: their Zetkin-ID typed into Ringere."""
    client = calls.rig.zetkin
    ids = []
    for i, name in enumerate(("Mona Ringer", "Per Ringer")):
        first, last = name.split()
        person = client.people.create({"first_name": first, "last_name": last,
                                       "phone": f"+4791111{i + 10:03d}"})  # fmt: skip
        ids.append(person.id)
        calls.sheet("Ringere").append_rows(
            [[name, f"+4791111{i + 10:03d}", "", str(person.id), "4", "", "Ja"]],
            value_input_option="RAW",
        )
    return ids


def mirrored(calls: CallRig) -> list[Any]:
    """The call assignments the bridge made (the seeded branch has one of its own)."""
    return [a for a in calls.rig.zetkin.calls.assignments()
            if "bridge-ref:" in (a.description or "")]  # fmt: skip


def matches(calls: CallRig, query_id: int) -> set[int]:
    rows: Any = calls.rig.zetkin.v1_list(f"people/queries/{query_id}/matches")
    return {int(p["id"]) for p in rows}


def test_a_round_is_mirrored_once_with_its_filter_dates_and_callers(calls: CallRig) -> None:
    caller_ids = zetkin_callers(calls)
    calls.sheet("Ringerunder").append_rows([ROUND], value_input_option="RAW")
    result = calls.cycle("calls")
    assert result.counts["call_assignments_created"] == 1
    client = calls.rig.zetkin
    (assignment,) = mirrored(calls)
    assert assignment.title == "Før valget"
    assert (str(assignment.start_date), str(assignment.end_date)) == ("2026-12-01", "2026-12-31")
    assert sorted(c.id for c in client.calls.callers(assignment.id)) == sorted(caller_ids)
    # Zetkin's own target list, from the translated filter, is the bridge's list plus only
    # people the bridge skips for having no callable phone
    assert assignment.target_query_id is not None
    zetkin_targets = matches(calls, assignment.target_query_id)
    listed = {int(r[0].rsplit("-", 1)[1].split(".")[0]) for r in calls.call_rows()}
    assert listed == expected_targets(calls) and listed <= zetkin_targets
    for pid in zetkin_targets - listed:
        assert pid not in expected_targets(calls)

    # nothing changed: no write to Zetkin at all
    calls.rig.clear_logs()
    calls.cycle("calls")
    assert calls.rig.zetkin_writes() == []

    # the round's end moves and a caller steps down: one PATCH, one DELETE, nothing made again
    sheet = calls.sheet("Ringerunder")
    sheet.update([["2027-01-15"]], "E2", raw=True)
    ringere = calls.sheet("Ringere")
    row = next(i for i, r in enumerate(ringere.get_all_values(), 1) if r[0] == "Per Ringer")
    ringere.update([["Nei"]], f"G{row}", raw=True)
    calls.rig.clear_logs()
    calls.cycle("calls")
    routes = sorted(r["route"] for r in calls.rig.zetkin_writes())
    assert routes == ["call_assignments.callers.remove", "call_assignments.patch"]
    (again,) = mirrored(calls)
    assert again.id == assignment.id and str(again.end_date) == "2027-01-15"
    assert [c.id for c in client.calls.callers(assignment.id)] == [caller_ids[0]]


def test_a_create_whose_answer_was_lost_is_found_again_not_made_twice(calls: CallRig) -> None:
    zetkin_callers(calls)
    calls.sheet("Ringerunder").append_rows([ROUND], value_input_option="RAW")
    control = calls.rig.env.zetkin.control
    control.inject(kind="drop", method="POST", path="call_assignments$", times=1)
    calls.rig.ctx.clock = lambda: calls.now
    lost = run_cycle(calls.rig.ctx, calls.branch, jobs_for(calls.branch, "calls"))
    assert lost.status == "failed"
    (made,) = mirrored(calls)  # Zetkin made it; the answer never came
    (record,) = calls.rig.ctx.ledger.call_mirrors(calls.branch.name).values()
    assert record.assignment_id is None and record.ref in (made.description or "")
    result = calls.cycle("calls")
    assert result.counts["call_assignments_found"] == 1
    assert "call_assignments_created" not in result.counts
    (only,) = mirrored(calls)
    assert only.id == made.id
    assert len(calls.rig.zetkin.calls.callers(made.id)) == 2
    stored = calls.rig.ctx.ledger.call_mirrors(calls.branch.name)
    assert isinstance(stored[record.round_id], CallMirror)
    assert stored[record.round_id].assignment_id == made.id
    calls.rig.clear_logs()
    calls.cycle("calls")
    assert calls.rig.zetkin_writes() == []


def test_a_rule_without_a_smart_search_form_makes_no_assignment(calls: CallRig) -> None:
    calls.sheet("Ringerunder").append_rows(
        [["Bred runde", "", "tag:Medlem bydel:Heimdal,Lerkendal", "2026-12-01", "", ""]],
        value_input_option="RAW",
    )
    calls.cycle("calls")
    assert mirrored(calls) == []
    status = calls.sheet("Ringerunder").get_all_values()[1][5]
    assert "Ikke speilet i Zetkin: «bydel:Heimdal,Lerkendal»" in status


def test_a_held_cycle_mirrors_the_round_on_approval_once(calls: CallRig) -> None:
    from jobs.calls import CallsJob
    from tests.e2e.test_calls_bad_input import HoldJob

    zetkin_callers(calls)
    calls.sheet("Ringerunder").append_rows([ROUND], value_input_option="RAW")
    jobs = [CallsJob(), HoldJob()]
    calls.rig.ctx.clock = lambda: calls.now
    held = run_cycle(calls.rig.ctx, calls.branch, jobs)
    assert held.status == "held" and mirrored(calls) == []
    approved = run_cycle(calls.rig.ctx, calls.branch, jobs, approve=held.run_id)
    assert approved.status == "ok", approved.error
    (made,) = mirrored(calls)
    assert made.title == "Før valget" and len(calls.rig.zetkin.calls.callers(made.id)) == 2
    calls.cycle("calls")
    assert len(mirrored(calls)) == 1
