"""A ``requests.Session`` that sends Google API calls to a local stand-in (sheets-api.md §1.3).

gspread has no base-URL option; its URLs are hard-coded constants. Mounting a transport adapter
that rewrites ``https://sheets.googleapis.com`` and ``https://www.googleapis.com`` to the given
base URL lets the *unmodified* gspread talk to the Sheets stand-in:
``gspread.Client(auth=None, session=local_google_session(url))``.
"""

from __future__ import annotations

from typing import Any

import requests
from requests.adapters import HTTPAdapter

__all__ = ["GOOGLE_HOSTS", "LocalGoogleAdapter", "local_google_session"]

# oauth2.googleapis.com: a service account's token grant (its key file's ``token_uri``).
GOOGLE_HOSTS = (
    "https://sheets.googleapis.com",
    "https://www.googleapis.com",
    "https://oauth2.googleapis.com",
)


class LocalGoogleAdapter(HTTPAdapter):
    """Rewrites Google's API hosts to ``base_url`` and never routes through a proxy."""

    def __init__(self, base_url: str) -> None:
        super().__init__()
        self.base_url = base_url.rstrip("/")

    def send(
        self, request: requests.PreparedRequest, *args: Any, **kwargs: Any
    ) -> requests.Response:
        url = request.url or ""
        for real in GOOGLE_HOSTS:
            if url.startswith(real):
                request.url = self.base_url + url[len(real) :]
                break
        if len(args) >= 5:  # proxies passed positionally
            args = (*args[:4], {}, *args[5:])
        else:
            kwargs["proxies"] = {}
        return super().send(request, *args, **kwargs)


def local_google_session(base_url: str, token: str | None = None) -> requests.Session:
    """A session bound to the stand-in at ``base_url``; ``token`` is sent as a bearer token
    (the stand-in's quota counts per token; without one the user is "anonymous")."""
    session = requests.Session()
    session.trust_env = False
    adapter = LocalGoogleAdapter(base_url)
    for host in GOOGLE_HOSTS:
        session.mount(host + "/", adapter)
    if token:
        session.headers["Authorization"] = f"Bearer {token}"
    return session
