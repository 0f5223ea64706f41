"""Row errors: kept open while a run still sees them, resolved when it does not."""

from __future__ import annotations

from ledger import Ledger, RowErrorIn
from tests.ledger.conftest import Clock

PHONE = RowErrorIn(
    kind="phone.invalid", message="Telefon er ikke et gyldig nummer", row_key="17", cell="D5"
)
HEADER = RowErrorIn(kind="duplicate_row", message="Raden finnes to ganger", cell="a9")


def test_first_seen_is_kept_and_last_seen_moves(ledger: Ledger, clock: Clock) -> None:
    first = clock.now
    result = ledger.sync_row_errors("oslo", "Medlemmer", [PHONE, HEADER])
    assert (result.opened, result.still_open, result.resolved) == (2, 0, 0)

    later = clock.advance(minutes=10)
    moved = RowErrorIn(kind="phone.invalid", message="Telefon mangler", row_key="17", cell="D6")
    result = ledger.sync_row_errors("oslo", "Medlemmer", [moved, HEADER])
    assert (result.opened, result.still_open, result.resolved) == (0, 2, 0)

    errors = {e.kind: e for e in ledger.open_row_errors("oslo")}
    assert set(errors) == {"phone.invalid", "duplicate_row"}
    phone = errors["phone.invalid"]
    assert phone.first_seen == first
    assert phone.last_seen == later
    assert phone.cell == "D6"  # the row moved; it is the same error
    assert phone.message == "Telefon mangler"
    assert errors["duplicate_row"].cell == "A9"


def test_errors_no_longer_seen_are_resolved_and_can_come_back(ledger: Ledger, clock: Clock) -> None:
    ledger.sync_row_errors("oslo", "Medlemmer", [PHONE, HEADER])
    resolved_at = clock.advance(minutes=10)
    result = ledger.sync_row_errors("oslo", "Medlemmer", [HEADER])
    assert (result.opened, result.still_open, result.resolved) == (0, 1, 1)
    assert [e.kind for e in ledger.open_row_errors("oslo", "Medlemmer")] == ["duplicate_row"]

    back = clock.advance(minutes=10)
    result = ledger.sync_row_errors("oslo", "Medlemmer", [PHONE])
    assert (result.opened, result.still_open, result.resolved) == (1, 0, 1)
    (phone,) = ledger.open_row_errors("oslo")
    assert phone.kind == "phone.invalid"
    assert phone.first_seen == back  # a new occurrence, not the old one
    assert phone.resolved_at is None
    assert resolved_at < back


def test_tabs_and_branches_do_not_touch_each_other(ledger: Ledger) -> None:
    ledger.sync_row_errors("oslo", "Medlemmer", [PHONE])
    ledger.sync_row_errors("oslo", "Ringeliste", [HEADER])
    ledger.sync_row_errors("bergen", "Medlemmer", [PHONE])
    ledger.sync_row_errors("oslo", "Ringeliste", [])
    assert [(e.branch, e.tab) for e in ledger.open_row_errors()] == [
        ("bergen", "Medlemmer"),
        ("oslo", "Medlemmer"),
    ]
    assert len(ledger.open_row_errors("oslo")) == 1


def test_many_errors_in_one_sync(ledger: Ledger) -> None:
    many = [
        RowErrorIn(kind="phone.invalid", message="ugyldig", row_key=str(i)) for i in range(1500)
    ]
    assert ledger.sync_row_errors("oslo", "Medlemmer", many).opened == 1500
    result = ledger.sync_row_errors("oslo", "Medlemmer", many[:100])
    assert (result.still_open, result.resolved) == (100, 1400)
    assert len(ledger.open_row_errors("oslo")) == 100


def test_seen_counts_the_runs_in_a_row_and_starts_again_when_it_comes_back(
    ledger: Ledger, clock: Clock
) -> None:
    for _ in range(3):
        ledger.sync_row_errors("oslo", "Medlemmer", [PHONE, HEADER])
        clock.advance(minutes=10)
    seen = {e.kind: e.seen for e in ledger.open_row_errors("oslo")}
    assert seen == {"phone.invalid": 3, "duplicate_row": 3}
    ledger.sync_row_errors("oslo", "Medlemmer", [HEADER])  # the phone is fixed
    ledger.sync_row_errors("oslo", "Medlemmer", [PHONE, HEADER])  # and broken again
    seen = {e.kind: e.seen for e in ledger.open_row_errors("oslo")}
    assert seen == {"phone.invalid": 1, "duplicate_row": 5}
