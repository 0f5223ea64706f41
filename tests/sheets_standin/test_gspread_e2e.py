"""The stand-in driven only through the real gspread (issue #3 acceptance), plus its controls."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gspread
import pytest
import requests

from bridge.workbook import DEFAULT_TABS
from sandbox.control import ControlClient
from sandbox.sheets import SheetsStandin, gspread_client


def _spreadsheet(gc: Any, title: str = "Testark") -> Any:
    return gc.create(title)


def test_acceptance_script(sheets_standin: SheetsStandin, sheets_control: ControlClient) -> None:
    gc = gspread_client(sheets_standin.url)
    sh = gc.create("Akseptanse")
    door = sh.add_worksheet("Dørbank resultater", rows=50, cols=8)
    honest = sh.add_worksheet("Ærlig talt", rows=20, cols=4)

    door.update([["Runde", "Lag", "Dører banket"], ["R1", "Lag A", "40"]], "A1")
    door.append_row(["R1", "Lag B", "35"])
    honest.update([["Innspill"], ["Mer kaffe"]], "A1")

    assert door.get_all_values() == [
        ["Runde", "Lag", "Dører banket"],
        ["R1", "Lag A", "40"],
        ["R1", "Lag B", "35"],
    ]
    ranges = sh.values_batch_get(
        ["'Dørbank resultater'!A2:B3", "'Ærlig talt'!A:A", "'Dørbank resultater'!C1"]
    )["valueRanges"]
    assert [r["range"] for r in ranges] == [
        "'Dørbank resultater'!A2:B3",
        "'Ærlig talt'!A1:A20",
        "'Dørbank resultater'!C1",
    ]
    assert ranges[0]["values"] == [["R1", "Lag A"], ["R1", "Lag B"]]
    assert ranges[1]["values"] == [["Innspill"], ["Mer kaffe"]]
    assert ranges[2]["values"] == [["Dører banket"]]

    door.clear()
    assert door.get_all_values() == [[]]
    assert "values" not in sh.values_get("'Dørbank resultater'")

    with pytest.raises(gspread.exceptions.APIError) as err:
        sh.values_get("'Nope'!A1")
    assert err.value.code == 400
    assert err.value.error["message"] == "Unable to parse range: 'Nope'!A1"
    assert err.value.error["status"] == "INVALID_ARGUMENT"

    with pytest.raises(gspread.exceptions.SpreadsheetNotFound):
        gc.open_by_key("1DoesNotExistDoesNotExistDoesNotExist0000")
    with pytest.raises(gspread.exceptions.SpreadsheetNotFound):
        gc.open("Ingen slik fil")
    assert gc.open("Akseptanse").id == sh.id

    routes = sheets_control.counters()["by_route"]
    assert routes["drive.files.create"] == 1
    assert routes["values.batchGet"] == 1
    assert routes["values.append"] == 1
    assert routes["values.clear"] == 1


def test_quoted_titles_and_open_ranges(gspread_client: Any) -> None:
    sh = _spreadsheet(gspread_client)
    ws = sh.add_worksheet('Bob\'s "beste" ark', rows=10, cols=5)
    ws.update([["a", "b", "c"], ["d", "", "f"], [], ["g"]], "A1")
    assert sh.values_get("'Bob''s \"beste\" ark'!B:B")["range"] == "'Bob''s \"beste\" ark'!B1:B10"
    assert ws.get("A2:2") == [["d", "", "f"]]
    assert ws.get("C1:A2") == [["a", "b", "c"], ["d", "", "f"]]
    assert ws.col_values(1) == ["a", "d", "", "g"]
    assert ws.get_all_values()[2] == ["", "", ""]  # the empty middle row is kept
    assert sh.values_get(f"'{ws.title.replace(chr(39), chr(39) * 2)}'!A1:B4")["values"] == [
        ["a", "b"],
        ["d"],
        [],
        ["g"],
    ]
    cols = sh.values_get("'Bob''s \"beste\" ark'", params={"majorDimension": "COLUMNS"})
    assert cols["values"] == [["a", "d", "", "g"], ["b"], ["c", "f"]]


def test_raw_keeps_text_user_entered_parses(gspread_client: Any) -> None:
    ws = _spreadsheet(gspread_client).sheet1
    ws.update([["=1+1", "0047912", "12"]], "A1", value_input_option="RAW")
    ws.update([["=1+1", "0047912", "12", "TRUE", "'007"]], "A2", value_input_option="USER_ENTERED")
    unformatted = ws.get("A1:E2", value_render_option="UNFORMATTED_VALUE")
    assert unformatted[0] == ["=1+1", "0047912", "12"]
    # The formula is computed, as Google does (RAW text is never a formula).
    assert unformatted[1] == [2, 47912, 12, True, "007"]
    formatted = ws.get("A1:E2")
    assert formatted[1][1:] == ["47912", "12", "TRUE", "007"]
    formulas = ws.get("A1:A2", value_render_option="FORMULA")
    assert formulas == [["=1+1"], ["=1+1"]]


def test_null_skips_and_empty_string_clears(gspread_client: Any) -> None:
    sh = _spreadsheet(gspread_client)
    ws = sh.sheet1
    ws.update([["a", "b"], ["c", "d"]], "A1")
    res = sh.values_update(
        "'Sheet1'!A1:B2",
        params={"valueInputOption": "RAW"},
        body={"values": [[None, "x"], ["", None]]},
    )
    assert res["updatedCells"] == 2
    assert ws.get_all_values() == [["a", "x"], ["", "d"]]


def test_grid_limits_and_overflow(gspread_client: Any) -> None:
    sh = _spreadsheet(gspread_client)
    ws = sh.add_worksheet("Lite", rows=3, cols=2)
    with pytest.raises(gspread.exceptions.APIError) as err:
        ws.update([["a"]] * 4, "A1")
    assert "exceeds grid limits. Max rows: 3, max columns: 2" in err.value.error["message"]
    with pytest.raises(gspread.exceptions.APIError) as err:
        ws.update([["a"], ["b"]], "A1:B1")
    assert err.value.error["message"].startswith("Requested writing within range")
    # append grows the grid, as Google's does
    ws.append_rows([["r1"], ["r2"], ["r3"], ["r4"], ["r5"]])
    assert len(ws.col_values(1)) == 5
    assert sh.worksheet("Lite").row_count == 5


def test_sort_range_between_read_and_write(gspread_client: Any) -> None:
    ws = _spreadsheet(gspread_client).sheet1
    ws.update([["id", "navn"], ["3", "C"], ["1", "A"], ["2", "B"]], "A1")
    ws.sort((1, "asc"), range="A2:B4")
    assert ws.get_all_values() == [["id", "navn"], ["1", "A"], ["2", "B"], ["3", "C"]]
    ws.sort((2, "des"), range="A2:B4")
    assert ws.col_values(2) == ["navn", "C", "B", "A"]


def test_merges_are_reported_in_metadata(gspread_client: Any) -> None:
    sh = _spreadsheet(gspread_client)
    ws = sh.sheet1
    ws.update([["Navn", "", "Telefon"]], "A1")
    ws.merge_cells("A1:B1")
    merges = sh.fetch_sheet_metadata()["sheets"][0]["merges"]
    assert merges == [
        {"startRowIndex": 0, "endRowIndex": 1, "startColumnIndex": 0, "endColumnIndex": 2}
    ]
    ws.unmerge_cells("A1:B1")
    assert "merges" not in sh.fetch_sheet_metadata()["sheets"][0]


def test_structure_requests(gspread_client: Any) -> None:
    sh = _spreadsheet(gspread_client)
    ws = sh.sheet1
    ws.update([["h1", "h2"], ["a", "b"], ["c", "d"]], "A1")
    ws.freeze(rows=1)
    ws.update_title("Omdøpt")
    ws.insert_row(["ny", "rad"], index=2)
    ws.delete_rows(4)
    ws.resize(rows=10, cols=3)
    meta = sh.fetch_sheet_metadata()["sheets"][0]["properties"]
    assert meta["title"] == "Omdøpt"
    assert meta["gridProperties"] == {"rowCount": 10, "columnCount": 3, "frozenRowCount": 1}
    assert ws.get_all_values() == [["h1", "h2", ""], ["ny", "rad", ""], ["a", "b", ""]] or (
        ws.get_all_values() == [["h1", "h2"], ["ny", "rad"], ["a", "b"]]
    )
    with pytest.raises(gspread.exceptions.APIError) as err:
        sh.add_worksheet("Omdøpt", rows=1, cols=1)
    assert "already exists" in err.value.error["message"]
    with pytest.raises(gspread.exceptions.APIError) as err:
        sh.del_worksheet(ws)
    assert err.value.error["message"] == (
        "Invalid requests[0].deleteSheet: You can't remove all the sheets in a document."
    )


def test_batch_update_is_all_or_nothing(gspread_client: Any) -> None:
    sh = _spreadsheet(gspread_client)
    ws = sh.sheet1
    data = [
        {"range": "'Sheet1'!A1", "values": [["x"]]},
        {"range": "'Nope'!A1", "values": [["y"]]},
    ]
    with pytest.raises(gspread.exceptions.APIError) as err:
        sh.values_batch_update({"valueInputOption": "RAW", "data": data})
    assert err.value.error["message"] == "Invalid data[1]: Unable to parse range: 'Nope'!A1"
    assert ws.get_all_values() == [[]]


def test_injected_429_reaches_gspread(
    sheets_standin: SheetsStandin, sheets_control: ControlClient, gspread_client: Any
) -> None:
    sh = _spreadsheet(gspread_client)
    sheets_control.inject(429, retry_after=1, times=1, method="GET", path="/values/")
    with pytest.raises(gspread.exceptions.APIError) as err:
        sh.sheet1.get_all_values()
    assert err.value.code == 429
    assert err.value.error["status"] == "RESOURCE_EXHAUSTED"
    assert err.value.response.headers["Retry-After"] == "1"
    assert sh.sheet1.get_all_values() == [[]]  # the fault fired once


def test_quota_refuses_the_61st_read(
    sheets_standin: SheetsStandin, sheets_control: ControlClient
) -> None:
    gc = gspread_client(sheets_standin.url, token="ringer-1")
    sh = gc.create("Kvote")
    ws = sh.sheet1
    sheets_control.call("quota", {"enabled": True})
    for _ in range(60):
        sh.values_get("'Sheet1'!A1")
    with pytest.raises(gspread.exceptions.APIError) as err:
        sh.values_get("'Sheet1'!A1")
    assert err.value.code == 429
    assert err.value.error["message"].startswith(
        "Quota exceeded for quota metric 'Read requests' and limit "
        "'Read requests per minute per user'"
    )
    assert err.value.error["details"][0]["reason"] == "RATE_LIMIT_EXCEEDED"
    # Writes have their own budget; another user has their own too.
    ws.update([["ok"]], "A1")
    other = gspread_client(sheets_standin.url, token="ringer-2").open_by_key(sh.id)
    assert other.sheet1.acell("A1").value == "ok"


def test_dropped_connection_after_apply_still_applies(
    sheets_control: ControlClient, gspread_client: Any
) -> None:
    ws = _spreadsheet(gspread_client).sheet1
    sheets_control.inject(kind="drop", times=1, method="PUT", path="/values/")
    with pytest.raises(requests.exceptions.ConnectionError):
        ws.update([["skrevet"]], "A1")
    assert ws.acell("A1").value == "skrevet"


def test_persistence_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "sheets.json"
    with SheetsStandin(persist_path=path) as first:
        sh = gspread_client(first.url).create("Varig")
        sh.sheet1.update([["Zetkin-ID", "Navn"], ["17", "Kari Fiktiv"]], "A1")
        sh.sheet1.update([["=1+1"]], "C1", value_input_option="USER_ENTERED")
        sid = sh.id
    assert path.exists()
    with SheetsStandin(persist_path=path) as second:
        ws = gspread_client(second.url).open_by_key(sid).sheet1
        assert ws.get("A1:B2") == [["Zetkin-ID", "Navn"], ["17", "Kari Fiktiv"]]
        assert ws.get("C1", value_render_option="FORMULA") == [["=1+1"]]


def test_seed_snapshot_and_default_workbook(
    sheets_standin: SheetsStandin, sheets_control: ControlClient, gspread_client: Any
) -> None:
    sid = sheets_standin.seed_default_workbook()
    sh = gspread_client.open_by_key(sid)
    titles = [ws.title for ws in sh.worksheets()]
    assert titles == [tab.title for tab in DEFAULT_TABS]
    members = sh.worksheet("Medlemmer")
    assert members.frozen_row_count == 1
    assert members.row_values(1)[0] == "Zetkin-ID"
    seeded = sheets_control.call(
        "seed", {"title": "Frø", "tabs": {"Ark A": [["x", "y"], ["1", "2"]]}}
    )
    snap = sheets_control.call("snapshot", {"spreadsheet_id": seeded["spreadsheet_id"]})
    assert snap["sheets"]["Ark A"]["rows"] == [["x", "y"], ["1", "2"]]


def test_token_endpoint_and_unknown_route(sheets_standin: SheetsStandin) -> None:
    session = requests.Session()
    token = session.post(f"{sheets_standin.url}/token", data={"grant_type": "x"}, timeout=5)
    assert token.json()["token_type"] == "Bearer"
    missing = session.get(f"{sheets_standin.url}/v4/nowhere", timeout=5)
    assert missing.status_code == 404
    assert "no route" in missing.json()["error"]["message"]


def test_large_tab_round_trip(gspread_client: Any, sheets_control: ControlClient) -> None:
    sh = _spreadsheet(gspread_client)
    ws = sh.add_worksheet("Stor", rows=20_000, cols=15)
    rows = [[f"r{r}c{c}" for c in range(15)] for r in range(20_000)]
    sh.values_batch_update(
        {"valueInputOption": "RAW", "data": [{"range": "'Stor'!A1", "values": rows}]}
    )
    got = sh.values_batch_get(["'Stor'", "'Sheet1'"])["valueRanges"]
    assert got[0]["values"] == rows
    assert ws.row_count == 20_000
    routes = sheets_control.counters()["by_route"]
    assert routes["values.batchUpdate"] == 1 and routes["values.batchGet"] == 1
