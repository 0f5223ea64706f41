"""Typed, frozen records for what Zetkin returns, declared as pydantic v2 models.

Field types say what the API sends; the lenient types of :mod:`connectors.zetkin.model`
(:data:`ZetkinId`, :data:`ZetkinText`, :data:`Flag`, :data:`ZetkinTime`, …, re-exported here for
other modules) accept what Zetkin is loose about: ids as strings, ``is_user`` as 0/1, timestamps
with and without a zone, ``organizer_action_taken`` as a time or null. A value of the wrong JSON
type becomes ``None`` (or the field's empty value), never an error; unknown keys are ignored.
Only a record without a usable id is refused, with :class:`MalformedRecordError` (a
:class:`~bridge.errors.PermanentApiError` that is also a ``ValueError``); :func:`parse_list`
leaves such a record out of a list. Nested ``{id, title}`` references are read with
``AliasPath``. Shapes follow reference/zetkin-api.md; section numbers are cited per record.
Personal fields are left out of ``repr`` (a person's shows only the id).

What stays hand-written, and why: the few ``before`` validators that reshape a whole object
(a person's custom fields are every key that is not a native one; a participant is a person
plus attendance times; a call's target name comes as ``name`` or as first and last names), which
no field type can say; and the bridge's own shapes (:mod:`connectors.zetkin.shapes`, re-exported
here), which are dataclasses because the bridge builds them, not Zetkin.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import AliasChoices, BeforeValidator, Field, model_validator

from bridge.errors import MalformedRecordError
from connectors.zetkin.model import (
    EMPTY,
    JSON,
    Cells,
    Choices,
    Flag,
    FrozenJSON,
    IdList,
    Objects,
    Present,
    Record,
    Strings,
    TakenFlag,
    ZetkinDate,
    ZetkinFloat,
    ZetkinId,
    ZetkinInt,
    ZetkinText,
    ZetkinTime,
    ZetkinTitle,
    empty,
    mappings,
    or_,
    parse_list,
    ref,
    ref_title,
    text,
    to_int,
)
from connectors.zetkin.shapes import BulkOutcome, PeoplePull, PersonWrite, PulledPerson

__all__ = [
    "NATIVE_PERSON_FIELDS", "Area", "AreaAssignment", "AssignmentStats", "BulkLog", "BulkOutcome",
    "BulkPreview", "BulkProblem", "Call", "CallAssignment", "CallState", "Caller", "Campaign",
    "CustomField", "Event", "EventResponse", "Flag", "FrozenJSON", "Household", "HouseholdVisit",
    "IdList", "JoinForm", "JoinSubmission", "Location", "LocationVisit", "MalformedRecordError",
    "Membership", "Metric", "Note", "Organization", "Participant", "PeoplePull", "Person",
    "PersonFields", "PersonWrite", "PulledPerson", "Record", "Session", "Tag", "TakenFlag", "View",
    "ViewColumn", "ViewRow", "ZetkinDate", "ZetkinFloat", "ZetkinId", "ZetkinInt", "ZetkinText",
    "ZetkinTime", "ZetkinTitle", "parse_list",
]  # fmt: skip

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
    custom: FrozenJSON = Field(default_factory=empty, validation_alias=_CUSTOM)

    @model_validator(mode="before")
    @classmethod
    def _split_custom(cls, raw: object) -> object:
        if isinstance(raw, PersonFields):
            return raw
        if not isinstance(raw, Mapping):
            return {_CUSTOM: EMPTY}
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
    enum_choices: Choices = ()
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
    group_id: ZetkinInt = Field(None, validation_alias=AliasChoices(ref("group"), "group_id"))
    group_title: ZetkinText = Field(None, validation_alias=ref_title("group"))
    value: JSON = Field(None, repr=False)  # a value tag's value may be personal


class Note(Record):
    """A note on a person (reference section 3)."""

    id: ZetkinId
    text: ZetkinTitle = Field("", repr=False)
    created: ZetkinTime = None
    author_id: ZetkinInt = Field(None, validation_alias=ref("author"))
    author_name: ZetkinText = Field(None, validation_alias=ref_title("author"), repr=False)


class JoinForm(Record):
    """A join form (reference section 5); ``tag_ids`` are applied on acceptance."""

    id: ZetkinId
    title: ZetkinTitle = ""
    description: ZetkinText = None
    fields: Strings = ()
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
    state: Annotated[str, BeforeValidator(or_("pending"))] = "pending"
    submitted: ZetkinTime = None
    accepted: ZetkinTime = None
    form_id: ZetkinInt = Field(None, validation_alias=ref("form"))
    form_title: ZetkinText = Field(None, validation_alias=ref_title("form"))
    person: PersonFields = Field(default_factory=PersonFields, validation_alias="person_data")
    person_id: ZetkinInt = Field(None, validation_alias=ref("person_data"))

    @property
    def is_pending(self) -> bool:
        return self.state == "pending"


class BulkProblem(Record):
    """One problem from ``bulk/preview`` (codes: ``INVALID_FORMAT``, ``UNKNOWN_FIELD``, …)."""

    code: Annotated[str, BeforeValidator(or_("UNEXPECTED_ERROR"))] = "UNEXPECTED_ERROR"
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
        default_factory=empty, validation_alias=ref("stats", "person", "summary")
    )
    stats: FrozenJSON = Field(default_factory=empty)

    @property
    def ok(self) -> bool:
        """No problem at level ``error`` (a problem without a level counts as an error)."""
        return not any((p.level or "error") == "error" for p in self.problems)


class BulkLog(Record):
    """The log item ``bulk/execute`` returns."""

    id: ZetkinInt = None
    status: Annotated[str, BeforeValidator(or_("pending"))] = "pending"
    accepted: ZetkinTime = None
    completed: ZetkinTime = None
    error: JSON = Field(None, repr=False)  # these may quote the people written
    report: JSON = Field(None, repr=False)


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
        None, validation_alias=AliasChoices(ref("campaign"), "campaign_id")
    )
    start_date: ZetkinDate = None
    end_date: ZetkinDate = None
    cooldown_hours: ZetkinInt = Field(None, validation_alias="cooldown")
    target_query_id: ZetkinInt = Field(None, validation_alias=ref("target"))
    goal_query_id: ZetkinInt = Field(None, validation_alias=ref("goal"))
    target_filters: Objects = Field((), validation_alias=ref("target", "filter_spec"))
    goal_filters: Objects = Field((), validation_alias=ref("goal", "filter_spec"))


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
    parts = (text(target.get("first_name")), text(target.get("last_name")))
    return text(target.get("name")) or " ".join(p for p in parts if p) or None


class Call(Record):
    """One call (reference section 6); ``state`` is a :class:`CallState` code."""

    id: ZetkinId
    assignment_id: ZetkinInt = Field(
        None, validation_alias=AliasChoices("assignment_id", ref("assignment"))
    )
    state: Annotated[int, BeforeValidator(or_(0, to_int))] = 0
    allocation_time: ZetkinTime = None
    update_time: ZetkinTime = None
    call_back_after: ZetkinDate = None
    notes: ZetkinText = Field(None, repr=False)
    message_to_organizer: ZetkinText = Field(None, repr=False)
    organizer_action_needed: Flag = False
    organizer_action_taken: TakenFlag = False
    caller_id: ZetkinInt = Field(None, validation_alias=ref("caller"))
    caller_name: ZetkinText = Field(None, validation_alias=ref_title("caller"), repr=False)
    target_id: ZetkinInt = Field(None, validation_alias=ref("target"))
    target_name: Annotated[str | None, BeforeValidator(_target_name)] = Field(
        None, validation_alias="target", repr=False
    )
    target_phone: ZetkinText = Field(None, validation_alias=ref("target", "phone"), repr=False)
    target_alt_phone: ZetkinText = Field(
        None, validation_alias=ref("target", "alt_phone"), repr=False
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
    activity_id: ZetkinInt = Field(None, validation_alias=ref("activity"))
    activity_title: ZetkinText = Field(None, validation_alias=ref_title("activity"))
    campaign_id: ZetkinInt = Field(None, validation_alias=ref("campaign"))
    location_id: ZetkinInt = Field(None, validation_alias=ref("location"))
    location_title: ZetkinText = Field(None, validation_alias=ref_title("location"))
    contact_id: ZetkinInt = Field(None, validation_alias=ref("contact"))
    num_participants_required: ZetkinInt = None
    num_participants_available: ZetkinInt = None


class EventResponse(Record):
    """A sign-up to an event (``/actions/{id}/responses``)."""

    action_id: ZetkinInt = None
    person_id: ZetkinInt = Field(None, validation_alias=ref("person"))
    person_name: ZetkinText = Field(None, validation_alias=ref("person", "name"), repr=False)
    email: ZetkinText = Field(None, validation_alias=ref("person", "email"), repr=False)
    phone: ZetkinText = Field(None, validation_alias=ref("person", "phone"), repr=False)
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
    folder_id: ZetkinInt = Field(None, validation_alias=ref("folder"))
    owner_id: ZetkinInt = Field(None, validation_alias=ref("owner"))
    dynamic: Present = Field(False, validation_alias="content_query")


class ViewColumn(Record):
    """A view column; ``config`` depends on ``type`` (reference section 11)."""

    id: ZetkinId
    type: ZetkinTitle = ""
    title: ZetkinText = None
    config: FrozenJSON = Field(default_factory=empty)


class ViewRow(Record):
    """A view row: a person id and one cell per column, in column order."""

    id: ZetkinId
    content: Cells = Field((), repr=False)


class Organization(Record):
    """An organisation, with its sub-organisations when listed recursively (section 12)."""

    id: ZetkinId
    title: ZetkinTitle = ""
    slug: ZetkinText = None
    parent_id: ZetkinInt = Field(None, validation_alias=ref("parent"))
    sub_orgs: Annotated[tuple[Organization, ...], BeforeValidator(mappings)] = ()


# -- v2 canvassing (reference section 9.1) ---------------------------------------------------


class Area(Record):
    """A canvassing area; ``boundary`` is a GeoJSON Polygon of [longitude, latitude] pairs."""

    id: ZetkinId
    title: ZetkinText = None
    description: ZetkinText = None
    boundary: FrozenJSON = Field(default_factory=empty)
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
    factors: Strings = ()
    user_id: ZetkinInt = Field(None, validation_alias=AliasChoices(ref("user"), "user_id"))


class Membership(Record):
    """One of ``GET /v1/users/me/memberships``: ``role`` is None, "organizer" or "admin"."""

    org_id: ZetkinInt = Field(None, validation_alias=ref("organization"))
    org_title: ZetkinText = Field(None, validation_alias=ref_title("organization"))
    role: ZetkinText = None

    @property
    def is_official(self) -> bool:
        return self.role in ("organizer", "admin")
