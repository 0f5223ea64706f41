"""Issue 11: where the stand-in used to differ from Google, each held with the real gspread.

The expected answers are Google's, as recorded in gspread 6.2's cassettes or its live suite
(``tests/gspread_live``), not what the stand-in happened to do.
"""

from __future__ import annotations

from typing import Any

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
