"""Many people's field and tag changes in a few requests, the way Zetkin's importer writes.

``POST bulk/preview`` first (problems are found before anything is applied, as the app's
import dialog does), then ``POST bulk/execute`` with the same ops (reference section 3,
"Bulk operations"; ops from the app's ``features/import/types.ts``):

* a change to a known person is ``person.get`` keyed on ``{"id"}`` with ``if_none: "skip"``
  (never a create from an id), sub-ops ``person.setfields`` and one ``person.tag`` per tag;
* a create is ``person.create`` whose ``person.setfields`` carries the write's ``ref`` in the
  bridge's ref custom field, so the next run finds a create whose answer was lost;
* **tag removals** have no bulk op (the importer only tags), so each is a
  ``DELETE people/{id}/tags/{tag}`` after the execute; a 404 (already gone) counts as done.

A create whose ref is already on a person in the client's last pull (a repeat after a lost
answer) is not sent again: its id is taken from the pull, so a repeat adds nobody twice.

Execute answers a log item; one still ``pending``/``in_progress`` is polled on ``GET bulk``
for a bounded time. Created people's ids are then read by ref in one request (the rows of
the bridge's view, see :mod:`connectors.zetkin.pull`).

A problem from preview, or a 400 from execute, raises :class:`PermanentApiError` naming the op
index and the person id (or the ref of a create), never a value.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from bridge.errors import PermanentApiError
from connectors.zetkin.envelope import ZetkinTransientError
from connectors.zetkin.records import BulkLog, BulkOutcome, BulkProblem, PersonWrite

if TYPE_CHECKING:
    from connectors.zetkin.client import ZetkinClient

__all__ = ["BATCH_SIZE", "bulk_ops", "write_people"]

JSON = Any
# Ops per preview/execute pair: 20,000 members with 2 % changed is 400 ops, one pair.
BATCH_SIZE = 2000
_SHOWN = 5


def bulk_ops(writes: Sequence[PersonWrite], ref_field: str) -> list[tuple[int, dict[str, JSON]]]:
    """``(index into writes, op)`` for every write that changes something."""
    ops: list[tuple[int, dict[str, JSON]]] = []
    for number, write in enumerate(writes):
        fields = dict(write.fields)
        if write.person_id is None:
            if not write.ref:
                raise ValueError(f"write {number} creates a person but has no ref")
            fields[ref_field] = write.ref
        subs: list[dict[str, JSON]] = []
        if fields:
            subs.append({"op": "person.setfields", "data": fields})
        subs += [{"op": "person.tag", "tag_id": int(tag)} for tag in write.add_tags]
        if write.person_id is None:
            ops.append((number, {"op": "person.create", "ops": subs}))
        elif subs:
            op = {"op": "person.get", "key": {"id": write.person_id}, "if_none": "skip"}
            ops.append((number, {**op, "ops": subs}))
    return ops


def _who(write: PersonWrite) -> str:
    if write.person_id is not None:
        return f"person {write.person_id}"
    return f"new person, ref {write.ref}"


def _problem_text(problem: BulkProblem, batch: Sequence[tuple[int, dict[str, JSON]]],
                  writes: Sequence[PersonWrite], offset: int) -> str:  # fmt: skip
    index = problem.index
    if index is not None and 0 <= index < len(batch):
        where = f"op {offset + index} ({_who(writes[batch[index][0]])})"
    else:
        where = f"op {index}" if index is not None else "an op"
    field = f" in field {problem.field}" if problem.field else ""
    return f"{where}: {problem.code}{field}"


def _describe(problems: Sequence[BulkProblem], batch: Sequence[tuple[int, dict[str, JSON]]],
              writes: Sequence[PersonWrite], offset: int) -> str:  # fmt: skip
    texts = [_problem_text(p, batch, writes, offset) for p in problems[:_SHOWN]]
    more = f"; and {len(problems) - _SHOWN} more" if len(problems) > _SHOWN else ""
    return "; ".join(texts) + more


def _wait(client: ZetkinClient, log: BulkLog, limit: float, sleep: Callable[[float], None]) -> None:
    """Until the bulk job is completed; an ``error`` job or one that never ends is raised."""
    waited, pause = 0.0, 0.25
    while log.status in ("pending", "in_progress"):
        if waited >= limit or log.id is None:
            raise ZetkinTransientError(
                f"Zetkin's bulk job {log.id} did not finish within {limit:.0f} s",
                where="Zetkin GET bulk",
                may_have_applied=True,
            )
        sleep(pause)
        waited += pause
        pause = min(pause * 2, 4.0)
        log = client.bulk.status(log.id) or log
    if log.status != "completed":
        raise PermanentApiError(
            f"Zetkin's bulk job {log.id} ended with status {log.status}",
            where="Zetkin POST bulk/execute",
        )


def write_people(
    client: ZetkinClient,
    writes: Sequence[PersonWrite],
    *,
    ref_field: str,
    find_refs: Callable[[Sequence[str]], Mapping[str, int]],
    known_refs: Mapping[str, int] | None = None,
    batch_size: int = BATCH_SIZE,
    wait_limit: float = 120.0,
    sleep: Callable[[float], None] = time.sleep,
) -> BulkOutcome:
    """Preview and execute in batches, remove tags, and resolve the creates' ids by ref."""
    start = client.requests_made.total
    known = dict(known_refs or {})
    already = {w.ref: known[w.ref] for w in writes if w.person_id is None and w.ref in known}
    writes = [w for w in writes if not (w.person_id is None and w.ref in already)]
    ops = bulk_ops(writes, ref_field)
    for offset in range(0, len(ops), batch_size):
        batch = ops[offset : offset + batch_size]
        body = [op for _, op in batch]
        preview = client.bulk.preview(body)
        errors = [p for p in preview.problems if (p.level or "error") == "error"]
        if errors:
            raise PermanentApiError(
                f"Zetkin's bulk preview found {len(errors)} problem(s): "
                + _describe(errors, batch, writes, offset),
                where="Zetkin POST bulk/preview",
            )
        try:
            log = client.bulk.execute(body)
        except PermanentApiError as exc:
            if exc.status != 400:
                raise
            first, last = offset, offset + len(batch) - 1
            raise PermanentApiError(
                f"Zetkin refused bulk ops {first}-{last} ({_who(writes[batch[0][0]])} first) "
                f"after a clean preview: {exc.message}",
                status=400,
                where="Zetkin POST bulk/execute",
            ) from None
        _wait(client, log, wait_limit, sleep)
    for write in writes:
        if write.person_id is None:
            continue
        for tag in write.remove_tags:
            try:
                client.v1("DELETE", f"people/{write.person_id}/tags/{int(tag)}")
            except PermanentApiError as exc:
                if exc.status != 404:  # 404: the tag was not there, which is what we want
                    raise
    refs = [w.ref for w in writes if w.person_id is None and w.ref]
    found = dict(find_refs(refs)) if refs else {}
    created = {**already, **{ref: found[ref] for ref in refs if ref in found}}
    missing = tuple(ref for ref in refs if ref not in found)
    return BulkOutcome(created, client.requests_made.total - start, missing)
