"""`bridge admin`: the small web page with sync status and errors."""

from __future__ import annotations

import click

from bridge.messages import t
from cli.common import DEFAULT_LANGUAGE, config_option, not_yet


@click.command(hidden=True)  # not built yet: kept out of --help
@config_option
def admin(config_path: str) -> None:
    """Serve the admin page (sync status, row errors, approvals)."""
    lang = DEFAULT_LANGUAGE  # nothing is read from the config until the admin is built
    not_yet(t("cli.admin_page", lang), t("cli.later_issue", lang), lang)


COMMANDS = [admin]
