"""Person links: the bases of three-way merges, saved and loaded in bulk."""

from __future__ import annotations

from sqlalchemy import event, select

from ledger import Ledger, Link
from ledger.models import PersonLink
from tests.ledger.conftest import Clock


def _links(count: int, district: str = "Øst") -> list[Link]:
    return [
        Link(
            zetkin_person_id=1000 + i,
            row_key=str(1000 + i),
            base={"first_name": f"Testperson{i}", "phone": f"+47 400{i:05d}", "district": district},
        )
        for i in range(count)
    ]


def test_twenty_thousand_links_round_trip(ledger: Ledger) -> None:
    links = _links(20_000)
    assert ledger.save_links("oslo", links) == 20_000
    loaded = ledger.load_links("oslo")
    assert len(loaded) == 20_000
    assert loaded == {link.zetkin_person_id: link for link in links}
    assert ledger.load_links("bergen") == {}


def test_saving_again_updates_and_keeps_first_seen(ledger: Ledger, clock: Clock) -> None:
    created = clock.now
    ledger.save_links("oslo", _links(3))
    updated = clock.advance(days=1)
    changed = [Link(1001, "1001", {"district": "Vest"}), Link(1002, "row-b", {})]
    assert ledger.save_links("oslo", changed) == 2
    loaded = ledger.load_links("oslo")
    assert loaded[1001].base == {"district": "Vest"}
    assert loaded[1002].row_key == "row-b"
    assert loaded[1000].base["district"] == "Øst"

    exported = ledger.export_person("oslo", 1001)
    assert exported.link == Link(1001, "1001", {"district": "Vest"})
    with ledger.engine.connect() as conn:
        first_seen, updated_at = conn.execute(
            select(PersonLink.first_seen, PersonLink.updated_at).where(
                PersonLink.zetkin_person_id == 1001
            )
        ).one()
    assert (first_seen, updated_at) == (created, updated)


def test_the_last_duplicate_in_one_save_wins(ledger: Ledger) -> None:
    ledger.save_links("oslo", [Link(7, "7", {"a": "1"}), Link(7, "7", {"a": "2"})])
    assert ledger.load_links("oslo")[7].base == {"a": "2"}


def test_delete_links_only_in_that_branch(ledger: Ledger) -> None:
    ledger.save_links("oslo", _links(1200))
    ledger.save_links("bergen", _links(2))
    gone = list(range(1000, 1700))
    assert ledger.delete_links("oslo", gone) == 700
    assert len(ledger.load_links("oslo")) == 500
    assert len(ledger.load_links("bergen")) == 2
    assert ledger.save_links("oslo", []) == 0


def test_bulk_save_is_one_executemany_not_a_statement_per_link(ledger: Ledger) -> None:
    calls: list[bool] = []

    def count(
        conn: object,
        cursor: object,
        statement: str,
        params: object,
        context: object,
        executemany: bool,
    ) -> None:
        if "person_links" in statement:
            calls.append(executemany)

    event.listen(ledger.engine, "before_cursor_execute", count)
    try:
        ledger.save_links("oslo", _links(5000))
    finally:
        event.remove(ledger.engine, "before_cursor_execute", count)
    assert calls == [True]
