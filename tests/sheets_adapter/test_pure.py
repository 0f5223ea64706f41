"""Pure parts of the workbook adapter: A1 helpers, header mapping, the retry policy."""

from __future__ import annotations

import time

import pytest
import requests

from bridge.errors import HeaderError, PermanentError, TransientApiError
from config.settings import TabSettings
from connectors.sheets.a1 import cell, col_index, col_letter, grid_range_a1, quote_title, tab_range
from connectors.sheets.headers import map_headers, normalise, raise_for_problems
from connectors.sheets.retry import RetryPolicy

MEMBERS = TabSettings(
    "members",
    "Medlemmer",
    {
        "zetkin_id": "Zetkin-ID",
        "first_name": "Fornavn",
        "last_name": "Etternavn",
        "phone": "Telefon",
        "email": "E-post",
        "status": "Synkstatus",
    },
    aliases={"phone": ("Mobil", "Tlf")},
)


@pytest.mark.parametrize(
    ("index", "letters"), [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (701, "ZZ"), (702, "AAA")]
)
def test_column_letters_round_trip(index: int, letters: str) -> None:
    assert col_letter(index) == letters
    assert col_index(letters) == index
    assert col_index(letters.lower()) == index


def test_addresses_and_quoting() -> None:
    assert cell(12, 1) == "B12"
    assert quote_title("Dørbank'runder") == "'Dørbank''runder'"
    assert tab_range("Nye kontakter", "A1:B2") == "'Nye kontakter'!A1:B2"
    assert tab_range("CO2") == "'CO2'"
    grid = {"startRowIndex": 0, "endRowIndex": 1, "startColumnIndex": 1, "endColumnIndex": 3}
    assert grid_range_a1(grid) == "B1:C1"


def test_normalise_ignores_case_and_spaces() -> None:
    assert normalise(" Vil  Dørbanke ") == normalise("vildørbanke") == normalise("VIL DØRBANKE")
    assert normalise("E-post") != normalise("Epost")


def test_headers_any_order_case_space_and_aliases() -> None:
    header = ["  telefon", "Kommentar", "ZETKIN - ID", "fornavn", "", "etter navn", "e-post"]
    header[0] = " mobil "  # alias for phone
    header[2] = "zetkin-id"
    header.append("SYNKSTATUS")
    layout, problems = map_headers(MEMBERS, header)
    assert layout.columns == {
        "phone": 0,
        "zetkin_id": 2,
        "first_name": 3,
        "last_name": 5,
        "email": 6,
        "status": 7,
    }
    assert layout.unknown_headers == ("Kommentar",)
    assert layout.board_columns == {1: "Kommentar"}
    assert [p.kind for p in problems] == ["unknown"]
    assert not any(p.fatal for p in problems)
    assert layout.key_field == "zetkin_id"


def test_missing_and_duplicated_required_headers_are_fatal_and_named() -> None:
    header = ["Zetkin-ID", "Fornavn", "Etternavn", "Telefon", "telefon ", "Synkstatus"]
    _, problems = map_headers(MEMBERS, header)
    kinds = sorted(p.kind for p in problems if p.fatal)
    assert kinds == ["duplicated", "missing"]
    with pytest.raises(HeaderError) as info:
        raise_for_problems(problems)
    text = str(info.value)
    assert "Medlemmer" in text and "E-post" in text and "Telefon" in text
    assert "mangler" in text and "flere ganger" in text


def test_duplicated_board_column_is_reported_not_fatal() -> None:
    header = ["Zetkin-ID", "Fornavn", "Etternavn", "Telefon", "E-post", "Synkstatus", "X", "x"]
    _, problems = map_headers(MEMBERS, header)
    assert {p.kind for p in problems} == {"unknown", "duplicated_board"}
    raise_for_problems(problems)  # nothing fatal: no exception


def test_retry_gives_up_inside_cap_on_connection_errors() -> None:
    calls: list[str] = []
    policy = RetryPolicy(cap=1.0, base=0.1, on_attempt=calls.append)

    def down() -> None:
        raise requests.ConnectionError("refused")

    started = time.monotonic()
    with pytest.raises(TransientApiError) as info:
        policy.call("batch_get", down)
    assert time.monotonic() - started < 1.0
    assert len(calls) >= 2
    assert info.value.status is None


def test_retry_passes_through_success_after_transient_failure() -> None:
    attempts: list[str] = []
    policy = RetryPolicy(cap=5.0, base=0.01, on_attempt=attempts.append)
    results = iter([requests.ConnectionError("x"), "ok"])

    def flaky() -> str:
        item = next(results)
        if isinstance(item, Exception):
            raise item
        return item

    assert policy.call("append", flaky) == "ok"
    assert attempts == ["append", "append"]


def test_transient_error_is_not_permanent() -> None:
    assert not issubclass(TransientApiError, PermanentError)


def test_factory_needs_credentials_or_a_base_url() -> None:
    from bridge.errors import ConfigError
    from config.settings import Secret, SheetsSettings
    from connectors.sheets import make_gspread_client

    with pytest.raises(ConfigError) as info:
        make_gspread_client(SheetsSettings())
    assert info.value.where == "sheets.credentials"
    with pytest.raises(ConfigError) as bad:
        make_gspread_client(SheetsSettings(credentials=Secret('{"not json')))
    assert "not json" not in str(bad.value)  # the secret's text never shows
    with pytest.raises(ConfigError):
        make_gspread_client(SheetsSettings(credentials=Secret("/nonexistent/sa.json")))
