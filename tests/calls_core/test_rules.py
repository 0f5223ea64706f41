from __future__ import annotations

from datetime import date, datetime

import pytest

from bridge.calls import RuleError, parse_rule
from bridge.calls.rules import Term, parse_date

from .helpers import person

TAGS = ("Medlem", "Vil dørbanke", "Vil ringe")
DISTRICTS = ("Midtbyen", "Østbyen", "Lerkendal", "Heimdal")
NOW = datetime(2026, 12, 1, 10, 0)


def rule(text: str):  # type: ignore[no-untyped-def]
    return parse_rule(text, tags=TAGS, districts=DISTRICTS)


def error(text: str) -> RuleError:
    with pytest.raises(RuleError) as caught:
        rule(text)
    return caught.value


def test_the_issue_example_parses_into_its_terms() -> None:
    parsed = rule('tag:Medlem -tag:"Vil dørbanke" bydel:Heimdal ikke-ringt:30d')
    assert parsed.terms == (
        Term("tag", values=("Medlem",)),
        Term("tag", negated=True, values=("Vil dørbanke",)),
        Term("bydel", values=("Heimdal",)),
        Term("ringt", negated=True, days=30),
    )


def test_keywords_tags_and_districts_ignore_case_and_accents() -> None:
    parsed = rule('TAG:medlem tag:"vil dorbanke" Bydel:østbyen')
    assert [term.values for term in parsed.terms] == [("Medlem",), ("Vil dørbanke",), ("Østbyen",)]


def test_board_words_for_join_dates() -> None:
    parsed = rule("innmeldt-etter:2026-01-01 innmeldt-før:1.6.2026 nye:4u")
    assert parsed.terms == (
        Term("innmeldt-etter", day=date(2026, 1, 1)),
        Term("innmeldt-før", day=date(2026, 6, 1)),
        Term("nye", days=28),
    )


def test_a_comma_gives_alternatives() -> None:
    assert rule("bydel:Heimdal,Lerkendal").terms[0].values == ("Heimdal", "Lerkendal")


def test_a_misspelt_keyword_points_at_the_word_and_suggests() -> None:
    found = error("tag:Medlem bydle:Heimdal")
    assert (found.code, found.position, found.word, found.suggestion) == (
        "unknown_keyword",
        12,
        "bydle",
        "bydel",
    )
    assert found.message() == "Ukjent nøkkelord «bydle» (tegn 12) (mente du «bydel»?)"


def test_a_misspelt_tag_suggests_the_known_tag() -> None:
    found = error('tag:"Vil dørbanek"')
    assert (found.code, found.word, found.suggestion) == (
        "unknown_tag",
        "Vil dørbanek",
        "Vil dørbanke",
    )


def test_an_unknown_district_suggests_a_close_one() -> None:
    found = error("bydel:Heimdl")
    assert (found.code, found.suggestion) == ("unknown_district", "Heimdal")


def test_a_far_off_word_gets_no_suggestion() -> None:
    found = error("tag:Fotball")
    assert (found.code, found.suggestion) == ("unknown_tag", "")
    assert found.message() == "Ukjent tag «Fotball» (tegn 1)"


def test_a_word_without_keyword_is_an_error() -> None:
    found = error("tag:Medlem Heimdal")
    assert (found.code, found.position, found.word) == ("bare_word", 12, "Heimdal")


def test_an_unclosed_quote_is_an_error_at_its_word() -> None:
    found = error('bydel:Heimdal tag:"Vil ringe')
    assert (found.code, found.position) == ("unclosed_quote", 15)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("ringt:mange", "bad_duration"),
        ("nye:30x", "bad_duration"),
        ("innmeldt-etter:31.02.2026", "bad_date"),
        ("tag:", "missing_value"),
        ("   ", "empty"),
    ],
)
def test_bad_values_name_what_is_wrong(text: str, code: str) -> None:
    assert error(text).code == code


def test_without_known_tags_any_tag_is_accepted() -> None:
    assert parse_rule("tag:Hvasomhelst").terms[0].values == ("Hvasomhelst",)


def test_every_term_must_hold() -> None:
    parsed = rule('tag:Medlem -tag:"Vil dørbanke" bydel:Heimdal')
    assert parsed.matches(person(1, district="Heimdal"), None, NOW)
    assert not parsed.matches(person(2, district="Østbyen"), None, NOW)
    assert not parsed.matches(person(3, tags=("Medlem", "Vil dørbanke")), None, NOW)
    assert not parsed.matches(person(4, tags=()), None, NOW)


def test_not_called_within_counts_days_back_from_now() -> None:
    parsed = rule("ikke-ringt:30d")
    assert parsed.matches(person(1), None, NOW)
    assert parsed.matches(person(1), datetime(2026, 10, 31, 9, 59), NOW)
    assert not parsed.matches(person(1), datetime(2026, 11, 1, 10, 0), NOW)


def test_join_date_terms_bound_inclusively_after_and_exclusively_before() -> None:
    after, before = rule("innmeldt-etter:2026-11-20"), rule("innmeldt-før:2026-11-20")
    on_day = person(1, joined=date(2026, 11, 20))
    assert after.matches(on_day, None, NOW) and not before.matches(on_day, None, NOW)
    day_before = person(2, joined=date(2026, 11, 19))
    assert before.matches(day_before, None, NOW) and not after.matches(day_before, None, NOW)
    assert not after.matches(person(3, joined=None), None, NOW)


def test_new_members_within_days() -> None:
    parsed = rule("nye:30d")
    assert parsed.matches(person(1, joined=date(2026, 11, 1)), None, NOW)
    assert not parsed.matches(person(2, joined=date(2026, 10, 31)), None, NOW)


def test_district_alternatives_match_either() -> None:
    parsed = rule("bydel:Heimdal,Lerkendal")
    assert parsed.matches(person(1, district="Lerkendal"), None, NOW)
    assert not parsed.matches(person(1, district="Midtbyen"), None, NOW)


IDS = {"Medlem": 3, "Vil dørbanke": 5, "Vil ringe": 6}


def spec(text: str):  # type: ignore[no-untyped-def]
    return rule(text).filter_spec(
        tag_ids=IDS, district_field="bydel", joined_field="innmeldt", now=NOW
    )


def test_a_rule_translates_to_a_smart_search_filter_spec() -> None:
    assert spec('tag:Medlem -tag:"Vil dørbanke" bydel:Heimdal ikke-ringt:30d') == [
        {"op": "add", "type": "all", "config": {}},
        {"op": "limit", "type": "person_tags", "config": {"condition": "any", "tags": [3]}},
        {"op": "sub", "type": "person_tags", "config": {"condition": "any", "tags": [5]}},
        {"op": "limit", "type": "person_field", "config": {"field": "bydel", "search": "Heimdal"}},
        {
            "op": "sub",
            "type": "call_history",
            "config": {"operator": "called", "after": "2026-11-01"},
        },
    ]


def test_join_dates_translate_to_person_field_bounds() -> None:
    assert spec("innmeldt-etter:2026-01-01 innmeldt-før:2026-06-01 nye:30d")[1:] == [
        {
            "op": "limit",
            "type": "person_field",
            "config": {"field": "innmeldt", "after": "2025-12-31"},
        },
        {
            "op": "limit",
            "type": "person_field",
            "config": {"field": "innmeldt", "before": "2026-06-01"},
        },
        {
            "op": "limit",
            "type": "person_field",
            "config": {"field": "innmeldt", "after": "2026-10-31"},
        },
    ]


def test_tag_alternatives_translate_as_any_of_the_ids() -> None:
    assert spec('tag:"Vil ringe",Medlem')[1]["config"] == {"condition": "any", "tags": [3, 6]}


def test_a_tag_zetkin_does_not_have_does_not_translate() -> None:
    parsed = parse_rule("tag:Ukjent")
    assert parsed.filter_spec(tag_ids=IDS, district_field="b", joined_field="j", now=NOW) is None


def test_district_alternatives_do_not_translate() -> None:
    assert spec("bydel:Heimdal,Lerkendal") is None


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026-01-05", date(2026, 1, 5)),
        ("5.1.2026", date(2026, 1, 5)),
        ("05.01.26", date(2026, 1, 5)),
        ("2026-13-01", None),
        ("i morgen", None),
    ],
)
def test_dates_are_iso_or_norwegian(text: str, day: date | None) -> None:
    assert parse_date(text) == day
