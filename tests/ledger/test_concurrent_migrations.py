"""Two processes starting at once on a fresh ledger both succeed (issue 10.2).

Each process is a real ``python`` that opens the ledger (which migrates it) at the same
wall-clock moment; without the migration lock one of them fails with "table sync_runs already
exists" about half the time.
"""

from __future__ import annotations

import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from ledger import current_revision, head_revision, make_engine

pytestmark = pytest.mark.timeout(180)

ROOT = Path(__file__).resolve().parents[2]
ATTEMPTS = 6
OPEN = """
import sys, time
from ledger import open_ledger
time.sleep(max(0.0, float(sys.argv[2]) - time.time()))
with open_ledger(sys.argv[1]) as ledger:
    ledger.start_run("reconcile", "oslo")
print("ok")
"""


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def fresh_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[int], str]]:
    """A function giving the URL of a new, empty database for each attempt."""
    if request.param == "sqlite":
        yield lambda n: f"sqlite:///{tmp_path / f'fresh-{n}' / 'data' / 'bridge.sqlite3'}"
        return
    database = request.getfixturevalue("ledger_pg_database")
    engine = create_engine(database, isolation_level="AUTOCOMMIT")
    schemas: list[str] = []

    def make(_: int) -> str:
        schema = f"m_{uuid.uuid4().hex[:12]}"
        with engine.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        schemas.append(schema)
        url = make_url(database).update_query_dict({"options": f"-csearch_path={schema}"})
        return url.render_as_string(hide_password=False)

    try:
        yield make
    finally:
        with engine.connect() as conn:
            for schema in schemas:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


def test_two_processes_migrate_a_fresh_ledger_at_once(fresh_url: Callable[[int], str]) -> None:
    for attempt in range(ATTEMPTS):
        url = fresh_url(attempt)
        start_at = repr(time.time() + 1.0)  # both are imported and waiting by then
        children = [
            subprocess.Popen(
                [sys.executable, "-c", OPEN, url, start_at],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        for child in children:
            out, err = child.communicate(timeout=60)
            assert (child.returncode, out.strip()) == (0, "ok"), f"attempt {attempt}: {err}"
            assert "Traceback" not in err
        engine = make_engine(url)
        try:
            assert current_revision(engine) == head_revision()
            with engine.connect() as conn:
                assert conn.execute(text("SELECT count(*) FROM sync_runs")).scalar_one() == 2
        finally:
            engine.dispose()
