"""`bridge sync calls` and `--now` as a user runs them, against both stand-ins."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from tests.e2e.conftest import Rig, make_rig
from tests.e2e.test_calls import new_members

CALLS_ON = "\n[jobs.calls]\nenabled = true\nstart_date = 2026-12-01\n"


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[Rig]:
    made = make_rig(tmp_path, size=20)
    try:
        with made.env.config_path.open("a", encoding="utf-8") as handle:
            handle.write(CALLS_ON)
        yield made
    finally:
        made.env.stop()


def sync(rig: Rig, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["sync", *args, "--config", str(rig.env.config_path)])
    return result.exit_code, result.stdout, result.stderr


def test_sync_calls_runs_as_if_at_the_time_given(rig: Rig) -> None:
    (pid,) = new_members(rig, 1, date(2026, 12, 5))  # due 19.12.2026
    code, out, err = sync(rig, "calls", "--now", "2026-12-17T10:00", "--json")
    assert code == 0, err
    (result,) = json.loads(out)
    assert result["job"] == "calls" and result["status"] == "ok"
    assert result["jobs"]["calls"]["notices"] == [
        "Ingen aktive ringere med kapasitet i fanen Ringere: 1 oppgaver venter på en ringer"
    ]
    book = rig.worksheet().spreadsheet.worksheet("Ringeliste")
    (row,) = [r for r in book.get_all_values()[1:] if r and r[0]]
    assert row[0] == f"V{pid}.1" and row[11] == "Haster: frist 19.12.2026"  # within 3 days


def test_now_is_refused_where_the_config_does_not_allow_it(rig: Rig) -> None:
    path = rig.env.config_path
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "allow_clock_override = true", "allow_clock_override = false"
        ),
        encoding="utf-8",
    )
    rig.clear_logs()
    code, _out, err = sync(rig, "calls", "--now", "2026-12-17T10:00")
    assert code == 1
    assert err.strip() == (
        f"--now er slått av i {path}: sett allow_clock_override = true bare i en sandkasse"
    )
    assert rig.env.sheets.control.counters()["total"] == 0


def test_a_bad_time_and_an_unknown_job_are_clear(rig: Rig) -> None:
    code, _out, err = sync(rig, "calls", "--now", "neste fredag")
    assert code == 1 and "2026-12-14T10:00" in err and "neste fredag" in err
    code, _out, err = sync(rig, "payroll")  # no such job: not offered
    assert code == 2 and "payroll" in err


def test_sync_calls_json_carries_the_measures(rig: Rig) -> None:
    """Item 8: new members this month, on-time contacts and their share, overdue, open and
    done per caller, per round; names of callers and rounds only."""
    ids = new_members(rig, 3, date(2026, 12, 2))
    book = rig.worksheet().spreadsheet
    book.worksheet("Ringere").append_rows(
        [["Kari Ringer", "+4791111001", "", "", "3", "", "Ja"]], value_input_option="RAW"
    )
    code, out, err = sync(rig, "calls", "--now", "2026-12-08T10:00", "--json")
    assert code == 0, err
    sheet = book.worksheet("Ringeliste")
    number = next(i for i, r in enumerate(sheet.get_all_values(), 1) if r[0] == f"V{ids[0]}.1")
    sheet.update([["nådd", "ja"]], f"H{number}:I{number}", raw=True)
    code, out, err = sync(rig, "calls", "--now", "2026-12-09T10:00", "--json")
    assert code == 0, err
    (result,) = json.loads(out)
    report = result["jobs"]["calls"]["report"]
    assert report["new_members_this_month"] == 3
    assert (report["contacted_on_time"], report["welcome_decided"]) == (1, 1)
    assert (report["contacted_share"], report["overdue"]) == (1.0, 0)
    assert report["callers"] == [{"caller": "Kari Ringer", "open": 2, "done": 1}]
    assert report["rounds"] == []
    assert "Fiktivsen" not in out
