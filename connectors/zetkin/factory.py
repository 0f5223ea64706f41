"""Build a client (and its auth) from the parsed settings, so jobs and the CLI agree on how.

``settings.auth`` decides: ``"api_key"`` (the jwt-bearer grant with BRIDGE_ZETKIN_API_KEY, the
default for a scheduled deployment), ``"oauth"`` (the pair ``bridge zetkin login`` stored in a
:class:`~connectors.zetkin.auth.TokenStore`, refreshed) or ``"token"`` (a fixed token).
"""

from __future__ import annotations

import requests

from bridge.errors import ConfigError
from config.settings import ZetkinSettings
from connectors.zetkin.auth import (
    ApiKeyAuth,
    OAuth2Auth,
    StaticTokenAuth,
    TokenStore,
    ZetkinAuth,
)
from connectors.zetkin.client import ZetkinClient

__all__ = ["api_key_auth", "build_auth", "build_client", "oauth_auth"]

API_KEY_HOWTO = (
    "set BRIDGE_ZETKIN_API_KEY to the API key Zetkin Foundation issued for an organiser "
    "account of the branch, with zetkin.client_id and BRIDGE_ZETKIN_CLIENT_SECRET; or set "
    'zetkin.auth = "oauth" and run `bridge zetkin login`'
)


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
        language=settings.language,
    )


def api_key_auth(settings: ZetkinSettings, session: requests.Session | None = None) -> ApiKeyAuth:
    """The API-key grant at ``{base}/v1/oauth/token/`` with ``scope=level2``."""
    if settings.api_key is None:
        raise ConfigError(
            'no Zetkin API key is set (zetkin.auth is "api_key")',
            where="BRIDGE_ZETKIN_API_KEY",
            hint=API_KEY_HOWTO,
        )
    if not settings.client_id:
        raise ConfigError(
            "the Zetkin API-key grant needs the bridge's OAuth client id",
            where="zetkin.client_id",
            hint=API_KEY_HOWTO,
        )
    return ApiKeyAuth(
        f"{settings.base_url.rstrip('/')}/v1/oauth/token/",
        settings.client_id,
        settings.client_secret,
        settings.api_key,
        session=session,
        timeout=settings.timeout,
        language=settings.language,
    )


def build_auth(
    settings: ZetkinSettings,
    store: TokenStore | None = None,
    session: requests.Session | None = None,
) -> ZetkinAuth:
    """The auth object ``settings.auth`` names (``store`` is used by the OAuth flow only)."""
    if settings.auth == "token":
        if settings.access_token is None:
            raise ConfigError(
                'zetkin.auth is "token" but BRIDGE_ZETKIN_TOKEN is not set',
                where="BRIDGE_ZETKIN_TOKEN",
                hint='set BRIDGE_ZETKIN_TOKEN, or use the API key (zetkin.auth = "api_key")',
            )
        return StaticTokenAuth(settings.access_token)
    if settings.auth == "api_key":
        return api_key_auth(settings, session)
    if store is None:
        raise ConfigError(
            "no Zetkin token: the OAuth flow needs the token pair from `bridge zetkin login`",
            where="zetkin",
            hint="run `bridge zetkin login` (with BRIDGE_LEDGER_KEY set), or use the API key",
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
        language=settings.language,
    )
