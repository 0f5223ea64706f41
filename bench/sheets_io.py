"""Sheets I/O: the batching workbook adapter vs. a newcomer's gspread loop.

For each size (rows in the members tab, 15 columns: the 10 default ones plus 5 board columns)
and each simulated latency, it times one read and one write of the same plan:

* adapter: ``Workbook.read()`` (1 batchGet; metadata only to explain a header problem) and
  ``Workbook.apply(plan)`` (1 key re-read, 1 batchUpdate, 1 append);
* newcomer: ``open_by_key`` + ``worksheet`` + ``get_all_values`` to read, then one
  ``update_cell`` per changed cell and one ``append_row`` per new row.

The plan changes the status cell of 10 % of the rows and appends 1 % new rows. The newcomer's
writes are capped (``--naive-cap``, default 300 requests); past the cap the time is
extrapolated from the measured mean and marked ``~``. "at quota" is the least wall time
Google's 60 requests/minute/user quota allows for that many requests.

The stand-in runs in its own process so that time and peak memory (tracemalloc, client side
only; it slows the timed code a little, the same for both ways) are the client's.

    python -m bench sheets_io [-- --sizes 2000,20000,100000 --latency 0,100 --naive-cap 300]
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any, TypeVar

from bridge.sheet import CellWrite, RowAppend, SheetPlan
from bridge.workbook import DEFAULT_TABS
from config.settings import TabSettings
from connectors.sheets import Workbook
from sandbox.control import ControlClient

T = TypeVar("T")
MEMBERS = DEFAULT_TABS[0]
HEADER = [f.header for f in MEMBERS.fields] + [f"Styret {i}" for i in range(1, 6)]
STATUS_COL = [f.key for f in MEMBERS.fields].index("status")

_SERVER = """
import sys, time
from sandbox.sheets import SheetsStandin
s = SheetsStandin().start()
print(s.url, flush=True)
sys.stdin.read()
s.stop()
"""


def _rows(n: int) -> list[list[str]]:
    out = [HEADER]
    for i in range(n):
        out.append(
            [
                str(100000 + i),
                f"Fornavn{i}",
                f"Etternavn{i}",
                f"0047900{i % 100000:05d}",
                f"person{i}@example.invalid",
                "Sentrum",
                "2024-01-01",
                "Ja",
                "Nei",
                "",
                "a",
                "b",
                "c",
                "d",
                "e",
            ]
        )
    return out


def _plan(n: int) -> SheetPlan:
    changed = max(1, n // 10)
    step = n // changed
    return SheetPlan(
        writes=tuple(
            CellWrite("members", str(100000 + i * step), "status", "Oppdatert")
            for i in range(changed)
        ),
        appends=tuple(
            RowAppend("members", {"zetkin_id": str(900000 + i), "status": "Ny"})
            for i in range(max(1, n // 100))
        ),
    )


def _measure(fn: Callable[[], T]) -> tuple[T, float, int]:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = fn()
    finally:
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return result, elapsed, peak


def _adapter(gc: Any, control: ControlClient, sid: str, plan: SheetPlan) -> dict[str, Any]:
    tab = TabSettings("members", MEMBERS.title, {f.key: f.header for f in MEMBERS.fields})
    book = Workbook(gc, sid, {"members": tab})
    control.clear_log()
    _, read_s, read_mem = _measure(book.read)
    reads = control.counters()["total"]
    control.clear_log()
    result, write_s, write_mem = _measure(lambda: book.apply(plan))
    assert not result.skipped, result.skipped[:3]
    writes = control.counters()["total"]
    return {
        "read_s": read_s,
        "write_s": write_s,
        "requests": reads + writes,
        "peak": max(read_mem, write_mem),
        "extrapolated": False,
    }


def _naive(gc: Any, control: ControlClient, sid: str, plan: SheetPlan, cap: int) -> dict[str, Any]:
    control.clear_log()

    def read() -> list[list[str]]:
        ws = gc.open_by_key(sid).worksheet(MEMBERS.title)
        values = ws.get_all_values()
        read.ws = ws  # type: ignore[attr-defined]
        return list(values)

    values, read_s, read_mem = _measure(read)
    ws = read.ws  # type: ignore[attr-defined]
    reads = control.counters()["total"]
    row_of = {line[0]: number for number, line in enumerate(values, start=1) if line}
    total = len(plan.writes) + len(plan.appends)
    done = 0

    def write() -> None:
        nonlocal done
        for w in plan.writes:
            if done >= cap:
                return
            ws.update_cell(row_of[w.row_key], STATUS_COL + 1, w.value)
            done += 1
        for a in plan.appends:
            if done >= cap:
                return
            ws.append_row([a.values.get(f.key, "") for f in MEMBERS.fields])
            done += 1

    _, write_s, write_mem = _measure(write)
    if done < total:
        write_s = write_s / done * total
    return {
        "read_s": read_s,
        "write_s": write_s,
        "requests": reads + total,
        "peak": max(read_mem, write_mem),
        "extrapolated": done < total,
    }


def _fmt_s(seconds: float, approx: bool = False) -> str:
    mark = "~" if approx else ""
    if seconds >= 3600:
        return f"{mark}{seconds / 3600:.1f} h"
    if seconds >= 120:
        return f"{mark}{seconds / 60:.1f} min"
    return f"{mark}{seconds:.2f} s"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench sheets_io")
    parser.add_argument("--sizes", default="2000,20000,100000")
    parser.add_argument("--latency", default="0,100", help="simulated latency per request, ms")
    parser.add_argument("--naive-cap", type=int, default=300)
    args = parser.parse_args(argv or [])
    sizes = [int(s) for s in args.sizes.split(",")]
    latencies = [int(s) for s in args.latency.split(",")]

    server = subprocess.Popen(
        [sys.executable, "-c", _SERVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        from sandbox.sheets import gspread_client

        control = ControlClient(url)
        gc = gspread_client(url)
        head = (
            f"{'rows':>7} {'latency':>7} {'way':<9} {'read':>9} {'write':>10} "
            f"{'requests':>8} {'at quota':>10} {'peak mem':>9}"
        )
        print(head)
        print("-" * len(head))
        for n in sizes:
            plan = _plan(n)
            for latency in latencies:
                for way in ("adapter", "newcomer"):
                    control.set_latency(0)
                    seeded = control.call(
                        "seed", {"title": f"bench {n}", "tabs": {MEMBERS.title: _rows(n)}}
                    )
                    sid = seeded["spreadsheet_id"]
                    control.set_latency(latency)
                    if way == "adapter":
                        r = _adapter(gc, control, sid, plan)
                    else:
                        r = _naive(gc, control, sid, plan, args.naive_cap)
                    # Least wall time under 60 requests/minute: each further 60 waits a minute.
                    quota = max(0, math.ceil(r["requests"] / 60) - 1) * 60.0
                    print(
                        f"{n:>7} {latency:>5}ms {way:<9} {_fmt_s(r['read_s']):>9} "
                        f"{_fmt_s(r['write_s'], r['extrapolated']):>10} {r['requests']:>8} "
                        f"{_fmt_s(quota) if quota else 'no wait':>10} "
                        f"{r['peak'] / 2**20:>7.1f}MB",
                        flush=True,
                    )
                control.call("reset")
        print(
            "\nplan: status cell of 10% of rows changed + 1% new rows; '~' = extrapolated past "
            f"{args.naive_cap} newcomer requests; 'at quota' = least time under 60 requests/min."
        )
        print(json.dumps({"sizes": sizes, "latency_ms": latencies}))
    finally:
        control_done = server.stdin
        if control_done is not None:
            control_done.close()
        server.wait(timeout=10)


if __name__ == "__main__":
    main(sys.argv[1:])
