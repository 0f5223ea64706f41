"""Row errors keep the cell and the kind of problem, never what the board typed (issue 10.8)."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from sqlalchemy import insert, select

from bridge.messages import CATALOGUE, LANGUAGES, t
from bridge.normalise import Problem
from ledger import Ledger, RowErrorIn, downgrade, make_engine, upgrade
from ledger.models import Base
from ledger.store import value_free

TYPED = ["42360791", "ola@@eksempel", "Nordpolen", "kanskje", "12a", "+47 412 34 567"]


def _problems() -> list[Problem]:
    return [
        Problem("invalid_phone", "phone", TYPED[0]),
        Problem("invalid_email", "email", TYPED[1]),
        Problem("unknown_district", "district", TYPED[2]),
        Problem("invalid_yes_no", "will_call", TYPED[3]),
        Problem("invalid_id", "zetkin_id", TYPED[4]),
        Problem("invalid_phone", "phone", TYPED[5]),
        Problem("duplicate", "phone", row=7),
    ]


def _stored(ledger: Ledger) -> str:
    """Every text the row_errors table holds, as one string to search."""
    table = Base.metadata.tables["row_errors"]
    with ledger.engine.connect() as conn:
        rows = conn.execute(select(table)).all()
    return "\n".join(str(value) for row in rows for value in row)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_ledger_holds_no_typed_value_in_any_language(ledger: Ledger, lang: str) -> None:
    errors = [
        RowErrorIn(kind=p.code, message=p.message(lang), row_key=None, cell=f"D{n + 2}")
        for n, p in enumerate(_problems())
    ]
    assert all(value in "\n".join(e.message for e in errors) for value in TYPED)  # as typed

    ledger.sync_row_errors("oslo", "Medlemmer", errors)

    stored = _stored(ledger)
    found = [value for value in TYPED if value in stored]
    assert found == []
    messages = {e.cell: e.message for e in ledger.open_row_errors("oslo")}
    assert messages["D2"] == t("problem.invalid_phone", lang, value="…")
    assert messages["D8"] == t("problem.duplicate", lang, row=7)  # a row number is no value
    assert {e.kind for e in ledger.open_row_errors("oslo")} == {p.code for p in _problems()}


def test_every_catalogued_value_is_quoted_so_the_ledger_can_blank_it() -> None:
    """The rule :func:`value_free` relies on: a ``{value}`` sits inside quotes."""
    for key, texts in CATALOGUE.items():
        for lang, template in texts.items():
            if "{value}" in template:
                assert re.search(r"«\{value\}»|“\{value\}”", template), (key, lang)
                # Other parameters (a district guessed, a number read) are filled in too.
                params = defaultdict(lambda: "x", value="SECRET-42", field="felt", row=3)
                rendered = template.format_map(params)
                assert "SECRET-42" not in value_free(rendered), (key, lang)


def test_an_unquoted_phone_or_email_is_redacted_too() -> None:
    assert value_free("Telefon 412 34 567 og ola@eksempel.no") == "Telefon [telefon] og [e-post]"


def test_the_migration_blanks_values_stored_by_earlier_runs(db_url: str) -> None:
    engine = make_engine(db_url)
    table = Base.metadata.tables["row_errors"]
    try:
        upgrade(engine)
        downgrade(engine, "0002")
        at = Ledger(engine)._now()
        with engine.begin() as conn:
            conn.execute(
                insert(table),
                [
                    {
                        "branch": "oslo",
                        "tab": "Medlemmer",
                        "cell": "D5",
                        "row_key": None,
                        "locator": "@D5",
                        "kind": "invalid_phone",
                        "message": "Ugyldig telefonnummer: «42360791»",
                        "first_seen": at,
                        "last_seen": at,
                        "resolved_at": None,
                    }
                ],
            )
        upgrade(engine)
        with engine.connect() as conn:
            message = conn.execute(select(table.c.message)).scalar_one()
        assert message == "Ugyldig telefonnummer: «…»"
    finally:
        engine.dispose()
