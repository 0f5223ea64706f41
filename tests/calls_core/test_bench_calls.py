"""The calls benchmark's own arithmetic (its times are printed, never asserted)."""

from __future__ import annotations

import random

import pytest

from bench.calls import (
    _callers_as_rows,
    caller_rows,
    greedy_scan,
    people,
    planning,
    round_robin,
    spread,
)
from bridge.calls import Need, assign, parse_callers


def test_the_spread_of_a_capacity_split_is_small_and_of_round_robin_large() -> None:
    rng = random.Random(1)
    crowd = people(600, rng)
    callers, _ = parse_callers(_callers_as_rows(caller_rows(12, rng)))
    needs = [Need(f"T{p.id}", p, p.joined) for p in crowd if p.joined]  # type: ignore[arg-type]
    bridge = spread(assign(needs, callers, {}, region="NO"), callers)
    naive = spread(round_robin(needs, callers), callers)
    greedy = spread(greedy_scan(needs, callers), callers)
    assert bridge[1] <= 1.0 and greedy[1] <= 1.0  # within one task of each share
    assert naive[0] > 5 * bridge[0]


def test_planning_prints_its_table(capsys: pytest.CaptureFixture[str]) -> None:
    planning(300, 6, 1)
    out = capsys.readouterr().out
    assert "plan_calls, first cycle" in out and "300 tasks" in out and "round robin" in out
