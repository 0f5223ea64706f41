"""The door-knocking planner: the five tabs and Zetkin's events, in; one plan, out (no I/O).

:func:`plan_doorknock` decides, from one pull:

* **Rounds ↔ events**: a round with no event gets one (the create carries the round's id in
  the event's text, so a create whose answer was lost is found again, never made twice); an
  event found again by that id is linked; date, meeting point and cancellation follow the
  three-way rule against the stored base (only the sheet changed: Zetkin is patched; only
  Zetkin changed: the sheet is written; both, differently: nothing, and the row says so). A
  cancelled row cancels the event (a PATCH of ``cancelled``), never deletes it.
* **Sign-ups**: each matched row is signed up to the round's event and tagged; an unmatched
  row with a way to reach the person is created (with the tag) and signed up after.
* **New contacts** with consent: matched or created, tagged, with the round as a note; rows
  without consent are counted, and their personal data blanked after the configured days.
* **Results**, ``Oppsummering`` and ``Innspill``: the two report tabs are written whole, only
  when their text changes.

Every status cell is written only when its text changes, so a quiet cycle writes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from bridge.doorknock.people import Person, PersonRow, anchor_of, people_index, read_person_rows
from bridge.doorknock.results import ZetkinTally, parse_results
from bridge.doorknock.rounds import Round, RoundIndex, parse_rounds
from bridge.doorknock.summary import summary_table
from bridge.doorknock.themes import DEFAULT_THEMES, Digest, build_digest
from bridge.messages import t
from bridge.normalise import fold_name
from bridge.reconcile import PersonCreate, TagChange
from bridge.sheet import CellWrite, RowAppend, SheetRow, TabSnapshot

__all__ = [
    "REF_PREFIX",
    "DoorknockInput",
    "DoorknockOptions",
    "DoorknockPlan",
    "EventCreate",
    "EventPatch",
    "EventView",
    "RoundBase",
    "SignUp",
    "TabReplace",
    "digest_table",
    "plan_doorknock",
    "ref_of",
]

TABS = ("doorknock_rounds", "doorknock_signups", "doorknock_results", "new_contacts")
ROUNDS, SIGNUPS, RESULTS, CONTACTS = TABS
SUMMARY, DIGEST = "summary", "input_digest"
REF_PREFIX = "Runde-ID: "
DIGEST_HEADER = ("Tema", "Bydel", "Antall", "Datoer", "Innspill")
MAX_CELL = 45_000  # Sheets holds 50,000 characters in a cell


@dataclass(frozen=True)
class DoorknockOptions:
    districts: tuple[str, ...] = ()
    themes: Mapping[str, Sequence[str]] = field(default_factory=lambda: dict(DEFAULT_THEMES))
    goal_rounds: int = 10
    stale_days: int = 60
    signup_tag: str = "Vil dørbanke"
    contact_tag: str = "Dørbank-kontakt"
    create_people: bool = True
    blank_after_days: int = 30
    start: time = time(17, 0)
    duration: timedelta = timedelta(hours=2)
    title: str = "Dørbank {district}"
    phone_region: str = "NO"
    calls_on: bool = False
    call_round_name: str = "Dørbank-kontakter"
    year: int | None = None  # of dates typed without one; None: the year of ``now``


@dataclass(frozen=True)
class EventView:
    """A Zetkin event of the door-knocking project, in local (naive) time."""

    id: int
    round_ref: str | None
    start: datetime | None
    end: datetime | None
    title: str = ""
    location: str = ""
    cancelled: bool = False
    contact_id: int | None = None
    responders: frozenset[int] | None = None  # None: sign-ups not read this cycle

    @property
    def day(self) -> date | None:
        return self.start.date() if self.start else None


@dataclass(frozen=True)
class RoundBase:
    """What both sides agreed on for a round at the end of the last cycle that wrote it."""

    event_id: int
    day: str
    meeting_point: str
    cancelled: bool

    def to_dict(self) -> dict[str, object]:
        return {"event_id": self.event_id, "day": self.day, "meeting_point": self.meeting_point,
                "cancelled": self.cancelled}  # fmt: skip

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> RoundBase:
        return cls(int(str(data["event_id"])), str(data["day"]), str(data["meeting_point"]),
                   bool(data["cancelled"]))  # fmt: skip


@dataclass(frozen=True)
class EventCreate:
    round_id: str
    start: datetime
    end: datetime
    title: str
    location: str
    contact_id: int | None
    info_text: str
    anchor: Mapping[str, str]  # the round row (keyless when new) for the Zetkin-ID write
    row_key: str | None


@dataclass(frozen=True)
class EventPatch:
    """Named changes: ``start``/``end`` (naive local), ``location`` (a title), ``cancelled``
    (bool), ``title``, ``contact_id``."""

    event_id: int
    round_id: str
    changes: Mapping[str, object]


@dataclass(frozen=True)
class SignUp:
    """Sign a person up to a round's event: ``person_id`` known, or the ``create`` (an index
    into the plan's creates) made in the same cycle; ``event_id`` ``None``: the round's event
    is created in this cycle."""

    round_id: str
    event_id: int | None
    person_id: int | None = None
    create: int | None = None


@dataclass(frozen=True)
class ContactNote:
    person_id: int | None
    create: int | None
    text: str
    key: str


@dataclass(frozen=True)
class TabReplace:
    """A report tab written whole."""

    tab: str
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Problem:
    tab: str
    row: int
    cell: str
    code: str


@dataclass(frozen=True)
class DoorknockPlan:
    writes: tuple[CellWrite, ...] = ()
    appends: tuple[RowAppend, ...] = ()
    replaces: tuple[TabReplace, ...] = ()
    event_creates: tuple[EventCreate, ...] = ()
    event_patches: tuple[EventPatch, ...] = ()
    signups: tuple[SignUp, ...] = ()
    creates: tuple[tuple[str, PersonCreate], ...] = ()
    tags: tuple[TagChange, ...] = ()
    notes: tuple[ContactNote, ...] = ()
    bases: Mapping[str, RoundBase] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    counts: Mapping[str, int] = field(default_factory=dict)
    digest: Digest | None = None
    summary: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class DoorknockInput:
    tabs: Mapping[str, TabSnapshot]
    events: Sequence[EventView]
    bases: Mapping[str, RoundBase]
    people: Sequence[Person]
    tallies: Sequence[ZetkinTally]
    now: datetime  # local, naive
    applied: frozenset[str] = frozenset()
    call_rounds: TabSnapshot | None = None


def ref_of(info_text: str | None) -> str | None:
    """The round id the bridge wrote into an event's text, if any."""
    for line in (info_text or "").splitlines():
        if line.startswith(REF_PREFIX):
            return line[len(REF_PREFIX) :].strip() or None
    return None


def _fmt_day(d: date | None) -> str:
    return d.strftime("%d.%m.%Y") if d else ""


def _status(errors: Sequence[str], notes: Sequence[str]) -> str:
    if errors:
        return t("dk.status.error", text="; ".join(dict.fromkeys(errors)))
    if notes:
        return t("dk.status.ok_note", text="; ".join(dict.fromkeys(notes)))
    return t("dk.status.ok")


class _Planner:
    def __init__(self, data: DoorknockInput, options: DoorknockOptions) -> None:
        self.data, self.o = data, options
        self.today = data.now.date()
        self.writes: list[CellWrite] = []
        self.problems: list[Problem] = []
        self.counts: dict[str, int] = {}

    def count(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    def rows(self, tab: str) -> tuple[SheetRow, ...]:
        snap = self.data.tabs.get(tab)
        return snap.rows if snap else ()

    def has(self, tab: str, field_key: str) -> bool:
        snap = self.data.tabs.get(tab)
        return bool(snap and field_key in snap.columns)

    def write(self, tab: str, row: SheetRow, key: str | None, anchor: Mapping[str, str],
              field_key: str, value: str) -> None:  # fmt: skip
        if row.get(field_key) == value or not self.has(tab, field_key):
            return
        self.writes.append(CellWrite(tab, key, field_key, value, {} if key else dict(anchor)))

    def status(self, tab: str, row: SheetRow, key: str | None, anchor: Mapping[str, str],
               errors: Sequence[str], notes: Sequence[str]) -> None:  # fmt: skip
        text = _status(errors, notes)
        if text == t("dk.status.ok") and row.get("status") == t("dk.status.created"):
            text = row.get("status")  # created by the bridge, matched since: nothing new
        self.write(tab, row, key, anchor, "status", text)
        for _ in errors:
            cell = row.cells.get("status") or next(iter(row.cells.values()), "")
            self.problems.append(Problem(tab, row.row_number, cell, "doorknock"))
            break


def _round_anchor(r: Round) -> dict[str, str]:
    """A new round row's cells as read (it has no Runde-ID yet): enough to tell two rounds on
    the same day in the same district apart."""
    fields = ("date", "district", "area", "leader", "meeting_point")
    return {f: r.row.get(f) for f in fields if r.row.get(f).strip()}


def plan_doorknock(data: DoorknockInput, options: DoorknockOptions) -> DoorknockPlan:
    """Everything one cycle does for door-knocking (see the module's docstring)."""
    p = _Planner(data, options)
    o = options
    year = o.year or data.now.year
    rounds = parse_rounds(p.rows(ROUNDS), year=year, districts=o.districts)
    index = RoundIndex(rounds, o.districts, year)
    people = {x.id: x for x in data.people}
    pindex = people_index(data.people, o.phone_region)
    events = {e.id: e for e in data.events}
    by_ref = {e.round_ref.casefold(): e for e in data.events if e.round_ref}
    leaders: dict[str, list[int]] = {}
    for x in data.people:
        leaders.setdefault(fold_name(x.first_name, x.last_name), []).append(x.id)

    creates: list[EventCreate] = []
    patches: list[EventPatch] = []
    bases: dict[str, RoundBase] = {}
    event_of: dict[str, int | None] = {}  # round id -> event id (None: created this cycle)
    signups_planned: dict[str, int] = {}

    # -- sign-ups first (the rounds' Påmeldte counts what this cycle adds) ------------------
    signups: list[SignUp] = []
    person_creates: list[tuple[str, PersonCreate]] = []
    tags: dict[tuple[int, str], TagChange] = {}
    notes: list[ContactNote] = []

    def tag(pid: int, title: str) -> None:
        if title not in people[pid].tags:
            tags.setdefault((pid, title), TagChange(pid, title, True))

    def create(tab: str, row: PersonRow, title: str, anchor: Mapping[str, str]) -> int:
        fields = {"first_name": row.first_name, "last_name": row.last_name}
        if row.phone:
            fields["phone"] = row.phone
        if row.email:
            fields["email"] = row.email
        person_creates.append(
            (tab, DoorknockCreate(row.row.row_number, dict(anchor), fields, (title,), {}, "",
                                  t("dk.status.created")))
        )  # fmt: skip
        p.count("people_created")
        return len(person_creates) - 1

    def round_event(r: Round) -> tuple[bool, int | None]:
        """Whether the round has (or gets this cycle) an event, and its id if known."""
        if r.round_id in event_of:
            return True, event_of[r.round_id]
        return False, None

    # Rounds are matched to events before the people tabs are planned.
    for r in rounds:
        if not r.round_id:
            continue
        event = events.get(r.event_id) if r.event_id else by_ref.get(r.round_id.casefold())
        if event is not None:
            event_of[r.round_id] = event.id
        elif r.event_id is None and r.ok and not r.cancelled:
            event_of[r.round_id] = None

    signup_rows = read_person_rows(p.rows(SIGNUPS), index, pindex, region=o.phone_region)
    for s in signup_rows:
        anchor = anchor_of(s.row, ("name", "phone", "email", "round"))
        errors, row_notes = list(s.errors), list(s.notes)
        if not errors and s.round is not None:
            has_event, event_id = round_event(s.round)
            if not has_event:
                errors.append(t("dk.signup.no_event", round=s.round.label))
            elif s.person_id is not None:
                event = events.get(event_id) if event_id else None
                done = (
                    event is not None
                    and event.responders is not None
                    and (s.person_id in event.responders)
                )
                if not done and (event is None or event.responders is not None):
                    signups.append(SignUp(s.round.round_id, event_id, s.person_id))
                    signups_planned[s.round.round_id] = signups_planned.get(s.round.round_id, 0) + 1
                    p.count("signups")
                tag(s.person_id, o.signup_tag)
            elif not o.create_people:
                errors.append(t("dk.person.not_found"))
            elif s.reachable:
                idx = create(SIGNUPS, s, o.signup_tag, anchor)
                signups.append(SignUp(s.round.round_id, event_id, None, idx))
                signups_planned[s.round.round_id] = signups_planned.get(s.round.round_id, 0) + 1
                p.count("signups")
        p.status(SIGNUPS, s.row, None, anchor, errors, row_notes)

    # -- rounds ↔ events ------------------------------------------------------------------
    for r in rounds:
        key = None if r.new_id else r.round_id
        anchor = _round_anchor(r)
        errors, row_notes = list(r.errors), list(r.notes)
        if r.new_id and r.round_id:
            p.write(ROUNDS, r.row, None, anchor, "round_id", r.round_id)
        if errors or not r.round_id:
            p.status(ROUNDS, r.row, key, anchor, errors, row_notes)
            continue
        p.count("rounds")
        contact = leaders.get(fold_name(r.leader), []) if r.leader else []
        contact_id = contact[0] if len(contact) == 1 else None
        title = o.title.format(district=r.district, area=r.area).strip()
        if r.area and "{area}" not in o.title:
            title = f"{title}: {r.area}"
        event_id = event_of.get(r.round_id)
        event = events.get(event_id) if event_id else None
        if r.event_id is not None and event is None:
            errors.append(t("dk.round.event_gone", id=r.event_id))
            p.status(ROUNDS, r.row, key, anchor, errors, row_notes)
            continue
        assert r.date is not None
        if event is None:
            if r.cancelled:
                row_notes.append(t("dk.round.cancelled"))
            else:
                start = datetime.combine(r.date, o.start)
                creates.append(
                    EventCreate(r.round_id, start, start + o.duration, title, r.meeting_point,
                                contact_id, f"{REF_PREFIX}{r.round_id}", anchor, key)
                )  # fmt: skip
                p.count("events_created")
            if not r.cancelled:  # the new event's sign-ups are this cycle's
                p.write(ROUNDS, r.row, key, anchor, "signed_up",
                        str(signups_planned.get(r.round_id, 0)))  # fmt: skip
            p.status(ROUNDS, r.row, key, anchor, errors, row_notes)
            continue
        # Linked: the Zetkin-ID, then the three fields by the three-way rule.
        p.write(ROUNDS, r.row, key, anchor, "zetkin_id", str(event.id))
        base = data.bases.get(r.round_id)
        if base is not None and base.event_id != event.id:
            base = None
        sheet = {"day": r.date.isoformat(), "meeting_point": r.meeting_point,
                 "cancelled": r.cancelled}  # fmt: skip
        zday = event.day.isoformat() if event.day else ""
        zetkin = {"day": zday, "meeting_point": event.location, "cancelled": event.cancelled}
        agreed: dict[str, object] = {}
        changes: dict[str, object] = {}
        conflicts: list[str] = []
        for f in ("day", "meeting_point", "cancelled"):
            sv, z = sheet[f], zetkin[f]
            b = None if base is None else getattr(base, f)
            if sv == z:
                agreed[f] = sv
            elif base is None or z == b:
                changes[f] = sv
                agreed[f] = sv
            elif sv == b:
                agreed[f] = z
                _sheet_from_zetkin(p, r, key, anchor, f, z)
            else:
                conflicts.append(t(f"dk.field.{f}"))
                agreed[f] = b
        if "day" in changes and event.start is not None:
            moved = datetime.combine(r.date, event.start.time())
            length = (event.end - event.start) if event.end else o.duration
            changes.pop("day")
            changes["start"], changes["end"] = moved, moved + length
            p.count("events_moved")
        elif "day" in changes:
            start = datetime.combine(r.date, o.start)
            changes.pop("day")
            changes["start"], changes["end"] = start, start + o.duration
            p.count("events_moved")
        if "meeting_point" in changes:
            changes["location"] = changes.pop("meeting_point")
        if "cancelled" in changes:
            p.count("events_cancelled" if changes["cancelled"] else "events_restored")
        if title != event.title:
            changes["title"] = title
        if contact_id is not None and contact_id != event.contact_id:
            changes["contact_id"] = contact_id
        if changes:
            patches.append(EventPatch(event.id, r.round_id, changes))
        bases[r.round_id] = RoundBase(event.id, str(agreed["day"]), str(agreed["meeting_point"]),
                                      bool(agreed["cancelled"]))  # fmt: skip
        if conflicts:
            row_notes.append(t("dk.round.conflict", fields=", ".join(conflicts)))
        if bool(agreed["cancelled"]):
            row_notes.append(t("dk.round.cancelled"))
        if event.responders is not None:
            count = len(event.responders) + signups_planned.get(r.round_id, 0)
            p.write(ROUNDS, r.row, key, anchor, "signed_up", str(count))
        p.status(ROUNDS, r.row, key, anchor, errors, row_notes)

    # -- new contacts -----------------------------------------------------------------------
    contact_rows = read_person_rows(
        p.rows(CONTACTS), index, pindex, with_consent=True, region=o.phone_region
    )
    with_consent = without = 0
    for c in contact_rows:
        anchor = anchor_of(c.row, ("name", "phone", "email", "round", "consent"))
        errors, row_notes = list(c.errors), list(c.notes)
        label = c.round.label if c.round else ""
        rid = c.round.round_id if c.round else "-"
        if c.consent:
            with_consent += 1
            text = t("dk.contact.note", round=label or "?")
            if errors:
                pass
            elif c.person_id is not None:
                tag(c.person_id, o.contact_tag)
                note_key = f"dk-contact:{c.person_id}:{rid}"
                if note_key not in data.applied:
                    notes.append(ContactNote(c.person_id, None, text, note_key))
            elif o.create_people:
                idx = create(CONTACTS, c, o.contact_tag, anchor)
                notes.append(ContactNote(None, idx, text, f"dk-contact:new:{rid}:{idx}"))
            else:
                errors.append(t("dk.person.not_found"))
        else:  # no consent: a count only, and the personal data goes after the set days
            without += 1
            errors = []
            day = c.round.date if c.round else None
            personal = [f for f in ("name", "phone", "email") if c.row.get(f).strip()]
            if personal and day is not None and (p.today - day).days >= o.blank_after_days:
                for f in personal:
                    p.writes.append(CellWrite(CONTACTS, None, f, "", dict(anchor)))
                p.count("contacts_blanked")
                row_notes = [t("dk.contact.blanked")]
            elif not personal:
                row_notes = [t("dk.contact.blanked")]
            else:
                row_notes.append(t("dk.contact.no_consent"))
        p.status(CONTACTS, c.row, None, anchor, errors, row_notes)
    p.count("contacts_consent", with_consent)
    p.count("contacts_no_consent", without)

    # -- results ----------------------------------------------------------------------------
    results = parse_results(p.rows(RESULTS), index, data.tallies)
    for res in results:
        if res.row is None:
            continue
        anchor = anchor_of(res.row, ("round", "team", "doors_knocked", "doors_opened",
                                     "conversations", "new_contacts"))  # fmt: skip
        p.status(RESULTS, res.row, None, anchor, res.errors, res.notes)
    p.count("team_results", sum(1 for r in results if r.counted))

    # -- the two report tabs ----------------------------------------------------------------
    by_round = {r.round_id: r for r in rounds if r.round_id}
    sources = [
        (res.input_text, by_round[res.round_id].district, res.round_id, by_round[res.round_id].date)
        for res in results
        if res.row is not None and res.round_id and res.input_text.strip() and not res.duplicate
    ]
    digest = build_digest(sources, o.themes)
    summary = summary_table(
        rounds, results, today=p.today, districts=o.districts, goal=o.goal_rounds,
        stale_days=o.stale_days, contacts=(with_consent, without),
    )  # fmt: skip
    replaces: list[TabReplace] = []
    for tab, table in ((SUMMARY, summary), (DIGEST, digest_table(digest))):
        rows = tuple(tuple(r) for r in table)
        if tab in data.tabs and _current(data.tabs[tab]) != _trimmed(rows):
            replaces.append(TabReplace(tab, rows))
    p.count("input_items", digest.total)

    # -- a call round for the contacts, when the calls job is on --------------------------------
    appends: list[RowAppend] = []
    if o.calls_on and data.call_rounds is not None and with_consent:
        wanted = fold_name(o.contact_tag)
        present = any(wanted in fold_name(r.get("target")) for r in data.call_rounds.rows)
        if not present:
            appends.append(
                RowAppend("call_rounds", {
                    "name": o.call_round_name,
                    "purpose": t("dk.call_round.purpose"),
                    "target": f'tag:"{o.contact_tag}"',
                    "start": _fmt_day(p.today),
                })
            )  # fmt: skip

    return DoorknockPlan(
        writes=tuple(p.writes),
        appends=tuple(appends),
        replaces=tuple(replaces),
        event_creates=tuple(creates),
        event_patches=tuple(patches),
        signups=tuple(signups),
        creates=tuple(person_creates),
        tags=tuple(tags.values()),
        notes=tuple(notes),
        bases=bases,
        problems=tuple(p.problems),
        counts=dict(p.counts),
        digest=digest,
        summary=tuple(tuple(r) for r in summary),
    )


def _sheet_from_zetkin(
    p: _Planner, r: Round, key: str | None, anchor: Mapping[str, str], f: str, z: object
) -> None:
    if f == "day":
        p.write(ROUNDS, r.row, key, anchor, "date", _fmt_day(date.fromisoformat(str(z))))
    elif f == "meeting_point":
        p.write(ROUNDS, r.row, key, anchor, "meeting_point", str(z))
    else:
        p.write(ROUNDS, r.row, key, anchor, "cancelled", "Ja" if z else "Nei")


def digest_table(digest: Digest) -> list[list[str]]:
    """The ``Innspill`` tab: a header, then per theme a total row and one row per district."""
    table: list[list[str]] = [list(DIGEST_HEADER)]
    everyone = t("dk.digest.all")
    for g in digest.groups:
        days = sorted({i.day for items in g.by_district.values() for i in items if i.day})
        table.append([g.theme, everyone, str(g.count), ", ".join(_fmt_day(d) for d in days), ""])
        for district, items in g.by_district.items():
            dates = sorted({i.day for i in items if i.day})
            text = "\n".join(f"• {i.text}" for i in items)
            if len(text) > MAX_CELL:
                text = text[: MAX_CELL - 1] + "…"
            table.append(
                [g.theme, district, str(len(items)), ", ".join(_fmt_day(d) for d in dates), text]
            )
    return table


def _trimmed(rows: Sequence[Sequence[str]]) -> tuple[tuple[str, ...], ...]:
    out = [tuple(_rstrip(list(r))) for r in rows]
    while out and not out[-1]:
        out.pop()
    return tuple(out)


def _rstrip(cells: list[str]) -> list[str]:
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _current(snap: TabSnapshot) -> tuple[tuple[str, ...], ...]:
    """A whole tab's text as read (its header row names every column the bridge writes)."""
    header = list(snap.header_row)
    matrix: dict[int, list[str]] = {1: header}
    for row in snap.rows:
        matrix[row.row_number] = [row.extra.get(h.strip(), "") if h.strip() else "" for h in header]
    height = max(matrix)
    return _trimmed([matrix.get(i, []) for i in range(1, height + 1)])


@dataclass(frozen=True)
class DoorknockCreate(PersonCreate):
    """A person created from a door-knocking row: only the row's status is written after."""

    def sheet_writes(self, tab: str, person_id: int) -> tuple[CellWrite, ...]:
        return (CellWrite(tab, None, "status", self.status, dict(self.anchor)),)
