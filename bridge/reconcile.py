"""Member reconciliation, planned: what to write where so the sheet and Zetkin agree.

:func:`plan_reconcile` compares three things per person and synced field: the *base* (the last
value both sides agreed on, from the ledger), the members-tab row and the Zetkin person. It
writes nothing; it returns a :class:`ReconcilePlan` that the job applies (Zetkin first, then one
sheet batch, then the ledger) or holds for approval.

The rules, field by field (values normalised, see :mod:`bridge.normalise`):

* sheet == Zetkin: nothing to write; the base becomes that value.
* only Zetkin changed (sheet == base): the sheet cell is written.
* only the sheet changed (Zetkin == base): Zetkin is written (a person patch, or a tag put on
  or taken off for the yes/no columns).
* both changed, to different values: a **conflict**. Neither side is written, the base is
  kept (so it stays a conflict until a person makes the two agree), the row's status says
  which fields, and the conflict is listed for the admin.
* **no base yet** (first link of a row and a person): the side that is empty takes the other
  side's value; for the yes/no columns "Ja" on either side wins (someone said yes, and a
  forgotten tick is likelier than a withdrawn one); two different non-empty values are a
  conflict, as above.

Rows and people:

* a member in Zetkin with no row is appended (``Innmeldt`` from the join-date field, else the
  first-seen date the job passes in ``first_seen``);
* a row without ``Zetkin-ID`` that matches nobody becomes a :class:`PersonCreate` (when the
  option is on) carrying the row's anchor, so the job can write the new id into that row; a row
  that matches exactly one person (member or not) by phone or e-mail gets that id written; a
  doubtful match (several people, or only a member's name) goes to review and changes
  nothing; a row sharing a phone or e-mail with an earlier such row is the same new person
  typed twice ("Mulig duplikat av rad N"), so one person is created;
* a row whose create's answer was lost, found again by the runner (``known_creates``), is
  linked to that person and finished as the create would have been, never created again;
* a row whose ``Zetkin-ID`` is not valid (:func:`bridge.sheet.person_id_of`) gets its status
  by that text (the workbook finds the row by it); whoever its phone, e-mail or name says it
  may be is not appended meanwhile;
* a row whose person is gone from Zetkin or no longer a member gets the status "Ikke lenger
  medlem i Zetkin" and is never deleted or otherwise touched;
* a row with a problem (invalid phone, e-mail, district, yes/no or id; a duplicate) changes
  nothing on either side; its status says what to fix. A value the board did not type but
  that came from Zetkin as it stands (the sheet cell equals Zetkin's value) is not the board's
  problem and does not block the row.

Only fields the tab has a column for are synced: a column the board removed is not read as
"emptied" (which would clear the value in Zetkin), and no write goes to a missing column.

Status cells: "OK <date time>" (``now``, formatted as given: pass local time) is written when
the row's status text changes, ignoring the OK timestamp, or when this run writes something
in the row (either side); otherwise the cell is left alone, so a run with nothing to do plans
zero writes.

Guards (invariant 8): a plan is *held* (``plan.held`` says why) when the Zetkin pull was cut
short, when it returned nobody while the sheet has rows, or when it would change data in more
than ``max_change_share`` of the existing rows (either side; a value overwritten, so appends,
new ids, ``Innmeldt`` and cells filled where one side was empty do not count; the yes/no
columns always hold a value). :func:`plan_fingerprint` lets a held plan be applied later only if the
sources are unchanged.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from bridge.duplicates import (
    CREATED,
    GONE,
    LINKED,
    SETTLED,
    STALE,
    WAITING,
    DecisionOutcome,
    DuplicateDecision,
    anchor_key,
)
from bridge.match import MatchResult, PeopleIndex, ReviewItem, match_rows
from bridge.members import (
    SYNCED_FIELDS,
    YES_NO_FIELDS,
    Base,
    JoinSubmission,
    MemberRow,
    ZetkinMember,
    parse_row,
    zetkin_values,
)
from bridge.messages import field_label, t
from bridge.normalise import YES, Problem, district_lookup, fold_name
from bridge.sheet import CellWrite, RowAppend, SheetPlan, TabSnapshot

__all__ = [
    "Conflict",
    "Link",
    "PersonCreate",
    "PersonPatch",
    "ReconcileOptions",
    "ReconcilePlan",
    "RowIssue",
    "TagChange",
    "plan_fingerprint",
    "plan_reconcile",
]

_NATIVE = ("first_name", "last_name", "phone", "email")
_ANCHOR_FIELDS = ("first_name", "last_name", "phone", "email", "district")
# Fields whose invalid sheet value is accepted when it is exactly Zetkin's value.
_TOLERATED = frozenset({"phone", "email", "district"})
# Review reasons that rest on the name alone (no phone or e-mail in common).
_NAME_REASONS = frozenset({"name", "name_district"})


@dataclass(frozen=True)
class ReconcileOptions:
    """What the planner needs from the configuration, as plain values.

    Mirrors ``config.settings.ReconcileSettings`` plus the branch's districts and language (the
    core does not import ``config``). ``min_changed_rows_to_hold`` lets a small branch edit a
    few rows without every run being held (0: the share alone decides).
    """

    districts: tuple[str, ...] = ()
    language: str = "nb"
    member_tag: str = "Medlem"
    door_knock_tag: str = "Vil dørbanke"
    caller_tag: str = "Vil ringe"
    joined_field: str = "innmeldt"
    district_field: str = "bydel"
    create_in_zetkin: bool = True
    auto_accept_joins: bool = False
    max_change_share: float = 0.3
    min_changed_rows_to_hold: int = 0
    phone_region: str = "NO"

    @classmethod
    def from_settings(
        cls, reconcile: object, *, districts: Sequence[str] = (), language: str = "nb"
    ) -> ReconcileOptions:
        """Build from a ``ReconcileSettings`` (or anything with the same attributes), without
        importing ``config`` into the core."""
        names = (
            "member_tag",
            "door_knock_tag",
            "caller_tag",
            "joined_field",
            "district_field",
            "create_in_zetkin",
            "auto_accept_joins",
            "max_change_share",
        )
        values = {name: getattr(reconcile, name) for name in names if hasattr(reconcile, name)}
        return cls(districts=tuple(districts), language=language, **values)

    def tag_for(self, field_key: str) -> str:
        return self.door_knock_tag if field_key == "door_knock" else self.caller_tag

    def zetkin_key(self, field_key: str) -> str:
        """The Zetkin person key of a synced field (native name or custom-field slug)."""
        return self.district_field if field_key == "district" else field_key


@dataclass(frozen=True)
class PersonPatch:
    """PATCH one Zetkin person: Zetkin keys (native names, custom slugs) to new values.

    An empty string means "clear the value" (the client sends ``null``).
    """

    person_id: int
    fields: Mapping[str, str]


@dataclass(frozen=True)
class TagChange:
    """Put a tag on a person (``add``) or take it off."""

    person_id: int
    tag: str
    add: bool


@dataclass(frozen=True)
class PersonCreate:
    """Create a Zetkin person for a row the board added, then write the new id into the row.

    The row has no key, so it is found again by ``anchor`` (its values as read); after the
    create the job calls :meth:`sheet_writes` with the new id, stores ``base`` for it, and
    records today as the person's first-seen date (``joined`` is that date). ``anchor`` and
    ``base`` are what the runner records as a pending create before the request (with a ref
    of its own: nothing here is random); a found-again create goes back to the planner as
    ``known_creates=[(anchor, person_id)]``.
    """

    row_number: int
    anchor: Mapping[str, str]
    fields: Mapping[str, str]
    tags: tuple[str, ...]
    base: Mapping[str, str]
    joined: str
    status: str

    def sheet_writes(self, tab: str, person_id: int) -> tuple[CellWrite, ...]:
        """The cells to write once Zetkin has given the person an id."""
        anchor = dict(self.anchor)
        return (
            CellWrite(tab, None, "zetkin_id", str(person_id), anchor),
            CellWrite(tab, None, "joined", self.joined, anchor),
            CellWrite(tab, None, "status", self.status, anchor),
        )


@dataclass(frozen=True)
class Conflict:
    """A field changed on both sides to different values: listed for the admin."""

    person_id: int
    row_number: int
    cell: str
    field: str
    sheet_value: str
    zetkin_value: str
    base_value: str | None


@dataclass(frozen=True)
class RowIssue:
    """A row error, with the cell to look at and the status text shown on the row."""

    row_number: int
    cell: str
    problem: Problem
    message: str


@dataclass(frozen=True)
class Link:
    """A row and a person now known to be the same (``how``: id, phone, email, append)."""

    person_id: int
    row_number: int
    how: str


@dataclass
class ReconcilePlan:
    """Everything one reconcile run would do, plus what to report and remember.

    ``base_updates`` holds the new base only for people whose base changes; a created person's
    base travels in its :class:`PersonCreate`. ``updated_rows`` counts rows with data written on
    either side; ``changed_rows`` those where a non-empty value is overwritten (what the
    mass-change guard weighs). ``held`` is ``None`` or why the plan waits for approval;
    ``fingerprint`` identifies the inputs it was planned from.
    """

    tab: str
    now: str
    sheet: SheetPlan = field(default_factory=SheetPlan)
    patches: tuple[PersonPatch, ...] = ()
    tag_changes: tuple[TagChange, ...] = ()
    creates: tuple[PersonCreate, ...] = ()
    base_updates: Mapping[int, Mapping[str, str]] = field(default_factory=dict)
    links: tuple[Link, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    review: tuple[ReviewItem, ...] = ()
    row_errors: tuple[RowIssue, ...] = ()
    pending_joins: tuple[JoinSubmission, ...] = ()
    accept_joins: tuple[int, ...] = ()
    changed_rows: int = 0
    updated_rows: int = 0
    existing_rows: int = 0
    # The admin's duplicate decisions this plan acts on or closes (bridge.duplicates).
    decisions: tuple[DecisionOutcome, ...] = ()
    held: str | None = None
    fingerprint: str = ""

    @property
    def has_writes(self) -> bool:
        """Whether applying the plan would make any write request to either system."""
        return bool(
            self.sheet or self.patches or self.tag_changes or self.creates or self.accept_joins
        )

    @property
    def counts(self) -> dict[str, int]:
        """The run summary's numbers."""
        return {
            "created": len(self.creates),
            "updated": self.updated_rows,
            "appended": len(self.sheet.appends),
            "conflicts": len(self.conflicts),
            "review": len(self.review),
            "row_errors": len({issue.row_number for issue in self.row_errors}),
            "pending_joins": len(self.pending_joins),
            "sheet_writes": len(self.sheet.writes),
            "zetkin_writes": len(self.patches) + len(self.tag_changes),
        }

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form, for the ledger (a held plan is stored and approved later)."""
        return {
            "tab": self.tab,
            "now": self.now,
            "sheet": {
                "writes": [
                    {
                        "tab": w.tab,
                        "row_key": w.row_key,
                        "field": w.field,
                        "value": w.value,
                        "anchor": dict(w.anchor),
                        "was": w.was,
                    }
                    for w in self.sheet.writes
                ],
                "appends": [{"tab": a.tab, "values": dict(a.values)} for a in self.sheet.appends],
            },
            "patches": [{"person_id": p.person_id, "fields": dict(p.fields)} for p in self.patches],
            "tag_changes": [
                {"person_id": c.person_id, "tag": c.tag, "add": c.add} for c in self.tag_changes
            ],
            "creates": [
                {
                    "row_number": c.row_number,
                    "anchor": dict(c.anchor),
                    "fields": dict(c.fields),
                    "tags": list(c.tags),
                    "base": dict(c.base),
                    "joined": c.joined,
                    "status": c.status,
                }
                for c in self.creates
            ],
            "base_updates": {str(pid): dict(v) for pid, v in self.base_updates.items()},
            "links": [
                {"person_id": k.person_id, "row_number": k.row_number, "how": k.how}
                for k in self.links
            ],
            "conflicts": [
                {
                    "person_id": c.person_id,
                    "row_number": c.row_number,
                    "cell": c.cell,
                    "field": c.field,
                    "sheet_value": c.sheet_value,
                    "zetkin_value": c.zetkin_value,
                    "base_value": c.base_value,
                }
                for c in self.conflicts
            ],
            "review": [r.to_dict() for r in self.review],
            "row_errors": [
                {
                    "row_number": e.row_number,
                    "cell": e.cell,
                    "problem": e.problem.to_dict(),
                    "message": e.message,
                }
                for e in self.row_errors
            ],
            "pending_joins": [j.to_dict() for j in self.pending_joins],
            "accept_joins": list(self.accept_joins),
            "changed_rows": self.changed_rows,
            "updated_rows": self.updated_rows,
            "existing_rows": self.existing_rows,
            "held": self.held,
            "fingerprint": self.fingerprint,
            "decisions": [d.to_dict() for d in self.decisions],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ReconcilePlan:
        """The inverse of :meth:`to_dict`."""
        sheet = data["sheet"]
        return cls(
            tab=data["tab"],
            now=data["now"],
            sheet=SheetPlan(
                writes=tuple(
                    CellWrite(
                        w["tab"],
                        w["row_key"],
                        w["field"],
                        w["value"],
                        dict(w["anchor"]),
                        w.get("was"),  # plans held before this key have none
                    )
                    for w in sheet["writes"]
                ),
                appends=tuple(RowAppend(a["tab"], dict(a["values"])) for a in sheet["appends"]),
            ),
            patches=tuple(PersonPatch(p["person_id"], dict(p["fields"])) for p in data["patches"]),
            tag_changes=tuple(
                TagChange(c["person_id"], c["tag"], c["add"]) for c in data["tag_changes"]
            ),
            creates=tuple(
                PersonCreate(
                    c["row_number"],
                    dict(c["anchor"]),
                    dict(c["fields"]),
                    tuple(c["tags"]),
                    dict(c["base"]),
                    c["joined"],
                    c["status"],
                )
                for c in data["creates"]
            ),
            base_updates={int(pid): dict(v) for pid, v in data["base_updates"].items()},
            links=tuple(Link(k["person_id"], k["row_number"], k["how"]) for k in data["links"]),
            conflicts=tuple(Conflict(**c) for c in data["conflicts"]),
            review=tuple(ReviewItem.from_dict(r) for r in data["review"]),
            row_errors=tuple(
                RowIssue(e["row_number"], e["cell"], Problem.from_dict(e["problem"]), e["message"])
                for e in data["row_errors"]
            ),
            pending_joins=tuple(JoinSubmission.from_dict(j) for j in data["pending_joins"]),
            accept_joins=tuple(data["accept_joins"]),
            changed_rows=data["changed_rows"],
            updated_rows=data["updated_rows"],
            existing_rows=data["existing_rows"],
            held=data["held"],
            fingerprint=data["fingerprint"],
            decisions=tuple(DecisionOutcome.from_dict(d) for d in data.get("decisions", ())),
        )


def plan_fingerprint(
    sheet: TabSnapshot,
    people: Sequence[ZetkinMember],
    base: Base,
    known_creates: Sequence[tuple[Mapping[str, str], int]] = (),
    decisions: Mapping[str, DuplicateDecision] | None = None,
) -> str:
    """A stable hash of the inputs a plan was made from.

    A held plan is applied later only if a fresh pull gives the same fingerprint: the rows'
    bridge-known values (board columns and row numbers left out: notes and sorting do not
    change what the plan does), every person, the base, and the found-again creates (only
    when there are any, so a fingerprint taken without them is unchanged), and likewise the
    admin's duplicate decisions.
    """
    keys = sorted({*sheet.columns, *(sheet.rows[0].values if sheet.rows else ())})
    payload = {
        "rows": [[row.values.get(k, "") for k in keys] for row in sheet.rows],
        "people": [
            [
                p.id,
                p.first_name,
                p.last_name,
                p.phone,
                p.email,
                p.district,
                p.joined.isoformat() if p.joined else None,
                sorted(p.tags),
                p.is_member,
            ]
            for p in sorted(people, key=lambda p: p.id)
        ],
        "base": [[pid, [base[pid].get(f) for f in SYNCED_FIELDS]] for pid in sorted(base)],
    }
    if known_creates:
        payload["known_creates"] = sorted(
            [pid, [list(item) for item in _anchor_key(anchor)]] for anchor, pid in known_creates
        )
    if decisions:
        payload["decisions"] = sorted(
            [d.id, key, sorted(d.candidates), d.same_as] for key, d in decisions.items()
        )
    text = json.dumps(payload, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


class _Planner:
    """One planning run's state; :func:`plan_reconcile` is the public entry."""

    def __init__(
        self,
        sheet: TabSnapshot,
        options: ReconcileOptions,
        now: datetime,
        first_seen: Mapping[int, date],
    ) -> None:
        self.tab = sheet.key
        self.options = options
        self.lang = options.language
        self.first_seen = first_seen
        self.ok_status = t("status.ok", self.lang, when=now.strftime("%Y-%m-%d %H:%M"))
        self.ok_prefix = t("status.ok", self.lang, when="").strip()
        self.today = now.date().isoformat()
        self.writes: list[CellWrite] = []
        self.appends: list[RowAppend] = []
        self.patches: list[PersonPatch] = []
        self.tag_changes: list[TagChange] = []
        self.creates: list[PersonCreate] = []
        self.base_updates: dict[int, dict[str, str]] = {}
        self.links: list[Link] = []
        self.conflicts: list[Conflict] = []
        self.row_errors: list[RowIssue] = []
        self.changed_rows = 0
        self.updated_rows = 0
        self.shared_keys: set[str] = set()
        # Only fields the tab has a column for take part: a column the board removed must not
        # read as "emptied in the sheet" and clear the value in Zetkin. (A snapshot built with
        # no column map at all is taken to have every column.)
        self.columns = frozenset(sheet.columns) if sheet.columns else None
        self.fields = tuple(f for f in SYNCED_FIELDS if self.columns is None or f in self.columns)

    # --- helpers ------------------------------------------------------------------------

    def cell_write(self, row: MemberRow, field_key: str, value: str) -> None:
        if self.columns is not None and field_key not in self.columns:
            return
        was = row.row.get(field_key)  # an edit after the read keeps the board's value
        if row.id_text:
            # The key's text as read, valid or not: the workbook finds the row by it.
            key = _row_key(row)
            # A key typed into two rows does not identify either: the anchor picks.
            anchor = _anchor(row) if key in self.shared_keys else {}
            self.writes.append(CellWrite(self.tab, key, field_key, value, anchor, was))
        else:
            self.writes.append(CellWrite(self.tab, None, field_key, value, _anchor(row), was))

    def status(self, row: MemberRow, status: str, row_changed: bool) -> None:
        current = row.row.get("status").strip()
        if status == self.ok_status:
            was_ok = current == self.ok_prefix or current.startswith(self.ok_prefix + " ")
            if was_ok and not row_changed:
                return
        elif current == status:
            return
        self.cell_write(row, "status", status)

    def errors(self, row: MemberRow, problems: Sequence[Problem]) -> str:
        cells = row.row.cells
        fallback = cells.get("status", "") or next(iter(cells.values()), "")
        messages = []
        for problem in problems:
            message = problem.message(self.lang)
            messages.append(message)
            self.row_errors.append(
                RowIssue(row.number, cells.get(problem.field, fallback), problem, message)
            )
        return t("status.separator", self.lang).join(dict.fromkeys(messages))

    def _expected_joined(self, person: ZetkinMember, fallback: str = "") -> tuple[str, bool]:
        """``Innmeldt`` for a person, and whether Zetkin itself holds it."""
        if person.joined is not None:
            return person.joined.isoformat(), True
        seen = self.first_seen.get(person.id)
        return (seen.isoformat() if seen else fallback), False

    # --- the three-way merge of one linked row ------------------------------------------

    def merge(
        self,
        row: MemberRow,
        person: ZetkinMember,
        zv: Mapping[str, str],
        old_base: Mapping[str, str] | None,
        linked_now: bool,
        joined_fallback: str = "",
    ) -> None:
        options = self.options
        pid = person.id
        new_base = dict(old_base or {})
        patch: dict[str, str] = {}
        data_changed = overwrote = False
        conflicted: list[str] = []
        sheet_written = linked_now
        for f in self.fields:
            s = row.values[f]
            z = zv[f]
            if s == z or (f == "district" and s.casefold() == z.casefold()):
                new_base[f] = z
                continue
            b = old_base.get(f) if old_base is not None else None
            to_sheet = to_zetkin = False
            if b is None:
                if f in YES_NO_FIELDS:
                    to_sheet, to_zetkin = z == YES, s == YES
                elif not s:
                    to_sheet = True
                elif not z:
                    to_zetkin = True
            elif s == b:
                to_sheet = True
            elif z == b:
                to_zetkin = True
            if to_sheet:
                self.cell_write(row, f, z)
                new_base[f] = z
                data_changed = sheet_written = True
                overwrote = overwrote or bool(s)
            elif to_zetkin:
                if f in YES_NO_FIELDS:
                    self.tag_changes.append(TagChange(pid, options.tag_for(f), s == YES))
                else:
                    patch[options.zetkin_key(f)] = s
                new_base[f] = s
                data_changed = True
                overwrote = overwrote or bool(z)
            else:
                conflicted.append(f)
                self.conflicts.append(
                    Conflict(pid, row.number, row.row.cells.get(f, ""), f, s, z, b)
                )
        if patch:
            self.patches.append(PersonPatch(pid, patch))
        if data_changed:
            self.updated_rows += 1
        if overwrote:
            self.changed_rows += 1

        joined, from_zetkin = self._expected_joined(person, joined_fallback)
        current_joined = row.row.get("joined").strip()
        if joined and current_joined != joined and (from_zetkin or not current_joined):
            self.cell_write(row, "joined", joined)
            sheet_written = True

        if old_base is None or new_base != dict(old_base):
            self.base_updates[pid] = new_base
        if conflicted:
            labels = ", ".join(field_label(f, self.lang) for f in conflicted)
            status = t("status.conflict", self.lang, fields=labels)
        else:
            status = self.ok_status
        self.status(row, status, data_changed or sheet_written)

    def append(self, person: ZetkinMember, zv: Mapping[str, str]) -> None:
        joined, _ = self._expected_joined(person)
        values = {"zetkin_id": str(person.id), **zv, "joined": joined, "status": self.ok_status}
        if self.columns is not None:
            values = {k: v for k, v in values.items() if k in self.columns}
        self.appends.append(RowAppend(self.tab, values))
        self.base_updates[person.id] = {f: zv[f] for f in self.fields}
        self.links.append(Link(person.id, 0, "append"))

    def create(self, row: MemberRow) -> None:
        options = self.options
        if not options.create_in_zetkin:
            self.status(row, t("status.not_created", self.lang), False)
            return
        if not row.values["last_name"]:
            problem = Problem("missing_last_name", "last_name")
            self.status(row, self.errors(row, [problem]), False)
            return
        fields = {
            options.zetkin_key(f): row.values[f]
            for f in self.fields
            if f not in YES_NO_FIELDS and row.values[f]
        }
        said_yes = [
            options.tag_for(f) for f in YES_NO_FIELDS if f in self.fields and row.values[f] == YES
        ]
        tags = (options.member_tag, *said_yes)
        self.creates.append(
            PersonCreate(
                row_number=row.number,
                anchor=_anchor(row),
                fields=fields,
                tags=tags,
                base={f: row.values[f] for f in self.fields},
                joined=self.today,
                status=self.ok_status,
            )
        )


def _anchor(row: MemberRow) -> dict[str, str]:
    """A keyless row's identifying values as read (CellWrite.anchor)."""
    return {f: row.row.get(f) for f in _ANCHOR_FIELDS if row.row.get(f).strip()}


def _anchor_key(anchor: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(anchor.items()))


def _row_key(row: MemberRow) -> str:
    """The text the workbook addresses a keyed row by (the key cell, stripped)."""
    return row.row.key if row.row.key is not None else row.id_text


def plan_reconcile(
    sheet: TabSnapshot,
    people: Sequence[ZetkinMember],
    base: Base,
    options: ReconcileOptions,
    now: datetime,
    *,
    pull_complete: bool = True,
    first_seen: Mapping[int, date] | None = None,
    joins: Sequence[JoinSubmission] = (),
    known_creates: Sequence[tuple[Mapping[str, str], int]] = (),
    decisions: Mapping[str, DuplicateDecision] | None = None,
) -> ReconcilePlan:
    """Plan one reconcile run of the members tab ``sheet`` against Zetkin ``people``.

    ``people`` may hold non-members too (``is_member`` false): they are matched against
    board-added rows by phone and e-mail, so nobody is created twice, but never appended.
    ``first_seen`` gives the ledger's first-seen date for people with no join date in
    Zetkin; ``joins`` are pending join submissions. ``known_creates`` are earlier creates
    whose answer was lost and that the runner has found again, as (the
    :attr:`PersonCreate.anchor` it was planned with, the person id): a keyless row with that
    anchor is linked to that person and finished as the create would have been (id,
    ``Innmeldt`` and status written, the member tag and any missing value added in Zetkin),
    never created again or appended. ``decisions`` are the admin's answers about possible
    duplicates, by the row's key (:mod:`bridge.duplicates`); ``plan.decisions`` says what
    became of each. See the module docstring for the rules.
    """
    planner = _Planner(sheet, options, now, first_seen or {})
    lookup = district_lookup(options.districts)
    region = options.phone_region

    rows = [r for r in (parse_row(row, lookup, region) for row in sheet.rows) if not r.blank]
    seen_keys: set[str] = set()
    for r in rows:
        if r.id_text:
            key = _row_key(r)
            if key in seen_keys:
                planner.shared_keys.add(key)
            seen_keys.add(key)
    created: dict[tuple[tuple[str, str], ...], int] = {}
    for anchor, pid in known_creates:
        created.setdefault(_anchor_key(anchor), pid)
    known = {
        i: created[akey]
        for i, r in enumerate(rows)
        if not r.id_text and (akey := _anchor_key(_anchor(r))) in created
    }
    by_id = {p.id: p for p in people}
    zvalues = {
        p.id: zetkin_values(p, lookup, options.door_knock_tag, options.caller_tag, region)
        for p in people
    }
    folded = {pid: fold_name(v["first_name"], v["last_name"]) for pid, v in zvalues.items()}
    # Named matches: members, and people a found-again create made (maybe not tagged yet).
    members = {p.id for p in people if p.is_member} | {pid for _, pid in known_creates}
    index = PeopleIndex(zvalues, folded, members)
    matched = match_rows(rows, index, known)
    outcomes: list[DecisionOutcome] = []
    decided: dict[int, int] = {}
    separate: set[int] = set()
    if decisions:
        decided, separate, outcomes = _weigh_decisions(rows, matched, decisions)
        if decided or separate:
            matched = match_rows(rows, index, known, decided=decided, separate=separate)
    for i, item in matched.review.items():
        matched.review[i] = replace(item, row_key=anchor_key(_anchor(rows[i])))

    for i, row in enumerate(rows):
        problems = list(matched.problems.get(i, ()))
        link = matched.linked.get(i)
        person = by_id.get(link[0]) if link else None
        for problem in row.problems:
            # A value that is exactly what Zetkin holds came from Zetkin: not the board's slip.
            tolerated = (
                person is not None
                and problem.field in _TOLERATED
                and row.values[problem.field].casefold()
                == zvalues[person.id][problem.field].casefold()
            )
            if not tolerated:
                problems.append(problem)
        if problems:
            planner.status(row, planner.errors(row, problems), False)
            continue
        if i in matched.review:
            candidates = matched.review[i].candidates
            ids = ", ".join(str(c.person_id) for c in candidates)
            by_name = all(c.reasons[0] in _NAME_REASONS for c in candidates)
            key = "status.same_name" if by_name else "status.review"
            planner.status(row, t(key, planner.lang, ids=ids), False)
            continue
        if link is None:
            planner.create(row)
            if i in separate:
                made = bool(planner.creates) and planner.creates[-1].row_number == row.number
                outcomes.append(_decided(decisions, row, CREATED if made else WAITING))
            continue
        pid, how = link
        linked_now = row.zetkin_id is None
        if how == "decision":
            outcomes.append(_decided(decisions, row, LINKED, pid))
        if linked_now:
            planner.cell_write(row, "zetkin_id", str(pid))
            planner.links.append(Link(pid, row.number, how))
        fallback = ""
        if how == "create" and person is not None:
            # Found again after a lost answer: finish it as the create would have.
            fallback = planner.today
            if not person.is_member:
                planner.tag_changes.append(TagChange(pid, options.member_tag, True))
                person = replace(person, is_member=True)
        if person is None or not person.is_member:
            planner.status(row, t("status.not_member", planner.lang), linked_now)
            continue
        planner.merge(row, person, zvalues[pid], base.get(pid), linked_now, fallback)

    # A decided row that could not be acted on (its person taken by another row meanwhile, a
    # new duplicate): closed unapplied, with a notice.
    acted = {d.id for d in outcomes}
    for i in sorted({*decided, *separate}):
        outcome = _decided(decisions, rows[i], STALE)
        if outcome.id not in acted:
            outcomes.append(outcome)

    for person in people:
        if (
            person.is_member
            and person.id not in matched.claimed
            and person.id not in matched.maybe_present
        ):
            planner.append(person, zvalues[person.id])

    plan = ReconcilePlan(
        tab=sheet.key,
        now=now.isoformat(),
        sheet=SheetPlan(tuple(planner.writes), tuple(planner.appends)),
        patches=tuple(planner.patches),
        tag_changes=tuple(planner.tag_changes),
        creates=tuple(planner.creates),
        base_updates=planner.base_updates,
        links=tuple(planner.links),
        conflicts=tuple(planner.conflicts),
        review=tuple(matched.review[i] for i in sorted(matched.review)),
        row_errors=tuple(planner.row_errors),
        pending_joins=tuple(joins),
        accept_joins=tuple(j.id for j in joins) if options.auto_accept_joins else (),
        changed_rows=planner.changed_rows,
        updated_rows=planner.updated_rows,
        existing_rows=len(rows),
        fingerprint=plan_fingerprint(sheet, people, base, known_creates, decisions),
        decisions=tuple(sorted(outcomes, key=lambda d: d.id)),
    )
    plan.held = _hold_reason(plan, people, options, pull_complete)
    return plan


def _weigh_decisions(
    rows: Sequence[MemberRow],
    matched: MatchResult,
    decisions: Mapping[str, DuplicateDecision],
) -> tuple[dict[int, int], set[int], list[DecisionOutcome]]:
    """Which decisions still fit their row: the row, found by its key, is in review with the
    candidates decided about. Returns the rows to link (index -> person), the rows to create,
    and the outcomes of the decisions that do not fit (settled, gone or stale)."""
    keyless: dict[str, int] = {}
    keyed: dict[str, int] = {}
    for i, r in enumerate(rows):
        (keyed if r.id_text else keyless).setdefault(anchor_key(_anchor(r)), i)
    decided: dict[int, int] = {}
    separate: set[int] = set()
    outcomes: list[DecisionOutcome] = []
    for key, decision in decisions.items():
        at = keyless.get(key)
        if at is None:
            found = keyed.get(key)
            if found is None:
                outcomes.append(DecisionOutcome(decision.id, GONE))
            else:  # the row has an id now: the question is answered
                outcomes.append(DecisionOutcome(decision.id, SETTLED, rows[found].number))
            continue
        i = at
        item = matched.review.get(i)
        now = frozenset(c.person_id for c in item.candidates) if item else frozenset()
        if now != decision.candidates:
            outcomes.append(DecisionOutcome(decision.id, STALE, rows[i].number))
        elif decision.same_as is None:
            separate.add(i)
        else:
            decided[i] = decision.same_as
    return decided, separate, outcomes


def _decided(
    decisions: Mapping[str, DuplicateDecision] | None,
    row: MemberRow,
    outcome: str,
    person_id: int | None = None,
) -> DecisionOutcome:
    """The outcome of the decision about ``row`` (one exists: the row was decided)."""
    assert decisions is not None
    decision = decisions[anchor_key(_anchor(row))]
    return DecisionOutcome(decision.id, outcome, row.number, person_id)


def _hold_reason(
    plan: ReconcilePlan,
    people: Sequence[ZetkinMember],
    options: ReconcileOptions,
    pull_complete: bool,
) -> str | None:
    lang = options.language
    if not pull_complete:
        return t("held.partial_pull", lang)
    if not people and (plan.existing_rows or plan.has_writes):
        return t("held.empty_pull", lang)
    total = plan.existing_rows
    changed = plan.changed_rows
    if (
        total
        and changed > options.max_change_share * total
        and changed > options.min_changed_rows_to_hold
    ):
        limit = round(options.max_change_share * 100)
        return t("held.mass_change", lang, changed=changed, total=total, limit=limit)
    return None
