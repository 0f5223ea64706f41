"""Typed, frozen records for what Zetkin returns.

Each record has ``from_json(raw)`` that never crashes on ``null`` in any field, on unknown keys,
or on a value of the wrong JSON type: the Platform API is loosely specified (the v1 OpenAPI spec
even shows booleans as ``1``), so parsing is lenient and the raw custom-field values are kept as
they came. Shapes follow reference/zetkin-api.md; section numbers are cited per record.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType
from typing import Any, Self

from connectors.zetkin.timeparse import parse_date, parse_time

__all__ = [
    "NATIVE_PERSON_FIELDS",
    "Area",
    "AreaAssignment",
    "AssignmentStats",
    "BulkLog",
    "BulkOutcome",
    "BulkPreview",
    "BulkProblem",
    "Call",
    "CallAssignment",
    "CallState",
    "Caller",
    "Campaign",
    "CustomField",
    "Event",
    "EventResponse",
    "Household",
    "HouseholdVisit",
    "JoinForm",
    "JoinSubmission",
    "Location",
    "LocationVisit",
    "Membership",
    "Metric",
    "Note",
    "Organization",
    "Participant",
    "PeoplePull",
    "Person",
    "PersonFields",
    "PersonWrite",
    "PulledPerson",
    "Session",
    "Tag",
    "View",
    "ViewColumn",
    "ViewRow",
]

JSON = Any
_EMPTY: Mapping[str, JSON] = MappingProxyType({})

# Native person fields (reference section 3); anything else on a person is a custom-field slug.
NATIVE_PERSON_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "alt_phone",
    "gender",
    "street_address",
    "co_address",
    "zip_code",
    "city",
    "country",
    "ext_id",
)
# Keys that sit on a person object but are neither native fields nor custom fields.
_PERSON_META = frozenset({"id", "is_user", "name", "tags", "organization", "value"})


def _map(value: object) -> Mapping[str, JSON]:
    return value if isinstance(value, Mapping) else _EMPTY


def _freeze(value: Mapping[str, JSON]) -> Mapping[str, JSON]:
    return MappingProxyType(dict(value))


def _int(value: object) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return None
    return None


def _req_int(value: object, what: str) -> int:
    number = _int(value)
    if number is None:
        raise ValueError(f"{what} has no usable id")
    return number


def _float(value: object) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def _str(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _bool(value: object) -> bool:
    """``true``/``1``/``"1"``/``"true"`` are true; the v1 spec writes booleans as ``1``."""
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes"}
    return bool(value) if value is not None else False


def _ref(value: object) -> tuple[int | None, str | None]:
    """The ``{id, title}`` (or ``{id, name}``) reference objects Zetkin nests everywhere."""
    ref = _map(value)
    return _int(ref.get("id")), _str(ref.get("title", ref.get("name")))


def _ids(value: object) -> tuple[int, ...]:
    """A list of ids or of ``{id, …}`` objects (forms and callers use both)."""
    if not isinstance(value, list):
        return ()
    out = []
    for item in value:
        number = _int(item.get("id")) if isinstance(item, Mapping) else _int(item)
        if number is not None:
            out.append(number)
    return tuple(out)


@dataclass(frozen=True, kw_only=True, repr=False)
class PersonFields:
    """A person's fields without an identity: a join submission's ``person_data`` is this.

    ``custom`` holds every custom field by slug with its raw JSON value (``None`` when unset).
    """

    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    phone: str | None = None
    alt_phone: str | None = None
    gender: str | None = None
    street_address: str | None = None
    co_address: str | None = None
    zip_code: str | None = None
    city: str | None = None
    country: str | None = None
    ext_id: str | None = None
    custom: Mapping[str, JSON] = field(default_factory=lambda: _EMPTY, compare=False)

    @staticmethod
    def _fields(raw: Mapping[str, JSON]) -> dict[str, Any]:
        native = {name: _str(raw.get(name)) for name in NATIVE_PERSON_FIELDS}
        custom = {
            k: v for k, v in raw.items() if k not in NATIVE_PERSON_FIELDS and k not in _PERSON_META
        }
        return {**native, "custom": _freeze(custom)}

    @classmethod
    def from_json(cls, raw: Mapping[str, JSON]) -> Self:
        return cls(**cls._fields(_map(raw)))

    def __repr__(self) -> str:
        # Only the id: a person's fields are personal data and must not reach a log (INV-7).
        return f"{type(self).__name__}(id={getattr(self, 'id', None)!r})"

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)


@dataclass(frozen=True, kw_only=True, repr=False)
class Person(PersonFields):
    """A person in the org (reference section 3): native fields plus custom fields by slug."""

    id: int
    is_user: bool = False

    @classmethod
    def from_json(cls, raw: Mapping[str, JSON]) -> Self:
        raw = _map(raw)
        return cls(
            id=_req_int(raw.get("id"), "person"),
            is_user=_bool(raw.get("is_user")),
            **cls._fields(raw),
        )


@dataclass(frozen=True)
class CustomField:
    """A custom-field definition (reference section 3)."""

    id: int
    slug: str
    title: str | None
    type: str | None
    description: str | None = None
    enum_choices: tuple[tuple[str, str | None], ...] = ()
    org_read: str | None = None
    org_write: str | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, JSON]) -> Self:
        raw = _map(raw)
        choices = raw.get("enum_choices")
        return cls(
            id=_req_int(raw.get("id"), "custom field"),
            slug=_str(raw.get("slug")) or "",
            title=_str(raw.get("title")),
            type=_str(raw.get("type")),
            description=_str(raw.get("description")),
            enum_choices=tuple(
                (str(c.get("key")), _str(c.get("label")))
                for c in (choices if isinstance(choices, list) else [])
                if isinstance(c, Mapping) and c.get("key") is not None
            ),
            org_read=_str(raw.get("org_read")),
            org_write=_str(raw.get("org_write")),
        )


@dataclass(frozen=True)
class Tag:
    """A tag (reference section 4); ``value`` is set only on an applied value tag."""

    id: int
    title: str
    description: str | None = None
    hidden: bool = False
    color: str | None = None
    value_type: str | None = None
    group_id: int | None = None
    group_title: str | None = None
    value: JSON = None

    @classmethod
    def from_json(cls, raw: Mapping[str, JSON]) -> Self:
        raw = _map(raw)
        group_id, group_title = _ref(raw.get("group"))
        return cls(
            id=_req_int(raw.get("id"), "tag"),
            title=_str(raw.get("title")) or "",
            description=_str(raw.get("description")),
            hidden=_bool(raw.get("hidden")),
            color=_str(raw.get("color")),
            value_type=_str(raw.get("value_type")),
            group_id=group_id if group_id is not None else _int(raw.get("group_id")),
            group_title=group_title,
            value=raw.get("value"),
        )


@dataclass(frozen=True)
class Note:
    """A note on a person (reference section 3)."""

    id: int
    text: str = field(repr=False)
    created: datetime | None = None
    author_id: int | None = None
    author_name: str | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, JSON]) -> Self:
        raw = _map(raw)
        author_id, author_name = _ref(raw.get("author"))
        return cls(
            id=_req_int(raw.get("id"), "note"),
            text=_str(raw.get("text")) or "",
            created=parse_time(raw.get("created")),
            author_id=author_id,
            author_name=author_name,
        )


@dataclass(frozen=True)
class JoinForm:
    """A join form (reference section 5); ``tag_ids`` are applied on acceptance."""

    id: int
    title: str
    description: str | None = None
    fields: tuple[str, ...] = ()
    tag_ids: tuple[int, ...] = ()
    renderable: bool = False
    embeddable: bool = False
    requires_email_verification: bool = False
    submit_token: str | None = field(default=None, repr=False)

    @classmethod
    def from_json(cls, raw: Mapping[str, JSON]) -> Self:
        raw = _map(raw)
        fields = raw.get("fields")
        return cls(
            id=_req_int(raw.get("id"), "join form"),
            title=_str(raw.get("title")) or "",
            description=_str(raw.get("description")),
            fields=tuple(
                str(f.get("slug")) if isinstance(f, Mapping) else str(f)
                for f in (fields if isinstance(fields, list) else [])
            ),
            tag_ids=_ids(raw.get("tags")),
            renderable=_bool(raw.get("renderable")),
            embeddable=_bool(raw.get("embeddable")),
            requires_email_verification=_bool(raw.get("requires_email_verification")),
            submit_token=_str(raw.get("submit_token")),
        )


@dataclass(frozen=True)
class JoinSubmission:
    """A join submission (reference section 5): ``pending`` until accepted, then a person.

    ``person_id`` is ``person_data.id``, whose meaning before acceptance is unclear in the
    reference (uncertain), so jobs should re-read people after accepting.
    """

    id: int
    state: str
    submitted: datetime | None
    accepted: datetime | None
    form_id: int | None
    form_title: str | None
    person: PersonFields
    person_id: int | None = None

    @property
    def is_pending(self) -> bool:
        return self.state == "pending"

    @classmethod
    def from_json(cls, raw: Mapping[str, JSON]) -> Self:
        raw = _map(raw)
        form_id, form_title = _ref(raw.get("form"))
        data = _map(raw.get("person_data"))
        return cls(
            id=_req_int(raw.get("id"), "join submission"),
            state=_str(raw.get("state")) or "pending",
            submitted=parse_time(raw.get("submitted")),
            accepted=parse_time(raw.get("accepted")),
            form_id=form_id,
            form_title=form_title,
            person=PersonFields.from_json(data),
            person_id=_int(data.get("id")),
        )


@dataclass(frozen=True)
class BulkProblem:
    """One problem from ``bulk/preview`` (codes: ``INVALID_FORMAT``, ``UNKNOWN_FIELD``, …)."""

    code: str
    level: str | None = None
    field: str | None = None
    index: int | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, JSON]) -> Self:
        raw = _map(raw)
        return cls(
            code=_str(raw.get("code")) or "UNEXPECTED_ERROR",
            level=_str(raw.get("level")),
            field=_str(raw.get("field")),
            index=_int(raw.get("index")),
        )


@dataclass(frozen=True)
class BulkPreview:
    """What a bulk upsert would do (reference section 3, "Bulk operations")."""

    problems: tuple[BulkProblem, ...]
    summary: Mapping[str, JSON]
    stats: Mapping[str, JSON] = field(default_factory=lambda: _EMPTY, compare=False)

    @property
    def ok(self) -> bool:
        """No problem at level ``error`` (a problem without a level counts as an error)."""
        return not any((p.level or "error") == "error" for p in self.problems)

    @classmethod
    def from_json(cls, raw: Mapping[str, JSON]) -> Self:
        raw = _map(raw)
        problems = raw.get("problems")
        stats = _map(raw.get("stats"))
        return cls(
            problems=tuple(
                BulkProblem.from_json(p) for p in (problems if isinstance(problems, list) else [])
            ),
            summary=_freeze(_map(_map(stats.get("person")).get("summary"))),
            stats=_freeze(stats),
        )


@dataclass(frozen=True)
class BulkLog:
    """The log item ``bulk/execute`` returns."""

    id: int | None
    status: str
    accepted: datetime | None = None
    completed: datetime | None = None
    error: JSON = None
    report: JSON = field(default=None, compare=False)

    @classmethod
    def from_json(cls, raw: Mapping[str, JSON]) -> Self:
        raw = _map(raw)
        return cls(
            id=_int(raw.get("id")),
            status=_str(raw.get("status")) or "pending",
            accepted=parse_time(raw.get("accepted")),
            completed=parse_time(raw.get("completed")),
            error=raw.get("error"),
            report=raw.get("report"),
        )


class CallState:
    """Call state codes (reference section 6, from the app's ``features/call/types.ts``)."""

    ALLOCATED = 0
    SUCCESS = 1
    NO_PICKUP = 11
    LINE_BUSY = 12
    CALL_BACK = 13
    NOT_AVAILABLE = 14
    LEFT_MESSAGE = 15
    WRONG_NUMBER = 21


@dataclass(frozen=True)
class CallAssignment:
    """A call assignment (reference section 6); target and goal are Smart Search queries."""

    id: int
    title: str
    description: str | None = None
    instructions: str | None = None
    campaign_id: int | None = None
    start_date: date | None = None
    end_date: date | None = None
    cooldown_hours: int | None = None
    target_query_id: int | None = None
    goal_query_id: int | None = None
    target_filters: tuple[Mapping[str, JSON], ...] = field(default=(), compare=False)
    goal_filters: tuple[Mapping[str, JSON], ...] = field(default=(), compare=False)

    @classmethod
    def from_json(cls, raw: Mapping[str, JSON]) -> Self:
        raw = _map(raw)
        target, goal = _map(raw.get("target")), _map(raw.get("goal"))

        def specs(query: Mapping[str, JSON]) -> tuple[Mapping[str, JSON], ...]:
            spec = query.get("filter_spec")
            return (
                tuple(_freeze(s) for s in spec if isinstance(s, Mapping))
                if isinstance(spec, list)
                else ()
            )

        return cls(
            id=_req_int(raw.get("id"), "call assignment"),
            title=_str(raw.get("title")) or "",
            description=_str(raw.get("description")),
            instructions=_str(raw.get("instructions")),
            campaign_id=_ref(raw.get("campaign"))[0] or _int(raw.get("campaign_id")),
            start_date=parse_date(raw.get("start_date")),
            end_date=parse_date(raw.get("end_date")),
            cooldown_hours=_int(raw.get("cooldown")),
            target_query_id=_int(target.get("id")),
            goal_query_id=_int(goal.get("id")),
            target_filters=specs(target),
            goal_filters=specs(goal),
        )


@dataclass(frozen=True)
class Caller:
    """A caller on a call assignment."""

    id: int
    first_name: str | None = field(default=None, repr=False)
    last_name: str | None = field(default=None, repr=False)
    prioritized_tag_ids: tuple[int, ...] = ()
    excluded_tag_ids: tuple[int, ...] = ()

    @classmethod
    def from_json(cls, raw: Mapping[str, JSON]) -> Self:
        raw = _map(raw)
        return cls(
            id=_req_int(raw.get("id"), "caller"),
            first_name=_str(raw.get("first_name")),
            last_name=_str(raw.get("last_name")),
            prioritized_tag_ids=_ids(raw.get("prioritized_tags")),
            excluded_tag_ids=_ids(raw.get("excluded_tags")),
        )


@dataclass(frozen=True)
class Call:
    """One call (reference section 6); ``state`` is a :class:`CallState` code."""

    id: int
    assignment_id: int | None
    state: int
    allocation_time: datetime | None = None
    update_time: datetime | None = None
    call_back_after: date | None = None
    notes: str | None = field(default=None, repr=False)
    message_to_organizer: str | None = field(default=None, repr=False)
    organizer_action_needed: bool = False
    organizer_action_taken: bool = False
    caller_id: int | None = None
    caller_name: str | None = field(default=None, repr=False)
    target_id: int | None = None
    target_name: str | None = field(default=None, repr=False)
    target_phone: str | None = field(default=None, repr=False)
    target_alt_phone: str | None = field(default=None, repr=False)

    @classmethod
    def from_json(cls, raw: Mapping[str, JSON]) -> Self:
        raw = _map(raw)
        caller_id, caller_name = _ref(raw.get("caller"))
        target = _map(raw.get("target"))
        assignment = raw.get("assignment_id")
        if assignment is None:
            assignment = _map(raw.get("assignment")).get("id")
        return cls(
            id=_req_int(raw.get("id"), "call"),
            assignment_id=_int(assignment),
            state=_int(raw.get("state")) or 0,
            allocation_time=parse_time(raw.get("allocation_time")),
            update_time=parse_time(raw.get("update_time")),
            call_back_after=parse_date(raw.get("call_back_after")),
            notes=_str(raw.get("notes")),
            message_to_organizer=_str(raw.get("message_to_organizer")),
            organizer_action_needed=_bool(raw.get("organizer_action_needed")),
            organizer_action_taken=_bool(raw.get("organizer_action_taken")),
            caller_id=caller_id,
            caller_name=caller_name,
            target_id=_int(target.get("id")),
            target_name=_str(target.get("name"))
            or " ".join(
                p for p in (_str(target.get("first_name")), _str(target.get("last_name"))) if p
            )
            or None,
            target_phone=_str(target.get("phone")),
            target_alt_phone=_str(target.get("alt_phone")),
        )


@dataclass(frozen=True)
class Campaign:
    """A campaign, which the app calls a project (reference section 10)."""

    id: int
    title: str
    info_text: str | None = None
    visibility: str | None = None
    published: bool = False
    archived: bool = False

    @classmethod
    def from_json(cls, raw: Mapping[str, JSON]) -> Self:
        raw = _map(raw)
        return cls(
            id=_req_int(raw.get("id"), "campaign"),
            title=_str(raw.get("title")) or "",
            info_text=_str(raw.get("info_text")),
            visibility=_str(raw.get("visibility")),
            published=_bool(raw.get("published")),
            archived=_bool(raw.get("archived")),
        )


@dataclass(frozen=True)
class Event:
    """An action, which the app calls an event (reference section 10)."""

    id: int
    title: str | None
    start_time: datetime | None
    end_time: datetime | None
    info_text: str | None = None
    published: datetime | None = None
    cancelled: datetime | None = None
    activity_id: int | None = None
    activity_title: str | None = None
    campaign_id: int | None = None
    location_id: int | None = None
    location_title: str | None = None
    contact_id: int | None = None
    num_participants_required: int | None = None
    num_participants_available: int | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, JSON]) -> Self:
        raw = _map(raw)
        activity_id, activity_title = _ref(raw.get("activity"))
        location_id, location_title = _ref(raw.get("location"))
        return cls(
            id=_req_int(raw.get("id"), "event"),
            title=_str(raw.get("title")),
            start_time=parse_time(raw.get("start_time")),
            end_time=parse_time(raw.get("end_time")),
            info_text=_str(raw.get("info_text")),
            published=parse_time(raw.get("published")),
            cancelled=parse_time(raw.get("cancelled")),
            activity_id=activity_id,
            activity_title=activity_title,
            campaign_id=_ref(raw.get("campaign"))[0],
            location_id=location_id,
            location_title=location_title,
            contact_id=_ref(raw.get("contact"))[0],
            num_participants_required=_int(raw.get("num_participants_required")),
            num_participants_available=_int(raw.get("num_participants_available")),
        )


@dataclass(frozen=True)
class EventResponse:
    """A sign-up to an event (``/actions/{id}/responses``)."""

    action_id: int | None
    person_id: int | None
    person_name: str | None = field(default=None, repr=False)
    email: str | None = field(default=None, repr=False)
    phone: str | None = field(default=None, repr=False)
    response_date: datetime | None = None
    id: int | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, JSON]) -> Self:
        raw = _map(raw)
        person = _map(raw.get("person"))
        return cls(
            action_id=_int(raw.get("action_id")),
            person_id=_int(person.get("id")),
            person_name=_str(person.get("name")),
            email=_str(person.get("email")),
            phone=_str(person.get("phone")),
            response_date=parse_time(raw.get("response_date")),
            id=_int(raw.get("id")),
        )


@dataclass(frozen=True)
class Participant:
    """A booked participant: a person plus their attendance timestamps."""

    person: Person
    attended: datetime | None = None
    cancelled: datetime | None = None
    noshow: datetime | None = None
    reminder_sent: datetime | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, JSON]) -> Self:
        raw = _map(raw)
        extra = {"attended", "cancelled", "noshow", "reminder_sent"}
        return cls(
            person=Person.from_json({k: v for k, v in raw.items() if k not in extra}),
            attended=parse_time(raw.get("attended")),
            cancelled=parse_time(raw.get("cancelled")),
            noshow=parse_time(raw.get("noshow")),
            reminder_sent=parse_time(raw.get("reminder_sent")),
        )


@dataclass(frozen=True)
class View:
    """A people view (reference section 11)."""

    id: int
    title: str
    description: str | None = None
    created: datetime | None = None
    folder_id: int | None = None
    owner_id: int | None = None
    dynamic: bool = False

    @classmethod
    def from_json(cls, raw: Mapping[str, JSON]) -> Self:
        raw = _map(raw)
        return cls(
            id=_req_int(raw.get("id"), "view"),
            title=_str(raw.get("title")) or "",
            description=_str(raw.get("description")),
            created=parse_time(raw.get("created")),
            folder_id=_ref(raw.get("folder"))[0],
            owner_id=_ref(raw.get("owner"))[0],
            dynamic=raw.get("content_query") is not None,
        )


@dataclass(frozen=True)
class ViewColumn:
    """A view column; ``config`` depends on ``type`` (reference section 11)."""

    id: int
    type: str
    title: str | None = None
    config: Mapping[str, JSON] = field(default_factory=lambda: _EMPTY, compare=False)

    @classmethod
    def from_json(cls, raw: Mapping[str, JSON]) -> Self:
        raw = _map(raw)
        return cls(
            id=_req_int(raw.get("id"), "view column"),
            type=_str(raw.get("type")) or "",
            title=_str(raw.get("title")),
            config=_freeze(_map(raw.get("config"))),
        )


@dataclass(frozen=True)
class ViewRow:
    """A view row: a person id and one cell per column, in column order."""

    id: int
    content: tuple[JSON, ...] = field(repr=False)

    @classmethod
    def from_json(cls, raw: Mapping[str, JSON]) -> Self:
        raw = _map(raw)
        content = raw.get("content")
        return cls(
            id=_req_int(raw.get("id"), "view row"),
            content=tuple(content) if isinstance(content, list) else (),
        )


@dataclass(frozen=True)
class Organization:
    """An organisation, with its sub-organisations when listed recursively (section 12)."""

    id: int
    title: str
    slug: str | None = None
    parent_id: int | None = None
    sub_orgs: tuple[Organization, ...] = ()

    @classmethod
    def from_json(cls, raw: Mapping[str, JSON]) -> Self:
        raw = _map(raw)
        subs = raw.get("sub_orgs")
        return cls(
            id=_req_int(raw.get("id"), "organization"),
            title=_str(raw.get("title")) or "",
            slug=_str(raw.get("slug")),
            parent_id=_ref(raw.get("parent"))[0],
            sub_orgs=tuple(
                Organization.from_json(s)
                for s in (subs if isinstance(subs, list) else [])
                if isinstance(s, Mapping)
            ),
        )


# -- v2 canvassing (reference section 9.1) ---------------------------------------------------


@dataclass(frozen=True)
class Area:
    """A canvassing area; ``boundary`` is a GeoJSON Polygon of [longitude, latitude] pairs."""

    id: int
    title: str | None
    description: str | None = None
    boundary: Mapping[str, JSON] = field(default_factory=lambda: _EMPTY, compare=False)
    created: datetime | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, JSON]) -> Self:
        raw = _map(raw)
        return cls(
            id=_req_int(raw.get("id"), "area"),
            title=_str(raw.get("title")),
            description=_str(raw.get("description")),
            boundary=_freeze(_map(raw.get("boundary"))),
            created=parse_time(raw.get("created")),
        )


@dataclass(frozen=True)
class AreaAssignment:
    """A door-knocking assignment in a project."""

    id: int
    title: str | None
    project_id: int | None = None
    instructions: str | None = None
    start_date: datetime | None = None
    end_date: datetime | None = None
    reporting_level: str | None = None
    created: datetime | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, JSON]) -> Self:
        raw = _map(raw)
        return cls(
            id=_req_int(raw.get("id"), "area assignment"),
            title=_str(raw.get("title")),
            project_id=_int(raw.get("project_id")),
            instructions=_str(raw.get("instructions")),
            start_date=parse_time(raw.get("start_date")),
            end_date=parse_time(raw.get("end_date")),
            reporting_level=_str(raw.get("reporting_level")),
            created=parse_time(raw.get("created")),
        )


@dataclass(frozen=True)
class Metric:
    """A question asked at each visit: ``bool`` (yes/no) or ``scale5``."""

    id: int
    question: str | None
    type: str | None
    defines_success: bool = False
    area_assignment_id: int | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, JSON]) -> Self:
        raw = _map(raw)
        return cls(
            id=_req_int(raw.get("id"), "metric"),
            question=_str(raw.get("question")),
            type=_str(raw.get("type")),
            defines_success=_bool(raw.get("defines_success")),
            area_assignment_id=_int(raw.get("area_assignment_id")),
        )


@dataclass(frozen=True)
class Location:
    """A building or address point; visit counts are set on assignment locations only."""

    id: int
    title: str | None
    latitude: float | None = None
    longitude: float | None = None
    description: str | None = None
    type: str | None = None
    num_estimated_households: int | None = None
    num_known_households: int | None = None
    num_visits: int | None = None
    num_successful_visits: int | None = None
    num_households_visited: int | None = None
    num_households_successful: int | None = None
    last_visited: datetime | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, JSON]) -> Self:
        raw = _map(raw)
        return cls(
            id=_req_int(raw.get("id"), "location"),
            title=_str(raw.get("title")),
            latitude=_float(raw.get("latitude")),
            longitude=_float(raw.get("longitude")),
            description=_str(raw.get("description")),
            type=_str(raw.get("type")),
            num_estimated_households=_int(raw.get("num_estimated_households")),
            num_known_households=_int(raw.get("num_known_households")),
            num_visits=_int(raw.get("num_visits")),
            num_successful_visits=_int(raw.get("num_successful_visits")),
            num_households_visited=_int(raw.get("num_households_visited")),
            num_households_successful=_int(raw.get("num_households_successful")),
            last_visited=parse_time(raw.get("last_visited")),
        )


@dataclass(frozen=True)
class Household:
    """A household in a location; ``level`` is the floor."""

    id: int
    location_id: int | None
    title: str | None
    level: int | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, JSON]) -> Self:
        raw = _map(raw)
        return cls(
            id=_req_int(raw.get("id"), "household"),
            location_id=_int(raw.get("location_id")),
            title=_str(raw.get("title")),
            level=_int(raw.get("level")),
        )


def _metrics(value: object) -> tuple[Mapping[str, JSON], ...]:
    return (
        tuple(_freeze(m) for m in value if isinstance(m, Mapping))
        if isinstance(value, list)
        else ()
    )


def _assignment_id(raw: Mapping[str, JSON]) -> int | None:
    # The spec names it ``assignment_id``; the app's own type uses ``area_assignment_id`` in
    # places (reference section 9.1), so accept both.
    value = raw.get("assignment_id")
    return _int(value if value is not None else raw.get("area_assignment_id"))


@dataclass(frozen=True)
class HouseholdVisit:
    """A household-level door-knock report: one answer per metric."""

    id: int
    assignment_id: int | None
    household_id: int | None
    created: datetime | None = None
    metrics: tuple[Mapping[str, JSON], ...] = field(default=(), compare=False)

    @classmethod
    def from_json(cls, raw: Mapping[str, JSON]) -> Self:
        raw = _map(raw)
        return cls(
            id=_req_int(raw.get("id"), "household visit"),
            assignment_id=_assignment_id(raw),
            household_id=_int(raw.get("household_id")),
            created=parse_time(raw.get("created")),
            metrics=_metrics(raw.get("metrics")),
        )


@dataclass(frozen=True)
class LocationVisit:
    """A location-level report: households visited and per-metric tallies."""

    id: int
    assignment_id: int | None
    location_id: int | None
    num_households_visited: int | None = None
    created: datetime | None = None
    metrics: tuple[Mapping[str, JSON], ...] = field(default=(), compare=False)

    @classmethod
    def from_json(cls, raw: Mapping[str, JSON]) -> Self:
        raw = _map(raw)
        return cls(
            id=_req_int(raw.get("id"), "location visit"),
            assignment_id=_assignment_id(raw),
            location_id=_int(raw.get("location_id")),
            num_households_visited=_int(raw.get("num_households_visited")),
            created=parse_time(raw.get("created")),
            metrics=_metrics(raw.get("metrics")),
        )


@dataclass(frozen=True)
class AssignmentStats:
    """Totals for an area assignment; the household counts can be ``null``."""

    num_locations: int | None = None
    num_households: int | None = None
    num_visits: int | None = None
    num_successful_visits: int | None = None
    num_locations_visited: int | None = None
    num_households_visited: int | None = None
    num_households_successfully_visited: int | None = None
    metrics: tuple[Mapping[str, JSON], ...] = field(default=(), compare=False)

    @classmethod
    def from_json(cls, raw: Mapping[str, JSON]) -> Self:
        raw = _map(raw)
        names = (
            "num_locations",
            "num_households",
            "num_visits",
            "num_successful_visits",
            "num_locations_visited",
            "num_households_visited",
            "num_households_successfully_visited",
        )
        return cls(
            **{name: _int(raw.get(name)) for name in names}, metrics=_metrics(raw.get("metrics"))
        )


# -- the bridge's own shapes: a whole-org pull, bulk writes, the session ---------------------


@dataclass(frozen=True, repr=False)
class PulledPerson:
    """One person from :meth:`PeopleResource.pull`: the native fields the bridge syncs ("" when
    missing), the asked-for custom fields by slug (raw JSON) and the asked-for tags held."""

    id: int
    first_name: str
    last_name: str
    email: str
    phone: str
    custom: Mapping[str, JSON] = field(default_factory=lambda: _EMPTY, compare=False)
    tag_ids: frozenset[int] = frozenset()

    def __repr__(self) -> str:
        return f"PulledPerson(id={self.id!r})"  # the rest is personal data (INV-7)


@dataclass(frozen=True)
class PeoplePull:
    """Every person of the org, checked against Zetkin's own count.

    ``expected`` is the Smart Search count (``None`` when Zetkin gave none); ``problems`` are
    value-free texts for records that were skipped or had a field of the wrong shape;
    ``skipped`` counts the records left out because they could not be identified.
    """

    people: list[PulledPerson]
    expected: int | None
    problems: list[str] = field(default_factory=list)
    skipped: int = 0

    @property
    def complete(self) -> bool:
        """True only when Zetkin's count is known and every counted person is accounted for
        (pulled, or skipped as malformed and named in ``problems``): a pull cut short is not."""
        return self.expected is not None and len(self.people) + self.skipped == self.expected


@dataclass(frozen=True, repr=False)
class PersonWrite:
    """One person's changes for :meth:`BulkResource.write`.

    ``person_id`` None is a create; its ``ref`` (the idempotency key) is written into the ref
    custom field in the same op, so a repeat or a lost answer can be found by it.
    """

    person_id: int | None
    fields: Mapping[str, JSON]
    add_tags: tuple[int, ...] = ()
    remove_tags: tuple[int, ...] = ()
    ref: str | None = None

    def __repr__(self) -> str:
        return f"PersonWrite(person_id={self.person_id!r}, ref={self.ref!r})"


@dataclass(frozen=True)
class BulkOutcome:
    """What :meth:`BulkResource.write` did: the created people's ids by ref, and how many
    HTTP requests it took (preview, execute, status polls, the ref read, tag removals)."""

    created: dict[str, int]
    requests: int
    missing_refs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Session:
    """``GET /v1/session``: the token's level (2 = two-factor/``scope=level2``) and factors."""

    level: int | None
    factors: tuple[str, ...] = ()
    user_id: int | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, JSON]) -> Self:
        raw = _map(raw)
        factors = raw.get("factors")
        return cls(
            level=_int(raw.get("level")),
            factors=tuple(str(f) for f in factors) if isinstance(factors, list) else (),
            user_id=_int(_map(raw.get("user")).get("id")) or _int(raw.get("user_id")),
        )


@dataclass(frozen=True)
class Membership:
    """One of ``GET /v1/users/me/memberships``: ``role`` is None, "organizer" or "admin"."""

    org_id: int | None
    org_title: str | None
    role: str | None

    @property
    def is_official(self) -> bool:
        return self.role in ("organizer", "admin")

    @classmethod
    def from_json(cls, raw: Mapping[str, JSON]) -> Self:
        raw = _map(raw)
        org_id, org_title = _ref(raw.get("organization"))
        return cls(org_id=org_id, org_title=org_title, role=_str(raw.get("role")))
