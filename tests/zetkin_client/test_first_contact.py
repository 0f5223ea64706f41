"""First contact as with the real Zetkin: the default host, scope=level2, the API-key grant,
level-2 enforcement at the stand-in (and its lenient switch)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from bridge.errors import ConfigError, PermanentApiError, PermanentError
from config.loader import load_settings
from config.settings import ZetkinSettings
from connectors.zetkin import (
    ApiKeyAuth,
    MemoryTokenStore,
    OAuth2Auth,
    StaticTokenAuth,
    build_client,
)
from tests.zetkin_client.conftest import MakeClient, StandIn


def _config(tmp_path: Path, standin: StandIn, auth: str | None) -> Path:
    line = f'auth = "{auth}"\n' if auth else ""
    path = tmp_path / "bridge.toml"
    path.write_text(
        f'data_dir = "{tmp_path}"\n[zetkin]\nbase_url = "{standin.url}"\n{line}'
        f'client_id = "{standin.client_id}"\ntimeout = 10\n'
        f'[[branch]]\nname = "Testby"\nzetkin_org_id = {standin.org_id}\n'
        'spreadsheet_id = "1TestSpreadsheetId000000000000000000000000"\n',
        encoding="utf-8",
    )
    return path


def _env(standin: StandIn, **extra: str) -> dict[str, str]:
    return {"BRIDGE_ZETKIN_CLIENT_SECRET": standin.client_secret, **extra}


def _session() -> requests.Session:
    session = requests.Session()
    session.trust_env = False
    return session


def test_the_default_host_is_api_zetk_in() -> None:
    assert ZetkinSettings().base_url == "https://api.zetk.in"
    example = Path(__file__).resolve().parents[2] / "config" / "example.toml"
    settings = load_settings(example, env={})
    assert settings.zetkin.base_url == "https://api.zetk.in"
    assert settings.zetkin.auth == "api_key"


def test_api_key_grant_end_to_end_with_level2_enforced(tmp_path: Path, standin: StandIn) -> None:
    settings = load_settings(
        _config(tmp_path, standin, "api_key"),
        env=_env(standin, BRIDGE_ZETKIN_API_KEY=standin.api_key),
    )
    client = build_client(settings.zetkin, standin.org_id, session=_session())
    auth = client.auth
    assert isinstance(auth, ApiKeyAuth)

    session = client.account.session()
    member = client.tags.by_title()["Medlem"]
    person = client.people.list()[0]
    client.tags.assign(person.id, member.id)  # an organiser write: needs level 2

    assert session.level == 2 and session.factors == ("api_key",)
    assert auth.grants == 1
    assert standin.api_key not in repr(auth) and standin.api_key not in repr(settings)
    token_calls = [r for r in standin.control.requests() if r["route"] == "oauth.token"]
    assert len(token_calls) == 1
    # an expired token is granted again, once, and the call goes through
    standin.control.call("expire_tokens")
    assert client.tags.list()
    assert auth.grants == 2 and auth.refreshes == 1


def test_without_scope_level2_the_token_is_level_1_and_writes_are_refused(
    standin: StandIn, make_client: MakeClient
) -> None:
    auth = ApiKeyAuth(
        f"{standin.url}/v1/oauth/token/",
        standin.client_id,
        standin.client_secret,
        standin.api_key,
        scope=None,
        session=_session(),
    )
    client = make_client(auth)
    assert client.account.session().level == 1
    person = client.people.list()[0]  # reading is allowed
    with pytest.raises(PermanentApiError) as caught:
        client.people.patch(person.id, {"city": "Trondheim"})
    assert caught.value.status == 403 and "nivå 2" in (caught.value.hint or "")
    # the switch keeps the old lenient stand-in for tests that need it
    standin.control.call("account", {"enforce_level2": False})
    assert client.people.patch(person.id, {"city": "Trondheim"}).city == "Trondheim"


def test_a_wrong_api_key_is_a_clear_permanent_error(standin: StandIn) -> None:
    auth = ApiKeyAuth(
        f"{standin.url}/v1/oauth/token/",
        standin.client_id,
        standin.client_secret,
        "not-the-key-Zq81",
        session=_session(),
    )
    with pytest.raises(PermanentError) as caught:
        auth.grant()
    assert "BRIDGE_ZETKIN_API_KEY" in (caught.value.hint or "")
    assert "not-the-key-Zq81" not in str(caught.value) + repr(auth)


def test_api_key_auth_needs_the_key(tmp_path: Path, standin: StandIn) -> None:
    settings = load_settings(_config(tmp_path, standin, "api_key"), env=_env(standin))
    with pytest.raises(ConfigError, match="BRIDGE_ZETKIN_API_KEY") as caught:
        build_client(settings.zetkin, standin.org_id)
    assert "Zetkin Foundation" in (caught.value.hint or "")


def test_auth_is_inferred_when_left_out(tmp_path: Path, standin: StandIn) -> None:
    path = _config(tmp_path, standin, None)
    assert load_settings(path, env={"BRIDGE_ZETKIN_TOKEN": "t"}).zetkin.auth == "token"
    assert load_settings(path, env={"BRIDGE_ZETKIN_API_KEY": "k"}).zetkin.auth == "api_key"
    assert load_settings(path, env={}).zetkin.auth == "oauth"
    bad = tmp_path / "bad.toml"
    bad.write_text(path.read_text().replace("[zetkin]\n", '[zetkin]\nauth = "pasword"\n'))
    with pytest.raises(ConfigError, match=r"zetkin\.auth"):
        load_settings(bad, env={})


def test_code_flow_asks_for_level2_on_authorize_and_token(
    standin: StandIn, make_client: MakeClient
) -> None:
    store = MemoryTokenStore()
    redirect = "http://127.0.0.1:8976/callback"
    auth = OAuth2Auth(
        f"{standin.url}/v1/oauth/token/",
        standin.client_id,
        standin.client_secret,
        store,
        redirect_uri=redirect,
        session=_session(),
    )
    url = auth.authorize_url("st")
    assert parse_qs(urlsplit(url).query)["scope"] == ["level2"]
    answer = requests.get(url, allow_redirects=False, timeout=10)
    auth.exchange_code(parse_qs(urlsplit(answer.headers["Location"]).query)["code"][0])
    client = make_client(auth)
    assert client.account.session().level == 2
    person = client.people.list()[0]
    assert client.people.patch(person.id, {"city": "Lade"}).city == "Lade"


def test_a_level_1_token_says_so_and_a_plain_member_is_named(
    standin: StandIn, make_client: MakeClient
) -> None:
    token = standin.control.call("token", {"level": 1})["access_token"]
    client = make_client(StaticTokenAuth(token))
    assert client.account.session().level == 1
    assert client.account.role_in(standin.org_id).role == "admin"  # type: ignore[union-attr]
    standin.control.call("account", {"role": None})
    membership = client.account.role_in(standin.org_id)
    assert membership is not None and not membership.is_official
    with pytest.raises(PermanentApiError) as caught:
        client.tags.list()
    assert caught.value.status == 403
