"""Issue 10's lost answers and bad keys, end to end: the real gspread, the real Zetkin client over
HTTP, the stand-ins' fault controls, a real SQLite ledger.

Each test reproduces a defect seen on the landed main before the branch cycle: a create whose
answer was lost created the person again (or left them without their tags), the same new member
typed twice became two people, and a mistyped Zetkin-ID was never reported and its member was
appended a second time.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import Rig, make_rig


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[Rig]:
    made = make_rig(tmp_path, size=40)
    try:
        converged = made.run()
        assert converged.status == "ok", converged.error
        yield made
    finally:
        made.env.stop()


def add_row(rig: Rig, **values: str) -> int:
    """Append a row the board typed (by header); returns its row number."""
    ws = rig.worksheet()
    header = rig.values()[0]
    row = [values.get(h, "") for h in header]
    ws.append_row(row, value_input_option="RAW")
    return len(rig.values())


def cell(rig: Rig, row: int, header: str) -> str:
    grid = rig.values()
    col = grid[0].index(header)
    line = grid[row - 1]
    return line[col] if col < len(line) else ""


def rows_with(rig: Rig, header: str, value: str) -> list[int]:
    grid = rig.values()
    col = grid[0].index(header)
    return [n for n, r in enumerate(grid, start=1) if n > 1 and col < len(r) and r[col] == value]


def drop_next_bulk_execute(rig: Rig) -> None:
    """Zetkin applies the next bulk write, then the connection drops before the answer."""
    rig.env.zetkin.control.inject(kind="drop", method="POST", path=r".*/bulk/execute", times=1)


def member_tag_of(rig: Rig, person_id: int) -> bool:
    return "Medlem" in {t.title for t in rig.zetkin.people.tags(person_id)}


@pytest.mark.parametrize("phone", ["", "+47 912 34 561"])
def test_a_create_whose_answer_was_lost_is_finished_not_repeated(rig: Rig, phone: str) -> None:
    row = add_row(rig, Fornavn="Idunn", Etternavn="Skarsvåg", Telefon=phone)
    before = rig.people_count()
    drop_next_bulk_execute(rig)
    lost = rig.run()
    assert lost.status == "failed"  # the answer never came
    assert rig.people_count() == before + 1  # but Zetkin made the person

    again = rig.run()
    assert again.status == "ok", again.error
    assert rig.people_count() == before + 1  # nobody created twice
    person = int(cell(rig, row, "Zetkin-ID"))
    assert member_tag_of(rig, person)  # the create's tags came with it
    assert cell(rig, row, "Innmeldt") != ""
    assert cell(rig, row, "Synkstatus").startswith("OK")

    rig.clear_logs()
    third = rig.run()
    assert third.status == "ok", third.error
    assert rig.sheets_writes() == {}
    assert rig.zetkin_writes() == []


def test_the_same_new_member_typed_twice_is_created_once(rig: Rig) -> None:
    first = add_row(rig, Fornavn="Sølvi", Etternavn="Aakre", Telefon="912 34 562")
    second = add_row(rig, Fornavn="Sølvi", Etternavn="Aakre", Telefon="+4791234562")
    before = rig.people_count()
    result = rig.run()
    assert result.status == "ok", result.error
    assert rig.people_count() == before + 1
    assert cell(rig, first, "Zetkin-ID").isdigit()
    assert cell(rig, second, "Zetkin-ID") == ""
    assert cell(rig, second, "Synkstatus") == f"Mulig duplikat av rad {first}"

    rig.clear_logs()
    again = rig.run()
    assert again.status == "ok", again.error
    assert rig.sheets_writes() == {}
    assert rig.zetkin_writes() == []


@pytest.mark.parametrize("typed", ["12a", "0", "-5", "1e3", "#12"])
def test_a_mistyped_zetkin_id_is_reported_on_its_row_and_appends_nobody(
    rig: Rig, typed: str
) -> None:
    grid = rig.values()
    header = grid[0]
    id_col = header.index("Zetkin-ID")
    # a member row with a phone: its id is mistyped by the board
    row = next(
        n
        for n, r in enumerate(grid, start=1)
        if n > 1 and r[id_col].isdigit() and r[header.index("Telefon")].strip()
    )
    person = grid[row - 1][id_col]
    # as text, the way the board's typing lands in a plain-text column ("1e3" stays "1e3")
    rig.worksheet().update([[typed]], f"{chr(ord('A') + id_col)}{row}", value_input_option="RAW")
    rows_before = len(rig.values())

    result = rig.run()
    assert result.status == "ok", result.error
    assert cell(rig, row, "Synkstatus") == f"Ugyldig Zetkin-ID: «{typed}»"
    assert cell(rig, row, "Zetkin-ID") == typed  # the board's text is not overwritten
    assert rows_with(rig, "Zetkin-ID", person) == []  # not appended a second time
    assert len(rig.values()) == rows_before

    rig.clear_logs()
    again = rig.run()
    assert again.status == "ok", again.error
    assert rig.sheets_writes() == {}
    assert rig.zetkin_writes() == []


def test_a_wrong_shape_answer_from_zetkin_fails_the_run_clearly(rig: Rig) -> None:
    rig.env.zetkin.control.call("malform", {"route": "tags.list", "data": "oops"})
    rig.clear_logs()
    result = rig.run()
    assert result.status == "failed"
    assert "malformed" in (result.error or "")
    assert "finnes ikke" not in (result.error or "")  # not "the tag is missing"
    record = rig.ctx.ledger.get_run(result.run_id or 0)
    assert record is not None and record.status == "failed"  # never left "running"
    assert rig.sheets_writes() == {}
    assert rig.zetkin_writes() == []
