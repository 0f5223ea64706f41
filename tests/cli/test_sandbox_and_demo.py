"""`bridge sandbox` and `bridge demo` as a user runs them: a real process, real clients."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gspread
import pytest
import requests
from click.testing import CliRunner

from cli.main import cli
from connectors.google_session import local_google_session

BRIDGE = [sys.executable, "-m", "cli.main"]
KEYS = {"zetkin_url", "zetkin_org_id", "zetkin_token", "sheets_url", "spreadsheet_id", "config"}


@pytest.fixture
def sandbox_process(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, Any]]:
    seed = getattr(request, "param", "empty")
    proc = subprocess.Popen(
        [*BRIDGE, "sandbox", "--seed", seed, "--json", "--dir", str(tmp_path / "sbx")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        info = json.loads(line)
        info["_proc"] = proc
        yield info
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def _gspread(info: dict[str, Any]) -> gspread.Client:
    return gspread.Client(auth=None, session=local_google_session(info["sheets_url"]))  # type: ignore[arg-type]


def test_sandbox_prints_the_contract_line_and_stops_on_ctrl_c(
    sandbox_process: dict[str, Any],
) -> None:
    info = sandbox_process
    assert set(info) - {"_proc"} == KEYS
    assert Path(info["config"]).is_file()
    assert isinstance(info["zetkin_org_id"], int) and info["zetkin_token"]
    workbook = _gspread(info).open_by_key(info["spreadsheet_id"])
    titles = [ws.title for ws in workbook.worksheets()]
    assert titles[:3] == ["Medlemmer", "Ringere", "Ringeliste"]
    assert workbook.worksheet("Medlemmer").row_values(1)[0] == "Zetkin-ID"
    assert workbook.worksheet("Medlemmer").get_all_values()[1:] == [], "--seed empty: no rows"
    proc = info["_proc"]
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=10) == 0, "Ctrl-C stops it cleanly"


def test_a_plain_gspread_script_works_against_the_sandbox(sandbox_process: dict[str, Any]) -> None:
    gc = _gspread(sandbox_process)
    book = gc.create("Styrets ark")
    tab = book.add_worksheet("Dørbank resultater", rows=20, cols=5)
    other = book.add_worksheet("Ærlig talt", rows=10, cols=3)
    tab.update([["Runde", "Lag"], ["1", "Østbyen A"]], "A1")
    tab.append_row(["2", "Heimdal B"])
    assert tab.get_all_values() == [["Runde", "Lag"], ["1", "Østbyen A"], ["2", "Heimdal B"]]
    other.update([["x"]], "A1")
    ranges = book.values_batch_get(["'Dørbank resultater'!A2:B3", "'Ærlig talt'!A1"])
    assert [r.get("values") for r in ranges["valueRanges"]] == [
        [["1", "Østbyen A"], ["2", "Heimdal B"]],
        [["x"]],
    ]
    tab.batch_clear(["A2:B3"])
    assert tab.get_all_values() == [["Runde", "Lag"]]
    with pytest.raises(gspread.exceptions.APIError) as missing_tab:
        book.values_get("'Finnes ikke'!A1")
    assert "Unable to parse range" in str(missing_tab.value)
    with pytest.raises(gspread.exceptions.SpreadsheetNotFound):
        gc.open_by_key("no-such-spreadsheet-id")


@pytest.mark.parametrize("sandbox_process", ["demo"], indirect=True)
def test_a_plain_requests_script_lists_creates_and_tags(sandbox_process: dict[str, Any]) -> None:
    info = sandbox_process
    base = f"{info['zetkin_url']}/v1/orgs/{info['zetkin_org_id']}"
    s = requests.Session()
    s.trust_env = False
    s.headers["Authorization"] = f"Bearer {info['zetkin_token']}"
    page = s.get(f"{base}/people", params={"p": 0, "pp": 100}, timeout=10)
    assert page.status_code == 200 and len(page.json()["data"]) == 100
    created = s.post(f"{base}/people", json={"first_name": "Test", "last_name": "Testesen"})
    assert created.status_code == 201
    person_id = created.json()["data"]["id"]
    tags = s.get(f"{base}/people/tags", timeout=10).json()["data"]
    member = next(t for t in tags if t["title"] == "Medlem")
    tagged = s.put(f"{base}/people/{person_id}/tags/{member['id']}", timeout=10)
    assert tagged.ok
    theirs = s.get(f"{base}/people/{person_id}/tags", timeout=10).json()["data"]
    assert [t["title"] for t in theirs] == ["Medlem"]


def test_demo_once_runs_a_cycle_and_converges(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["demo", "--once", "--dir", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    assert "Kjøring 1: ok" in result.output
    assert "rader lagt til" in result.output and "API-kall til Sheets" in result.output
    assert "En ny kjøring uten endringer: ok, 0 skrivinger til arket, 0 skrivinger til Zetkin." in (
        result.output
    )
    assert (tmp_path / "demo" / "data" / "bridge.sqlite3").is_file()


def test_demo_seeds_callers_members_and_a_round_and_shows_the_call_list(tmp_path: Path) -> None:
    """Issue 14: the call list per caller (counts and the callers' names only) and the round's
    status; the second run writes nothing, calls included."""
    result = CliRunner().invoke(cli, ["demo", "--once", "--dir", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Ringelista"))
    total = int(lines[start].split(" ga ")[1].split()[0])
    per_caller = {}
    for line in lines[start + 1 : start + 5]:
        name, _, rest = line.strip().partition(": ")
        per_caller[name] = int(rest.split()[0])
    assert set(per_caller) == {"Kari Ringstad", "Ole Telefonsen", "Astrid Samtale",
                               "Pål Oppringer"}  # fmt: skip
    assert sum(per_caller.values()) == total > 12  # 12 welcome calls and the round's
    assert per_caller["Kari Ringstad"] > per_caller["Pål Oppringer"]  # capacity 5 against 2
    assert "Velkomst" in result.output
    (round_line,) = [line for line in lines if line.startswith("Ringerunden «Dørbanking")]
    assert "Aktiv:" in round_line and "i målgruppen" in round_line
    assert "En ny kjøring uten endringer: ok, 0 skrivinger til arket, 0 skrivinger til Zetkin." in (
        result.output
    )


def test_every_subcommand_explains_itself() -> None:
    runner = CliRunner()
    top = runner.invoke(cli, ["--help"])
    assert top.exit_code == 0
    for name in ("demo", "sandbox", "sync", "check", "init-sheet", "worker", "beat"):
        assert name in top.output
        sub = runner.invoke(cli, [name, "--help"])
        assert sub.exit_code == 0, name
        assert len(sub.output.splitlines()) > 3, name


def test_admin_without_a_user_says_how_to_add_one_and_exits_1(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('[[branch]]\nname = "x"\nzetkin_org_id = 1\nspreadsheet_id = "s"\n')
    env = {**os.environ, "BRIDGE_SECRET_KEY": "k" * 32}
    env.pop("BRIDGE_DATABASE_URL", None)
    result = CliRunner().invoke(cli, ["admin", "--config", str(config)], env=env)
    assert result.exit_code == 1
    assert "bridge admin add-user" in result.output
