"""An admin app over a real SQLite ledger, with a viewer and an operator, and a client
that logs in the way a browser does (the login form, its CSRF token, the session cookie)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.security import generate_password_hash

from admin import create_app
from admin.runner import Runner
from admin.store import AdminStore
from config.loader import load_settings
from config.settings import Settings
from ledger import Ledger, open_ledger
from sandbox.environment import write_config

SECRET = "a-test-secret-key-that-is-long-enough"
PASSWORD = "correct horse battery"


def make_settings(folder: Path, extra: str = "") -> Settings:
    config = write_config(
        folder,
        zetkin_url="http://127.0.0.1:9/",
        org_id=1,
        sheets_url="http://127.0.0.1:9/",
        spreadsheet_id="sheet-abc",
        token="t",
    )
    if extra:
        config.write_text(config.read_text() + extra)
    env = {"BRIDGE_SECRET_KEY": SECRET, "BRIDGE_ZETKIN_TOKEN": "t"}
    return load_settings(config, env)


def _no_systems() -> Any:
    raise RuntimeError("no Zetkin in these tests")


@dataclass
class Rig:
    app: Flask
    settings: Settings
    ledger: Ledger
    store: AdminStore


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[Rig]:
    settings = make_settings(tmp_path)
    ledger = open_ledger(settings.database_url.get())
    store = AdminStore(ledger)
    store.add_user("ola", generate_password_hash(PASSWORD), "viewer")
    store.add_user("kari", generate_password_hash(PASSWORD), "operator")
    runner = Runner(settings, ledger, in_process=True, context=_no_systems)
    app = create_app(settings, ledger=ledger, runner=runner, testing=True)
    yield Rig(app, settings, ledger, store)
    ledger.close()


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the page has no CSRF token"
    return found.group(1)


def login(client: FlaskClient, name: str, password: str = PASSWORD) -> Any:
    page = client.get("/login")
    token = csrf_of(page.get_data(as_text=True))
    return client.post("/login", data={"username": name, "password": password, "csrf_token": token})


@pytest.fixture
def viewer(rig: Rig) -> FlaskClient:
    client = rig.app.test_client()
    assert login(client, "ola").status_code == 302
    return client


@pytest.fixture
def operator(rig: Rig) -> FlaskClient:
    client = rig.app.test_client()
    assert login(client, "kari").status_code == 302
    return client
