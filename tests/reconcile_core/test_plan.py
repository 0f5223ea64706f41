from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from bridge.members import JoinSubmission, ZetkinMember
from bridge.reconcile import ReconcileOptions, ReconcilePlan, plan_fingerprint, plan_reconcile
from bridge.sheet import TabSnapshot

from .helpers import LATER, NOW, OPTIONS, apply, person, row, rows_of, snapshot, writes_by_field

OK_NOW = "OK 2026-11-30 14:02"
OK_EARLIER = "OK 2026-11-01 09:00"
BASE_1 = {
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
        "phone": "912 34 567",
        "email": "kari@eksempel.no",
        "district": "Sentrum",
        "joined": "2025-01-15",
        "status": OK_EARLIER,
    }
    values.update(changes)
    return values


def kari(**changes: Any) -> ZetkinMember:
    p = person(
        1, "Kari", "Nordmann", "+4791234567", "kari@eksempel.no", "Sentrum", date(2025, 1, 15)
    )
    return replace(p, **changes)


def converges(
    plan: ReconcilePlan,
    sheet: TabSnapshot,
    people: Sequence[ZetkinMember],
    base: Mapping[int, Mapping[str, str]],
    options: ReconcileOptions = OPTIONS,
) -> None:
    """Apply the plan as the job would, plan again later: nothing left to write."""
    sheet2, people2, base2 = apply(plan, sheet, people, base, options)
    again = plan_reconcile(sheet2, people2, base2, options, LATER)
    assert not again.has_writes, again.to_dict()
    assert again.base_updates == {}
    assert again.held is None


# --- a run with nothing to do -----------------------------------------------------------------


def test_spaced_phone_in_sheet_and_e164_in_zetkin_plan_no_change() -> None:
    sheet = rows_of(kari_row(phone="912 34 567"))
    plan = plan_reconcile(sheet, [kari()], {1: BASE_1}, OPTIONS, NOW)
    assert not plan.has_writes
    assert plan.row_errors == ()
    assert plan.base_updates == {}


def test_double_zero_spaced_form_is_the_same_number() -> None:
    sheet = rows_of(kari_row(phone="00 47 912 34 567"))
    plan = plan_reconcile(sheet, [kari()], {1: BASE_1}, OPTIONS, NOW)
    assert not plan.has_writes
    assert plan.row_errors == ()


def test_first_link_with_equal_values_only_records_the_base() -> None:
    sheet = rows_of(kari_row())
    plan = plan_reconcile(sheet, [kari()], {}, OPTIONS, NOW)
    assert not plan.has_writes
    assert plan.base_updates == {1: BASE_1}


def test_ok_status_is_written_once_and_then_left_alone() -> None:
    sheet = rows_of(kari_row(status=""))
    plan = plan_reconcile(sheet, [kari()], {1: BASE_1}, OPTIONS, NOW)
    assert writes_by_field(plan) == {("1", "status"): OK_NOW}
    converges(plan, sheet, [kari()], {1: BASE_1})


# --- bad input --------------------------------------------------------------------------------


def test_na_phone_is_a_row_error_and_blocks_the_row() -> None:
    sheet = rows_of(kari_row(phone="n/a", email="ny@eksempel.no"))
    plan = plan_reconcile(sheet, [kari()], {1: BASE_1}, OPTIONS, NOW)
    assert writes_by_field(plan) == {("1", "status"): "Ugyldig telefonnummer: «n/a»"}
    assert plan.patches == () and plan.tag_changes == ()
    [issue] = plan.row_errors
    assert (issue.row_number, issue.cell, issue.problem.code) == (2, "D2", "invalid_phone")
    assert plan.counts["row_errors"] == 1
    # The board has not fixed it yet: the next run writes nothing at all.
    sheet2, people2, base2 = apply(plan, sheet, [kari()], {1: BASE_1})
    again = plan_reconcile(sheet2, people2, base2, OPTIONS, LATER)
    assert not again.has_writes
    assert len(again.row_errors) == 1


def test_short_phone_status_names_the_value() -> None:
    sheet = rows_of(kari_row(phone="12 34"))
    plan = plan_reconcile(sheet, [kari()], {1: BASE_1}, OPTIONS, NOW)
    assert writes_by_field(plan)[("1", "status")] == "Ugyldig telefonnummer: «12 34»"


def test_email_with_spaces_is_a_row_error() -> None:
    sheet = rows_of(kari_row(email="kari nordmann@eksempel.no"))
    plan = plan_reconcile(sheet, [kari()], {1: BASE_1}, OPTIONS, NOW)
    assert writes_by_field(plan) == {
        ("1", "status"): "Ugyldig e-postadresse: «kari nordmann@eksempel.no»"
    }
    assert plan.row_errors[0].cell == "E2"
    assert plan.patches == ()


def test_email_with_surrounding_spaces_is_fine() -> None:
    sheet = rows_of(kari_row(email="  Kari@Eksempel.no "))
    plan = plan_reconcile(sheet, [kari()], {1: BASE_1}, OPTIONS, NOW)
    assert not plan.has_writes


def test_district_not_in_list_is_a_row_error() -> None:
    sheet = rows_of(kari_row(district="Vestre"))
    plan = plan_reconcile(sheet, [kari()], {1: BASE_1}, OPTIONS, NOW)
    assert writes_by_field(plan) == {("1", "status"): "Ukjent bydel: «Vestre»"}
    assert plan.patches == ()
    assert plan.row_errors[0].cell == "F2"


def test_district_in_other_case_is_the_configured_one() -> None:
    sheet = rows_of(kari_row(district="sentrum"))
    plan = plan_reconcile(sheet, [kari()], {1: BASE_1}, OPTIONS, NOW)
    assert not plan.has_writes


def test_value_that_came_from_zetkin_is_not_the_boards_error() -> None:
    # Zetkin holds a district outside the list; the bridge wrote it into the sheet.
    base = {1: {**BASE_1, "district": "Gamle Oslo"}}
    sheet = rows_of(kari_row(district="Gamle Oslo"))
    plan = plan_reconcile(sheet, [kari(district="Gamle Oslo")], base, OPTIONS, NOW)
    assert not plan.has_writes
    assert plan.row_errors == ()


def test_formula_like_name_from_zetkin_is_planned_as_literal_text() -> None:
    formula = '=IMPORTXML("http://x";A1)'
    sheet = rows_of(kari_row())
    plan = plan_reconcile(sheet, [kari(first_name=formula)], {1: BASE_1}, OPTIONS, NOW)
    assert writes_by_field(plan)[("1", "first_name")] == formula
    assert plan.patches == ()
    # And a new member with such a name is appended with it, as text.
    plan = plan_reconcile(
        rows_of(), [kari(first_name=formula, phone="+4512345678")], {}, OPTIONS, NOW
    )
    [append] = plan.sheet.appends
    assert append.values["first_name"] == formula
    assert append.values["phone"] == "+4512345678"


def test_same_person_twice_in_the_sheet_is_an_error_on_the_later_row() -> None:
    rows = [
        row(17, **kari_row()),
        row(18, **kari_row(zetkin_id="2", first_name="Ola", phone="", email="ola@eksempel.no")),
        row(20, **kari_row(phone="99887766")),
    ]
    sheet = snapshot(rows)
    ola = person(2, "Ola", "Nordmann", "", "ola@eksempel.no", "Sentrum", date(2025, 1, 15))
    plan = plan_reconcile(sheet, [kari(), ola], {1: BASE_1}, OPTIONS, NOW)
    [write] = plan.sheet.writes
    assert (write.row_key, write.field, write.value) == ("1", "status", "Mulig duplikat av rad 17")
    # Two rows carry key 1: the anchor says which one is meant.
    assert write.anchor["phone"] == "99887766"
    assert plan.patches == ()  # the duplicate's phone is not pushed
    assert plan.row_errors[0].row_number == 20
    assert plan.row_errors[0].cell == "A20"


def test_a_typed_in_row_matching_a_listed_person_is_a_duplicate() -> None:
    sheet = snapshot(
        [row(17, **kari_row()), row(30, first_name="Kari", last_name="N", phone="+47 912 34 567")]
    )
    plan = plan_reconcile(sheet, [kari()], {1: BASE_1}, OPTIONS, NOW)
    assert plan.creates == ()
    [write] = plan.sheet.writes
    assert (write.row_key, write.field, write.value) == (None, "status", "Mulig duplikat av rad 17")
    assert write.anchor == {"first_name": "Kari", "last_name": "N", "phone": "+47 912 34 567"}


def test_id_that_is_not_a_number_is_a_row_error() -> None:
    sheet = rows_of(kari_row(zetkin_id="abc"))
    plan = plan_reconcile(sheet, [kari()], {1: BASE_1}, OPTIONS, NOW)
    assert plan.creates == ()
    assert plan.row_errors[0].problem.code == "invalid_id"
    assert plan.row_errors[0].cell == "A2"
    # The row's phone and e-mail are Kari's: it claims her, so she is not appended again
    # (issue 10.5; until then she was, and fixing the id made a duplicate row).
    assert plan.sheet.appends == ()


def test_row_with_only_a_board_note_is_ignored() -> None:
    sheet = snapshot([row(2, **kari_row()), row(3, note="Husk å ringe tilbake"), row(4)])
    plan = plan_reconcile(sheet, [kari()], {1: BASE_1}, OPTIONS, NOW)
    assert not plan.has_writes
    assert plan.existing_rows == 1


# --- three-way merge --------------------------------------------------------------------------


def test_changed_in_zetkin_only_writes_the_sheet() -> None:
    sheet = rows_of(kari_row())
    plan = plan_reconcile(sheet, [kari(email="kari.ny@eksempel.no")], {1: BASE_1}, OPTIONS, NOW)
    assert writes_by_field(plan) == {("1", "email"): "kari.ny@eksempel.no", ("1", "status"): OK_NOW}
    assert plan.patches == () and plan.tag_changes == ()
    assert plan.base_updates[1]["email"] == "kari.ny@eksempel.no"
    assert plan.counts["updated"] == 1


def test_changed_in_sheet_only_patches_zetkin() -> None:
    sheet = rows_of(kari_row(phone="913 00 000", district="østre aker"))
    people = [kari()]
    plan = plan_reconcile(sheet, people, {1: BASE_1}, OPTIONS, NOW)
    [patch] = plan.patches
    assert patch.person_id == 1
    assert patch.fields == {"phone": "+4791300000", "bydel": "Østre Aker"}
    assert writes_by_field(plan) == {("1", "status"): OK_NOW}
    converges(plan, sheet, people, {1: BASE_1})


def test_yes_no_column_changed_in_sheet_puts_a_tag_on() -> None:
    sheet = rows_of(kari_row(will_call="x"))
    plan = plan_reconcile(sheet, [kari()], {1: BASE_1}, OPTIONS, NOW)
    [change] = plan.tag_changes
    assert (change.person_id, change.tag, change.add) == (1, "Vil ringe", True)
    assert plan.patches == ()
    converges(plan, sheet, [kari()], {1: BASE_1})


def test_tag_removed_in_zetkin_writes_nei() -> None:
    base = {1: {**BASE_1, "door_knock": "Ja"}}
    sheet = rows_of(kari_row(door_knock="Ja"))
    plan = plan_reconcile(sheet, [kari()], base, OPTIONS, NOW)
    assert writes_by_field(plan)[("1", "door_knock")] == "Nei"


def test_both_changed_to_the_same_value_only_updates_the_base() -> None:
    sheet = rows_of(kari_row(email="Ny@eksempel.no"))
    plan = plan_reconcile(sheet, [kari(email="ny@eksempel.no")], {1: BASE_1}, OPTIONS, NOW)
    assert not plan.has_writes
    assert plan.base_updates == {1: {**BASE_1, "email": "ny@eksempel.no"}}


def test_both_changed_differently_is_a_conflict_and_nothing_is_written() -> None:
    sheet = rows_of(kari_row(email="arket@eksempel.no"))
    people = [kari(email="zetkin@eksempel.no")]
    plan = plan_reconcile(sheet, people, {1: BASE_1}, OPTIONS, NOW)
    assert plan.patches == ()
    assert writes_by_field(plan) == {
        ("1", "status"): "Konflikt: e-post endret både i arket og i Zetkin"
    }
    [conflict] = plan.conflicts
    assert (conflict.field, conflict.sheet_value, conflict.zetkin_value) == (
        "email",
        "arket@eksempel.no",
        "zetkin@eksempel.no",
    )
    assert conflict.cell == "E2"
    assert plan.base_updates == {}  # the base stays, so it stays a conflict
    sheet2, people2, base2 = apply(plan, sheet, people, {1: BASE_1})
    again = plan_reconcile(sheet2, people2, base2, OPTIONS, LATER)
    assert not again.has_writes and len(again.conflicts) == 1
    # The board settles it by typing Zetkin's value: the row is OK again.
    sheet3 = rows_of(kari_row(email="zetkin@eksempel.no", status=sheet2.rows[0].get("status")))
    settled = plan_reconcile(sheet3, people2, base2, OPTIONS, LATER)
    assert writes_by_field(settled) == {("1", "status"): "OK 2026-11-30 14:12"}


def test_phone_in_sheet_and_email_in_zetkin_both_land_on_both_sides() -> None:
    sheet = rows_of(kari_row(phone="+47 913 00 000"))
    people = [kari(email="kari.ny@eksempel.no")]
    plan = plan_reconcile(sheet, people, {1: BASE_1}, OPTIONS, NOW)
    assert [p.fields for p in plan.patches] == [{"phone": "+4791300000"}]
    assert writes_by_field(plan)[("1", "email")] == "kari.ny@eksempel.no"
    assert plan.conflicts == ()
    sheet2, people2, _ = apply(plan, sheet, people, {1: BASE_1})
    assert people2[0].phone == "+4791300000"
    assert sheet2.rows[0].get("email") == "kari.ny@eksempel.no"
    converges(plan, sheet, people, {1: BASE_1})


def test_first_link_empty_side_takes_the_other_and_different_values_conflict() -> None:
    sheet = rows_of(kari_row(email="", phone="913 00 000", will_call="Ja"))
    people = [kari()]
    plan = plan_reconcile(sheet, people, {}, OPTIONS, NOW)
    assert writes_by_field(plan)[("1", "email")] == "kari@eksempel.no"
    assert [(c.tag, c.add) for c in plan.tag_changes] == [("Vil ringe", True)]
    [conflict] = plan.conflicts
    assert conflict.field == "phone" and conflict.base_value is None
    assert "phone" not in plan.base_updates[1]
    assert writes_by_field(plan)[("1", "status")] == (
        "Konflikt: telefon endret både i arket og i Zetkin"
    )


def test_joined_from_zetkin_is_written_into_an_empty_cell() -> None:
    sheet = rows_of(kari_row(joined=""))
    plan = plan_reconcile(sheet, [kari()], {1: BASE_1}, OPTIONS, NOW)
    assert writes_by_field(plan)[("1", "joined")] == "2025-01-15"
    assert plan.changed_rows == 0  # filling an owned cell is not a data change


# --- rows and people --------------------------------------------------------------------------


def test_members_missing_in_the_sheet_are_appended() -> None:
    people = [
        kari(),
        person(2, "Ola", "Nordmann", "41234567", "", "Nordre", None, ("Medlem", "Vil dørbanke")),
        person(3, "Ikke", "Medlem", is_member=False, tags=()),
    ]
    plan = plan_reconcile(rows_of(), people, {}, OPTIONS, NOW, first_seen={2: date(2026, 3, 1)})
    assert [a.values for a in plan.sheet.appends] == [
        {
            "zetkin_id": "1",
            "first_name": "Kari",
            "last_name": "Nordmann",
            "phone": "+4791234567",
            "email": "kari@eksempel.no",
            "district": "Sentrum",
            "door_knock": "Nei",
            "will_call": "Nei",
            "joined": "2025-01-15",
            "status": OK_NOW,
        },
        {
            "zetkin_id": "2",
            "first_name": "Ola",
            "last_name": "Nordmann",
            "phone": "+4741234567",
            "email": "",
            "district": "Nordre",
            "door_knock": "Ja",
            "will_call": "Nei",
            "joined": "2026-03-01",
            "status": OK_NOW,
        },
    ]
    assert set(plan.base_updates) == {1, 2}
    assert plan.counts["appended"] == 2
    assert plan.held is None  # appends do not count as a mass change
    converges(plan, rows_of(), people, {})


def test_row_without_id_matched_by_phone_gets_the_id_by_anchor() -> None:
    sheet = rows_of(
        {"first_name": "Kari", "last_name": "Nordmann", "phone": "91234567", "district": "Sentrum"}
    )
    plan = plan_reconcile(sheet, [kari()], {}, OPTIONS, NOW)
    anchored = {w.field: w for w in plan.sheet.writes}
    assert anchored["zetkin_id"].value == "1"
    assert anchored["zetkin_id"].row_key is None
    assert anchored["zetkin_id"].anchor == {
        "first_name": "Kari",
        "last_name": "Nordmann",
        "phone": "91234567",
        "district": "Sentrum",
    }
    assert anchored["email"].value == "kari@eksempel.no"  # empty in the sheet: Zetkin's wins
    assert anchored["status"].value == OK_NOW
    assert [(k.person_id, k.how) for k in plan.links] == [(1, "phone")]
    assert plan.creates == () and plan.sheet.appends == ()
    converges(plan, sheet, [kari()], {})


def test_row_without_id_matched_by_email() -> None:
    sheet = rows_of({"first_name": "K", "last_name": "N", "email": "KARI@eksempel.no"})
    plan = plan_reconcile(sheet, [kari()], {}, OPTIONS, NOW)
    assert [(k.person_id, k.how) for k in plan.links] == [(1, "email")]


def test_unmatched_row_becomes_a_create_carrying_its_anchor() -> None:
    sheet = rows_of(
        {
            "first_name": "Per",
            "last_name": "Hansen",
            "phone": "400 00 001",
            "district": "nordre",
            "door_knock": "ja",
        }
    )
    people = [kari()]
    plan = plan_reconcile(sheet, people, {1: BASE_1}, OPTIONS, NOW)
    [create] = plan.creates
    assert create.fields == {
        "first_name": "Per",
        "last_name": "Hansen",
        "phone": "+4740000001",
        "bydel": "Nordre",
    }
    assert create.tags == ("Medlem", "Vil dørbanke")
    assert create.anchor == {
        "first_name": "Per",
        "last_name": "Hansen",
        "phone": "400 00 001",
        "district": "nordre",
    }
    writes = create.sheet_writes("members", 77)
    assert [(w.field, w.value, w.row_key) for w in writes] == [
        ("zetkin_id", "77", None),
        ("joined", "2026-11-30", None),
        ("status", OK_NOW, None),
    ]
    assert plan.counts["created"] == 1
    assert plan.sheet.writes == ()  # the job writes the id once Zetkin has given one
    converges(plan, sheet, people, {1: BASE_1})


def test_no_create_when_switched_off() -> None:
    sheet = rows_of({"first_name": "Per", "last_name": "Hansen", "phone": "40000001"})
    options = replace(OPTIONS, create_in_zetkin=False)
    plan = plan_reconcile(sheet, [kari()], {}, options, NOW)
    assert plan.creates == ()
    assert [w.value for w in plan.sheet.writes] == ["Ikke funnet i Zetkin (oppretting er slått av)"]


def test_create_needs_a_last_name() -> None:
    sheet = rows_of({"first_name": "Per", "phone": "40000001"})
    plan = plan_reconcile(sheet, [kari()], {}, OPTIONS, NOW)
    assert plan.creates == ()
    assert plan.row_errors[0].problem.code == "missing_last_name"
    assert plan.row_errors[0].cell == "C2"


def test_weak_match_goes_to_review_and_nothing_is_written_or_appended() -> None:
    sheet = rows_of(
        {"first_name": "kari", "last_name": "nordmann", "phone": "40000002", "district": "Sentrum"}
    )
    plan = plan_reconcile(sheet, [kari()], {}, OPTIONS, NOW)
    assert plan.creates == () and plan.sheet.appends == ()
    [item] = plan.review
    assert item.row_number == 2
    assert [(c.person_id, c.reasons) for c in item.candidates] == [(1, ("name_district",))]
    assert [w.value for w in plan.sheet.writes] == [
        "Mulig duplikat av Zetkin-ID 1 (samme navn): skriv ID-en i Zetkin-ID "
        "hvis det er samme person"
    ]


def test_several_strong_candidates_go_to_review() -> None:
    ola = person(2, "Ola", "Nordmann", "", "kari@eksempel.no", "Sentrum")
    sheet = rows_of(
        {"first_name": "K", "last_name": "N", "phone": "91234567", "email": "kari@eksempel.no"}
    )
    plan = plan_reconcile(sheet, [kari(email="annen@eksempel.no"), ola], {}, OPTIONS, NOW)
    [item] = plan.review
    assert [(c.person_id, c.reasons) for c in item.candidates] == [(1, ("phone",)), (2, ("email",))]
    assert plan.links == () and plan.creates == () and plan.sheet.appends == ()


def test_person_no_longer_a_member_is_marked_never_deleted() -> None:
    sheet = rows_of(kari_row(), kari_row(zetkin_id="5", first_name="Borte", phone=""))
    people = [kari(is_member=False, email="endret@eksempel.no")]
    plan = plan_reconcile(sheet, people, {1: BASE_1}, OPTIONS, NOW)
    assert writes_by_field(plan) == {
        ("1", "status"): "Ikke lenger medlem i Zetkin",
        ("5", "status"): "Ikke lenger medlem i Zetkin",
    }
    assert plan.patches == () and plan.sheet.appends == ()
    converges(plan, sheet, people, {1: BASE_1})


def test_pending_joins_are_listed_and_accepted_only_when_switched_on() -> None:
    joins = [JoinSubmission(55, "Rosa", "L", "rosa@eksempel.no")]
    plan = plan_reconcile(rows_of(kari_row()), [kari()], {1: BASE_1}, OPTIONS, NOW, joins=joins)
    assert plan.pending_joins == tuple(joins)
    assert plan.accept_joins == ()
    assert not plan.has_writes
    auto = replace(OPTIONS, auto_accept_joins=True)
    plan = plan_reconcile(rows_of(kari_row()), [kari()], {1: BASE_1}, auto, NOW, joins=joins)
    assert plan.accept_joins == (55,)


def test_english_statuses() -> None:
    options = ReconcileOptions(districts=OPTIONS.districts, language="en")
    sheet = rows_of(kari_row(phone="12 34"), kari_row(zetkin_id="5"))
    plan = plan_reconcile(sheet, [kari()], {1: BASE_1}, options, NOW)
    assert writes_by_field(plan) == {
        ("1", "status"): "Invalid phone number: “12 34”",
        ("5", "status"): "No longer a member in Zetkin",
    }


# --- guards -----------------------------------------------------------------------------------


def _many(n: int) -> tuple[list[dict[str, str]], list[ZetkinMember], dict[int, dict[str, str]]]:
    rows: list[dict[str, str]] = []
    people: list[ZetkinMember] = []
    base: dict[int, dict[str, str]] = {}
    for i in range(1, n + 1):
        phone = f"+47{40000000 + i}"
        rows.append(kari_row(zetkin_id=str(i), phone=phone, email=f"p{i}@eksempel.no"))
        people.append(kari(id=i, phone=phone, email=f"p{i}@eksempel.no"))
        base[i] = {**BASE_1, "phone": phone, "email": f"p{i}@eksempel.no"}
    return rows, people, base


def test_mass_change_is_held() -> None:
    rows, people, base = _many(10)
    changed = [replace(p, last_name="Endret") for p in people[:4]] + people[4:]
    plan = plan_reconcile(rows_of(*rows), changed, base, OPTIONS, NOW)
    assert plan.changed_rows == 4
    assert plan.held == "Kjøringen ville endre 4 av 10 rader (over 30 %); venter på godkjenning"
    assert plan.has_writes  # the plan is kept whole, for approval
    # Three of ten is within the share.
    changed = [replace(p, last_name="Endret") for p in people[:3]] + people[3:]
    assert plan_reconcile(rows_of(*rows), changed, base, OPTIONS, NOW).held is None


def test_mass_change_floor_lets_a_small_branch_edit_a_few_rows() -> None:
    rows, people, base = _many(2)
    changed = [replace(people[0], last_name="Endret"), people[1]]
    assert plan_reconcile(rows_of(*rows), changed, base, OPTIONS, NOW).held
    options = replace(OPTIONS, min_changed_rows_to_hold=3)
    assert plan_reconcile(rows_of(*rows), changed, base, options, NOW).held is None


def test_empty_pull_is_held() -> None:
    plan = plan_reconcile(rows_of(kari_row()), [], {1: BASE_1}, OPTIONS, NOW)
    assert plan.held == t_empty()
    # An empty org with an empty sheet has nothing to protect.
    assert plan_reconcile(rows_of(), [], {}, OPTIONS, NOW).held is None


def t_empty() -> str:
    return "Zetkin ga ingen personer; ingenting skrives før en administrator godkjenner"


def test_partial_pull_is_held() -> None:
    plan = plan_reconcile(
        rows_of(kari_row()), [kari()], {1: BASE_1}, OPTIONS, NOW, pull_complete=False
    )
    assert plan.held is not None and "avbrutt" in plan.held


def test_fingerprint_is_stable_and_follows_the_sources() -> None:
    sheet = rows_of(kari_row())
    fp = plan_fingerprint(sheet, [kari()], {1: BASE_1})
    assert fp == plan_fingerprint(rows_of(kari_row()), [kari()], {1: dict(BASE_1)})
    assert fp == plan_reconcile(sheet, [kari()], {1: BASE_1}, OPTIONS, NOW).fingerprint
    assert fp != plan_fingerprint(rows_of(kari_row(phone="913 00 000")), [kari()], {1: BASE_1})
    assert fp != plan_fingerprint(sheet, [kari(email="x@eksempel.no")], {1: BASE_1})
    assert fp != plan_fingerprint(sheet, [kari()], {})
    # A board note is not a source of the plan.
    noted = snapshot([replace(sheet.rows[0], extra={"Notat": "ny"})])
    assert fp == plan_fingerprint(noted, [kari()], {1: BASE_1})


# --- the plan as data -------------------------------------------------------------------------


def test_plan_round_trips_through_json() -> None:
    sheet = rows_of(
        kari_row(email="arket@eksempel.no"),
        kari_row(zetkin_id="2", phone="12 34"),
        {"first_name": "Per", "last_name": "Hansen", "phone": "40000001", "will_call": "Ja"},
        {"first_name": "Kari", "last_name": "Nordmann", "phone": "40000009", "district": "Sentrum"},
        {"first_name": "Ola", "last_name": "N", "email": "ola@eksempel.no"},
    )
    people = [
        kari(email="zetkin@eksempel.no"),
        person(2, phone="+4740000002"),
        person(3, "Ola", "Nordmann", "", "ola@eksempel.no"),
        person(4, '=IMPORTXML("http://x";A1)', "Ny", joined=date(2026, 1, 2)),
    ]
    joins = [JoinSubmission(55, "Rosa", "L", "rosa@eksempel.no", submitted="2026-11-29T10:00")]
    plan = plan_reconcile(
        sheet, people, {1: BASE_1}, OPTIONS, NOW, joins=joins, pull_complete=False
    )
    assert plan.conflicts and plan.creates and plan.review and plan.row_errors
    assert plan.links and plan.sheet.appends and plan.held
    text = json.dumps(plan.to_dict())
    again = ReconcilePlan.from_dict(json.loads(text))
    assert again == plan
    assert again.counts == plan.counts


def test_two_typed_in_rows_for_one_person_link_once() -> None:
    sheet = rows_of(
        {"first_name": "Kari", "last_name": "Nordmann", "phone": "912 34 567"},
        {"first_name": "Kari", "last_name": "N.", "email": "kari@eksempel.no"},
    )
    plan = plan_reconcile(sheet, [kari()], {}, OPTIONS, NOW)
    assert [(k.person_id, k.row_number) for k in plan.links] == [(1, 2)]
    assert [(e.row_number, e.message) for e in plan.row_errors] == [(3, "Mulig duplikat av rad 2")]
    assert plan.creates == () and plan.sheet.appends == ()


def test_messy_sheet_converges_in_one_run() -> None:
    """Board-typed rows, a duplicate, a bad phone, a conflict, new members: one run, then
    nothing left to write on either side."""
    sheet = rows_of(
        kari_row(phone="00 47 912 34 567", email="arket@eksempel.no", will_call="x"),
        kari_row(zetkin_id="2", first_name="Ola", phone="41 23 45 67", email="", status=""),
        kari_row(zetkin_id="1", first_name="Kopi"),
        {"first_name": "Per", "last_name": "Hansen", "phone": "400-00-001", "district": "søndre"},
        {"first_name": "Liv", "last_name": "Berg", "phone": "n/a"},
        {"first_name": "Siri", "last_name": "Dahl", "email": " Siri.Dahl@Eksempel.no "},
        {"zetkin_id": "", "first_name": "", "last_name": ""},
    )
    people = [
        kari(email="zetkin@eksempel.no"),
        person(2, "Ola", "Nordmann", "+4741234567", "ola@eksempel.no", "Sentrum"),
        person(3, "Siri", "Dahl", "", "siri.dahl@eksempel.no", "Nordre", date(2024, 5, 1)),
        person(4, '=IMPORTXML("http://x";A1)', "Ny", "+4790000004", joined=date(2026, 1, 2)),
        person(5, "Tidligere", "Medlem", is_member=False, tags=()),
    ]
    base = {1: BASE_1}
    plan = plan_reconcile(sheet, people, base, OPTIONS, NOW, first_seen={2: date(2026, 2, 2)})
    assert plan.held is None
    assert plan.counts["created"] == 1
    assert plan.counts["appended"] == 1
    assert plan.counts["conflicts"] == 1
    assert plan.counts["row_errors"] == 2
    converges(plan, sheet, people, base)


def test_options_from_settings() -> None:
    from config.settings import ReconcileSettings

    settings = ReconcileSettings(member_tag="Medlem 2026", create_in_zetkin=False)
    options = ReconcileOptions.from_settings(settings, districts=["Sentrum"], language="en")
    assert options.member_tag == "Medlem 2026"
    assert options.create_in_zetkin is False
    assert options.max_change_share == 0.3
    assert options.districts == ("Sentrum",)
    assert options.language == "en"


def test_review_row_status_is_not_rewritten_next_run() -> None:
    sheet = rows_of({"first_name": "Kari", "last_name": "Nordmann", "district": "Sentrum"})
    plan = plan_reconcile(sheet, [kari()], {}, OPTIONS, NOW)
    assert len(plan.review) == 1 and plan.sheet.writes
    converges(plan, sheet, [kari()], {})


def test_a_removed_column_is_not_read_as_emptied() -> None:
    base = {1: {**BASE_1, "will_call": "Ja"}}
    people = [kari(tags=frozenset({"Medlem", "Vil ringe"}))]
    full = rows_of(kari_row(will_call="Ja"))
    columns = {k: i for k, i in full.columns.items() if k not in ("district", "will_call")}
    values = {k: v for k, v in full.rows[0].values.items() if k in columns}
    sheet = replace(full, columns=columns, rows=(replace(full.rows[0], values=values),))
    plan = plan_reconcile(sheet, people, base, OPTIONS, NOW)
    assert not plan.has_writes
    # A new member is appended with the columns there are.
    people.append(person(2, "Ola", "Nordmann", "+4741234567", district="Nordre"))
    plan = plan_reconcile(sheet, people, base, OPTIONS, NOW)
    [append] = plan.sheet.appends
    assert "district" not in append.values and append.values["first_name"] == "Ola"
    assert plan.patches == () and plan.tag_changes == ()
