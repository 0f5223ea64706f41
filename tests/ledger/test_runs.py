"""Sync runs: start, finish, hold for approval, approve once."""

from __future__ import annotations

import pytest

from ledger import Ledger, LedgerStateError
from tests.ledger.conftest import Clock


def test_a_run_starts_running_and_finishes_with_its_numbers(ledger: Ledger, clock: Clock) -> None:
    run_id = ledger.start_run("reconcile", "oslo")
    started = clock.now
    running = ledger.get_run(run_id)
    assert running is not None
    assert (running.status, running.job, running.branch) == ("running", "reconcile", "oslo")
    assert running.finished_at is None

    clock.advance(seconds=42)
    ledger.finish_run(
        run_id,
        "ok",
        counts={"appended": 3, "updated": 7},
        requests={"zetkin": 12, "sheets": 3},
        plan_summary={"cell_writes": 7, "appends": 3},
    )
    done = ledger.get_run(run_id)
    assert done is not None
    assert done.status == "ok"
    assert done.started_at == started
    assert done.finished_at == clock.now
    assert done.counts == {"appended": 3, "updated": 7}
    assert done.requests == {"zetkin": 12, "sheets": 3}
    assert done.plan_summary == {"cell_writes": 7, "appends": 3}
    assert done.error is None
    assert not done.has_held_plan


def test_a_run_finishes_only_once_and_only_with_a_final_status(ledger: Ledger) -> None:
    run_id = ledger.start_run("calls", "oslo")
    with pytest.raises(ValueError):
        ledger.finish_run(run_id, "running", counts={}, requests={}, plan_summary={})
    ledger.finish_run(run_id, "dry_run", counts={}, requests={}, plan_summary={})
    with pytest.raises(LedgerStateError):
        ledger.finish_run(run_id, "ok", counts={}, requests={}, plan_summary={})
    with pytest.raises(LedgerStateError):
        ledger.finish_run(9999, "ok", counts={}, requests={}, plan_summary={})


def test_a_failed_run_keeps_its_error_without_personal_data(ledger: Ledger) -> None:
    run_id = ledger.start_run("reconcile", "oslo")
    ledger.finish_run(
        run_id,
        "failed",
        counts={},
        requests={"zetkin": 1},
        plan_summary={},
        error="Zetkin said 400 for ola.nordmann@example.org, phone 912 34 567",
    )
    record = ledger.get_run(run_id)
    assert record is not None
    assert record.status == "failed"
    assert record.error is not None
    assert "Zetkin said 400" in record.error
    assert "example.org" not in record.error
    assert "912 34 567" not in record.error


def test_held_plan_is_approved_once_and_handed_back(ledger: Ledger) -> None:
    plan = {
        "cell_writes": [{"tab": "Medlemmer", "row_key": "17", "field": "bydel", "value": "Øst"}]
    }
    run_id = ledger.start_run("reconcile", "oslo")
    ledger.hold_run(
        run_id, plan, "sha256:abc", {"cell_writes": 1, "share": 0.8}, requests={"zetkin": 4}
    )
    held = ledger.get_run(run_id)
    assert held is not None
    assert held.status == "held"
    assert held.has_held_plan
    assert held.sources_fingerprint == "sha256:abc"
    assert held.plan_summary == {"cell_writes": 1, "share": 0.8}
    assert held.requests == {"zetkin": 4}
    preview = ledger.held_plan(run_id)
    assert preview is not None and preview.plan == plan

    approved = ledger.approve_run(run_id)
    assert approved.plan == plan
    assert approved.fingerprint == "sha256:abc"
    after = ledger.get_run(run_id)
    assert after is not None and after.status == "approved"
    with pytest.raises(LedgerStateError):
        ledger.approve_run(run_id)


def test_only_held_runs_can_be_approved(ledger: Ledger) -> None:
    run_id = ledger.start_run("reconcile", "oslo")
    with pytest.raises(LedgerStateError):
        ledger.approve_run(run_id)
    assert ledger.held_plan(run_id) is None
    assert ledger.get_run(12345) is None


def test_recent_runs_newest_first_and_filtered(ledger: Ledger, clock: Clock) -> None:
    ids = []
    for branch, job in [("oslo", "reconcile"), ("bergen", "reconcile"), ("oslo", "calls")]:
        ids.append(ledger.start_run(job, branch))
        clock.advance(minutes=10)
    assert [r.id for r in ledger.recent_runs()] == ids[::-1]
    assert [r.id for r in ledger.recent_runs(branch="oslo")] == [ids[2], ids[0]]
    assert [r.id for r in ledger.recent_runs(branch="oslo", job="reconcile")] == [ids[0]]
    assert [r.id for r in ledger.recent_runs(limit=1)] == [ids[2]]
