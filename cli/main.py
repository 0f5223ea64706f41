"""Entry point of the ``bridge`` command: one click group, one module per subcommand."""

from __future__ import annotations

import click

from cli import (
    admin_cmd,
    check_cmd,
    db_cmd,
    demo_cmd,
    sandbox_cmd,
    sheet_cmd,
    sync_cmd,
    worker_cmd,
    zetkin_cmd,
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="zetkin-sheets-bridge")
def cli() -> None:
    """Keep a branch's Zetkin organisation and the board's Google Sheets in step.

    Start with `bridge demo` to see it work on a fictional branch, or
    `bridge check --config FILE` to validate your own configuration.
    """
    from bridge.redact import configure_logging

    configure_logging("WARNING")


for module in (
    demo_cmd,
    sandbox_cmd,
    sync_cmd,
    check_cmd,
    sheet_cmd,
    admin_cmd,
    worker_cmd,
    db_cmd,
    zetkin_cmd,
):
    for command in module.COMMANDS:
        cli.add_command(command)


def main() -> None:
    cli(prog_name="bridge")


if __name__ == "__main__":
    main()
