"""A caller sorts ``Ringeliste`` (with gspread, as Sheets' own "sort range" does) after the
cycle read it and before it writes: every write still lands on its own row, found by the task
key, nothing is lost, doubled or given to another person's row."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from jobs.cycle import run_cycle
from jobs.registry import jobs_for
from tests.e2e.test_calls import (
    CALLER,
    NAME,
    OUTCOME,
    PHONE,
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


def sorted_after_read(calls: CallRig) -> None:
    """The next cycle's workbook sorts the call list by name, descending, right after its one
    batchGet: what the cycle planned from is no longer where the rows are."""
    make = calls.rig.ctx.workbook

    def workbook(branch: Any) -> Any:
        book = make(branch)
        read = book.read

        def read_then_sort(*args: Any, **kwargs: Any) -> Any:
            snapshot = read(*args, **kwargs)
            sheet = calls.sheet("Ringeliste")
            height = len(sheet.get_all_values())
            sheet.sort((NAME + 1, "des"), range=f"A2:L{height}")
            return snapshot

        book.read = read_then_sort
        return book

    calls.rig.ctx = dataclasses.replace(calls.rig.ctx, workbook=workbook)


def test_a_list_sorted_between_read_and_write_gets_every_write_on_its_own_row(
    calls: CallRig,
) -> None:
    ids = new_members(calls.rig, 8, date(2026, 12, 5))
    calls.cycle("calls")
    index = {f"V{pid}.1": i for i, pid in enumerate(ids)}  # Ny<i>, phone +47455<i>
    before = {r[TASK]: r for r in calls.call_rows()}
    assert set(before) == set(index)
    # two callers report, and a new member joins: the next cycle writes cells and appends
    reached, busy = f"V{ids[1]}.1", f"V{ids[6]}.1"
    calls.type_outcome(ids[1], "nådd")
    calls.type_outcome(ids[6], "opptatt")
    (late,) = new_members(calls.rig, 1, date(2026, 12, 7))
    sorted_after_read(calls)
    calls.rig.clear_logs()
    calls.now += timedelta(hours=1)
    result = run_cycle(calls.rig.ctx, calls.branch, jobs_for(calls.branch, "calls"))
    assert result.status == "ok" and result.skipped_writes == 0
    rows = calls.call_rows()
    keys = [r[TASK] for r in rows]
    names = [r[NAME] for r in rows[:8]]
    assert names == sorted(names, reverse=True) != [before[k][NAME] for k in before]  # sorted
    assert sorted(keys) == sorted([*index, f"V{late}.1"])  # nothing lost, nothing twice
    for row in rows:
        if row[TASK] == f"V{late}.1":
            assert row[PHONE] == "+4745500000" and row[NAME] == "Ny0 Fiktivsen"
            continue
        i = index[row[TASK]]
        assert row[NAME] == f"Ny{i} Fiktivsen"  # the row is still its own person's
        assert row[CALLER] == before[row[TASK]][CALLER]  # and its own caller's
        if row[TASK] == reached:
            assert (row[OUTCOME], row[PHONE]) == ("nådd", "")  # finished: phone blanked
            assert row[STATUS].startswith("Ferdig")
        elif row[TASK] == busy:
            assert (row[OUTCOME], row[PHONE]) == ("opptatt", "")
            assert "Nytt forsøk" in row[STATUS] or "forsøk" in row[STATUS]
        else:
            assert row[PHONE] == f"+47455{i:05d}" and row[OUTCOME] == ""
            assert row[STATUS] == before[row[TASK]][STATUS]
    # the sort cost the cycle nothing extra: read, key re-read, one write (the stand-in's
    # counters hold the sort's own requests too, so the workbook's count is asserted)
    assert result.requests["sheets"] == 3
