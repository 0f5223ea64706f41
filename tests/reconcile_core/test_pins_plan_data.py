"""Pins for the plan as data: the JSON round trip, the fingerprint, options, the guards."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from bridge.members import JoinSubmission, ZetkinMember
from bridge.reconcile import ReconcileOptions, ReconcilePlan, plan_fingerprint, plan_reconcile
from bridge.sheet import TabSnapshot

from .helpers import NOW, OPTIONS, person, rows_of

BASE = {
    "first_name": "Kari",
    "last_name": "Nordmann",
    "phone": "+4791234567",
    "email": "kari@eksempel.no",
    "district": "Sentrum",
    "door_knock": "Nei",
    "will_call": "Nei",
}


def kari_row(**changes: str) -> dict[str, str]:
    values = {
        "zetkin_id": "1",
        "first_name": "Kari",
        "last_name": "Nordmann",
        "phone": "+4791234567",
        "email": "kari@eksempel.no",
        "district": "Sentrum",
        "joined": "2025-01-15",
        "status": "OK 2026-11-01 09:00",
    }
    return {**values, **changes}


def kari(**changes: object) -> ZetkinMember:
    p = person(1, "Kari", "Nordmann", "+4791234567", "kari@eksempel.no", "Sentrum")
    return replace(p, **{"joined": date(2025, 1, 15), **changes})


# --- the JSON round trip ----------------------------------------------------------------------


def test_round_trip_keeps_patches_tag_changes_accepted_joins_and_counts() -> None:
    sheet = rows_of(kari_row(last_name="Nordmann-Berg", door_knock="Ja"))
    options = replace(OPTIONS, auto_accept_joins=True)
    joins = [JoinSubmission(55, "Rosa", "L")]
    plan = plan_reconcile(sheet, [kari()], {1: BASE}, options, NOW, joins=joins)
    assert plan.patches and plan.tag_changes and plan.accept_joins == (55,)
    assert plan.changed_rows == 1 and plan.updated_rows == 1
    again = ReconcilePlan.from_dict(json.loads(json.dumps(plan.to_dict())))
    assert again == plan


def test_plan_names_its_tab_and_time() -> None:
    plan = plan_reconcile(rows_of(kari_row()), [kari()], {1: BASE}, OPTIONS, NOW)
    assert (plan.tab, plan.now) == ("members", "2026-11-30T14:02:00")


# --- the fingerprint --------------------------------------------------------------------------


def test_fingerprint_format_is_fixed() -> None:
    """Held plans are stored with their fingerprint and approved later, possibly by a newer
    version: changing what is hashed (or how) makes every held plan unapprovable, so it must
    be a deliberate change of this value."""
    sheet = rows_of(kari_row())
    assert plan_fingerprint(sheet, [kari()], {1: BASE}) == (
        "d3762c567b1f4d875db30a0c6d5d55cdfd7c219b46fabe5f3dcbed922d09211e"
    )


def test_fingerprint_follows_the_join_date() -> None:
    sheet = rows_of(kari_row())
    assert plan_fingerprint(sheet, [kari()], {1: BASE}) != plan_fingerprint(
        sheet, [kari(joined=date(2025, 2, 1))], {1: BASE}
    )


def test_fingerprint_follows_a_value_in_the_base() -> None:
    sheet = rows_of(kari_row())
    changed = {1: {**BASE, "email": "gammel@eksempel.no"}}
    assert plan_fingerprint(sheet, [kari()], {1: BASE}) != plan_fingerprint(
        sheet, [kari()], changed
    )


def test_fingerprint_treats_an_absent_cell_as_an_empty_one() -> None:
    full = rows_of(kari_row(district=""))
    values = {k: v for k, v in full.rows[0].values.items() if k != "district"}
    absent = replace(full, rows=(replace(full.rows[0], values=values),))
    assert plan_fingerprint(full, [kari()], {1: BASE}) == plan_fingerprint(
        absent, [kari()], {1: BASE}
    )


def test_fingerprint_without_a_column_map_follows_the_rows_values() -> None:
    def bare(values: dict[str, str]) -> TabSnapshot:
        return replace(rows_of(values), columns={})

    assert plan_fingerprint(bare(kari_row()), [], {}) != plan_fingerprint(
        bare(kari_row(phone="+4791300000")), [], {}
    )


# --- options ----------------------------------------------------------------------------------


def test_options_from_settings_take_every_reconcile_setting() -> None:
    from config.settings import ReconcileSettings

    settings = ReconcileSettings(
        member_tag="Medlem 2026",
        door_knock_tag="Banker dører",
        caller_tag="Ringer",
        joined_field="meldt_inn",
        district_field="lokallag",
        create_in_zetkin=False,
        auto_accept_joins=True,
        max_change_share=0.5,
    )
    options = ReconcileOptions.from_settings(settings)
    assert (options.door_knock_tag, options.caller_tag) == ("Banker dører", "Ringer")
    assert (options.joined_field, options.district_field) == ("meldt_inn", "lokallag")
    assert options.auto_accept_joins is True
    assert options.max_change_share == 0.5


def test_options_from_settings_default_to_bokmaal() -> None:
    from config.settings import ReconcileSettings

    assert ReconcileOptions.from_settings(ReconcileSettings()).language == "nb"


# --- guards -----------------------------------------------------------------------------------

EN = replace(OPTIONS, language="en")


def _rows_and_people(n: int) -> tuple[TabSnapshot, list[ZetkinMember], dict[int, dict[str, str]]]:
    rows, people, base = [], [], {}
    for i in range(1, n + 1):
        phone, email = f"+47{40000000 + i}", f"p{i}@eksempel.no"
        rows.append(kari_row(zetkin_id=str(i), phone=phone, email=email))
        people.append(kari(id=i, phone=phone, email=email))
        base[i] = {**BASE, "phone": phone, "email": email}
    return rows_of(*rows), people, base


def test_partial_pull_hold_is_in_the_branch_language() -> None:
    plan = plan_reconcile(rows_of(kari_row()), [kari()], {1: BASE}, EN, NOW, pull_complete=False)
    assert plan.held == "The Zetkin pull was cut short; nothing is written until an admin approves"


def test_empty_pull_hold_is_in_the_branch_language() -> None:
    plan = plan_reconcile(rows_of(kari_row()), [], {1: BASE}, EN, NOW)
    assert plan.held == "Zetkin returned no people; nothing is written until an admin approves"


def test_empty_pull_is_held_even_when_the_rows_need_no_write() -> None:
    sheet = rows_of(kari_row(status="Ikke lenger medlem i Zetkin"))
    plan = plan_reconcile(sheet, [], {1: BASE}, OPTIONS, NOW)
    assert not plan.has_writes
    assert plan.held is not None


def test_mass_change_hold_is_in_the_branch_language() -> None:
    sheet, people, base = _rows_and_people(2)
    changed = [replace(people[0], last_name="Endret"), people[1]]
    plan = plan_reconcile(sheet, changed, base, EN, NOW)
    assert plan.held == "The run would change 1 of 2 rows (over 30 %); waiting for approval"


def test_mass_change_floor_holds_only_above_it() -> None:
    sheet, people, base = _rows_and_people(2)
    changed = [replace(people[0], last_name="Endret"), people[1]]
    options = replace(OPTIONS, min_changed_rows_to_hold=1)
    assert plan_reconcile(sheet, changed, base, options, NOW).held is None


def test_mass_change_limit_is_shown_in_whole_percent() -> None:
    sheet, people, base = _rows_and_people(3)
    changed = [replace(p, last_name="Endret") for p in people[:2]] + people[2:]
    options = replace(OPTIONS, max_change_share=0.6)
    plan = plan_reconcile(sheet, changed, base, options, NOW)
    assert plan.held == "Kjøringen ville endre 2 av 3 rader (over 60 %); venter på godkjenning"
