"""Pins for parsing a members-tab row and normalising a Zetkin person (not the id rule)."""

from __future__ import annotations

import pytest

from bridge.members import JoinSubmission, parse_row, zetkin_values
from bridge.normalise import Problem, district_lookup

from .helpers import person, row

LOOKUP = district_lookup(["Sentrum", "Nordre"])


def test_sheet_phone_is_norwegian_by_default() -> None:
    parsed = parse_row(row(2, phone="912 34 567"), LOOKUP)
    assert parsed.values["phone"] == "+4791234567"
    assert parsed.problems == ()


def test_sheet_phone_is_parsed_in_the_given_region() -> None:
    parsed = parse_row(row(2, phone="070-123 45 67"), LOOKUP, region="SE")
    assert parsed.values["phone"] == "+46701234567"


def test_yes_no_problem_names_its_column() -> None:
    parsed = parse_row(row(2, first_name="Kari", door_knock="kanskje"), LOOKUP)
    assert parsed.problems == (Problem("invalid_yes_no", "door_knock", "kanskje"),)


@pytest.mark.parametrize("field", ["first_name", "last_name", "phone", "email", "district"])
def test_a_row_with_only_one_member_field_is_not_blank(field: str) -> None:
    assert not parse_row(row(2, **{field: "x"}), LOOKUP).blank


def test_zetkin_phone_is_norwegian_by_default() -> None:
    values = zetkin_values(person(1, phone="912 34 567"), LOOKUP, "Vil dørbanke", "Vil ringe")
    assert values["phone"] == "+4791234567"


def test_zetkin_phone_is_parsed_in_the_given_region() -> None:
    p = person(1, phone="070-123 45 67")
    values = zetkin_values(p, LOOKUP, "Vil dørbanke", "Vil ringe", region="SE")
    assert values["phone"] == "+46701234567"


def test_missing_zetkin_names_and_district_are_empty() -> None:
    p = person(1, first="", last="", district="")
    values = zetkin_values(p, LOOKUP, "Vil dørbanke", "Vil ringe")
    assert (values["first_name"], values["last_name"], values["district"]) == ("", "", "")


def test_zetkin_district_takes_the_configured_spelling() -> None:
    values = zetkin_values(person(1, district="nordre"), LOOKUP, "Vil dørbanke", "Vil ringe")
    assert values["district"] == "Nordre"


def test_join_submission_without_details_has_empty_texts() -> None:
    assert JoinSubmission.from_dict({"id": 55}) == JoinSubmission(55)


def test_join_submission_round_trips() -> None:
    join = JoinSubmission(55, "Rosa", "L", "rosa@eksempel.no", "+4791234567", "2026-11-29")
    assert JoinSubmission.from_dict(join.to_dict()) == join
