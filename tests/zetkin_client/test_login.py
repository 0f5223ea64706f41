"""`bridge zetkin login` against the stand-in's OAuth endpoints, storing into a real ledger."""

from __future__ import annotations

import socket
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from click.testing import CliRunner
from cryptography.fernet import Fernet

from cli.main import cli
from cli.zetkin_cmd import LedgerTokenStore, _catch_code, code_from_text
from connectors.zetkin import OAuth2Auth, ZetkinClient
from tests.zetkin_client.conftest import StandIn


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _config(tmp_path: Path, standin: StandIn, redirect_uri: str) -> Path:
    path = tmp_path / "bridge.toml"
    path.write_text(
        f"""
data_dir = "{tmp_path}"
[zetkin]
base_url = "{standin.url}"
client_id = "{standin.client_id}"
redirect_uri = "{redirect_uri}"
timeout = 10
[[branch]]
name = "Testby"
zetkin_org_id = {standin.org_id}
spreadsheet_id = "1TestSpreadsheetId000000000000000000000000"
""",
        encoding="utf-8",
    )
    return path


def _authorize(standin: StandIn, redirect_uri: str, state: str = "s1") -> str:
    query = urlencode(
        {
            "client_id": standin.client_id,
            "redirect_uri": redirect_uri,
            "response_type": "code",
            "state": state,
        }
    )
    response = requests.get(
        f"{standin.url}/v1/oauth/authorize/?{query}", allow_redirects=False, timeout=10
    )
    assert response.status_code in (302, 303)
    return parse_qs(urlsplit(response.headers["Location"]).query)["code"][0]


def test_login_with_code_stores_an_encrypted_pair_that_a_client_can_use(
    tmp_path: Path, standin: StandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    redirect_uri = "http://127.0.0.1:8976/callback"
    key = Fernet.generate_key().decode()
    monkeypatch.setenv("BRIDGE_ZETKIN_CLIENT_SECRET", standin.client_secret)
    monkeypatch.setenv("BRIDGE_LEDGER_KEY", key)
    monkeypatch.delenv("BRIDGE_ZETKIN_TOKEN", raising=False)
    monkeypatch.setenv("BRIDGE_DATABASE_URL", f"sqlite:///{tmp_path / 'ledger.db'}")
    config = _config(tmp_path, standin, redirect_uri)
    code = _authorize(standin, redirect_uri)

    result = CliRunner().invoke(cli, ["zetkin", "login", "--config", str(config), "--code", code])

    assert result.exit_code == 0, result.output
    assert "tokenet er lagret i loggboka" in result.output
    from ledger.store import open_ledger

    ledger = open_ledger(f"sqlite:///{tmp_path / 'ledger.db'}")
    store = LedgerTokenStore(ledger, key)
    pair = store.get()
    assert pair is not None and pair.refresh_token
    assert pair.access_token not in result.output
    session = requests.Session()
    session.trust_env = False
    auth = OAuth2Auth(
        f"{standin.url}/v1/oauth/token/", standin.client_id, standin.client_secret, store
    )
    client = ZetkinClient(session, standin.url, standin.org_id, auth, timeout=10)
    assert client.tags.list()
    # an expired token is refreshed and the new pair lands in the ledger
    standin.control.call("expire_tokens")
    assert client.tags.list()
    refreshed = store.get()
    assert auth.refreshes == 1 and refreshed is not None
    assert refreshed.access_token != pair.access_token

    again = CliRunner().invoke(cli, ["zetkin", "login", "--config", str(config), "--code", code])
    assert again.exit_code != 0 and "Logg inn i Zetkin på nytt" in again.output


def test_loopback_redirect_catches_the_code() -> None:
    port = _free_port()
    redirect_uri = f"http://127.0.0.1:{port}/callback"
    caught: list[str | None] = []
    thread = threading.Thread(target=lambda: caught.append(_catch_code(redirect_uri, "st", 10)))
    thread.start()
    for _ in range(50):
        try:
            answer = requests.get(f"{redirect_uri}?code=abc&state=st", timeout=2)
            break
        except requests.ConnectionError:
            threading.Event().wait(0.05)
    thread.join(10)
    assert answer.status_code == 200 and "Innlogging mottatt" in answer.text
    assert caught == ["abc"]


def test_pasted_code_or_url() -> None:
    assert code_from_text("  abc123 ") == "abc123"
    assert code_from_text("http://127.0.0.1:8976/callback?code=xyz&state=s", "s") == "xyz"
    with pytest.raises(Exception, match="et annet innloggingsforsøk"):
        code_from_text("http://127.0.0.1:8976/callback?code=xyz&state=other", "s")


def test_login_with_the_api_key_says_how_and_tries_the_grant(
    tmp_path: Path, standin: StandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIDGE_ZETKIN_CLIENT_SECRET", standin.client_secret)
    monkeypatch.setenv("BRIDGE_ZETKIN_API_KEY", standin.api_key)
    monkeypatch.delenv("BRIDGE_ZETKIN_TOKEN", raising=False)
    config = _config(tmp_path, standin, "http://127.0.0.1:8976/callback")

    result = CliRunner().invoke(cli, ["zetkin", "login", "--config", str(config)])

    assert result.exit_code == 0, result.output
    assert "API-nøkkel-innlogging" in result.output and "Zetkin Foundation" in result.output
    assert "Zetkin ga et token på nivå 2" in result.output
    assert standin.api_key not in result.output
    # without the key it still explains how to get one, and grants nothing
    monkeypatch.delenv("BRIDGE_ZETKIN_API_KEY")
    config.write_text(config.read_text().replace("[zetkin]\n", '[zetkin]\nauth = "api_key"\n'))
    standin.control.clear_log()
    again = CliRunner().invoke(cli, ["zetkin", "login", "--config", str(config)])
    assert again.exit_code == 0 and "BRIDGE_ZETKIN_API_KEY" in again.output
    assert standin.control.requests() == []


def test_login_with_a_fixed_token_has_nothing_to_do(
    tmp_path: Path, standin: StandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIDGE_ZETKIN_TOKEN", standin.token)
    config = _config(tmp_path, standin, "http://127.0.0.1:8976/callback")
    result = CliRunner().invoke(cli, ["zetkin", "login", "--config", str(config)])
    assert result.exit_code == 0 and "ingenting å logge inn på" in result.output
