"""The runner hands the planner every person of the org (members and not): at 20,000 members
plus 20,000 other contacts the plan still links, reviews and creates as for a small sheet
(times belong in bench/, so none is asserted)."""

from __future__ import annotations

from dataclasses import replace

from bridge.reconcile import plan_reconcile

from .helpers import COLUMNS, NOW, OPTIONS, person
from .test_scale import N, _row, build


def test_twenty_thousand_members_and_as_many_contacts_plan() -> None:
    sheet, members, base = build(N)
    contacts = [
        person(100_000 + j, f"Kontakt{j}", "Person", f"+4770{j:06d}", tags=(), is_member=False)
        for j in range(N)
    ]
    extra = []
    for j in range(100):  # typed in: 50 are contacts (by phone), 50 share a member's name only
        values = {k: "" for k in COLUMNS}
        if j < 50:
            values.update(first_name=f"K{j}", last_name="Person", phone=f"70 {j:06d}")
        else:
            m = members[j]
            values.update(first_name=m.first_name, last_name=m.last_name, phone=f"48{j:06d}")
        extra.append(_row(len(sheet.rows) + 2 + j, values))
    sheet = replace(sheet, rows=sheet.rows + tuple(extra))
    plan = plan_reconcile(sheet, members + contacts, base, OPTIONS, NOW)
    assert len(plan.sheet.appends) == N // 100  # new members only, never a contact
    assert {int(a.values["zetkin_id"]) for a in plan.sheet.appends} <= {m.id for m in members}
    assert len(plan.creates) == N // 100  # the board's new rows; none of the 100 above
    linked = {k.person_id for k in plan.links if k.how == "phone"}
    assert linked == {100_000 + j for j in range(50)}
    assert len(plan.review) == 50
    assert all(c.reasons == ("name",) for r in plan.review for c in r.candidates)
    assert plan.held is None
