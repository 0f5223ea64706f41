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
