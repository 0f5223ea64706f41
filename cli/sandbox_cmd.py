"""`bridge sandbox`: serve the Zetkin and Google Sheets stand-ins on loopback."""

from __future__ import annotations

import json
import signal
import tempfile
import threading
from pathlib import Path

import click


@click.command()
@click.option(
    "--seed",
    type=click.Choice(["empty", "demo"]),
    default="demo",
    show_default=True,
    help="empty: defined fields and tags, no people; demo: the fictional branch.",
)
@click.option("--size", type=int, default=None, help="Number of fictional people (demo seed).")
@click.option("--seed-number", type=int, default=1, show_default=True, help="Random seed.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON line first, then serve.")
@click.option(
    "--dir",
    "workdir",
    type=click.Path(file_okay=False),
    default=None,
    help="Where to write the generated config (default: a temporary folder).",
)
def sandbox(
    seed: str, size: int | None, seed_number: int, as_json: bool, workdir: str | None
) -> None:
    """Serve local stand-ins for the Zetkin and Google Sheets APIs until interrupted.

    Prints their URLs, a bearer token valid on the Zetkin stand-in, the seeded spreadsheet id
    and a config file pointing the bridge at them.
    """
    from sandbox.environment import start_sandbox

    folder = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="bridge-sandbox-"))
    env = start_sandbox(folder, seed=seed, size=size, seed_number=seed_number)
    info = env.info()
    if as_json:
        click.echo(json.dumps(info), nl=True)
    else:
        click.echo(f"Zetkin stand-in:  {info['zetkin_url']}  (org {info['zetkin_org_id']})")
        click.echo(f"Zetkin token:     {info['zetkin_token']}")
        click.echo(f"Sheets stand-in:  {info['sheets_url']}")
        click.echo(f"Spreadsheet id:   {info['spreadsheet_id']}")
        click.echo(f"Config:           {info['config']}")
        click.echo("Press Ctrl-C to stop.")
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        env.stop()
        if not as_json:
            click.echo("Stopped.")


COMMANDS = [sandbox]
