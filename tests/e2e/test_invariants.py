"""DESIGN.md's invariants 1-4 and 8 for member reconciliation, end to end."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import replace
from pathlib import Path

import redis

from config.settings import Secret
from jobs.context import build_context
from jobs.locks import lock_key
from jobs.reconcile import RunResult, run_reconcile
from tests.e2e.conftest import Rig, make_rig

# Bridge-known headers of the default Medlemmer tab; every other column is the board's.
BRIDGE_HEADERS = {
    "Zetkin-ID", "Fornavn", "Etternavn", "Telefon", "E-post", "Bydel", "Innmeldt",
    "Vil dørbanke", "Vil ringe", "Synkstatus",
}  # fmt: skip


def keys(rig: Rig) -> list[str]:
    return [row[0] for row in rig.values()[1:] if row and row[0].strip()]


def test_nothing_lost_no_duplicates_and_second_run_writes_nothing(rig: Rig) -> None:
    people_before = rig.people_count()
    first = rig.run()
    assert first.status == "ok", first.error
    members = rig.member_ids()
    in_sheet = {int(k) for k in keys(rig) if k.isdigit()}
    errors = {e.row_key for e in rig.ctx.ledger.open_row_errors(rig.branch.name)}
    assert members - in_sheet - {int(k) for k in errors if k and k.isdigit()} == set()
    # one person was new to Zetkin (the board's "Tuva" row); nobody else was created
    assert rig.people_count() == people_before + 1
    rows_after_first = len([r for r in rig.values() if any(c.strip() for c in r)])

    rig.clear_logs()
    second = rig.run()
    assert second.status == "ok", second.error
    assert rig.sheets_writes() == {}
    assert rig.zetkin_writes() == []
    # the read: one values:batchGet, nothing else (no metadata while the headers are sound)
    assert rig.env.sheets.control.counters()["by_route"] == {"values.batchGet": 1}
    assert second.requests["sheets"] == 1
    assert rig.people_count() == people_before + 1
    assert len([r for r in rig.values() if any(c.strip() for c in r)]) == rows_after_first
    # only the board's own duplicate row shares a key
    assert [n for n in Counter(keys(rig)).values() if n > 1] == [2]


def test_two_runs_at_once_add_nothing_twice(tmp_path: Path, redis_url: str) -> None:
    rig = make_rig(tmp_path, size=60)
    try:
        people_before = rig.people_count()
        client = redis.Redis.from_url(redis_url)
        client.delete(lock_key(rig.branch.name))
        # The lock comes from build_context, as for the CLI and the worker: Redis here.
        settings = replace(
            rig.settings,
            redis_url=Secret(redis_url),
            sources={**rig.settings.sources, "BRIDGE_REDIS_URL": "environment"},
        )
        results: list[RunResult] = []
        gate = threading.Barrier(2, timeout=60)
        contexts = [build_context(settings) for _ in range(2)]  # alembic is not thread-safe

        def one() -> None:
            ctx = contexts.pop()
            gate.wait()
            results.append(run_reconcile(ctx, rig.branch))

        threads = [threading.Thread(target=one) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        assert sorted(r.status for r in results) in (["ok", "skipped"], ["ok", "ok"])
        for r in results:
            if r.status == "skipped":
                assert "pågår allerede" in (r.error or "")
        assert rig.people_count() == people_before + 1
        counted = Counter(keys(rig))
        assert sum(1 for n in counted.values() if n > 1) == 1  # the board's own duplicate

        rig.clear_logs()
        again = rig.run()
        assert again.status == "ok", again.error
        assert rig.sheets_writes() == {}
        assert rig.zetkin_writes() == []
    finally:
        rig.env.stop()


def test_board_cells_byte_identical(rig: Rig) -> None:
    ws = rig.worksheet()
    header = rig.values()[0]
    extra_col = len(header) + 1
    height = len(rig.values())
    ws.update_cell(1, extra_col, "Lengde")
    formulas = [[f"=LEN(B{r})"] for r in range(2, height + 1)]
    letter = chr(ord("A") + extra_col - 1)
    ws.update(formulas, f"{letter}2:{letter}{height}", value_input_option="USER_ENTERED")
    before = rig.formulas()
    header = before[0]
    board = [i for i, h in enumerate(header) if h not in BRIDGE_HEADERS]
    assert {header[i] for i in board} == {"Notat", "Lengde"}

    def board_cells(grid: list[list[str]]) -> list[list[str]]:
        return [[row[i] if i < len(row) else "" for i in board] for row in grid[:height]]

    assert rig.run().status == "ok"
    after = rig.formulas()
    assert board_cells(after) == board_cells(before)
    assert after[5][board[-1]] == "=LEN(B6)"
    # appended rows leave the board's columns empty
    assert all(not (row[i] if i < len(row) else "") for row in after[height:] for i in board)


def test_empty_pull_is_held_and_writes_nothing(rig: Rig) -> None:
    rig.env.zetkin.control.call("seed", "empty")
    rig.clear_logs()
    result = rig.run()
    assert result.status == "held"
    assert result.held  # the reason is given
    assert rig.sheets_writes() == {}
    assert rig.zetkin_writes() == []


def test_mass_change_held_then_approved_or_refused(rig: Rig) -> None:
    assert rig.run().status == "ok"
    grid = rig.values()
    ws = rig.worksheet()
    keyed = [
        n
        for n, row in enumerate(grid[1:], start=2)
        if row[0].isdigit() and row[1] and row[9].startswith("OK")
    ]
    chosen = keyed[: int(len(keyed) * 0.4)]
    ws.batch_update(
        [{"range": f"B{n}", "values": [[grid[n - 1][1] + "a"]]} for n in chosen],
        value_input_option="RAW",
    )
    rig.clear_logs()
    held = rig.run()
    assert held.status == "held" and held.held
    assert rig.sheets_writes() == {} and rig.zetkin_writes() == []

    approved = rig.run(approve=held.run_id)
    assert approved.status == "ok", approved.error
    # every edited name reached Zetkin, in one bulk write (preview + execute)
    routes = [r["route"] for r in rig.zetkin_writes()]
    assert routes.count("bulk.execute") == 1
    assert not [r for r in routes if r.startswith("people.")]
    for n in chosen:
        person = rig.zetkin.people.get(int(grid[n - 1][0]))
        assert person.first_name == grid[n - 1][1] + "a"

    # held again, then a source changes: the approval is refused and nothing is written
    grid = rig.values()
    ws.batch_update(
        [{"range": f"C{n}", "values": [[grid[n - 1][2] + "b"]]} for n in chosen],
        value_input_option="RAW",
    )
    held = rig.run()
    assert held.status == "held"
    ws.update_cell(chosen[0], 3, "Endretigjen")
    rig.clear_logs()
    refused = rig.run(approve=held.run_id)
    assert refused.status == "failed"
    assert "endret" in (refused.error or "")
    assert rig.sheets_writes() == {} and rig.zetkin_writes() == []
