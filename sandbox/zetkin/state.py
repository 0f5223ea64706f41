"""In-memory state of the Zetkin stand-in: one organisation, its people and everything around.

Objects are kept in the wire shape the reference shows (zetkin-api.md), so serialising a page
is one ``json.dumps``; relations that the wire shape nests (tags on people, callers, rows of
views, visits) are kept in side tables keyed by id. All access goes through the app, which holds
:attr:`Store.lock` for the whole request.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sandbox import fictional

__all__ = ["NATIVE_FIELDS", "Store", "Token", "now_iso"]

NATIVE_FIELDS = (
    "id",
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
    "is_user",
)
WRITABLE_NATIVE = frozenset(NATIVE_FIELDS) - {"id", "is_user"}


def now_iso() -> str:
    """The v1 zone-less microsecond form (reference §2.1: ``1857-07-05T00:00:00.000000``)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")


def now_z() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Token:
    """An access token; ``expires_at`` None never expires (the printed sandbox token).

    ``level`` is the session level (2 when ``scope=level2`` was asked for, reference §1.2);
    ``factor`` is what ``GET /v1/session`` lists (``email_password`` or ``api_key``).
    """

    value: str
    expires_at: float | None
    refresh: str | None = None
    level: int = 2
    factor: str = "email_password"

    def expired(self) -> bool:
        return self.expires_at is not None and time.time() >= self.expires_at


@dataclass
class Store:
    """Everything the stand-in knows; ids come from one counter per kind."""

    org_id: int = 1
    org_title: str = "Trondheim SV"
    token_lifetime: float = 3600.0
    static_token: str = field(default_factory=lambda: "sandbox-" + secrets.token_hex(12))
    client_id: str = "bridge-sandbox"
    client_secret: str = "sandbox-secret"
    api_key: str = field(default_factory=lambda: "sandbox-key-" + secrets.token_hex(12))
    # A key issued for an account without two-factor login: its grant gives level-1 tokens
    # even when scope=level2 is asked for (the session level is what `bridge check` reads).
    level1_api_key: str = field(default_factory=lambda: "sandbox-l1key-" + secrets.token_hex(8))
    # The user's memberships besides the served org: a plain member elsewhere (the national
    # party), so a picker has something to leave out.
    other_memberships: list[dict[str, Any]] = field(
        default_factory=lambda: [
            {"organization": {"id": 900, "title": "SV sentralt"}, "role": None}
        ]
    )
    lock: threading.RLock = field(default_factory=threading.RLock)

    def __post_init__(self) -> None:
        self.tokens: dict[str, Token] = {}
        self.refresh_tokens: dict[str, str] = {}  # refresh token -> client id
        self.refresh_levels: dict[str, int] = {}  # refresh token -> session level
        # code -> (client id, redirect uri, scope asked for at authorize)
        self.codes: dict[str, tuple[str, str, str]] = {}
        # Refuse organiser writes from level-1 tokens (a switch keeps the lenient old way).
        self.enforce_level2 = True
        self.clear()

    # -- state ----------------------------------------------------------------------------
    def clear(self) -> None:
        """An organisation with nothing in it (not even custom fields or tags)."""
        self.counters: dict[str, int] = {}
        self.people: dict[int, dict[str, Any]] = {}
        self._people_list: list[dict[str, Any]] | None = None
        self.fields: dict[int, dict[str, Any]] = {}
        self.tags: dict[int, dict[str, Any]] = {}
        self.tag_groups: dict[int, dict[str, Any]] = {}
        self.person_tags: dict[int, dict[int, Any]] = {}
        self.notes: dict[int, dict[str, Any]] = {}
        self.note_owner: dict[int, int] = {}
        self.join_forms: dict[int, dict[str, Any]] = {}
        self.join_submissions: dict[int, dict[str, Any]] = {}
        self.bulk_log: dict[int, dict[str, Any]] = {}
        self.campaigns: dict[int, dict[str, Any]] = {}
        self.activities: dict[int, dict[str, Any]] = {}
        self.locations: dict[int, dict[str, Any]] = {}
        self.actions: dict[int, dict[str, Any]] = {}
        self.participants: dict[int, dict[int, dict[str, Any]]] = {}
        self.responses: dict[int, dict[int, str]] = {}
        self.queries: dict[int, dict[str, Any]] = {}
        self.call_assignments: dict[int, dict[str, Any]] = {}
        self.callers: dict[int, dict[int, dict[str, list[int]]]] = {}
        self.calls: dict[int, dict[str, Any]] = {}
        self.views: dict[int, dict[str, Any]] = {}
        self.view_columns: dict[int, list[dict[str, Any]]] = {}
        self.view_rows: dict[int, list[int]] = {}
        self.view_cells: dict[tuple[int, int, int], Any] = {}
        self.sub_orgs: dict[int, dict[str, Any]] = {}
        self.users: dict[int, dict[str, Any]] = {}
        # v2 canvassing
        self.areas: dict[int, dict[str, Any]] = {}
        self.map_locations: dict[int, dict[str, Any]] = {}
        self.households: dict[int, dict[str, Any]] = {}
        self.area_assignments: dict[int, dict[str, Any]] = {}
        self.assignees: dict[int, list[dict[str, Any]]] = {}
        self.metrics: dict[int, dict[str, Any]] = {}
        self.household_visits: dict[int, dict[str, Any]] = {}
        self.location_visits: dict[int, dict[str, Any]] = {}
        self.me = {"id": 1, "first_name": "Sandkasse", "last_name": "Bruker"}
        # The sandbox user's role in the org (``null`` = a plain member, reference §12).
        self.role: str | None = "admin"
        # Fault: list endpoints for people (``/people``, view rows) leave out this many.
        self.short_by = 0
        # Fault: route name -> the ``data`` it answers instead (a wrong-shape answer).
        self.malformed: dict[str, Any] = {}
        # Bulk jobs answer "pending" and stay "in_progress" for this many ``GET bulk`` reads.
        self.bulk_polls = 0
        self.bulk_waiting: dict[int, int] = {}  # bulk log id -> reads left before completed

    def next_id(self, kind: str, floor: int = 0) -> int:
        value = max(self.counters.get(kind, 0), floor) + 1
        self.counters[kind] = value
        return value

    def bump(self, kind: str, used: int) -> None:
        self.counters[kind] = max(self.counters.get(kind, 0), used)

    @property
    def org_ref(self) -> dict[str, Any]:
        return {"id": self.org_id, "title": self.org_title}

    # -- people ---------------------------------------------------------------------------
    def slugs(self) -> dict[str, dict[str, Any]]:
        return {f["slug"]: f for f in self.fields.values()}

    def people_list(self) -> list[dict[str, Any]]:
        """All people in id order, cached until the next change (paging stays O(page))."""
        if self._people_list is None:
            self._people_list = list(self.people.values())
        return self._people_list

    def people_changed(self) -> None:
        self._people_list = None

    def add_person(self, data: dict[str, Any], person_id: int | None = None) -> dict[str, Any]:
        pid = person_id if person_id is not None else self.next_id("person")
        self.bump("person", pid)
        person: dict[str, Any] = {key: None for key in NATIVE_FIELDS}
        person["id"] = pid
        person["is_user"] = False
        for slug in self.slugs():
            person[slug] = None
        for key, value in data.items():
            if key in person and key not in ("id", "is_user"):
                person[key] = value
        self.people[pid] = person
        self.person_tags.setdefault(pid, {})
        self.people_changed()
        return person

    def add_field(self, title: str, slug: str, type_: str, description: str | None = None) -> int:
        fid = self.next_id("field")
        self.fields[fid] = {
            "id": fid,
            "title": title,
            "slug": slug,
            "description": description,
            "type": type_,
            "enum_choices": None,
            "organization": self.org_ref,
            "org_read": "sameorg",
            "org_write": "sameorg",
        }
        for person in self.people.values():
            person.setdefault(slug, None)
        return fid

    def add_tag(
        self, title: str, description: str = "", value_type: str | None = None, **extra: Any
    ) -> dict[str, Any]:
        tid = self.next_id("tag")
        tag = {
            "id": tid,
            "title": title,
            "description": description,
            "hidden": False,
            "color": None,
            "value_type": value_type,
            "organization": self.org_ref,
            "group": None,
        }
        tag.update(extra)
        self.tags[tid] = tag
        return tag

    def tag_by_title(self, title: str) -> dict[str, Any]:
        return next(t for t in self.tags.values() if t["title"] == title)

    def applied_tags(self, person_id: int) -> list[dict[str, Any]]:
        return [
            {**self.tags[tid], "value": value}
            for tid, value in self.person_tags.get(person_id, {}).items()
            if tid in self.tags
        ]

    def person_ref(self, person_id: int) -> dict[str, Any]:
        person = self.people.get(person_id)
        if person is None:
            return {"id": person_id, "name": None}
        return {"id": person_id, "name": f"{person['first_name']} {person['last_name']}"}

    # -- tokens ---------------------------------------------------------------------------
    def mint(
        self,
        lifetime: float | None,
        refresh: bool = False,
        *,
        level: int = 2,
        factor: str = "email_password",
    ) -> Token:
        token = Token(
            value=secrets.token_urlsafe(24),
            expires_at=None if lifetime is None else time.time() + lifetime,
            refresh=secrets.token_urlsafe(24) if refresh else None,
            level=level,
            factor=factor,
        )
        self.tokens[token.value] = token
        if token.refresh:
            self.refresh_tokens[token.refresh] = self.client_id
            self.refresh_levels[token.refresh] = level
        return token

    def install_static_token(self) -> None:
        self.tokens[self.static_token] = Token(self.static_token, None)

    def expire_all(self) -> int:
        moment = time.time() - 1
        for token in self.tokens.values():
            token.expires_at = moment
        return len(self.tokens)

    # -- seeding --------------------------------------------------------------------------
    def seed_empty(self) -> None:
        """The default custom fields and tags, no people (DESIGN.md ``--seed empty``)."""
        self.clear()
        self.add_field("Innmeldt", "innmeldt", "date", "Dato for innmelding")
        self.add_field("Bydel", "bydel", "text", "Bydelen medlemmet bor i")
        for title in (fictional.TAG_MEMBER, fictional.TAG_DOORKNOCK, fictional.TAG_CALL):
            self.add_tag(title)
        self.users[1] = {**self.me, "email": "sandkasse@example.org", "phone": None}

    def seed_branch(self, branch: fictional.Branch) -> None:
        """Load the fictional branch; ids are the branch's own, so tests can name them."""
        from sandbox.zetkin.seed import load_branch

        self.org_id, self.org_title = branch.org_id, branch.org_title
        self.seed_empty()
        load_branch(self, branch)
