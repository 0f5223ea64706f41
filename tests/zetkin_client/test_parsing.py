"""Pure parsing: timestamps, records with nulls and unknown fields, envelopes and error bodies."""

from __future__ import annotations

import pickle
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from bridge.errors import PermanentApiError, TransientApiError
from connectors.zetkin import (
    Call,
    CallAssignment,
    CustomField,
    JoinSubmission,
    Person,
    Tag,
    TokenPair,
    ViewRow,
    ZetkinTransientError,
    bulk_upsert_op,
    filter_param,
    parse_date,
    parse_time,
)
from connectors.zetkin.client import family_of
from connectors.zetkin.envelope import error_from_body, is_invalid_token
from connectors.zetkin.paging import v1_pages, v2_pages
from connectors.zetkin.records import BulkPreview, Participant
from connectors.zetkin.retry import parse_retry_after


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1857-07-05T00:00:00.000000", datetime(1857, 7, 5, tzinfo=UTC)),
        ("2026-05-03T18:00:01.000000+0000", datetime(2026, 5, 3, 18, 0, 1, tzinfo=UTC)),
        (
            "2026-06-03 08:46:55.596385+00:00",
            datetime(2026, 6, 3, 8, 46, 55, 596385, tzinfo=UTC),
        ),
        ("2026-04-02T09:00:00Z", datetime(2026, 4, 2, 9, tzinfo=UTC)),
        ("2026-05-01", datetime(2026, 5, 1, tzinfo=UTC)),
        (
            "2022-06-18T00:29:12+02:00",
            datetime(2022, 6, 18, 0, 29, 12, tzinfo=timezone(timedelta(hours=2))),
        ),
        ("2026-05-03T18:00:01.123+0200", datetime(2026, 5, 3, 16, 0, 1, 123000, tzinfo=UTC)),
        ("2026-05-03T18:00:01.1234567Z", datetime(2026, 5, 3, 18, 0, 1, 123456, tzinfo=UTC)),
    ],
)
def test_every_listed_timestamp_format_parses_to_an_aware_datetime(
    text: str, expected: datetime
) -> None:
    parsed = parse_time(text)
    assert parsed == expected
    assert parsed is not None and parsed.tzinfo is not None


@pytest.mark.parametrize("junk", [None, "", "  ", "not a date", "2026-13-45", True, [], {}])
def test_unreadable_timestamps_become_none(junk: object) -> None:
    assert parse_time(junk) is None


def test_dates_from_dates_and_timestamps() -> None:
    assert parse_date("2026-05-05") == date(2026, 5, 5)
    assert parse_date("2026-05-03T18:00:01.000000+0000") == date(2026, 5, 3)
    assert parse_date(None) is None
    assert parse_date("05.05.2026") is None


def test_person_with_nulls_unknown_custom_fields_and_odd_types() -> None:
    raw = {
        "id": "17",
        "first_name": "Åse",
        "last_name": None,
        "email": None,
        "phone": 4791234567,
        "alt_phone": None,
        "gender": None,
        "street_address": None,
        "co_address": None,
        "zip_code": 7011,
        "city": None,
        "country": None,
        "ext_id": None,
        "is_user": 1,
        "innmeldt": "2024-03-01",
        "bydel": None,
        "some_new_field": {"lat": 63.4, "lng": 10.4},
    }
    person = Person.from_json(raw)
    assert person.id == 17
    assert person.first_name == "Åse" and person.last_name is None
    assert person.phone == "4791234567" and person.zip_code == "7011"
    assert person.is_user is True
    assert person.custom == {
        "innmeldt": "2024-03-01",
        "bydel": None,
        "some_new_field": {"lat": 63.4, "lng": 10.4},
    }
    assert person.full_name == "Åse"
    assert "Åse" not in repr(person) and "4791234567" not in repr(person)


def test_person_without_id_is_refused() -> None:
    with pytest.raises(ValueError, match="person"):
        Person.from_json({"id": None, "first_name": "X"})


def test_tag_value_on_plain_tag_and_value_tag() -> None:
    plain = Tag.from_json({"id": 3, "title": "Medlem", "value_type": None, "value": "ja"})
    assert plain.value == "ja" and plain.value_type is None
    valued = Tag.from_json(
        {
            "id": 1,
            "title": "Occupation",
            "hidden": 0,
            "color": None,
            "value_type": "text",
            "group": {"id": 2, "title": "Skills"},
            "value": "Nurse",
        }
    )
    assert (valued.group_id, valued.group_title, valued.value) == (2, "Skills", "Nurse")
    assert Tag.from_json({"id": 4, "title": None, "group": None}).title == ""


def test_custom_field_and_enum_choices() -> None:
    field = CustomField.from_json(
        {
            "id": 7,
            "title": "Branch",
            "slug": "branch",
            "type": "enum",
            "enum_choices": [{"key": "north", "label": "North"}, {"key": None}, "junk"],
        }
    )
    assert field.enum_choices == (("north", "North"),)


def test_join_submission_keeps_person_data_as_fields() -> None:
    sub = JoinSubmission.from_json(
        {
            "id": 55,
            "state": "pending",
            "submitted": "2026-05-02T10:11:12",
            "accepted": None,
            "form": {"id": 12, "title": "Become a member"},
            "person_data": {"id": 301, "first_name": "Rosa", "last_name": "L", "bydel": "Heimdal"},
        }
    )
    assert sub.is_pending and sub.form_id == 12 and sub.person_id == 301
    assert sub.person.first_name == "Rosa" and sub.person.custom == {"bydel": "Heimdal"}
    assert sub.submitted == datetime(2026, 5, 2, 10, 11, 12, tzinfo=UTC)
    assert JoinSubmission.from_json({"id": 1, "person_data": None}).person.first_name is None


def test_call_and_call_assignment() -> None:
    call = Call.from_json(
        {
            "id": 881,
            "assignment_id": 4,
            "state": 13,
            "allocation_time": "2026-05-03T18:00:01.000000+0000",
            "call_back_after": "2026-05-05",
            "organizer_action_needed": True,
            "organizer_action_taken": None,
            "caller": {"id": 2, "name": "R L"},
            "target": {"id": 1, "name": "C Z", "phone": "+4791234567", "alt_phone": None},
        }
    )
    assert (call.state, call.call_back_after, call.target_id) == (13, date(2026, 5, 5), 1)
    assert call.organizer_action_needed and not call.organizer_action_taken
    assert "+4791234567" not in repr(call)
    ca = CallAssignment.from_json(
        {
            "id": 4,
            "title": "Ring nye",
            "campaign": {"id": 2},
            "start_date": "2026-05-01",
            "end_date": None,
            "cooldown": 24,
            "target": {"id": 91, "filter_spec": [{"op": "add", "type": "person_tags"}]},
            "goal": None,
        }
    )
    assert (ca.campaign_id, ca.target_query_id, ca.goal_query_id) == (2, 91, None)
    assert ca.target_filters[0]["type"] == "person_tags"


def test_participant_view_row_and_bulk_preview() -> None:
    part = Participant.from_json({"id": 5, "first_name": "A", "attended": None, "noshow": "x"})
    assert part.person.id == 5 and part.attended is None and part.noshow is None
    assert ViewRow.from_json({"id": 1, "content": ["Clara", True]}).content == ("Clara", True)
    preview = BulkPreview.from_json(
        {
            "problems": [{"code": "UNKNOWN_FIELD", "field": "shoe", "index": 2, "level": "error"}],
            "stats": {"person": {"summary": {"created": 1, "updated": 2}}},
        }
    )
    assert not preview.ok and preview.problems[0].index == 2
    assert preview.summary["updated"] == 2
    assert BulkPreview.from_json({"problems": [], "stats": None}).ok


def test_bulk_upsert_op_shape() -> None:
    op = bulk_upsert_op({"ext_id": "m-1"}, {"first_name": "A"}, tags=[3, (4, "x")])
    assert op == {
        "op": "person.get",
        "key": {"ext_id": "m-1"},
        "if_none": "create",
        "ops": [
            {"op": "person.setfields", "data": {"first_name": "A"}},
            {"op": "person.tag", "tag_id": 3},
            {"op": "person.tag", "tag_id": 4, "value": "x"},
        ],
    }
    with pytest.raises(ValueError):
        bulk_upsert_op({"phone": "1"}, {})


def test_v1_error_body_becomes_permanent_with_title() -> None:
    body = '{"error": {"title": "Missing parameter", "description": "The \\"last_name\\" ..."}}'
    error = error_from_body(400, body, where="Zetkin POST people")
    assert isinstance(error, PermanentApiError)
    assert error.status == 400 and "Missing parameter" in error.message
    assert "last_name" in error.body and "last_name" not in error.message
    assert pickle.loads(pickle.dumps(error)).status == 400


def test_html_502_becomes_short_transient_error() -> None:
    html = "<html><head><title>502 Bad Gateway</title></head><body>" + "x" * 5000 + "</body></html>"
    error = error_from_body(502, html, content_type="text/html; charset=utf-8")
    assert isinstance(error, TransientApiError)
    assert error.message == "Zetkin answered 502 with a non-JSON body (text/html)"
    assert len(error.body) <= 300


def test_429_is_transient_and_never_counted_as_applied() -> None:
    error = error_from_body(429, '{"error": {"title": "Too many"}}', retry_after=2.0)
    assert isinstance(error, ZetkinTransientError)
    assert error.retry_after == 2.0 and error.may_have_applied is False
    again = pickle.loads(pickle.dumps(error))
    assert isinstance(again, ZetkinTransientError) and again.retry_after == 2.0


def test_v2_422_details_without_input_echo() -> None:
    body = (
        '{"detail": [{"loc": ["body", "title"], "msg": "field required", "type": "missing",'
        ' "input": {"secret": "Kari Nordmann"}}]}'
    )
    error = error_from_body(422, body)
    assert isinstance(error, PermanentApiError)
    assert error.body == "title: field required"
    assert "Kari" not in str(error) and "Kari" not in error.body


def test_invalid_token_detection() -> None:
    assert is_invalid_token(401, '{"error": "invalid_token"}')
    assert is_invalid_token(401, '{"error": {"title": "invalid_token", "description": ""}}')
    assert is_invalid_token(401, "", 'Bearer error="invalid_token"')
    assert not is_invalid_token(401, '{"error": {"title": "401 Unauthorized"}}')
    assert not is_invalid_token(403, '{"error": "invalid_token"}')
    assert not is_invalid_token(401, "<html>")


def test_retry_after_seconds_and_http_date() -> None:
    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("3") == 3.0
    assert parse_retry_after("0.5") == 0.5
    assert parse_retry_after("Thu, 01 Jan 2026 12:00:07 GMT", now=now) == 7.0
    assert parse_retry_after("garbage") is None
    assert parse_retry_after(None) is None


def test_filter_params_and_families() -> None:
    assert filter_param("state", "==", 0) == "state==0"
    assert filter_param("organizer_action_needed", "==", True) == "organizer_action_needed==1"
    with pytest.raises(ValueError):
        filter_param("x", "~", 1)
    assert family_of("/v1/orgs/1/people/42/tags/3") == "people"
    assert family_of("/v1/orgs/1/people/tags/3/people") == "people/tags"
    assert family_of("/v1/orgs/1/join_submissions/5") == "join_submissions"
    assert family_of("/v2/orgs/1/area_assignments/8/stats") == "v2/area_assignments"


def test_v1_paging_stops_on_short_page_and_costs_one_extra_call_when_full() -> None:
    data = list(range(250))
    calls: list[tuple[int, int]] = []

    def fetch(p: int, pp: int) -> list[dict[str, int]]:
        calls.append((p, pp))
        return [{"id": i} for i in data[p * pp : (p + 1) * pp]]

    pages = list(v1_pages(fetch, 100))
    assert [len(p) for p in pages] == [100, 100, 50]
    assert calls == [(0, 100), (1, 100), (2, 100)]
    calls.clear()
    data = list(range(200))
    assert [len(p) for p in v1_pages(fetch, 100)] == [100, 100]
    assert len(calls) == 3


def test_v1_paging_ends_when_the_server_ignores_p() -> None:
    calls: list[int] = []

    def fetch(p: int, pp: int) -> list[dict[str, int]]:
        calls.append(p)
        return [{"id": i} for i in range(pp)]

    assert [len(page) for page in v1_pages(fetch, 10)] == [10]
    assert calls == [0, 1]


def test_v1_paging_refuses_overlapping_pages() -> None:
    def fetch(p: int, pp: int) -> list[dict[str, int]]:
        return [{"id": 0}] + [{"id": 100 * p + i} for i in range(1, pp)]

    with pytest.raises(PermanentApiError, match="overlapping"):
        list(v1_pages(fetch, 10))


def test_v2_paging_uses_total() -> None:
    calls: list[int] = []

    def fetch(page: int, size: int) -> tuple[list[int], dict[str, object]]:
        calls.append(page)
        items = list(range(200))[(page - 1) * size : page * size]
        return items, {"pagination": {"page": page, "size": size, "total": 200}}

    assert sum(len(p) for p in v2_pages(fetch, 100)) == 200
    assert calls == [1, 2]


def test_token_pair_round_trip_hides_tokens() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    pair = TokenPair.from_token_response(
        {"access_token": "aaa", "refresh_token": "rrr", "expires_in": 3600, "token_type": "bearer"},
        now=now,
    )
    assert pair.expires_at == now + timedelta(hours=1)
    assert TokenPair.from_dict(pair.to_dict()) == pair
    assert "aaa" not in repr(pair) and "rrr" not in repr(pair)
