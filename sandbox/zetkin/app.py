"""The Zetkin API stand-in as a WSGI app: routes, authentication, control verbs.

Handlers for each resource family live in :mod:`sandbox.zetkin.people` (people, fields, tags,
notes, join forms, bulk), :mod:`sandbox.zetkin.organize` (campaigns, events, calls, views,
orgs) and :mod:`sandbox.zetkin.canvass` (v2). Every request runs under the store's lock.
"""

from __future__ import annotations

import base64
import functools
import json
import secrets
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlencode, urlsplit

from sandbox import fictional
from sandbox.harness import Harness
from sandbox.zetkin import canvass, organize, people
from sandbox.zetkin.state import Store, Token
from sandbox.zetkin.web import ApiError, Reply, Request, Router, V2Error, v1_error_body

__all__ = ["ZetkinApp", "build_harness", "error_body"]

StartResponse = Callable[..., Any]
JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
# POSTs that change nothing: a level-1 token may send them (they are reads).
_READ_POSTS = frozenset({"search.person", "bulk.preview", "queries.ephemeral_stats"})


@functools.lru_cache(maxsize=4)
def _branch(seed: int, size: int) -> fictional.Branch:
    return fictional.generate(seed, size)


def error_body(status: int) -> tuple[str, bytes]:
    """Injected faults in Zetkin's v1 error format (``{"error": {title, description}}``)."""
    titles = {429: "429 Too Many Requests", 500: "500 Internal Server Error"}
    return "application/json", v1_error_body(status, titles.get(status))


class ZetkinApp:
    """One organisation's API. ``seed`` is ``"demo"`` (the fictional branch) or ``"empty"``."""

    def __init__(
        self,
        seed: str = "demo",
        seed_number: int = 1,
        size: int = 300,
        token_lifetime: float = 3600.0,
        enforce_level2: bool = True,
    ) -> None:
        self.store = Store(token_lifetime=token_lifetime)
        self.enforce_level2 = enforce_level2
        self.store.enforce_level2 = enforce_level2
        self.baseline: dict[str, Any] = {"kind": seed, "seed": seed_number, "size": size}
        self.router = Router()
        self._routes()
        self.load(self.baseline)
        self.store.install_static_token()

    # -- seeding and control verbs --------------------------------------------------------
    def load(self, spec: Any) -> dict[str, Any]:
        if isinstance(spec, str):
            spec = {"kind": spec}
        spec = dict(spec or {})
        kind = spec.get("kind") or "demo"
        with self.store.lock:
            if kind == "empty":
                self.store.seed_empty()
            elif kind == "demo":
                seed = int(spec.get("seed", self.baseline.get("seed", 1)))
                size = int(spec.get("size", self.baseline.get("size", 300)))
                self.store.seed_branch(_branch(seed, size))
            else:
                raise ValueError(f"unknown seed {kind!r}: use 'demo' or 'empty'")
            return self.summary()

    def reset(self, _payload: Any = None) -> dict[str, Any]:
        """Back to the constructor's seed; minted tokens are dropped, the static one stays."""
        with self.store.lock:
            self.store.tokens.clear()
            self.store.refresh_tokens.clear()
            self.store.refresh_levels.clear()
            self.store.codes.clear()
            self.store.enforce_level2 = self.enforce_level2
            self.store.install_static_token()
            return self.load(self.baseline)

    def mint_token(self, payload: Any = None) -> dict[str, Any]:
        """``{"lifetime": seconds|null, "level": 1|2}``: a token as a login would give it."""
        payload = payload if isinstance(payload, dict) else {}
        lifetime = payload.get("lifetime", self.store.token_lifetime)
        level = int(payload.get("level", 2))
        with self.store.lock:
            token = self.store.mint(
                None if lifetime is None else float(lifetime), refresh=True, level=level
            )
        return {
            "access_token": token.value,
            "refresh_token": token.refresh,
            "expires_in": None if lifetime is None else int(float(lifetime)),
            "token_type": "bearer",
        }

    def expire_tokens(self, _payload: Any = None) -> dict[str, Any]:
        with self.store.lock:
            return {"expired": self.store.expire_all()}

    def set_token_lifetime(self, payload: Any) -> dict[str, Any]:
        with self.store.lock:
            self.store.token_lifetime = float(payload["seconds"])
        return {"ok": True}

    def raw(self, payload: Any) -> dict[str, Any]:
        """Put data in without the API's checks, for bad-input tests of the client:
        ``{"kind": "person", "data": {...}}`` stores a person exactly as given (nulls in native
        fields, unknown keys, odd timestamps); ``{"kind": "person_tag", "person_id", "tag_id",
        "value"}`` applies a tag with any value (e.g. a value on a plain tag)."""
        kind = payload.get("kind") if isinstance(payload, dict) else None
        with self.store.lock:
            if kind == "person":
                data = dict(payload.get("data") or {})
                person = self.store.add_person({}, person_id=data.get("id"))
                person.update(data)
                return {"id": person["id"]}
            if kind == "person_tag":
                pid, tid = int(payload["person_id"]), int(payload["tag_id"])
                self.store.person_tags.setdefault(pid, {})[tid] = payload.get("value")
                return {"ok": True}
        raise ValueError("raw: kind must be 'person' or 'person_tag'")

    def account(self, payload: Any) -> dict[str, Any]:
        """``{"role": "admin"|"organizer"|null, "enforce_level2": bool}``: the sandbox user's
        role in the org, and whether level-1 tokens may write (``false``: the old lenient way)."""
        payload = payload if isinstance(payload, dict) else {}
        with self.store.lock:
            if "role" in payload:
                role = payload["role"]
                if role not in (None, "organizer", "admin"):
                    raise ValueError("account: role is 'organizer', 'admin' or null")
                self.store.role = role
            if "enforce_level2" in payload:
                self.store.enforce_level2 = bool(payload["enforce_level2"])
            return {"role": self.store.role, "enforce_level2": self.store.enforce_level2}

    def malform(self, payload: Any) -> dict[str, Any]:
        """``{"route": "tags.list", "data": "oops"}``: that route answers ``{"data": …}`` with
        the given value (a wrong-shape answer); ``{}`` clears every one."""
        payload = payload if isinstance(payload, dict) else {}
        with self.store.lock:
            if "route" not in payload:
                self.store.malformed.clear()
            else:
                self.store.malformed[str(payload["route"])] = payload.get("data")
            return {"routes": sorted(self.store.malformed)}

    def bulk_pending(self, payload: Any) -> dict[str, Any]:
        """``{"polls": n}``: ``bulk/execute`` answers ``pending`` and ``GET bulk`` shows the job
        ``in_progress`` for ``n`` reads before ``completed`` (the work is done at once)."""
        polls = int(payload.get("polls", 1)) if isinstance(payload, dict) else 1
        with self.store.lock:
            self.store.bulk_polls = max(0, polls)
        return {"polls": self.store.bulk_polls}

    def short_pull(self, payload: Any) -> dict[str, Any]:
        """``{"by": n}``: the people list and view rows leave out their last ``n`` people (a
        pull cut short); ``{"by": 0}`` ends it. Counts (Smart Search stats) stay true."""
        by = int(payload.get("by", 1)) if isinstance(payload, dict) else 1
        with self.store.lock:
            self.store.short_by = max(0, by)
        return {"by": self.store.short_by}

    def summary(self) -> dict[str, Any]:
        s = self.store
        with s.lock:
            tag_counts = {t["title"]: 0 for t in s.tags.values()}
            for applied in s.person_tags.values():
                for tid in applied:
                    if tid in s.tags:
                        tag_counts[s.tags[tid]["title"]] += 1
            states: dict[str, int] = {}
            for sub in s.join_submissions.values():
                states[sub["state"]] = states.get(sub["state"], 0) + 1
            return {
                "org_id": s.org_id,
                "people": len(s.people),
                "max_person_id": max(s.people, default=0),
                "fields": sorted(f["slug"] for f in s.fields.values()),
                "tags": tag_counts,
                "join_submissions": states,
                "calls": len(s.calls),
                "actions": len(s.actions),
                "notes": len(s.notes),
                "bulk": len(s.bulk_log),
                "household_visits": len(s.household_visits),
                "location_visits": len(s.location_visits),
                "tokens": len(s.tokens),
            }

    def controls(self) -> dict[str, Callable[[Any], Any]]:
        return {
            "reset": self.reset,
            "seed": self.load,
            "expire_tokens": self.expire_tokens,
            "token": self.mint_token,
            "token_lifetime": self.set_token_lifetime,
            "state": lambda _payload: self.summary(),
            "raw": self.raw,
            "account": self.account,
            "short_pull": self.short_pull,
            "malform": self.malform,
            "bulk_pending": self.bulk_pending,
            "api_key": lambda _payload: {
                "api_key": self.store.api_key,
                "level1_api_key": self.store.level1_api_key,
            },
        }

    # -- routing --------------------------------------------------------------------------
    def _routes(self) -> None:
        r = self.router
        r.add("GET", "/v1/oauth/authorize", "oauth.authorize", self.authorize, anonymous=True)
        r.add("POST", "/v1/oauth/token", "oauth.token", self.token, anonymous=True)
        r.add("POST", "/v2/oauth/token", "oauth.token", self.token, anonymous=True)
        people.register(r, self.store)
        organize.register(r, self.store)
        canvass.register(r, self.store)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        req = Request.from_environ(environ)
        route, args, known = self.router.match(req.method, req.path)
        environ["sandbox.route"] = route.name if route else "unknown"
        v2 = req.path.startswith("/v2/")
        # The whole request, serialising included, runs under the lock: replies are built from
        # the live objects, and another thread must not change them mid-dump.
        with self.store.lock:
            reply = self._handle(req, route, args, known, v2)
            status, headers, body = reply.render()
        start_response(status, [*headers, ("Content-Length", str(len(body)))])
        return [body]

    def _handle(
        self, req: Request, route: Any, args: dict[str, int], known: bool, v2: bool
    ) -> Reply:
        try:
            if route is None:
                if known:
                    raise ApiError(405, "405 Method Not Allowed", None)
                raise ApiError(404, "404 Not Found", None)
            if not route.anonymous:
                req.token = self._authenticate(req)
            org = args.pop("org", None)
            if org is not None and org != self.store.org_id:
                if org in self.store.sub_orgs:
                    raise ApiError(403, "Not a member of organization", "")
                raise ApiError(404, "404 Not Found", None)
            if org is not None and not route.anonymous:
                self._authorise(req, route.name)
            if route.name in self.store.malformed:
                return Reply(body={"data": self.store.malformed[route.name]})
            reply: Reply = route.handler(req, **args)
            return reply
        except _Unauthorized as exc:
            return exc.reply
        except ApiError as exc:
            if v2:
                # v2 non-422 errors are not described (reference §2.2, uncertain); FastAPI's
                # default {"detail": str} is the conservative guess.
                return Reply(status=exc.status, body={"detail": exc.title})
            return Reply(
                status=exc.status, raw=v1_error_body(exc.status, exc.title, exc.description)
            )
        except V2Error as exc:
            return Reply(status=exc.status, body={"detail": exc.detail})

    # -- auth -----------------------------------------------------------------------------
    def _authorise(self, req: Request, route: str) -> None:
        """Organiser rules: a plain member gets nothing of the org; a level-1 token may read
        but not write (uncertain: the app demands level 2 on every organiser page and the UVW
        bridge "upgrades" after a 403, so 403 is the plausible answer)."""
        if self.store.role is None:
            raise ApiError(403, "403 Forbidden", "Not an official of the organization.")
        token = req.token
        writes = req.method != "GET" and route not in _READ_POSTS
        if writes and self.store.enforce_level2 and token is not None and token.level < 2:
            raise ApiError(403, "403 Forbidden", "Level 2 authentication required.")

    def _authenticate(self, req: Request) -> Token:
        header = req.headers.get("authorization", "")
        scheme, _, value = header.partition(" ")
        token = self.store.tokens.get(value.strip()) if scheme.lower() == "bearer" else None
        if token is None:
            raise _Unauthorized(Reply(status=401, raw=v1_error_body(401, "401 Unauthorized", "")))
        if token.expired():
            # Reference §1.2/§14: an expired token answers 401 with an OAuth-style
            # ``error: "invalid_token"`` (what zetkin.js and the app test for).
            raise _Unauthorized(
                Reply(
                    status=401,
                    body={
                        "error": "invalid_token",
                        "error_description": "The access token provided has expired.",
                    },
                    headers=[("WWW-Authenticate", 'Bearer error="invalid_token"')],
                )
            )
        return token

    def authorize(self, req: Request) -> Reply:
        """Auto-approves as the sandbox user and redirects back with a code (no login page)."""
        client_id = req.arg("client_id")
        redirect_uri = req.arg("redirect_uri")
        if client_id != self.store.client_id:
            return _oauth_error(400, "invalid_client", "Unknown client_id.")
        if not redirect_uri or urlsplit(redirect_uri).scheme not in ("http", "https"):
            return _oauth_error(400, "invalid_request", "redirect_uri is required.")
        if req.arg("response_type") != "code":
            return _oauth_error(400, "unsupported_response_type", "Only response_type=code.")
        code = secrets.token_urlsafe(16)
        self.store.codes[code] = (client_id, redirect_uri, req.arg("scope") or "")
        params = {"code": code}
        if req.arg("state") is not None:
            params["state"] = req.arg("state") or ""
        sep = "&" if urlsplit(redirect_uri).query else "?"
        return Reply(
            status=302, body={}, headers=[("Location", redirect_uri + sep + urlencode(params))]
        )

    def token(self, req: Request) -> Reply:
        """Code exchange and refresh; client authenticates with HTTP Basic (reference §1.2).

        Refresh rotates the refresh token: the old one stops working (uncertain; the stricter
        choice, so a client that loses the new pair is caught by the tests).
        """
        form = req.form()
        basic = self._basic_client(req)
        client_id = basic or form.get("client_id")
        if client_id is None:
            return _oauth_error(401, "invalid_client", "Client authentication failed.")
        grant = form.get("grant_type")
        level2 = "level2" in (form.get("scope") or "").split()
        if grant == JWT_BEARER:
            return self._api_key_grant(form, basic, level2)
        if grant == "authorization_code":
            entry = self.store.codes.pop(form.get("code", ""), None)
            if entry is None or entry[0] != client_id:
                return _oauth_error(400, "invalid_grant", "Invalid authorization code.")
            if form.get("redirect_uri") and form["redirect_uri"] != entry[1]:
                return _oauth_error(400, "invalid_grant", "redirect_uri does not match.")
            level2 = level2 or "level2" in entry[2].split()
        elif grant == "refresh_token":
            old = form.get("refresh_token", "")
            if self.store.refresh_tokens.pop(old, None) is None:
                return _oauth_error(400, "invalid_grant", "Invalid refresh token.")
            level2 = level2 or self.store.refresh_levels.pop(old, 1) >= 2
        else:
            return _oauth_error(400, "unsupported_grant_type", "Unsupported grant_type.")
        token = self.store.mint(self.store.token_lifetime, refresh=True, level=2 if level2 else 1)
        return Reply(
            body={
                "access_token": token.value,
                "refresh_token": token.refresh,
                "expires_in": int(self.store.token_lifetime),
                "token_type": "bearer",
            }
        )

    def _api_key_grant(self, form: dict[str, str], basic: str | None, level2: bool) -> Reply:
        """The API-key grant (gocardless-sync ``lib/zetkin.js``): ``assertion`` is the key,
        the client must authenticate with HTTP Basic. The answer has no refresh token
        (uncertain; the client grants again instead, which works either way)."""
        if basic is None:
            return _oauth_error(401, "invalid_client", "Client authentication failed.")
        if form.get("assertion") not in (self.store.api_key, self.store.level1_api_key):
            return _oauth_error(400, "invalid_grant", "Invalid assertion.")
        level2 = level2 and form.get("assertion") == self.store.api_key
        token = self.store.mint(
            self.store.token_lifetime, level=2 if level2 else 1, factor="api_key"
        )
        return Reply(
            body={
                "access_token": token.value,
                "expires_in": int(self.store.token_lifetime),
                "token_type": "bearer",
            }
        )

    def _basic_client(self, req: Request) -> str | None:
        scheme, _, value = req.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "basic":
            return None
        try:
            client_id, _, secret = base64.b64decode(value).decode().partition(":")
        except ValueError:
            return None
        if client_id == self.store.client_id and secret == self.store.client_secret:
            return client_id
        return None


class _Unauthorized(Exception):
    def __init__(self, reply: Reply) -> None:
        super().__init__("unauthorized")
        self.reply = reply


def _oauth_error(status: int, error: str, description: str) -> Reply:
    return Reply(
        status=status, raw=json.dumps({"error": error, "error_description": description}).encode()
    )


def build_harness(app: ZetkinApp) -> Harness:
    return Harness(app, error_body=error_body, controls=app.controls())
