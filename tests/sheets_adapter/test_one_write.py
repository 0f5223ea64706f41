"""One sheet write per cycle: the key re-read and one spreadsheets.batchUpdate for all tabs."""

from __future__ import annotations

from typing import Any

import gspread
import pytest

from bridge.sheet import CellWrite, RowAppend, SheetPlan
from connectors.sheets import Workbook
from tests.sheets_adapter.conftest import default_tabs, make_book
from tests.sheets_adapter.test_workbook import MEMBER_HEADER, formula_rows, member_row, routes

CALL_HEADER = [
    "Oppgave-ID",
    "Ringer",
    "Navn",
    "Telefon",
    "Bydel",
    "Type",
    "Frist",
    "Resultat",
    "Vil dørbanke",
    "Vil ringe",
    "Notat",
    "Synkstatus",
]
TRICKY = ['=IMPORTXML("http://x";"//a")', "+4790000000", "00123", "TRUE", "'quoted", "1,5"]


def call_row(i: int) -> list[str]:
    return [f"T{i}", "Ringer En", f"Navn {i}", f"9000{i:04d}", "Sentrum", "Ring", "", "", "", ""]


def tabs(*keys: str) -> dict[str, Any]:
    every = default_tabs()
    return {k: every[k] for k in keys}


def entered(gc: gspread.Client, sid: str, title: str) -> list[list[dict[str, Any]]]:
    """Each cell's userEnteredValue (``{}`` when empty), as Google's grid data gives it."""
    answer = gc.http_client.fetch_sheet_metadata(
        sid,
        {"ranges": [f"'{title}'"], "fields": "sheets.data.rowData.values.userEnteredValue"},
    )
    rows = answer["sheets"][0]["data"][0].get("rowData", [])
    return [[c.get("userEnteredValue", {}) for c in r.get("values", [])] for r in rows]


def seen(control: Any) -> list[tuple[str, int]]:
    """(route, status) of each logged request; a faulted one never reached the app's router,
    so its route is named from its path."""
    out = []
    for r in control.requests():
        route = r["route"] or (
            "spreadsheets.batchUpdate" if r["path"].endswith(":batchUpdate") else r["path"]
        )
        out.append((route, r["status"]))
    return out


def test_two_tabs_with_writes_and_appends_cost_three_requests_in_all(
    gspread_client: gspread.Client, sheets_control: Any
) -> None:
    sid = make_book(
        gspread_client,
        {
            "Medlemmer": [MEMBER_HEADER] + [member_row(i) for i in range(5)],
            "Ringeliste": [CALL_HEADER] + [call_row(i) for i in range(4)],
        },
    )
    book = Workbook(gspread_client, sid, tabs("members", "call_list"))
    sheets_control.clear_log()
    book.read()
    plan = SheetPlan(
        writes=(
            CellWrite("members", "1001", "status", "OK"),
            CellWrite("members", "1002", "status", "OK"),
            CellWrite("call_list", "T2", "status", "Tildelt"),
            CellWrite("call_list", "T2", "due", "2026-12-24"),
        ),
        appends=(
            RowAppend("members", {"zetkin_id": "2001", "first_name": "Ny", "status": "Ny"}),
            RowAppend("call_list", {"task_id": "T9", "name": "Ny Oppgave"}),
            RowAppend("call_list", {"task_id": "T10", "name": "Enda en"}),
        ),
    )
    result = book.apply(plan, writable_fields={"members": ["first_name"]})
    assert routes(sheets_control) == {
        "values.batchGet": 1,
        "spreadsheets.get": 1,
        "spreadsheets.batchUpdate": 1,
    }
    assert sheets_control.counters()["total"] == 3
    assert result.requests == {"reread": 1, "batch_update": 1}
    assert result.written_cells == 4 and result.appended_rows == 3 and not result.skipped
    members = formula_rows(gspread_client, sid, "Medlemmer")
    assert [r[9] for r in members[2:4]] == ["OK", "OK"] and members[1][9] == ""
    assert members[6][:2] == ["2001", "Ny"] and members[6][9] == "Ny" and len(members) == 7
    calls = formula_rows(gspread_client, sid, "Ringeliste")
    assert calls[3][6] == "2026-12-24" and calls[3][11] == "Tildelt"
    assert [r[0] for r in calls[5:]] == ["T9", "T10"] and calls[6][2] == "Enda en"


def test_a_cycle_with_nothing_to_do_is_the_read_only(
    gspread_client: gspread.Client, sheets_control: Any
) -> None:
    sid = make_book(gspread_client, {"Medlemmer": [MEMBER_HEADER, member_row(1)]})
    book = Workbook(gspread_client, sid, tabs("members"))
    sheets_control.clear_log()
    book.read()
    result = book.apply(SheetPlan())
    assert routes(sheets_control) == {"values.batchGet": 1}
    assert result.requests == {}


def test_values_that_look_like_formulas_or_numbers_land_as_text(
    gspread_client: gspread.Client,
) -> None:
    sid = make_book(gspread_client, {"Medlemmer": [MEMBER_HEADER, member_row(1)]})
    book = Workbook(gspread_client, sid, tabs("members"))
    book.read()
    plan = SheetPlan(
        writes=(CellWrite("members", "1001", "status", TRICKY[0]),),
        appends=tuple(
            RowAppend("members", {"zetkin_id": str(3000 + i), "first_name": text})
            for i, text in enumerate(TRICKY)
        ),
    )
    book.apply(plan, writable_fields={"members": ["first_name"]})
    cells = entered(gspread_client, sid, "Medlemmer")
    assert cells[1][9] == {"stringValue": TRICKY[0]}
    assert [row[1] for row in cells[2:]] == [{"stringValue": t} for t in TRICKY]
    assert [row[0] for row in cells[2:]] == [{"stringValue": str(3000 + i)} for i in range(6)]
    again = book.read().tabs["members"].rows
    assert again[0].get("status") == TRICKY[0]
    assert [r.get("first_name") for r in again[1:]] == TRICKY


def test_board_cells_and_formulas_are_untouched(
    gspread_client: gspread.Client, sheets_control: Any
) -> None:
    header = [*MEMBER_HEADER, "Styrets notat", "Lengde"]
    rows = [header] + [[*member_row(i), f"notat {i}", f"=LEN(B{i + 2})"] for i in range(30)]
    sid = make_book(gspread_client, {"Medlemmer": []})
    ws = gspread_client.open_by_key(sid).worksheet("Medlemmer")
    ws.update(rows, "A1", value_input_option="USER_ENTERED")  # the board's formulas
    book = Workbook(gspread_client, sid, tabs("members"))
    book.read()
    before = formula_rows(gspread_client, sid, "Medlemmer")
    assert before[5][11] == "=LEN(B6)"
    # Written rows 3-12 (one block of consecutive rows) and 20, 22 (separate blocks).
    chosen = [*range(1, 11), 18, 20]
    plan = SheetPlan(
        writes=tuple(CellWrite("members", str(1000 + i), "status", f"S{i}") for i in chosen),
        appends=(RowAppend("members", {"zetkin_id": "4001", "status": "Ny"}),),
    )
    result = book.apply(plan)
    assert result.written_cells == len(chosen)
    after = formula_rows(gspread_client, sid, "Medlemmer")
    assert len(after) == len(before) + 1
    for n, (old, new) in enumerate(zip(before, after, strict=False)):
        expect = list(old)
        if n >= 1 and n - 1 in chosen:
            expect[9] = f"S{n - 1}"
        assert new == expect, f"row {n + 1}"
    assert after[-1][0] == "4001" and after[-1][9] == "Ny" and not any(after[-1][10:])


def test_appends_land_after_the_last_row_with_data_in_any_column_despite_gaps(
    gspread_client: gspread.Client,
) -> None:
    header = [*MEMBER_HEADER, "Styrets notat"]
    rows: list[list[str]] = [header, member_row(1), member_row(2), [], [], []]
    rows.append([*member_row(3)])  # row 7, after three blank rows
    rows += [[], [""] * 10 + ["bare et notat"]]  # row 9 holds only a board note
    sid = make_book(gspread_client, {"Medlemmer": rows})
    book = Workbook(gspread_client, sid, tabs("members"))
    book.read()
    plan = SheetPlan(
        appends=(
            RowAppend("members", {"zetkin_id": "5001", "status": "Ny"}),
            RowAppend("members", {"zetkin_id": "5002", "status": "Ny"}),
        )
    )
    assert book.apply(plan).appended_rows == 2
    after = formula_rows(gspread_client, sid, "Medlemmer")
    assert [r[0] if r else "" for r in after[3:6]] == ["", "", ""]  # the gap stays a gap
    assert after[8][10] == "bare et notat"
    assert [after[9][0], after[10][0]] == ["5001", "5002"] and len(after) == 11


def test_appending_to_a_full_grid_grows_it(gspread_client: gspread.Client) -> None:
    rows = [MEMBER_HEADER] + [member_row(i) for i in range(9)]
    sid = make_book(gspread_client, {"Medlemmer": rows}, rows=10)
    book = Workbook(gspread_client, sid, tabs("members"))
    book.read()
    plan = SheetPlan(
        appends=tuple(RowAppend("members", {"zetkin_id": str(6000 + i)}) for i in range(3))
    )
    assert book.apply(plan).appended_rows == 3
    ws = gspread_client.open_by_key(sid).worksheet("Medlemmer")
    assert ws.row_count == 13
    assert [r[0] for r in formula_rows(gspread_client, sid, "Medlemmer")[10:]] == [
        "6000",
        "6001",
        "6002",
    ]


def test_write_refused_before_google_applied_it_is_resent_once(
    gspread_client: gspread.Client, sheets_control: Any
) -> None:
    sid = make_book(gspread_client, {"Medlemmer": [MEMBER_HEADER, member_row(1)]})
    book = Workbook(gspread_client, sid, tabs("members"), backoff_base=0.05)
    book.read()
    sheets_control.clear_log()
    sheets_control.inject(503, times=1, path=":batchUpdate")
    plan = SheetPlan(
        writes=(CellWrite("members", "1001", "status", "OK"),),
        appends=(RowAppend("members", {"zetkin_id": "7002", "status": "Ny"}),),
    )
    result = book.apply(plan)
    assert result.appended_rows == 1 and result.written_cells == 1
    log = seen(sheets_control)
    # the 503 might have been applied: look (not landed), then send again
    assert log == [
        ("spreadsheets.get", 200),
        ("spreadsheets.batchUpdate", 503),
        ("values.batchGet", 200),
        ("spreadsheets.batchUpdate", 200),
    ]
    keys = [line[0] for line in formula_rows(gspread_client, sid, "Medlemmer")]
    assert keys.count("7002") == 1


def test_lost_answer_over_two_tabs_is_not_doubled(
    gspread_client: gspread.Client, sheets_control: Any
) -> None:
    sid = make_book(
        gspread_client,
        {
            "Medlemmer": [MEMBER_HEADER, member_row(1)],
            "Ringeliste": [CALL_HEADER, call_row(1)],
        },
    )
    book = Workbook(gspread_client, sid, tabs("members", "call_list"), backoff_base=0.05)
    book.read()
    sheets_control.clear_log()
    sheets_control.inject(kind="drop", times=1, path=":batchUpdate")
    plan = SheetPlan(
        writes=(CellWrite("call_list", "T1", "status", "OK"),),
        appends=(
            RowAppend("members", {"zetkin_id": "8001", "status": "Ny"}),
            RowAppend("call_list", {"task_id": "T8", "name": "Ny"}),
        ),
    )
    result = book.apply(plan)
    assert result.appended_rows == 2
    assert [r["route"] for r in sheets_control.requests()] == [
        "spreadsheets.get",
        "spreadsheets.batchUpdate",
        "values.batchGet",
    ]
    members = [r[0] for r in formula_rows(gspread_client, sid, "Medlemmer")]
    calls = [r[0] for r in formula_rows(gspread_client, sid, "Ringeliste")]
    assert members.count("8001") == 1 and calls.count("T8") == 1


@pytest.mark.parametrize("drop", [True, False])
def test_cell_updates_alone_are_resent_as_they_are(
    gspread_client: gspread.Client, sheets_control: Any, drop: bool
) -> None:
    sid = make_book(gspread_client, {"Medlemmer": [MEMBER_HEADER, member_row(1)]})
    book = Workbook(gspread_client, sid, tabs("members"), backoff_base=0.05)
    book.read()
    sheets_control.clear_log()
    if drop:
        sheets_control.inject(kind="drop", times=1, path=":batchUpdate")
    else:
        sheets_control.inject(500, times=1, path=":batchUpdate")
    result = book.apply(SheetPlan(writes=(CellWrite("members", "1001", "status", "OK"),)))
    assert result.written_cells == 1
    assert [route for route, _ in seen(sheets_control)] == [
        "spreadsheets.get",
        "spreadsheets.batchUpdate",
        "spreadsheets.batchUpdate",
    ]
    assert formula_rows(gspread_client, sid, "Medlemmer")[1][9] == "OK"


def test_a_write_past_the_body_limit_is_split_with_the_appends_first(
    gspread_client: gspread.Client, sheets_control: Any
) -> None:
    sid = make_book(
        gspread_client, {"Medlemmer": [MEMBER_HEADER] + [member_row(i) for i in range(40)]}
    )
    book = Workbook(gspread_client, sid, tabs("members"))
    book.max_body = 4_000  # about 20 one-cell updates a batch
    book.read()
    plan = SheetPlan(
        writes=tuple(
            CellWrite("members", str(1000 + i), "status", f"S{i}") for i in range(0, 40, 2)
        ),
        appends=tuple(RowAppend("members", {"zetkin_id": str(9100 + i)}) for i in range(30)),
    )
    sheets_control.clear_log()
    result = book.apply(plan)
    batches = routes(sheets_control)["spreadsheets.batchUpdate"]
    assert batches > 1 and result.requests["batch_update"] == batches
    after = formula_rows(gspread_client, sid, "Medlemmer")
    assert [r[9] for r in after[1:41:2]] == [f"S{i}" for i in range(0, 40, 2)]
    assert [r[0] for r in after[41:]] == [str(9100 + i) for i in range(30)]
