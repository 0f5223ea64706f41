"""Build a client (and its auth) from the parsed settings, so jobs and the CLI agree on how.

A fixed ``access_token`` (the sandbox, or a pasted token) wins; otherwise the OAuth client id and
secret with a :class:`~connectors.zetkin.auth.TokenStore` holding the pair from
``bridge zetkin login``.
"""

from __future__ import annotations

import requests

from bridge.errors import ConfigError
from config.settings import ZetkinSettings
from connectors.zetkin.auth import OAuth2Auth, StaticTokenAuth, TokenStore, ZetkinAuth
from connectors.zetkin.client import ZetkinClient

__all__ = ["build_auth", "build_client", "oauth_auth"]


def oauth_auth(
    settings: ZetkinSettings, store: TokenStore, session: requests.Session | None = None
) -> OAuth2Auth:
    """The OAuth2 auth object for ``settings`` (``{base}/v1/oauth/token/``, as zetkin.js)."""
    if not settings.client_id:
        raise ConfigError(
            "no Zetkin OAuth client id is configured",
            where="zetkin.client_id",
            hint="set zetkin.client_id, or a fixed token in BRIDGE_ZETKIN_TOKEN",
        )
    base = settings.base_url.rstrip("/")
    return OAuth2Auth(
        f"{base}/v1/oauth/token/",
        settings.client_id,
        settings.client_secret,
        store,
        authorize_url=f"{base}/v1/oauth/authorize/",
        redirect_uri=settings.redirect_uri,
        session=session,
        timeout=settings.timeout,
    )


def build_auth(
    settings: ZetkinSettings,
    store: TokenStore | None = None,
    session: requests.Session | None = None,
) -> ZetkinAuth:
    if settings.access_token is not None:
        return StaticTokenAuth(settings.access_token)
    if store is None:
        raise ConfigError(
            "no Zetkin token: neither a fixed token nor a token store was given",
            where="zetkin",
            hint="run `bridge zetkin login`, or set BRIDGE_ZETKIN_TOKEN",
        )
    return oauth_auth(settings, store, session)


def build_client(
    settings: ZetkinSettings,
    org_id: int,
    *,
    store: TokenStore | None = None,
    session: requests.Session | None = None,
    backoff_base: float = 1.0,
) -> ZetkinClient:
    """One client for one org and run; ``client.requests_made`` then goes to the run record."""
    session = session or requests.Session()
    return ZetkinClient(
        session,
        settings.base_url,
        org_id,
        build_auth(settings, store, session),
        timeout=settings.timeout,
        retry_cap=settings.retry_cap.total_seconds(),
        page_size=settings.page_size,
        backoff_base=backoff_base,
    )
