"""Issue 9's acceptance, counted at the stand-ins with the real gspread and the real client: what a
reconcile cycle costs in requests, a pull cut short, and a level-1 token."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from config.settings import Secret
from jobs.context import build_context
from jobs.reconcile import run_reconcile
from tests.e2e.conftest import Rig, make_rig

PHONE, STATUS = 3, 9  # 0-based columns of the default Medlemmer tab


def test_a_reconcile_cycle_costs_three_sheets_requests_and_a_quiet_one_one(rig: Rig) -> None:
    first = rig.run()
    assert first.status == "ok", first.error
    assert first.counts["appended"] > 0 and first.counts["sheet_writes"] > 0
    routes = rig.env.sheets.control.counters()["by_route"]
    assert sum(routes.values()) == 3  # read, key re-read, one write for cells and appends
    assert routes.get("spreadsheets.batchUpdate") == 1
    rig.clear_logs()
    quiet = rig.run()
    assert quiet.status == "ok", quiet.error
    assert rig.env.sheets.control.counters()["by_route"] == {"values.batchGet": 1}


def test_a_pull_cut_short_is_held_and_nothing_is_written(rig: Rig) -> None:
    assert rig.run().status == "ok"
    rig.env.zetkin.control.call("short_pull", {"by": 5})
    rig.clear_logs()
    held = rig.run()
    assert held.status == "held"
    assert held.held
    assert rig.sheets_writes() == {}
    assert rig.zetkin_writes() == []
    assert not [r for r in rig.values() if "Ikke lenger medlem" in " ".join(r)][5:]


def test_a_level_one_token_fails_the_sync_clearly_and_writes_nothing(rig: Rig) -> None:
    assert rig.run().status == "ok"
    # the board edits a phone, so the cycle has a Zetkin write to make
    grid = rig.values()
    n = next(i for i, r in enumerate(grid[1:], start=2) if r[0].isdigit() and r[PHONE])
    rig.worksheet().update_cell(n, PHONE + 1, "+47 415 00 999")
    token = rig.env.zetkin.control.call("token", {"level": 1, "lifetime": None})
    zetkin = replace(rig.settings.zetkin, access_token=Secret(token["access_token"]))
    ctx = build_context(replace(rig.settings, zetkin=zetkin))
    rig.clear_logs()
    result = run_reconcile(ctx, rig.branch)
    assert result.status == "failed"
    assert "nivå 2" in (result.error or "")
    assert rig.sheets_writes() == {}
    assert [r for r in rig.zetkin_writes() if r["status"] < 400] == []


@pytest.mark.slow
def test_twenty_thousand_members_two_percent_changed_in_few_requests(tmp_path: Path) -> None:
    rig = make_rig(tmp_path, size=20000)
    try:
        first = rig.run()
        assert first.status == "ok", first.error
        grid = rig.values()
        keyed = [n for n, r in enumerate(grid[1:], start=2) if r[0].isdigit() and r[PHONE]]
        chosen = keyed[:: max(1, len(keyed) // int(len(keyed) * 0.02))][: int(len(keyed) * 0.02)]
        rig.worksheet().batch_update(
            [{"range": f"D{n}", "values": [[f"9{n:07d}"]]} for n in chosen],
            value_input_option="RAW",
        )
        client = rig.zetkin
        members = sorted(rig.member_ids())
        changed = members[1 :: max(1, len(members) // int(len(members) * 0.02))]
        changed = changed[: int(len(members) * 0.02)]
        for pid in changed:
            client.people.patch(pid, {"email": f"endret.{pid}@example.org"})
        rig.clear_logs()
        result = rig.run()
        assert result.status == "ok", result.error or result.held
        assert result.counts["zetkin_writes"] >= len(chosen)
        writes = rig.zetkin_writes(setup=True)
        assert len(writes) <= 10, sorted(r["route"] for r in writes)
        assert rig.env.zetkin.control.counters()["total"] <= 60
        assert rig.env.sheets.control.counters()["total"] <= 3
    finally:
        rig.env.stop()


def test_a_cycle_that_writes_keeps_each_tabs_sheet_id_for_the_admins_links(rig: Rig) -> None:
    """The key re-read shows the sheetId; the ledger keeps it, and a quiet cycle (no request
    that shows sheetIds) changes nothing; nothing extra is asked of Google for it."""
    assert rig.ledger_sheet_ids() == {}
    assert rig.run().status == "ok"
    assert rig.ledger_sheet_ids() == {"members": rig.worksheet().id}
    rig.clear_logs()
    assert rig.run().status == "ok"
    assert rig.env.sheets.control.counters()["by_route"] == {"values.batchGet": 1}
    assert rig.ledger_sheet_ids() == {"members": rig.worksheet().id}
