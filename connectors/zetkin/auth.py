"""Authentication objects for the Zetkin client (``requests.auth.AuthBase``).

Three ways to a token (reference/zetkin-api.md sections 1.2 and 1.3):

* :class:`ApiKeyAuth`: the API-key grant Zetkin's own unattended sync uses (gocardless-sync
  ``lib/zetkin.js``): a form post of ``grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer``,
  ``assertion=<key>``, ``scope=level2`` with HTTP Basic client auth. The default for a
  deployment that runs on a schedule: nobody logs in, and a new token is granted when the old
  one expires (or is refused as ``invalid_token``);
* :class:`OAuth2Auth`: the authorization-code flow once as a real official, then refresh;
* :class:`StaticTokenAuth`: a fixed token (sandbox, tests).

Every authorize and token request carries ``scope=level2``: organiser pages need a level-2
session, and a level-1 token may be refused for organiser writes. Details of the code flow:

* code exchange and refresh are form posts to ``/v1/oauth/token/`` with HTTP Basic
  ``client_id:client_secret`` (zetkin.js via client-oauth2);
* an expired token answers 401 with ``error`` containing ``invalid_token``; both Zetkin clients
  then refresh once and retry. :class:`OAuth2Auth` does that inside a response hook, like
  ``requests``' own digest auth, so the client above it never sees the first 401;
* a refresh that is refused ends in a :class:`~bridge.errors.PermanentError` whose hint tells a
  person to log in to Zetkin again, never in a retry loop.

The token pair lives in a :class:`TokenStore`; the ledger-backed store (encrypted at rest, shared
by workers) implements the same two methods. Before refreshing, the store is read again: if
another worker has refreshed already, its pair is used instead of spending the refresh token twice.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol
from urllib.parse import urlencode

import requests
from requests.auth import AuthBase, HTTPBasicAuth

from bridge.errors import PermanentError, TransientApiError
from bridge.messages import t
from config.settings import Secret
from connectors.zetkin.envelope import RELOGIN_HINT, error_from_response, is_invalid_token

__all__ = [
    "JWT_BEARER",
    "LEVEL2",
    "ApiKeyAuth",
    "MemoryTokenStore",
    "OAuth2Auth",
    "StaticTokenAuth",
    "TokenPair",
    "TokenStore",
    "ZetkinAuth",
]

_REFRESHED = "_zetkin_token_refreshed"
JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
LEVEL2 = "level2"
# Grant a new token this long before the old one says it expires (clock skew, slow requests).
_EXPIRY_MARGIN = timedelta(seconds=30)


@dataclass(frozen=True)
class TokenPair:
    """An access/refresh token pair; the tokens never show in ``repr``."""

    access_token: str = field(repr=False)
    refresh_token: str | None = field(default=None, repr=False)
    expires_at: datetime | None = None
    token_type: str = "bearer"

    @classmethod
    def from_token_response(cls, body: Any, *, now: datetime | None = None) -> TokenPair:
        """From the token endpoint's ``{access_token, refresh_token, expires_in, token_type}``."""
        if not isinstance(body, dict) or not isinstance(body.get("access_token"), str):
            raise PermanentError(
                "Zetkin's token endpoint answered without an access token",
                where="Zetkin oauth/token",
                hint=RELOGIN_HINT,
            )
        expires_in = body.get("expires_in")
        expires_at = None
        if isinstance(expires_in, (int, float)) and not isinstance(expires_in, bool):
            expires_at = (now or datetime.now(UTC)) + timedelta(seconds=float(expires_in))
        refresh = body.get("refresh_token")
        return cls(
            access_token=body["access_token"],
            refresh_token=refresh if isinstance(refresh, str) else None,
            expires_at=expires_at,
            token_type=str(body.get("token_type") or "bearer"),
        )

    def to_dict(self) -> dict[str, Any]:
        """The payload a persistent store encrypts (e.g. the ledger's ``put_token``)."""
        return {
            "access_token": self.access_token,
            "refresh_token": self.refresh_token,
            "expires_at": self.expires_at.isoformat() if self.expires_at else None,
            "token_type": self.token_type,
        }

    @classmethod
    def from_dict(cls, payload: dict[str, Any]) -> TokenPair:
        expires = payload.get("expires_at")
        return cls(
            access_token=str(payload["access_token"]),
            refresh_token=payload.get("refresh_token"),
            expires_at=datetime.fromisoformat(expires) if isinstance(expires, str) else None,
            token_type=str(payload.get("token_type") or "bearer"),
        )


class TokenStore(Protocol):
    """Where the token pair lives between runs and workers."""

    def get(self) -> TokenPair | None: ...

    def put(self, pair: TokenPair) -> None: ...


class MemoryTokenStore:
    """A process-local store: for tests, the sandbox, and until the ledger holds the pair."""

    def __init__(self, pair: TokenPair | None = None) -> None:
        self._pair = pair
        self._lock = threading.Lock()

    def get(self) -> TokenPair | None:
        with self._lock:
            return self._pair

    def put(self, pair: TokenPair) -> None:
        with self._lock:
            self._pair = pair


class ZetkinAuth(AuthBase):
    """Base of the auth objects :class:`~connectors.zetkin.client.ZetkinClient` accepts."""

    refreshes: int = 0


def _bearer(request: requests.PreparedRequest, token: str) -> None:
    request.headers["Authorization"] = f"Bearer {token}"


def token_request(
    session: requests.Session,
    token_url: str,
    client_id: str,
    secret: str | None,
    form: dict[str, str],
    timeout: float,
    *,
    hint: str | None = None,
    language: str = "nb",
) -> TokenPair:
    """One form post to the token endpoint, HTTP Basic client auth; refusals are permanent."""
    hint = hint if hint is not None else t("zetkin.relogin", language)
    auth = HTTPBasicAuth(client_id, secret) if secret else None
    if auth is None:  # a client without a secret sends its id in the body (client-oauth2)
        form = {**form, "client_id": client_id}
    where = "Zetkin oauth/token"
    try:
        response = session.post(token_url, data=form, auth=auth, timeout=timeout)
    except requests.RequestException as exc:
        raise TransientApiError(
            f"could not reach Zetkin's token endpoint ({type(exc).__name__})", where=where
        ) from None
    if response.status_code >= 500 or response.status_code == 429:
        raise error_from_response(response, where=where, language=language)
    if response.status_code >= 400:
        error = error_from_response(response, where=where, language=language)
        raise PermanentError(
            f"Zetkin refused the token request ({error.message})", where=where, hint=hint
        )
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict) and isinstance(body.get("data"), dict):
        body = body["data"]  # tolerate a v1-style envelope around the token response
    return TokenPair.from_token_response(body)


def _resend(response: requests.Response, token: str, kwargs: dict[str, Any]) -> requests.Response:
    """Send ``response``'s request again with a new bearer token (once)."""
    retry = response.request.copy()
    _bearer(retry, token)
    setattr(retry, _REFRESHED, True)
    response.content  # noqa: B018 - drain so the connection can be reused
    response.close()
    again: requests.Response = response.connection.send(retry, **kwargs)
    again.history.append(response)
    again.request = retry
    return again


def _expired_token(response: requests.Response) -> bool:
    return not getattr(response.request, _REFRESHED, False) and is_invalid_token(
        response.status_code, response.text, response.headers.get("WWW-Authenticate", "")
    )


class StaticTokenAuth(ZetkinAuth):
    """A fixed bearer token (the sandbox, tests, a token pasted into the config)."""

    def __init__(self, token: str | Secret) -> None:
        self._token = token.get() if isinstance(token, Secret) else token

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        _bearer(request, self._token)
        return request

    def __repr__(self) -> str:
        return "StaticTokenAuth('***')"


class OAuth2Auth(ZetkinAuth):
    """Authorization-code flow with a client secret, and refresh on 401 ``invalid_token``.

    ``token_url`` is ``{base}/v1/oauth/token/`` and ``authorize_url`` ``{base}/v1/oauth/authorize/``
    (trailing slashes as zetkin.js writes them). ``session`` is used for token requests only.
    """

    def __init__(
        self,
        token_url: str,
        client_id: str,
        client_secret: str | Secret | None,
        store: TokenStore,
        *,
        authorize_url: str | None = None,
        redirect_uri: str | None = None,
        scope: str | None = LEVEL2,
        session: requests.Session | None = None,
        timeout: float = 30.0,
        language: str = "nb",
    ) -> None:
        self.token_url = token_url
        self.authorize_endpoint = authorize_url or token_url.replace("/token/", "/authorize/")
        self.client_id = client_id
        self._secret = client_secret.get() if isinstance(client_secret, Secret) else client_secret
        self.store = store
        self.redirect_uri = redirect_uri
        self.scope = scope
        self.session = session or requests.Session()
        self.timeout = timeout
        self.language = language  # the configured language, for the hints a person reads
        self.refreshes = 0
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"OAuth2Auth(client_id={self.client_id!r})"

    # -- the one-time flow ---------------------------------------------------------------------
    def authorize_url(self, state: str | None = None) -> str:
        """Where a person logs in and approves the bridge; Zetkin redirects back with ``code``."""
        params = {"response_type": "code", "client_id": self.client_id}
        if self.redirect_uri:
            params["redirect_uri"] = self.redirect_uri
        if self.scope:
            params["scope"] = self.scope
        if state:
            params["state"] = state
        return f"{self.authorize_endpoint}?{urlencode(params)}"

    def exchange_code(self, code: str) -> TokenPair:
        """Trade an authorization code for a token pair and store it."""
        form = {"grant_type": "authorization_code", "code": code}
        if self.redirect_uri:
            form["redirect_uri"] = self.redirect_uri
        pair = self._token_request(form)
        self.store.put(pair)
        return pair

    # -- refresh ----------------------------------------------------------------------------
    def refresh(self, failed_access_token: str | None = None) -> TokenPair:
        """Refresh the pair, unless someone already replaced ``failed_access_token``."""
        with self._lock:
            current = self.store.get()
            if current is None or not current.refresh_token:
                raise PermanentError(
                    "no Zetkin refresh token is stored",
                    where="Zetkin oauth/token",
                    hint=t("zetkin.relogin", self.language),
                )
            if failed_access_token is not None and current.access_token != failed_access_token:
                return current
            pair = self._token_request(
                {"grant_type": "refresh_token", "refresh_token": current.refresh_token}
            )
            if pair.refresh_token is None:  # some servers keep the old refresh token
                pair = TokenPair(
                    pair.access_token, current.refresh_token, pair.expires_at, pair.token_type
                )
            self.store.put(pair)
            self.refreshes += 1
            return pair

    def _token_request(self, form: dict[str, str]) -> TokenPair:
        if self.scope:
            form = {**form, "scope": self.scope}
        return token_request(
            self.session,
            self.token_url,
            self.client_id,
            self._secret,
            form,
            self.timeout,
            language=self.language,
        )

    # -- requests' AuthBase -----------------------------------------------------------------
    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        pair = self.store.get()
        if pair is None:
            raise PermanentError(
                "no Zetkin token is stored; run `bridge zetkin login`",
                where="Zetkin auth",
                hint=t("zetkin.relogin", self.language),
            )
        _bearer(request, pair.access_token)
        request.hooks.setdefault("response", []).append(self._handle_401)
        return request

    def _handle_401(self, response: requests.Response, **kwargs: Any) -> requests.Response:
        """Refresh once and resend when the token expired; a second 401 goes to the caller."""
        if not _expired_token(response):
            return response
        failed = str(response.request.headers.get("Authorization", "")).removeprefix("Bearer ")
        return _resend(response, self.refresh(failed).access_token, kwargs)


API_KEY_HINT = t("zetkin.api_key_hint")


class ApiKeyAuth(ZetkinAuth):
    """The API-key (jwt-bearer) grant: a token on demand, granted again when it expires.

    The token is kept in ``store`` (memory by default); a grant answers with no refresh token
    (or one we do not need), so renewal is simply another grant with the same key. The key
    never shows in ``repr`` or in an error.
    """

    def __init__(
        self,
        token_url: str,
        client_id: str,
        client_secret: str | Secret | None,
        api_key: str | Secret,
        *,
        scope: str | None = LEVEL2,
        store: TokenStore | None = None,
        session: requests.Session | None = None,
        timeout: float = 30.0,
        language: str = "nb",
    ) -> None:
        self.token_url = token_url
        self.client_id = client_id
        self._secret = client_secret.get() if isinstance(client_secret, Secret) else client_secret
        self._key = api_key.get() if isinstance(api_key, Secret) else api_key
        self.scope = scope
        self.store: TokenStore = store or MemoryTokenStore()
        self.session = session or requests.Session()
        self.timeout = timeout
        self.language = language  # the configured language, for the hints a person reads
        self.grants = 0
        self.refreshes = 0
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"ApiKeyAuth(client_id={self.client_id!r}, key='***')"

    def grant(self, failed_access_token: str | None = None) -> TokenPair:
        """A new token from the key, unless another thread already replaced the failed one."""
        with self._lock:
            current = self.store.get()
            if (
                failed_access_token is not None
                and current is not None
                and current.access_token != failed_access_token
            ):
                return current
            form = {"grant_type": JWT_BEARER, "assertion": self._key}
            if self.scope:
                form["scope"] = self.scope
            pair = token_request(
                self.session,
                self.token_url,
                self.client_id,
                self._secret,
                form,
                self.timeout,
                hint=t("zetkin.api_key_hint", self.language),
                language=self.language,
            )
            self.store.put(pair)
            self.grants += 1
            if failed_access_token is not None:
                self.refreshes += 1
            return pair

    def _token(self) -> str:
        pair = self.store.get()
        now = datetime.now(UTC)
        if pair is None or (
            pair.expires_at is not None and pair.expires_at - _EXPIRY_MARGIN <= now
        ):
            pair = self.grant(pair.access_token if pair is not None else None)
        return pair.access_token

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        _bearer(request, self._token())
        request.hooks.setdefault("response", []).append(self._handle_401)
        return request

    def _handle_401(self, response: requests.Response, **kwargs: Any) -> requests.Response:
        """Grant again once and resend when the token was refused as expired."""
        if not _expired_token(response):
            return response
        failed = str(response.request.headers.get("Authorization", "")).removeprefix("Bearer ")
        return _resend(response, self.grant(failed).access_token, kwargs)
