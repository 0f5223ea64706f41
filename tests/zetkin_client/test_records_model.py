"""The pydantic records: lenient types, the project's error for a record without an id, list
parsing that leaves bad records out, no personal data in repr, frozen and hashable."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import BaseModel, ValidationError

from bridge.errors import MalformedRecordError, PermanentApiError
from connectors.zetkin.records import (
    Call,
    Caller,
    EventResponse,
    Flag,
    JoinSubmission,
    Note,
    Organization,
    Participant,
    Person,
    Tag,
    ViewRow,
    ZetkinId,
    ZetkinInt,
    ZetkinText,
    ZetkinTime,
    parse_list,
)


class Other(BaseModel):
    """Another module's model reusing the lenient types."""

    id: ZetkinId
    count: ZetkinInt = None
    name: ZetkinText = None
    active: Flag = False
    at: ZetkinTime = None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"id": "17", "count": "3", "name": 4791234567, "active": 1}, (17, 3, "4791234567", True)),
        ({"id": 17.0, "count": True, "name": True, "active": "0"}, (17, None, None, False)),
        ({"id": " 9 ", "count": 2.5, "name": {"x": 1}, "active": "true"}, (9, None, None, True)),
        ({"id": 5, "count": "x", "name": None, "active": None}, (5, None, None, False)),
    ],
)
def test_lenient_types_read_what_zetkin_sends(raw: dict[str, object], expected: tuple) -> None:
    other = Other.model_validate(raw)
    assert (other.id, other.count, other.name, other.active) == expected


def test_lenient_time_with_and_without_zone_and_junk() -> None:
    assert Other(id=1, at="2026-05-03T18:00:01.000000+0000").at == datetime(
        2026, 5, 3, 18, 0, 1, tzinfo=UTC
    )
    assert Other(id=1, at="2026-05-03T18:00:01").at == datetime(2026, 5, 3, 18, 0, 1, tzinfo=UTC)
    assert Other(id=1, at="soon").at is None


def test_an_id_that_is_not_one_is_refused_by_the_lenient_id() -> None:
    with pytest.raises(ValidationError):
        Other.model_validate({"id": "abc"})


@pytest.mark.parametrize(
    ("cls", "raw", "words"),
    [
        (Person, {"id": None, "first_name": "Kari"}, "person has no usable id"),
        (Tag, {"title": "Medlem"}, "tag has no usable id"),
        (Participant, {"first_name": "Kari"}, "participant has no usable person.id"),
        (Organization, {"id": 1, "sub_orgs": [{"title": "x"}]}, "organization has no usable"),
    ],
)
def test_a_record_without_an_id_raises_the_projects_error_without_the_values(
    cls: type[Person], raw: dict[str, object], words: str
) -> None:
    with pytest.raises(MalformedRecordError) as caught:
        cls.from_json(raw)
    error = caught.value
    assert isinstance(error, PermanentApiError) and isinstance(error, ValueError)
    assert not isinstance(error, ValidationError)
    assert words in str(error) and "malformed" in str(error)
    assert "Kari" not in str(error) and "Medlem" not in str(error)


def test_from_json_of_something_not_an_object_is_refused_clearly() -> None:
    with pytest.raises(MalformedRecordError, match="person has no usable id"):
        Person.from_json("junk")  # type: ignore[arg-type]


def test_parse_list_leaves_out_bad_records_and_keeps_the_order() -> None:
    data = [{"id": 3, "bydel": "Heimdal"}, {"id": None}, "junk", {"first_name": "X"}, {"id": "1"}]
    people = parse_list(Person, data)
    assert [p.id for p in people] == [3, 1]
    assert people[0].custom == {"bydel": "Heimdal"}
    assert parse_list(Person, {"data": []}) == []


def test_custom_fields_kept_apart_from_native_and_meta_keys() -> None:
    person = Person.from_json(
        {"id": 1, "first_name": "A", "is_user": 0, "tags": [], "name": "A", "bydel": None}
    )
    assert person.custom == {"bydel": None}
    assert not person.is_user
    with pytest.raises(TypeError):
        person.custom["bydel"] = "x"  # type: ignore[index]


def test_organizer_action_taken_is_a_time_or_null() -> None:
    taken = Call.from_json({"id": 1, "organizer_action_taken": "2026-05-03T18:00:01.000000"})
    assert taken.organizer_action_taken is True
    for value in (None, False, 0, ""):
        assert (
            Call.from_json({"id": 1, "organizer_action_taken": value}).organizer_action_taken
            is False
        )
    assert Call.from_json({"id": 1, "organizer_action_taken": True}).organizer_action_taken


def test_call_target_name_from_first_and_last_and_assignment_from_either_key() -> None:
    call = Call.from_json(
        {"id": 1, "assignment": {"id": 4}, "target": {"id": 2, "first_name": "A", "last_name": "B"}}
    )
    assert (call.assignment_id, call.target_id, call.target_name) == (4, 2, "A B")
    assert Call.from_json({"id": 1, "target": {"id": 2}}).target_name is None


def test_no_personal_data_in_repr_or_str() -> None:
    secrets = ("Kari", "Nordmann", "4791234567", "kari@example.org", "Ringes igjen", "Sykepleier")
    person_json = {
        "id": 7,
        "first_name": "Kari",
        "last_name": "Nordmann",
        "phone": "4791234567",
        "email": "kari@example.org",
        "bydel": "Nordmann",
    }
    records = [
        Person.from_json(person_json),
        JoinSubmission.from_json({"id": 1, "person_data": person_json}),
        Participant.from_json({**person_json, "attended": None}),
        Call.from_json(
            {
                "id": 1,
                "notes": "Ringes igjen",
                "message_to_organizer": "Kari",
                "caller": {"id": 2, "name": "Kari Nordmann"},
                "target": {"id": 7, "name": "Kari Nordmann", "phone": "4791234567"},
            }
        ),
        Caller.from_json({"id": 2, "first_name": "Kari", "last_name": "Nordmann"}),
        EventResponse.from_json({"id": 1, "person": person_json}),
        Note.from_json({"id": 1, "text": "Ringes igjen", "author": {"id": 2, "name": "Kari"}}),
        ViewRow.from_json({"id": 7, "content": ["Kari", "4791234567"]}),
        Tag.from_json({"id": 1, "title": "Yrke", "value": "Sykepleier"}),
    ]
    for record in records:
        for shown in (repr(record), str(record)):
            assert not any(s in shown for s in secrets), shown
    assert repr(records[0]) == "Person(id=7)"


def test_records_are_frozen_and_hashable_like_the_dataclasses() -> None:
    person = Person.from_json({"id": 1, "first_name": "A", "bydel": {"a": 1}})
    with pytest.raises(ValidationError):
        person.first_name = "B"  # type: ignore[misc]
    again = Person.from_json({"id": 1, "first_name": "A", "bydel": {"a": 1}})
    assert person == again and hash(person) == hash(again)
    assert len({person, again, Person.from_json({"id": 2})}) == 2
