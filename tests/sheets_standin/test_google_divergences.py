"""Issue 11: where the stand-in used to differ from Google, each held with the real gspread.

The expected answers are Google's, as recorded in gspread 6.2's cassettes or its live suite
(``tests/gspread_live``), not what the stand-in happened to do.
"""

from __future__ import annotations

from typing import Any

import gspread
import pytest

from sandbox.sheets import SheetsStandin


@pytest.fixture
def sheet(gspread_client: Any) -> Any:
    return gspread_client.create("Avvik").sheet1


def test_append_finds_the_last_block_as_google_does(sheet: Any) -> None:
    first = sheet.append_row(["v1", "", "v3"])
    assert first["updates"]["updatedRange"] == "Sheet1!A1:C1"
    second = sheet.append_row(["v1", "", "v3"])
    assert second["tableRange"] == "Sheet1!C1"
    assert second["updates"]["updatedRange"] == "Sheet1!C2:E2"
    assert sheet.row_values(2) == ["", "", "v1", "", "v3"]


def test_append_with_an_anchor_cell_keeps_its_column(sheet: Any) -> None:
    sheet.append_row(["v1", "", "v3"])
    answer = sheet.append_row(["v1", "", "v3"], table_range="A1")
    assert answer["tableRange"] == "Sheet1!A1"
    assert sheet.row_values(2) == ["v1", "", "v3"]


def test_append_under_a_table_grown_upwards(
    sheets_standin: SheetsStandin, gspread_client: Any
) -> None:
    sid = sheets_standin.create_spreadsheet("T", {"Sheet1": [["a", "b"], ["", "c", "d"]]})
    ws = gspread_client.open_by_key(sid).sheet1
    answer = ws.append_row(["x"])
    assert answer["tableRange"] == "Sheet1!A1:C2"
    assert answer["updates"]["updatedRange"] == "Sheet1!A3"


def test_typed_values_keep_googles_format(sheet: Any) -> None:
    typed = [["2,000,000.01", "12%", "2020-01-01", "1/2/2020", "12.5%", "1,234"]]
    sheet.update(typed, "A1", value_input_option="USER_ENTERED")
    assert sheet.get("A1:F1") == [
        ["2,000,000.01", "12%", "2020-01-01", "1/2/2020", "12.50%", "1,234"]
    ]
    unformatted = sheet.get("A1:F1", value_render_option="UNFORMATTED_VALUE")
    assert unformatted == [[2000000.01, 0.12, 43831, 43832, 0.125, 1234]]
    as_text = sheet.get(
        "C1", value_render_option="UNFORMATTED_VALUE", date_time_render_option="FORMATTED_STRING"
    )
    assert as_text == [["2020-01-01"]]
    assert sheet.get("C1", value_render_option="FORMULA") == [[43831]]


def test_raw_text_is_never_typed(sheet: Any) -> None:
    sheet.update([["2,000,000.01", "12%", "2020-01-01"]], "A1", value_input_option="RAW")
    assert sheet.get("A1:C1", value_render_option="UNFORMATTED_VALUE") == [
        ["2,000,000.01", "12%", "2020-01-01"]
    ]


def test_formulas_are_computed_where_the_library_can(sheet: Any) -> None:
    sheet.update(
        [["= 1 / 1024", '=A2&"-"&B2', "=SUM(A2:B2)", "=1/0", "=QUERY(A2:B2)"], [3, 4]],
        "A1",
        value_input_option="USER_ENTERED",
    )
    assert sheet.get("A1:E1") == [["0.0009765625", "3-4", "7", "#DIV/0!", "=QUERY(A2:B2)"]]
    assert sheet.get("A1:C1", value_render_option="UNFORMATTED_VALUE") == [[0.0009765625, "3-4", 7]]
    assert sheet.get("C1", value_render_option="FORMULA") == [["=SUM(A2:B2)"]]
    assert sheet.acell("A1").numeric_value == 1 / 1024


def test_notes_are_stored_and_returned(sheet: Any) -> None:
    sheet.update([["a", "b"]], "A1")
    sheet.insert_notes({"A1": "les meg", "C3": "tom celle"})
    assert sheet.get_note("A1") == "les meg"
    assert sheet.get_notes() == [["les meg"], [], ["", "", "tom celle"]]
    sheet.clear_note("A1")
    assert sheet.get_note("A1") == ""
    # A note is not data: the values are as they were.
    assert sheet.get_all_values() == [["a", "b"]]


def test_formats_are_stored_and_returned(sheet: Any) -> None:
    sheet.format("A2:B2", {"backgroundColor": {"red": 1}, "textFormat": {"bold": True}})
    data = sheet.spreadsheet.fetch_sheet_metadata(
        {"ranges": ["Sheet1!A2:C2"], "fields": "sheets.data.rowData.values.userEnteredFormat"}
    )
    values = data["sheets"][0]["data"][0]["rowData"][0]["values"]
    assert len(values) == 2
    assert values[0]["userEnteredFormat"] == {
        "backgroundColor": {"red": 1},
        "backgroundColorStyle": {"rgbColor": {"red": 1}},
        "textFormat": {"bold": True},
    }
    # Only the masked sub-field changes; the background stays.
    sheet.format("A2", {"textFormat": {"italic": True}})
    full = sheet.spreadsheet.fetch_sheet_metadata(
        {"ranges": ["Sheet1!A2"], "includeGridData": "true"}
    )
    cell = full["sheets"][0]["data"][0]["rowData"][0]["values"][0]
    assert cell["userEnteredFormat"]["backgroundColor"] == {"red": 1}
    assert cell["userEnteredFormat"]["textFormat"] == {"italic": True}


def test_dimension_properties_are_stored_and_returned(sheet: Any) -> None:
    fields = {"fields": "sheets.data.columnMetadata,sheets.data.rowMetadata"}
    before = sheet.spreadsheet.fetch_sheet_metadata(fields)["sheets"][0]["data"][0]
    assert before["columnMetadata"][0] == {"pixelSize": 100}
    assert before["rowMetadata"][0] == {"pixelSize": 21}
    sheet.spreadsheet.batch_update(
        {
            "requests": [
                {
                    "updateDimensionProperties": {
                        "range": {"sheetId": 0, "dimension": "COLUMNS", "startIndex": 1},
                        "properties": {"pixelSize": 250},
                        "fields": "pixelSize",
                    }
                }
            ]
        }
    )
    sheet.hide_rows(2, 3)
    after = sheet.spreadsheet.fetch_sheet_metadata(fields)["sheets"][0]["data"][0]
    assert [c["pixelSize"] for c in after["columnMetadata"][:3]] == [100, 250, 250]
    assert after["rowMetadata"][2] == {"pixelSize": 21, "hiddenByUser": True}
    # Deleting row 1 moves the hidden row up with its properties.
    sheet.delete_rows(1)
    moved = sheet.spreadsheet.fetch_sheet_metadata(fields)["sheets"][0]["data"][0]
    assert moved["rowMetadata"][1] == {"pixelSize": 21, "hiddenByUser": True}


def test_notes_and_formats_move_with_inserted_rows(sheet: Any) -> None:
    sheet.insert_note("A2", "flytter seg")
    sheet.insert_rows([["ny"]], 1)
    assert sheet.get_note("A3") == "flytter seg"
    assert sheet.get_note("A2") == ""


def test_drive_copy_export_and_csv_import(gspread_client: Any) -> None:
    import gspread

    sh = gspread_client.create("Original")
    sh.sheet1.update([["a1", "B2"], ["3", "x,y"]], "A1")
    sh.sheet1.insert_note("A1", "merknad")
    copied = gspread_client.copy(sh.id, title="Kopi")
    assert copied.title == "Kopi" and copied.id != sh.id
    assert copied.sheet1.get_all_values() == [["a1", "B2"], ["3", "x,y"]]
    assert copied.sheet1.get_note("A1") == "merknad"
    exported = gspread_client.export(sh.id, gspread.utils.ExportFormat.CSV)
    assert bytes(exported) == b'a1,B2\r\n3,"x,y"'
    gspread_client.import_csv(sh.id, "n,tall\nen,1\n")
    assert sh.sheet1.get_all_values() == [["n", "tall"], ["en", "1"]]
    assert sh.sheet1.get("B2", value_render_option="UNFORMATTED_VALUE") == [[1]]


def test_an_unserved_drive_call_fails_at_once_and_says_so(gspread_client: Any) -> None:
    import gspread

    sh = gspread_client.create("Eksport")
    with pytest.raises(gspread.exceptions.APIError) as caught:
        gspread_client.export(sh.id, gspread.utils.ExportFormat.PDF)
    assert caught.value.code == 501
    assert "exports only text/csv" in str(caught.value)
    with pytest.raises(gspread.exceptions.APIError) as caught:
        sh.list_permissions()
    assert caught.value.code == 501
    assert "does not implement GET /drive/v3/files" in str(caught.value)


def test_a_spreadsheet_not_shared_with_the_caller_is_403(sheets_standin: SheetsStandin) -> None:
    from sandbox.sheets import gspread_client

    sid = sheets_standin.create_spreadsheet("Styret", shared_with=["service-account"])
    owner = gspread_client(sheets_standin.url, token="service-account")
    assert owner.open_by_key(sid).sheet1.get_all_values() == [[]]
    stranger = gspread_client(sheets_standin.url, token="someone-else")
    with pytest.raises(PermissionError):
        stranger.open_by_key(sid)
    with pytest.raises(gspread.exceptions.APIError) as caught:
        stranger.http_client.values_get(sid, "Sheet1!A1")
    assert caught.value.code == 403
    assert caught.value.error["status"] == "PERMISSION_DENIED"
    # Drive does not show it to the stranger at all, as Google's Drive does.
    assert sid not in [f["id"] for f in stranger.list_spreadsheet_files()]
    with pytest.raises(gspread.exceptions.APIError) as caught:
        stranger.get_file_drive_metadata(sid)
    assert caught.value.code == 404
    # An id nobody has is still 404.
    with pytest.raises(gspread.exceptions.SpreadsheetNotFound):
        stranger.open_by_key("1" * 44)


def test_grid_data_and_sharing_survive_a_restart(tmp_path: Any) -> None:
    from sandbox.sheets import Store

    path = tmp_path / "sheets.json"
    with SheetsStandin(persist_path=path) as standin:
        sid = standin.create_spreadsheet("Lagret", shared_with=["sa"])
        ws = standin.gspread_client(token="sa").open_by_key(sid).sheet1
        ws.update([["12%", "2020-01-01"]], "A1", value_input_option="USER_ENTERED")
        ws.insert_note("B2", "husk")
        ws.columns_auto_resize(0, 1)
    reloaded = Store(path).get(sid)
    sheet = reloaded.sheets[0]
    assert reloaded.shared_with == ["sa"]
    assert sheet.meta[(1, 1)] == {"note": "husk"}
    assert sheet.number_format(0, 0) == {"type": "PERCENT", "pattern": "0%"}
    assert sheet.dims["COLUMNS"][0]["pixelSize"] == 3 * 7 + 10
