"""Who calls whom: callers read from ``Ringere``, tasks shared out by weekly capacity.

Sharing is Hamilton's largest-remainder method over the caller's current load plus the new
tasks, so over several cycles every caller stays within one task of their capacity share. A
task goes first to a caller whose ``Bydeler`` include the member's district when that caller
is still under their share; never to the person themself (same Zetkin-ID, phone or e-mail).
Ties are broken by the caller's name, so the same input always gives the same assignment.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from bridge.calls.outcomes import Unread, fold_words, read_yes_no
from bridge.calls.records import RowProblem
from bridge.members import ZetkinMember
from bridge.normalise import (
    clean_text,
    normalise_email,
    normalise_phone,
    zetkin_email,
    zetkin_phone,
)
from bridge.sheet import SheetRow

__all__ = ["Caller", "Need", "assign", "caller_key", "is_self", "parse_callers", "shares"]


def caller_key(name: str) -> str:
    """How caller names compare: case, accents and spacing ignored."""
    return fold_words(name)


@dataclass(frozen=True, slots=True)
class Caller:
    """A caller from ``Ringere``. ``phone`` and ``email`` normalised ("" when missing or
    invalid), ``districts`` folded, ``capacity`` calls per week."""

    name: str
    capacity: int
    active: bool = True
    districts: frozenset[str] = frozenset()
    phone: str = ""
    email: str = ""
    zetkin_id: int | None = None
    row: int = 0
    key: str = field(init=False, compare=False, repr=False)  # caller_key(name), made once

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", caller_key(self.name))

    @property
    def available(self) -> bool:
        return self.active and self.capacity > 0


def _capacity(text: str) -> int | None:
    digits = text.strip().removesuffix(".0")
    if digits.isascii() and digits.isdigit():
        return int(digits)
    return None


def parse_callers(
    rows: Sequence[SheetRow], *, region: str = "NO", tab: str = "callers"
) -> tuple[tuple[Caller, ...], tuple[RowProblem, ...]]:
    """The callers of ``Ringere`` and the problems of its rows. A row with a bad ``Aktiv`` or,
    when active, a missing or non-numeric capacity ("fem") is skipped; a blank ``Aktiv`` is
    active; a name listed twice keeps its first row."""
    callers: list[Caller] = []
    problems: list[RowProblem] = []
    seen: set[str] = set()
    for row in rows:
        name = clean_text(row.get("name"))
        if not name:
            continue
        if caller_key(name) in seen:
            problems.append(_problem(tab, row, "name", "duplicate_caller", name))
            continue
        active = read_yes_no(row.get("active"))
        if isinstance(active, Unread):
            problems.append(_problem(tab, row, "active", "bad_active", active.text))
            continue
        capacity_text = row.get("capacity").strip()
        capacity = _capacity(capacity_text)
        if active is not False and capacity is None:
            code = "bad_capacity" if capacity_text else "no_capacity"
            problems.append(_problem(tab, row, "capacity", code, capacity_text))
            continue
        seen.add(caller_key(name))
        phone, phone_problem = normalise_phone(row.get("phone"), region)
        email, email_problem = normalise_email(row.get("email"))
        id_text = row.get("zetkin_id").strip().removesuffix(".0")
        callers.append(
            Caller(
                name=name,
                capacity=capacity or 0,
                active=active is not False,
                districts=frozenset(
                    fold_words(part) for part in row.get("districts").split(",") if part.strip()
                ),
                phone="" if phone_problem else phone,
                email="" if email_problem else email,
                zetkin_id=int(id_text) if id_text.isascii() and id_text.isdigit() else None,
                row=row.row_number,
            )
        )
    return tuple(callers), tuple(problems)


def _problem(tab: str, row: SheetRow, field: str, code: str, value: str) -> RowProblem:
    return RowProblem(tab, row.row_number, row.cells.get(field, ""), code, value)


def is_self(caller: Caller, person: ZetkinMember, region: str) -> bool:
    """Whether the caller is the person to be called (never assign that)."""
    if caller.zetkin_id == person.id:
        return True
    if caller.phone and caller.phone == zetkin_phone(person.phone, region):
        return True
    return bool(caller.email) and caller.email == zetkin_email(person.email)


@dataclass(frozen=True, slots=True)
class Need:
    """A task waiting for a caller; ``exclude`` names a caller it must not go back to (a
    released task)."""

    task_id: str
    person: ZetkinMember
    due: date
    exclude: str = ""


def shares(total: int, callers: Sequence[Caller]) -> dict[str, int]:
    """``total`` tasks split by capacity, largest remainder first (ties: by name)."""
    capacity = sum(caller.capacity for caller in callers)
    if capacity <= 0:
        return {}
    quotas = {c.key: total * c.capacity // capacity for c in callers}
    left = total - sum(quotas.values())
    by_remainder = sorted(callers, key=lambda c: (-(total * c.capacity % capacity), c.key))
    for caller in by_remainder[:left]:
        quotas[caller.key] += 1
    return quotas


def assign(
    needs: Sequence[Need],
    callers: Sequence[Caller],
    load: Mapping[str, int],
    *,
    region: str,
) -> dict[str, str]:
    """Task id -> the caller's name for every need that can be placed (a need whose only
    possible caller is the person themself stays out). ``load`` is each caller's current
    tasks, by :func:`caller_key`."""
    pool = sorted((c for c in callers if c.available), key=lambda c: c.key)
    if not pool:
        return {}
    total = sum(load.get(c.key, 0) for c in pool) + len(needs)
    quota = shares(total, pool)
    deficit = {c.key: quota[c.key] - load.get(c.key, 0) for c in pool}
    count = {c.key: load.get(c.key, 0) for c in pool}
    result: dict[str, str] = {}
    ordered = sorted(needs, key=lambda n: (n.due, n.task_id))

    def place(need: Need, caller: Caller) -> None:
        result[need.task_id] = caller.name
        deficit[caller.key] -= 1
        count[caller.key] += 1

    # Who each need's person is, normalised once (not once per caller compared).
    me = {
        n.task_id: (n.person.id, zetkin_phone(n.person.phone, region), zetkin_email(n.person.email))
        for n in ordered
    }

    def may(caller: Caller, need: Need) -> bool:
        pid, phone, email = me[need.task_id]
        if caller.key == need.exclude or caller.zetkin_id == pid:
            return False
        return not (caller.phone and caller.phone == phone) and not (
            caller.email and caller.email == email
        )

    for need in ordered:
        district = fold_words(need.person.district)
        local = [c for c in pool if district in c.districts and deficit[c.key] > 0 and may(c, need)]
        if local:
            place(need, max(local, key=lambda c: deficit[c.key]))
    for need in ordered:
        if need.task_id in result:
            continue
        allowed = [c for c in pool if may(c, need)]
        under = [c for c in allowed if deficit[c.key] > 0]
        if under:
            place(need, max(under, key=lambda c: deficit[c.key]))
        elif allowed:
            place(need, min(allowed, key=lambda c: (count[c.key] + 1) / c.capacity))
    return result
