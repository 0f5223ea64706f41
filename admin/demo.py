"""The admin over the demo's fictional branch: ``bridge demo --admin`` and the browser tests.

:func:`stage` gives the admin something to show, through the real runner and the stand-ins'
own control API: a run that failed (Zetkin refused it), then a run held by the mass-change
guard (someone overwrote the district column), whose plan waits for approval. :func:`serve_demo`
starts the admin on loopback with a one-time login that exists only in the demo's ledger.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from typing import Any

from werkzeug.security import generate_password_hash

from admin.runner import Runner
from admin.serve import Served, serve_in_thread
from admin.store import AdminStore
from config.settings import BranchSettings, Secret, Settings
from jobs.context import JobContext
from sandbox.control import ControlClient

__all__ = ["DemoAdmin", "serve_demo", "stage"]

DEMO_USER = "demo"


@dataclass
class DemoAdmin:
    served: Served
    user: str
    password: str

    @property
    def url(self) -> str:
        return self.served.url

    def stop(self) -> None:
        self.served.stop()


def stage(env: Any, ctx: JobContext, branch: BranchSettings) -> dict[str, int | None]:
    """A failed run and a held one, made by the runner against the stand-ins; their ids."""
    from jobs.cycle import run_cycle
    from jobs.registry import jobs_for

    zetkin = ControlClient(env.zetkin.url)
    zetkin.inject(403, times=1)  # Zetkin refuses the first request: the run fails
    failed = run_cycle(ctx, branch, jobs_for(branch, "all"))
    zetkin.clear_faults()
    sheet = env.sheets.gspread_client().open_by_key(env.spreadsheet_id).worksheet("Medlemmer")
    values = sheet.get_all_values()
    header = values[0]
    column = header.index("Bydel") + 1
    others = [d for d in branch.districts] or ["Sentrum"]
    rows = len(values) - 1
    if rows > 0:  # overwrite the district of most rows: the mass-change guard holds the run
        cells = sheet.range(2, column, rows + 1, column)
        for i, cell in enumerate(cells):
            current = cell.value
            cell.value = next((d for d in others if d != current), others[0]) if i % 10 else current
        sheet.update_cells(cells)
    held = run_cycle(ctx, branch, jobs_for(branch, "all"))
    return {"failed": failed.run_id, "held": held.run_id if held.status == "held" else None}


def demo_settings(settings: Settings) -> Settings:
    """The demo's settings with a session key of its own (the demo has no environment)."""
    if settings.secret_key is not None:
        return settings
    return replace(settings, secret_key=Secret(secrets.token_urlsafe(32)))


def serve_demo(
    settings: Settings, ctx: JobContext, *, host: str = "127.0.0.1", port: int = 5000
) -> DemoAdmin:
    """The admin on ``host:port`` with a one-time operator login (printed, never stored plain)."""
    from admin import create_app

    settings = demo_settings(settings)
    password = secrets.token_urlsafe(12)
    AdminStore(ctx.ledger).add_user(DEMO_USER, generate_password_hash(password), "operator")
    runner = Runner(settings, ctx.ledger, in_process=True, context=lambda: ctx)
    app = create_app(settings, ledger=ctx.ledger, runner=runner)
    return DemoAdmin(serve_in_thread(app, host, port), DEMO_USER, password)


def run_demo_admin(env: Any, ctx: JobContext, branch: BranchSettings, port: int = 5000) -> None:
    """``bridge demo --admin``: stage, serve, print the address and login, wait for Ctrl-C."""
    import time

    import click

    from bridge.messages import t

    lang = ctx.settings.language
    stage(env, ctx, branch)
    seed_call_history(ctx, branch)
    demo = serve_demo(ctx.settings, ctx, port=port)
    click.echo("\n" + t("admin.demo_login", lang, url=demo.url, name=demo.user,
                        password=demo.password))  # fmt: skip
    try:
        while True:
            time.sleep(1)
    except KeyboardInterrupt:
        click.echo(t("demo.stopped", lang))
    finally:
        demo.stop()


def seed_call_history(ctx: JobContext, branch: BranchSettings, months: int = 6) -> int:
    """Half a year of fictional welcome calls and one call round in the demo's ledger, so the
    measures page has something to draw (the demo branch starts with no call history)."""
    import random
    from datetime import UTC, datetime, timedelta

    from bridge.calls import Attempt, CallRound, CallState, CallTask, Outcome, TaskKind, TaskState

    rng = random.Random(16)
    people = sorted(ctx.ledger.load_links(branch.name))
    now = datetime.now(UTC)
    tasks = []
    for i, person in enumerate(people):
        created = now - timedelta(days=rng.randint(0, months * 30))
        late = rng.random() < 0.25
        called = created + timedelta(days=rng.randint(15, 30) if late else rng.randint(0, 10))
        done = called < now
        kind = TaskKind.ROUND if i % 4 == 0 else TaskKind.WELCOME
        tasks.append(
            CallTask(
                id=f"demo-{i}",
                person_id=person,
                kind=kind,
                created=created,
                due=(created + timedelta(days=14)).date(),
                round_id="demo-round" if kind is TaskKind.ROUND else None,
                caller="",
                state=TaskState.DONE if done else TaskState.OPEN,
                outcome=Outcome.REACHED if done else None,
                outcome_at=called if done else None,
                history=(Attempt(1, Outcome.REACHED, called, "demo"),) if done else (),
            )
        )
    rounds = (CallRound("demo-round", "Høstrunden", "alle", (now - timedelta(days=30)).date()),)
    ctx.ledger.save_call_state(branch.name, CallState(tuple(tasks), (), rounds))
    return len(tasks)
