"""Door-knocking in the branch cycle (issue 15's acceptance), against both stand-ins."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from tests.e2e.doorknock_rig import DoorRig, door_rig

# Dørbankrunder: Runde-ID, Dato, Bydel, Område, Dørbankgeneral, Oppmøtested, Avlyst, Debrief,
# Påmeldte, Zetkin-ID, Synkstatus
RID, DATE, DISTRICT, AREA, LEADER, PLACE, CANCELLED, DEBRIEF, SIGNED, ZID, STATUS = range(11)


@pytest.fixture
def door(tmp_path: Path) -> Iterator[DoorRig]:
    with door_rig(tmp_path) as made:
        yield made


def _round_row(door: DoorRig, n: int = 2) -> list[str]:
    return (door.rows("Dørbankrunder")[n - 1] + [""] * 11)[:11]


def test_a_planned_round_becomes_one_event_and_stays_one_after_five_runs(door: DoorRig) -> None:
    door.add("Dørbankrunder", [["", "12.6", "Lerkendahl", "Moholt", "", "Moholt t-bane"]])
    door.cycle()
    row = _round_row(door)
    assert row[RID] == "R260612-LER" and row[ZID]
    assert "lest som Lerkendal" in row[STATUS] and "12.06.2026" in row[STATUS]
    (event,) = door.events()
    assert event.id == int(row[ZID]) and event.title == "Dørbank Lerkendal: Moholt"
    assert event.location_title == "Moholt t-bane"
    assert event.start_time is not None and event.start_time.hour == 15  # 17:00 in Oslo, CEST
    for _ in range(5):
        door.rig.clear_logs()
        door.cycle()
        assert door.rig.zetkin_writes() == []
        assert door.rig.env.sheets.control.counters()["by_route"] == {"values.batchGet": 1}
    assert [e.id for e in door.events()] == [event.id]


def test_a_date_changed_in_the_sheet_moves_the_event_and_cancel_never_deletes(
    door: DoorRig,
) -> None:
    door.add("Dørbankrunder", [["", "12.6", "Heimdal", "", "", "Heimdal stasjon"]])
    door.cycle()
    (event,) = door.events()
    door.sheet("Dørbankrunder").update([["19.06.2026"]], "B2", raw=True)
    door.cycle()
    (moved,) = door.events()
    assert moved.id == event.id and moved.start_time is not None
    assert moved.start_time - (event.start_time or moved.start_time) == timedelta(days=7)
    door.sheet("Dørbankrunder").update([["Ja"]], "G2", raw=True)
    door.cycle()
    (cancelled,) = door.events()
    assert cancelled.id == event.id and cancelled.cancelled is not None
    assert "Avlyst" in _round_row(door)[STATUS]
    door.rig.clear_logs()
    door.cycle()
    assert door.rig.zetkin_writes() == []


def test_a_date_changed_in_zetkin_is_written_to_the_sheet(door: DoorRig) -> None:
    door.add("Dørbankrunder", [["", "12.06.2026", "Østbyen"]])
    door.cycle()
    (event,) = door.events()
    door.rig.zetkin.events.patch(
        event.id,
        {"start_time": "2026-06-14T15:00:00+00:00", "end_time": "2026-06-14T17:00:00+00:00"},
    )
    door.cycle()
    assert _round_row(door)[DATE] == "14.06.2026"
    door.rig.clear_logs()
    door.cycle()
    assert door.rig.zetkin_writes() == []
