"""Pins for the planner's rules: merge edges, join dates, statuses, addressing, review."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from bridge.members import ZetkinMember
from bridge.reconcile import Conflict, Link, plan_reconcile
from bridge.sheet import SheetRow, TabSnapshot

from .helpers import NOW, OPTIONS, person, rows_of, snapshot, writes_by_field

OK_NOW = "OK 2026-11-30 14:02"
OK_EARLIER = "OK 2026-11-01 09:00"
EN = replace(OPTIONS, language="en")
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
        "status": OK_EARLIER,
    }
    return {**values, **changes}


def kari(**changes: object) -> ZetkinMember:
    p = person(1, "Kari", "Nordmann", "+4791234567", "kari@eksempel.no", "Sentrum")
    return replace(p, **{"joined": date(2025, 1, 15), **changes})


def without_cells(sheet: TabSnapshot, *fields: str) -> TabSnapshot:
    """The same rows with no cell address for ``fields`` (a snapshot can lack them)."""
    rows = tuple(
        replace(r, cells={k: v for k, v in r.cells.items() if k not in fields}) for r in sheet.rows
    )
    return replace(sheet, rows=rows)


# --- three-way merge --------------------------------------------------------------------------


def test_door_knock_ticked_in_the_sheet_puts_the_door_knock_tag_on() -> None:
    plan = plan_reconcile(rows_of(kari_row(door_knock="Ja")), [kari()], {1: BASE}, OPTIONS, NOW)
    assert [(c.tag, c.add) for c in plan.tag_changes] == [("Vil dørbanke", True)]


def test_first_link_with_zetkin_empty_takes_the_sheets_value() -> None:
    plan = plan_reconcile(rows_of(kari_row()), [kari(email="")], {}, OPTIONS, NOW)
    assert [p.fields for p in plan.patches] == [{"email": "kari@eksempel.no"}]
    assert plan.conflicts == ()


def test_case_only_edit_of_a_name_in_the_sheet_is_an_edit() -> None:
    plan = plan_reconcile(
        rows_of(kari_row(last_name="NORDMANN")), [kari()], {1: BASE}, OPTIONS, NOW
    )
    assert [p.fields for p in plan.patches] == [{"last_name": "NORDMANN"}]


def test_district_differing_only_in_case_is_the_same_district() -> None:
    """Outside the configured list neither side is respelled; case alone is no difference."""
    sheet = rows_of(kari_row(district="Gamle Oslo"))
    plan = plan_reconcile(sheet, [kari(district="gamle oslo")], {}, OPTIONS, NOW)
    assert plan.conflicts == () and plan.patches == ()
    assert not plan.has_writes


def test_every_updated_row_is_counted() -> None:
    sheet = rows_of(kari_row(), kari_row(zetkin_id="2"))
    people = [kari(email="ny@eksempel.no"), kari(id=2, email="ny2@eksempel.no")]
    plan = plan_reconcile(sheet, people, {1: BASE, 2: BASE}, OPTIONS, NOW)
    assert plan.counts["updated"] == 2


def test_conflict_records_person_row_cell_values_and_base() -> None:
    sheet = rows_of(kari_row(email="arket@eksempel.no"))
    plan = plan_reconcile(sheet, [kari(email="zetkin@eksempel.no")], {1: BASE}, OPTIONS, NOW)
    assert plan.conflicts == (
        Conflict(
            1, 2, "E2", "email", "arket@eksempel.no", "zetkin@eksempel.no", "kari@eksempel.no"
        ),
    )


def test_conflict_in_a_cell_without_an_address_has_an_empty_cell() -> None:
    sheet = without_cells(rows_of(kari_row(email="arket@eksempel.no")), "email")
    plan = plan_reconcile(sheet, [kari(email="zetkin@eksempel.no")], {1: BASE}, OPTIONS, NOW)
    assert [c.cell for c in plan.conflicts] == [""]


def test_conflict_status_lists_every_field() -> None:
    sheet = rows_of(kari_row(phone="+4791300000", email="arket@eksempel.no"))
    people = [kari(phone="+4791400000", email="zetkin@eksempel.no")]
    plan = plan_reconcile(sheet, people, {1: BASE}, OPTIONS, NOW)
    assert writes_by_field(plan)[("1", "status")] == (
        "Konflikt: telefon, e-post endret både i arket og i Zetkin"
    )


def test_conflict_status_in_english() -> None:
    sheet = rows_of(kari_row(email="arket@eksempel.no"))
    plan = plan_reconcile(sheet, [kari(email="zetkin@eksempel.no")], {1: BASE}, EN, NOW)
    assert writes_by_field(plan)[("1", "status")] == (
        "Conflict: e-mail changed both in the sheet and in Zetkin"
    )


# --- join dates -------------------------------------------------------------------------------


def test_zetkins_join_date_replaces_another_date_in_the_sheet() -> None:
    plan = plan_reconcile(rows_of(kari_row(joined="2024-06-01")), [kari()], {1: BASE}, OPTIONS, NOW)
    assert writes_by_field(plan)[("1", "joined")] == "2025-01-15"


def test_first_seen_date_fills_an_empty_join_cell() -> None:
    sheet = rows_of(kari_row(joined=""))
    first_seen = {1: date(2026, 3, 1)}
    plan = plan_reconcile(
        sheet, [kari(joined=None)], {1: BASE}, OPTIONS, NOW, first_seen=first_seen
    )
    assert writes_by_field(plan)[("1", "joined")] == "2026-03-01"


def test_typed_join_date_is_kept_over_the_first_seen_date() -> None:
    sheet = rows_of(kari_row(joined="2024-06-01"))
    first_seen = {1: date(2026, 3, 1)}
    plan = plan_reconcile(
        sheet, [kari(joined=None)], {1: BASE}, OPTIONS, NOW, first_seen=first_seen
    )
    assert not plan.has_writes


def test_no_join_date_anywhere_leaves_the_cell_empty() -> None:
    plan = plan_reconcile(
        rows_of(kari_row(joined="")), [kari(joined=None)], {1: BASE}, OPTIONS, NOW
    )
    assert not plan.has_writes
    plan = plan_reconcile(rows_of(), [kari(joined=None)], {}, OPTIONS, NOW)
    assert plan.sheet.appends[0].values["joined"] == ""


def test_writing_only_the_join_date_refreshes_an_ok_status() -> None:
    plan = plan_reconcile(rows_of(kari_row(joined="")), [kari()], {1: BASE}, OPTIONS, NOW)
    assert writes_by_field(plan) == {("1", "joined"): "2025-01-15", ("1", "status"): OK_NOW}


# --- linking, appending, creating -------------------------------------------------------------


def test_linking_a_typed_in_row_refreshes_its_ok_status() -> None:
    typed = {k: v for k, v in kari_row().items() if k != "zetkin_id"}
    plan = plan_reconcile(rows_of(typed), [kari()], {}, OPTIONS, NOW)
    assert {w.field: w.value for w in plan.sheet.writes} == {"zetkin_id": "1", "status": OK_NOW}


def test_appended_member_is_linked_as_an_append() -> None:
    plan = plan_reconcile(rows_of(), [kari()], {}, OPTIONS, NOW)
    assert plan.links == (Link(1, 0, "append"),)
    assert [a.tab for a in plan.sheet.appends] == ["members"]


def test_every_write_names_the_tab() -> None:
    sheet = rows_of(kari_row(email=""), {"first_name": "K", "last_name": "N", "phone": "41234567"})
    ola = person(2, "Ola", "Nordmann", "+4741234567")
    plan = plan_reconcile(sheet, [kari(), ola], {1: BASE}, OPTIONS, NOW)
    assert plan.sheet.writes and {w.tab for w in plan.sheet.writes} == {"members"}


def test_create_remembers_its_row_and_writes_to_the_tab() -> None:
    sheet = rows_of({"first_name": "Per", "last_name": "Hansen", "phone": "40000001"})
    [create] = plan_reconcile(sheet, [kari()], {1: BASE}, OPTIONS, NOW).creates
    assert create.row_number == 2
    assert {w.tab for w in create.sheet_writes("members", 77)} == {"members"}


def test_no_create_status_in_english() -> None:
    sheet = rows_of({"first_name": "Per", "last_name": "Hansen", "phone": "40000001"})
    options = replace(EN, create_in_zetkin=False)
    plan = plan_reconcile(sheet, [kari()], {1: BASE}, options, NOW)
    assert [w.value for w in plan.sheet.writes] == [
        "Not found in Zetkin (creating people is switched off)"
    ]


# --- review -----------------------------------------------------------------------------------


def _doubtful_row() -> dict[str, str]:
    return {"first_name": "K", "last_name": "N", "phone": "91234567", "email": "ola@eksempel.no"}


def test_review_status_lists_every_candidate() -> None:
    ola = person(2, "Ola", "Hansen", "", "ola@eksempel.no")
    plan = plan_reconcile(rows_of(_doubtful_row()), [kari(), ola], {}, OPTIONS, NOW)
    assert [w.value for w in plan.sheet.writes] == [
        "Til gjennomgang: kan være samme person som Zetkin-ID 1, 2"
    ]


def test_review_status_in_english() -> None:
    ola = person(2, "Ola", "Hansen", "", "ola@eksempel.no")
    plan = plan_reconcile(rows_of(_doubtful_row()), [kari(), ola], {}, EN, NOW)
    assert [w.value for w in plan.sheet.writes] == [
        "For review: may be the same person as Zetkin ID 1, 2"
    ]


def test_rows_below_a_review_row_are_still_planned() -> None:
    ola = person(2, "Ola", "Hansen", "", "ola@eksempel.no")
    sheet = rows_of(_doubtful_row(), kari_row(email="ny@eksempel.no"))
    plan = plan_reconcile(sheet, [kari(), ola], {1: BASE}, OPTIONS, NOW)
    assert [p.fields for p in plan.patches] == [{"email": "ny@eksempel.no"}]


# --- addressing rows --------------------------------------------------------------------------


def test_a_row_with_a_unique_key_is_written_by_key_alone() -> None:
    plan = plan_reconcile(
        rows_of(kari_row()), [kari(email="ny@eksempel.no")], {1: BASE}, OPTIONS, NOW
    )
    assert {w.field: (w.row_key, dict(w.anchor)) for w in plan.sheet.writes} == {
        "email": ("1", {}),
        "status": ("1", {}),
    }


def _keyless(sheet: TabSnapshot) -> TabSnapshot:
    """Rows read without their key filled in: addressed by the id text instead."""
    return replace(sheet, rows=tuple(replace(r, key=None) for r in sheet.rows))


def test_a_row_read_without_its_key_is_addressed_by_its_id_text() -> None:
    sheet = _keyless(rows_of(kari_row()))
    plan = plan_reconcile(sheet, [kari(email="ny@eksempel.no")], {1: BASE}, OPTIONS, NOW)
    assert {w.row_key for w in plan.sheet.writes} == {"1"}


def test_an_id_typed_twice_anchors_the_writes_even_when_read_without_keys() -> None:
    sheet = _keyless(rows_of(kari_row(), kari_row(first_name="Kopi")))
    plan = plan_reconcile(sheet, [kari()], {1: BASE}, OPTIONS, NOW)
    [write] = plan.sheet.writes
    assert write.value == "Mulig duplikat av rad 2"
    assert write.anchor["first_name"] == "Kopi"


def test_a_snapshot_without_a_column_map_syncs_every_column() -> None:
    sheet = replace(rows_of(kari_row()), columns={})
    plan = plan_reconcile(sheet, [kari(email="ny@eksempel.no")], {1: BASE}, OPTIONS, NOW)
    assert writes_by_field(plan)[("1", "email")] == "ny@eksempel.no"


def test_phone_region_applies_to_both_sides() -> None:
    options = replace(OPTIONS, phone_region="SE")
    sheet = rows_of(kari_row(phone="070-123 45 67"))
    plan = plan_reconcile(sheet, [kari(phone="070-123 45 67")], {1: BASE}, options, NOW)
    assert [p.fields for p in plan.patches] == []
    assert plan.base_updates[1]["phone"] == "+46701234567"


# --- where a row error points -----------------------------------------------------------------


def _bad_phone_issue_cell(sheet: TabSnapshot) -> str:
    plan = plan_reconcile(sheet, [kari()], {1: BASE}, OPTIONS, NOW)
    [issue] = plan.row_errors
    return issue.cell


def test_error_in_a_cell_without_an_address_points_at_the_status_cell() -> None:
    sheet = without_cells(rows_of(kari_row(phone="n/a")), "phone")
    assert _bad_phone_issue_cell(sheet) == "J2"


def test_error_without_phone_or_status_address_points_at_the_first_cell() -> None:
    sheet = without_cells(rows_of(kari_row(phone="n/a")), "phone", "status")
    assert _bad_phone_issue_cell(sheet) == "A2"


def test_error_in_a_row_without_cell_addresses_has_an_empty_cell() -> None:
    sheet = snapshot([SheetRow(2, kari_row(phone="n/a"), {}, key="1")])
    assert _bad_phone_issue_cell(sheet) == ""
