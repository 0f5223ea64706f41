"""`bridge admin`: serve the admin page; `add-user` and `hash-password` for its logins."""

from __future__ import annotations

import click

from bridge.errors import ConfigError
from bridge.messages import t
from cli.common import FAILED, config_option, load_or_exit, open_ledger_or_exit

MIN_PASSWORD = 10


@click.group(invoke_without_command=True)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=str),
    envvar="BRIDGE_CONFIG",
    default=None,
    help="Path to the bridge's TOML configuration (or set BRIDGE_CONFIG).",
)
@click.option("--host", default=None, help="Address to listen on (default: admin.host).")
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="Port (admin.port).")
@click.pass_context
def admin(ctx: click.Context, config_path: str | None, host: str | None, port: int | None) -> None:
    """Serve the admin page (sync status, row errors, approvals, measures, privacy)."""
    if ctx.invoked_subcommand is not None:
        return
    if config_path is None:
        raise click.UsageError("Missing option '--config'.")
    from admin import create_app
    from admin.serve import serve

    settings = load_or_exit(config_path)
    ledger = open_ledger_or_exit(settings)
    try:
        app = create_app(settings, ledger=ledger)
    except ConfigError as exc:
        click.echo(str(exc), err=True)
        raise SystemExit(FAILED) from None
    host = host or settings.admin.host
    port = port or settings.admin.port
    click.echo(t("admin.serving", settings.language, url=f"http://{host}:{port}"))
    serve(app, host, port)


def _password(lang: str) -> str:
    password: str = click.prompt(
        t("admin.password_prompt", lang), hide_input=True, confirmation_prompt=True
    )
    if len(password) < MIN_PASSWORD:
        click.echo(t("admin.password_short", lang), err=True)
        raise SystemExit(FAILED)
    return password


@admin.command("add-user")
@click.argument("name")
@click.option("--role", type=click.Choice(["viewer", "operator"]), default="viewer",
              show_default=True)  # fmt: skip
@click.option("--language", type=click.Choice(["nb", "en"]), default=None)
@config_option
def add_user(name: str, role: str, language: str | None, config_path: str) -> None:
    """Add a user to the ledger (or change one's password and role); asks for the password."""
    from werkzeug.security import generate_password_hash

    from admin.store import AdminStore

    settings = load_or_exit(config_path)
    lang = settings.language
    password = _password(lang)
    ledger = open_ledger_or_exit(settings)
    try:
        new = AdminStore(ledger).add_user(
            name.strip(), generate_password_hash(password), role, language
        )
    finally:
        ledger.close()
    click.echo(t("admin.user_added" if new else "admin.user_updated", lang, name=name, role=role))


@admin.command("hash-password")
def hash_password() -> None:
    """Print a password hash for [[admin.users]] in the config (the password is asked for)."""
    from werkzeug.security import generate_password_hash

    click.echo(generate_password_hash(_password("nb")))


COMMANDS = [admin]
