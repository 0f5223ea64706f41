"""The door-knocking tabs' needs of the adapter: a table whose header is on row 3, header
aliases, and report tabs written whole (issue 15)."""

from __future__ import annotations

from typing import Any

import gspread

from bridge.sheet import CellWrite, SheetPlan, TabReplace
from connectors.sheets import Workbook
from tests.sheets_adapter.conftest import default_tabs, make_book
from tests.sheets_adapter.test_workbook import routes

RESULTS = [
    ["Resultater våren 2026"],
    [],
    ["Runde", "Lag", "Dører", "Åpnet døra", "Samtaler/prat", "Synkstatus"],
    ["12.3 Heimdal", "Lag 1", "ca 40", "20", "8"],
    ["12.3 Heimdal", "Lag 2", "31", "11", "4"],
]


def tabs(*keys: str) -> dict[str, Any]:
    every = default_tabs()
    return {k: every[k] for k in keys}


def test_header_on_row_3_with_aliases_is_read_and_written(
    gspread_client: gspread.Client, sheets_control: Any
) -> None:
    sid = make_book(gspread_client, {"Dørbankresultater": RESULTS})
    book = Workbook(gspread_client, sid, tabs("doorknock_results"))
    snap = book.read(["doorknock_results"]).tabs["doorknock_results"]
    assert [r.row_number for r in snap.rows] == [4, 5]
    first = snap.rows[0]
    assert (first.get("doors_knocked"), first.get("doors_opened")) == ("ca 40", "20")
    assert first.get("conversations") == "8" and first.cells["status"] == "F4"
    anchor = {"round": "12.3 Heimdal", "team": "Lag 2"}
    book.apply(SheetPlan((CellWrite("doorknock_results", None, "status", "OK", anchor),)))
    values = gspread_client.open_by_key(sid).worksheet("Dørbankresultater").get_all_values()
    assert values[4][5] == "OK" and values[3][5] == "" and values[0][0] == RESULTS[0][0]


def test_report_tab_written_whole_grows_the_grid_and_clears_the_rest(
    gspread_client: gspread.Client, sheets_control: Any
) -> None:
    old = [["Del", "Runde"], ["Runde", "R1"], ["Runde", "R2"], ["x", "y", "stale"]]
    sid = make_book(gspread_client, {"Oppsummering": old}, rows=5)
    book = Workbook(gspread_client, sid, tabs("summary"))
    book.read(["summary"])
    table = tuple((f"r{i}", str(i)) for i in range(8))  # taller than the 5-row grid
    sheets_control.clear_log()
    book.apply(SheetPlan(replaces=(TabReplace("summary", table),)))
    assert routes(sheets_control) == {"spreadsheets.get": 1, "spreadsheets.batchUpdate": 1}
    ws = gspread_client.open_by_key(sid).worksheet("Oppsummering")
    assert ws.get_all_values() == [list(r) for r in table]
    book.apply(SheetPlan(replaces=(TabReplace("summary", (("Del",),)),)))
    assert ws.get_all_values() == [["Del"]]
