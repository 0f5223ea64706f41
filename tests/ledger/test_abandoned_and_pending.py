"""Runs a dead process left "running", and creates recorded before their request (issue 10)."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from ledger import Ledger, PendingCreate, make_engine, upgrade
from ledger.models import Base
from tests.ledger.conftest import Clock

ANCHOR = {"first_name": "Tuva", "last_name": "Testesen", "phone": "", "email": ""}


def test_abandoned_runs_of_the_branch_become_aborted(ledger: Ledger, clock: Clock) -> None:
    dead = ledger.start_run("reconcile", "oslo")
    other_branch = ledger.start_run("reconcile", "bergen")
    done = ledger.start_run("reconcile", "oslo")
    ledger.finish_run(done, "ok", counts={}, requests={}, plan_summary={})
    closed_at = clock.advance(minutes=3)

    assert ledger.close_abandoned_runs("oslo") == 1

    record = ledger.get_run(dead)
    assert record is not None
    assert record.status == "aborted"
    assert record.finished_at == closed_at
    assert record.error is not None and record.error.startswith("avbrutt")
    assert ledger.get_run(other_branch).status == "running"  # type: ignore[union-attr]
    assert ledger.get_run(done).status == "ok"  # type: ignore[union-attr]
    assert ledger.close_abandoned_runs("oslo") == 0  # nothing left to close


def test_a_skipped_run_can_be_recorded_and_unknown_statuses_are_refused(ledger: Ledger) -> None:
    run = ledger.start_run("reconcile", "oslo")
    ledger.finish_run(run, "skipped", counts={}, requests={}, plan_summary={})
    assert ledger.get_run(run).status == "skipped"  # type: ignore[union-attr]

    runs = Base.metadata.tables["sync_runs"]
    with pytest.raises(IntegrityError), ledger.engine.begin() as conn:
        row = {"job": "x", "branch": "oslo", "status": "vanished", "counts": {}}
        row |= {"requests": {}, "plan_summary": {}, "started_at": ledger._now()}
        conn.execute(insert(runs).values(**row))


def test_pending_creates_are_open_until_finished(ledger: Ledger) -> None:
    a = PendingCreate("ref-a", ANCHOR, {"first_name": "Tuva"})
    b = PendingCreate("ref-b", {**ANCHOR, "first_name": "Ola"}, {})
    assert ledger.record_creates("oslo", [a, b]) == 2
    assert ledger.record_creates("bergen", [PendingCreate("ref-a", {}, {})]) == 1

    assert ledger.open_creates("oslo") == [a, b]
    assert [c.anchor for c in ledger.open_creates("oslo")] == [a.anchor, b.anchor]
    assert ledger.open_creates("oslo")[0].base == {"first_name": "Tuva"}

    # a retried run records the same ref again: one row, the newest anchor
    moved = PendingCreate("ref-b", {**ANCHOR, "first_name": "Ola", "phone": "+4791234567"}, {})
    assert ledger.record_creates("oslo", [moved]) == 1
    assert [c.anchor for c in ledger.open_creates("oslo")] == [a.anchor, moved.anchor]

    # ref-a was created as person 17; ref-b never reached Zetkin
    assert ledger.finish_creates("oslo", {"ref-a": 17, "ref-b": None, "ref-x": 3}) == 2
    assert ledger.open_creates("oslo") == []
    assert [c.ref for c in ledger.open_creates("bergen")] == ["ref-a"]
    assert ledger.count("pending_creates") == 1
    assert ledger.finish_creates("oslo", {}) == 0


def test_pending_creates_survive_a_new_connection(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        upgrade(engine)
        Ledger(engine).record_creates("oslo", [PendingCreate("ref-1", ANCHOR, ANCHOR)])
    finally:
        engine.dispose()
    fresh = make_engine(db_url)
    try:
        (found,) = Ledger(fresh).open_creates("oslo")
        assert found == PendingCreate("ref-1", ANCHOR, ANCHOR)
        with fresh.connect() as conn:
            table = Base.metadata.tables["pending_creates"]
            assert conn.execute(select(table.c.recorded_at)).scalar_one().tzinfo is not None
    finally:
        fresh.dispose()
