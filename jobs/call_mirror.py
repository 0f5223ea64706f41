"""Call rounds mirrored as Zetkin call assignments (issue 14, ``mirror_rounds = true``).

The planner (:func:`bridge.calls.plan_calls`) says which rounds to mirror and how
(:class:`~bridge.calls.RoundMirror`: title, dates, the target rule's Smart Search filter, the
callers' Zetkin ids); this module makes Zetkin match, from the branch cycle's apply step,
after the people writes and the notes:

* **Once only.** A round's mirror is recorded in the ledger (``call_mirrors``) with a ref
  *before* the create request, and the ref is written into the assignment's description. A
  create whose answer was lost (the connection dropped after Zetkin made it) leaves a record
  without an id: the next cycle lists the org's call assignments once, finds the ref and takes
  that assignment instead of making a second one, as the people creates of
  :mod:`jobs.zetkin_writes` are found again by their ref field.
* **In step, for free when nothing changed.** What was last written (title, dates, target
  filter, the callers the bridge added) is stored with the record; only what differs is
  written: ``PATCH call_assignments/{id}`` for title and dates, ``PATCH
  people/queries/{target}`` for the filter (reference §6: targets are a Smart Search query),
  ``PUT``/``DELETE .../callers/{person}`` for callers added to or gone from ``Ringere``
  (callers an organiser added in Zetkin are never removed). A round in step costs no request.
* The goal is the app's default: reached in this assignment (``"assignment": "$self"``).

A round Zetkin refuses (a 4xx: a tag deleted since the pull, an assignment deleted by hand) is
a notice in the run's report and the other rounds go on; a transient failure fails the cycle
and the next one carries on from the record.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from bridge.calls import RoundMirror
from bridge.errors import PermanentApiError, PermanentError
from bridge.messages import t
from connectors.zetkin import ZetkinClient
from connectors.zetkin.records import CallAssignment
from ledger import AuditIn, CallMirror, Ledger

__all__ = ["MirrorOutcome", "apply_mirrors", "mirror_ref"]

_FIELDS = ("title", "start_date", "end_date")
GOAL: list[dict[str, Any]] = [
    {"op": "add", "type": "call_history",
     "config": {"operator": "reached", "assignment": "$self"}}
]  # fmt: skip


@dataclass
class MirrorOutcome:
    """What the mirrors cost and said: counts for the run, value-free notices, audit."""

    counts: Counter[str] = field(default_factory=Counter)
    notices: list[str] = field(default_factory=list)
    audit: list[AuditIn] = field(default_factory=list)


def mirror_ref(branch: str, round_id: str) -> str:
    """The ref written into a mirror's description (one per branch and round)."""
    return f"bridge-ref:{branch}:{round_id}"


def _wanted(mirror: RoundMirror) -> dict[str, Any]:
    return {
        "title": mirror.title,
        "start_date": mirror.start.isoformat() if mirror.start else None,
        "end_date": mirror.end.isoformat() if mirror.end else None,
        "filter_spec": list(mirror.filter_spec),
        "callers": sorted(mirror.caller_person_ids),
    }


def apply_mirrors(
    client: ZetkinClient,
    ledger: Ledger,
    branch: str,
    mirrors: Sequence[RoundMirror],
    *,
    actor: str,
    lang: str = "nb",
) -> MirrorOutcome:
    """Make each round's call assignment match its mirror (see the module docstring)."""
    out = MirrorOutcome()
    known = ledger.call_mirrors(branch)
    listed: list[CallAssignment] | None = None
    for mirror in mirrors:
        record = known.get(mirror.round_id)
        try:
            if record is None or record.assignment_id is None:
                if record is None:
                    record = CallMirror(mirror.round_id, mirror_ref(branch, mirror.round_id))
                    ledger.save_call_mirror(branch, record)  # before the request
                    found = None
                else:  # a create that may have landed without its answer
                    listed = client.calls.assignments() if listed is None else listed
                    found = _by_ref(listed, record.ref)
                record = _create(client, ledger, branch, record, mirror, found, out, actor, lang)
            _in_step(client, ledger, branch, record, _wanted(mirror), out, actor)
        except PermanentError as exc:
            out.counts["call_mirrors_failed"] += 1
            out.notices.append(t("calls.mirror.failed", lang, round=mirror.title, error=exc))
    return out


def _by_ref(listed: Sequence[CallAssignment], ref: str) -> CallAssignment | None:
    return next((a for a in listed if a.description and ref in a.description), None)


def _create(
    client: ZetkinClient,
    ledger: Ledger,
    branch: str,
    record: CallMirror,
    mirror: RoundMirror,
    found: CallAssignment | None,
    out: MirrorOutcome,
    actor: str,
    lang: str,
) -> CallMirror:
    """The round's assignment, made now (or the one a lost answer left), recorded."""
    wanted = _wanted(mirror)
    if found is None:
        found = client.calls.create_assignment(
            None,
            mirror.title,
            target_filters=wanted["filter_spec"],
            goal_filters=GOAL,
            description=t("calls.mirror.description", lang, ref=record.ref),
            start_date=wanted["start_date"],
            end_date=wanted["end_date"],
        )
        out.counts["call_assignments_created"] += 1
        synced: dict[str, Any] = {k: wanted[k] for k in (*_FIELDS, "filter_spec")}
        synced["callers"] = []
    else:
        out.counts["call_assignments_found"] += 1
        synced = {"callers": []}  # what it holds is not known: write everything once
    out.audit.append(_audit(actor, branch, found.id, "create"))
    record = replace(
        record, assignment_id=found.id, target_query_id=found.target_query_id, synced=synced
    )
    ledger.save_call_mirror(branch, record)
    return record


def _in_step(
    client: ZetkinClient,
    ledger: Ledger,
    branch: str,
    record: CallMirror,
    wanted: Mapping[str, Any],
    out: MirrorOutcome,
    actor: str,
) -> None:
    """Write only what differs from what was last written; record each step as it lands."""
    assert record.assignment_id is not None
    aid = record.assignment_id
    synced = dict(record.synced)

    def save() -> None:
        ledger.save_call_mirror(branch, replace(record, synced=dict(synced)))

    fields = {k: wanted[k] for k in _FIELDS if k not in synced or synced[k] != wanted[k]}
    if fields:
        client.calls.patch_assignment(aid, fields)
        synced.update(fields)
        out.counts["call_assignments_updated"] += 1
        out.audit.append(_audit(actor, branch, aid, "fields"))
        save()
    if synced.get("filter_spec") != wanted["filter_spec"] and record.target_query_id is not None:
        client.calls.set_query(record.target_query_id, wanted["filter_spec"])
        synced["filter_spec"] = wanted["filter_spec"]
        out.counts["call_assignments_updated"] += 1
        out.audit.append(_audit(actor, branch, aid, "target"))
        save()
    added = set(synced.get("callers", []))
    want = set(wanted["callers"])
    if added == want:
        return
    try:
        for pid in sorted(want - added):
            client.calls.add_caller(aid, pid)
            added.add(pid)
            out.counts["call_assignment_callers_added"] += 1
        for pid in sorted(added - want):
            try:
                client.calls.remove_caller(aid, pid)
            except PermanentApiError as exc:
                if exc.status != 404:  # 404: an organiser took them off already
                    raise
            added.discard(pid)
            out.counts["call_assignment_callers_removed"] += 1
    finally:
        synced["callers"] = sorted(added)
        out.audit.append(_audit(actor, branch, aid, "callers"))
        save()


def _audit(actor: str, branch: str, assignment_id: int, what: str) -> AuditIn:
    return AuditIn(
        actor, branch, "zetkin", f"call_assignment:{assignment_id}", what, None, None, None
    )
