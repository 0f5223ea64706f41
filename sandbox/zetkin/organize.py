"""v1 campaigns, events, call assignments and calls, views, organisations (reference §6-§12)."""

from __future__ import annotations

from sandbox.zetkin.state import Store
from sandbox.zetkin.web import Router

__all__ = ["register"]


def register(r: Router, store: Store) -> None:
    """Filled in next."""
