"""`bridge init-sheet` and header checks against the Sheets stand-in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gspread
from click.testing import CliRunner

from bridge.workbook import DEFAULT_TABS, OUTCOMES, YES_NO
from cli.main import cli
from connectors.sheets import Workbook, check_headers
from tests.sheets_adapter.conftest import default_tabs, make_book


def _config(tmp_path: Path, url: str, *spreadsheet_ids: str) -> Path:
    branches = "".join(
        f'\n[[branch]]\nname = "Testby{i}"\nzetkin_org_id = {i + 1}\nspreadsheet_id = "{sid}"\n'
        for i, sid in enumerate(spreadsheet_ids)
    )
    path = tmp_path / "bridge.toml"
    path.write_text(f'[sheets]\nbase_url = "{url}"\n{branches}', encoding="utf-8")
    return path


def _choices(validation: dict[str, Any]) -> list[str]:
    return [x["userEnteredValue"] for x in validation["rule"]["condition"]["values"]]


def test_init_sheet_creates_the_default_workbook(
    tmp_path: Path, sheets_standin: Any, sheets_control: Any, gspread_client: gspread.Client
) -> None:
    sid = str(gspread_client.create("Tom bok").id)
    sheets_control.clear_log()
    result = CliRunner().invoke(
        cli, ["init-sheet", "--config", str(_config(tmp_path, sheets_standin.url, sid))]
    )
    assert result.exit_code == 0, result.output
    assert "10 faner opprettet" in result.output
    assert sheets_control.counters()["total"] == 4
    state = sheets_control.call("snapshot", {"spreadsheet_id": sid})["sheets"]
    assert list(state) == [tab.title for tab in DEFAULT_TABS]  # Sheet1 removed, order kept
    members = state["Medlemmer"]
    assert members["rows"] == [[f.header for f in DEFAULT_TABS[0].fields]]
    assert members["frozenRowCount"] == 1
    choices = {
        v["range"]["startColumnIndex"]: [
            x["userEnteredValue"] for x in v["rule"]["condition"]["values"]
        ]
        for v in members["validations"]
    }
    assert choices == {7: list(YES_NO), 8: list(YES_NO)}
    call_list = state["Ringeliste"]
    outcome = [v for v in call_list["validations"] if v["range"]["startColumnIndex"] == 7]
    assert _choices(outcome[0]) == list(OUTCOMES)
    assert not outcome[0]["rule"]["strict"]  # "ring senere" may still be typed
    assert state["Oppsummering"]["rows"] == []
    # The new workbook reads cleanly.
    book = Workbook(gspread_client, sid, default_tabs())
    assert check_headers(book) == []
    assert all(not tab.rows for tab in book.read().tabs.values())


def test_init_sheet_refuses_a_non_empty_tab_and_changes_nothing(
    tmp_path: Path, sheets_standin: Any, sheets_control: Any, gspread_client: gspread.Client
) -> None:
    sid = make_book(gspread_client, {"Medlemmer": [["Navn"], ["Noen"]], "Annet": []})
    before = sheets_control.call("snapshot", {"spreadsheet_id": sid})
    sheets_control.clear_log()
    result = CliRunner().invoke(
        cli, ["init-sheet", "--config", str(_config(tmp_path, sheets_standin.url, sid))]
    )
    assert result.exit_code == 1
    assert "Medlemmer" in result.output and "ikke tomme" in result.output
    assert sheets_control.call("snapshot", {"spreadsheet_id": sid}) == before
    by_route = sheets_control.counters()["by_route"]
    assert set(by_route) <= {"spreadsheets.get", "values.batchGet"}


def test_check_headers_reports_missing_duplicated_and_unknown(
    gspread_client: gspread.Client,
) -> None:
    header = ["Zetkin-ID", "Fornavn", "fornavn", "Telefon", "E-post", "Synkstatus", "Kommentar"]
    sid = make_book(gspread_client, {"Medlemmer": [header], "Ringere": [["Navn"]]})
    tabs = default_tabs()
    book = Workbook(gspread_client, sid, {k: tabs[k] for k in ("members", "callers", "call_list")})
    problems = check_headers(book)
    text = "\n".join(problems)
    assert "«Etternavn»" in text and "mangler" in text
    assert "«Fornavn» flere ganger" in text
    assert "«Kommentar»" in text
    assert "Fant ikke fanen «Ringeliste»" in text
    assert len(problems) == 4


def test_factory_binds_the_client_to_the_standin(sheets_standin: Any) -> None:
    from config.settings import SheetsSettings
    from connectors.sheets import make_gspread_client

    gc = make_gspread_client(SheetsSettings(base_url=sheets_standin.url, timeout=5))
    sid = make_book(gc, {"Medlemmer": [["Zetkin-ID"], ["42"]]})
    assert gc.http_client.timeout == 5
    assert gc.open_by_key(sid).worksheet("Medlemmer").acell("A2").value == "42"
