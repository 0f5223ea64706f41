"""Entry point of the ``bridge`` command: one click group, one module per subcommand."""

from __future__ import annotations

import click

from cli import (
    admin_cmd,
    check_cmd,
    db_cmd,
    demo_cmd,
    init_cmd,
    report_cmd,
    sandbox_cmd,
    sheet_cmd,
    sync_cmd,
    worker_cmd,
    zetkin_cmd,
)
from cli.localise import LocalisedGroup


@click.group(cls=LocalisedGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="zetkin-sheets-bridge")
def cli() -> None:
    """Keep a branch's Zetkin organisation and the board's Google Sheets in step.

    Start with `bridge demo` to see it work on a fictional branch, or
    `bridge check --config FILE` to validate your own configuration.
    """
    from bridge.redact import configure_logging

    configure_logging("WARNING")
    _plain_progress()


def _plain_progress() -> None:
    """Progress on long waits ("Zetkin svarer ikke (forsøk 2 av 5) ...") as plain stderr lines,
    not as WARNING log records: it is news for the person waiting, not a fault."""
    import logging

    from connectors.progress import PROGRESS_LOGGER

    class Plain(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            click.echo(record.getMessage(), err=True)  # the stderr of this very command

    logger = logging.getLogger(PROGRESS_LOGGER)
    if not any(isinstance(h, Plain) or type(h).__name__ == "Plain" for h in logger.handlers):
        logger.addHandler(Plain())
    logger.propagate = False
    logger.setLevel(logging.INFO)


for module in (
    init_cmd,
    demo_cmd,
    sandbox_cmd,
    sync_cmd,
    check_cmd,
    sheet_cmd,
    admin_cmd,
    worker_cmd,
    db_cmd,
    zetkin_cmd,
    report_cmd,
):
    for command in module.COMMANDS:
        cli.add_command(command)


def main() -> None:
    cli(prog_name="bridge")


if __name__ == "__main__":
    main()
