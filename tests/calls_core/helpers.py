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
        phone=phone or f"9{pid:07d}",
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


def list_row(number: int, **values: str) -> SheetRow:
    return sheet_row("call_list", number, **values)


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


def applied(rows: Sequence[SheetRow], result: CallPlan, tab: str = "call_list") -> list[SheetRow]:
    """The call list after the plan's writes, appends and removals (what the next cycle reads)."""
    removed = {r.row_key for r in result.removals if r.tab == tab}
    out: list[SheetRow] = []
    for row in rows:
        if row.key in removed:
            continue
        values = dict(row.values)
        for write in result.sheet.writes:
            if write.tab == tab and write.row_key == row.key:
                values[write.field] = write.value
        out.append(list_row(row.row_number, **values))
    number = max((row.row_number for row in rows), default=1)
    for append in result.sheet.appends:
        if append.tab == tab:
            number += 1
            out.append(list_row(number, **append.values))
    return out


def typed(rows: Sequence[SheetRow], key: str, **values: str) -> list[SheetRow]:
    """The call list after a caller typed ``values`` into the row ``key``."""
    return [
        list_row(row.row_number, **{**row.values, **values}) if row.key == key else row
        for row in rows
    ]
