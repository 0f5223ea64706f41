"""`bridge zetkin login`: say how the bridge gets its Zetkin token, and set it up.

``zetkin.auth = "api_key"`` (the default for a deployment that runs on a schedule): nothing to
log in to; the command says where the key comes from and tries the grant once, printing the
session level. ``"token"``: a fixed token, nothing to do. ``"oauth"``: the one-time
authorisation below.

A board member with an organiser account opens the printed authorize URL and approves the bridge;
Zetkin sends the browser back to ``zetkin.redirect_uri`` with a ``code``. When that URI is on
this machine (``http://127.0.0.1:PORT/...``) we catch it on a tiny loopback server; otherwise, or
with ``--paste``, the person pastes the code (or the whole redirected URL). The code is exchanged
for a token pair (HTTP Basic at ``/v1/oauth/token/``), which is stored encrypted in the ledger
under :data:`TOKEN_KEY` so every worker shares it and a refresh is never lost.
"""

from __future__ import annotations

import secrets
import threading
from datetime import datetime
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import click

from bridge.errors import BridgeError, ConfigError
from bridge.messages import t
from cli.common import DEFAULT_LANGUAGE, config_option
from config.loader import load_settings
from config.settings import Settings
from connectors.zetkin import ZetkinClient, api_key_auth, oauth_auth
from jobs.tokens import TOKEN_KEY, LedgerTokenStore

__all__ = ["COMMANDS", "TOKEN_KEY", "LedgerTokenStore", "code_from_text", "zetkin"]


def code_from_text(text: str, state: str | None = None, lang: str = DEFAULT_LANGUAGE) -> str:
    """The code from what a person pasted: the bare code, or the whole redirected URL."""
    text = text.strip()
    if "code=" not in text:
        if not text:
            raise click.ClickException(t("login.no_code", lang))
        return text
    query = parse_qs(urlsplit(text).query or text.lstrip("?"))
    if "error" in query:
        raise click.ClickException(t("login.refused", lang, error=query["error"][0]))
    if state and query.get("state", [state])[0] != state:
        raise click.ClickException(t("login.other_attempt", lang))
    return query["code"][0]


def _is_loopback(uri: str) -> bool:
    parts = urlsplit(uri)
    return parts.scheme == "http" and parts.hostname in {"127.0.0.1", "localhost", "::1"}


def _catch_code(
    redirect_uri: str, state: str, wait: float, lang: str = DEFAULT_LANGUAGE
) -> str | None:
    """Serve one redirect on the loopback address; the code, or None when nobody came in time."""
    parts = urlsplit(redirect_uri)
    caught: dict[str, str] = {}
    done = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urlsplit(self.path)
            if url.path != (parts.path or "/"):
                self.send_error(404)
                return
            query = parse_qs(url.query)
            if query.get("state", [""])[0] != state:
                self.send_error(400, "unknown login attempt")
                return
            if "code" in query:
                caught["code"] = query["code"][0]
            else:
                caught["error"] = query.get("error", ["no code"])[0]
            body = b"Innlogging mottatt. Du kan lukke dette vinduet."
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            done.set()

        def log_message(self, *args: Any) -> None:  # the query holds the code: never log it
            return

    try:
        server = HTTPServer((parts.hostname or "127.0.0.1", parts.port or 80), Handler)
    except OSError as exc:
        click.echo(
            t("login.cannot_listen", lang, where=parts.netloc, reason=exc.strerror), err=True
        )
        return None
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        done.wait(wait)
    finally:
        server.shutdown()
        server.server_close()
    if "error" in caught:
        raise click.ClickException(t("login.refused", lang, error=caught["error"]))
    return caught.get("code")


def _store(settings: Settings) -> LedgerTokenStore:
    if settings.ledger_key is None:
        raise ConfigError(
            "the Zetkin token pair is stored encrypted and needs a ledger key",
            where="BRIDGE_LEDGER_KEY",
            hint="set BRIDGE_LEDGER_KEY to a Fernet key (see config/example.toml)",
        )
    from cli.common import open_ledger_or_exit

    return LedgerTokenStore(open_ledger_or_exit(settings), settings.ledger_key.get())


def _expiry(value: datetime | None, lang: str) -> str:
    return value.isoformat(timespec="seconds") if value else t("login.not_stated", lang)


@click.group()
def zetkin() -> None:
    """Zetkin account tasks."""


def _try_api_key(settings: Settings) -> None:
    """Grant a token once with the configured key and show what Zetkin says it is."""
    import requests

    session = requests.Session()
    session.trust_env = False
    auth = api_key_auth(settings.zetkin, session)
    org = settings.branches[0].zetkin_org_id if settings.branches else 0
    client = ZetkinClient(
        session, settings.zetkin.base_url, org, auth, timeout=settings.zetkin.timeout
    )
    level = client.account.session().level
    click.echo(t("login.api_key_works", settings.language, level=level))


@zetkin.command()
@config_option
@click.option("--code", help="An authorization code you already have (skips the browser step).")
@click.option("--paste", is_flag=True, help="Paste the code instead of catching the redirect.")
@click.option(
    "--wait", default=300.0, show_default=True, help="Seconds to wait for the loopback redirect."
)
def login(config_path: str, code: str | None, paste: bool, wait: float) -> None:
    """Say which Zetkin auth is used; for "oauth", run the one-time flow and store the pair."""
    try:
        settings = load_settings(config_path)
        lang = settings.language
        if settings.zetkin.auth == "token":
            click.echo(t("login.token_mode", lang))
            return
        if settings.zetkin.auth == "api_key":
            click.echo(t("login.api_key_steps", lang))
            if settings.zetkin.api_key is not None:
                _try_api_key(settings)
            return
        store = _store(settings)
        auth = oauth_auth(settings.zetkin, store)
        if code is None:
            state = secrets.token_urlsafe(16)
            click.echo(t("login.open_address", lang))
            click.echo(auth.authorize_url(state))
            if not paste and _is_loopback(settings.zetkin.redirect_uri):
                click.echo(t("login.waiting", lang, seconds=f"{wait:.0f}"))
                code = _catch_code(settings.zetkin.redirect_uri, state, wait, lang)
            if code is None:
                code = code_from_text(click.prompt(t("login.paste_prompt", lang)), state, lang)
        pair = auth.exchange_code(code)
    except BridgeError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(t("login.done", lang, expires=_expiry(pair.expires_at, lang)))


COMMANDS = [zetkin]
