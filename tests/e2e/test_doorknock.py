"""Door-knocking in the branch cycle (issue 15's acceptance), against both stand-ins."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
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


def test_summary_totals_equal_an_independent_sum_over_12_rounds_with_mixed_sources(
    door: DoorRig,
) -> None:
    from sandbox.doorknock_seed import add_area_assignment

    districts = ("Midtbyen", "Østbyen", "Lerkendal", "Heimdal")
    days = [date(2026, 1, 6) + timedelta(days=11 * i) for i in range(12)]
    rounds = [["", d.strftime("%d.%m.%Y"), districts[i % 4]] for i, d in enumerate(days)]
    door.add("Dørbankrunder", rounds)
    door.cycle()
    ids = [r[RID] for r in door.rows("Dørbankrunder")[1:]]
    # The results tab as a board made it: a title, a blank row, the header on row 3, aliases.
    header = ["Runde", "Lag", "Dører", "Åpnet døra", "Samtaler/prat", "Nye kontakter",
              "Innspill", "Erfaringer", "Synkstatus"]  # fmt: skip
    team_rows, expected = [], {rid: [0, 0, 0, 0] for rid in ids}
    for i, rid in enumerate(ids):
        for team in range(1, 1 + i % 3 + 1):
            numbers = [20 + i + team, 5 + team, 2 + (i % 4), team % 2]
            typed = [str(n) for n in numbers]
            if (i, team) == (1, 1):
                typed[0] = f"ca {numbers[0]}"
            team_rows.append([rid, f"Lag {team}", *typed, "", ""])
            expected[rid] = [a + b for a, b in zip(expected[rid], numbers, strict=True)]
    # messy rows that must not count: a range, a negative, a team twice, unknown round
    team_rows += [
        [ids[0], "Lag 9", "40-50", "3", "", "", "", ""],
        [ids[0], "Lag 8", "-4", "3", "", "", "", ""],
        [ids[2], "Lag 1", "99", "9", "9", "9", "", ""],
        ["30.12 Heimdal", "Lag 1", "10", "1", "", "", "", ""],
    ]
    ws = door.sheet("Dørbankresultater")
    ws.clear()
    ws.update([["Resultater 2026"], [""], header, *team_rows], "A1", raw=True)
    # Zetkin canvassing for two rounds, as its own team ("App").
    project = next(c for c in door.rig.zetkin.events.campaigns() if c.title == "Dørbank")
    for rid, knocked, opened in ((ids[3], 12, 5), (ids[7], 9, 4)):
        add_area_assignment(door.rig.zetkin, project.id, f"{rid} App", knocked=knocked,
                            opened=opened)  # fmt: skip
        expected[rid][0] += knocked
        expected[rid][1] += opened
    door.cycle()
    summary = door.rows("Oppsummering")
    per_round = {r[1]: [int(x) for x in r[5:9]] for r in summary if r[0] == "Runde"}
    assert per_round == expected
    (year,) = [r for r in summary if r[0] == "År"]
    assert [int(x) for x in year[5:9]] == [sum(v[k] for v in expected.values()) for k in range(4)]
    assert "12 runder (mål 10)" in year[1]
    rules = {r[1]: r[11] for r in summary if r[0] == "Regel"}
    assert rules["Runder uten dørbankgeneral"].count("R26") == 12
    status = [(r + [""] * 9)[8] for r in door.rows("Dørbankresultater")[3:]]
    assert "lest som" in status[1]
    assert "spenn" in status[-4] and "negativt" in status[-3]
    assert "allerede" in status[-2] and "passer ingen runde" in status[-1]
    door.rig.clear_logs()
    door.cycle()
    assert door.rig.zetkin_writes() == []
    assert door.rig.env.sheets.control.counters()["by_route"] == {"values.batchGet": 1}
    # The rounds are over a month old: their canvassing numbers are the ones last read.
    paths = [str(r["path"]) for r in door.rig.env.zetkin.control.requests()]
    assert not [p for p in paths if "/area_assignments/" in p]
    assert [r for r in door.rows("Oppsummering") if r[0] == "Runde"] == [
        r for r in summary if r[0] == "Runde"
    ]


def test_the_innspill_digest_groups_a_seeded_set_as_expected(door: DoorRig) -> None:
    door.add("Dørbankrunder", [["", "03.03.2026", "Heimdal"], ["", "10.03.2026", "Østbyen"]])
    door.cycle()
    cell = "x" * 3000
    door.add(
        "Dørbankresultater",
        [
            ["03.03 Heimdal", "Lag 1", "30", "10", "5", "0",
             "Bussen går for sjelden; For høy husleie\n- Skolen trenger flere lærere"],
            ["03.03 Heimdal", "Lag 2", "20", "8", "3", "0", "Bussen er alltid full"],
            ["10.03 Østbyen", "Lag 1", "25", "9", "4", "1",
             "Flere sykehjemsplasser; Hyggelig at dere kom"],
            ["10.03 Østbyen", "Lag 2", "25", "9", "4", "1", cell],
        ],
    )  # fmt: skip
    door.cycle()
    digest = door.rows("Innspill")
    assert digest[0] == ["Tema", "Bydel", "Antall", "Datoer", "Innspill"]
    totals = {r[0]: int(r[2]) for r in digest[1:] if r[1] == "Alle bydeler"}
    assert totals == {"Kollektivtransport": 2, "Bolig": 1, "Skole": 1, "Eldreomsorg": 1,
                      "Annet": 2}  # fmt: skip
    bus = [r for r in digest if r[0] == "Kollektivtransport" and r[1] == "Heimdal"]
    assert bus[0][2] == "2" and bus[0][3] == "03.03.2026" and "• Bussen er alltid full" in bus[0][4]
    status = (door.rows("Dørbankresultater")[4] + [""] * 9)[8]
    assert "forkortet" in status
    assert max(len(r[4]) for r in digest[1:]) < 3000


def test_an_event_whose_create_answer_was_lost_is_found_again_not_made_twice(
    door: DoorRig,
) -> None:
    client = door.rig.zetkin
    project = next(c for c in client.events.campaigns() if c.title == "Dørbank")
    lost = client.events.create(  # Zetkin applied the create; its answer never came back
        {"title": "Dørbank Heimdal", "start_time": "2026-06-12T15:00:00+00:00",
         "end_time": "2026-06-12T17:00:00+00:00", "info_text": "Runde-ID: R260612-HEI"},
        campaign_id=project.id,
    )  # fmt: skip
    door.add("Dørbankrunder", [["", "12.6", "Heimdal"]])
    door.cycle()
    assert [e.id for e in door.events()] == [lost.id]
    assert _round_row(door)[ZID] == str(lost.id)


def test_sync_doorknock_dry_run_json_writes_nothing(door: DoorRig) -> None:
    import json

    from click.testing import CliRunner

    from cli.main import cli

    door.add("Dørbankrunder", [["", "12.6", "Heimdal"]])
    path = door.rig.env.config_path
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n[jobs.doorknock]\nenabled = true\n")
    door.rig.clear_logs()
    result = CliRunner().invoke(cli, ["sync", "doorknock", "--dry-run", "--json",
                                      "--config", str(path)])  # fmt: skip
    assert result.exit_code == 0, result.output
    (run,) = json.loads(result.stdout)
    assert run["job"] == "doorknock" and run["status"] == "dry_run"
    assert run["jobs"]["doorknock"]["counts"]["events_created"] == 1
    assert door.rig.zetkin_writes() == [] and door.events() == []
    assert door.rig.sheets_writes() == {}


def test_a_sign_up_typed_with_its_new_round_is_on_the_event_after_one_cycle(
    door: DoorRig,
) -> None:
    door.add("Dørbankrunder", [["", "12.6", "Heimdal"]])
    door.add("Dørbankpåmelding", [["Per Helt Ny", "45512345", "", "12.6 Heimdal", "Stand"]])
    door.cycle()
    (event,) = door.events()
    (response,) = door.rig.zetkin.events.responses(event.id)
    person = door.rig.zetkin.people.get(response.person_id or 0)
    assert (person.first_name, person.last_name) == ("Per Helt", "Ny")
    assert _round_row(door)[SIGNED] == "1"
    door.rig.clear_logs()
    door.cycle()
    assert door.rig.zetkin_writes() == []


def test_two_new_rounds_on_one_day_in_one_district_each_get_their_event(door: DoorRig) -> None:
    door.add(
        "Dørbankrunder", [["", "12.6", "Heimdal", "Kattem"], ["", "12.6", "Heimdal", "Saupstad"]]
    )
    door.cycle()
    rows = door.rows("Dørbankrunder")[1:]
    assert [r[RID] for r in rows] == ["R260612-HEI", "R260612-HEI-2"]
    assert len({r[ZID] for r in rows}) == 2 and len(door.events()) == 2


def test_a_pull_cut_short_holds_door_knocking_and_writes_nothing(door: DoorRig) -> None:
    from jobs.cycle import run_cycle
    from jobs.registry import jobs_for

    door.add("Dørbankrunder", [["", "12.6", "Heimdal"]])
    door.add("Nye kontakter", [["Mona Ny", "45500001", "", "Heimdal", "Ja", "12.6 Heimdal"]])
    door.rig.env.zetkin.control.call("short_pull", {"by": 5})
    door.rig.clear_logs()
    door.rig.ctx.clock = lambda: door.now
    held = run_cycle(door.rig.ctx, door.branch, jobs_for(door.branch, "doorknock"))
    assert held.status == "held" and "dørbanking venter" in (held.held or "")
    assert door.rig.sheets_writes() == {} and door.rig.zetkin_writes() == []
    assert door.events() == []
