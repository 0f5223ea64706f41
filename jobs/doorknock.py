"""The door-knocking job (issue 15), as the branch cycle runs it: needs, pull, planner, writes.

What it reads: the four door-knocking tabs, the two report tabs (to write them only when their
text changes) and, with the calls job on, ``Ringerunder``; people with the sign-up and contact
tags; from Zetkin the "Dørbank" project's events (with the sign-ups of recent and coming ones,
and of any event a sign-up row names), the project's area assignments whose title names a
round (with their locations' visit counts); the stored round bases. The pure planner
:func:`bridge.doorknock.plan_doorknock` does the rest.

Its writes, in the runner's order: people creates and tags in the one bulk people write;
notes (one request each, keyed); then :meth:`DoorknockJob.apply_extra`: the project and the
activity when missing, event creates (one POST each: v1 has no bulk for events), patches
(date, place, cancellation: never a DELETE), sign-ups (one PUT each, only those missing),
notes on created contacts; then the one sheet write (with the new events' ``Zetkin-ID``);
the round bases are saved only after it.

A create carries its round id in the event's text (``Runde-ID: R260312-HEI``), so a create
whose answer was lost is found again by the next pull and linked, never made twice.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from bridge.calls import NoteWrite
from bridge.doorknock import (
    DoorknockCreate,
    DoorknockInput,
    DoorknockOptions,
    DoorknockPlan,
    EventView,
    Person,
    RoundBase,
    RoundIndex,
    ZetkinTally,
    parse_rounds,
    plan_doorknock,
    ref_of,
)
from bridge.doorknock.themes import DEFAULT_THEMES
from bridge.errors import PermanentError
from bridge.messages import t
from bridge.reconcile import TagChange
from bridge.sheet import CellWrite, RowAppend, SheetPlan, TabReplace, WorkbookSnapshot
from config.settings import BranchSettings
from connectors.zetkin import ZetkinClient
from jobs.cycle import LOCAL_TZ, JobPart, Pulled
from jobs.pull import PeopleNeeds
from jobs.zetkin_writes import REF_FIELD, PeopleWrites, TabCreate
from ledger import AuditIn, RowErrorIn

__all__ = ["TABS", "DoorknockJob", "DoorknockPull", "ExtraOutcome", "options_for"]

JOB = "doorknock"
TABS = ("doorknock_rounds", "doorknock_signups", "doorknock_results", "new_contacts")
REPORT_TABS = ("summary", "input_digest")
ACTIVITY = "Dørbank"


def options_for(branch: BranchSettings) -> DoorknockOptions:
    """The planner's options from the branch's configuration (the core never sees config)."""
    d = branch.doorknock
    return DoorknockOptions(
        districts=branch.districts,
        themes=d.themes if d.themes is not None else dict(DEFAULT_THEMES),
        goal_rounds=d.goal_rounds,
        stale_days=d.stale_days,
        signup_tag=d.signup_tag or branch.reconcile.door_knock_tag,
        contact_tag=d.contact_tag,
        create_people=d.create_people,
        blank_after_days=d.blank_after_days,
        start=d.start_time,
        duration=d.duration,
        title=d.title,
        calls_on=branch.calls.enabled,
        year=d.year,
    )


@dataclass(frozen=True)
class DoorknockPull:
    """What the job read of Zetkin and the ledger beyond the people pull."""

    project_id: int | None = None
    events: tuple[EventView, ...] = ()
    tallies: tuple[ZetkinTally, ...] = ()
    bases: Mapping[str, RoundBase] = field(default_factory=dict)
    applied: frozenset[str] = frozenset()
    # assignment id -> (round id, team, knocked, opened) read now and not stored yet
    fresh_tallies: Mapping[int, tuple[str, str, int | None, int | None]] = field(
        default_factory=dict
    )


@dataclass
class ExtraOutcome:
    """What :meth:`DoorknockJob.apply_extra` did: sheet writes for the one sheet write, audit,
    and ``finish`` (saves the round bases), which the runner calls after the sheet write."""

    sheet_writes: list[CellWrite] = field(default_factory=list)
    audit: list[AuditIn] = field(default_factory=list)
    finish: Callable[[], None] = lambda: None


# -- times ------------------------------------------------------------------------------------
def _local(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(LOCAL_TZ).replace(tzinfo=None)


def _zetkin_time(local: datetime) -> str:
    return local.replace(tzinfo=LOCAL_TZ).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


# -- the pull ---------------------------------------------------------------------------------
def _project(client: ZetkinClient, title: str) -> int | None:
    wanted = title.strip().casefold()
    for campaign in client.events.campaigns():
        if campaign.title.strip().casefold() == wanted:
            return campaign.id
    return None


def _resolve_title(index: RoundIndex, title: str) -> tuple[Any, str]:
    """The round an assignment's title names ("12.3 Heimdal Lag A", "R260312-HEI Lag A"),
    and the team (the rest of the title)."""
    words = title.split()
    for k in range(len(words), 0, -1):
        found = index.resolve(" ".join(words[:k]))
        if found.value is not None:
            return found.value, " ".join(words[k:])
    return None, ""


def pull_doorknock(
    client: ZetkinClient,
    branch: BranchSettings,
    sheets: WorkbookSnapshot,
    ledger: Any,
    now: datetime,
) -> DoorknockPull:
    """The project's events and sign-ups, linked assignments' stats, and the stored bases."""
    settings = branch.doorknock
    bases = {
        rid: RoundBase.from_dict(b) for rid, b in ledger.load_doorknock_bases(branch.name).items()
    }
    applied = ledger.applied_keys(branch.name, "dk-")
    project_id = _project(client, settings.project)
    if project_id is None:
        return DoorknockPull(bases=bases, applied=applied)
    year = settings.year or now.year
    rounds = parse_rounds(
        sheets.tabs["doorknock_rounds"].rows, year=year, districts=branch.districts
    ) if "doorknock_rounds" in sheets.tabs else ()  # fmt: skip
    index = RoundIndex(rounds, branch.districts, year)
    named: set[str] = set()
    if "doorknock_signups" in sheets.tabs:
        for row in sheets.tabs["doorknock_signups"].rows:
            found = index.resolve(row.get("round"))
            if found.value is not None:
                named.add(found.value.round_id)
    since = now.date() - timedelta(days=settings.signup_window_days)
    events: list[EventView] = []
    for e in client.events.list(campaign_id=project_id):
        start, ref = _local(e.start_time), ref_of(e.info_text)
        recent = start is not None and start.date() >= since
        responders: frozenset[int] | None = None
        if recent or (ref is not None and ref in named):
            responders = frozenset(
                r.person_id for r in client.events.responses(e.id) if r.person_id is not None
            )
        events.append(
            EventView(
                id=e.id,
                round_ref=ref,
                start=start,
                end=_local(e.end_time),
                title=e.title or "",
                location=e.location_title or "",
                cancelled=e.cancelled is not None,
                contact_id=e.contact_id,
                responders=responders,
            )
        )
    tallies: list[ZetkinTally] = []
    stored = ledger.load_doorknock_tallies(branch.name)
    fresh: dict[int, tuple[str, str, int | None, int | None]] = {}
    settled = now.date() - timedelta(days=settings.canvass_window_days)
    for assignment in client.canvass.area_assignments(project_id=project_id):
        found, team = _resolve_title(index, assignment.title or "")
        if found is None:
            continue
        rid = found.round_id
        known = stored.get(assignment.id)
        if known is not None and known[0] == rid and found.date and found.date < settled:
            # An old round's assignment: its numbers as last read (not read every cycle).
            tallies.append(ZetkinTally(assignment.id, rid, team, known[2], known[3]))
            continue
        # The assignment's locations carry households visited and successfully visited for
        # both reporting levels (the assignment's stats leave them null per location): one
        # request, paged, instead of the stats and then the locations.
        places = client.canvass.locations(assignment_id=assignment.id)
        knocked = sum(p.num_households_visited or 0 for p in places)
        opened = sum(p.num_households_successful or 0 for p in places)
        tallies.append(ZetkinTally(assignment.id, rid, team, knocked, opened))
        if known != (rid, team, knocked, opened):
            fresh[assignment.id] = (rid, team, knocked, opened)
    return DoorknockPull(project_id, tuple(events), tuple(tallies), bases, applied, fresh)


# -- the part as JSON (a held cycle stores it; apply_extra reads it from there) ----------------
def _iso(moment: datetime) -> str:
    return moment.isoformat()


def _part_data(
    plan: DoorknockPlan,
    project_id: int | None,
    fresh: Mapping[int, tuple[str, str, int | None, int | None]] | None = None,
) -> dict[str, Any]:
    def change(v: object) -> object:
        return v.isoformat() if isinstance(v, datetime) else v

    return {
        "project_id": project_id,
        "writes": [[w.tab, w.row_key, w.field, w.value, dict(w.anchor)] for w in plan.writes],
        "appends": [[a.tab, dict(a.values)] for a in plan.appends],
        "replaces": [[r.tab, [list(x) for x in r.rows]] for r in plan.replaces],
        "event_creates": [
            {"round_id": c.round_id, "start": _iso(c.start), "end": _iso(c.end), "title": c.title,
             "location": c.location, "contact_id": c.contact_id, "info_text": c.info_text,
             "anchor": dict(c.anchor), "row_key": c.row_key}
            for c in plan.event_creates
        ],
        "event_patches": [
            [p.event_id, p.round_id, {k: change(v) for k, v in p.changes.items()}]
            for p in plan.event_patches
        ],
        "signups": [[s.round_id, s.event_id, s.person_id, s.create] for s in plan.signups],
        "creates": [
            [tab, c.row_number, dict(c.anchor), dict(c.fields), list(c.tags), c.status]
            for tab, c in plan.creates
        ],
        "tags": [[x.person_id, x.tag] for x in plan.tags],
        "notes": [[n.person_id, n.create, n.text, n.key] for n in plan.notes],
        "bases": {rid: b.to_dict() for rid, b in plan.bases.items()},
        "counts": dict(plan.counts),
        "tallies": [[aa, *values] for aa, values in sorted((fresh or {}).items())],
    }  # fmt: skip


def _part_from_data(data: Mapping[str, Any], row_errors: Mapping[str, Any] | None = None,
                    fingerprint: str = "") -> JobPart:  # fmt: skip
    if not data or "writes" not in data:
        return JobPart(job=JOB)
    sheet = SheetPlan(
        writes=tuple(CellWrite(tab, k, f, v, a) for tab, k, f, v, a in data["writes"]),
        appends=tuple(RowAppend(tab, values) for tab, values in data["appends"]),
        replaces=tuple(TabReplace(tab, tuple(tuple(r) for r in rows))
                       for tab, rows in data["replaces"]),
    )  # fmt: skip
    creates = tuple(
        TabCreate(tab, DoorknockCreate(n, anchor, fields, tuple(tags), {}, "", status))
        for tab, n, anchor, fields, tags, status in data["creates"]
    )
    notes = tuple(
        NoteWrite(pid, text, key) for pid, idx, text, key in data["notes"] if pid is not None
    )
    return JobPart(
        job=JOB,
        sheet=sheet,
        people=PeopleWrites(
            creates=creates,
            tag_changes=tuple(TagChange(pid, tag, True) for pid, tag in data["tags"]),
        ),
        notes=notes,
        counts=dict(data["counts"]),
        row_errors=dict(row_errors or {}),
        fingerprint=fingerprint,
        data=data,
    )


def _row_errors(plan: DoorknockPlan, sheets: WorkbookSnapshot) -> dict[str, tuple[RowErrorIn, ...]]:
    """Row problems for the ledger: tab and cell, never the typed value."""
    out: dict[str, list[RowErrorIn]] = {tab: [] for tab in TABS}
    keys = {
        (tab, row.row_number): row.key for tab, snap in sheets.tabs.items() for row in snap.rows
    }
    for problem in plan.problems:
        title = sheets.tabs[problem.tab].title if problem.tab in sheets.tabs else problem.tab
        out.setdefault(problem.tab, []).append(
            RowErrorIn(
                kind=problem.code,
                message=t("rowerror.cell", field=title, cell=problem.cell),
                row_key=keys.get((problem.tab, problem.row)) or None,
                cell=problem.cell or None,
            )
        )
    return {tab: tuple(errors) for tab, errors in out.items()}


def _fingerprint(pulled: Pulled, extra: DoorknockPull) -> str:
    import hashlib
    import json

    tabs = {
        key: [[r.row_number, sorted(r.values.items()), sorted(r.extra.items())] for r in s.rows]
        for key, s in pulled.sheets.tabs.items()
        if key in (*TABS, *REPORT_TABS)
    }
    payload = {
        "tabs": tabs,
        "people": [[p.id, p.phone, p.email, sorted(p.tags)] for p in pulled.zetkin.people],
        "events": [
            [
                e.id,
                e.round_ref,
                str(e.start),
                str(e.end),
                e.title,
                e.location,
                e.cancelled,
                e.contact_id,
                None if e.responders is None else sorted(e.responders),
            ]
            for e in extra.events
        ],
        "tallies": [repr(x) for x in extra.tallies],
        "bases": {k: v.to_dict() for k, v in extra.bases.items()},
        "day": pulled.now.date().isoformat(),
    }
    text = json.dumps(payload, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class DoorknockJob:
    """Door-knocking rounds, sign-ups, results, new contacts and Innspill (bridge.doorknock)."""

    name = JOB

    def enabled(self, branch: BranchSettings) -> bool:
        return branch.doorknock.enabled

    def tabs(self, branch: BranchSettings) -> tuple[str, ...]:
        extra = ("call_rounds",) if branch.calls.enabled else ()
        return (*TABS, *REPORT_TABS, *extra)

    def people_needs(self, branch: BranchSettings) -> PeopleNeeds:
        o = options_for(branch)
        return PeopleNeeds(tags=frozenset({o.signup_tag, o.contact_tag}), ref_field=REF_FIELD)

    def writable_fields(self) -> Mapping[str, frozenset[str]]:
        return {
            "doorknock_rounds": frozenset({"date", "meeting_point", "cancelled"}),
            "new_contacts": frozenset({"name", "phone", "email"}),
        }

    def pull_extra(
        self, client: ZetkinClient, branch: BranchSettings, sheets: WorkbookSnapshot, ledger: Any,
        now: datetime,
    ) -> DoorknockPull:  # fmt: skip
        return pull_doorknock(client, branch, sheets, ledger, now)

    def plan(self, pulled: Pulled) -> JobPart:
        if not pulled.zetkin.complete:
            return JobPart(job=JOB, held=t("dk.held_incomplete"), data={})
        branch = pulled.branch
        extra = pulled.extra.get(JOB)
        if not isinstance(extra, DoorknockPull):
            extra = DoorknockPull()
        if extra.project_id is None and not branch.doorknock.create_project:
            raise PermanentError(
                t("dk.no_project", title=branch.doorknock.project),
                where="jobs.doorknock.project",
                hint=t("dk.no_project_hint"),
            )
        options = options_for(branch)
        people = [
            Person(p.id, p.first_name, p.last_name, p.phone, p.email, p.tags)
            for p in pulled.zetkin.people
        ]
        data = DoorknockInput(
            tabs=pulled.sheets.tabs,
            events=extra.events,
            bases=extra.bases,
            people=people,
            tallies=extra.tallies,
            now=pulled.now,
            applied=extra.applied,
            call_rounds=pulled.sheets.tabs.get("call_rounds"),
        )
        plan = plan_doorknock(data, options)
        return _part_from_data(
            _part_data(plan, extra.project_id, extra.fresh_tallies),
            _row_errors(plan, pulled.sheets),
            _fingerprint(pulled, extra),
        )

    def restore(self, data: Mapping[str, Any], branch: BranchSettings) -> JobPart:
        return _part_from_data(data)

    # -- the Zetkin writes besides people (after the bulk write, before the sheet write) ----
    def apply_extra(
        self,
        client: ZetkinClient,
        part: JobPart,
        *,
        branch: BranchSettings,
        ledger: Any,
        created_rows: Sequence[tuple[str, Mapping[str, str], int]],
        actor: str,
    ) -> ExtraOutcome:
        data = part.data
        out = ExtraOutcome()
        if not data or "writes" not in data:
            return out
        creates, patches = data["event_creates"], data["event_patches"]
        signups, notes = data["signups"], [n for n in data["notes"] if n[0] is None]
        bases = {rid: dict(b) for rid, b in data["bases"].items()}
        tallies = {int(aa): (rid, team, k, o) for aa, rid, team, k, o in data.get("tallies", [])}

        def finish() -> None:
            _save_bases(ledger, branch.name, bases)
            if tallies:
                ledger.save_doorknock_tallies(branch.name, tallies)

        out.finish = finish
        if not (creates or patches or signups or notes):
            return out
        project_id = data["project_id"]
        if project_id is None and creates:
            project_id = client.events.create_campaign(branch.doorknock.project).id
        places = _Places(client)
        activity = _activity(client) if creates else None
        made: dict[str, int] = {}
        for c in creates:
            body: dict[str, Any] = {
                "title": c["title"],
                "start_time": _zetkin_time(datetime.fromisoformat(c["start"])),
                "end_time": _zetkin_time(datetime.fromisoformat(c["end"])),
                "info_text": c["info_text"],
                "activity_id": activity,
            }
            if c["location"]:
                body["location_id"] = places.id(c["location"])
            if c["contact_id"] is not None:
                body["contact_id"] = c["contact_id"]
            event = client.events.create(body, campaign_id=project_id)
            made[c["round_id"]] = event.id
            out.sheet_writes.append(
                CellWrite("doorknock_rounds", c["row_key"], "zetkin_id", str(event.id),
                          {} if c["row_key"] else dict(c["anchor"]))
            )  # fmt: skip
            bases[c["round_id"]] = {
                "event_id": event.id,
                "day": c["start"][:10],
                "meeting_point": c["location"],
                "cancelled": False,
            }
            out.audit.append(AuditIn(actor, branch.name, "zetkin", f"event:{event.id}", "*",
                                     None, "opprettet", None))  # fmt: skip
        for event_id, _rid, changes in patches:
            body = {}
            for key, value in changes.items():
                if key in ("start", "end"):
                    body[f"{key}_time"] = _zetkin_time(datetime.fromisoformat(str(value)))
                elif key == "location":
                    body["location_id"] = places.id(str(value)) if value else None
                elif key == "cancelled":
                    body["cancelled"] = _zetkin_time(_now_local()) if value else None
                else:
                    body[key] = value
            client.events.patch(event_id, body)
            out.audit.extend(
                AuditIn(actor, branch.name, "zetkin", f"event:{event_id}", k, None, "endret", None)
                for k in body
            )
        by_create = _created_ids(data["creates"], created_rows)
        for rid, event_id, person_id, create in signups:
            eid = event_id if event_id is not None else made.get(rid)
            pid = person_id if person_id is not None else by_create.get(create)
            if eid is None or pid is None:
                continue  # the event or the person was not made: the next cycle signs up
            client.events.sign_up(eid, pid)
            out.audit.append(AuditIn(actor, branch.name, "zetkin", f"event:{eid}", "påmelding",
                                     None, "påmeldt", pid))  # fmt: skip
        done: list[str] = []
        try:
            for _pid, create, text, key in notes:
                pid = by_create.get(create)
                if pid is not None:
                    client.people.add_note(pid, text)
                    done.append(f"dk-contact:{pid}:{key.split(':')[2]}")
        finally:
            if done:
                ledger.add_applied_keys(branch.name, done)
        return out


def _created_ids(
    creates: Sequence[Sequence[Any]], rows: Sequence[tuple[str, Mapping[str, str], int]]
) -> dict[int, int]:
    """Index of a planned create -> the id Zetkin gave it (matched by tab and anchor)."""
    found = {(tab, tuple(sorted(anchor.items()))): pid for tab, anchor, pid in rows}
    out: dict[int, int] = {}
    for i, (tab, _n, anchor, *_rest) in enumerate(creates):
        pid = found.get((tab, tuple(sorted(dict(anchor).items()))))
        if pid is not None:
            out[i] = pid
    return out


def _save_bases(ledger: Any, branch: str, bases: Mapping[str, Mapping[str, Any]]) -> None:
    if bases:
        stored = ledger.load_doorknock_bases(branch)
        changed = {rid: b for rid, b in bases.items() if stored.get(rid) != dict(b)}
        if changed:
            ledger.save_doorknock_bases(branch, changed)


def _now_local() -> datetime:
    return datetime.now(LOCAL_TZ).replace(tzinfo=None, microsecond=0)


def _activity(client: ZetkinClient) -> int:
    data = client.v1_list("activities")
    for item in data:
        if (
            isinstance(item, Mapping)
            and str(item.get("title", "")).casefold() == ACTIVITY.casefold()
        ):
            return int(item["id"])
    created = client.v1("POST", "activities", json={"title": ACTIVITY})
    return int(created["id"])


class _Places:
    """v1 event locations by title: listed once when first needed, created when missing."""

    def __init__(self, client: ZetkinClient) -> None:
        self.client = client
        self.known: dict[str, int] | None = None

    def id(self, title: str) -> int:
        if self.known is None:
            self.known = {
                str(item.get("title", "")).strip().casefold(): int(item["id"])
                for item in self.client.v1_list("locations")
                if isinstance(item, Mapping)
            }
        key = title.strip().casefold()
        if key not in self.known:
            created = self.client.v1("POST", "locations", json={"title": title.strip()})
            self.known[key] = int(created["id"])
        return self.known[key]


def innspill_digest(workbook: Any, branch: BranchSettings, today: datetime) -> Any:
    """The ``Innspill`` digest from the sheet alone (one values:batchGet of the rounds and
    results tabs): what ``bridge report innspill`` renders."""
    from bridge.doorknock import build_digest, parse_results

    snapshot = workbook.read(["doorknock_rounds", "doorknock_results"])
    options = options_for(branch)
    year = options.year or today.year
    rounds = parse_rounds(
        snapshot.tabs["doorknock_rounds"].rows, year=year, districts=branch.districts
    )
    index = RoundIndex(rounds, branch.districts, year)
    results = parse_results(snapshot.tabs["doorknock_results"].rows, index)
    by_id = {r.round_id: r for r in rounds if r.round_id}
    sources = [
        (x.input_text, by_id[x.round_id].district, x.round_id, by_id[x.round_id].date)
        for x in results
        if x.round_id and x.input_text.strip() and not x.duplicate
    ]
    return build_digest(sources, options.themes)
