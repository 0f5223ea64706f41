"""`bridge sandbox`: serve the Zetkin and Google Sheets stand-ins on loopback."""

from __future__ import annotations

import json
import signal
import tempfile
import threading
from pathlib import Path

import click

from cli.common import DEFAULT_LANGUAGE, say


@click.command()
@click.option(
    "--seed",
    type=click.Choice(["demo", "empty", "blank"]),
    default="demo",
    show_default=True,
    help="demo: the fictional branch; empty: defined fields and tags, no people, the workbook "
    "with headers only; blank: the fictional branch in Zetkin and an empty spreadsheet "
    "(try `bridge init-sheet`).",
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
        lang = DEFAULT_LANGUAGE  # the sandbox writes its config in bokmål
        say(lang, "sandbox.zetkin", url=info["zetkin_url"], org=info["zetkin_org_id"])
        say(lang, "sandbox.token", token=info["zetkin_token"])
        say(lang, "sandbox.sheets", url=info["sheets_url"])
        say(lang, "sandbox.spreadsheet", id=info["spreadsheet_id"])
        say(lang, "sandbox.config", config=info["config"])
        if seed == "blank":
            say(lang, "sandbox.blank_next", config=info["config"])
        say(lang, "sandbox.stop_hint")
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
            say(DEFAULT_LANGUAGE, "demo.stopped")


COMMANDS = [sandbox]
