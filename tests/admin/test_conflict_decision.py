"""A conflict decision works through the planner's own merge: the base the admin stores makes
the next plan carry the kept value to the other side (the real planner, no stand-in)."""

from __future__ import annotations

from dataclasses import asdict

import pytest

from admin.views import settled_base
from bridge.reconcile import plan_reconcile
from tests.reconcile_core.helpers import NOW, OPTIONS, rows_of, writes_by_field
from tests.reconcile_core.test_plan import BASE_1, kari, kari_row


@pytest.mark.parametrize("choice", ["keep_sheet", "keep_zetkin"])
def test_the_next_plan_applies_the_decision(choice: str) -> None:
    sheet = rows_of(kari_row(email="arket@eksempel.no"))
    people = [kari(email="zetkin@eksempel.no")]
    [conflict] = plan_reconcile(sheet, people, {1: BASE_1}, OPTIONS, NOW).conflicts
    plan = plan_reconcile(
        sheet, people, {1: settled_base(BASE_1, asdict(conflict), choice)}, OPTIONS, NOW
    )
    assert plan.conflicts == ()
    if choice == "keep_sheet":
        assert [dict(p.fields) for p in plan.patches] == [{"email": "arket@eksempel.no"}]
    else:
        assert plan.patches == ()
        assert writes_by_field(plan)[("1", "email")] == "zetkin@eksempel.no"
