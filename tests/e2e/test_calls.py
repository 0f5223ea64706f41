"""The call-list job in the branch cycle, against both stand-ins (real gspread, the real Zetkin
client over HTTP, a real SQLite ledger), the clock moved as ``bridge sync --now`` moves it.

Callers are typed into ``Ringere`` and outcomes into ``Ringeliste`` with gspread, as a board
member would; what reaches Zetkin is read back from the Zetkin stand-in.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from config.settings import BranchSettings, CallsSettings
from jobs.cycle import LOCAL_TZ, RunResult, run_cycle
from jobs.registry import jobs_for
from sandbox.sheets import gspread_client
from tests.e2e.conftest import Rig, make_rig

START = datetime(2026, 12, 8, 10, 0, tzinfo=LOCAL_TZ)
CALLERS = [
    ["Kari Ringer", "+4791111001", "", "", "3", "", "Ja"],
    ["Ola Ringer", "+4791111002", "", "", "2", "", "Ja"],
]
# Ringeliste columns (the default workbook)
TASK, CALLER, NAME, PHONE, DISTRICT, TYPE, DUE, OUTCOME, KNOCK, CALL, NOTE, STATUS = range(12)


@dataclasses.dataclass
class CallRig:
    rig: Rig
    branch: BranchSettings
    now: datetime = START

    def cycle(self, job: str = "all") -> RunResult:
        self.rig.ctx.clock = lambda: self.now
        result = run_cycle(self.rig.ctx, self.branch, jobs_for(self.branch, job))
        assert result.status == "ok", (result.error, result.held)
        return result

    def sheet(self, title: str) -> Any:
        book = gspread_client(self.rig.env.sheets.url).open_by_key(self.rig.env.spreadsheet_id)
        return book.worksheet(title)

    def call_rows(self) -> list[list[str]]:
        values = self.sheet("Ringeliste").get_all_values()[1:]
        return [(r + [""] * 12)[:12] for r in values if any(c.strip() for c in r)]

    def row_of(self, person_id: int, attempt: int = 1) -> tuple[int, list[str]]:
        """(sheet row number, cells) of a task's row."""
        for number, row in enumerate(self.sheet("Ringeliste").get_all_values(), start=1):
            if row and row[0] == f"V{person_id}.{attempt}":
                return number, (row + [""] * 12)[:12]
        raise AssertionError(f"no row for V{person_id}.{attempt}")

    def type_outcome(self, person_id: int, outcome: str, knock: str = "", note: str = "") -> None:
        number, _row = self.row_of(person_id)
        self.sheet("Ringeliste").update(
            [[outcome, knock, "", note]], f"H{number}:K{number}", raw=True
        )

    def sheets_total(self) -> int:
        return int(self.rig.env.sheets.control.counters()["total"])


def new_members(rig: Rig, count: int, first_day: date) -> list[int]:
    """Members who joined after the start date, each with a valid, distinct phone."""
    client = rig.zetkin
    member = client.tags.by_title()["Medlem"]
    ids = []
    for i in range(count):
        joined = first_day + timedelta(days=i % 3)
        person = client.people.create(
            {
                "first_name": f"Ny{i}",
                "last_name": "Fiktivsen",
                "phone": f"+47455{i:05d}",
                "innmeldt": joined.isoformat(),
            }
        )
        client.tags.assign(person.id, member.id)
        ids.append(person.id)
    return ids


@contextmanager
def call_rig(tmp_path: Path, size: int) -> Iterator[CallRig]:
    """The demo branch of ``size`` people with the calls job on and the callers typed in."""
    rig = make_rig(tmp_path, size=size)
    try:
        settings = CallsSettings(enabled=True, start_date=date(2026, 12, 1))
        jobs = dataclasses.replace(rig.branch.jobs, calls=settings)
        made = CallRig(rig, dataclasses.replace(rig.branch, jobs=jobs))
        made.sheet("Ringere").append_rows(CALLERS, value_input_option="RAW")
        yield made
    finally:
        rig.env.stop()


@pytest.fixture
def calls(tmp_path: Path) -> Iterator[CallRig]:
    with call_rig(tmp_path, 40) as made:
        yield made


def test_welcome_tasks_go_to_the_callers_by_capacity_in_a_cycle_of_three_requests(
    calls: CallRig,
) -> None:
    ids = new_members(calls.rig, 5, date(2026, 12, 5))
    calls.rig.clear_logs()
    result = calls.cycle()
    assert result.job == "reconcile+calls"
    assert calls.sheets_total() <= 3
    rows = calls.call_rows()
    assert sorted(r[TASK] for r in rows) == sorted(f"V{pid}.1" for pid in ids)
    by_caller = {
        name: sum(1 for r in rows if r[CALLER] == name) for name in ("Kari Ringer", "Ola Ringer")
    }
    assert by_caller == {"Kari Ringer": 3, "Ola Ringer": 2}
    assert [r[CALLER] for r in rows] == sorted(r[CALLER] for r in rows)  # sorted by caller
    assert all(r[PHONE].startswith("+47455") and r[TYPE] == "Velkomst" for r in rows)
    assert result.jobs["calls"]["counts"]["call_tasks_open"] == 5

    # nothing changed: the next cycle reads once and writes nothing anywhere
    calls.rig.clear_logs()
    calls.cycle()
    assert calls.rig.env.sheets.control.counters()["by_route"] == {"values.batchGet": 1}
    assert calls.rig.zetkin_writes() == []


def test_outcomes_reach_zetkin_once_and_unreached_calls_come_back_after_the_cooldown(
    calls: CallRig,
) -> None:
    reached, unreached, _other = new_members(calls.rig, 3, date(2026, 12, 5))
    calls.cycle()
    _n, first = calls.row_of(reached)
    _n, before = calls.row_of(unreached)
    calls.type_outcome(reached, "Nådd!", knock="ja", note="Vil gjerne dørbanke i januar")
    calls.type_outcome(unreached, "ikke svar")
    calls.now = START + timedelta(hours=2)
    calls.cycle()

    zetkin = calls.rig.zetkin
    notes = [n.text for n in zetkin.people.notes(reached)]
    assert notes == [f"08.12.2026 {first[CALLER]}: Vil gjerne dørbanke i januar"]
    assert "Vil dørbanke" in {tag.title for tag in zetkin.people.tags(reached)}
    assert "Vil dørbanke" not in {tag.title for tag in zetkin.people.tags(unreached)}
    _n, done = calls.row_of(reached)
    assert done[PHONE] == "" and done[STATUS] == "Ferdig: nådd 08.12.2026"  # phone blanked
    _n, waiting = calls.row_of(unreached)
    assert waiting[PHONE] == "" and "10.12.2026" in waiting[STATUS]

    # three more cycles: the note and the tag stay made once; the only write left is the
    # members tab showing the new tag (reconcile reads what calls wrote)
    calls.rig.clear_logs()
    for hours in (3, 4, 5):
        calls.now = START + timedelta(hours=hours)
        calls.cycle()
    assert [n.text for n in zetkin.people.notes(reached)] == notes
    assert calls.rig.zetkin_writes() == []
    assert calls.rig.sheets_writes() == {"spreadsheets.batchUpdate": 1}
    member_row = next(r for r in calls.rig.values() if r[0] == str(reached))
    assert member_row[7] == "Ja"  # Vil dørbanke

    # the cooldown (2 days) passes: a second attempt, with the same caller
    calls.now = START + timedelta(days=2, hours=3)
    calls.cycle()
    _n, again = calls.row_of(unreached, attempt=2)
    assert again[CALLER] == before[CALLER] and again[PHONE] == before[PHONE]
    assert again[STATUS] == "Forsøk 2 av 3"


def test_the_calls_job_runs_alone_and_never_plans_on_a_pull_cut_short(calls: CallRig) -> None:
    ids = new_members(calls.rig, 2, date(2026, 12, 5))
    result = calls.cycle("calls")
    assert result.job == "calls"
    assert sorted(r[TASK] for r in calls.call_rows()) == sorted(f"V{pid}.1" for pid in ids)
    calls.rig.env.zetkin.control.call("short_pull", {"by": 5})
    calls.rig.clear_logs()
    calls.rig.ctx.clock = lambda: START + timedelta(days=1)
    held = run_cycle(calls.rig.ctx, calls.branch, jobs_for(calls.branch, "calls"))
    assert held.status == "held" and held.held is not None
    # the pull's own figures first (the cycle's rule), then the calls job's reason
    assert held.held.startswith("Zetkin teller ")
    assert held.held.endswith(
        "; uttrekket fra Zetkin var ufullstendig; ringelistene er ikke planlagt"
    )
    assert calls.rig.sheets_writes() == {} and calls.rig.zetkin_writes() == []
    state = calls.rig.ctx.ledger.load_call_state(calls.branch.name)
    assert sorted(t.id for t in state.tasks if not t.is_final) == sorted(f"V{p}" for p in ids)


def test_forty_new_members_over_ten_days_get_forty_tasks_by_capacity_share(
    calls: CallRig,
) -> None:
    """The issue's acceptance: 4 callers, 40 new members joining over 10 days, a cycle a day
    (each at most 3 Sheets requests with reconcile and calls on); then a task nobody reached
    in 14 days shows as overdue and counts."""
    capacities = {"Anne": 10, "Bjørn": 10, "Cecilie": 5, "Dag": 15}
    ringere = calls.sheet("Ringere")
    ringere.batch_clear(["A2:G10"])
    ringere.update(
        [[name, f"+479222{i:04d}", "", "", str(cap), "", "Ja"]
         for i, (name, cap) in enumerate(capacities.items())],
        "A2",
        raw=True,
    )  # fmt: skip
    settings = dataclasses.replace(calls.branch.calls, release_after_days=30)
    jobs = dataclasses.replace(calls.branch.jobs, calls=settings)
    calls.branch = dataclasses.replace(calls.branch, jobs=jobs)
    client = calls.rig.zetkin
    member = client.tags.by_title()["Medlem"]
    joined: dict[int, date] = {}
    for day in range(10):
        today = date(2026, 12, 2) + timedelta(days=day)
        for i in range(4):
            person = client.people.create(
                {"first_name": f"D{day}", "last_name": f"N{i}",
                 "phone": f"+4746{day:02d}{i:04d}", "innmeldt": today.isoformat()}
            )  # fmt: skip
            client.tags.assign(person.id, member.id)
            joined[person.id] = today
        calls.now = datetime.combine(today, datetime.min.time(), LOCAL_TZ) + timedelta(hours=10)
        calls.rig.clear_logs()
        calls.cycle()
        assert calls.sheets_total() <= 3
    rows = calls.call_rows()
    assert sorted(r[TASK] for r in rows) == sorted(f"V{pid}.1" for pid in joined)
    total = sum(capacities.values())
    for name, cap in capacities.items():
        assigned = sum(1 for r in rows if r[CALLER] == name)
        assert abs(assigned - 40 * cap / total) <= 1, (name, assigned)

    calls.now = datetime(2026, 12, 17, 10, 0, tzinfo=LOCAL_TZ)  # the first joined 15 days ago
    result = calls.cycle()
    overdue = [r for r in calls.call_rows() if r[STATUS].startswith("Forfalt")]
    first_day = {f"V{pid}.1" for pid, day in joined.items() if day == date(2026, 12, 2)}
    assert {r[TASK] for r in overdue} == first_day
    assert result.jobs["calls"]["counts"]["overdue"] == 4
