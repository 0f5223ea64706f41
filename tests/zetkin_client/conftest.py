"""The Zetkin stand-in, served over real HTTP, and clients pointed at it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests

from connectors.zetkin import StaticTokenAuth, ZetkinAuth, ZetkinClient
from sandbox.zetkin import ZetkinStandin

# The shared fixture (tests/fixtures/zetkin.py) serves the real stand-in over HTTP; it exposes
# url, org_id, token, client_id, client_secret and control.
StandIn = ZetkinStandin


@pytest.fixture
def standin(zetkin: ZetkinStandin) -> ZetkinStandin:
    """A freshly reset stand-in (demo seed), no faults, empty request log."""
    zetkin.control.clear_faults()
    zetkin.control.clear_log()
    return zetkin


MakeClient = Callable[..., ZetkinClient]


@pytest.fixture
def make_client(standin: StandIn) -> Iterator[MakeClient]:
    """Build a client on its own session; fast backoff so retry tests stay quick."""
    sessions: list[requests.Session] = []

    def make(auth: ZetkinAuth | None = None, **kwargs: Any) -> ZetkinClient:
        session = requests.Session()
        session.trust_env = False
        sessions.append(session)
        options: dict[str, Any] = {"backoff_base": 0.01, "backoff_max": 0.2, "timeout": 10}
        options.update(kwargs)
        return ZetkinClient(
            session, standin.url, standin.org_id, auth or StaticTokenAuth(standin.token), **options
        )

    yield make
    for session in sessions:
        session.close()


@pytest.fixture
def client(make_client: MakeClient) -> ZetkinClient:
    return make_client()
