"""The admin's status and errors pages over a big ledger in PostgreSQL, with and without the
indexes migration v0008 adds.

The ledger gets ``--runs`` sync runs (three branches, three job sets, mostly "ok", some failed,
held and dry runs, each with its plan summary), ``--audit`` audit entries, and row errors of
which a few hundred are open, all made in PostgreSQL with ``generate_series`` (quick to fill,
and the planner sees real tables: ANALYZE runs after the fill). Then each page is asked for
``--repeat`` times through the app in-process (a logged-in operator, Flask's test client), so
the time is the server's: queries plus rendering, no network (the run history and a person
page, which reads the audit log by person, are timed too). Reported: median and 95th
percentile per page; then the same with the two indexes dropped (the obvious alternative: the
table as the jobs alone needed it), and the query plans' top lines.

    python -m bench admin [-- --runs 50000 --audit 500000 --repeat 30 --url URL]

The URL defaults to BRIDGE_TEST_POSTGRES_URL (else the local test_admin database); the bench
works in its own schema ``bench_admin``, dropped at the end.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from werkzeug.security import generate_password_hash

__all__ = ["main"]

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test_admin"
SCHEMA = "bench_admin"
BRANCHES = ("Trondheim SV (demo)", "Bydel Midtbyen", "Bydel Østbyen")
INDEXES = {
    "ix_sync_runs_branch_job_started": "sync_runs (branch, job, started_at)",
    "ix_sync_runs_status_started": "sync_runs (status, started_at)",
}
PASSWORD = "bench password 16"


def _fill(conn: Any, runs: int, audit: int) -> None:
    conn.execute(
        text(
            """
            INSERT INTO sync_runs (job, branch, started_at, finished_at, status, counts,
                                   requests, plan_summary, held_plan, sources_fingerprint, error)
            SELECT (ARRAY['reconcile', 'reconcile+calls', 'calls'])[1 + g % 3],
                   (ARRAY[:b0, :b1, :b2])[1 + (g / 3) % 3],
                   now() - make_interval(mins => (:runs - g) * 10),
                   now() - make_interval(mins => (:runs - g) * 10) + interval '4 seconds',
                   CASE WHEN g % 97 = 0 THEN 'failed' WHEN g % 1009 = 0 THEN 'held'
                        WHEN g % 13 = 0 THEN 'dry_run' ELSE 'ok' END,
                   '{"created": 1, "updated": 12, "row_errors": 3}'::json,
                   '{"zetkin": 6, "sheets": 3}'::json,
                   '{"jobs": {"reconcile": {"counts": {"updated": 12, "row_errors": 3},
                     "held": null}, "calls": {"counts": {"calls_listed": 4}}}}'::json,
                   CASE WHEN g % 1009 = 0 THEN '{"branch": "x", "jobs": {}}'::json END,
                   CASE WHEN g % 1009 = 0 THEN md5(g::text) END,
                   CASE WHEN g % 97 = 0 THEN 'Zetkin answered 503' END
            FROM generate_series(1, :runs) AS g
            """
        ),
        {"runs": runs, "b0": BRANCHES[0], "b1": BRANCHES[1], "b2": BRANCHES[2]},
    )
    conn.execute(
        text(
            """
            INSERT INTO audit_entries (at, actor, branch, system, target, field,
                                       zetkin_person_id, old_value, new_value)
            SELECT now() - make_interval(secs => :audit - g),
                   'run:' || (g / 10), (ARRAY[:b0, :b1, :b2])[1 + g % 3], 'sheets',
                   'members:' || (g % 20000), 'phone', g % 20000, NULL, 'value ' || g
            FROM generate_series(1, :audit) AS g
            """
        ),
        {"audit": audit, "b0": BRANCHES[0], "b1": BRANCHES[1], "b2": BRANCHES[2]},
    )
    conn.execute(
        text(
            """
            INSERT INTO row_errors (branch, tab, cell, row_key, locator, kind, message,
                                    first_seen, last_seen, resolved_at)
            SELECT (ARRAY[:b0, :b1, :b2])[1 + g % 3], 'members', 'D' || (g + 1), g::text,
                   g::text, (ARRAY['invalid_phone', 'invalid_email', 'duplicate'])[1 + g % 3],
                   'sjekk telefon i celle D' || (g + 1), now() - interval '3 days', now(),
                   CASE WHEN g % 20 = 0 THEN NULL ELSE now() END
            FROM generate_series(1, 6000) AS g
            """
        ),
        {"b0": BRANCHES[0], "b1": BRANCHES[1], "b2": BRANCHES[2]},
    )
    conn.execute(text("ANALYZE"))


def _settings(folder: Path) -> Any:
    from config.loader import load_settings
    from sandbox.environment import write_config

    config = write_config(
        folder,
        zetkin_url="http://127.0.0.1:9/",
        org_id=1,
        sheets_url="http://127.0.0.1:9/",
        spreadsheet_id="bench-sheet",
        token="t",
        branch_name=BRANCHES[0],
    )
    extra = "".join(
        f'\n[[branch]]\nname = "{name}"\nzetkin_org_id = {i + 2}\nspreadsheet_id = "s{i}"\n'
        for i, name in enumerate(BRANCHES[1:])
    )
    config.write_text(config.read_text() + extra)
    return load_settings(config, {"BRIDGE_SECRET_KEY": "b" * 32, "BRIDGE_ZETKIN_TOKEN": "t"})


def _client(settings: Any, ledger: Any) -> Any:
    from admin import create_app
    from admin.runner import Runner
    from admin.store import AdminStore

    AdminStore(ledger).add_user("bench", generate_password_hash(PASSWORD), "operator")
    runner = Runner(settings, ledger, in_process=True, context=lambda: None)
    app = create_app(settings, ledger=ledger, runner=runner)
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found
    answer = client.post(
        "/login", data={"username": "bench", "password": PASSWORD, "csrf_token": found[1]}
    )
    assert answer.status_code == 302, answer.status_code
    return client


def _time(client: Any, path: str, repeat: int) -> tuple[float, float, int]:
    client.get(path)  # warm: templates compiled, connections pooled
    times = []
    size = 0
    for _ in range(repeat):
        started = time.perf_counter()
        answer = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        assert answer.status_code == 200, (path, answer.status_code)
        size = len(answer.data)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], size


def _plan(conn: Any, sql: str, params: dict[str, Any]) -> str:
    rows = conn.execute(text("EXPLAIN (ANALYZE, TIMING OFF) " + sql), params).all()
    top = [r[0].strip() for r in rows if "Scan" in r[0] or "Execution" in r[0]]
    return "; ".join(top[:1] + top[-1:])


QUERIES = {
    "newest run of a job set": (
        "SELECT id FROM sync_runs WHERE branch = :b AND job = 'reconcile' "
        "ORDER BY started_at DESC, id DESC LIMIT 1",
        {"b": BRANCHES[1]},
    ),
    "held runs": (
        "SELECT id FROM sync_runs WHERE status = 'held' ORDER BY started_at DESC LIMIT 50",
        {},
    ),
}


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench admin")
    parser.add_argument("--runs", type=int, default=50_000)
    parser.add_argument("--audit", type=int, default=500_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--url", default=os.environ.get("BRIDGE_TEST_POSTGRES_URL", DEFAULT_URL))
    args = parser.parse_args(argv)

    from ledger import open_ledger

    base = create_engine(args.url, isolation_level="AUTOCOMMIT")
    with base.connect() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    sep = "&" if "?" in args.url else "?"
    url = f"{args.url}{sep}options=-csearch_path%3D{SCHEMA}"
    ledger = open_ledger(url)
    try:
        started = time.perf_counter()
        with ledger.engine.begin() as conn:
            _fill(conn, args.runs, args.audit)
        fill = time.perf_counter() - started
        print(
            f"ledger: {args.runs:,} runs, {args.audit:,} audit entries, 6,000 row errors "
            f"(300 open), 3 branches; filled in {fill:.1f} s; {args.repeat} requests per page"
        )
        with tempfile.TemporaryDirectory() as folder:
            client = _client(_settings(Path(folder)), ledger)
            rows = []
            plans: dict[str, dict[str, str]] = {}
            for variant in ("with v0008 indexes", "without them"):
                if variant == "without them":
                    with ledger.engine.begin() as conn:
                        for name in INDEXES:
                            conn.execute(text(f"DROP INDEX {name}"))
                        conn.execute(text("ANALYZE sync_runs"))
                for page in ("/", "/errors", "/runs", "/people/0/123"):
                    median, p95, size = _time(client, page, args.repeat)
                    rows.append((variant, page, median, p95, size))
                with ledger.engine.connect() as conn:
                    plans[variant] = {k: _plan(conn, q, p) for k, (q, p) in QUERIES.items()}
        print()
        print(
            f"| {'variant':<20} | {'page':<14} | {'median ms':>9} | {'p95 ms':>7} | {'bytes':>7} |"
        )
        print(f"|{'-' * 22}|{'-' * 16}|{'-' * 11}|{'-' * 9}|{'-' * 9}|")
        for variant, page, median, p95, size in rows:
            print(f"| {variant:<20} | {page:<14} | {median:9.1f} | {p95:7.1f} | {size:7,} |")
        print()
        for variant, found in plans.items():
            for query, plan in found.items():
                print(f"{variant}: {query}: {plan}")
        target = [m for v, p, m, _, _ in rows if v == "with v0008 indexes" and p != "/runs"]
        verdict = "meets" if max(target) < 100 else "MISSES"
        print(
            f"\nstatus and errors pages, median: {max(target):.1f} ms: {verdict} the 100 ms target"
        )
    finally:
        ledger.close()
        with base.connect() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        base.dispose()
