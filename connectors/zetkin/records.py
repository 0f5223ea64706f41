"""Typed, frozen records for what Zetkin returns, declared as pydantic v2 models.

The Platform API is loosely specified (the v1 OpenAPI spec even shows booleans as ``1``), so the
field types say what the API sends and the lenient :data:`ZetkinId`, :data:`ZetkinInt`,
:data:`ZetkinText`, :data:`Flag`, :data:`ZetkinTime`, … (``Annotated`` types, reusable by other
modules) turn what Zetkin is loose about into that type: ids as strings, ``is_user`` as 0/1,
timestamps with and without a zone, ``organizer_action_taken`` as a time or null. A value of the
wrong JSON type becomes ``None`` (or the field's empty value), never an error; unknown keys are
ignored. Only a record without a usable id is refused, with :class:`MalformedRecordError` (a
:class:`~bridge.errors.PermanentApiError` that is also a ``ValueError``, so lists leave such a
record out). Nested ``{id, title}`` references are read with ``AliasPath``. Shapes follow
reference/zetkin-api.md; section numbers are cited per record.

What stays hand-written, and why:

* the few ``before`` validators that reshape a whole object (a person's custom fields are every
  key that is not a native one; a participant is a person plus attendance times; a call's target
  name may come as ``name`` or as first and last names): no field type can say that;
* the bridge's own shapes (:class:`PulledPerson`, :class:`PeoplePull`, :class:`PersonWrite`,
  :class:`BulkOutcome`) stay dataclasses: the bridge builds them from values it has already
  checked, callers build them positionally, and the pull makes 20,000 :class:`PulledPerson` per
  cycle from view rows (``connectors.zetkin.pull.parse_rows``), where validation would cost time
  and buy nothing (``python -m bench records`` measures both ways).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType
from typing import Annotated, Any, Self, TypeVar

from pydantic import (
    AliasChoices,
    AliasPath,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    OnErrorOmit,
    PlainValidator,
    TypeAdapter,
    ValidationError,
    model_validator,
)

from bridge.errors import MalformedRecordError
from connectors.zetkin.timeparse import parse_date, parse_time

__all__ = [
    "NATIVE_PERSON_FIELDS", "Area", "AreaAssignment", "AssignmentStats", "BulkLog", "BulkOutcome",
    "BulkPreview", "BulkProblem", "Call", "CallAssignment", "CallState", "Caller", "Campaign",
    "CustomField", "Event", "EventResponse", "Flag", "FrozenJSON", "Household", "HouseholdVisit",
    "IdList", "JoinForm", "JoinSubmission", "Location", "LocationVisit", "MalformedRecordError",
    "Membership", "Metric", "Note", "Organization", "Participant", "PeoplePull", "Person",
    "PersonFields", "PersonWrite", "PulledPerson", "Record", "Session", "Tag", "View",
    "ViewColumn", "ViewRow", "ZetkinDate", "ZetkinFloat", "ZetkinId", "ZetkinInt", "ZetkinText",
    "ZetkinTime", "ZetkinTitle", "parse_list",
]  # fmt: skip

JSON = Any
_EMPTY: Mapping[str, JSON] = MappingProxyType({})

# Native person fields (reference section 3); anything else on a person is a custom-field slug.
NATIVE_PERSON_FIELDS = (
    "first_name", "last_name", "email", "phone", "alt_phone", "gender",
    "street_address", "co_address", "zip_code", "city", "country", "ext_id",
)  # fmt: skip
# Keys that sit on a person object but are neither native fields nor custom fields.
_PERSON_META = frozenset({"id", "is_user", "name", "tags", "organization", "value"})
_NOT_CUSTOM = _PERSON_META | frozenset(NATIVE_PERSON_FIELDS)
# Where the split-off custom fields travel into validation (no slug can contain a space).
_CUSTOM = " custom"


# -- lenient conversions: never raise, an unusable value is None ------------------------------


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


def _taken(value: object) -> bool:
    """``organizer_action_taken`` is a time (a string) or null; booleans are accepted too."""
    if isinstance(value, str):
        return value.strip().lower() not in {"", "0", "false", "no"}
    return _bool(value)


def _frozen(value: object) -> Mapping[str, JSON]:
    return MappingProxyType(dict(value)) if isinstance(value, Mapping) else _EMPTY


def _empty() -> Mapping[str, JSON]:
    return _EMPTY


def _ids(value: object) -> tuple[int, ...]:
    """A list of ids or of ``{id, …}`` objects (forms and callers use both)."""
    if not isinstance(value, list):
        return ()
    numbers = (_int(i.get("id")) if isinstance(i, Mapping) else _int(i) for i in value)
    return tuple(n for n in numbers if n is not None)


def _objects(value: object) -> tuple[Mapping[str, JSON], ...]:
    """A list of JSON objects (filter specs, visit metrics), each frozen; others left out."""
    if not isinstance(value, list):
        return ()
    return tuple(MappingProxyType(dict(v)) for v in value if isinstance(v, Mapping))


def _or(empty: str) -> Callable[[object], str]:
    return lambda value: _str(value) or empty


ZetkinId = Annotated[int, BeforeValidator(_int)]
"""A required id: an int, or a string or integral float holding one."""
ZetkinInt = Annotated[int | None, BeforeValidator(_int)]
ZetkinFloat = Annotated[float | None, BeforeValidator(_float)]
ZetkinText = Annotated[str | None, BeforeValidator(_str)]
"""Text, with numbers (a phone or zip sent as a number) written as text; anything else None."""
ZetkinTitle = Annotated[str, BeforeValidator(_or(""))]
Flag = Annotated[bool, BeforeValidator(_bool)]
TakenFlag = Annotated[bool, BeforeValidator(_taken)]
ZetkinTime = Annotated[datetime | None, BeforeValidator(parse_time)]
"""An aware datetime from any of Zetkin's timestamp forms (see :mod:`timeparse`), else None."""
ZetkinDate = Annotated[date | None, BeforeValidator(parse_date)]
FrozenJSON = Annotated[Mapping[str, JSON], PlainValidator(_frozen)]
"""A JSON object kept as it came, read-only; anything else an empty mapping."""
IdList = Annotated[tuple[int, ...], PlainValidator(_ids)]
Objects = Annotated[tuple[Mapping[str, JSON], ...], PlainValidator(_objects)]
Present = Annotated[bool, BeforeValidator(lambda value: value is not None)]


def _ref(name: str, key: str = "id") -> AliasPath:
    """A key of one of the ``{id, title}`` reference objects Zetkin nests everywhere."""
    return AliasPath(name, key)


def _ref_title(name: str) -> AliasChoices:
    return AliasChoices(AliasPath(name, "title"), AliasPath(name, "name"))


class Record(BaseModel):
    """A frozen record that ignores unknown keys; :meth:`from_json` never raises on a bad value,
    only on a record without a usable id (:class:`MalformedRecordError` naming the record)."""

    model_config = ConfigDict(frozen=True, extra="ignore", validate_by_name=True)

    @classmethod
    def from_json(cls, raw: Mapping[str, JSON]) -> Self:
        try:
            return cls.model_validate(raw if isinstance(raw, Mapping) else _EMPTY)
        except ValidationError as exc:
            raise malformed_record(cls, exc) from None


def malformed_record(cls: type[Record], exc: ValidationError) -> MalformedRecordError:
    """The project's error for a record pydantic refused: names the record ("call assignment")
    and the key, never the value (it may be personal data)."""
    what = re.sub(r"(?<!^)(?=[A-Z])", " ", cls.__name__).lower()
    keys = sorted({".".join(str(p) for p in e["loc"]) or "the record" for e in exc.errors()})
    return MalformedRecordError(
        f"Zetkin's answer was malformed ({what} has no usable {', '.join(keys)})"
    )


R = TypeVar("R", bound=Record)
_LISTS: dict[type[Record], TypeAdapter[list[Any]]] = {}


def parse_list(cls: type[R], data: object) -> list[R]:
    """Every record of a JSON list that parses, in one pydantic call: a record without a usable
    id (or not an object) is left out, so one bad record does not fail the read."""
    if not isinstance(data, list):
        return []
    adapter = _LISTS.get(cls)
    if adapter is None:
        adapter = _LISTS[cls] = TypeAdapter(list[OnErrorOmit[cls]])  # type: ignore[valid-type]
    result: list[R] = adapter.validate_python(data)
    return result


class PersonFields(Record):
    """A person's fields without an identity: a join submission's ``person_data`` is this.

    ``custom`` holds every custom field by slug with its raw JSON value (``None`` when unset).
    """

    first_name: ZetkinText = None
    last_name: ZetkinText = None
    email: ZetkinText = None
    phone: ZetkinText = None
    alt_phone: ZetkinText = None
    gender: ZetkinText = None
    street_address: ZetkinText = None
    co_address: ZetkinText = None
    zip_code: ZetkinText = None
    city: ZetkinText = None
    country: ZetkinText = None
    ext_id: ZetkinText = None
    custom: FrozenJSON = Field(default_factory=_empty, validation_alias=_CUSTOM)

    @model_validator(mode="before")
    @classmethod
    def _split_custom(cls, raw: object) -> object:
        if isinstance(raw, PersonFields):
            return raw
        if not isinstance(raw, Mapping):
            return {_CUSTOM: _EMPTY}
        if _CUSTOM in raw:
            return raw
        custom = {k: v for k, v in raw.items() if k not in _NOT_CUSTOM}
        return {**raw, _CUSTOM: custom}

    def __repr_args__(self) -> Any:
        # Only the id: a person's fields are personal data and must not reach a log (INV-7).
        return [("id", getattr(self, "id", None))]

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)


class Person(PersonFields):
    """A person in the org (reference section 3): native fields plus custom fields by slug."""

    id: ZetkinId
    is_user: Flag = False


class CustomField(Record):
    """A custom-field definition (reference section 3)."""

    id: ZetkinId
    slug: ZetkinTitle = ""
    title: ZetkinText = None
    type: ZetkinText = None
    description: ZetkinText = None
    enum_choices: Annotated[
        tuple[tuple[str, str | None], ...],
        PlainValidator(
            lambda v: tuple(
                (str(c["key"]), _str(c.get("label")))
                for c in (v if isinstance(v, list) else [])
                if isinstance(c, Mapping) and c.get("key") is not None
            )
        ),
    ] = ()
    org_read: ZetkinText = None
    org_write: ZetkinText = None


class Tag(Record):
    """A tag (reference section 4); ``value`` is set only on an applied value tag."""

    id: ZetkinId
    title: ZetkinTitle = ""
    description: ZetkinText = None
    hidden: Flag = False
    color: ZetkinText = None
    value_type: ZetkinText = None
    group_id: ZetkinInt = Field(None, validation_alias=AliasChoices(_ref("group"), "group_id"))
    group_title: ZetkinText = Field(None, validation_alias=_ref_title("group"))
    value: JSON = None


class Note(Record):
    """A note on a person (reference section 3)."""

    id: ZetkinId
    text: ZetkinTitle = Field("", repr=False)
    created: ZetkinTime = None
    author_id: ZetkinInt = Field(None, validation_alias=_ref("author"))
    author_name: ZetkinText = Field(None, validation_alias=_ref_title("author"), repr=False)


class JoinForm(Record):
    """A join form (reference section 5); ``tag_ids`` are applied on acceptance."""

    id: ZetkinId
    title: ZetkinTitle = ""
    description: ZetkinText = None
    fields: Annotated[
        tuple[str, ...],
        PlainValidator(
            lambda v: tuple(
                str(f.get("slug")) if isinstance(f, Mapping) else str(f)
                for f in (v if isinstance(v, list) else [])
            )
        ),
    ] = ()
    tag_ids: IdList = Field((), validation_alias="tags")
    renderable: Flag = False
    embeddable: Flag = False
    requires_email_verification: Flag = False
    submit_token: ZetkinText = Field(None, repr=False)


class JoinSubmission(Record):
    """A join submission (reference section 5): ``pending`` until accepted, then a person.

    ``person_id`` is ``person_data.id``, whose meaning before acceptance is unclear in the
    reference (uncertain), so jobs should re-read people after accepting.
    """

    id: ZetkinId
    state: Annotated[str, BeforeValidator(_or("pending"))] = "pending"
    submitted: ZetkinTime = None
    accepted: ZetkinTime = None
    form_id: ZetkinInt = Field(None, validation_alias=_ref("form"))
    form_title: ZetkinText = Field(None, validation_alias=_ref_title("form"))
    person: PersonFields = Field(default_factory=PersonFields, validation_alias="person_data")
    person_id: ZetkinInt = Field(None, validation_alias=_ref("person_data"))

    @property
    def is_pending(self) -> bool:
        return self.state == "pending"


class BulkProblem(Record):
    """One problem from ``bulk/preview`` (codes: ``INVALID_FORMAT``, ``UNKNOWN_FIELD``, …)."""

    code: Annotated[str, BeforeValidator(_or("UNEXPECTED_ERROR"))] = "UNEXPECTED_ERROR"
    level: ZetkinText = None
    field: ZetkinText = None
    index: ZetkinInt = None


def _problems(value: object) -> list[object]:
    # A problem that is not an object still counts (as UNEXPECTED_ERROR): the preview is not ok.
    return [p if isinstance(p, Mapping) else {} for p in value] if isinstance(value, list) else []


class BulkPreview(Record):
    """What a bulk upsert would do (reference section 3, "Bulk operations")."""

    problems: Annotated[tuple[BulkProblem, ...], BeforeValidator(_problems)] = ()
    summary: FrozenJSON = Field(
        default_factory=_empty, validation_alias=AliasPath("stats", "person", "summary")
    )
    stats: FrozenJSON = Field(default_factory=_empty)

    @property
    def ok(self) -> bool:
        """No problem at level ``error`` (a problem without a level counts as an error)."""
        return not any((p.level or "error") == "error" for p in self.problems)


class BulkLog(Record):
    """The log item ``bulk/execute`` returns."""

    id: ZetkinInt = None
    status: Annotated[str, BeforeValidator(_or("pending"))] = "pending"
    accepted: ZetkinTime = None
    completed: ZetkinTime = None
    error: JSON = None
    report: JSON = None


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


class CallAssignment(Record):
    """A call assignment (reference section 6); target and goal are Smart Search queries."""

    id: ZetkinId
    title: ZetkinTitle = ""
    description: ZetkinText = None
    instructions: ZetkinText = None
    campaign_id: ZetkinInt = Field(
        None, validation_alias=AliasChoices(_ref("campaign"), "campaign_id")
    )
    start_date: ZetkinDate = None
    end_date: ZetkinDate = None
    cooldown_hours: ZetkinInt = Field(None, validation_alias="cooldown")
    target_query_id: ZetkinInt = Field(None, validation_alias=_ref("target"))
    goal_query_id: ZetkinInt = Field(None, validation_alias=_ref("goal"))
    target_filters: Objects = Field((), validation_alias=_ref("target", "filter_spec"))
    goal_filters: Objects = Field((), validation_alias=_ref("goal", "filter_spec"))


class Caller(Record):
    """A caller on a call assignment."""

    id: ZetkinId
    first_name: ZetkinText = Field(None, repr=False)
    last_name: ZetkinText = Field(None, repr=False)
    prioritized_tag_ids: IdList = Field((), validation_alias="prioritized_tags")
    excluded_tag_ids: IdList = Field((), validation_alias="excluded_tags")


def _target_name(target: object) -> str | None:
    """The target's ``name``, or its first and last names joined."""
    if not isinstance(target, Mapping):
        return None
    parts = (_str(target.get("first_name")), _str(target.get("last_name")))
    return _str(target.get("name")) or " ".join(p for p in parts if p) or None


class Call(Record):
    """One call (reference section 6); ``state`` is a :class:`CallState` code."""

    id: ZetkinId
    assignment_id: ZetkinInt = Field(
        None, validation_alias=AliasChoices("assignment_id", _ref("assignment"))
    )
    state: Annotated[int, BeforeValidator(lambda v: _int(v) or 0)] = 0
    allocation_time: ZetkinTime = None
    update_time: ZetkinTime = None
    call_back_after: ZetkinDate = None
    notes: ZetkinText = Field(None, repr=False)
    message_to_organizer: ZetkinText = Field(None, repr=False)
    organizer_action_needed: Flag = False
    organizer_action_taken: TakenFlag = False
    caller_id: ZetkinInt = Field(None, validation_alias=_ref("caller"))
    caller_name: ZetkinText = Field(None, validation_alias=_ref_title("caller"), repr=False)
    target_id: ZetkinInt = Field(None, validation_alias=_ref("target"))
    target_name: Annotated[str | None, BeforeValidator(_target_name)] = Field(
        None, validation_alias="target", repr=False
    )
    target_phone: ZetkinText = Field(None, validation_alias=_ref("target", "phone"), repr=False)
    target_alt_phone: ZetkinText = Field(
        None, validation_alias=_ref("target", "alt_phone"), repr=False
    )


class Campaign(Record):
    """A campaign, which the app calls a project (reference section 10)."""

    id: ZetkinId
    title: ZetkinTitle = ""
    info_text: ZetkinText = None
    visibility: ZetkinText = None
    published: Flag = False
    archived: Flag = False


class Event(Record):
    """An action, which the app calls an event (reference section 10)."""

    id: ZetkinId
    title: ZetkinText = None
    start_time: ZetkinTime = None
    end_time: ZetkinTime = None
    info_text: ZetkinText = None
    published: ZetkinTime = None
    cancelled: ZetkinTime = None
    activity_id: ZetkinInt = Field(None, validation_alias=_ref("activity"))
    activity_title: ZetkinText = Field(None, validation_alias=_ref_title("activity"))
    campaign_id: ZetkinInt = Field(None, validation_alias=_ref("campaign"))
    location_id: ZetkinInt = Field(None, validation_alias=_ref("location"))
    location_title: ZetkinText = Field(None, validation_alias=_ref_title("location"))
    contact_id: ZetkinInt = Field(None, validation_alias=_ref("contact"))
    num_participants_required: ZetkinInt = None
    num_participants_available: ZetkinInt = None


class EventResponse(Record):
    """A sign-up to an event (``/actions/{id}/responses``)."""

    action_id: ZetkinInt = None
    person_id: ZetkinInt = Field(None, validation_alias=_ref("person"))
    person_name: ZetkinText = Field(None, validation_alias=_ref("person", "name"), repr=False)
    email: ZetkinText = Field(None, validation_alias=_ref("person", "email"), repr=False)
    phone: ZetkinText = Field(None, validation_alias=_ref("person", "phone"), repr=False)
    response_date: ZetkinTime = None
    id: ZetkinInt = None


_ATTENDANCE = ("attended", "cancelled", "noshow", "reminder_sent")


class Participant(Record):
    """A booked participant: a person plus their attendance timestamps."""

    person: Person
    attended: ZetkinTime = None
    cancelled: ZetkinTime = None
    noshow: ZetkinTime = None
    reminder_sent: ZetkinTime = None

    @model_validator(mode="before")
    @classmethod
    def _split_person(cls, raw: object) -> object:
        if not isinstance(raw, Mapping) or "person" in raw:
            return raw
        person = {k: v for k, v in raw.items() if k not in _ATTENDANCE}
        return {"person": person, **{k: raw.get(k) for k in _ATTENDANCE}}


class View(Record):
    """A people view (reference section 11)."""

    id: ZetkinId
    title: ZetkinTitle = ""
    description: ZetkinText = None
    created: ZetkinTime = None
    folder_id: ZetkinInt = Field(None, validation_alias=_ref("folder"))
    owner_id: ZetkinInt = Field(None, validation_alias=_ref("owner"))
    dynamic: Present = Field(False, validation_alias="content_query")


class ViewColumn(Record):
    """A view column; ``config`` depends on ``type`` (reference section 11)."""

    id: ZetkinId
    type: ZetkinTitle = ""
    title: ZetkinText = None
    config: FrozenJSON = Field(default_factory=_empty)


class ViewRow(Record):
    """A view row: a person id and one cell per column, in column order."""

    id: ZetkinId
    content: Annotated[
        tuple[JSON, ...], PlainValidator(lambda v: tuple(v) if isinstance(v, list) else ())
    ] = Field((), repr=False)


class Organization(Record):
    """An organisation, with its sub-organisations when listed recursively (section 12)."""

    id: ZetkinId
    title: ZetkinTitle = ""
    slug: ZetkinText = None
    parent_id: ZetkinInt = Field(None, validation_alias=_ref("parent"))
    sub_orgs: Annotated[
        tuple[Organization, ...],
        BeforeValidator(
            lambda v: [s for s in v if isinstance(s, Mapping)] if isinstance(v, list) else []
        ),
    ] = ()


# -- v2 canvassing (reference section 9.1) ---------------------------------------------------


class Area(Record):
    """A canvassing area; ``boundary`` is a GeoJSON Polygon of [longitude, latitude] pairs."""

    id: ZetkinId
    title: ZetkinText = None
    description: ZetkinText = None
    boundary: FrozenJSON = Field(default_factory=_empty)
    created: ZetkinTime = None


class AreaAssignment(Record):
    """A door-knocking assignment in a project."""

    id: ZetkinId
    title: ZetkinText = None
    project_id: ZetkinInt = None
    instructions: ZetkinText = None
    start_date: ZetkinTime = None
    end_date: ZetkinTime = None
    reporting_level: ZetkinText = None
    created: ZetkinTime = None


class Metric(Record):
    """A question asked at each visit: ``bool`` (yes/no) or ``scale5``."""

    id: ZetkinId
    question: ZetkinText = None
    type: ZetkinText = None
    defines_success: Flag = False
    area_assignment_id: ZetkinInt = None


class Location(Record):
    """A building or address point; visit counts are set on assignment locations only."""

    id: ZetkinId
    title: ZetkinText = None
    latitude: ZetkinFloat = None
    longitude: ZetkinFloat = None
    description: ZetkinText = None
    type: ZetkinText = None
    num_estimated_households: ZetkinInt = None
    num_known_households: ZetkinInt = None
    num_visits: ZetkinInt = None
    num_successful_visits: ZetkinInt = None
    num_households_visited: ZetkinInt = None
    num_households_successful: ZetkinInt = None
    last_visited: ZetkinTime = None


class Household(Record):
    """A household in a location; ``level`` is the floor."""

    id: ZetkinId
    location_id: ZetkinInt = None
    title: ZetkinText = None
    level: ZetkinInt = None


# The spec names it ``assignment_id``; the app's own type uses ``area_assignment_id`` in places
# (reference section 9.1), so accept both.
_ASSIGNMENT = AliasChoices("assignment_id", "area_assignment_id")


class HouseholdVisit(Record):
    """A household-level door-knock report: one answer per metric."""

    id: ZetkinId
    assignment_id: ZetkinInt = Field(None, validation_alias=_ASSIGNMENT)
    household_id: ZetkinInt = None
    created: ZetkinTime = None
    metrics: Objects = ()


class LocationVisit(Record):
    """A location-level report: households visited and per-metric tallies."""

    id: ZetkinId
    assignment_id: ZetkinInt = Field(None, validation_alias=_ASSIGNMENT)
    location_id: ZetkinInt = None
    num_households_visited: ZetkinInt = None
    created: ZetkinTime = None
    metrics: Objects = ()


class AssignmentStats(Record):
    """Totals for an area assignment; the household counts can be ``null``."""

    num_locations: ZetkinInt = None
    num_households: ZetkinInt = None
    num_visits: ZetkinInt = None
    num_successful_visits: ZetkinInt = None
    num_locations_visited: ZetkinInt = None
    num_households_visited: ZetkinInt = None
    num_households_successfully_visited: ZetkinInt = None
    metrics: Objects = ()


class Session(Record):
    """``GET /v1/session``: the token's level (2 = two-factor/``scope=level2``) and factors."""

    level: ZetkinInt = None
    factors: Annotated[
        tuple[str, ...],
        PlainValidator(lambda v: tuple(str(f) for f in v) if isinstance(v, list) else ()),
    ] = ()
    user_id: ZetkinInt = Field(None, validation_alias=AliasChoices(_ref("user"), "user_id"))


class Membership(Record):
    """One of ``GET /v1/users/me/memberships``: ``role`` is None, "organizer" or "admin"."""

    org_id: ZetkinInt = Field(None, validation_alias=_ref("organization"))
    org_title: ZetkinText = Field(None, validation_alias=_ref_title("organization"))
    role: ZetkinText = None

    @property
    def is_official(self) -> bool:
        return self.role in ("organizer", "admin")


# -- the bridge's own shapes: a whole-org pull, bulk writes (dataclasses: see the docstring) --


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
