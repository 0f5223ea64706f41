"""updateCells, appendCells and grid data in the stand-in, through the real gspread.

The stand-in must refuse what Google refuses, or the workbook could pass here and fail there.
"""

from __future__ import annotations

from typing import Any

import gspread
import pytest

VALUE = "userEnteredValue"


def _sheet(gc: Any, rows: list[list[Any]], *, n_rows: int = 20, n_cols: int = 5) -> Any:
    sh = gc.create("Celler")
    ws = sh.add_worksheet("Data", rows=n_rows, cols=n_cols)
    if rows:
        ws.update(rows, "A1", raw=True)
    sh.del_worksheet(sh.sheet1)
    return ws


def _text(s: str) -> dict[str, Any]:
    return {VALUE: {"stringValue": s}}


def _refused(ws: Any, *requests: dict[str, Any]) -> str:
    with pytest.raises(gspread.exceptions.APIError) as err:
        ws.spreadsheet.batch_update({"requests": list(requests)})
    assert err.value.code == 400
    return str(err.value.error["message"])


def _update(ws: Any, **body: Any) -> dict[str, Any]:
    return {"updateCells": body}


def _range(ws: Any, r0: int, r1: int, c0: int, c1: int) -> dict[str, Any]:
    return {
        "sheetId": ws.id,
        "startRowIndex": r0,
        "endRowIndex": r1,
        "startColumnIndex": c0,
        "endColumnIndex": c1,
    }


def test_update_cells_requests_google_refuses(gspread_client: Any) -> None:
    ws = _sheet(gspread_client, [["a", "b"]])
    rows = [{"values": [_text("x")]}]
    where = _range(ws, 0, 1, 0, 1)
    assert "fields" in _refused(ws, _update(ws, range=where, rows=rows))
    start = {"sheetId": ws.id}
    assert "oneof field 'area'" in _refused(
        ws, _update(ws, range=where, start=start, rows=rows, fields=VALUE)
    )
    assert "'start' or 'range'" in _refused(ws, _update(ws, rows=rows, fields=VALUE))
    assert 'Unknown name "value"' in _refused(
        ws, _update(ws, range=where, rows=[{"values": [{"value": "x"}]}], fields=VALUE)
    )
    two = {"values": [{VALUE: {"stringValue": "x", "numberValue": 1}}]}
    assert "oneof field 'value' is already set" in _refused(
        ws, _update(ws, range=where, rows=[two], fields=VALUE)
    )
    wrong = {"values": [{VALUE: {"stringValue": 5}}]}
    assert "TYPE_STRING" in _refused(ws, _update(ws, range=where, rows=[wrong], fields=VALUE))
    assert "read-only" in _refused(ws, _update(ws, range=where, rows=rows, fields="formattedValue"))
    # sheetId left out is sheet 0 (proto3 drops zeros); this spreadsheet has none
    no_id = {k: v for k, v in where.items() if k != "sheetId"}
    assert "No grid with id: 0" in _refused(ws, _update(ws, range=no_id, rows=rows, fields=VALUE))
    two_rows = rows * 2
    assert "beyond the last requested row" in _refused(
        ws, _update(ws, range=where, rows=two_rows, fields=VALUE)
    )
    assert "exceeds grid limits" in _refused(
        ws, _update(ws, range=_range(ws, 0, 21, 0, 1), rows=rows, fields=VALUE)
    )
    assert "exceeds grid limits" in _refused(
        ws,
        _update(ws, start={"sheetId": ws.id, "rowIndex": 20}, rows=rows, fields=VALUE),
    )
    assert ws.get_values() == [["a", "b"]]  # nothing of it was applied


def test_update_cells_range_clears_what_rows_leave_out_start_does_not(
    gspread_client: Any,
) -> None:
    ws = _sheet(gspread_client, [["a", "b", "c"], ["d", "e", "f"]])
    ws.spreadsheet.batch_update(
        {
            "requests": [
                _update(
                    ws, range=_range(ws, 0, 1, 0, 3), rows=[{"values": [_text("A")]}], fields=VALUE
                ),
                _update(
                    ws,
                    start={"sheetId": ws.id, "rowIndex": 1, "columnIndex": 1},
                    rows=[{"values": [_text("E")]}],
                    fields=VALUE,
                ),
            ]
        }
    )
    assert ws.get_values() == [["A", "", ""], ["d", "E", "f"]]
    # A mask without userEnteredValue leaves the values alone; {} with it clears the cell.
    ws.spreadsheet.batch_update(
        {
            "requests": [
                _update(ws, range=_range(ws, 1, 2, 0, 3), rows=[], fields="note"),
                _update(ws, range=_range(ws, 1, 2, 2, 3), rows=[{"values": [{}]}], fields=VALUE),
            ]
        }
    )
    assert ws.get_values() == [["A", ""], ["d", "E"]]


def test_string_value_stays_text_formula_value_is_a_formula(gspread_client: Any) -> None:
    ws = _sheet(gspread_client, [])
    cells = [_text("=1+1"), {VALUE: {"formulaValue": "=1+1"}}, {VALUE: {"numberValue": "7"}}]
    ws.spreadsheet.batch_update(
        {
            "requests": [
                _update(ws, range=_range(ws, 0, 1, 0, 3), rows=[{"values": cells}], fields=VALUE)
            ]
        }
    )
    answer = gspread_client.http_client.fetch_sheet_metadata(
        ws.spreadsheet.id,
        {"ranges": ["'Data'!A1:C1"], "fields": "sheets.data.rowData.values.userEnteredValue"},
    )
    got = [c[VALUE] for c in answer["sheets"][0]["data"][0]["rowData"][0]["values"]]
    assert got == [{"stringValue": "=1+1"}, {"formulaValue": "=1+1"}, {"numberValue": 7}]


def test_append_cells_goes_after_the_last_row_with_data_in_any_column(
    gspread_client: Any,
) -> None:
    rows: list[list[Any]] = [["h1", "h2"], ["a"], [], [], ["", "", "", "", "notat"]]
    ws = _sheet(gspread_client, rows, n_rows=6)
    append = {
        "appendCells": {
            "sheetId": ws.id,
            "rows": [{"values": [_text("n1")]}, {"values": [{}, _text("n2")]}],
            "fields": VALUE,
        }
    }
    ws.spreadsheet.batch_update({"requests": [append]})
    values = ws.get_values()
    assert values[1][0] == "a" and not any(values[2]) and not any(values[3])
    assert values[5][0] == "n1" and values[6][:2] == ["", "n2"]
    assert ws.spreadsheet.worksheet("Data").row_count == 7  # grown by the one row it lacked


def test_append_cells_requests_google_refuses(gspread_client: Any) -> None:
    ws = _sheet(gspread_client, [["a"]], n_cols=2)
    body = {"sheetId": ws.id, "rows": [{"values": [_text("x")]}]}
    assert "fields" in _refused(ws, {"appendCells": body})
    wide = {"sheetId": ws.id, "rows": [{"values": [_text("x")] * 3}], "fields": VALUE}
    assert "exceeds grid limits" in _refused(ws, {"appendCells": wide})
    assert 'Unknown name "range"' in _refused(
        ws, {"appendCells": {**body, "fields": VALUE, "range": {}}}
    )
    # all or nothing: a good append before a bad update is not kept
    good = {"appendCells": {**body, "fields": VALUE}}
    _refused(ws, good, _update(ws, range=_range(ws, 0, 1, 0, 1), rows=[], fields=""))
    assert ws.get_values() == [["a"]]


def test_get_with_ranges_gives_grid_data_of_the_sheets_asked_only(gspread_client: Any) -> None:
    ws = _sheet(gspread_client, [["id", "navn"], ["1", "Kari"], [], ["3"]])
    other = ws.spreadsheet.add_worksheet("Annen", rows=5, cols=2)
    fields = (
        "sheets(properties(sheetId,title),"
        "data(startRow,startColumn,rowData(values(formattedValue))))"
    )
    answer = gspread_client.http_client.fetch_sheet_metadata(
        ws.spreadsheet.id,
        {"ranges": ["'Data'!A1:B1", "'Data'!A2:A", "'Data'!B2:B"], "fields": fields},
    )
    assert [s["properties"]["title"] for s in answer["sheets"]] == ["Data"]
    assert answer["sheets"][0]["properties"]["sheetId"] == ws.id != other.id
    header, keys, names = answer["sheets"][0]["data"]
    assert header == {
        "rowData": [{"values": [{"formattedValue": "id"}, {"formattedValue": "navn"}]}]
    }
    assert keys["startRow"] == 1 and "startColumn" not in keys
    assert keys["rowData"] == [
        {"values": [{"formattedValue": "1"}]},
        {},
        {"values": [{"formattedValue": "3"}]},
    ]
    assert names == {
        "startRow": 1,
        "startColumn": 1,
        "rowData": [{"values": [{"formattedValue": "Kari"}]}],
    }
    with pytest.raises(gspread.exceptions.APIError) as err:
        gspread_client.http_client.fetch_sheet_metadata(
            ws.spreadsheet.id, {"ranges": ["'Borte'!A1"], "fields": fields}
        )
    assert "Unable to parse range" in err.value.error["message"]


def test_a_formula_filled_down_counts_as_data_for_append_cells(gspread_client: Any) -> None:
    ws = _sheet(gspread_client, [["id", "", "", "", "styret"], ["1"]], n_rows=10)
    ws.update([['=IF(A2="";"";"x")']] * 4, "E2:E5", value_input_option="USER_ENTERED")
    append = {"sheetId": ws.id, "rows": [{"values": [_text("2")]}], "fields": VALUE}
    ws.spreadsheet.batch_update({"requests": [{"appendCells": append}]})
    assert ws.col_values(1) == ["id", "1", "", "", "", "2"]
