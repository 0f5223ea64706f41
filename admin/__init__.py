"""The admin: one small server-rendered web app over the ledger, behind a login.

``create_app(settings)`` builds it; ``bridge admin`` serves it with waitress and ``bridge demo
--admin`` serves it over the demo's fictional branch. Pages work without JavaScript; every text
comes from :mod:`bridge.messages`; every route but ``/healthz`` (and the login page and its
stylesheet) needs a login, and the routes that change something need an operator.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from flask import Flask, g
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from admin.runner import Runner, make_runner
from admin.store import AdminStore
from bridge.errors import ConfigError
from bridge.messages import t
from config.settings import Settings
from ledger import Ledger, open_ledger

__all__ = ["create_app"]

log = logging.getLogger(__name__)


def _check_can_start(settings: Settings, store: AdminStore) -> None:
    """No key, no user: the admin refuses to start (there is no default account)."""
    lang = settings.language
    if settings.secret_key is None or len(settings.secret_key.get()) < 16:
        raise ConfigError(
            t("admin.no_secret_key", lang),
            where="BRIDGE_SECRET_KEY",
            hint=t("admin.no_secret_key_hint", lang),
        )
    if not settings.admin.users and store.user_count() == 0:
        raise ConfigError(
            t("admin.no_users", lang), where="admin.users", hint=t("admin.no_users_hint", lang)
        )


def create_app(
    settings: Settings,
    *,
    ledger: Ledger | None = None,
    runner: Runner | None = None,
    testing: bool = False,
) -> Flask:
    """The admin app for ``settings`` (ledger and runner made from them unless given)."""
    ledger = ledger or open_ledger(settings.database_url.get())
    store = AdminStore(ledger)
    _check_can_start(settings, store)
    assert settings.secret_key is not None
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=settings.secret_key.get(),
        SESSION_COOKIE_NAME="bridge_admin",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.admin.https,
        PERMANENT_SESSION_LIFETIME=timedelta(hours=settings.admin.session_hours),
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the (server-side) session
        WTF_CSRF_SSL_STRICT=settings.admin.https,
        MAX_CONTENT_LENGTH=64 * 1024,
        TESTING=testing,
    )
    if settings.admin.proxies:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app,
            x_for=settings.admin.proxies,
            x_proto=settings.admin.proxies,
            x_host=settings.admin.proxies,
        )
    app.extensions["bridge"] = {
        "settings": settings,
        "store": store,
        "ledger": ledger,
        "runner": runner or make_runner(settings, ledger),
    }

    from admin import auth, privacy, views

    auth.init(app)  # the login check runs before the CSRF check: logged out is 401, not 400
    CSRFProtect(app)
    app.register_blueprint(auth.bp)
    app.register_blueprint(views.bp)
    app.register_blueprint(privacy.bp)

    @app.context_processor
    def _texts() -> dict[str, Any]:
        lang = getattr(g, "lang", settings.language)

        def text(message_key: str, /, **params: object) -> str:
            return t(message_key, lang, **params)

        return {"_": text, "lang": lang, "user": getattr(g, "user", None)}

    return app
