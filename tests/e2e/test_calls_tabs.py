"""``tab_per_caller = true``: one call-list tab per caller ("Ringeliste – <caller>"), made by
the bridge in the cycle's one batchUpdate (addSheet with its header row and rows), read in
the cycle's one batchGet afterwards; against both stand-ins with the real gspread."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from jobs.cycle import run_cycle
from jobs.registry import jobs_for
from sandbox.sheets import gspread_client
from tests.e2e.test_calls import CALLER, DUE, STATUS, TASK, CallRig, call_rig, new_members

KARI, OLA = "Ringeliste – Kari Ringer", "Ringeliste – Ola Ringer"


@pytest.fixture
def calls(tmp_path: Path) -> Iterator[CallRig]:
    with call_rig(tmp_path, 20) as made:
        settings = dataclasses.replace(made.branch.calls, tab_per_caller=True)
        jobs = dataclasses.replace(made.branch.jobs, calls=settings)
        made.branch = dataclasses.replace(made.branch, jobs=jobs)
        yield made


def titles(calls: CallRig) -> list[str]:
    book = gspread_client(calls.rig.env.sheets.url).open_by_key(calls.rig.env.spreadsheet_id)
    return [w.title for w in book.worksheets()]


def rows(calls: CallRig, title: str) -> list[list[str]]:
    values = calls.sheet(title).get_all_values()
    return [(r + [""] * 12)[:12] for r in values[1:] if any(c.strip() for c in r)]


def test_each_caller_gets_a_tab_made_in_the_one_write(calls: CallRig) -> None:
    ids = new_members(calls.rig, 5, date(2026, 12, 5))
    calls.rig.clear_logs()
    result = calls.cycle("calls")
    # read, then one batchUpdate that makes both tabs (no key re-read: nothing to find)
    assert calls.rig.env.sheets.control.counters()["by_route"] == {
        "values.batchGet": 1,
        "spreadsheets.batchUpdate": 1,
    }
    assert result.requests["sheets"] == 2
    assert KARI in titles(calls) and OLA in titles(calls)
    header = calls.sheet(KARI).get_all_values()[0]
    assert header[:3] == ["Oppgave-ID", "Ringer", "Navn"] and header[11] == "Synkstatus"
    kari, ola = rows(calls, KARI), rows(calls, OLA)
    assert {r[CALLER] for r in kari} == {"Kari Ringer"} and {r[CALLER] for r in ola} == {
        "Ola Ringer"
    }
    assert (len(kari), len(ola)) == (3, 2)  # capacity 3 : 2
    assert sorted(r[TASK] for r in kari + ola) == sorted(f"V{p}.1" for p in ids)
    for tab in (kari, ola):  # each tab sorted by due date
        days = [date(int(d[6:]), int(d[3:5]), int(d[:2])) for d in (r[DUE] for r in tab)]
        assert days == sorted(days)
    assert rows(calls, "Ringeliste") == []

    # nothing changed: the caller tabs are read in the same one batchGet, nothing written
    calls.rig.clear_logs()
    calls.cycle("calls")
    assert calls.rig.env.sheets.control.counters()["by_route"] == {"values.batchGet": 1}
    assert calls.rig.zetkin_writes() == []

    # an outcome typed in Kari's own tab reaches Zetkin; the row is closed in that tab
    pid = int(kari[0][TASK][1:].split(".")[0])
    number = next(i for i, r in enumerate(calls.sheet(KARI).get_all_values(), 1)
                  if r[0] == kari[0][TASK])  # fmt: skip
    calls.sheet(KARI).update([["nådd", "ja"]], f"H{number}:I{number}", raw=True)
    calls.rig.clear_logs()
    after = calls.cycle("calls")
    assert after.requests["sheets"] == 3
    assert "Vil dørbanke" in {t.title for t in calls.rig.zetkin.people.tags(pid)}
    assert calls.sheet(KARI).get_all_values()[number - 1][STATUS].startswith("Ferdig")


def test_a_caller_tab_deleted_by_hand_is_made_again_with_its_open_rows(calls: CallRig) -> None:
    new_members(calls.rig, 4, date(2026, 12, 5))
    calls.cycle("calls")
    listed = sorted(r[TASK] for r in rows(calls, OLA))
    book = gspread_client(calls.rig.env.sheets.url).open_by_key(calls.rig.env.spreadsheet_id)
    book.del_worksheet(book.worksheet(OLA))
    calls.rig.clear_logs()
    calls.rig.ctx.clock = lambda: calls.now
    result = run_cycle(calls.rig.ctx, calls.branch, jobs_for(calls.branch, "calls"))
    assert result.status == "ok", result.error
    # the rare extra: the batchGet Google refused, the tab list, the batchGet again, the write
    assert calls.rig.env.sheets.control.counters()["by_route"] == {
        "values.batchGet": 2,
        "spreadsheets.get": 1,
        "spreadsheets.batchUpdate": 1,
    }
    assert sorted(r[TASK] for r in rows(calls, OLA)) == listed
    calls.rig.clear_logs()
    calls.cycle("calls")
    assert calls.rig.env.sheets.control.counters()["by_route"] == {"values.batchGet": 1}


def test_a_caller_retyped_in_a_tab_moves_the_row_to_the_new_callers_tab(calls: CallRig) -> None:
    new_members(calls.rig, 5, date(2026, 12, 5))
    calls.cycle("calls")
    moved = rows(calls, KARI)[0][TASK]
    number = next(i for i, r in enumerate(calls.sheet(KARI).get_all_values(), 1)
                  if r[0] == moved)  # fmt: skip
    calls.sheet(KARI).update([["Ola Ringer"]], f"B{number}", raw=True)
    calls.rig.clear_logs()
    result = calls.cycle("calls")
    assert result.requests["sheets"] == 3  # read, key re-read, one write (delete + append)
    assert moved not in {r[TASK] for r in rows(calls, KARI)}
    (row,) = [r for r in rows(calls, OLA) if r[TASK] == moved]
    assert row[CALLER] == "Ola Ringer"
    assert len(rows(calls, KARI)) + len(rows(calls, OLA)) == 5
