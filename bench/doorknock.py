"""Door-knocking (issue 15): planning time and requests per run, 200 rounds × 6 team rows and
50 area visits per round, with the obvious alternative in the same run.

Part 1, planning (pure, no I/O): :func:`bridge.doorknock.plan_doorknock` over a synthetic
workbook (rounds, team rows naming their round as the board writes it, sign-ups, new
contacts, one Zetkin tally per round) against the obvious way: for every round, scan every team
row and read its round reference again (parse the date, fuzzy-match the district), then sum.
Both give the same totals (checked); the table shows the time of each.

Part 2, requests (both stand-ins, real clients): the rounds and team rows typed in with gspread,
one location-level area assignment per round with ``--visits`` location visits, then one
first cycle (every event created) and one quiet cycle. Reported: Sheets and Zetkin requests
of each, Zetkin writes, and the cycle's wall and plan time; beside it the obvious way's count
for the same work (one update_cell per status cell, one request per event, per sign-up and
per assignment read, every run). The quiet cycle reads sign-ups only for events of the last
``signup_window_days`` and ahead, and canvassing only for rounds of the last
``canvass_window_days`` (older ones keep the numbers last read, from the ledger).

    python -m bench doorknock [-- --rounds 200 --teams 6 --visits 50 --skip-e2e]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from bridge.doorknock import (
    DoorknockInput,
    DoorknockOptions,
    ZetkinTally,
    find_date,
    match_district,
    parse_count,
    parse_rounds,
    plan_doorknock,
)
from bridge.sheet import SheetRow, TabSnapshot
from bridge.workbook import default_tab

__all__ = ["main"]

DISTRICTS = ("Midtbyen", "Østbyen", "Lerkendal", "Heimdal")
NOW = datetime(2026, 12, 1, 10, 0)


def _snapshot(key: str, rows: Sequence[dict[str, str]]) -> TabSnapshot:
    spec = default_tab(key)
    columns = {f.key: i for i, f in enumerate(spec.fields)}
    out = []
    for n, values in enumerate(rows, start=2):
        full = {k: values.get(k, "") for k in columns}
        key_value = full.get(spec.key_field or "", "") if spec.key_field else ""
        out.append(SheetRow(n, full, {k: f"A{n}" for k in columns}, key_value or None))
    return TabSnapshot(key, spec.title, columns, tuple(out), tuple(f.header for f in spec.fields))


def _days(rounds: int) -> list[date]:
    # Several rounds a day (one per district), spread over the year before NOW.
    return [date(2026, 1, 5) + timedelta(days=(i // 4) * max(1, 330 // max(1, rounds // 4)))
            for i in range(rounds)]  # fmt: skip


def _workbook(rounds: int, teams: int) -> tuple[dict[str, TabSnapshot], list[ZetkinTally]]:
    days = _days(rounds)
    round_rows, result_rows, signups = [], [], []
    for i, day in enumerate(days):
        district = DISTRICTS[i % 4]
        round_rows.append({"date": day.strftime("%d.%m.%Y"), "district": district,
                           "leader": "Kari" if i % 3 else ""})  # fmt: skip
        ref = f"{day.day}.{day.month} {district if i % 7 else district.lower()}"
        for team in range(1, teams + 1):
            result_rows.append({
                "round": ref, "team": f"Lag {team}", "doors_knocked": str(30 + team),
                "doors_opened": f"ca {10 + team}" if team == 2 else str(10 + team),
                "conversations": str(team), "new_contacts": str(team % 2),
                "input": "Bussen går for sjelden; For høy husleie" if team == 1 else "",
            })  # fmt: skip
        signups.append({"name": f"Fiktiv {i}", "phone": f"+4745{i:06d}", "round": ref})
    tabs = {
        "doorknock_rounds": _snapshot("doorknock_rounds", round_rows),
        "doorknock_results": _snapshot("doorknock_results", result_rows),
        "doorknock_signups": _snapshot("doorknock_signups", signups),
        "summary": _snapshot("summary", []),
        "input_digest": _snapshot("input_digest", []),
    }
    parsed = parse_rounds(tabs["doorknock_rounds"].rows, year=2026, districts=DISTRICTS)
    tallies = [ZetkinTally(i, r.round_id, "App", 50, 20) for i, r in enumerate(parsed)]
    return tabs, tallies


def _naive_totals(tabs: dict[str, TabSnapshot], tallies: Sequence[ZetkinTally]) -> dict[str, int]:
    """The obvious way: per round, read every team row's reference again and compare."""
    rounds = parse_rounds(tabs["doorknock_rounds"].rows, year=2026, districts=DISTRICTS)
    out: dict[str, int] = {}
    for r in rounds:
        total = 0
        seen: set[str] = set()
        for row in tabs["doorknock_results"].rows:
            when, rest = find_date(row.get("round"), 2026)
            district = match_district(rest, DISTRICTS).value
            if when.value != r.date or district != r.district:
                continue
            team = row.get("team").casefold()
            reading = parse_count(row.get("doors_knocked"), "Dører")
            if team in seen or reading.error:
                continue
            seen.add(team)
            total += reading.value or 0
        total += sum(z.doors_knocked or 0 for z in tallies if z.round_id == r.round_id)
        out[r.round_id] = total
    return out


def _planning(sizes: Sequence[int], teams: int) -> None:
    print(f"\nPlanning (pure), {teams} team rows and one Zetkin tally per round")
    print(f"{'rounds':>7} {'team rows':>10} {'plan_doorknock':>15} {'naive scan':>11} {'ratio':>6}")
    for rounds in sizes:
        tabs, tallies = _workbook(rounds, teams)
        events = ()
        data = DoorknockInput(tabs, events, {}, (), tallies, NOW)
        options = DoorknockOptions(districts=DISTRICTS)
        started = time.perf_counter()
        plan = plan_doorknock(data, options)
        ours = time.perf_counter() - started
        started = time.perf_counter()
        naive = _naive_totals(tabs, tallies)
        theirs = time.perf_counter() - started
        got = {row[1]: int(row[5]) for row in plan.summary if row[0] == "Runde"}
        assert got == naive, "the two ways disagree"
        print(f"{rounds:>7} {rounds * teams:>10} {ours * 1000:>12.1f} ms {theirs * 1000:>8.1f} ms"
              f" {theirs / ours:>5.1f}x")  # fmt: skip


def _e2e(rounds: int, teams: int, visits: int) -> None:
    from config.doorknock_settings import DoorknockSettings
    from config.loader import load_settings
    from jobs.context import build_context
    from jobs.cycle import LOCAL_TZ, run_cycle
    from jobs.registry import jobs_for
    from sandbox.environment import start_sandbox
    from sandbox.sheets import gspread_client

    folder = Path(tempfile.mkdtemp(prefix="bench-doorknock-"))
    env = start_sandbox(folder, size=60, member_sheet=False)
    try:
        settings = load_settings(env.config_path)
        ctx = build_context(settings)
        ctx.clock = lambda: NOW.replace(tzinfo=LOCAL_TZ)
        dk = DoorknockSettings.model_validate({"enabled": True})
        import dataclasses

        first = settings.branches[0]
        branch = dataclasses.replace(first, jobs=dataclasses.replace(first.jobs, doorknock=dk))
        book = gspread_client(env.sheets.url).open_by_key(env.spreadsheet_id)
        tabs, _ = _workbook(rounds, teams)
        order = [f.key for f in default_tab("doorknock_rounds").fields]
        book.worksheet("Dørbankrunder").append_rows(
            [[r.get(k) for k in order] for r in tabs["doorknock_rounds"].rows],
            value_input_option="RAW",
        )
        order = [f.key for f in default_tab("doorknock_results").fields]
        book.worksheet("Dørbankresultater").append_rows(
            [[r.get(k) for k in order] for r in tabs["doorknock_results"].rows],
            value_input_option="RAW",
        )
        client = ctx.zetkin(branch)
        project = next(c for c in client.events.campaigns() if c.title == "Dørbank")
        user = int(client.v2("GET", "users")[0][0]["id"])
        seeded = time.perf_counter()
        parsed = parse_rounds(tabs["doorknock_rounds"].rows, year=2026, districts=DISTRICTS)
        for i, r in enumerate(parsed):
            _assignment(client, project.id, f"{r.round_id} App", visits, user, i)
        seeded = time.perf_counter() - seeded
        runs = []
        for label in ("first cycle", "quiet cycle"):
            env.sheets.control.clear_log()
            env.zetkin.control.clear_log()
            started = time.perf_counter()
            result = run_cycle(ctx, branch, jobs_for(branch, "doorknock"))
            wall = time.perf_counter() - started
            assert result.status == "ok", result.error
            writes = sum(
                1 for q in env.zetkin.control.requests()
                if q["method"] in ("POST", "PATCH", "PUT", "DELETE")
                and not any(w in str(q["route"]) for w in ("stats", "search", "preview", "views"))
            )  # fmt: skip
            runs.append((label, result.requests["sheets"], result.requests["zetkin"], writes,
                         wall, result.timings.get("plan", 0.0)))  # fmt: skip
        print(f"\nRequests per run: {rounds} rounds, {rounds * teams} team rows, "
              f"{visits} area visits per round (seeding {seeded:.1f} s)")  # fmt: skip
        print(f"{'':<24} {'Sheets':>7} {'Zetkin':>7} {'Zetkin writes':>14} {'wall':>8} "
              f"{'plan':>8}")  # fmt: skip
        for label, sheets, zetkin, writes, wall, plan in runs:
            print(f"{label:<24} {sheets:>7} {zetkin:>7} {writes:>14} {wall:>7.2f}s "
                  f"{plan * 1000:>6.0f}ms")  # fmt: skip
        status_cells = rounds + rounds * teams
        naive_first = status_cells + rounds * 3  # round id, Zetkin-ID, Påmeldte per round
        print(f"{'obvious way, every run':<24} {naive_first + 1:>7} {rounds * 4 + 1:>7} "
              f"{rounds:>14}   (update_cell per status cell; per round GET event, responses, "
              f"stats, locations; PATCH per round)")  # fmt: skip
    finally:
        env.stop()


def _assignment(client: Any, project: int, title: str, visits: int, user: int, i: int) -> None:
    """A location-level assignment with ``visits`` location visits (one household each)."""
    lng, lat = 10.30 + (i % 20) * 0.03, 63.30 + (i // 20) * 0.03
    ring = [[lng - 0.01, lat - 0.01], [lng + 0.01, lat - 0.01], [lng + 0.01, lat + 0.01],
            [lng - 0.01, lat + 0.01], [lng - 0.01, lat - 0.01]]  # fmt: skip
    area = client.canvass.create_area(title, {"type": "Polygon", "coordinates": [ring]})
    aa = client.canvass.create_area_assignment(project, title, reporting_level="location")
    client.canvass.assign_user(aa.id, area.id, user)
    body = {"title": title, "latitude": lat, "longitude": lng, "type": "assignment"}
    loc = client.v2("POST", "locations", json=body)[0]
    for _ in range(visits):
        client.canvass.add_location_visit(aa.id, int(loc["id"]), 1)


def main(argv: Sequence[str] = ()) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench doorknock")
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--teams", type=int, default=6)
    parser.add_argument("--visits", type=int, default=50)
    parser.add_argument("--skip-e2e", action="store_true")
    args = parser.parse_args(list(argv))
    sizes = sorted({50, args.rounds, args.rounds * 2})
    _planning(sizes, args.teams)
    if not args.skip_e2e:
        _e2e(args.rounds, args.teams, args.visits)
