"""The Zetkin stand-in, served over real HTTP, and clients pointed at it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import requests

from connectors.zetkin import StaticTokenAuth, ZetkinAuth, ZetkinClient
from sandbox.control import ControlClient


@dataclass
class StandIn:
    url: str
    org_id: int
    token: str
    control: ControlClient
    client_id: str
    client_secret: str


@pytest.fixture(scope="session")
def _served_standin() -> Iterator[StandIn]:
    from sandbox.serve import ServedApp
    from sandbox.zetkin.app import ZetkinApp, build_harness

    app = ZetkinApp(seed="demo")
    with ServedApp(build_harness(app)) as served:
        yield StandIn(
            url=served.url,
            org_id=app.store.org_id,
            token=app.store.static_token,
            control=ControlClient(served.url),
            client_id=app.store.client_id,
            client_secret=app.store.client_secret,
        )


@pytest.fixture
def standin(_served_standin: StandIn) -> StandIn:
    """A freshly reset stand-in (demo seed), no faults, empty request log."""
    control = _served_standin.control
    control.clear_faults()
    control.reset()
    control.clear_log()
    return _served_standin


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
