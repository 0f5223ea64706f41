"""Login, logout, the login check on every request, roles, and the security headers.

A session is a random token in the (signed, HttpOnly, SameSite=Lax) cookie whose digest is in
the ledger: logging out revokes it there, so the cookie is dead even if someone copied it.
Failed logins are counted in the ledger by a digest of the name and of the address; past the
limit the login answers 429 until the window has passed.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from werkzeug.security import check_password_hash, generate_password_hash

from admin.store import AdminStore, SessionUser
from config.settings import Settings

__all__ = ["OPEN_ENDPOINTS", "bp", "init", "operator_only"]

bp = Blueprint("auth", __name__)

# Reachable without a login: the health probe, the login form, and the stylesheet it uses.
OPEN_ENDPOINTS = frozenset({"auth.healthz", "auth.login", "static"})

F = TypeVar("F", bound=Callable[..., Any])

# A hash to check against when the name is unknown, so both cases take the same time.
_DUMMY_HASH = generate_password_hash(secrets.token_hex(16))

CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)


def operator_only(view: F) -> F:
    """Mark a view as an operator's (a viewer gets 403); the check is in :func:`_check`."""
    view.operator_only = True  # type: ignore[attr-defined]
    return view


def _bridge() -> dict[str, Any]:
    return current_app.extensions["bridge"]  # type: ignore[no-any-return]


def _settings() -> Settings:
    return _bridge()["settings"]  # type: ignore[no-any-return]


def _store() -> AdminStore:
    return _bridge()["store"]  # type: ignore[no-any-return]


def _check() -> Response | None:
    """Before every request: who is logged in, and may they use this route."""
    settings = _settings()
    g.lang = settings.language
    g.user = None
    token = session.get("sid")
    if isinstance(token, str):
        user = _store().session_user(token)
        if user is not None:
            g.user = user
            g.lang = _language(settings, user)
    endpoint = request.endpoint or ""
    if endpoint in OPEN_ENDPOINTS or request.endpoint is None:  # None: no such page (404)
        return None
    if g.user is None:
        if request.method in ("GET", "HEAD"):
            return redirect(url_for("auth.login", next=request.path))  # type: ignore[return-value]
        abort(401)
    view = current_app.view_functions.get(endpoint)
    if getattr(view, "operator_only", False) and g.user.role != "operator":
        abort(403)
    return None


def _language(settings: Settings, user: SessionUser) -> str:
    for configured in settings.admin.users:
        if configured.name == user.username and configured.language:
            return configured.language
    record = _store().user(user.username)
    if record is not None and record.language:
        return record.language
    return settings.language


def _headers(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "no-referrer"  # search terms never leave the page
    response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if request.endpoint != "static":
        response.headers["Cache-Control"] = "no-store"
    if _settings().admin.https:
        response.headers["Strict-Transport-Security"] = "max-age=31536000"
    return response


def _error_page(code: int) -> Callable[[Exception], tuple[str, int]]:
    def handler(_exc: Exception) -> tuple[str, int]:
        return render_template("error.html", code=code), code

    return handler


def init(app: Flask) -> None:
    app.before_request(_check)
    app.after_request(_headers)
    for code in (400, 401, 403, 404, 405, 413, 429, 500):
        app.register_error_handler(code, _error_page(code))


def _user_for(name: str, password: str) -> tuple[str, str] | None:
    """(name, role) when the password is right, from the config first, then the ledger."""
    settings = _settings()
    for configured in settings.admin.users:
        if configured.name == name:
            if check_password_hash(configured.password_hash, password):
                return configured.name, configured.role
            return None
    record = _store().user(name)
    if record is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if check_password_hash(record.password_hash, password):
        return record.username, record.role
    return None


def _safe_next(target: str | None) -> str:
    """Only a path on this site (never another host) to go back to after the login."""
    if not target:
        return url_for("views.status")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("views.status")
    return target


@bp.get("/healthz")
def healthz() -> Response:
    """The one open route; it says only that the process answers."""
    return Response("ok\n", mimetype="text/plain")


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    settings = _settings()
    if request.method == "GET":
        return render_template("login.html", failed=False, next=request.args.get("next", ""))
    name = request.form.get("username", "").strip()[:64]
    password = request.form.get("password", "")[:256]
    keys = [f"user:{name.casefold()}", f"addr:{request.remote_addr or ''}"]
    window = timedelta(minutes=settings.admin.login_window_minutes)
    store = _store()
    if store.too_many_failures(keys, settings.admin.login_attempts, window):
        return render_template("login.html", failed=False, limited=True, next=""), 429
    found = _user_for(name, password) if name and password else None
    if found is None:
        store.failed_login(keys)
        return render_template("login.html", failed=True, next=""), 401
    store.forget_failures(keys[:1], window)
    old = session.get("sid")
    if isinstance(old, str):
        store.revoke_session(old)
    session.clear()  # a new session (and CSRF token) for the new login
    session.permanent = True
    session["sid"] = store.open_session(found[0], found[1], settings.admin.session_hours)
    return redirect(_safe_next(request.form.get("next")))


@bp.post("/logout")
def logout() -> Any:
    token = session.get("sid")
    if isinstance(token, str):
        _store().revoke_session(token)
    session.clear()
    return redirect(url_for("auth.login"))
