"""A create whose answer was lost, found again by the runner (issue 10.3, planner side).

The runner records each planned create's anchor before the request; when the next run finds
the person by the create's idempotency key it passes ``known_creates=[(anchor, person_id)]``.
"""

from __future__ import annotations

import json

from bridge.reconcile import ReconcilePlan, TagChange, plan_fingerprint, plan_reconcile

from .helpers import LATER, NOW, OPTIONS, apply, person, row, rows_of, snapshot

OK_NOW = "OK 2026-11-30 14:02"
KARI = person(1, "Kari", "Nordmann", "+4791234567", "kari@eksempel.no", "Sentrum")
PER_ROW = {"first_name": "Per", "last_name": "Hansen"}


def planned_create(sheet_rows: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """The anchor and base of the create a first run plans for this single row."""
    [create] = plan_reconcile(rows_of(sheet_rows), [KARI], {}, OPTIONS, NOW).creates
    return dict(create.anchor), dict(create.base)


def test_found_create_without_phone_or_email_links_its_row_instead_of_creating_again() -> None:
    anchor, base = planned_create(PER_ROW)
    per = person(77, "Per", "Hansen")
    sheet = rows_of(PER_ROW)
    plan = plan_reconcile(sheet, [KARI, per], {}, OPTIONS, NOW, known_creates=[(anchor, 77)])
    assert plan.creates == () and plan.review == ()
    assert [(k.person_id, k.row_number, k.how) for k in plan.links[:1]] == [(77, 2, "create")]
    assert [(w.row_key, w.field, w.value, dict(w.anchor)) for w in plan.sheet.writes] == [
        (None, "zetkin_id", "77", anchor),
        (None, "joined", "2026-11-30", anchor),
        (None, "status", OK_NOW, anchor),
    ]
    assert plan.base_updates[77] == base


def test_found_create_is_not_appended_as_a_new_row() -> None:
    anchor, _ = planned_create(PER_ROW)
    plan = plan_reconcile(
        rows_of(PER_ROW),
        [person(77, "Per", "Hansen")],
        {},
        OPTIONS,
        NOW,
        known_creates=[(anchor, 77)],
    )
    assert plan.sheet.appends == ()


def test_found_create_whose_tags_never_landed_is_finished_not_marked_gone() -> None:
    values = {**PER_ROW, "phone": "400 00 001", "will_call": "Ja"}
    anchor, _ = planned_create(values)
    orphan = person(77, "Per", "Hansen", "+4740000001", tags=(), is_member=False)
    plan = plan_reconcile(rows_of(values), [orphan], {}, OPTIONS, NOW, known_creates=[(anchor, 77)])
    assert plan.creates == ()
    assert plan.tag_changes == (TagChange(77, "Medlem", True), TagChange(77, "Vil ringe", True))
    writes = {w.field: w.value for w in plan.sheet.writes}
    assert writes == {"zetkin_id": "77", "joined": "2026-11-30", "status": OK_NOW}
    assert plan.base_updates[77]["will_call"] == "Ja"


def test_found_create_converges_in_one_run() -> None:
    values = {**PER_ROW, "phone": "400 00 001", "door_knock": "ja"}
    anchor, _ = planned_create(values)
    sheet = rows_of(values)
    people = [KARI, person(77, "Per", "Hansen", "+4740000001", tags=(), is_member=False)]
    known = [(anchor, 77)]
    plan = plan_reconcile(sheet, people, {}, OPTIONS, NOW, known_creates=known)
    sheet2, people2, base2 = apply(plan, sheet, people, {})
    again = plan_reconcile(sheet2, people2, base2, OPTIONS, LATER, known_creates=known)
    assert not again.has_writes and again.base_updates == {}
    assert [r.get("zetkin_id") for r in sheet2.rows] == ["77", "1"]


def test_found_create_wins_its_row_over_an_earlier_row_with_the_same_phone() -> None:
    values = {**PER_ROW, "phone": "40000001"}
    anchor, _ = planned_create(values)
    sheet = snapshot(
        [row(2, first_name="P.", last_name="Hansen", phone="400 00 001"), row(3, **values)]
    )
    per = person(77, "Per", "Hansen", "+4740000001")
    plan = plan_reconcile(sheet, [per], {}, OPTIONS, NOW, known_creates=[(anchor, 77)])
    assert [(k.person_id, k.row_number, k.how) for k in plan.links] == [(77, 3, "create")]
    assert [(e.row_number, e.message) for e in plan.row_errors] == [(2, "Mulig duplikat av rad 3")]
    assert plan.creates == ()


def test_row_edited_since_the_lost_create_goes_to_review_not_a_second_create() -> None:
    anchor, _ = planned_create(PER_ROW)
    orphan = person(77, "Per", "Hansen", tags=(), is_member=False)
    sheet = rows_of({**PER_ROW, "phone": "40000001"})  # the board added a phone meanwhile
    plan = plan_reconcile(sheet, [orphan], {}, OPTIONS, NOW, known_creates=[(anchor, 77)])
    assert plan.creates == () and plan.sheet.appends == ()
    assert [c.person_id for c in plan.review[0].candidates] == [77]


def test_found_create_already_listed_by_id_makes_the_typed_row_a_duplicate() -> None:
    anchor, _ = planned_create(PER_ROW)
    sheet = snapshot([row(2, zetkin_id="77", **PER_ROW), row(3, **PER_ROW)])
    per = person(77, "Per", "Hansen")
    plan = plan_reconcile(sheet, [per], {}, OPTIONS, NOW, known_creates=[(anchor, 77)])
    assert plan.creates == ()
    assert [(e.row_number, e.message) for e in plan.row_errors] == [(3, "Mulig duplikat av rad 2")]


def test_known_creates_are_part_of_the_fingerprint() -> None:
    anchor, _ = planned_create(PER_ROW)
    sheet, people = rows_of(PER_ROW), [person(77, "Per", "Hansen")]
    known = [(anchor, 77)]
    plain = plan_fingerprint(sheet, people, {})
    with_known = plan_fingerprint(sheet, people, {}, known)
    assert with_known != plain
    assert with_known != plan_fingerprint(sheet, people, {}, [(anchor, 78)])
    assert (
        with_known
        == plan_reconcile(sheet, people, {}, OPTIONS, NOW, known_creates=known).fingerprint
    )
    assert plain == plan_reconcile(sheet, people, {}, OPTIONS, NOW).fingerprint


def test_plan_with_a_found_create_round_trips_through_json() -> None:
    values = {**PER_ROW, "phone": "400 00 001", "will_call": "Ja"}
    anchor, _ = planned_create(values)
    orphan = person(77, "Per", "Hansen", "+4740000001", tags=(), is_member=False)
    plan = plan_reconcile(rows_of(values), [orphan], {}, OPTIONS, NOW, known_creates=[(anchor, 77)])
    again = ReconcilePlan.from_dict(json.loads(json.dumps(plan.to_dict())))
    assert again == plan
    assert again.links[0].how == "create"
