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


def test_sign_ups_typed_in_the_sheet_reach_the_event_with_the_tag(door: DoorRig) -> None:
    client = door.rig.zetkin
    known = client.people.create({"first_name": "Siri", "last_name": "Fiktiv",
                                  "phone": "+4741234567"})  # fmt: skip
    app_user = client.people.create({"first_name": "App", "last_name": "Bruker"})
    door.add("Dørbankrunder", [["", "12.6", "Heimdal"]])
    door.cycle()
    (event,) = door.events()
    client.events.sign_up(event.id, app_user.id)  # a sign-up made in the app
    door.add(
        "Dørbankpåmelding",
        [
            ["Siri Fiktiv", "412 34 567", "", "12.6 Heimdal", "Medlemsmøte"],
            ["Nils Ny", "", "nils.ny@example.org", "R260612-HEI", "Medlemsmøte"],
            ["Uten Kontakt", "", "", "12.6 Heimdal", ""],
            ["Feil Runde", "41234568", "", "13.6 Heimdal", ""],
        ],
    )
    before = door.rig.people_count()
    door.cycle()
    signed = {r.person_id for r in client.events.responses(event.id)}
    assert known.id in signed and app_user.id in signed and len(signed) == 3
    assert door.rig.people_count() == before + 1  # Nils created, nobody else
    nils = next(pid for pid in signed if pid not in (known.id, app_user.id))
    for pid in (known.id, nils):
        assert "Vil dørbanke" in {t.title for t in client.people.tags(pid)}
    status = [(r + [""] * 6)[5] for r in door.rows("Dørbankpåmelding")[1:]]
    assert status[0] == "OK" and "opprettet" in status[1]
    assert "Mangler telefon eller e-post" in status[2] and "passer ingen runde" in status[3]
    assert _round_row(door)[SIGNED] == "3"
    door.rig.clear_logs()
    door.cycle()
    assert door.rig.zetkin_writes() == [] and door.rig.people_count() == before + 1


def test_contacts_with_consent_appear_once_in_zetkin_and_in_the_call_list(
    tmp_path: Path,
) -> None:
    with door_rig(tmp_path, calls=True) as door:
        door.add("Ringere", [["Kari Ringer", "+4791111001", "", "", "5", "", "Ja"]])
        door.add("Dørbankrunder", [["", "02.05.2026", "Midtbyen", "", "Kari Fiktiv"]])
        door.add(
            "Nye kontakter",
            [
                ["Mona Ny", "45500001", "", "Midtbyen", "Ja", "2.5 Midtbyen"],
                ["Tor Ny", "45500002", "tor.ny@example.org", "Midtbyen", "ja", "R260502-MID"],
                ["Uten Samtykke", "45500003", "", "Midtbyen", "Nei", "2.5 Midtbyen"],
            ],
        )
        totals = []
        for _ in range(3):
            door.rig.clear_logs()
            result = door.cycle("all")
            totals.append(door.sheets_total())
        assert result.job == "reconcile+calls+doorknock"
        assert max(totals) <= 3, totals
        client = door.rig.zetkin
        for name in ("Mona Ny", "Tor Ny", "Uten Samtykke"):  # once each, or not at all
            assert len(client.people.search(name)) == (0 if name == "Uten Samtykke" else 1)
        tag = client.tags.by_title()["Dørbank-kontakt"]
        tagged = client.tags.people(tag.id)
        assert sorted(p.first_name for p in tagged) == ["Mona", "Tor"]
        for person in tagged:
            notes = [n.text for n in client.people.notes(person.id)]
            assert notes == ["Ny kontakt fra dørbanking, runde 02.05.2026 Midtbyen"]
        rounds = door.rows("Ringerunder")
        assert any("Dørbank-kontakt" in cell for row in rounds for cell in row)
        call_list = door.rows("Ringeliste")[1:]
        called = {row[2] for row in call_list if row and row[0]}
        assert {"Mona Ny", "Tor Ny"} <= called
        status = [(r + [""] * 7)[6] for r in door.rows("Nye kontakter")[1:]]
        assert "Uten samtykke" in status[2]
        # No new source change: nothing written anywhere, one Sheets request.
        door.rig.clear_logs()
        door.cycle("all")
        assert door.rig.zetkin_writes() == []
        assert door.rig.env.sheets.control.counters()["by_route"] == {"values.batchGet": 1}
