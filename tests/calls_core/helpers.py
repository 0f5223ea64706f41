"""Small builders for readable call-planner inputs (fictional people only)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime

from bridge.calls import CallOptions, CallPlan, CallState, plan_calls
from bridge.members import ZetkinMember
from bridge.sheet import SheetRow
from bridge.workbook import default_tab

NOW = datetime(2026, 12, 1, 10, 0)
START = date(2026, 11, 1)
OPTIONS = CallOptions(start_date=START, branch_name="Testlaget SV")


def person(
    pid: int,
    first: str = "Kari",
    last: str = "Nordmann",
    *,
    phone: str = "",
    email: str = "",
    district: str = "Heimdal",
    joined: date | None = date(2026, 11, 20),
    tags: Sequence[str] = ("Medlem",),
    member: bool = True,
) -> ZetkinMember:
    return ZetkinMember(
        id=pid,
        first_name=first,
        last_name=last,
        phone=phone or f"+479{pid:07d}",
        email=email,
        district=district,
        joined=joined,
        tags=frozenset(tags),
        is_member=member,
    )


def sheet_row(tab: str, number: int, **values: str) -> SheetRow:
    """A row of a default tab with every column present (empty unless given)."""
    spec = default_tab(tab)
    full = {f.key: values.pop(f.key, "") for f in spec.fields}
    cells = {f.key: f"{chr(ord('A') + i)}{number}" for i, f in enumerate(spec.fields)}
    key = full[spec.key_field].strip() if spec.key_field else None
    return SheetRow(number, full, cells, key=key or None, extra=dict(values))


def caller(number: int, name: str, capacity: str = "5", **values: str) -> SheetRow:
    return sheet_row("callers", number, name=name, capacity=capacity, **values)


def list_row(number: int, task_id: str, **values: str) -> SheetRow:
    return sheet_row("call_list", number, task_id=task_id, **values)


def plan(
    people: Sequence[ZetkinMember],
    *,
    callers: Sequence[SheetRow] = (),
    rows: Sequence[SheetRow] = (),
    rounds: Sequence[SheetRow] = (),
    state: CallState | None = None,
    options: CallOptions = OPTIONS,
    now: datetime = NOW,
    tag_ids: Mapping[str, int] | None = None,
) -> CallPlan:
    return plan_calls(
        people,
        callers=callers,
        call_list={"call_list": rows},
        rounds=rounds,
        state=state or CallState(),
        options=options,
        now=now,
        tag_ids=tag_ids,
    )


def rows_from(result: CallPlan, start: int = 2) -> list[SheetRow]:
    """The call list as it would be after the plan's appends (for the next cycle)."""
    return [
        list_row(
            start + i,
            append.values["task_id"],
            **{k: v for k, v in append.values.items() if k != "task_id"},
        )
        for i, append in enumerate(result.sheet.appends)
    ]
