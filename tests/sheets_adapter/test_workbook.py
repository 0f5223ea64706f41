"""The workbook adapter against the Sheets stand-in, through the real gspread."""

from __future__ import annotations

import time
from typing import Any

import gspread
import pytest

from bridge.errors import HeaderError, PermanentApiError, PermanentError, TransientApiError
from bridge.sheet import CellWrite, RowAppend, SheetPlan
from config.settings import TabSettings
from connectors.sheets import Workbook
from tests.sheets_adapter.conftest import default_tabs, make_book

MEMBER_HEADER = [
    "Zetkin-ID",
    "Fornavn",
    "Etternavn",
    "Telefon",
    "E-post",
    "Bydel",
    "Innmeldt",
    "Vil dørbanke",
    "Vil ringe",
    "Synkstatus",
]


def members_tab(**kwargs: Any) -> dict[str, TabSettings]:
    return {"members": default_tabs()["members"], **kwargs}


def member_row(i: int, status: str = "") -> list[str]:
    return [
        str(1000 + i),
        f"Fornavn{i}",
        f"Etternavn{i}",
        f"0047900{i:05d}",
        f"person{i}@example.invalid",
        "Sentrum",
        "2024-01-01",
        "Ja",
        "Nei",
        status,
    ]


def routes(control: Any) -> dict[str, int]:
    return dict(control.counters()["by_route"])


def writes(control: Any) -> int:
    by_route = routes(control)
    return sum(n for r, n in by_route.items() if r not in ("values.batchGet", "spreadsheets.get"))


def formula_rows(gc: gspread.Client, sid: str, title: str) -> list[list[Any]]:
    ws = gc.open_by_key(sid).worksheet(title)
    return list(ws.get_values(value_render_option=gspread.utils.ValueRenderOption.formula))


# -- reading ------------------------------------------------------------------------------------
def test_read_maps_headers_any_order_case_space_and_alias_and_keeps_text(
    gspread_client: gspread.Client,
) -> None:
    header = [
        " zetkin-id",
        "Kommentar",
        "TELEFON NR",
        "fornavn",
        "Etter navn",
        "e-post",
        "synkstatus",
    ]
    rows = [
        header,
        ["00123", "ringes i mai", "004791234567", "Kari", "Nordmann", "kari@example.invalid", ""],
        [],
        ["", "", "", "", "", "", ""],
        ["456", "", "+47 912 34 567", "Ola", "Nordmann", "", "OK"],
    ]
    sid = make_book(gspread_client, {"Medlemmer": rows})
    tab = default_tabs()["members"]
    tab = TabSettings(tab.key, tab.title, tab.headers, aliases={"phone": ("Telefon nr",)})
    snapshot = Workbook(gspread_client, sid, {"members": tab}).read()
    members = snapshot.tabs["members"]
    assert members.columns["phone"] == 2 and members.columns["zetkin_id"] == 0
    assert members.unknown_headers == ("Kommentar",)
    assert [r.row_number for r in members.rows] == [2, 5]
    first, second = members.rows
    assert first.key == "00123"
    assert first.get("phone") == "004791234567"
    assert first.cells["phone"] == "C2" and first.cells["email"] == "F2"
    assert first.extra == {"Kommentar": "ringes i mai"}
    assert second.get("phone") == "+47 912 34 567"
    assert second.get("email") == "" and second.get("status") == "OK"


def test_read_of_20000_rows_plus_four_tabs_costs_one_request(
    gspread_client: gspread.Client, sheets_control: Any
) -> None:
    big = [MEMBER_HEADER + [f"Styret {i}" for i in range(5)]]
    for i in range(20_000):
        big.append(member_row(i) + ["x"] * 5 if i % 4 else [])  # blank rows in the middle
    small = {
        "Ringere": [["Navn", "Telefon"], ["Ringer En", "90000001"]],
        "Ringerunder": [["Navn", "Formål"], ["Runde 1", "Verving"]],
        "Dørbankpåmelding": [["Navn", "Runde"], ["Per", "1"]],
        "Nye kontakter": [["Navn", "Samtykke"], ["Liv", "Ja"]],
    }
    sid = make_book(gspread_client, {"Medlemmer": big, **small}, rows=20_100)
    all_tabs = default_tabs()
    keys = ["members", "callers", "call_rounds", "doorknock_signups", "new_contacts"]
    book = Workbook(gspread_client, sid, {k: all_tabs[k] for k in keys})
    sheets_control.clear_log()
    first = book.read()
    assert routes(sheets_control) == {"values.batchGet": 1}, "headers in order: no metadata"
    sheets_control.clear_log()
    again = book.read()
    assert routes(sheets_control) == {"values.batchGet": 1}
    assert sheets_control.counters()["total"] == 1
    assert len(again.tabs["members"].rows) == 15_000 == len(first.tabs["members"].rows)
    assert again.tabs["members"].rows[-1].key == str(1000 + 19_999)
    assert len(again.tabs["members"].unknown_headers) == 5


def test_read_retries_429_with_retry_after_and_succeeds_on_third_call(
    gspread_client: gspread.Client, sheets_control: Any
) -> None:
    sid = make_book(gspread_client, {"Medlemmer": [MEMBER_HEADER, member_row(1)]})
    book = Workbook(gspread_client, sid, members_tab(), retry_cap=20, backoff_base=0.05)
    book.metadata()
    sheets_control.clear_log()
    sheets_control.inject(429, retry_after=1, times=2, path="batchGet")
    started = time.monotonic()
    snapshot = book.read()
    assert time.monotonic() - started >= 2.0  # both waits honoured Retry-After: 1
    assert snapshot.tabs["members"].rows[0].key == "1001"
    statuses = [r["status"] for r in sheets_control.requests()]
    assert statuses == [429, 429, 200]


def test_read_gives_up_inside_cap_on_endless_429(
    gspread_client: gspread.Client, sheets_control: Any
) -> None:
    sid = make_book(gspread_client, {"Medlemmer": [MEMBER_HEADER]})
    book = Workbook(gspread_client, sid, members_tab(), retry_cap=3, backoff_base=0.2)
    book.metadata()
    sheets_control.inject(429, path="batchGet")
    started = time.monotonic()
    with pytest.raises(TransientApiError) as info:
        book.read()
    assert time.monotonic() - started < 3.0
    assert info.value.status == 429
    sheets_control.clear_faults()


def test_403_is_not_retried(gspread_client: gspread.Client, sheets_control: Any) -> None:
    sid = make_book(gspread_client, {"Medlemmer": [MEMBER_HEADER]})
    book = Workbook(gspread_client, sid, members_tab(), retry_cap=10)
    book.metadata()
    sheets_control.clear_log()
    sheets_control.inject(403, path="batchGet")
    with pytest.raises(PermanentApiError) as info:
        book.read()
    assert info.value.status == 403
    assert info.value.body  # Google's message is carried
    assert sheets_control.counters()["total"] == 1
    sheets_control.clear_faults()


# -- header problems ----------------------------------------------------------------------------
def _plan() -> SheetPlan:
    return SheetPlan(writes=(CellWrite("members", "1001", "status", "OK"),))


@pytest.mark.parametrize(
    ("header", "words"),
    [
        ([h for h in MEMBER_HEADER if h != "Telefon"], ["Medlemmer", "Telefon", "mangler"]),
        ([*MEMBER_HEADER, "telefon"], ["Medlemmer", "Telefon", "flere ganger"]),
    ],
)
def test_missing_or_duplicated_header_stops_before_any_write(
    gspread_client: gspread.Client, sheets_control: Any, header: list[str], words: list[str]
) -> None:
    sid = make_book(gspread_client, {"Medlemmer": [header, ["1001"]]})
    book = Workbook(gspread_client, sid, members_tab())
    sheets_control.clear_log()
    with pytest.raises(HeaderError) as info:
        book.read()
    with pytest.raises(HeaderError):
        book.apply(_plan())
    for word in words:
        assert word in str(info.value)
    assert writes(sheets_control) == 0


def test_merged_header_stops_before_any_write(
    gspread_client: gspread.Client, sheets_control: Any
) -> None:
    sid = make_book(gspread_client, {"Medlemmer": [MEMBER_HEADER, member_row(1)]})
    gspread_client.open_by_key(sid).worksheet("Medlemmer").merge_cells("B1:C1")
    book = Workbook(gspread_client, sid, members_tab())
    sheets_control.clear_log()
    with pytest.raises(HeaderError) as info:
        book.read()
    assert "Medlemmer" in str(info.value) and "B1:C1" in str(info.value)
    assert "sammenslåtte" in str(info.value)
    assert writes(sheets_control) == 0


def test_header_broken_between_read_and_apply_writes_nothing(
    gspread_client: gspread.Client, sheets_control: Any
) -> None:
    sid = make_book(gspread_client, {"Medlemmer": [MEMBER_HEADER, member_row(1)]})
    book = Workbook(gspread_client, sid, members_tab())
    book.read()
    ws = gspread_client.open_by_key(sid).worksheet("Medlemmer")
    ws.update([["Zetkin-ID", "Zetkin-ID"]], "A1", raw=True)
    sheets_control.clear_log()
    with pytest.raises(HeaderError):
        book.apply(_plan())
    assert writes(sheets_control) == 0


# -- writing ------------------------------------------------------------------------------------
def test_empty_plan_makes_no_request(gspread_client: gspread.Client, sheets_control: Any) -> None:
    sid = make_book(gspread_client, {"Medlemmer": [MEMBER_HEADER, member_row(1)]})
    book = Workbook(gspread_client, sid, members_tab())
    book.read()
    sheets_control.clear_log()
    result = book.apply(SheetPlan())
    assert sheets_control.counters()["total"] == 0
    assert result.written_cells == 0 and result.appended_rows == 0


def test_writing_a_board_field_is_refused_without_a_request(
    gspread_client: gspread.Client, sheets_control: Any
) -> None:
    sid = make_book(gspread_client, {"Medlemmer": [MEMBER_HEADER, member_row(1)]})
    book = Workbook(gspread_client, sid, members_tab())
    book.read()
    sheets_control.clear_log()
    plan = SheetPlan(writes=(CellWrite("members", "1001", "phone", "004790000000"),))
    with pytest.raises(PermanentError):
        book.apply(plan)
    assert sheets_control.counters()["total"] == 0
    result = book.apply(plan, writable_fields={"members": ["phone"]})
    assert result.written_cells == 1
    assert formula_rows(gspread_client, sid, "Medlemmer")[1][3] == "004790000000"


def test_500_cells_and_200_appends_cost_one_reread_and_one_batch_update(
    gspread_client: gspread.Client, sheets_control: Any
) -> None:
    header = [*MEMBER_HEADER, "Styrets notat"]
    rows = [header] + [[*member_row(i), f"notat {i}"] for i in range(600)]
    sid = make_book(gspread_client, {"Medlemmer": rows})
    book = Workbook(gspread_client, sid, members_tab())
    book.read()
    before = formula_rows(gspread_client, sid, "Medlemmer")
    plan = SheetPlan(
        writes=tuple(
            CellWrite("members", str(1000 + i), "status", f"Oppdatert {i}") for i in range(500)
        ),
        appends=tuple(
            RowAppend(
                "members", {"zetkin_id": str(5000 + i), "first_name": f"Ny{i}", "status": "Ny"}
            )
            for i in range(200)
        ),
    )
    sheets_control.clear_log()
    result = book.apply(plan, writable_fields={"members": ["first_name"]})
    assert routes(sheets_control) == {"spreadsheets.get": 1, "spreadsheets.batchUpdate": 1}
    assert result.written_cells == 500 and result.appended_rows == 200 and not result.skipped
    after = formula_rows(gspread_client, sid, "Medlemmer")
    assert len(after) == 801
    for i in range(500):
        assert after[i + 1][9] == f"Oppdatert {i}"
    assert after[601][0] == "5000" and after[601][1] == "Ny0" and after[800][9] == "Ny"
    # Every non-owned cell of the existing rows is byte-identical (FORMULA render).
    for old, new in zip(before, after[: len(before)], strict=True):
        assert old[:9] + old[10:] == new[:9] + new[10:]


def test_sort_and_insert_between_read_and_write_lands_on_the_right_key(
    gspread_client: gspread.Client, sheets_control: Any
) -> None:
    rows = [MEMBER_HEADER] + [member_row(i) for i in range(50)]
    sid = make_book(gspread_client, {"Medlemmer": rows})
    book = Workbook(gspread_client, sid, members_tab())
    snapshot = book.read()
    ws = gspread_client.open_by_key(sid).worksheet("Medlemmer")
    ws.sort((2, "des"), range="A2:J51")  # people sort by first name, descending
    ws.insert_rows([["", "Ny", "Person", "", "", "", "", "", "", ""]], row=2)
    plan = SheetPlan(
        writes=tuple(
            CellWrite("members", row.key, "status", f"status for {row.key}")
            for row in snapshot.tabs["members"].rows
            if row.key
        )
    )
    result = book.apply(plan)
    assert result.written_cells == 50 and not result.skipped
    after = formula_rows(gspread_client, sid, "Medlemmer")
    assert after[1][:3] == ["", "Ny", "Person"] and not "".join(after[1][3:])
    assert [line[0] for line in after[2:]] != [row[0] for row in rows[1:]]  # really moved
    for line in after[2:]:
        assert line[9] == f"status for {line[0]}"


def test_missing_key_and_ambiguous_anchor_are_skipped_not_guessed(
    gspread_client: gspread.Client,
) -> None:
    rows = [
        MEMBER_HEADER,
        member_row(1),
        ["", "Ola", "Uten", "90000001", "", "", "", "", "", ""],
        ["", "Kari", "Dobbel", "90000002", "", "", "", "", "", ""],
        ["", "Kari", "Dobbel", "90000002", "", "", "", "", "", ""],
    ]
    sid = make_book(gspread_client, {"Medlemmer": rows})
    book = Workbook(gspread_client, sid, members_tab())
    book.read()
    plan = SheetPlan(
        writes=(
            CellWrite("members", "9999", "status", "borte"),
            CellWrite("members", None, "zetkin_id", "2001", anchor={"phone": "90000001"}),
            CellWrite("members", None, "zetkin_id", "2002", anchor={"phone": "90000002"}),
        )
    )
    result = book.apply(plan)
    assert result.written_cells == 1
    assert sorted(s.row_key or s.reason for s in result.skipped) == [
        "9999",
        "fant raden uten nøkkel på 2 rader",
    ]
    after = formula_rows(gspread_client, sid, "Medlemmer")
    assert after[2][0] == "2001" and after[3][0] == "" and after[4][0] == ""
    assert all(line[9] != "borte" for line in after)


def test_formula_text_is_written_as_literal_text(gspread_client: gspread.Client) -> None:
    sid = make_book(gspread_client, {"Medlemmer": [MEMBER_HEADER, member_row(1)]})
    book = Workbook(gspread_client, sid, members_tab())
    book.read()
    text = '=IMPORTXML("http://x";A1)'
    book.apply(SheetPlan(writes=(CellWrite("members", "1001", "status", text),)))
    assert formula_rows(gspread_client, sid, "Medlemmer")[1][9] == text
    again = book.read().tabs["members"].rows[0]
    assert again.get("status") == text


def test_append_after_dropped_connection_is_not_doubled(
    gspread_client: gspread.Client, sheets_control: Any
) -> None:
    sid = make_book(gspread_client, {"Medlemmer": [MEMBER_HEADER, member_row(1)]})
    book = Workbook(gspread_client, sid, members_tab(), backoff_base=0.05)
    book.read()
    sheets_control.clear_log()
    sheets_control.inject(kind="drop", times=1, path=":batchUpdate")
    plan = SheetPlan(appends=(RowAppend("members", {"zetkin_id": "7001", "status": "Ny"}),))
    result = book.apply(plan)
    assert result.appended_rows == 1
    keys = [line[0] for line in formula_rows(gspread_client, sid, "Medlemmer")]
    assert keys.count("7001") == 1
    log = [(r["route"], r["fault"]) for r in sheets_control.requests()]
    # re-read, the write whose answer was lost, the look that finds it landed; no resend
    assert log[:3] == [
        ("spreadsheets.get", None),
        ("spreadsheets.batchUpdate", "drop"),
        ("values.batchGet", None),
    ]
    assert result.requests == {"reread": 1, "batch_update": 1, "batch_get": 1}
