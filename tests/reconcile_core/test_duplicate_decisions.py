"""The admin's answer about a possible duplicate, acted on by the planner (issue 16 item 5):
"same person" links the row as a typed id would, "different people" creates it, and a
decision that no longer fits its row is closed unapplied."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace

import pytest

from bridge.duplicates import (
    DecisionOutcome,
    DuplicateDecision,
    anchor_key,
    parse_duplicate,
    subject_for,
)
from bridge.match import ReviewItem
from bridge.normalise import Problem
from bridge.reconcile import Link, ReconcilePlan, plan_fingerprint, plan_reconcile
from bridge.sheet import CellWrite

from .helpers import NOW, OPTIONS, apply, person, rows_of

ANNE1 = person(1, "Anne", "Berg", "+4790000001", "anne1@eksempel.no", "Sentrum")
ANNE2 = person(2, "Anne", "Berg", "+4790000002", "", "Nordre")
PEOPLE = [ANNE1, ANNE2]
ROW = {"first_name": "Anne", "last_name": "Berg"}
ANCHOR = {"first_name": "Anne", "last_name": "Berg"}
KEY = anchor_key(ANCHOR)
OK = "OK 2026-11-30 14:02"


def same(pid: int, candidates: frozenset[int] = frozenset({1, 2}), did: int = 7) -> dict:
    return {KEY: DuplicateDecision(did, KEY, candidates, pid)}


def different(candidates: frozenset[int] = frozenset({1, 2}), did: int = 8) -> dict:
    return {KEY: DuplicateDecision(did, KEY, candidates, None)}


# --- the stored subject and choice -------------------------------------------------------------


def test_a_subject_names_the_row_key_and_the_sorted_candidates() -> None:
    assert subject_for("abc", (12, 3)) == "row:abc:3,12"


def test_same_person_names_one_of_the_candidates() -> None:
    assert parse_duplicate(4, "row:abc:3,12", "same:12") == DuplicateDecision(
        4, "abc", frozenset({3, 12}), 12
    )


def test_different_people_carries_the_candidates() -> None:
    assert parse_duplicate(5, "row:abc:3", "different") == DuplicateDecision(
        5, "abc", frozenset({3}), None
    )


@pytest.mark.parametrize(
    ("subject", "choice"),
    [
        ("row:abc:3,12", "same:4"),  # not a candidate
        ("row:abc:3,12", "same"),
        ("row:abc:3,12", "same:"),
        ("row:abc:3,12", "same:x"),
        ("row:abc:3,12", "keep_sheet"),
        ("row:abc:3,12", "samex:3"),
        ("row:abc:3,x", "different"),
        ("row:abc:", "different"),
        ("row:abc", "different"),
        ("row::3", "different"),
        ("person:abc:3", "different"),
        ("row:17", "same:17"),  # the old row-number subject
        ("row:abc:3:4", "different"),
        ("row:abc:3", "same:3:3"),
        ("row:abc:3", "xsame:3"),
    ],
)
def test_a_malformed_decision_is_none(subject: str, choice: str) -> None:
    assert parse_duplicate(1, subject, choice) is None


def test_the_row_key_stays_what_stored_decisions_name() -> None:
    # Decisions in the ledger refer to rows by this key: its form must not drift.
    anchor = {"last_name": "Ødegård", "first_name": "Åse"}
    text = '[["first_name", "\\u00c5se"], ["last_name", "\\u00d8deg\\u00e5rd"]]'
    assert anchor_key(anchor) == hashlib.sha256(text.encode()).hexdigest()[:16]


def test_the_row_key_is_short_stable_and_free_of_values() -> None:
    key = anchor_key({"last_name": "Berg", "first_name": "Anne"})
    assert key == anchor_key({"first_name": "Anne", "last_name": "Berg"})
    assert len(key) == 16 and int(key, 16) >= 0
    assert key != anchor_key({"first_name": "Anne", "last_name": "Bergh"})
    assert key != anchor_key({"first_name": "Anne"})
    assert "Anne" not in key and "Berg" not in key


def test_an_outcome_round_trips_and_says_whether_it_closes() -> None:
    outcome = DecisionOutcome(3, "linked", 5, 9)
    assert DecisionOutcome.from_dict(outcome.to_dict()) == outcome
    assert outcome.to_dict() == {"id": 3, "outcome": "linked", "row_number": 5, "person_id": 9}
    assert DecisionOutcome.from_dict({"id": 3, "outcome": "gone"}) == DecisionOutcome(3, "gone")
    closing = {"linked", "created", "settled", "gone", "stale"}
    for name in (*closing, "waiting"):
        assert DecisionOutcome(1, name).closes is (name in closing)


# --- the review item carries the row's key ------------------------------------------------------


def test_a_row_in_review_carries_its_key() -> None:
    plan = plan_reconcile(rows_of(ROW), PEOPLE, {}, OPTIONS, NOW)
    [item] = plan.review
    assert item.row_key == KEY
    assert [c.person_id for c in item.candidates] == [1, 2]
    assert ReviewItem.from_dict(item.to_dict()) == item
    assert item.to_dict()["row_key"] == KEY
    assert ReviewItem.from_dict({"row_number": 2, "cell": "A2", "candidates": []}).row_key == ""
    assert plan.decisions == ()


# --- same person ---------------------------------------------------------------------------------


def test_same_person_links_the_row_as_a_typed_id_and_merges() -> None:
    sheet = rows_of(ROW)
    plan = plan_reconcile(sheet, PEOPLE, {}, OPTIONS, NOW, decisions=same(1))
    assert plan.review == () and plan.creates == () and plan.row_errors == ()
    assert plan.links[0] == Link(1, 2, "decision")
    writes = {w.field: w for w in plan.sheet.writes}
    assert writes["zetkin_id"] == CellWrite("members", None, "zetkin_id", "1", ANCHOR)
    # The three-way merge with no base: Zetkin's values fill the row's empty cells.
    assert {f: w.value for f, w in writes.items() if f not in {"zetkin_id", "joined"}} == {
        "phone": "+4790000001",
        "email": "anne1@eksempel.no",
        "district": "Sentrum",
        "status": OK,
    }
    assert plan.patches == () and plan.conflicts == ()
    assert dict(plan.base_updates[1])["email"] == "anne1@eksempel.no"
    assert plan.decisions == (DecisionOutcome(7, "linked", 2, 1),)
    # The other candidate is a member with no row: appended, being someone else.
    assert [a.values["zetkin_id"] for a in plan.sheet.appends] == ["2"]


def test_after_the_link_the_next_run_has_nothing_left_to_do() -> None:
    sheet = rows_of(ROW)
    plan = plan_reconcile(sheet, PEOPLE, {}, OPTIONS, NOW, decisions=same(2))
    sheet2, people2, base2 = apply(plan, sheet, PEOPLE, {})
    again = plan_reconcile(sheet2, people2, base2, OPTIONS, NOW)
    assert not again.has_writes and again.review == () and again.creates == ()
    assert [r.values["zetkin_id"] for r in sheet2.rows] == ["2", "1"]
    # The row's values changed with the link: a decision left open finds no such row.
    late = plan_reconcile(sheet2, people2, base2, OPTIONS, NOW, decisions=same(2))
    assert late.decisions == (DecisionOutcome(7, "gone"),) and not late.has_writes


def test_a_decision_about_a_row_the_board_gave_an_id_meanwhile_is_settled() -> None:
    sheet = rows_of({**ROW, "zetkin_id": "2"})
    plan = plan_reconcile(sheet, PEOPLE, {}, OPTIONS, NOW, decisions=same(1))
    assert plan.decisions == (DecisionOutcome(7, "settled", 2),)
    assert plan.links == (Link(1, 0, "append"),)  # row 2 is Anne 2 by its id, as typed


def test_same_person_whose_row_another_row_already_has_is_closed_unapplied() -> None:
    keyed = {"zetkin_id": "1", "first_name": "Anne", "last_name": "Berg"}
    sheet = rows_of(keyed, ROW)
    plan = plan_reconcile(sheet, PEOPLE, {}, OPTIONS, NOW, decisions=same(1))
    assert plan.decisions == (DecisionOutcome(7, "stale", 3),)
    assert [(e.row_number, e.message) for e in plan.row_errors] == [(3, "Mulig duplikat av rad 2")]
    assert plan.row_errors[0].problem == Problem("duplicate", "zetkin_id", "", 2)
    assert plan.row_errors[0].cell == "A3"
    assert [k.how for k in plan.links] == ["append"]  # Anne 2, no row of her own


def test_a_decision_that_fails_does_not_stop_the_next() -> None:
    keyed = {"zetkin_id": "1", "first_name": "Anne", "last_name": "Berg"}
    other = {**ROW, "email": "to@eksempel.no"}
    key = anchor_key(other)
    decisions = {
        KEY: DuplicateDecision(3, KEY, frozenset({1, 2}), 1),  # Anne 1 has row 2
        key: DuplicateDecision(4, key, frozenset({1, 2}), 2),
    }
    plan = plan_reconcile(rows_of(keyed, ROW, other), PEOPLE, {}, OPTIONS, NOW, decisions=decisions)
    assert plan.decisions == (DecisionOutcome(3, "stale", 3), DecisionOutcome(4, "linked", 4, 2))


def test_a_row_typed_again_after_the_linked_one_is_its_duplicate() -> None:
    later = {"first_name": "A.", "last_name": "Berg", "phone": "900 00 001"}
    plan = plan_reconcile(rows_of(ROW, later), PEOPLE, {}, OPTIONS, NOW, decisions=same(1))
    assert plan.decisions == (DecisionOutcome(7, "linked", 2, 1),)
    assert [(e.row_number, e.message) for e in plan.row_errors] == [(3, "Mulig duplikat av rad 2")]


def test_a_found_again_create_still_links_when_decisions_are_weighed() -> None:
    lost = {"first_name": "Tone", "last_name": "Vik", "email": "tone@eksempel.no"}
    tone = person(5, "Tone", "Vik", "", "tone@eksempel.no", tags=(), is_member=False)
    plan = plan_reconcile(
        rows_of(lost, ROW),
        [*PEOPLE, tone],
        {},
        OPTIONS,
        NOW,
        known_creates=[(lost, 5)],
        decisions=same(1),
    )
    assert plan.creates == ()
    assert [(k.person_id, k.row_number, k.how) for k in plan.links][:2] == [
        (5, 2, "create"),
        (1, 3, "decision"),
    ]


# --- different people ----------------------------------------------------------------------------


def test_different_people_creates_the_row_in_zetkin_once() -> None:
    sheet = rows_of(ROW)
    plan = plan_reconcile(sheet, PEOPLE, {}, OPTIONS, NOW, decisions=different())
    assert plan.review == () and plan.links[-1].how == "append"
    [create] = plan.creates
    assert create.row_number == 2 and dict(create.anchor) == ANCHOR
    assert dict(create.fields) == ANCHOR
    assert plan.decisions == (DecisionOutcome(8, "created", 2),)
    # Both candidates are other members: appended, as no row may be them any more.
    assert sorted(a.values["zetkin_id"] for a in plan.sheet.appends) == ["1", "2"]
    sheet2, people2, base2 = apply(plan, sheet, PEOPLE, {})
    again = plan_reconcile(sheet2, people2, base2, OPTIONS, NOW)
    assert again.creates == () and again.review == () and not again.has_writes


def test_different_people_sharing_a_phone_with_the_candidate_is_created_not_linked() -> None:
    row = {**ROW, "phone": "900 00 001", "email": "anne1@eksempel.no"}
    sheet = rows_of(row)
    alone = plan_reconcile(sheet, [ANNE1, replace(ANNE2, phone="+4790000001")], {}, OPTIONS, NOW)
    [item] = alone.review
    assert [c.reasons for c in item.candidates] == [("phone", "email"), ("phone",)]
    key = item.row_key
    decision = {key: DuplicateDecision(3, key, frozenset({1, 2}), None)}
    people = [ANNE1, replace(ANNE2, phone="+4790000001")]
    plan = plan_reconcile(sheet, people, {}, OPTIONS, NOW, decisions=decision)
    assert [c.row_number for c in plan.creates] == [2]
    assert plan.links == (Link(1, 0, "append"), Link(2, 0, "append"))
    assert plan.decisions == (DecisionOutcome(3, "created", 2),)


def test_different_people_typed_twice_is_one_create() -> None:
    first = {**ROW, "email": "ny@eksempel.no"}
    sheet = rows_of(first, {**first, "first_name": "Anne M."})
    two = plan_reconcile(sheet, PEOPLE, {}, OPTIONS, NOW)
    [item] = two.review  # row 3 is row 2 typed again: a duplicate already
    assert item.row_number == 2
    decision = {item.row_key: DuplicateDecision(8, item.row_key, frozenset({1, 2}), None)}
    plan = plan_reconcile(sheet, PEOPLE, {}, OPTIONS, NOW, decisions=decision)
    assert [c.row_number for c in plan.creates] == [2]
    assert [(e.row_number, e.message) for e in plan.row_errors] == [(3, "Mulig duplikat av rad 2")]


def test_different_people_with_creating_switched_off_waits_open() -> None:
    options = replace(OPTIONS, create_in_zetkin=False)
    plan = plan_reconcile(rows_of(ROW), PEOPLE, {}, options, NOW, decisions=different())
    assert plan.creates == () and plan.review == ()
    assert plan.decisions == (DecisionOutcome(8, "waiting", 2),)
    assert not plan.decisions[0].closes
    assert [(w.field, w.value) for w in plan.sheet.writes] == [
        ("status", "Ikke funnet i Zetkin (oppretting er slått av)")
    ]


def test_different_people_without_a_last_name_waits_open() -> None:
    row = {"first_name": "Anne", "phone": "900 00 001"}
    people = [ANNE1, replace(ANNE2, phone="+4790000001")]
    key = anchor_key({"first_name": "Anne", "phone": "900 00 001"})
    decision = {key: DuplicateDecision(4, key, frozenset({1, 2}), None)}
    plan = plan_reconcile(rows_of(row), people, {}, OPTIONS, NOW, decisions=decision)
    assert plan.creates == ()
    assert plan.decisions == (DecisionOutcome(4, "waiting", 2),)
    assert [e.problem.code for e in plan.row_errors] == ["missing_last_name"]


# --- decisions that no longer fit --------------------------------------------------------------


def test_a_decision_whose_row_is_gone_is_closed_and_changes_nothing() -> None:
    sheet = rows_of(ROW)
    plain = plan_reconcile(sheet, PEOPLE, {}, OPTIONS, NOW)
    gone = {"0" * 16: DuplicateDecision(9, "0" * 16, frozenset({1, 2}), 1)}
    plan = plan_reconcile(sheet, PEOPLE, {}, OPTIONS, NOW, decisions=gone)
    assert plan.decisions == (DecisionOutcome(9, "gone"),)
    assert plan.sheet == plain.sheet and plan.review == plain.review and plan.links == ()


def test_a_decision_about_other_candidates_is_closed_and_the_row_stays_in_review() -> None:
    sheet = rows_of(ROW)
    plan = plan_reconcile(sheet, PEOPLE, {}, OPTIONS, NOW, decisions=same(1, frozenset({1})))
    assert plan.decisions == (DecisionOutcome(7, "stale", 2),)
    assert [r.row_number for r in plan.review] == [2] and plan.links == ()
    wider = plan_reconcile(
        sheet, PEOPLE, {}, OPTIONS, NOW, decisions=different(frozenset({1, 2, 3}))
    )
    assert wider.decisions == (DecisionOutcome(8, "stale", 2),) and wider.creates == ()


def test_a_decision_about_a_row_no_longer_in_review_is_closed() -> None:
    # The board typed a phone only Anne 1 has: a strong match, linked without asking.
    row = {**ROW, "phone": "900 00 001"}
    key = anchor_key({**ANCHOR, "phone": "900 00 001"})
    decision = {key: DuplicateDecision(6, key, frozenset({1, 2}), 2)}
    plan = plan_reconcile(rows_of(row), PEOPLE, {}, OPTIONS, NOW, decisions=decision)
    assert plan.decisions == (DecisionOutcome(6, "stale", 2),)
    assert plan.links[0] == Link(1, 2, "phone")


def test_outcomes_come_in_decision_order() -> None:
    other = {"first_name": "Anne", "last_name": "Berg", "email": "to@eksempel.no"}
    assert anchor_key(other) != KEY
    other_key = anchor_key(other)
    decisions = {
        "f" * 16: DuplicateDecision(9, "f" * 16, frozenset({1}), None),
        other_key: DuplicateDecision(5, other_key, frozenset({1, 2}), None),
        KEY: DuplicateDecision(2, KEY, frozenset({1, 2}), 1),
    }
    plan = plan_reconcile(rows_of(other, ROW), PEOPLE, {}, OPTIONS, NOW, decisions=decisions)
    assert [(d.id, d.outcome) for d in plan.decisions] == [
        (2, "linked"),
        (5, "created"),
        (9, "gone"),
    ]


# --- stored and fingerprinted ---------------------------------------------------------------------


def test_the_plan_keeps_its_outcomes_through_the_ledger() -> None:
    plan = plan_reconcile(rows_of(ROW), PEOPLE, {}, OPTIONS, NOW, decisions=same(1))
    data = json.loads(json.dumps(plan.to_dict()))
    assert ReconcilePlan.from_dict(data).decisions == plan.decisions
    del data["decisions"]  # a plan stored before decisions were planned
    assert ReconcilePlan.from_dict(data).decisions == ()


def test_decisions_change_the_fingerprint_only_when_there_are_any() -> None:
    sheet = rows_of(ROW)
    plain = plan_fingerprint(sheet, PEOPLE, {})
    assert plan_fingerprint(sheet, PEOPLE, {}, (), {}) == plain
    one = plan_fingerprint(sheet, PEOPLE, {}, (), same(1))
    assert one != plain
    assert plan_fingerprint(sheet, PEOPLE, {}, (), same(2)) != one
    assert plan_fingerprint(sheet, PEOPLE, {}, (), same(1, did=8)) != one
    assert plan_fingerprint(sheet, PEOPLE, {}, (), same(1, frozenset({1}))) != one
    assert plan_fingerprint(sheet, PEOPLE, {}, (), same(1)) == one
    planned = plan_reconcile(sheet, PEOPLE, {}, OPTIONS, NOW, decisions=same(1))
    assert planned.fingerprint == one
