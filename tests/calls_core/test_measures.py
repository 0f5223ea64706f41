"""The goal's measures as JSON (``bridge sync calls --json``): welcome goal, callers, rounds."""

from __future__ import annotations

import json
from datetime import date

from bridge.calls import round_id

from .helpers import applied, caller, person, plan, sheet_row, typed

CALLERS = [caller(2, "Ola Hansen", "5"), caller(3, "Bodil Berg", "5")]
ROUND = sheet_row("call_rounds", 2, name="Dørbank", target="tag:Medlem", start="2026-11-01")
OLD = date(2025, 1, 1)


def test_measures_as_json_hold_the_goal_callers_and_rounds() -> None:
    people = [
        person(1, joined=date(2026, 11, 20)),  # welcome, reached on time
        person(2, joined=date(2026, 11, 10)),  # welcome, due 24.11: overdue
        person(3, joined=date(2026, 12, 1)),  # welcome, new this month
        person(4, joined=OLD),  # round target only
    ]
    first = plan(people, callers=CALLERS, rounds=[ROUND])
    rows = typed(applied([], first), "V1.1", outcome="nådd", door_knock="ja")
    rid = round_id("Dørbank")
    rows = typed(rows, f"{rid}-4.1", outcome="nådd", door_knock="ja")
    later = plan(people, callers=CALLERS, rows=rows, rounds=[ROUND], state=first.state)
    assert later.measures is not None
    data = later.measures.to_dict()
    assert json.loads(json.dumps(data)) == data  # JSON as it is
    assert {k: data[k] for k in ("new_members_this_month", "contacted_on_time",
                                 "welcome_decided", "contacted_share", "overdue")} == {
        "new_members_this_month": 1,
        "contacted_on_time": 1,
        "welcome_decided": 2,
        "contacted_share": 0.5,
        "overdue": 1,
    }  # fmt: skip
    by_caller = {c["caller"]: (c["open"], c["done"]) for c in data["callers"]}
    assert sum(o for o, _ in by_caller.values()) == 2  # persons 2 and 3
    assert sum(d for _, d in by_caller.values()) == 2  # persons 1 and 4
    assert set(by_caller) == {"Bodil Berg", "Ola Hansen"}
    assert data["rounds"] == [
        {"round": "Dørbank", "targets": 1, "called": 1, "reached": 1, "door_knock_yes": 1}
    ]


def test_measures_name_no_person_called() -> None:
    people = [person(1, "Synnøve", "Fjellheim", joined=date(2026, 11, 20))]
    result = plan(people, callers=CALLERS)
    assert result.measures is not None
    text = json.dumps(result.measures.to_dict(), ensure_ascii=False)
    assert "Synnøve" not in text and "Fjellheim" not in text
    assert "Ola Hansen" in text or "Bodil Berg" in text
