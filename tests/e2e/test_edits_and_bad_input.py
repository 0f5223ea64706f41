"""Edits on both sides, conflicts, and issue #5's bad input where it involves I/O."""

from __future__ import annotations

import dataclasses
from typing import Any

from bridge.normalise import zetkin_phone
from tests.e2e.conftest import Rig

PHONE, EMAIL, STATUS = 3, 4, 9  # columns of the default Medlemmer tab (0-based)


def linked_ok_rows(rig: Rig) -> list[tuple[int, list[str]]]:
    return [
        (n, row)
        for n, row in enumerate(rig.values()[1:], start=2)
        if row[0].isdigit() and row[STATUS].startswith("OK") and row[EMAIL]
    ]


def test_edits_on_both_sides_meet_and_the_same_field_is_a_conflict(rig: Rig) -> None:
    assert rig.run().status == "ok"
    ws = rig.worksheet()
    (n1, row1), (n2, row2) = linked_ok_rows(rig)[:2]
    id1, id2 = int(row1[0]), int(row2[0])
    ws.update_cell(n1, PHONE + 1, "406 12 345")  # the board's edit
    client = rig.zetkin
    client.people.patch(id1, {"email": "ny.adresse@example.org"})  # Zetkin's edit
    # the same field on both sides, to different values
    ws.update_cell(n2, PHONE + 1, "407 00 001")
    client.people.patch(id2, {"phone": "+4741000002"})

    result = rig.run()
    assert result.status == "ok", result.error
    assert result.counts["conflicts"] == 1
    grid = rig.values()
    assert grid[n1 - 1][EMAIL] == "ny.adresse@example.org"
    assert grid[n1 - 1][PHONE] == "406 12 345"
    assert zetkin_phone(client.people.get(id1).phone) == "+4740612345"
    assert client.people.get(id1).email == "ny.adresse@example.org"
    # conflict: both values stay where they were, the row says so in Norwegian
    assert grid[n2 - 1][PHONE] == "407 00 001"
    assert client.people.get(id2).phone == "+4741000002"
    assert grid[n2 - 1][STATUS].startswith("Konflikt")
    assert "telefon" in grid[n2 - 1][STATUS].lower()

    rig.clear_logs()
    assert rig.run().status == "ok"
    assert rig.sheets_writes() == {} and rig.zetkin_writes() == []


def _header_fails(rig: Rig, *words: str) -> None:
    rig.clear_logs()
    result = rig.run()
    assert result.status == "failed"
    for word in words:
        assert word in (result.error or "")
    assert rig.sheets_writes() == {} and rig.zetkin_writes() == []


def test_missing_phone_header_stops_before_any_write(rig: Rig) -> None:
    rig.worksheet().update_cell(1, PHONE + 1, "Tlf")
    _header_fails(rig, "Telefon", "Medlemmer")


def test_duplicated_header_stops_before_any_write(rig: Rig) -> None:
    ws = rig.worksheet()
    ws.update_cell(1, len(rig.values()[0]) + 1, "Telefon")
    _header_fails(rig, "Telefon")


def test_merged_header_row_stops_before_any_write(rig: Rig) -> None:
    ws = rig.worksheet()
    ws.merge_cells("D1:E1")
    _header_fails(rig, "Medlemmer")


def test_five_thousand_blank_rows_in_the_middle(rig: Rig) -> None:
    ws = rig.worksheet()
    grid = rig.values()
    middle = len(grid) // 2
    width = len(grid[0])
    padded = grid[:middle] + [[""] * width for _ in range(5000)] + grid[middle:]
    ws.resize(rows=len(padded) + 100)
    ws.update(padded, "A1", value_input_option="RAW")
    first = rig.run()
    assert first.status == "ok", first.error
    members = rig.member_ids()
    keys = {int(r[0]) for r in rig.values()[1:] if r and r[0].isdigit()}
    assert members <= keys
    rig.clear_logs()
    assert rig.run().status == "ok"
    assert rig.sheets_writes() == {} and rig.zetkin_writes() == []


def test_formula_name_from_zetkin_lands_as_literal_text(rig: Rig) -> None:
    assert rig.run().status == "ok"
    n, row = linked_ok_rows(rig)[0]
    text = '=IMPORTXML("http://x";A1)'
    rig.zetkin.people.patch(int(row[0]), {"first_name": text})
    assert rig.run().status == "ok"
    assert rig.formulas()[n - 1][1] == text
    assert rig.values()[n - 1][1] == text
    stored = rig.env.sheets.state.spreadsheets[rig.env.spreadsheet_id]
    cell = next(s for s in stored.sheets if s.title == "Medlemmer").get(n - 1, 1)
    assert cell == text and isinstance(cell, str)  # a string, not a Formula


def test_spaced_phone_equals_e164_in_zetkin(rig: Rig) -> None:
    n, row = [
        (n, r) for n, r in enumerate(rig.values()[1:], start=2) if r[0].isdigit() and r[PHONE]
    ][3]
    rig.worksheet().update_cell(n, PHONE + 1, "912 34 567")
    rig.zetkin.people.patch(int(row[0]), {"phone": "+4791234567"})
    rig.clear_logs()
    assert rig.run().status == "ok"
    assert rig.values()[n - 1][PHONE] == "912 34 567"
    assert rig.zetkin.people.get(int(row[0])).phone == "+4791234567"
    phone_writes = [
        r for r in rig.zetkin_writes() if r["method"] == "PATCH" and r["path"].endswith(row[0])
    ]
    assert phone_writes == []


def test_board_row_for_a_known_non_member_is_linked_not_created(rig: Rig) -> None:
    person = rig.zetkin.people.create(
        {"first_name": "Oda", "last_name": "Fiktivsen", "phone": "+4745500011"}
    )
    rig.worksheet().append_row(
        ["", "Oda", "Fiktivsen", "455 00 011", "", "Midtbyen"], value_input_option="RAW"
    )
    before = rig.people_count()
    result = rig.run()
    assert result.status == "ok", result.error
    assert rig.people_count() == before + 1  # only the demo's genuinely new "Tuva"
    row = next(r for r in rig.values() if r[1:3] == ["Oda", "Fiktivsen"])
    assert row[0] == str(person.id)
    assert row[STATUS] == "Ikke lenger medlem i Zetkin"
    # matched against the people already pulled: no search per row
    searches = [r for r in rig.env.zetkin.control.requests() if r["route"] == "search.person"]
    assert searches == []


def test_an_owned_cell_edited_between_read_and_write_keeps_the_boards_value(rig: Rig) -> None:
    """R14: a board member changes an e-mail the bridge is about to overwrite with Zetkin's,
    after the cycle's read and before its write. Their value stays, that write is skipped and
    reported, the other row is written; the next cycle plans from what they typed."""
    assert rig.run().status == "ok"
    (n1, row1), (n2, row2) = linked_ok_rows(rig)[:2]
    rig.zetkin.people.patch(int(row1[0]), {"email": "fra.zetkin1@example.org"})
    rig.zetkin.people.patch(int(row2[0]), {"email": "fra.zetkin2@example.org"})
    make = rig.ctx.workbook

    def workbook(branch: Any) -> Any:
        book = make(branch)
        read = book.read

        def read_then_edit(*args: Any, **kwargs: Any) -> Any:
            snapshot = read(*args, **kwargs)
            rig.worksheet().update_cell(n1, EMAIL + 1, "styret.skrev@example.org")
            return snapshot

        book.read = read_then_edit
        return book

    plain = rig.ctx
    rig.ctx = dataclasses.replace(plain, workbook=workbook)
    result = rig.run()
    rig.ctx = plain
    assert result.status == "ok", result.error
    assert result.skipped_writes == 1
    grid = rig.values()
    assert grid[n1 - 1][EMAIL] == "styret.skrev@example.org"
    assert grid[n2 - 1][EMAIL] == "fra.zetkin2@example.org"
    # Next cycle: the board's edit came after Zetkin's (the base is what the bridge last agreed
    # with Zetkin), so it is the newest edit and goes to Zetkin; nothing is written twice.
    again = rig.run()
    assert again.status == "ok", again.error
    assert rig.values()[n1 - 1][EMAIL] == "styret.skrev@example.org"
    assert rig.zetkin.people.get(int(row1[0])).email == "styret.skrev@example.org"
    rig.clear_logs()
    assert rig.run().status == "ok"
    assert rig.sheets_writes() == {} and rig.zetkin_writes() == []
