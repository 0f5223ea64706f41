"""Call lists: planning 5,000 targets over 60 callers, the load spread, requests per cycle.

1. **Planning** (pure, no I/O): one call round whose rule (``tag:Medlem``) names 5,000
   fictional members, 60 callers with weekly capacities 1-10 and one or two districts each.
   Timed: :func:`bridge.calls.plan_calls` for the first cycle (every task made, assigned and
   listed) and for the next one (the 5,000 rows read back, nothing to do), best of
   ``--repeat``; and the assignment alone, :func:`bridge.calls.assign`, beside the obvious
   alternatives in the same run: round robin (one task each in turn, capacity ignored) and a
   greedy scan (each task to the caller with the lowest load ÷ capacity, scanning all 60).
   Load spread is the largest minus the smallest ``assigned ÷ capacity`` over the callers
   (0 is a perfect split); "off share" is the most tasks any caller is away from their
   capacity share of the total.
2. **Requests per cycle** against both stand-ins (in process, 0 ms latency), the calls job
   alone on the sandbox's fictional branch of ``--size`` people with the same round and 60
   callers typed into ``Ringere``: the first cycle, a cycle with nothing changed, a cycle after
   ``--outcomes`` outcomes were typed into ``Ringeliste`` with gspread, and the first cycle
   with ``tab_per_caller`` (every caller's tab made in the same write). Beside each, what the
   newcomer's way would cost in Sheets requests: one read, then one ``append_row`` per new
   row and one ``update_cell`` per cell written.

    python -m bench calls [-- --targets 5000 --callers 60 --size 3000 --outcomes 100]
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from bridge.calls import Caller, CallOptions, CallState, Need, assign, parse_callers, plan_calls
from bridge.members import ZetkinMember
from bridge.sheet import SheetRow
from bridge.workbook import default_tab
from sandbox.fictional import DISTRICTS

__all__ = ["main"]

NOW = datetime(2026, 12, 8, 10, 0)
OPTIONS = CallOptions(start_date=date(2026, 12, 1), branch_name="Benkelaget")
ROUND = {"name": "Før valget", "target": "tag:Medlem", "start": "2026-12-01", "end": "2026-12-31"}


def _row(tab: str, number: int, values: Mapping[str, str]) -> SheetRow:
    spec = default_tab(tab)
    full = {f.key: values.get(f.key, "") for f in spec.fields}
    cells = {f.key: f"{chr(ord('A') + i)}{number}" for i, f in enumerate(spec.fields)}
    key = full[spec.key_field].strip() if spec.key_field else None
    return SheetRow(number, full, cells, key or None)


def people(count: int, rng: random.Random) -> list[ZetkinMember]:
    """Fictional members who joined before the start date (round targets, no welcome call)."""
    return [_member(i, rng.choice(DISTRICTS)) for i in range(count)]


def _member(i: int, district: str) -> ZetkinMember:
    return ZetkinMember(
        id=1000 + i, first_name=f"Fiktiv{i}", last_name="Benkesen", phone=f"+4745{i:06d}",
        email="", district=district, joined=date(2025, 1, 1), tags=frozenset({"Medlem"}),
        is_member=True,
    )  # fmt: skip


def caller_rows(count: int, rng: random.Random) -> list[list[str]]:
    """Ringere rows: name, phone, e-mail, Zetkin-ID, capacity, districts, active."""
    out = []
    for i in range(count):
        districts = ", ".join(rng.sample(DISTRICTS, rng.choice((1, 2))))
        out.append([f"Ringer {i:02d}", f"+4791{i:06d}", "", "", str(rng.randint(1, 10)),
                    districts, "Ja"])  # fmt: skip
    return out


def _callers_as_rows(rows: Sequence[Sequence[str]]) -> list[SheetRow]:
    keys = [f.key for f in default_tab("callers").fields]
    return [_row("callers", n, dict(zip(keys, r, strict=False))) for n, r in enumerate(rows, 2)]


def _best(repeat: int, work: Callable[[], Any]) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - started)
    return best, result


def round_robin(needs: Sequence[Need], callers: Sequence[Caller]) -> dict[str, str]:
    """The obvious first try: one task each in turn, capacity ignored."""
    pool = [c for c in callers if c.available]
    return {n.task_id: pool[i % len(pool)].name for i, n in enumerate(needs)}


def greedy_scan(needs: Sequence[Need], callers: Sequence[Caller]) -> dict[str, str]:
    """The obvious better try: each task to the caller with the lowest load ÷ capacity, found
    by scanning every caller (no districts, no ties rule beyond the scan order)."""
    pool = [c for c in callers if c.available]
    load = {c.name: 0 for c in pool}
    out = {}
    for need in needs:
        best = min(pool, key=lambda c: (load[c.name] + 1) / c.capacity)
        load[best.name] += 1
        out[need.task_id] = best.name
    return out


def spread(assigned: Mapping[str, str], callers: Sequence[Caller]) -> tuple[float, float]:
    """(largest - smallest assigned ÷ capacity, most tasks off the capacity share)."""
    pool = [c for c in callers if c.available]
    count = Counter(assigned.values())
    ratios = [count[c.name] / c.capacity for c in pool]
    total, capacity = len(assigned), sum(c.capacity for c in pool)
    off = max(abs(count[c.name] - total * c.capacity / capacity) for c in pool)
    return max(ratios) - min(ratios), off


def _table(title: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    cells = [[str(c) for c in header], *[[str(c) for c in r] for r in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    print(f"\n{title}")
    for n, r in enumerate(cells):
        print("  " + "  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in
                              enumerate(zip(r, widths, strict=True))))  # fmt: skip
        if n == 0:
            print("  " + "  ".join("-" * w for w in widths))


def planning(targets: int, callers: int, repeat: int) -> None:
    rng = random.Random(14)
    crowd = people(targets, rng)
    ringere = _callers_as_rows(caller_rows(callers, rng))
    rounds = [_row("call_rounds", 2, ROUND)]

    def first() -> Any:
        return plan_calls(crowd, callers=ringere, call_list={"call_list": []}, rounds=rounds,
                          state=CallState(), options=OPTIONS, now=NOW)  # fmt: skip

    first_s, plan = _best(repeat, first)
    listed = [_row("call_list", n, a.values) for n, a in enumerate(plan.sheet.appends, 2)]
    status = next(w.value for w in plan.sheet.writes if w.tab == "call_rounds")
    rounds = [_row("call_rounds", 2, {**ROUND, "status": status})]

    def again() -> Any:
        return plan_calls(crowd, callers=ringere, call_list={"call_list": listed},
                          rounds=rounds, state=plan.state, options=OPTIONS, now=NOW)  # fmt: skip

    again_s, quiet = _best(repeat, again)
    assert not quiet.sheet.writes and not quiet.sheet.appends
    parsed, _problems = parse_callers(ringere)
    by_id = {p.id: p for p in crowd}
    needs = [Need(t.id, by_id[t.person_id], t.due) for t in plan.state.tasks]
    rows: list[list[object]] = [
        ["plan_calls, first cycle", f"{len(plan.state.tasks)} tasks", f"{first_s:.3f}", "", ""],
        ["plan_calls, nothing to do", f"{len(listed)} rows", f"{again_s:.3f}", "", ""],
    ]
    for name, work in (
        ("assign (bridge: shares, districts)",
         lambda: assign(needs, parsed, {}, region="NO")),
        ("round robin", lambda: round_robin(needs, parsed)),
        ("greedy scan of all callers", lambda: greedy_scan(needs, parsed)),
    ):  # fmt: skip
        seconds, placed = _best(repeat, work)
        gap, off = spread(placed, parsed)
        rows.append([name, f"{len(placed)} tasks", f"{seconds:.3f}", f"{gap:.3f}", f"{off:.1f}"])
    local = sum(
        1 for t in plan.state.tasks
        if by_id[t.person_id].district.casefold()
        in next(c for c in parsed if c.name == t.caller).districts
    )  # fmt: skip
    _table(
        f"Planning: {targets} targets, {callers} callers (capacity 1-10), best of {repeat}; "
        f"target under 0.5 s",
        ["step", "size", "seconds", "load spread", "off share"],
        rows,
    )
    print(f"  tasks given to a caller of the member's own district: {local / len(needs):.0%}")


def _cycle(ctx: Any, branch: Any, clock: datetime, zetkin: Any) -> tuple[Any, float, int]:
    from jobs.cycle import LOCAL_TZ, run_cycle
    from jobs.registry import jobs_for

    zetkin.control.clear_log()
    ctx.clock = lambda: clock.replace(tzinfo=LOCAL_TZ)
    started = time.perf_counter()
    result = run_cycle(ctx, branch, jobs_for(branch, "calls"))
    seconds = time.perf_counter() - started
    assert result.status == "ok", (result.error, result.held)
    writes = sum(
        1 for r in zetkin.control.requests()
        if r["method"] in {"POST", "PATCH", "PUT", "DELETE"}
        and not any(w in str(r.get("route", "")) for w in ("stats", "search", "preview"))
        and not str(r.get("route", "")).startswith("views.")  # the bridge's own view, once
        and not str(r.get("path", "")).startswith("/_control")
    )  # fmt: skip
    return result, seconds, writes


def stand_ins(size: int, callers: int, outcomes: int) -> None:
    from config.loader import load_settings
    from config.settings import CallsSettings
    from jobs.context import build_context
    from sandbox.environment import start_sandbox
    from sandbox.sheets import gspread_client

    rows: list[list[object]] = []
    for per_caller in (False, True):
        with tempfile.TemporaryDirectory() as folder:
            env = start_sandbox(Path(folder) / "sandbox", size=size)
            try:
                settings = load_settings(env.config_path)
                calls = CallsSettings(
                    enabled=True, start_date=date(2026, 12, 1), tab_per_caller=per_caller
                )
                first = settings.branches[0]
                branch = dataclasses.replace(
                    first, jobs=dataclasses.replace(first.jobs, calls=calls)
                )
                ctx = build_context(settings)
                book = gspread_client(env.sheets.url).open_by_key(env.spreadsheet_id)
                book.worksheet("Ringere").append_rows(
                    caller_rows(callers, random.Random(14)), value_input_option="RAW"
                )
                book.worksheet("Ringerunder").append_rows(
                    [[ROUND["name"], "", ROUND["target"], ROUND["start"], ROUND["end"], ""]],
                    value_input_option="RAW",
                )
                label = "tab per caller: " if per_caller else ""
                result, seconds, writes = _cycle(ctx, branch, NOW, env.zetkin)
                rows.append(_request_row(f"{label}first cycle", result, seconds, writes))
                if per_caller:
                    continue
                result, seconds, writes = _cycle(ctx, branch, NOW, env.zetkin)
                rows.append(_request_row("nothing changed", result, seconds, writes))
                sheet = book.worksheet("Ringeliste")
                count = len(sheet.get_all_values()) - 1
                typed = min(outcomes, count)
                sheet.batch_update(
                    [{"range": f"H{n}:I{n}", "values": [["nådd", "ja"]]}
                     for n in range(2, 2 + typed)],
                    raw=True,
                )  # fmt: skip
                result, seconds, writes = _cycle(ctx, branch, NOW, env.zetkin)
                rows.append(_request_row(f"{typed} outcomes typed", result, seconds, writes))
            finally:
                env.stop()
    _table(
        f"Requests per cycle, calls job, both stand-ins in process (0 ms), {size} people, "
        f"{callers} callers",
        ["cycle", "tasks open", "rows added", "cells", "sheets", "newcomer sheets",
         "zetkin", "zetkin writes", "seconds"],
        rows,
    )  # fmt: skip


def _request_row(label: str, result: Any, seconds: float, writes: int) -> list[object]:
    counts = result.jobs["calls"]["counts"]
    appended, cells = counts["call_rows_appended"], counts["call_cells_written"]
    naive = 1 + appended + cells + counts["call_rows_removed"]
    return [label, counts["call_tasks_open"], appended, cells, result.requests["sheets"], naive,
            result.requests["zetkin"], writes, f"{seconds:.2f}"]  # fmt: skip


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench calls")
    parser.add_argument("--targets", type=int, default=5000)
    parser.add_argument("--callers", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--size", type=int, default=3000, help="people in the stand-in")
    parser.add_argument("--outcomes", type=int, default=100)
    parser.add_argument("--no-stand-ins", action="store_true")
    args = parser.parse_args(argv)
    planning(args.targets, args.callers, args.repeat)
    if not args.no_stand_ins:
        stand_ins(args.size, args.callers, args.outcomes)
