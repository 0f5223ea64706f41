"""Small builders for the reconcile-core tests, and a test-side stand-in for the job's apply step.

The applier is deliberately simple: it does to plain Python data what the job will do to the
two systems, so a test can re-plan on the result and check that runs converge.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from bridge.members import ZetkinMember
from bridge.reconcile import ReconcileOptions, ReconcilePlan
from bridge.sheet import CellWrite, SheetRow, TabSnapshot

COLUMNS = (
    "zetkin_id",
    "first_name",
    "last_name",
    "phone",
    "email",
    "district",
    "joined",
    "door_knock",
    "will_call",
    "status",
)
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
NOW = datetime(2026, 11, 30, 14, 2)
LATER = datetime(2026, 11, 30, 14, 12)
DISTRICTS = ("Sentrum", "Nordre", "Søndre", "Østre Aker")
OPTIONS = ReconcileOptions(districts=DISTRICTS)


def row(number: int, note: str = "", **values: str) -> SheetRow:
    """A members-tab row; values by field key (missing fields are empty cells)."""
    full = {key: values.get(key, "") for key in COLUMNS}
    cells = {key: f"{LETTERS[i]}{number}" for i, key in enumerate(COLUMNS)}
    key = full["zetkin_id"] or None
    extra = {"Notat": note} if note else {}
    return SheetRow(number, full, cells, key=key, extra=extra)


def snapshot(rows: Sequence[SheetRow]) -> TabSnapshot:
    return TabSnapshot("members", "Medlemmer", {k: i for i, k in enumerate(COLUMNS)}, tuple(rows))


def rows_of(*dicts: Mapping[str, str]) -> TabSnapshot:
    """A snapshot whose rows start at sheet row 2 (row 1 is the header)."""
    return snapshot([row(i + 2, **d) for i, d in enumerate(dicts)])


def person(
    pid: int,
    first: str = "Kari",
    last: str = "Nordmann",
    phone: str = "",
    email: str = "",
    district: str = "",
    joined: date | None = None,
    tags: Sequence[str] = ("Medlem",),
    is_member: bool = True,
) -> ZetkinMember:
    return ZetkinMember(
        pid, first, last, phone, email, district, joined, frozenset(tags), is_member
    )


def sheet_writes(plan: ReconcilePlan) -> list[CellWrite]:
    return list(plan.sheet.writes)


def writes_by_field(plan: ReconcilePlan) -> dict[tuple[str | None, str], str]:
    return {(w.row_key, w.field): w.value for w in plan.sheet.writes}


def apply(
    plan: ReconcilePlan,
    sheet: TabSnapshot,
    people: Sequence[ZetkinMember],
    base: Mapping[int, Mapping[str, str]],
    options: ReconcileOptions = OPTIONS,
    new_ids: itertools.count[int] | None = None,
) -> tuple[TabSnapshot, list[ZetkinMember], dict[int, dict[str, str]]]:
    """Do what the job does: Zetkin writes (creates give ids), then the sheet, then the base."""
    ids = new_ids or itertools.count(9000)
    by_id = {p.id: p for p in people}
    writes = list(plan.sheet.writes)
    new_base = {pid: dict(v) for pid, v in base.items()}
    for patch in plan.patches:
        p = by_id[patch.person_id]
        changes: dict[str, Any] = {
            ("district" if key == options.district_field else key): value
            for key, value in patch.fields.items()
        }
        by_id[p.id] = replace(p, **changes)
    for change in plan.tag_changes:
        p = by_id[change.person_id]
        tags = set(p.tags) | {change.tag} if change.add else set(p.tags) - {change.tag}
        # The pull's member filter is the member tag: putting it on makes a member.
        member = options.member_tag in tags if change.tag == options.member_tag else p.is_member
        by_id[p.id] = replace(p, tags=frozenset(tags), is_member=member)
    for create in plan.creates:
        pid = next(ids)
        f = create.fields
        by_id[pid] = ZetkinMember(
            pid,
            f.get("first_name", ""),
            f.get("last_name", ""),
            f.get("phone", ""),
            f.get("email", ""),
            f.get(options.district_field, ""),
            None,
            frozenset(create.tags),
            options.member_tag in create.tags,
        )
        writes.extend(create.sheet_writes(plan.tab, pid))
        new_base[pid] = dict(create.base)

    rows = [dict(r.values) for r in sheet.rows]
    extras = [r.extra for r in sheet.rows]
    targets = []
    for w in writes:  # locate every row first, as the adapter does, then write
        if w.row_key is not None:
            hits = [
                r
                for r in rows
                if r["zetkin_id"] == w.row_key and all(r.get(k) == v for k, v in w.anchor.items())
            ]
        else:
            hits = [
                r
                for r in rows
                if not r["zetkin_id"] and all(r.get(k) == v for k, v in w.anchor.items())
            ]
        assert len(hits) == 1, f"write {w} found {len(hits)} rows"
        targets.append((hits[0], w))
    for target, w in targets:
        target[w.field] = w.value
    for append in plan.sheet.appends:
        rows.append({k: append.values.get(k, "") for k in COLUMNS})
        extras.append({})
    new_rows = [replace(row(i + 2, **r), extra=extras[i]) for i, r in enumerate(rows)]
    for pid, values in plan.base_updates.items():
        new_base[pid] = dict(values)
    return snapshot(new_rows), list(by_id.values()), new_base
