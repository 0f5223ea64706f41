"""The bad input of issue 15, cell by cell: what each reader makes of what boards type."""

from __future__ import annotations

from datetime import date

import pytest

from bridge.doorknock import RoundIndex, find_date, match_district, parse_count, parse_rounds
from bridge.doorknock.themes import MAX_ITEM, split_items
from tests.doorknock_core.helpers import DISTRICTS, snapshot


@pytest.mark.parametrize(
    ("raw", "value", "noted"),
    [("40", 40, False), (" 40 ", 40, False), ("ca 40", 40, True), ("ca. 40", 40, True),
     ("~40", 40, True), ("40+", 40, True), ("40 dører", 40, False), ("1 200", 1200, False)],
)  # fmt: skip
def test_lenient_numbers(raw: str, value: int, noted: bool) -> None:
    reading = parse_count(raw, "Dører banket")
    assert (reading.value, reading.error) == (value, None)
    assert (reading.note is not None) is noted


def test_empty_is_unknown_not_zero() -> None:
    for raw in ("", "  ", "?", "-"):
        assert parse_count(raw, "Åpnet").value is None
        assert parse_count(raw, "Åpnet").error is None


@pytest.mark.parametrize("raw", ["40-50", "40 – 50", "40 til 50", "-3", "mange", "40,5"])
def test_unreadable_numbers_are_errors(raw: str) -> None:
    reading = parse_count(raw, "Dører banket")
    assert reading.value is None
    assert reading.error is not None and "Dører banket" in reading.error


def test_range_and_negative_say_which() -> None:
    assert "spenn" in (parse_count("40-50", "Dører").error or "")
    assert "negativt" in (parse_count("-3", "Dører").error or "")


@pytest.mark.parametrize("raw", ["12.3", "12.03", "12. mars", "12 mars", "12/3", "fre 12.3"])
def test_dates_without_a_year_take_the_configured_one_with_a_note(raw: str) -> None:
    reading, _ = find_date(raw, 2027)
    assert reading.value == date(2027, 3, 12)
    assert reading.note is not None and "12.03.2027" in reading.note


def test_full_dates_carry_no_note() -> None:
    for raw in ("12.03.2026", "2026-03-12", "12. mars 2026"):
        reading, _ = find_date(raw, 2027)
        assert (reading.value, reading.note) == (date(2026, 3, 12), None)


def test_impossible_date_is_an_error() -> None:
    assert find_date("31.2", 2026)[0].error is not None


def test_misspelt_district_is_matched_with_a_note_and_unknown_is_an_error() -> None:
    near = match_district("Lerkendahl", DISTRICTS)
    assert near.value == "Lerkendal" and near.note and "Lerkendahl" in near.note
    assert match_district("lerkendal", DISTRICTS).note is None
    far = match_district("Bergen", DISTRICTS)
    assert far.value is None and far.error and "Bergen" in far.error


def _index() -> RoundIndex:
    rows = [
        {"date": "12.3", "district": "Heimdal"},
        {"date": "12.3", "district": "Lerkendal"},
        {"date": "12.3", "district": "Lerkendal"},
        {"date": "19.3", "district": "Østbyen"},
    ]
    rounds = parse_rounds(snapshot("doorknock_rounds", rows).rows, year=2026, districts=DISTRICTS)
    return RoundIndex(rounds, DISTRICTS, 2026)


def test_round_reference_by_words_and_by_id() -> None:
    index = _index()
    heimdal = index.resolve("12.3 Heimdal").value
    assert heimdal is not None and heimdal.district == "Heimdal"
    assert index.resolve(heimdal.round_id).value == heimdal
    assert index.resolve("12. mars heimdal").value == heimdal
    assert index.resolve("19.3").value is not None  # one round that day


def test_round_reference_naming_none_or_two_is_an_error_that_says_which() -> None:
    index = _index()
    none = index.resolve("13.3 Heimdal")
    assert none.value is None and "13.3 Heimdal" in (none.error or "")
    two = index.resolve("12.3 Lerkendal")
    assert two.value is None and "R260312-LER" in (two.error or "")
    assert index.resolve("12.3").error is not None  # three rounds that day


def test_round_ids_are_stable_and_unique() -> None:
    index = _index()
    ids = [r.round_id for r in index.rounds]
    assert ids == ["R260312-HEI", "R260312-LER", "R260312-LER-2", "R260319-OST"]


def test_round_without_date_is_a_row_error() -> None:
    rounds = parse_rounds(
        snapshot("doorknock_rounds", [{"district": "Heimdal"}]).rows, year=2026,
        districts=DISTRICTS,
    )  # fmt: skip
    assert rounds[0].errors and "dato" in rounds[0].errors[0]
    assert not rounds[0].ok and not rounds[0].round_id


def test_a_3000_character_cell_is_split_and_capped() -> None:
    sentence = "Bussen til Heimdal går altfor sjelden om kvelden og i helgene. "
    items, cut = split_items(sentence * 48)  # ~3,000 characters
    assert len(items) == 48 and not cut
    one, cut = split_items("x" * 3000)
    assert cut and len(one) == 1 and len(one[0]) == MAX_ITEM
