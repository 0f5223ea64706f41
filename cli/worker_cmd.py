"""`bridge worker` and `bridge beat`: the long-running Celery parts.

Both parse the configuration once, in the main process, before Celery forks its pool: the
children inherit the parsed settings, and ``BRIDGE_CONFIG`` is exported for any process
Celery starts afresh.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from bridge.errors import BridgeError
from cli.common import config_option

if TYPE_CHECKING:
    from config.settings import Settings


def _load(config_path: str) -> Settings:
    """The settings, or exit 1 with the loader's list of problems."""
    from config.loader import load_settings

    try:
        settings = load_settings(config_path)
    except BridgeError as exc:
        click.echo(str(exc), err=True)
        raise SystemExit(1) from None
    os.environ["BRIDGE_CONFIG"] = str(Path(config_path).resolve())
    return settings


@click.command()
@config_option
@click.option(
    "--concurrency",
    "-c",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="How many jobs this worker runs at once (one process each).",
)
@click.option(
    "--loglevel",
    "-l",
    default=None,
    help="DEBUG, INFO, WARNING or ERROR (default: the config's log_level).",
)
@click.option(
    "--hostname",
    "-n",
    default="bridge@%h",
    show_default=True,
    help="The worker's name, unique per worker on the same Redis (%h is the host name).",
)
def worker(config_path: str, concurrency: int, loglevel: str | None, hostname: str) -> None:
    """Start a Celery worker that runs the branch jobs.

    The worker takes jobs from the `bridge` queue in the Redis named by the configuration
    (`redis_url` or BRIDGE_REDIS_URL); `bridge beat` puts them there on schedule. A job holds
    a per-branch lock, so any number of workers can run side by side without two of them
    syncing the same branch at once. A job whose worker process dies is run again. Stop the
    worker with Ctrl-C: it finishes the jobs it is running first (press twice to stop at once).
    """
    from cli.common import open_ledger_or_exit
    from workers.app import QUEUE, make_celery

    settings = _load(config_path)
    try:
        # Migrate once here, so the pool's processes never race to upgrade the schema; a
        # ledger that cannot be opened is one clear line, not a traceback.
        open_ledger_or_exit(settings).close()
    except BridgeError as exc:
        click.echo(str(exc), err=True)
        raise SystemExit(1) from None
    app = make_celery(settings)
    app.worker_main(
        [
            "worker",
            f"--loglevel={loglevel or settings.log_level}",
            f"--concurrency={concurrency}",
            f"--hostname={hostname}",
            f"--queues={QUEUE}",
            "--pool=prefork",
            "--without-mingle",
            "--without-gossip",
        ]
    )


@click.command()
@config_option
@click.option(
    "--loglevel",
    "-l",
    default=None,
    help="DEBUG, INFO, WARNING or ERROR (default: the config's log_level).",
)
def beat(config_path: str, loglevel: str | None) -> None:
    """Start the Celery beat that schedules the jobs from the configuration.

    Each branch's cycle is queued every `[runtime] cycle_every` for `bridge worker` to run;
    inside it each job runs when its own `every` has passed, and a nightly full cycle at
    `[runtime] nightly_check` runs them all. The schedule and a lock live in Redis, so
    exactly one beat sends at a time: a second one started by mistake waits as a standby. A
    run missed while the beat was down is not made up for; the next one comes on time.
    """
    from bridge.messages import t
    from cli.common import data_dir_problem
    from workers.app import make_celery
    from workers.schedule import build_schedule, not_scheduled

    settings = _load(config_path)
    problem = data_dir_problem(settings)  # Celery's beat may still write a file there
    if problem:
        click.echo(problem, err=True)
        raise SystemExit(1)
    lang = settings.language
    for entry in build_schedule(settings):
        click.echo(t("worker.scheduled", lang, entry=entry))
    for entry in not_scheduled(settings):
        click.echo(t("worker.not_scheduled", lang, entry=entry), err=True)
    app = make_celery(settings)
    app.Beat(loglevel=loglevel or settings.log_level).run()


COMMANDS = [worker, beat]
