"""Applying the people writes of a cycle to Zetkin: in bulk, creates keyed so nothing doubles.

Every patch, tag change and create of every job goes into one ``bulk/preview`` and one
``bulk/execute`` (as Zetkin's own importer writes many people), so a 20,000-member branch
with hundreds of changes costs a few write requests instead of one per change.

A create carries an idempotency ref, recorded in the ledger *before* the request (Stripe's
pattern) and written into the bridge's own custom field in the same bulk op. If the answer is
lost after Zetkin applied it, the next cycle's pull shows the person with that ref, the
runner hands the create's row to the planner as a known create, and the row gets its id:
nobody is created twice, and the person already carries the tags the create asked for, since
they travelled in the same op.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from bridge.reconcile import PersonCreate, PersonPatch, TagChange
from bridge.sheet import CellWrite
from connectors.zetkin import PersonWrite, ZetkinClient
from ledger import AuditIn, Link, PendingCreate

__all__ = ["REF_FIELD", "PeopleOutcome", "PeopleWrites", "TabCreate", "apply_people"]

# The bridge-owned custom field that carries a create's ref (created on the first create).
REF_FIELD = "bridge_ref"
REF_TITLE = "Bridge-referanse (ikke rediger)"


@dataclass(frozen=True)
class TabCreate:
    """A create and the tab whose row gets the new id."""

    tab: str
    create: PersonCreate


@dataclass(frozen=True)
class PeopleWrites:
    """The Zetkin people writes a cycle asks for (tags by title; created when missing)."""

    creates: tuple[TabCreate, ...] = ()
    patches: tuple[PersonPatch, ...] = ()
    tag_changes: tuple[TagChange, ...] = ()
    accept_joins: tuple[int, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.creates or self.patches or self.tag_changes or self.accept_joins)

    @classmethod
    def merge(cls, parts: Iterable[PeopleWrites]) -> PeopleWrites:
        items = list(parts)
        return cls(
            tuple(c for p in items for c in p.creates),
            tuple(x for p in items for x in p.patches),
            tuple(x for p in items for x in p.tag_changes),
            tuple(dict.fromkeys(j for p in items for j in p.accept_joins)),
        )


@dataclass(frozen=True)
class PeopleOutcome:
    sheet_writes: list[CellWrite] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    audit: list[AuditIn] = field(default_factory=list)
    created: Mapping[str, int] = field(default_factory=dict)
    # (tab, anchor, person id) of each person created: a job's later writes for that row
    created_rows: list[tuple[str, Mapping[str, str], int]] = field(default_factory=list)


def _value(value: str) -> str | None:
    return value or None


def _tag_id(client: ZetkinClient, tag_ids: dict[str, int], title: str) -> int:
    if title not in tag_ids:
        tag_ids[title] = client.tags.create(title).id
    return tag_ids[title]


def apply_people(
    client: ZetkinClient,
    writes: PeopleWrites,
    *,
    tag_ids: dict[str, int],
    ledger: Any,
    branch: str,
    actor: str,
    ref_field: str,
) -> PeopleOutcome:
    """Accept joins, then one bulk write of every patch, tag change and create."""
    for join_id in writes.accept_joins:
        client.join.accept(join_id)

    by_person: dict[int, dict[str, Any]] = {}
    audit: list[AuditIn] = []

    def entry(pid: int) -> dict[str, Any]:
        return by_person.setdefault(pid, {"fields": {}, "add": [], "remove": []})

    for patch in writes.patches:
        entry(patch.person_id)["fields"].update({k: _value(v) for k, v in patch.fields.items()})
        audit.extend(
            AuditIn(
                actor,
                branch,
                "zetkin",
                f"person:{patch.person_id}",
                key,
                None,
                value,
                patch.person_id,
            )
            for key, value in patch.fields.items()
        )
    for change in writes.tag_changes:
        tid = _tag_id(client, tag_ids, change.tag)
        entry(change.person_id)["add" if change.add else "remove"].append(tid)
        audit.append(
            AuditIn(
                actor,
                branch,
                "zetkin",
                f"person:{change.person_id}",
                f"tag:{change.tag}",
                None,
                "på" if change.add else "av",
                change.person_id,
            )
        )
    bulk: list[PersonWrite] = [
        PersonWrite(pid, e["fields"], tuple(e["add"]), tuple(e["remove"]))
        for pid, e in sorted(by_person.items())
    ]
    refs: dict[str, TabCreate] = {}
    if writes.creates:
        client.people.ensure_field(ref_field, REF_TITLE)
        pending = []
        for item in writes.creates:
            ref = uuid.uuid4().hex
            refs[ref] = item
            pending.append(PendingCreate(ref, dict(item.create.anchor), dict(item.create.base)))
            bulk.append(
                PersonWrite(
                    None,
                    {k: _value(v) for k, v in item.create.fields.items()},
                    tuple(_tag_id(client, tag_ids, title) for title in item.create.tags),
                    (),
                    ref,
                )
            )
        ledger.record_creates(branch, pending)  # before the request: a lost answer is found
    if not bulk:
        return PeopleOutcome(audit=audit)
    outcome = client.bulk.write(bulk, ref_field=ref_field)
    # The pending records stay until the runner has written the ids into the sheet.
    created = {ref: pid for ref, pid in outcome.created.items() if ref in refs}
    sheet_writes: list[CellWrite] = []
    links: list[Link] = []
    created_rows: list[tuple[str, Mapping[str, str], int]] = []
    for ref, pid in created.items():
        item = refs[ref]
        created_rows.append((item.tab, dict(item.create.anchor), pid))
        sheet_writes.extend(item.create.sheet_writes(item.tab, pid))
        links.append(Link(pid, str(pid), dict(item.create.base)))
        audit.append(AuditIn(actor, branch, "zetkin", f"person:{pid}", "*", None, "opprettet", pid))
    return PeopleOutcome(sheet_writes, links, audit, created, created_rows)
