"""v1 resources: people, tags, notes, join forms, bulk upserts, calls, events, views, orgs.

Each resource is a thin, typed view over :class:`~connectors.zetkin.client.ZetkinClient`'s
transport; paths, bodies and status codes follow reference/zetkin-api.md (sections 3-12).
Writes that are safe to repeat (PUT, PATCH, DELETE, and POSTs that change nothing) are retried;
creates are not retried once they may have reached the server.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from bridge.errors import PermanentApiError, PermanentError
from bridge.messages import t
from connectors.zetkin.bulkwrite import write_people
from connectors.zetkin.envelope import unwrap_v1
from connectors.zetkin.pull import BridgeView, ensure_view, malformed, pull_people, read_rows
from connectors.zetkin.records import (
    BulkLog,
    BulkOutcome,
    BulkPreview,
    Call,
    CallAssignment,
    Caller,
    Campaign,
    CustomField,
    Event,
    EventResponse,
    JoinForm,
    JoinSubmission,
    Membership,
    Note,
    Organization,
    Participant,
    PeoplePull,
    Person,
    PersonWrite,
    Session,
    Tag,
    View,
    ViewColumn,
    ViewRow,
    parse_list,
)

if TYPE_CHECKING:
    from connectors.zetkin.client import ZetkinClient

__all__ = [
    "AccountResource",
    "BulkResource",
    "CallsResource",
    "EventsResource",
    "JoinResource",
    "OrgsResource",
    "PeopleResource",
    "TagsResource",
    "ViewsResource",
    "bulk_upsert_op",
]

JSON = Any
_UNSET: Any = object()


def _items(data: JSON) -> builtins.list[Mapping[str, JSON]]:
    return [item for item in data if isinstance(item, Mapping)] if isinstance(data, list) else []


def _one(data: JSON) -> Mapping[str, JSON]:
    return data if isinstance(data, Mapping) else {}


class _Resource:
    def __init__(self, client: ZetkinClient) -> None:
        self.client = client


class PeopleResource(_Resource):
    """``/orgs/{org}/people``: flat person objects with custom fields by slug (section 3)."""

    # The largest ``pp`` a Zetkin client is seen to ask for is 100 (v2's max; Gen2 pages 20);
    # nothing shows v1 accepting more, so paging ``/people`` stays at 100 (reference §2).
    MAX_PAGE_SIZE = 100

    def __init__(self, client: ZetkinClient) -> None:
        super().__init__(client)
        self._view: BridgeView | None = None
        self._last_pull: PeoplePull | None = None

    def pull(self, *, custom_fields: Sequence[str], tag_ids: Sequence[int]) -> PeoplePull:
        """Every person of the org with the native fields, ``custom_fields`` and ``tag_ids``,
        through the bridge's own dynamic view (:mod:`connectors.zetkin.pull`): 4 requests once
        the view exists. ``.complete`` is False when Zetkin's own count disagrees."""
        result, self._view = pull_people(self.client, custom_fields, tag_ids, view=self._view)
        self._last_pull = result
        return result

    def known_values(self, slug: str) -> dict[str, int]:
        """``{value: person id}`` of custom field ``slug`` in this client's last pull (empty
        when there was none, or it did not ask for ``slug``): no request."""
        found: dict[str, int] = {}
        for person in self._last_pull.people if self._last_pull is not None else ():
            value = person.custom.get(slug)
            if isinstance(value, str) and value:
                found.setdefault(value, person.id)
        return found

    def find_by_field(self, slug: str, values: Sequence[str]) -> dict[str, int]:
        """Person ids whose custom field ``slug`` holds one of ``values`` (the bridge's refs),
        in one read of the bridge view's rows (plus a column, the first time it is needed)."""
        wanted = {str(v) for v in values}
        if not wanted:
            return {}
        view = self._view
        if view is None or ("person_field", slug) not in view.index():
            view = self._view = ensure_view(self.client, [slug], [])
        position = view.index()[("person_field", slug)]
        found: dict[str, int] = {}
        for raw in read_rows(self.client, view):
            content = raw.get("content") if isinstance(raw, Mapping) else None
            pid = raw.get("id") if isinstance(raw, Mapping) else None
            if not isinstance(content, list) or len(content) != len(view.columns):
                continue
            if not isinstance(pid, int) or isinstance(pid, bool):
                continue
            value = content[position]
            if isinstance(value, str) and value in wanted:
                found.setdefault(value, pid)
        return found

    def ensure_field(self, slug: str, title: str, type: str = "text") -> CustomField:
        """The custom field ``slug``, created when the org lacks it (e.g. the bridge's ref
        field). A create that lost its answer, or a race, meets 409 ``Slug in use``: re-read."""
        for spec in self.fields():
            if spec.slug == slug:
                return spec
        body = {"title": title, "slug": slug, "type": type}
        try:
            data = self.client.v1("POST", "people/fields", json=body)
        except PermanentApiError as exc:
            if exc.status != 409:
                raise
            data = None
        if isinstance(data, Mapping) and data.get("slug") == slug:
            return CustomField.from_json(data)
        for spec in self.fields():
            if spec.slug == slug:
                return spec
        raise malformed("Zetkin POST people/fields", f"the field {slug} was not created")

    def pages(
        self, *, filters: Sequence[str] = (), page_size: int | None = None
    ) -> Iterator[list[Person]]:
        """Every person in the org, a page at a time (0-based ``p``, stop on a short page).
        A record without a usable id is left out (the pull reports such records)."""
        for page in self.client.v1_pages("people", filters=filters, page_size=page_size):
            yield parse_list(Person, page)

    def iterate(
        self, *, filters: Sequence[str] = (), page_size: int | None = None
    ) -> Iterator[Person]:
        """Each person once: offset paging can repeat a person when the org changes mid-pull,
        so repeats are dropped here (a person shifted the other way is caught next run)."""
        seen: set[int] = set()
        for page in self.pages(filters=filters, page_size=page_size):
            for person in page:
                if person.id not in seen:
                    seen.add(person.id)
                    yield person

    def list(
        self, *, filters: Sequence[str] = (), page_size: int | None = None
    ) -> builtins.list[Person]:
        return list(self.iterate(filters=filters, page_size=page_size))

    def get(self, person_id: int) -> Person:
        return Person.from_json(_one(self.client.v1("GET", f"people/{person_id}")))

    def create(self, fields: Mapping[str, JSON]) -> Person:
        """POST a person (201); custom fields go in as top-level slug keys. Not retried blindly."""
        return Person.from_json(_one(self.client.v1("POST", "people", json=dict(fields))))

    def patch(self, person_id: int, fields: Mapping[str, JSON]) -> Person:
        """Change any subset of native and custom fields; ``None`` clears a value."""
        data = self.client.v1("PATCH", f"people/{person_id}", json=dict(fields))
        return Person.from_json(_one(data)) if data else self.get(person_id)

    def delete(self, person_id: int) -> None:
        self.client.v1("DELETE", f"people/{person_id}")

    def fields(self) -> builtins.list[CustomField]:
        """Custom-field definitions (``/people/fields``)."""
        return parse_list(CustomField, self.client.v1_list("people/fields"))

    def search(self, query: str) -> builtins.list[Person]:
        """Free-text person search (``POST /search/person``; changes nothing, so retried)."""
        data = self.client.v1("POST", "search/person", json={"q": query}, idempotent=True)
        return [Person.from_json(raw) for raw in _items(data)]

    def tags(self, person_id: int) -> builtins.list[Tag]:
        """The tags applied to a person, each with its ``value``."""
        return [Tag.from_json(r) for r in _items(self.client.v1_list(f"people/{person_id}/tags"))]

    def notes(self, person_id: int) -> builtins.list[Note]:
        return [Note.from_json(r) for r in _items(self.client.v1_list(f"people/{person_id}/notes"))]

    def add_note(self, person_id: int, text: str) -> Note:
        return Note.from_json(
            _one(self.client.v1("POST", f"people/{person_id}/notes", json={"text": text}))
        )


class TagsResource(_Resource):
    """``/orgs/{org}/people/tags`` and tag assignment on people (section 4)."""

    def list(self) -> builtins.list[Tag]:
        """Every tag; an answer that is not a list raises "malformed", never "tag missing"."""
        return parse_list(Tag, self.client.v1_list("people/tags"))

    def by_title(self) -> dict[str, Tag]:
        """Tags keyed by their exact title (the config names tags by title)."""
        return {tag.title: tag for tag in self.list()}

    def get(self, tag_id: int) -> Tag:
        return Tag.from_json(_one(self.client.v1("GET", f"people/tags/{tag_id}")))

    def create(
        self,
        title: str,
        *,
        description: str | None = None,
        hidden: bool = False,
        color: str | None = None,
        group_id: int | None = None,
        value_type: str | None = None,
    ) -> Tag:
        body: dict[str, JSON] = {"title": title, "hidden": hidden}
        for key, value in (
            ("description", description),
            ("color", color),
            ("group_id", group_id),
            ("value_type", value_type),
        ):
            if value is not None:
                body[key] = value
        return Tag.from_json(_one(self.client.v1("POST", "people/tags", json=body)))

    def assign(self, person_id: int, tag_id: int, value: JSON = _UNSET) -> Tag | None:
        """Apply a tag (PUT, so a repeat is harmless); ``value`` only for value tags."""
        body = None if value is _UNSET else {"value": value}
        data = self.client.v1("PUT", f"people/{person_id}/tags/{tag_id}", json=body)
        return Tag.from_json(data) if isinstance(data, Mapping) and "id" in data else None

    def remove(self, person_id: int, tag_id: int) -> None:
        self.client.v1("DELETE", f"people/{person_id}/tags/{tag_id}")

    def people(self, tag_id: int, *, page_size: int | None = None) -> builtins.list[Person]:
        """People carrying the tag, paged like ``/people`` (a member tag can be large; a server
        that ignores ``p``/``pp`` here still ends the paging, see :func:`v1_pages`)."""
        seen: dict[int, Person] = {}
        for page in self.client.v1_pages(f"people/tags/{tag_id}/people", page_size=page_size):
            for person in parse_list(Person, page):
                seen.setdefault(person.id, person)
        return list(seen.values())


class JoinResource(_Resource):
    """Join forms and join submissions (section 5)."""

    def forms(self) -> builtins.list[JoinForm]:
        return [JoinForm.from_json(raw) for raw in _items(self.client.v1_list("join_forms"))]

    def submissions(
        self, *, form_id: int | None = None, filters: Sequence[str] = ()
    ) -> builtins.list[JoinSubmission]:
        """All submissions in the org, or one form's; e.g. ``filters=["state==pending"]``."""
        suffix = f"join_forms/{form_id}/submissions" if form_id is not None else "join_submissions"
        data = self.client.v1_list(suffix, filters=filters)
        return parse_list(JoinSubmission, data)

    def pending(self) -> builtins.list[JoinSubmission]:
        """Pending submissions: listed unfiltered, as the Gen3 app does, and filtered here (no
        Zetkin client sends ``state==…``; reference, first section)."""
        return [s for s in self.submissions() if s.is_pending]

    def get(self, submission_id: int) -> JoinSubmission:
        return JoinSubmission.from_json(
            _one(self.client.v1("GET", f"join_submissions/{submission_id}"))
        )

    def accept(self, submission_id: int) -> JoinSubmission:
        """Accept: Zetkin creates the person and applies the form's tags (PATCH, idempotent)."""
        data = self.client.v1(
            "PATCH", f"join_submissions/{submission_id}", json={"state": "accepted"}
        )
        return JoinSubmission.from_json(data) if data else self.get(submission_id)

    def reject(self, submission_id: int) -> None:
        """There is no "rejected" state; rejecting deletes the submission."""
        self.client.v1("DELETE", f"join_submissions/{submission_id}")


def bulk_upsert_op(
    key: Mapping[str, JSON],
    fields: Mapping[str, JSON],
    *,
    tags: Sequence[int | tuple[int, JSON]] = (),
    if_none: str = "create",
) -> dict[str, JSON]:
    """One ``person.get`` op keyed on ``id``, ``ext_id`` or ``email`` (section 3, bulk)."""
    if len(key) != 1 or next(iter(key)) not in {"id", "ext_id", "email"}:
        raise ValueError("a bulk key is exactly one of id, ext_id or email")
    ops: list[dict[str, JSON]] = [{"op": "person.setfields", "data": dict(fields)}]
    for tag in tags:
        if isinstance(tag, tuple):
            ops.append({"op": "person.tag", "tag_id": tag[0], "value": tag[1]})
        else:
            ops.append({"op": "person.tag", "tag_id": tag})
    return {"op": "person.get", "key": dict(key), "if_none": if_none, "ops": ops}


class BulkResource(_Resource):
    """Bulk upserts: preview what would happen, then execute (section 3, "Bulk operations")."""

    def preview(self, ops: Sequence[Mapping[str, JSON]]) -> BulkPreview:
        data = self.client.v1("POST", "bulk/preview", json={"ops": list(ops)}, idempotent=True)
        return BulkPreview.from_json(_one(data))

    def execute(self, ops: Sequence[Mapping[str, JSON]]) -> BulkLog:
        """Not retried once it may have reached the server; keyed ops make a later rerun safe."""
        return BulkLog.from_json(
            _one(self.client.v1("POST", "bulk/execute", json={"ops": list(ops)}))
        )

    def status(self, log_id: int) -> BulkLog | None:
        """The log item ``log_id`` from ``GET bulk`` (the only bulk read the spec has)."""
        items: builtins.list[BulkLog] = parse_list(BulkLog, self.client.v1_list("bulk"))
        return next((item for item in items if item.id == log_id), None)

    def write(self, writes: Sequence[PersonWrite], *, ref_field: str) -> BulkOutcome:
        """Field and tag changes and creates of many people: ``bulk/preview`` then
        ``bulk/execute`` per 2,000 ops, tag removals one ``DELETE`` each (the importer has no
        untag op), created ids read by ref in one request. See :mod:`connectors.zetkin.bulkwrite`.
        """
        return write_people(
            self.client,
            writes,
            ref_field=ref_field,
            find_refs=lambda refs: self.client.people.find_by_field(ref_field, refs),
            known_refs=self.client.people.known_values(ref_field),
        )


class CallsResource(_Resource):
    """Call assignments, their callers, and calls (section 6)."""

    def assignments(self) -> builtins.list[CallAssignment]:
        data = self.client.v1_list("call_assignments")
        return [CallAssignment.from_json(raw) for raw in _items(data)]

    def assignment(self, assignment_id: int) -> CallAssignment:
        data = self.client.v1("GET", f"call_assignments/{assignment_id}")
        return CallAssignment.from_json(_one(data))

    def create_assignment(
        self,
        campaign_id: int | None,
        title: str,
        *,
        target_filters: Sequence[Mapping[str, JSON]] = (),
        goal_filters: Sequence[Mapping[str, JSON]] = (),
        **fields: JSON,
    ) -> CallAssignment:
        """Created under a project (``campaign_id``; ``None``: the org's own list, as
        ``POST call_assignments`` allows); ``target_filters``/``goal_filters`` are required
        (``[]`` ok)."""
        body = {
            "title": title,
            "target_filters": list(target_filters),
            "goal_filters": list(goal_filters),
            **fields,
        }
        path = "call_assignments"
        if campaign_id is not None:
            path = f"campaigns/{campaign_id}/call_assignments"
        data = self.client.v1("POST", path, json=body)
        return CallAssignment.from_json(_one(data))

    def patch_assignment(self, assignment_id: int, fields: Mapping[str, JSON]) -> CallAssignment:
        data = self.client.v1("PATCH", f"call_assignments/{assignment_id}", json=dict(fields))
        return CallAssignment.from_json(data) if data else self.assignment(assignment_id)

    def set_query(self, query_id: int, filter_spec: Sequence[Mapping[str, JSON]]) -> None:
        """Replace a Smart Search query's filters (an assignment's target or goal: §6)."""
        body = {"filter_spec": list(filter_spec)}
        self.client.v1("PATCH", f"people/queries/{query_id}", json=body)

    def stats(self, assignment_id: int) -> Mapping[str, JSON]:
        return _one(self.client.v1("GET", f"call_assignments/{assignment_id}/stats"))

    def callers(self, assignment_id: int) -> builtins.list[Caller]:
        data = self.client.v1_list(f"call_assignments/{assignment_id}/callers")
        return [Caller.from_json(raw) for raw in _items(data)]

    def add_caller(self, assignment_id: int, person_id: int) -> None:
        self.client.v1("PUT", f"call_assignments/{assignment_id}/callers/{person_id}")

    def remove_caller(self, assignment_id: int, person_id: int) -> None:
        self.client.v1("DELETE", f"call_assignments/{assignment_id}/callers/{person_id}")

    def pages(
        self,
        *,
        assignment_id: int | None = None,
        filters: Sequence[str] = (),
        page_size: int | None = None,
    ) -> Iterator[list[Call]]:
        """Calls org-wide (or one assignment's log), e.g. ``filters=["state==13"]``."""
        suffix = f"call_assignments/{assignment_id}/calls" if assignment_id else "calls"
        for page in self.client.v1_pages(suffix, filters=filters, page_size=page_size):
            yield [Call.from_json(raw) for raw in _items(page)]

    def list(
        self,
        *,
        assignment_id: int | None = None,
        filters: Sequence[str] = (),
        page_size: int | None = None,
    ) -> builtins.list[Call]:
        return [
            call
            for page in self.pages(
                assignment_id=assignment_id, filters=filters, page_size=page_size
            )
            for call in page
        ]

    def get(self, call_id: int) -> Call:
        return Call.from_json(_one(self.client.v1("GET", f"calls/{call_id}")))

    def patch(self, call_id: int, fields: Mapping[str, JSON]) -> Call:
        """Report an outcome (``state``, ``notes``, ``call_back_after``, …) or resolve a flag."""
        data = self.client.v1("PATCH", f"calls/{call_id}", json=dict(fields))
        return Call.from_json(data) if data else self.get(call_id)

    def start(self, assignment_id: int, target_id: int) -> Call:
        """Start a call to one specific person (POST, state 0)."""
        data = self.client.v1(
            "POST", f"call_assignments/{assignment_id}/calls", json={"target_id": target_id}
        )
        return Call.from_json(_one(data))


class EventsResource(_Resource):
    """Campaigns (projects) and actions (events), sign-ups and participants (section 10)."""

    def campaigns(self, *, recursive: bool = False) -> builtins.list[Campaign]:
        data = self.client.v1_list("campaigns", recursive=recursive)
        return [Campaign.from_json(raw) for raw in _items(data)]

    def create_campaign(self, title: str, **fields: JSON) -> Campaign:
        data = self.client.v1("POST", "campaigns", json={"title": title, **fields})
        return Campaign.from_json(_one(data))

    def patch_campaign(self, campaign_id: int, fields: Mapping[str, JSON]) -> Campaign:
        data = self.client.v1("PATCH", f"campaigns/{campaign_id}", json=dict(fields))
        if not data:
            data = self.client.v1("GET", f"campaigns/{campaign_id}")
        return Campaign.from_json(_one(data))

    def list(
        self,
        *,
        campaign_id: int | None = None,
        filters: Sequence[str] = (),
        recursive: bool = False,
    ) -> builtins.list[Event]:
        """Events, e.g. ``filters=["start_time>=2026-01-01T00:00:00"]``."""
        suffix = f"campaigns/{campaign_id}/actions" if campaign_id is not None else "actions"
        data = self.client.v1_list(suffix, filters=filters, recursive=recursive)
        return [Event.from_json(raw) for raw in _items(data)]

    def get(self, event_id: int) -> Event:
        return Event.from_json(_one(self.client.v1("GET", f"actions/{event_id}")))

    def create(self, fields: Mapping[str, JSON], *, campaign_id: int | None = None) -> Event:
        suffix = f"campaigns/{campaign_id}/actions" if campaign_id is not None else "actions"
        return Event.from_json(_one(self.client.v1("POST", suffix, json=dict(fields))))

    def patch(self, event_id: int, fields: Mapping[str, JSON]) -> Event:
        data = self.client.v1("PATCH", f"actions/{event_id}", json=dict(fields))
        return Event.from_json(data) if data else self.get(event_id)

    def responses(self, event_id: int) -> builtins.list[EventResponse]:
        """Sign-ups to the event."""
        data = self.client.v1_list(f"actions/{event_id}/responses")
        return [EventResponse.from_json(raw) for raw in _items(data)]

    def sign_up(self, event_id: int, person_id: int) -> None:
        self.client.v1("PUT", f"actions/{event_id}/responses/{person_id}")

    def withdraw(self, event_id: int, person_id: int) -> None:
        self.client.v1("DELETE", f"actions/{event_id}/responses/{person_id}")

    def participants(self, event_id: int) -> builtins.list[Participant]:
        """Booked people, with attendance."""
        data = self.client.v1_list(f"actions/{event_id}/participants")
        return [Participant.from_json(raw) for raw in _items(data)]

    def book(self, event_id: int, person_id: int, status: str | None = None) -> None:
        """Book a person; ``status`` is ``attended``, ``cancelled``, ``noshow`` or ``None``."""
        body = {"status": status} if status is not None else None
        self.client.v1("PUT", f"actions/{event_id}/participants/{person_id}", json=body)

    def unbook(self, event_id: int, person_id: int) -> None:
        self.client.v1("DELETE", f"actions/{event_id}/participants/{person_id}")


class ViewsResource(_Resource):
    """People views: spreadsheet-like lists with columns and rows (section 11)."""

    def list(self, *, recursive: bool = False) -> builtins.list[View]:
        data = self.client.v1_list("people/views", recursive=recursive)
        return [View.from_json(raw) for raw in _items(data)]

    def get(self, view_id: int) -> View:
        return View.from_json(_one(self.client.v1("GET", f"people/views/{view_id}")))

    def create(self, title: str, description: str = "") -> View:
        body = {"title": title, "description": description}
        return View.from_json(_one(self.client.v1("POST", "people/views", json=body)))

    def columns(self, view_id: int) -> builtins.list[ViewColumn]:
        data = self.client.v1_list(f"people/views/{view_id}/columns")
        return [ViewColumn.from_json(raw) for raw in _items(data)]

    def add_column(
        self,
        view_id: int,
        type: str,
        title: str,
        config: Mapping[str, JSON] | None = None,
    ) -> ViewColumn:
        body: dict[str, JSON] = {"type": type, "title": title}
        if config is not None:
            body["config"] = dict(config)
        data = self.client.v1("POST", f"people/views/{view_id}/columns", json=body)
        return ViewColumn.from_json(_one(data))

    def rows(self, view_id: int) -> builtins.list[ViewRow]:
        data = self.client.v1_list(f"people/views/{view_id}/rows")
        return [ViewRow.from_json(raw) for raw in _items(data)]

    def add_row(self, view_id: int, person_id: int) -> None:
        """Add a person to a static view (PUT, so a repeat is harmless)."""
        self.client.v1("PUT", f"people/views/{view_id}/rows/{person_id}")

    def remove_row(self, view_id: int, person_id: int) -> None:
        self.client.v1("DELETE", f"people/views/{view_id}/rows/{person_id}")


class AccountResource(_Resource):
    """Who the token speaks for: ``GET /v1/session`` and ``GET /v1/users/me/memberships``."""

    def session(self) -> Session:
        response = self.client.request("GET", "/v1/session")
        return Session.from_json(_one(unwrap_v1(response, "Zetkin GET session")))

    def memberships(self) -> builtins.list[Membership]:
        response = self.client.request("GET", "/v1/users/me/memberships")
        data = unwrap_v1(response, "Zetkin GET users/me/memberships")
        if not isinstance(data, list):
            raise malformed("Zetkin GET users/me/memberships", "the memberships are not a list")
        return [Membership.from_json(m) for m in _items(data)]

    def role_in(self, org_id: int) -> Membership | None:
        """The user's membership of ``org_id`` (None: not a member at all)."""
        return next((m for m in self.memberships() if m.org_id == org_id), None)

    def access_problems(self, org_id: int, lang: str = "nb") -> tuple[builtins.list[str], bool]:
        """What stops the token from writing to ``org_id``, in plain words from the catalogue,
        and whether the org can be read at all: a session below level 2, or a user who is not
        an organizer or admin there (reference, first section). Two requests."""
        problems: builtins.list[str] = []
        level = self.session().level
        if level is None or level < 2:
            problems.append(t("zetkin.level1", lang, level=level or "?"))
        membership = self.role_in(org_id)
        if membership is None:
            problems.append(t("zetkin.not_in_org", lang, org=org_id))
        elif not membership.is_official:
            problems.append(
                t("zetkin.not_organizer", lang, org=org_id, role=membership.role or "-")
            )
        return problems, membership is not None and membership.is_official

    def require_writer(self, org_id: int, lang: str = "nb") -> None:
        """Raise :class:`PermanentError` with the plain reason when the token cannot write to
        the org (a run calls this before writing, so nothing is half written)."""
        problems, _ = self.access_problems(org_id, lang)
        if problems:
            raise PermanentError("; ".join(problems), where="Zetkin session")


class OrgsResource(_Resource):
    """The organisation itself and its sub-organisations (section 12)."""

    def get(self) -> Organization:
        response = self.client.request("GET", f"/v1/orgs/{self.client.org_id}")
        return Organization.from_json(_one(unwrap_v1(response, "Zetkin GET org")))

    def sub_organizations(self, *, recursive: bool = False) -> builtins.list[Organization]:
        data = self.client.v1_list("sub_organizations", recursive=recursive)
        return [Organization.from_json(raw) for raw in _items(data)]
