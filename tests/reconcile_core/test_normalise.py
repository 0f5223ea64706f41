from __future__ import annotations

import pytest

from bridge.normalise import (
    district_lookup,
    fold_name,
    normalise_district,
    normalise_email,
    normalise_phone,
    parse_yes_no,
    zetkin_email,
    zetkin_phone,
)


@pytest.mark.parametrize(
    "raw",
    [
        "91234567",
        "912 34 567",
        "91 23 45 67",
        "912-34-567",
        "+4791234567",
        "+47 912 34 567",
        "0047 91234567",
        "0047 912 34 567",
        "00 47 912 34 567",
        "(+47) 912 34 567",
        " 912 34 567 ",
    ],
)
def test_norwegian_phone_forms_become_e164(raw: str) -> None:
    assert normalise_phone(raw) == ("+4791234567", None)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("+46 70 123 45 67", "+46701234567"), ("0046701234567", "+46701234567")],
)
def test_foreign_phone_is_kept_with_its_country(raw: str, expected: str) -> None:
    assert normalise_phone(raw) == (expected, None)


@pytest.mark.parametrize("raw", ["n/a", "-", "12 34", "91a23456", "ring meg", "+", "1-800-FLOWERS"])
def test_invalid_phone_is_a_typed_problem(raw: str) -> None:
    value, problem = normalise_phone(raw)
    assert problem is not None
    assert problem.code == "invalid_phone"
    assert problem.field == "phone"
    assert problem.value == raw.strip()
    assert value == raw.strip()


def test_invalid_phone_message_quotes_the_value() -> None:
    _, problem = normalise_phone("12 34")
    assert problem is not None
    assert problem.message() == "Ugyldig telefonnummer: «12 34»"
    assert problem.message("en") == "Invalid phone number: “12 34”"


def test_empty_phone_is_no_problem() -> None:
    assert normalise_phone("  ") == ("", None)


def test_zetkin_phone_is_lenient_data() -> None:
    assert zetkin_phone("+4791234567") == "+4791234567"
    assert zetkin_phone("912 34 567") == "+4791234567"
    assert zetkin_phone("n/a") == "n/a"
    assert zetkin_phone(None) == ""


def test_email_is_trimmed_and_case_folded() -> None:
    assert normalise_email("  Kari.Nordmann@Eksempel.NO ") == ("kari.nordmann@eksempel.no", None)
    assert zetkin_email(" Kari@Eksempel.no") == "kari@eksempel.no"


@pytest.mark.parametrize(
    "raw",
    [
        "kari nordmann@eksempel.no",
        "kari@eksempel no",
        "kari@",
        "@eksempel.no",
        "kari@eksempel",
        "kari@@eksempel.no",
        "a@b@eksempel.no",
        "ingen",
    ],
)
def test_invalid_email_is_a_problem(raw: str) -> None:
    _, problem = normalise_email(raw)
    assert problem is not None and problem.code == "invalid_email"
    assert problem.message().startswith("Ugyldig e-postadresse: «")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Bjørn Ødegård-Aasen", "bjorn odegard aasen"),
        ("BJØRN ØDEGÅRD AASEN", "Bjoern Oedegaard-Aasen"),
        ("Åse Lie", "Aase Lie"),
        ("José Müller", "jose muller"),
        ("Kari  Nordmann", "kari nordmann"),
    ],
)
def test_names_fold_for_matching(a: str, b: str) -> None:
    assert fold_name(a) == fold_name(b)


def test_different_names_do_not_fold_together() -> None:
    assert fold_name("Kari", "Nordmann") != fold_name("Kari", "Norman")


@pytest.mark.parametrize("raw", ["Ja", "ja", " JA ", "x", "X", "yes", "1", "✓"])
def test_yes(raw: str) -> None:
    assert parse_yes_no(raw, "will_call") == ("Ja", None)


@pytest.mark.parametrize("raw", ["Nei", "nei", "", "  ", "no", "0"])
def test_no(raw: str) -> None:
    assert parse_yes_no(raw, "will_call") == ("Nei", None)


def test_yes_no_nonsense_is_a_problem() -> None:
    _, problem = parse_yes_no("kanskje", "door_knock")
    assert problem is not None and problem.code == "invalid_yes_no"
    assert problem.message() == "Skriv Ja eller Nei i «Vil dørbanke», ikke «kanskje»"


def test_district_is_matched_case_insensitively_to_the_configured_list() -> None:
    lookup = district_lookup(["Sentrum", "Østre Aker"])
    assert normalise_district("østre  aker", lookup) == ("Østre Aker", None)
    assert normalise_district("", lookup) == ("", None)
    _, problem = normalise_district("Vestre", lookup)
    assert problem is not None and problem.code == "unknown_district"
    assert problem.message() == "Ukjent bydel: «Vestre»"
    assert normalise_district("Hva som helst", {}) == ("Hva som helst", None)
