"""v2 canvassing: areas, area assignments, metrics, locations, visits, stats (reference §9.1)."""

from __future__ import annotations

from sandbox.zetkin.state import Store
from sandbox.zetkin.web import Router

__all__ = ["register"]


def register(r: Router, store: Store) -> None:
    """Filled in next."""
