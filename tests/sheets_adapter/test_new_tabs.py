"""Tabs the bridge makes itself (one call list per caller): addSheet, header row and rows in
the one batchUpdate; read when they exist; a lost answer is checked, never sent twice."""

from __future__ import annotations

from typing import Any

import gspread

from bridge.sheet import RowAppend, SheetPlan
from config.settings import TabSettings
from connectors.sheets import Workbook
from tests.sheets_adapter.conftest import make_book
from tests.sheets_adapter.test_one_write import CALL_HEADER, tabs
from tests.sheets_adapter.test_workbook import formula_rows

KARI = TabSettings("call_list/Kari", "Ringeliste – Kari", tabs("call_list")["call_list"].headers)


def book_with_call_list(gc: gspread.Client) -> tuple[str, Workbook]:
    sid = make_book(gc, {"Ringeliste": [CALL_HEADER]})
    book = Workbook(gc, sid, tabs("call_list"), backoff_base=0.05)
    book.add_tabs({KARI.key: KARI}, like="call_list")
    return sid, book


def test_a_missing_tab_is_made_in_the_one_write_and_read_the_next_time(
    gspread_client: gspread.Client, sheets_control: Any
) -> None:
    sid, book = book_with_call_list(gspread_client)
    snapshot = book.read(["call_list", KARI.key], optional=[KARI.key])
    assert set(snapshot.tabs) == {"call_list"}  # Kari's tab is not there yet
    sheets_control.clear_log()
    plan = SheetPlan(appends=(RowAppend(KARI.key, {"task_id": "V1.1", "caller": "Kari"}),))
    result = book.apply(plan)
    assert result.appended_rows == 2  # the header row and the row
    assert [r["route"] for r in sheets_control.requests()] == ["spreadsheets.batchUpdate"]
    rows = formula_rows(gspread_client, sid, "Ringeliste – Kari")
    assert rows[0] == CALL_HEADER and rows[1][:2] == ["V1.1", "Kari"]
    again = Workbook(gspread_client, sid, tabs("call_list"))
    again.add_tabs({KARI.key: KARI}, like="call_list")
    sheets_control.clear_log()
    read = again.read(["call_list", KARI.key], optional=[KARI.key])
    assert [r.key for r in read.tabs[KARI.key].rows] == ["V1.1"]
    assert [r["route"] for r in sheets_control.requests()] == ["values.batchGet"]


def test_a_lost_answer_to_a_write_that_made_a_tab_is_not_sent_again(
    gspread_client: gspread.Client, sheets_control: Any
) -> None:
    sid, book = book_with_call_list(gspread_client)
    book.read(["call_list", KARI.key], optional=[KARI.key])
    sheets_control.inject(kind="drop", times=1, path=":batchUpdate")
    book.apply(SheetPlan(appends=(RowAppend(KARI.key, {"task_id": "V1.1"}),)))
    rows = formula_rows(gspread_client, sid, "Ringeliste – Kari")
    assert [r[0] for r in rows] == ["Oppgave-ID", "V1.1"]


def test_a_write_refused_before_it_landed_makes_the_tab_on_the_retry(
    gspread_client: gspread.Client, sheets_control: Any
) -> None:
    sid, book = book_with_call_list(gspread_client)
    book.read(["call_list", KARI.key], optional=[KARI.key])
    sheets_control.inject(500, times=1, path=":batchUpdate")
    book.apply(SheetPlan(appends=(RowAppend(KARI.key, {"task_id": "V1.1"}),)))
    rows = formula_rows(gspread_client, sid, "Ringeliste – Kari")
    assert [r[0] for r in rows] == ["Oppgave-ID", "V1.1"]
