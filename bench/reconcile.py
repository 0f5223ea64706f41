"""Member reconciliation end to end against both stand-ins, and the newcomer's way beside it.

For each size (Zetkin people in the sandbox's fictional branch; the board's member sheet holds
about 90% of the members) and each simulated latency: one converged run first, then 2% of the
rows changed in the sheet (phone), 2% of the members changed in Zetkin (e-mail) and 1% new
members in Zetkin, then one timed reconcile cycle (``run_reconcile``). Reported: wall time, the
pure planning step (``RunResult.timings["plan"]``), requests to each system and the Zetkin write
requests among them (from the stand-ins' request logs; a preview, a search or a Smart Search count
is a read even when it is a POST),
and the bridge process's peak resident memory (``ru_maxrss``, which does not slow the timed
code the way tracemalloc would; it is a high-water mark, so sizes run smallest first; the
stand-ins run in a child process, so their memory is not counted).

The newcomer's way, in the same run and against the same sheet: ``get_all_records`` to read,
then one ``update_cell`` per cell the bridge wrote and one ``append_row`` per new member; on the
Zetkin side one request per change (a PATCH per person, a PUT or DELETE per tag), as the job
did before the bulk writes, its time estimated at the simulated latency. Past ``--naive-cap``
calls its Sheets time is extrapolated from the measured sample (marked ``~``).

    python -m bench reconcile [-- --sizes 2000,20000 --latency 0,100 --naive-cap 200]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from config.loader import load_settings
from jobs.context import build_context
from jobs.reconcile import RunResult, run_reconcile
from sandbox.control import ControlClient
from sandbox.sheets import gspread_client

__all__ = ["main"]

_SERVER = """
import json, sys
from pathlib import Path
from sandbox.environment import start_sandbox
env = start_sandbox(Path(sys.argv[1]), size=int(sys.argv[2]))
print(json.dumps(env.info()), flush=True)
sys.stdin.read()
env.stop()
"""
TAB = "Medlemmer"
# POSTs that read: Smart Search counts, searches, bulk previews, token requests.
_READ_POSTS = ("stats", "search", "preview", "oauth", "matches")


def _zetkin_writes(control: ControlClient) -> int:
    return sum(
        1
        for r in control.requests()
        if r["method"] in {"POST", "PATCH", "PUT", "DELETE"}
        and not any(word in str(r.get("route", "")) for word in _READ_POSTS)
        and not str(r.get("path", "")).startswith("/_control")
    )


PHONE, STATUS = 4, 10  # 1-based columns of the default Medlemmer tab


def _fmt_s(seconds: float, approx: bool = False) -> str:
    mark = "~" if approx else ""
    if seconds >= 3600:
        return f"{mark}{seconds / 3600:.1f} h"
    if seconds >= 120:
        return f"{mark}{seconds / 60:.1f} min"
    return f"{mark}{seconds:.2f} s"


def _change_sources(gc: Any, sid: str, ctx: Any, branch: Any, size: int) -> None:
    """2% of sheet rows get a new phone, 2% of members a new e-mail, 1% new members."""
    ws = gc.open_by_key(sid).worksheet(TAB)
    grid = ws.get_all_values()
    rows = [n for n, r in enumerate(grid[1:], start=2) if r and r[0].isdigit() and r[STATUS - 1]]
    step = max(1, len(rows) // max(1, int(len(rows) * 0.02)))
    chosen = rows[::step][: int(len(rows) * 0.02)]
    ws.batch_update(
        [{"range": f"D{n}", "values": [[f"9{n:07d}"]]} for n in chosen],
        value_input_option="RAW",
    )
    client = ctx.zetkin(branch)
    member_tag = client.tags.by_title()["Medlem"]
    members = client.tags.people(member_tag.id)
    count = int(len(members) * 0.02)
    for person in members[1 :: max(1, len(members) // max(1, count))][:count]:
        client.people.patch(person.id, {"email": f"endret.{person.id}@example.org"})
    for i in range(max(1, size // 100)):
        new = client.people.create(
            {"first_name": "Ny", "last_name": f"Medlem{i}", "phone": f"+47980{i:05d}"}
        )
        client.tags.assign(new.id, member_tag.id)


def _naive(
    gc: Any, sid: str, control: ControlClient, writes: int, appends: int, cap: int
) -> dict[str, Any]:
    control.clear_log()
    started = time.perf_counter()
    ws = gc.open_by_key(sid).worksheet(TAB)
    records = ws.get_all_records()
    read_s = time.perf_counter() - started
    reads = control.counters()["total"]
    total = writes + appends
    done = 0
    started = time.perf_counter()
    for i in range(min(writes, cap)):
        ws.update_cell(2 + i % max(1, len(records)), STATUS, "OK")
        done += 1
    for i in range(min(appends, cap - done)):
        ws.append_row(["", "Ny", f"Nykommer{i}"], value_input_option="RAW")
        done += 1
    write_s = time.perf_counter() - started
    extrapolated = done < total
    if extrapolated and done:
        write_s = write_s / done * total
    return {"wall": read_s + write_s, "sheets": reads + total, "approx": extrapolated}


def _one(size: int, latency: int, cap: int, folder: Path) -> list[str]:
    server = subprocess.Popen(
        [sys.executable, "-c", _SERVER, str(folder), str(size)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        info = json.loads(server.stdout.readline())
        settings = load_settings(Path(info["config"]))
        branch = settings.branches[0]
        ctx = build_context(settings)
        sheets, zetkin = ControlClient(info["sheets_url"]), ControlClient(info["zetkin_url"])
        gc = gspread_client(info["sheets_url"])
        first = run_reconcile(ctx, branch)
        assert first.status == "ok", first.error or first.held
        _change_sources(gc, info["spreadsheet_id"], ctx, branch, size)
        for control in (sheets, zetkin):
            control.set_latency(latency)
            control.clear_log()
        started = time.perf_counter()
        result: RunResult = run_reconcile(ctx, branch)
        wall = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        assert result.status == "ok", result.error or result.held
        s_req, z_req = sheets.counters()["total"], zetkin.counters()["total"]
        z_writes = _zetkin_writes(zetkin)
        naive = _naive(
            gc,
            info["spreadsheet_id"],
            sheets,
            result.counts["sheet_writes"],
            result.counts["appended"],
            cap,
        )
        counts = result.counts
        per_change = counts["zetkin_writes"]
        changes = f"{counts['sheet_writes']}c+{counts['appended']}a/{per_change}z"
        naive_z = z_req - z_writes + per_change
        naive_wall = naive["wall"] + per_change * latency / 1000
        return [
            f"{size:>7} {latency:>5}ms {'bridge':<9} {_fmt_s(wall):>10} "
            f"{_fmt_s(result.timings['plan']):>8} {s_req:>7} {z_req:>7} {z_writes:>8} "
            f"{peak / 1e6:>7.1f} MB  {changes}",
            f"{'':>7} {'':>7} {'newcomer':<9} {_fmt_s(naive_wall, naive['approx']):>10} "
            f"{'-':>8} {naive['sheets']:>7} {naive_z:>7} {per_change:>8} {'-':>10}  "
            f"{naive['sheets'] / max(1, s_req):.0f}x the Sheets, "
            f"{per_change / max(1, z_writes):.0f}x the Zetkin write requests",
        ]
    finally:
        if server.stdin:
            server.stdin.close()
        server.wait(30)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench reconcile")
    parser.add_argument("--sizes", default="2000,20000")
    parser.add_argument("--latency", default="0,100", help="simulated latency per request, ms")
    parser.add_argument("--naive-cap", type=int, default=200)
    args = parser.parse_args(argv or [])
    head = (
        f"{'people':>7} {'latency':>7} {'way':<9} {'wall':>10} {'plan':>8} {'sheets':>7} "
        f"{'zetkin':>7} {'z writes':>8} {'peak mem':>10}  changes (cells+appends / zetkin changes)"
    )
    print(head)
    print("-" * len(head), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            for latency in (int(s) for s in args.latency.split(",")):
                folder = Path(tmp) / f"{size}-{latency}"
                for line in _one(size, latency, args.naive_cap, folder):
                    print(line, flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
