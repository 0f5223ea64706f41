"""Rows deleted by key in the cycle's one batchUpdate: found by the key re-read, deleted
after every other request and bottom-up, never a guessed row, never twice."""

from __future__ import annotations

from typing import Any

import gspread
import pytest

from bridge.sheet import CellWrite, RowAppend, SheetPlan
from connectors.sheets import Workbook
from tests.sheets_adapter.conftest import make_book
from tests.sheets_adapter.test_one_write import CALL_HEADER, call_row, seen, tabs
from tests.sheets_adapter.test_workbook import formula_rows, routes


def _book(gc: gspread.Client, rows: list[list[str]]) -> tuple[str, Workbook]:
    sid = make_book(gc, {"Ringeliste": [CALL_HEADER, *rows]})
    return sid, Workbook(gc, sid, tabs("call_list"), backoff_base=0.05)


def _keys(gc: gspread.Client, sid: str) -> list[str]:
    return [r[0] for r in formula_rows(gc, sid, "Ringeliste")[1:]]


def test_deletes_updates_and_appends_share_one_batch_update(
    gspread_client: gspread.Client, sheets_control: Any
) -> None:
    sid, book = _book(gspread_client, [call_row(i) for i in range(6)])
    book.read()
    sheets_control.clear_log()
    plan = SheetPlan(
        writes=(CellWrite("call_list", "T4", "status", "Nådd"),),
        appends=(RowAppend("call_list", {"task_id": "T9", "name": "Ny"}),),
    )
    result = book.apply(plan, delete_rows={"call_list": ["T1", "T3", "T5"]})
    assert routes(sheets_control) == {"spreadsheets.get": 1, "spreadsheets.batchUpdate": 1}
    assert result.deleted_rows == 3 and result.written_cells == 1 and result.appended_rows == 1
    assert _keys(gspread_client, sid) == ["T0", "T2", "T4", "T9"]
    rows = formula_rows(gspread_client, sid, "Ringeliste")
    assert rows[3][11] == "Nådd"  # the write landed on T4 although rows above it went


def test_rows_sorted_by_hand_since_the_read_are_found_by_key(
    gspread_client: gspread.Client,
) -> None:
    sid, book = _book(gspread_client, [call_row(i) for i in range(4)])
    book.read()
    ws = gspread_client.open_by_key(sid).worksheet("Ringeliste")
    ws.update([call_row(3), call_row(2), call_row(1), call_row(0)], "A2", raw=True)
    book.apply(SheetPlan(), delete_rows={"call_list": ["T2"]})
    assert _keys(gspread_client, sid) == ["T3", "T1", "T0"]


def test_a_key_found_twice_or_not_at_all_deletes_nothing(gspread_client: gspread.Client) -> None:
    sid, book = _book(gspread_client, [call_row(1), call_row(1), call_row(2)])
    book.read()
    result = book.apply(SheetPlan(), delete_rows={"call_list": ["T1", "T7"]})
    assert result.deleted_rows == 0
    assert {(s.row_key, s.reason) for s in result.skipped} == {
        ("T1", "fant raden på 2 rader"),
        ("T7", "fant ikke raden"),
    }
    assert _keys(gspread_client, sid) == ["T1", "T1", "T2"]


def test_a_lost_answer_is_looked_at_and_the_deletion_not_sent_again(
    gspread_client: gspread.Client, sheets_control: Any
) -> None:
    sid, book = _book(gspread_client, [call_row(i) for i in range(4)])
    book.read()
    sheets_control.clear_log()
    sheets_control.inject(kind="drop", times=1, path=":batchUpdate")
    book.apply(SheetPlan(), delete_rows={"call_list": ["T1"]})
    assert [route for route, _ in seen(sheets_control)][-1] == "values.batchGet"
    assert _keys(gspread_client, sid) == ["T0", "T2", "T3"]


def test_a_refused_deletion_is_sent_again_once(
    gspread_client: gspread.Client, sheets_control: Any
) -> None:
    sid, book = _book(gspread_client, [call_row(i) for i in range(3)])
    book.read()
    sheets_control.clear_log()
    sheets_control.inject(503, times=1, path=":batchUpdate")
    book.apply(SheetPlan(), delete_rows={"call_list": ["T0"]})
    assert [route for route, _ in seen(sheets_control)] == [
        "spreadsheets.get",
        "spreadsheets.batchUpdate",
        "values.batchGet",
        "spreadsheets.batchUpdate",
    ]
    assert _keys(gspread_client, sid) == ["T1", "T2"]


def test_a_tab_without_a_key_column_refuses_deletion(gspread_client: gspread.Client) -> None:
    sid = make_book(gspread_client, {"Ringere": [["Navn"], ["Kari"]]})
    book = Workbook(gspread_client, sid, tabs("callers"))
    book.read()
    with pytest.raises(Exception, match="no key column"):
        book.apply(SheetPlan(), delete_rows={"callers": ["Kari"]})
