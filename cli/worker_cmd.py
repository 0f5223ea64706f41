"""`bridge worker` and `bridge beat`: the long-running Celery parts."""

from __future__ import annotations

import click

from cli.common import config_option, not_yet


@click.command()
@config_option
def worker(config_path: str) -> None:
    """Start a Celery worker that runs the branch jobs."""
    not_yet("The worker", "a later issue")


@click.command()
@config_option
def beat(config_path: str) -> None:
    """Start the Celery beat that schedules the jobs from the configuration."""
    not_yet("The scheduler", "a later issue")


COMMANDS = [worker, beat]
