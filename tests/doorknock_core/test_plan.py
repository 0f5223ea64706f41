"""The planner as a whole: results judged, events planned, the digest and the summary."""

from __future__ import annotations

from datetime import datetime

from bridge.doorknock import (
    OTHER,
    DoorknockInput,
    DoorknockOptions,
    EventView,
    Person,
    RoundBase,
    ZetkinTally,
    build_digest,
    plan_doorknock,
)
from bridge.sheet import TabSnapshot
from tests.doorknock_core.helpers import DISTRICTS, snapshot

NOW = datetime(2026, 6, 1, 12, 0)
OPTIONS = DoorknockOptions(districts=DISTRICTS)


def _input(tabs: dict[str, TabSnapshot], **kwargs: object) -> DoorknockInput:
    base = {"tabs": tabs, "events": (), "bases": {}, "people": (), "tallies": (), "now": NOW}
    return DoorknockInput(**{**base, **kwargs})  # type: ignore[arg-type]


def _status(plan: object, tab: str) -> dict[int, str]:
    writes = [w for w in plan.writes if w.tab == tab and w.field == "status"]  # type: ignore[attr-defined]
    return {i: w.value for i, w in enumerate(writes)}


ROUNDS = [
    {"date": "12.3", "district": "Heimdal", "leader": "Kari"},
    {"round_id": "R260319-LER", "zetkin_id": "7", "date": "19.03.2026", "district": "Lerkendahl"},
]


def test_new_round_gets_an_id_and_an_event_the_linked_one_is_patched() -> None:
    tabs = {"doorknock_rounds": snapshot("doorknock_rounds", ROUNDS)}
    event = EventView(7, "R260319-LER", datetime(2026, 3, 18, 18), datetime(2026, 3, 18, 20),
                      "Dørbank Lerkendal", responders=frozenset({1, 2}))  # fmt: skip
    base = RoundBase(7, "2026-03-18", "", False)
    plan = plan_doorknock(_input(tabs, events=(event,), bases={"R260319-LER": base}), OPTIONS)
    assert [c.round_id for c in plan.event_creates] == ["R260312-HEI"]
    assert plan.event_creates[0].start == datetime(2026, 3, 12, 17)
    (patch,) = plan.event_patches
    assert patch.event_id == 7
    assert patch.changes["start"] == datetime(2026, 3, 19, 18)  # the time of day is kept
    written = {(w.row_key, w.field): w.value for w in plan.writes}
    assert written[(None, "round_id")] == "R260312-HEI"
    assert written[("R260319-LER", "signed_up")] == "2"
    assert "Lerkendal" in written[("R260319-LER", "status")]  # the guessed district, noted


def test_zetkin_side_change_is_written_to_the_sheet_and_conflict_writes_nothing() -> None:
    rows = [{"round_id": "R1", "zetkin_id": "7", "date": "19.03.2026", "district": "Heimdal",
             "meeting_point": "Torget"}]  # fmt: skip
    tabs = {"doorknock_rounds": snapshot("doorknock_rounds", rows)}
    moved = EventView(7, "R1", datetime(2026, 3, 20, 17), datetime(2026, 3, 20, 19),
                      "Dørbank Heimdal", "Torget")  # fmt: skip
    base = RoundBase(7, "2026-03-19", "Torget", False)
    plan = plan_doorknock(_input(tabs, events=(moved,), bases={"R1": base}), OPTIONS)
    assert not plan.event_patches
    assert ("date", "20.03.2026") in {(w.field, w.value) for w in plan.writes}
    both = RoundBase(7, "2026-03-18", "Torget", False)
    plan = plan_doorknock(_input(tabs, events=(moved,), bases={"R1": both}), OPTIONS)
    assert not plan.event_patches
    assert not [w for w in plan.writes if w.field == "date"]
    assert any("Konflikt" in w.value for w in plan.writes if w.field == "status")


def test_cancelled_row_cancels_the_event_and_creates_none() -> None:
    rows = [
        {"round_id": "R1", "zetkin_id": "7", "date": "19.03.2026", "district": "Heimdal",
         "cancelled": "Ja"},
        {"date": "20.3", "district": "Heimdal", "cancelled": "Ja"},
    ]  # fmt: skip
    event = EventView(7, "R1", datetime(2026, 3, 19, 17), None, "Dørbank Heimdal")
    tabs = {"doorknock_rounds": snapshot("doorknock_rounds", rows)}
    plan = plan_doorknock(_input(tabs, events=(event,)), OPTIONS)
    assert plan.event_patches[0].changes.get("cancelled") is True
    assert not plan.event_creates


def test_results_duplicates_opened_more_and_zetkin_never_double_counted() -> None:
    results = [
        {"round": "12.3 Heimdal", "team": "Lag 1", "doors_knocked": "ca 40",
         "doors_opened": "50"},
        {"round": "12.3 Heimdal", "team": "lag 1", "doors_knocked": "30"},
        {"round": "12.3 Heimdal", "team": "Lag 2", "doors_knocked": "40-50"},
        {"round": "12.3 Heimdal", "team": "Lag 3", "doors_knocked": "-4"},
        {"round": "12.3 Heimdal", "team": "App", "doors_knocked": "99"},
        {"round": "13.3 Heimdal", "team": "Lag 4", "doors_knocked": "10"},
    ]  # fmt: skip
    tabs = {
        "doorknock_rounds": snapshot("doorknock_rounds", ROUNDS[:1]),
        "doorknock_results": snapshot("doorknock_results", results),
        "summary": snapshot("summary", []),
    }
    tally = ZetkinTally(5, "R260312-HEI", "App", 60, 20, 12, 3)
    plan = plan_doorknock(_input(tabs, tallies=(tally,)), OPTIONS)
    status = [w.value for w in plan.writes if w.tab == "doorknock_results"]
    assert status[0].startswith("OK") and "lest som 40" in status[0] and "Flere åpnet" in status[0]
    assert "allerede" in status[1] and "rad 2" in status[1]
    assert "spenn" in status[2]
    assert "negativt" in status[3]
    assert "Zetkin" in status[4]
    assert "passer ingen runde" in status[5]
    row = next(r for r in plan.summary if r[1] == "R260312-HEI")
    assert row[4:9] == ("2", "100", "70", "12", "3")  # Lag 1 (40/50) + Zetkin (60/20/12/3)


def test_digest_groups_by_theme_then_district() -> None:
    sources = [
        ("Bussen går for sjelden; For høy husleie", "Heimdal", "R1", None),
        ("Trenger flere sykehjemsplasser\nVil ha mer kultur", "Østbyen", "R2", None),
        ("Bussen er full om morgenen", "Østbyen", "R2", None),
        ("Hyggelig at dere kom", "Heimdal", "R1", None),
    ]
    digest = build_digest(sources)
    themes = {g.theme: g for g in digest.groups}
    assert themes["Kollektivtransport"].count == 2
    assert set(themes["Kollektivtransport"].by_district) == {"Heimdal", "Østbyen"}
    assert themes["Bolig"].count == 1 and themes["Eldreomsorg"].count == 1
    assert themes["Kultur"].count == 1
    assert digest.groups[-1].theme == OTHER and digest.total == 6


def test_signup_matched_is_signed_up_and_tagged_unmatched_created() -> None:
    rows = [{"round_id": "R1", "zetkin_id": "7", "date": "19.03.2026", "district": "Heimdal"}]
    signups = [
        {"name": "Kari Nordmann", "phone": "912 34 567", "round": "R1"},
        {"name": "Ola Ny", "email": "ola@example.org", "round": "19.3 Heimdal"},
        {"name": "Uten Kontakt", "round": "R1"},
        {"name": "Kari Nordmann", "phone": "91234567", "round": "R1"},
    ]
    tabs = {
        "doorknock_rounds": snapshot("doorknock_rounds", rows),
        "doorknock_signups": snapshot("doorknock_signups", signups),
    }
    kari = Person(3, "Kari", "Nordmann", "+4791234567", "", frozenset())
    event = EventView(7, "R1", datetime(2026, 3, 19, 17), None, "Dørbank Heimdal",
                      responders=frozenset())  # fmt: skip
    plan = plan_doorknock(_input(tabs, events=(event,), people=(kari,)), OPTIONS)
    assert [(s.person_id, s.create) for s in plan.signups] == [(3, None), (None, 0)]
    assert [(x.person_id, x.tag) for x in plan.tags] == [(3, "Vil dørbanke")]
    assert plan.creates[0][1].tags == ("Vil dørbanke",)
    status = [w.value for w in plan.writes if w.tab == "doorknock_signups"]
    assert "Mangler telefon eller e-post" in status[2] and "rad 2" in status[3]
    signed = [w.value for w in plan.writes if w.field == "signed_up"]
    assert signed == ["2"]


def test_contacts_without_consent_are_counted_and_blanked_after_the_set_days() -> None:
    rows = [
        {"round_id": "R1", "zetkin_id": "7", "date": "01.04.2026", "district": "Heimdal"},
        {"round_id": "R2", "zetkin_id": "8", "date": "25.05.2026", "district": "Heimdal"},
    ]
    contacts = [
        {"name": "Gammel Rad", "phone": "45500009", "consent": "Nei", "round": "R1"},
        {"name": "Ny Rad", "phone": "45500008", "consent": "", "round": "R2"},
        {"name": "Med Samtykke", "phone": "45500007", "consent": "Ja", "round": "R2"},
        {"name": "Uten Nummer", "consent": "Ja", "round": "R2"},
    ]
    tabs = {
        "doorknock_rounds": snapshot("doorknock_rounds", rows),
        "new_contacts": snapshot("new_contacts", contacts),
    }
    plan = plan_doorknock(_input(tabs), OPTIONS)  # NOW is 1 June: R1 is 61 days back
    blanked = {(w.anchor["name"], w.field) for w in plan.writes if w.value == "" and w.anchor}
    assert blanked == {("Gammel Rad", "name"), ("Gammel Rad", "phone")}
    assert plan.counts["contacts_no_consent"] == 2 and plan.counts["contacts_consent"] == 2
    assert [c.fields["first_name"] for _tab, c in plan.creates] == ["Med"]
    assert plan.creates[0][1].tags == ("Dørbank-kontakt",)
    status = {w.anchor.get("name"): w.value for w in plan.writes if w.field == "status"}
    assert "slettet" in status["Gammel Rad"] and "bare talt" in status["Ny Rad"]
    assert "Mangler telefon eller e-post" in status["Uten Nummer"]
    rules = {row[1]: row[11] for row in plan.summary if row[0] == "Regel"}
    assert rules["Nye kontakter i fanen"] == "2 med samtykke, 2 uten (bare talt)"


def test_a_sign_up_for_a_round_created_this_cycle_waits_for_its_event() -> None:
    tabs = {
        "doorknock_rounds": snapshot("doorknock_rounds", [{"date": "12.6", "district": "Heimdal"}]),
        "doorknock_signups": snapshot(
            "doorknock_signups", [{"name": "Kari Nordmann", "phone": "91234567", "round": "12.6"}]
        ),
    }
    kari = Person(3, "Kari", "Nordmann", "+4791234567", "", frozenset({"Vil dørbanke"}))
    plan = plan_doorknock(_input(tabs, people=(kari,)), OPTIONS)
    assert [(s.round_id, s.event_id, s.person_id) for s in plan.signups] == [
        ("R260612-HEI", None, 3)
    ]
    assert not plan.tags  # already tagged
    assert ("signed_up", "1") in {(w.field, w.value) for w in plan.writes}


def test_the_event_contact_is_the_leader_when_the_leader_is_one_known_person() -> None:
    rows = [
        {"date": "12.6", "district": "Heimdal", "leader": "Kari Nordmann"},
        {"date": "13.6", "district": "Heimdal", "leader": "Ola Hansen"},  # two people
        {"date": "14.6", "district": "Heimdal", "leader": "Ukjent Person"},
    ]
    people = (
        Person(3, "Kari", "Nordmann", "", "", frozenset()),
        Person(4, "Ola", "Hansen", "", "", frozenset()),
        Person(5, "Ola", "Hansen", "", "", frozenset()),
    )
    tabs = {"doorknock_rounds": snapshot("doorknock_rounds", rows)}
    plan = plan_doorknock(_input(tabs, people=people), OPTIONS)
    assert [c.contact_id for c in plan.event_creates] == [3, None, None]
