"""`bridge admin`: the small web page with sync status and errors."""

from __future__ import annotations

import click

from cli.common import config_option, not_yet


@click.command(hidden=True)  # not built yet: kept out of --help
@config_option
def admin(config_path: str) -> None:
    """Serve the admin page (sync status, row errors, approvals)."""
    not_yet("The admin page", "a later issue")


COMMANDS = [admin]
