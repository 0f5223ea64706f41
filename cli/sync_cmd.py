"""`bridge sync`: run jobs once, in-process."""

from __future__ import annotations

import click

from cli.common import config_option, not_yet


@click.command()
@click.argument("job", type=click.Choice(["reconcile", "calls", "doorknock", "all"]))
@config_option
@click.option("--dry-run", is_flag=True, help="Plan only; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def sync(job: str, config_path: str, dry_run: bool, as_json: bool) -> None:
    """Run one job (or all) once against the configured systems; exit 0 only on success."""
    not_yet("Syncing", "issue #5")


COMMANDS = [sync]
