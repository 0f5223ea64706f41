"""A 20,000-member plan runs here (times belong in bench/, so none is asserted)."""

from __future__ import annotations

from datetime import date

from bridge.members import ZetkinMember
from bridge.reconcile import plan_reconcile
from bridge.sheet import SheetRow, TabSnapshot

from .helpers import COLUMNS, DISTRICTS, LETTERS, NOW, OPTIONS

N = 20_000


def build(n: int) -> tuple[TabSnapshot, list[ZetkinMember], dict[int, dict[str, str]]]:
    """n members; 2% changed in the sheet, 2% in Zetkin, 1% new in Zetkin, 1% typed in."""
    rows: list[SheetRow] = []
    people: list[ZetkinMember] = []
    base: dict[int, dict[str, str]] = {}
    for i in range(1, n + 1):
        mobile = 40_000_000 + i
        district = DISTRICTS[i % len(DISTRICTS)]
        email = f"medlem{i}@eksempel.no"
        first, last = f"Fornavn{i}", f"Etternavn{i % 997}"
        tags = frozenset({"Medlem", "Vil ringe"} if i % 3 == 0 else {"Medlem"})
        person = ZetkinMember(
            i, first, last, f"+47{mobile}", email, district, date(2025, 1, 1), tags, True
        )
        if i % 50 == 1:  # changed in Zetkin
            person = ZetkinMember(
                i,
                first,
                last,
                f"+47{mobile}",
                f"ny{i}@eksempel.no",
                district,
                date(2025, 1, 1),
                tags,
                True,
            )
        people.append(person)
        if i % 100 == 7:  # new in Zetkin: no row yet
            continue
        base[i] = {
            "first_name": first,
            "last_name": last,
            "phone": f"+47{mobile}",
            "email": email,
            "district": district,
            "door_knock": "Nei",
            "will_call": "Ja" if i % 3 == 0 else "Nei",
        }
        phone = f"{str(mobile)[:3]} {str(mobile)[3:5]} {str(mobile)[5:]}"
        if i % 50 == 2:  # changed in the sheet
            phone = f"9{str(mobile)[1:]}"
        values = {
            "zetkin_id": str(i),
            "first_name": first,
            "last_name": last,
            "phone": phone,
            "email": email.upper() if i % 10 == 0 else email,
            "district": district.lower(),
            "joined": "2025-01-01",
            "door_knock": "",
            "will_call": "x" if i % 3 == 0 else "",
            "status": "OK 2026-11-29 10:00",
        }
        rows.append(_row(len(rows) + 2, values))
    for j in range(n // 100):  # typed in by the board
        values = {k: "" for k in COLUMNS}
        values.update(first_name=f"Ny{j}", last_name="Person", phone=f"9{j:07d}")
        rows.append(_row(len(rows) + 2, values))
    sheet = TabSnapshot("members", "Medlemmer", {k: i for i, k in enumerate(COLUMNS)}, tuple(rows))
    return sheet, people, base


def _row(number: int, values: dict[str, str]) -> SheetRow:
    cells = {k: f"{LETTERS[c]}{number}" for c, k in enumerate(COLUMNS)}
    return SheetRow(number, values, cells, key=values["zetkin_id"] or None)


def test_twenty_thousand_members_plan() -> None:
    sheet, people, base = build(N)
    plan = plan_reconcile(sheet, people, base, OPTIONS, NOW)
    assert len(plan.sheet.appends) == N // 100
    assert len(plan.creates) == N // 100
    assert len(plan.patches) == N // 50
    assert plan.changed_rows == 2 * (N // 50)
    assert plan.conflicts == () and plan.row_errors == () and plan.review == ()
    assert plan.held is None
