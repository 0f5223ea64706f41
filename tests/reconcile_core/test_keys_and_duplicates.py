"""What a Zetkin-ID is (issue 10.5), one new member typed twice (10.4), and rows that share
only a name with a member (9.5)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from bridge.reconcile import plan_reconcile
from bridge.sheet import InvalidKey, person_id_of

from .helpers import LATER, NOW, OPTIONS, apply, person, row, rows_of, snapshot

KARI = person(1, "Kari", "Nordmann", "+4791234567", "kari@eksempel.no", "Sentrum")
KARI_ROW = {"first_name": "Kari", "last_name": "Nordmann", "phone": "912 34 567"}
PER = {"first_name": "Per", "last_name": "Hansen"}


# --- the one rule for a Zetkin-ID -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pid"),
    [("12", 12), (" 12 ", 12), ("0012", 12), ("\u00a012\t", 12)],
)
def test_an_id_is_a_positive_number_in_digits_spaces_around_ignored(text: str, pid: int) -> None:
    assert person_id_of(text) == pid


@pytest.mark.parametrize(
    ("text", "pid"),
    [("1 234", 1234), ("1\u00a0234", 1234), ("1\u202f234 567", 1234567), ("1234.0", 1234)],
)
def test_sheets_renderings_of_a_whole_number_are_that_id(text: str, pid: int) -> None:
    assert person_id_of(text) == pid
    assert person_id_of("1 234,00") == 1234


@pytest.mark.parametrize(
    "text",
    ["0", "00", "-5", "+5", "1e3", "12a", "#12", "12.5", "1,234", "1.000", "12 34", "٤٢", "1 2"],
)
def test_anything_else_in_the_id_cell_is_an_invalid_key(text: str) -> None:
    assert person_id_of(text) == InvalidKey(text)
    assert person_id_of(f"  {text} ") == InvalidKey(text)


def test_an_empty_id_cell_is_no_key() -> None:
    assert person_id_of(None) is None
    assert person_id_of("") is None
    assert person_id_of("   ") is None


# --- a mistyped Zetkin-ID -------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["0", "-5", "1e3", "12a", "#12"])
def test_mistyped_id_status_goes_to_its_own_row_by_the_typed_text(typed: str) -> None:
    sheet = rows_of({"zetkin_id": typed, **PER})
    plan = plan_reconcile(sheet, [KARI], {}, OPTIONS, NOW)
    [write] = plan.sheet.writes
    assert (write.row_key, write.field, write.value) == (
        typed,
        "status",
        f"Ugyldig Zetkin-ID: «{typed}»",
    )
    assert write.anchor == {}
    assert plan.creates == ()


def test_mistyped_id_status_is_written_once() -> None:
    sheet = rows_of({"zetkin_id": "12a", **PER})
    plan = plan_reconcile(sheet, [KARI], {}, OPTIONS, NOW)
    sheet2, people2, base2 = apply(plan, sheet, [KARI], {})
    assert sheet2.rows[0].get("status") == "Ugyldig Zetkin-ID: «12a»"
    assert not plan_reconcile(sheet2, people2, base2, OPTIONS, LATER).has_writes


def test_two_rows_with_one_mistyped_id_are_told_apart_by_their_anchor() -> None:
    sheet = rows_of({"zetkin_id": "12a", **PER}, {"zetkin_id": "12a", **KARI_ROW})
    plan = plan_reconcile(sheet, [KARI], {}, OPTIONS, NOW)
    assert [(w.row_key, w.anchor.get("last_name")) for w in plan.sheet.writes] == [
        ("12a", "Hansen"),
        ("12a", "Nordmann"),
    ]


def test_mistyped_id_row_with_a_members_phone_claims_her_so_she_is_not_appended() -> None:
    sheet = rows_of({"zetkin_id": "#1", **KARI_ROW})
    plan = plan_reconcile(sheet, [KARI], {}, OPTIONS, NOW)
    assert plan.sheet.appends == ()
    assert plan.links == () and plan.base_updates == {}
    # The board's text stays: only the status is written.
    assert [w.field for w in plan.sheet.writes] == ["status"]


def test_mistyped_id_row_with_a_members_name_claims_her_too() -> None:
    sheet = rows_of({"zetkin_id": "1a", "first_name": "Kari", "last_name": "Nordmann"})
    plan = plan_reconcile(sheet, [KARI], {}, OPTIONS, NOW)
    assert plan.sheet.appends == ()


# --- one new member typed twice ---------------------------------------------------------------


def test_new_member_typed_twice_with_one_phone_is_created_once() -> None:
    sheet = rows_of(
        {**PER, "phone": "400 00 001"},
        {"first_name": "P.", "last_name": "Hansen", "phone": "+47 40000001"},
    )
    plan = plan_reconcile(sheet, [KARI], {}, OPTIONS, NOW)
    assert [c.row_number for c in plan.creates] == [2]
    [write] = plan.sheet.writes
    assert (write.row_key, write.field, write.value) == (None, "status", "Mulig duplikat av rad 2")
    assert write.anchor == {"first_name": "P.", "last_name": "Hansen", "phone": "+47 40000001"}
    assert [(e.row_number, e.cell, e.problem.code) for e in plan.row_errors] == [
        (3, "A3", "duplicate")
    ]


def test_new_member_typed_twice_with_one_email_is_created_once() -> None:
    sheet = rows_of(
        {**PER, "email": "per@eksempel.no"},
        {**PER, "phone": "40000001", "email": "Per@Eksempel.no"},
    )
    plan = plan_reconcile(sheet, [KARI], {}, OPTIONS, NOW)
    assert [c.row_number for c in plan.creates] == [2]
    assert [(e.row_number, e.message) for e in plan.row_errors] == [(3, "Mulig duplikat av rad 2")]


def test_typed_twice_converges_with_one_person() -> None:
    sheet = rows_of({**PER, "phone": "40000001"}, {**PER, "phone": "400 00 001"})
    plan = plan_reconcile(sheet, [KARI], {}, OPTIONS, NOW)
    sheet2, people2, base2 = apply(plan, sheet, [KARI], {})
    assert len(people2) == 2
    again = plan_reconcile(sheet2, people2, base2, OPTIONS, LATER)
    assert not again.has_writes
    assert [(e.row_number, e.message) for e in again.row_errors] == [(3, "Mulig duplikat av rad 2")]


def test_typed_twice_when_the_first_cannot_be_created_yet_still_creates_nobody() -> None:
    sheet = rows_of(
        {"first_name": "Per", "phone": "40000001"},  # no last name: not created yet
        {**PER, "phone": "40000001"},
    )
    plan = plan_reconcile(sheet, [KARI], {}, OPTIONS, NOW)
    assert plan.creates == ()
    assert [(e.row_number, e.message) for e in plan.row_errors] == [
        (2, "Etternavn mangler (trengs for å opprette personen i Zetkin)"),
        (3, "Mulig duplikat av rad 2"),
    ]


def test_a_second_row_sharing_the_email_of_a_row_linked_by_phone_is_a_duplicate() -> None:
    sheet = rows_of(
        {**KARI_ROW, "email": "kari.privat@eksempel.no"},
        {"first_name": "Kari", "last_name": "N", "email": "kari.privat@eksempel.no"},
    )
    plan = plan_reconcile(sheet, [KARI], {}, OPTIONS, NOW)
    assert plan.creates == ()
    assert [(k.person_id, k.row_number) for k in plan.links] == [(1, 2)]
    assert [(e.row_number, e.message) for e in plan.row_errors] == [(3, "Mulig duplikat av rad 2")]


# --- a member's name, no phone or e-mail in common -------------------------------------------

SAME_NAME = (
    "Mulig duplikat av Zetkin-ID 1 (samme navn): skriv ID-en i Zetkin-ID hvis det er samme person"
)


def test_same_name_in_another_district_goes_to_review_not_a_create() -> None:
    sheet = rows_of({**KARI_ROW, "phone": "40000002", "district": "Nordre"})
    plan = plan_reconcile(sheet, [KARI], {}, OPTIONS, NOW)
    assert plan.creates == () and plan.sheet.appends == () and plan.links == ()
    [item] = plan.review
    assert [(c.person_id, c.reasons) for c in item.candidates] == [(1, ("name",))]
    assert [w.value for w in plan.sheet.writes] == [SAME_NAME]


def test_same_name_with_no_district_and_no_phone_goes_to_review() -> None:
    sheet = rows_of({"first_name": "kari", "last_name": "NORDMANN"})
    plan = plan_reconcile(sheet, [KARI], {}, OPTIONS, NOW)
    assert plan.creates == ()
    assert [c.person_id for c in plan.review[0].candidates] == [1]


def test_same_name_review_names_the_person_by_id_only() -> None:
    sheet = rows_of({"first_name": "Kari", "last_name": "Nordmann", "district": "Nordre"})
    plan = plan_reconcile(sheet, [KARI], {}, OPTIONS, NOW)
    stored = json.dumps(plan.to_dict()["review"])
    assert "Kari" not in stored and "Nordmann" not in stored
    english = plan_reconcile(sheet, [KARI], {}, replace(OPTIONS, language="en"), NOW)
    assert [w.value for w in english.sheet.writes] == [
        "Possible duplicate of Zetkin ID 1 (same name): enter the ID in Zetkin ID "
        "if it is the same person"
    ]


def test_a_non_member_with_the_same_name_is_no_reason_to_hold_a_create() -> None:
    contact = person(7, "Kari", "Nordmann", district="Sentrum", tags=(), is_member=False)
    sheet = rows_of({**KARI_ROW, "phone": "40000002", "district": "Sentrum"})
    plan = plan_reconcile(sheet, [contact], {}, OPTIONS, NOW)
    assert plan.review == ()
    assert [c.row_number for c in plan.creates] == [2]


def test_rows_typed_twice_for_a_non_member_link_once_and_append_nobody() -> None:
    contact = person(7, "Kari", "Nordmann", "+4791234567", tags=(), is_member=False)
    other = person(8, "Ola", "Berg", "+4790000008", tags=(), is_member=False)
    sheet = snapshot(
        [
            row(2, **KARI_ROW, email="kari.privat@eksempel.no"),
            row(3, first_name="K", last_name="N", email="kari.privat@eksempel.no"),
        ]
    )
    plan = plan_reconcile(sheet, [contact, other], {}, OPTIONS, NOW)
    assert [(k.person_id, k.row_number, k.how) for k in plan.links] == [(7, 2, "phone")]
    assert plan.creates == () and plan.sheet.appends == ()
    assert [(e.row_number, e.message) for e in plan.row_errors] == [(3, "Mulig duplikat av rad 2")]
