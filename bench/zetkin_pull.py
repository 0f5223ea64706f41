"""Zetkin pull: all people of a 20,000-person org through the real client, by page size.

For each simulated latency (the stand-in sleeps that long per request) and page size, it pages
through ``GET /v1/orgs/{org}/people`` with the client's 0-based ``p``/``pp`` paging and prints
requests, wall time and peak memory (tracemalloc, client side). The obvious alternative, the
client's default of 100 per page, is the first row of each block. The member job reads
members by tag (``/people/tags/{id}/people``, paged the same way), measured below it.

The stand-in runs in its own process, so time and memory are the client's.

    python -m bench zetkin_pull [-- --people 20000 --latency 0,50 --pages 100,500,1000]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import requests

from connectors.zetkin import StaticTokenAuth, ZetkinClient
from sandbox.control import ControlClient

_SERVER = """
import json, sys
from sandbox.zetkin import ZetkinStandin
z = ZetkinStandin(seed="demo", size=int(sys.argv[1])).start()
print(json.dumps({"url": z.url, "org": z.org_id, "token": z.token}), flush=True)
sys.stdin.read()
z.stop()
"""


def _measure(fn: Callable[[], int]) -> tuple[int, float, float]:
    tracemalloc.start()
    started = time.perf_counter()
    count = fn()
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return count, elapsed, peak / 1e6


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench zetkin_pull")
    parser.add_argument("--people", type=int, default=20000)
    parser.add_argument("--latency", default="0,50")
    parser.add_argument("--pages", default="100,500,1000")
    args = parser.parse_args(argv)
    server = subprocess.Popen(
        [sys.executable, "-c", _SERVER, str(args.people)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        info: dict[str, Any] = json.loads(server.stdout.readline())
        control = ControlClient(info["url"])
        print(
            f"{'latency':>8} {'way':<26} {'people':>7} {'requests':>9} {'time s':>8} {'peak MB':>8}"
        )
        for latency in [int(x) for x in args.latency.split(",")]:
            control.set_latency(latency)
            client = ZetkinClient(
                requests.Session(), info["url"], info["org"], StaticTokenAuth(info["token"])
            )
            for size in [int(x) for x in args.pages.split(",")]:
                before = client.requests_made.total
                people, elapsed, peak = _measure(
                    lambda size=size, c=client: sum(1 for _ in c.people.iterate(page_size=size))
                )
                made = client.requests_made.total - before
                print(
                    f"{latency:>6}ms {f'people, pp={size}':<26} {people:>7} {made:>9} "
                    f"{elapsed:>8.2f} {peak:>8.1f}"
                )
            member = client.tags.by_title()["Medlem"]
            for size in [int(x) for x in args.pages.split(",")]:
                before = client.requests_made.total
                people, elapsed, peak = _measure(
                    lambda size=size, c=client, m=member: len(c.tags.people(m.id, page_size=size))
                )
                made = client.requests_made.total - before
                print(
                    f"{latency:>6}ms {f'members by tag, pp={size}':<26} {people:>7} {made:>9} "
                    f"{elapsed:>8.2f} {peak:>8.1f}"
                )
        control.set_latency(0)
    finally:
        if server.stdin:
            server.stdin.close()
        server.wait(timeout=30)


if __name__ == "__main__":
    main(sys.argv[1:])
