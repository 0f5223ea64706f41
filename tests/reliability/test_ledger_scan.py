"""After a real run over the board's messy sheet, the ledger holds none of what was typed into
a cell that got a row error (issue 10.8): the status cell shows it to the board, who typed it;
the ledger keeps the cell and the kind."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import select

from ledger.models import Base
from tests.e2e.conftest import make_rig

BAD = {"Telefon": "4236 079", "E-post": "ola.nordmann(at)eksempel", "Bydel": "Nordpolen"}


def _cell(grid: list[list[str]], address: str) -> str:
    match = re.fullmatch(r"([A-Z]+)(\d+)", address)
    assert match, address
    column = 0
    for letter in match.group(1):
        column = column * 26 + ord(letter) - ord("A") + 1
    row = grid[int(match.group(2)) - 1]
    return row[column - 1] if column <= len(row) else ""


def test_no_typed_value_of_a_faulty_cell_is_in_the_ledger(tmp_path: Path) -> None:
    rig = make_rig(tmp_path, size=60)
    try:
        header = rig.values()[0]
        sheet = rig.worksheet()
        for row, (column, value) in enumerate(BAD.items(), start=3):
            sheet.update_cell(row, header.index(column) + 1, value)
        result = rig.run()
        assert result.status == "ok", result.error
        errors = rig.ctx.ledger.open_row_errors(rig.branch.name)
        grid = rig.values()
        typed = {_cell(grid, e.cell).strip() for e in errors if e.cell and e.kind != "duplicate"}
        typed.discard("")
        assert set(BAD.values()) <= typed  # and what the demo sheet brings of its own

        stored: list[str] = []
        with rig.ctx.ledger.engine.connect() as conn:
            for name in ("row_errors", "sync_runs"):
                for row in conn.execute(select(Base.metadata.tables[name])):
                    stored.extend(str(value) for value in row if value is not None)
        text = "\n".join(stored)
        assert sorted(value for value in typed if value in text) == []
        assert all(e.kind and e.cell for e in errors)  # where and what are kept
    finally:
        rig.env.stop()
