"""Pins for matching rows to people, called directly (the planner only shows part of it)."""

from __future__ import annotations

from collections.abc import Sequence

from bridge.match import MatchResult, PeopleIndex, match_rows
from bridge.members import MemberRow, ZetkinMember, parse_row, zetkin_values
from bridge.normalise import Problem, district_lookup, fold_name
from bridge.sheet import SheetRow

from .helpers import person, row

LOOKUP = district_lookup(["Sentrum", "Nordre"])
KARI = person(1, "Kari", "Nordmann", "+4791234567", "kari@eksempel.no", "Sentrum")
OLA = person(2, "Ola", "Hansen", "+4741234567", "ola@eksempel.no", "Nordre")


def index_of(people: Sequence[ZetkinMember]) -> PeopleIndex:
    values = {p.id: zetkin_values(p, LOOKUP, "Vil dørbanke", "Vil ringe") for p in people}
    folded = {pid: fold_name(v["first_name"], v["last_name"]) for pid, v in values.items()}
    return PeopleIndex(values, folded)


def parsed(*rows: SheetRow) -> list[MemberRow]:
    return [parse_row(r, LOOKUP) for r in rows]


def match(rows: Sequence[SheetRow], people: Sequence[ZetkinMember]) -> MatchResult:
    return match_rows(parsed(*rows), index_of(people))


def test_a_row_with_an_id_is_linked_by_id() -> None:
    result = match([row(2, zetkin_id="1", first_name="Kari")], [KARI])
    assert result.linked == {0: (1, "id")}


def test_a_repeated_id_is_a_duplicate_quoting_the_id() -> None:
    rows = [row(17, zetkin_id="1", first_name="Kari"), row(18, zetkin_id="1", first_name="K")]
    result = match(rows, [KARI])
    assert result.problems == {1: [Problem("duplicate", "zetkin_id", "1", 17)]}


def test_a_typed_in_row_strongly_matching_a_listed_person_is_a_duplicate_of_its_row() -> None:
    rows = [row(17, zetkin_id="1", first_name="Kari"), row(30, first_name="K", phone="91234567")]
    result = match(rows, [KARI])
    assert result.problems == {1: [Problem("duplicate", "zetkin_id", "", 17)]}


def test_rows_after_a_strong_match_duplicate_are_still_matched() -> None:
    rows = [
        row(17, zetkin_id="1", first_name="Kari"),
        row(30, first_name="K", phone="91234567"),
        row(31, first_name="O", email="ola@eksempel.no"),
    ]
    result = match(rows, [KARI, OLA])
    assert result.linked[2] == (2, "email")


def test_a_row_whose_email_matches_nobody_is_unmatched() -> None:
    result = match([row(2, first_name="Per", last_name="Berg", email="per@eksempel.no")], [KARI])
    assert result.unmatched == [0]
    assert result.linked == {} and result.review == {}


def test_a_row_with_a_problem_that_strongly_matches_someone_marks_them_present() -> None:
    """Not linked (the row is blocked), but not appended again either."""
    result = match([row(2, first_name="K", phone="91234567", district="Vestre")], [KARI])
    assert result.linked == {} and result.unmatched == []
    assert result.maybe_present == {1}


def test_a_row_with_nothing_to_go_on_is_no_strong_match() -> None:
    [r] = parsed(row(2, phone="40000009"))
    assert index_of([KARI]).candidates(r) == ([], False)


def _review_cell(sheet_row: SheetRow) -> str:
    """The review cell of a row that strongly matches two people (phone one, e-mail other)."""
    result = match([sheet_row], [KARI, OLA])
    return result.review[0].cell


def _doubtful(cells: dict[str, str]) -> SheetRow:
    values = {"first_name": "K", "phone": "91234567", "email": "ola@eksempel.no"}
    return SheetRow(5, values, cells)


def test_review_points_at_the_id_cell_wherever_the_column_is() -> None:
    assert _review_cell(_doubtful({"first_name": "B5", "zetkin_id": "D5"})) == "D5"


def test_review_without_an_id_column_points_at_the_first_cell() -> None:
    assert _review_cell(_doubtful({"first_name": "B5", "phone": "C5"})) == "B5"


def test_review_of_a_row_with_no_cell_addresses_has_an_empty_cell() -> None:
    assert _review_cell(_doubtful({})) == ""
