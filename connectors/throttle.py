"""A transport adapter that waits for a request budget before each request is sent.

The connectors never decide how requests are paced: the caller (``jobs/context.py``) hands
them a session whose adapters are wrapped here with an ``acquire`` function, which returns
once a token of the shared budget is taken (:mod:`jobs.quota` keeps the buckets in Redis).
Every request the session sends, gspread's, the Zetkin client's and their retries alike,
waits its turn instead of drawing a 429.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import requests
from requests.adapters import BaseAdapter

__all__ = ["ThrottledAdapter", "throttle_session"]


class ThrottledAdapter(BaseAdapter):
    """Wraps another adapter: ``acquire(request)`` first (the budget may count reads and
    writes apart, as Google does), then the inner adapter sends."""

    def __init__(
        self, inner: BaseAdapter, acquire: Callable[[requests.PreparedRequest], None]
    ) -> None:
        super().__init__()
        self.inner = inner
        self.acquire = acquire

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        self.acquire(request)
        return self.inner.send(request, *args, **kwargs)

    def close(self) -> None:
        self.inner.close()


def throttle_session(
    session: requests.Session, acquire: Callable[[requests.PreparedRequest], None]
) -> requests.Session:
    """Wrap every adapter mounted on ``session`` (``http://``, ``https://`` and any host
    prefix) so each request waits for ``acquire``; returns the same session."""
    for prefix, adapter in list(session.adapters.items()):
        if not isinstance(adapter, ThrottledAdapter):
            session.mount(prefix, ThrottledAdapter(adapter, acquire))
    return session
