"""Running for real: two workers and one beat sync many branches under Google's per-user quota.

Setup: real Redis, two ``bridge worker -c 2`` processes and one ``bridge beat`` started as
subprocesses, both stand-ins in this process (``sandbox/branches.py``: N branches of M
members, one spreadsheet each, headers only), the Sheets stand-in enforcing ``--per-user``
requests per ``--window`` seconds for the one Google user (Google's 60 per minute by
default; ``--window 6`` is a scaled run, 60 per 6 s, that takes seconds instead of
minutes). The beat sends each branch's cycle every ``--cycle`` seconds and the reconcile
job is due ``--every`` seconds after its last run (a cycle that finds it not due makes no
request), so each branch first syncs (3 Sheets requests: read, key re-read, write) and then
has quiet cycles (1 read each). With ``every`` as short as the cycle, the branches that
synced first would take every token in every cycle and the rest would wait for ever (their
messages expiring in the queue): the job's own interval is what keeps the budget fair.
The run ends once every branch has synced and had ``--quiet`` quiet cycles (3 by default:
without them 20 first syncs, 40 reads and 20 writes, fit in one minute's quota).

Measured, for the shared budget (``[runtime] quota = true``) and the obvious alternative
(no shared budget: every worker sends as fast as it can and the retries below cope):

* 429s answered by the stand-in (with the budget: none reach anything; without: each is a
  retry the connectors make, and a run that still fails is counted as failed);
* runs ok/failed/skipped, and whether any branch ever had two runs open at once;
* wall time against the lower bound the quota allows: requests / allowed rate, reads and
  writes counted apart as Google does (``max(reads, writes) / (per_user / window)``), once
  for the requests needed (2 + quiet reads and 1 write per branch) and once for the
  requests made (extra quiet cycles of branches already done included); target <= 1.3x.

    python -m bench runtime [-- --branches 20 --members 2000 --window 60 --redis-url URL]
    python -m bench runtime -- --quick          # 3 branches of 300, 6 requests per 6 s

The Redis database given (default 15) is flushed before and after each run.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import redis

from config.loader import load_settings
from ledger import open_ledger
from ledger.records import RunRecord
from sandbox.branches import ManyBranches, start_branches

BRIDGE = Path(sys.executable).parent / "bridge"
READ_ROUTES = {"values.batchGet", "values.get", "spreadsheets.get"}


@dataclass
class Outcome:
    label: str
    seconds: float
    span: float
    reads: int
    writes: int
    needed_reads: int
    needed_writes: int
    answered_429: int
    ok: int
    failed: int
    overlaps: int
    synced: int
    branches: int


def _spawn(args: list[str], url: str, log: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIDGE_")}
    env["BRIDGE_REDIS_URL"] = url
    with log.open("wb") as out:
        return subprocess.Popen(
            [str(BRIDGE), *args], env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=15)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=15)


def _runs(env: ManyBranches) -> dict[str, list[RunRecord]]:
    settings = load_settings(env.config_path, env=env.env())
    ledger = open_ledger(settings.database_url.get(), upgrade=False)
    try:
        return {b.name: ledger.recent_runs(limit=1000, branch=b.name) for b in settings.branches}
    finally:
        ledger.close()


def _overlaps(runs: list[RunRecord]) -> int:
    spans = sorted((r.started_at, r.finished_at or r.started_at) for r in runs)
    return sum(1 for a, b in itertools.pairwise(spans) if b[0] < a[1])


def _done(runs: list[RunRecord], quiet: int) -> bool:
    ok = sorted((r for r in runs if r.status == "ok"), key=lambda r: r.id)
    return len(ok) >= 1 + quiet and ok[0].counts.get("appended", 0) > 0


def _one(args: argparse.Namespace, quota: bool, folder: Path) -> Outcome:
    client = redis.Redis.from_url(args.redis_url)
    client.flushdb()
    runtime = "\n".join(
        [
            f'cycle_every = "{args.cycle}s"',
            'nightly_check = ""',
            f"quota = {'true' if quota else 'false'}",
            f"google_user_per_minute = {args.per_user}",
            f"google_project_per_minute = {args.per_user * 5}",
            f'quota_window = "{args.window}s"',
            "zetkin_per_minute = 100000",  # the Zetkin stand-in enforces none: not measured
        ]
    )
    env = start_branches(folder, args.branches, size=args.members, runtime=runtime)
    text = env.config_path.read_text(encoding="utf-8")
    jobs = f'[jobs.reconcile]\nevery = "{args.every}s"\n\n[[branch]]'
    text = text.replace("[[branch]]", jobs, 1)
    if args.database_url:
        text = text.replace(
            'data_dir = "data"', f'data_dir = "data"\ndatabase_url = "{args.database_url}"'
        )
    env.config_path.write_text(text, encoding="utf-8")
    processes: list[subprocess.Popen[bytes]] = []
    try:
        env.sheets.control.call(
            "quota",
            {
                "enabled": True,
                "per_user": args.per_user,
                "per_project": args.per_user * 5,
                "window_s": float(args.window),
            },
        )
        logs = [folder / f"worker-{i}.log" for i in range(2)]
        for log in logs:
            processes.append(
                _spawn(
                    [
                        "worker",
                        "--config",
                        str(env.config_path),
                        "-c",
                        "2",
                        "-l",
                        "INFO",
                        "-n",
                        f"bench-{uuid.uuid4().hex[:6]}@%h",
                    ],
                    args.redis_url,
                    log,
                )
            )
        ready_by = time.monotonic() + 60
        while not all(" ready." in log.read_text(errors="replace") for log in logs):
            if time.monotonic() > ready_by or any(p.poll() is not None for p in processes):
                raise RuntimeError("a worker did not start:\n" + logs[0].read_text()[-2000:])
            time.sleep(0.2)
        env.sheets.control.clear_log()
        started = time.monotonic()
        processes.append(
            _spawn(["beat", "--config", str(env.config_path)], args.redis_url, folder / "beat.log")
        )
        deadline = started + args.timeout
        while True:
            runs = _runs(env)
            if all(_done(r, args.quiet) for r in runs.values()) or time.monotonic() > deadline:
                break
            time.sleep(0.25)
        seconds = time.monotonic() - started
        counters: dict[str, Any] = env.sheets.control.counters()
        log = env.sheets.control.requests()
        answered = [r for r in log if r.get("status") != 429]
        moments = [float(r["at"]) for r in log if r.get("at") is not None]
    finally:
        for process in processes:
            _stop(process)
        env.stop()
        client.flushdb()
        client.close()
    statuses = {str(k): int(v) for k, v in counters["by_status"].items()}
    all_runs = [r for rs in runs.values() for r in rs]
    return Outcome(
        label="shared budget in Redis" if quota else "no shared budget (retries only)",
        seconds=seconds,
        span=(max(moments) - min(moments)) if moments else 0.0,
        reads=sum(r.get("route") in READ_ROUTES for r in answered),
        writes=sum(r.get("route") not in READ_ROUTES for r in answered),
        needed_reads=(2 + args.quiet) * args.branches,
        needed_writes=args.branches,
        answered_429=statuses.get("429", 0),
        ok=sum(r.status == "ok" for r in all_runs),
        failed=sum(r.status == "failed" for r in all_runs),
        overlaps=sum(_overlaps(rs) for rs in runs.values()),
        synced=sum(_done(rs, args.quiet) for rs in runs.values()),
        branches=args.branches,
    )


def _table(outcomes: list[Outcome], args: argparse.Namespace) -> str:
    rate = args.per_user / args.window
    head = (
        f"{'':34} {'synced':>7} {'wall s':>7} {'span s':>7} {'429s':>5} {'ok':>4} {'fail':>4} "
        f"{'2 at once':>9} {'reads':>6} {'writes':>6} {'bound s':>7} {'x bound':>7} "
        f"{'x needed':>8}"
    )
    lines = [head, "-" * len(head)]
    for o in outcomes:
        bound = max(o.reads, o.writes) / rate
        needed = max(o.needed_reads, o.needed_writes) / rate
        lines.append(
            f"{o.label:34} {o.synced:>3}/{o.branches:<3} {o.seconds:>7.1f} {o.span:>7.1f} "
            f"{o.answered_429:>5} {o.ok:>4} {o.failed:>4} {o.overlaps:>9} {o.reads:>6} "
            f"{o.writes:>6} {bound:>7.1f} {o.span / bound:>7.2f} {o.span / needed:>8.2f}"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench runtime")
    parser.add_argument("--branches", type=int, default=20)
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--per-user", type=int, default=60, help="requests per window")
    parser.add_argument("--window", type=int, default=60, help="seconds (Google: 60)")
    parser.add_argument("--cycle", type=int, default=5, help="beat interval, seconds")
    parser.add_argument("--every", type=int, default=30, help="the job's interval, seconds")
    parser.add_argument("--quiet", type=int, default=3, help="quiet cycles per branch")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/15")
    parser.add_argument("--database-url", default=None, help="ledger (default: SQLite)")
    parser.add_argument("--timeout", type=float, default=900.0)
    parser.add_argument("--quick", action="store_true", help="3 branches of 300, 6 per 6 s")
    parser.add_argument("--no-alternative", action="store_true")
    args = parser.parse_args(argv)
    if args.quick:
        args.branches, args.members, args.window, args.per_user = 3, 300, 6, 6
        args.cycle, args.every = 2, 2
    print(
        f"{args.branches} branches x {args.members} members; Sheets stand-in quota "
        f"{args.per_user} requests / {args.window} s per user"
        + (" (scaled: Google counts per 60 s)" if args.window != 60 else "")
        + f"; 2 workers x 2 processes, 1 beat every {args.cycle} s, reconcile every "
        f"{args.every} s; Redis {args.redis_url}",
        flush=True,
    )
    outcomes = []
    modes = [True] if args.no_alternative else [True, False]
    for quota in modes:
        with tempfile.TemporaryDirectory(prefix="bench-runtime-") as tmp:
            outcomes.append(_one(args, quota, Path(tmp)))
        print(f"  done: {outcomes[-1].label}", flush=True)
    print(_table(outcomes, args))
    print(
        "wall s: beat started -> every branch done (process start-up included); span s: first "
        "-> last Sheets request, what the quota governs; bound s = max(reads, writes) made / "
        "allowed rate; x bound = span / bound; x needed = span / the bound for the requests "
        "needed; the budget paces at 90 % of the quota (a tenth held as burst)."
    )
