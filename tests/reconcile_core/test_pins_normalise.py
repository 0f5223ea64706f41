"""Pins for normalisation and the message catalogue: the edges the first tests left open."""

from __future__ import annotations

import pytest

from bridge.messages import t
from bridge.normalise import (
    Problem,
    fold_name,
    normalise_email,
    parse_yes_no,
    zetkin_phone,
)


@pytest.mark.parametrize("raw", ["ola@.no", "ola@eksempel.", "ola@.eksempel."])
def test_email_domain_needs_a_dot_inside_not_only_at_its_ends(raw: str) -> None:
    _, problem = normalise_email(raw)
    assert problem is not None and problem.code == "invalid_email"


@pytest.mark.parametrize(("raw", "expected"), [("Ja!", "Ja"), ("ja.", "Ja"), ("Nei!", "Nei")])
def test_yes_no_ignores_trailing_punctuation(raw: str, expected: str) -> None:
    assert parse_yes_no(raw, "will_call") == (expected, None)


def test_yes_no_leading_punctuation_is_a_problem() -> None:
    _, problem = parse_yes_no("!ja", "will_call")
    assert problem == Problem("invalid_yes_no", "will_call", "!ja")


def test_name_parts_are_joined_with_a_space() -> None:
    assert fold_name("Ola", "Nordmann") == "ola nordmann"


def test_zetkin_phone_already_in_e164_is_kept_as_stored() -> None:
    """Zetkin's E.164 text is data: not re-parsed (phonenumbers would drop the 0 here)."""
    assert zetkin_phone("+49030123456") == "+49030123456"


def test_problem_round_trip_keeps_the_earlier_row() -> None:
    problem = Problem("duplicate", "zetkin_id", "1", 17)
    assert Problem.from_dict(problem.to_dict()) == problem


def test_duplicate_message_in_english() -> None:
    assert Problem("duplicate", "zetkin_id", "", 17).message("en") == "Possible duplicate of row 17"


def test_yes_no_message_in_english() -> None:
    message = Problem("invalid_yes_no", "door_knock", "kanskje").message("en")
    assert message.startswith("Write Yes or No in “") and message.endswith("”, not “kanskje”")


def test_text_asked_for_without_parameters_comes_back_as_written() -> None:
    assert t("status.ok") == "OK {when}"
