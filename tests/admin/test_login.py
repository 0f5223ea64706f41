"""Logins: no account, no admin; hashes only; failed attempts limited; logout revokes."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from werkzeug.security import generate_password_hash

from admin import create_app
from admin.serve import AccessLog
from bridge.errors import ConfigError
from config.loader import SettingsError
from ledger import open_ledger
from tests.admin.conftest import PASSWORD, Rig, csrf_of, login, make_settings


def test_no_user_means_no_admin(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    with open_ledger(settings.database_url.get()) as ledger, pytest.raises(ConfigError) as caught:
        create_app(settings, ledger=ledger)
    assert "bridge admin add-user" in (caught.value.hint or "")


def test_no_secret_key_means_no_admin(tmp_path: Path) -> None:
    from dataclasses import replace

    settings = replace(make_settings(tmp_path), secret_key=None)
    with open_ledger(settings.database_url.get()) as ledger, pytest.raises(ConfigError) as caught:
        create_app(settings, ledger=ledger)
    assert caught.value.where == "BRIDGE_SECRET_KEY"


def test_a_user_from_the_config_logs_in(tmp_path: Path) -> None:
    hashed = generate_password_hash(PASSWORD)
    extra = (
        '\n[admin]\n[[admin.users]]\nname = "anne"\nrole = "operator"\n'
        f'password_hash = "{hashed}"\nlanguage = "en"\n'
    )
    settings = make_settings(tmp_path, extra)
    with open_ledger(settings.database_url.get()) as ledger:
        app = create_app(settings, ledger=ledger, testing=True)
        client = app.test_client()
        assert login(client, "anne").status_code == 302
        page = client.get("/errors").get_data(as_text=True)
        assert "Row errors" in page  # the user's language


def test_a_plain_password_in_the_config_is_refused(tmp_path: Path) -> None:
    extra = '\n[admin]\n[[admin.users]]\nname = "anne"\npassword_hash = "hunter2hunter2"\n'
    with pytest.raises(SettingsError) as caught:
        make_settings(tmp_path, extra)
    assert any("admin.users[0].password_hash" in p for p in caught.value.problems)
    assert "hunter2" not in str(caught.value)


def test_wrong_password_then_too_many_attempts(rig: Rig) -> None:
    client = rig.app.test_client()
    for _ in range(rig.settings.admin.login_attempts):
        assert login(client, "kari", "wrong password").status_code == 401
    # now even the right password waits for the window to pass
    assert login(client, "kari").status_code == 429
    # another name from the same address is limited too
    assert login(client, "ola").status_code == 429


def test_logout_revokes_the_session_on_the_server(rig: Rig) -> None:
    client = rig.app.test_client()
    login(client, "kari")
    cookie = client.get_cookie("bridge_admin")
    assert cookie is not None
    token = csrf_of(client.get("/").get_data(as_text=True))
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    # a copy of the old cookie is dead
    copy = rig.app.test_client()
    copy.set_cookie("bridge_admin", cookie.value)
    response = copy.get("/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_changing_a_password_ends_the_users_sessions(rig: Rig) -> None:
    client = rig.app.test_client()
    login(client, "kari")
    assert client.get("/").status_code == 200
    rig.store.add_user("kari", generate_password_hash("another password"), "operator")
    assert client.get("/").status_code == 302


def test_login_goes_back_only_to_a_path_on_this_site(rig: Rig) -> None:
    client = rig.app.test_client()
    token = csrf_of(client.get("/login").get_data(as_text=True))
    response = client.post(
        "/login",
        data={"username": "kari", "password": PASSWORD, "csrf_token": token,
              "next": "https://evil.example/"},
    )  # fmt: skip
    assert response.headers["Location"] == "/"


def test_the_access_log_has_no_query_string(rig: Rig, caplog: pytest.LogCaptureFixture) -> None:
    from werkzeug.test import Client

    client = Client(AccessLog(rig.app.wsgi_app))
    with caplog.at_level(logging.INFO, logger="bridge.admin.access"):
        client.get("/healthz?email=kari.nordmann@example.org")
    lines = [r.getMessage() for r in caplog.records if r.name == "bridge.admin.access"]
    assert lines == ["GET /healthz 200"]


def test_behind_an_https_proxy_the_cookie_is_secure(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, "\n[admin]\nhttps = true\nproxies = 1\n")
    with open_ledger(settings.database_url.get()) as ledger:
        from admin.store import AdminStore

        AdminStore(ledger).add_user("kari", generate_password_hash(PASSWORD), "operator")
        app = create_app(settings, ledger=ledger, testing=True)
        client = app.test_client()
        headers = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "admin.example.org"}
        # the test client keeps a Secure cookie only for an https address, hence that base_url
        base = "https://admin.example.org"
        page = client.get("/login", headers=headers, base_url=base)
        assert "Strict-Transport-Security" in page.headers
        token = csrf_of(page.get_data(as_text=True))
        answer = client.post(
            "/login",
            data={"username": "kari", "password": PASSWORD, "csrf_token": token},
            headers={**headers, "Referer": "https://admin.example.org/login"},
            base_url=base,
        )
        assert answer.status_code == 302, answer.status_code
        assert "Secure" in answer.headers["Set-Cookie"]


def test_behind_a_proxy_failed_logins_count_by_the_forwarded_address(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, "\n[admin]\nproxies = 1\nlogin_attempts = 2\n")
    with open_ledger(settings.database_url.get()) as ledger:
        from admin.store import AdminStore

        AdminStore(ledger).add_user("kari", generate_password_hash(PASSWORD), "operator")
        app = create_app(settings, ledger=ledger, testing=True)

        def attempt(address: str, name: str, password: str) -> int:
            client = app.test_client()
            headers = {"X-Forwarded-For": address}
            token = csrf_of(client.get("/login", headers=headers).get_data(as_text=True))
            data = {"username": name, "password": password, "csrf_token": token}
            return client.post("/login", data=data, headers=headers).status_code

        assert attempt("192.0.2.1", "nobody1", "wrong") == 401
        assert attempt("192.0.2.1", "nobody2", "wrong") == 401
        assert attempt("192.0.2.1", "kari", PASSWORD) == 429  # that address is limited
        assert attempt("192.0.2.2", "kari", PASSWORD) == 302  # another is not
