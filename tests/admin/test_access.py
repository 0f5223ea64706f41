"""Every route needs a login (but /healthz, the login form and its stylesheet), operator
routes refuse a viewer, and a POST without a CSRF token is refused: proved over ``url_map``."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from admin.auth import OPEN_ENDPOINTS
from tests.admin.conftest import Rig, csrf_of, login

SAMPLE_ARGS = {
    "task_id": "abc",
    "run_id": 1,
    "error_id": 1,
    "number": 0,
    "person_id": 7,
    "filename": "admin.css",
}


def _routes(rig: Rig) -> list[tuple[str, str, str]]:
    """(endpoint, method, url) for every route and method the app answers."""
    out = []
    with rig.app.test_request_context():
        for rule in rig.app.url_map.iter_rules():
            url = rule.rule
            for arg in rule.arguments:
                url = re.sub(rf"<(?:[a-z]+:)?{arg}>", str(SAMPLE_ARGS[arg]), url)
            for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
                out.append((rule.endpoint, method, url))
    return out


def _is_operator_route(rig: Rig, endpoint: str) -> bool:
    return bool(getattr(rig.app.view_functions[endpoint], "operator_only", False))


def test_the_map_has_the_pages_and_the_buttons(rig: Rig) -> None:
    endpoints = {e for e, _, _ in _routes(rig)}
    assert {"views.status", "views.errors", "views.approve", "views.run_now",
            "privacy.person", "privacy.erase", "auth.healthz"} <= endpoints  # fmt: skip
    assert sum(_is_operator_route(rig, e) for e in endpoints) >= 7


def test_every_route_but_the_open_ones_needs_a_login(rig: Rig) -> None:
    client = rig.app.test_client()
    checked = 0
    for endpoint, method, url in _routes(rig):
        if endpoint in OPEN_ENDPOINTS:
            continue
        response = client.open(url, method=method)
        if method == "GET":
            assert response.status_code == 302, (endpoint, response.status_code)
            assert response.headers["Location"].startswith("/login"), endpoint
        else:
            assert response.status_code == 401, (endpoint, method, response.status_code)
        checked += 1
    assert checked >= 15


def test_healthz_is_open_and_says_nothing(rig: Rig) -> None:
    response = rig.app.test_client().get("/healthz")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "ok\n"


def test_operator_routes_are_forbidden_to_a_viewer(rig: Rig, viewer: FlaskClient) -> None:
    token = csrf_of(viewer.get("/").get_data(as_text=True))
    checked = 0
    for endpoint, method, url in _routes(rig):
        if not _is_operator_route(rig, endpoint):
            continue
        data = {"csrf_token": token} if method == "POST" else None
        response = viewer.open(url, method=method, data=data)
        assert response.status_code == 403, (endpoint, method, response.status_code)
        checked += 1
    assert checked >= 8


def test_a_post_without_a_csrf_token_is_refused(rig: Rig, operator: FlaskClient) -> None:
    checked = 0
    for endpoint, method, url in _routes(rig):
        if method != "POST" or endpoint == "auth.login":
            continue
        response = operator.post(url, data={})
        assert response.status_code == 400, (endpoint, response.status_code)
        checked += 1
    assert checked >= 8
    # and the login form too
    fresh = rig.app.test_client()
    response = fresh.post("/login", data={"username": "kari", "password": "x"})
    assert response.status_code == 400


def test_viewer_pages_answer_for_a_viewer(rig: Rig, viewer: FlaskClient) -> None:
    for endpoint, method, url in _routes(rig):
        if method != "GET" or endpoint in OPEN_ENDPOINTS or _is_operator_route(rig, endpoint):
            continue
        response = viewer.get(url)
        assert response.status_code in (200, 404), (endpoint, response.status_code)


@pytest.mark.parametrize("header", ["Content-Security-Policy", "X-Frame-Options"])
def test_security_headers_on_every_answer(rig: Rig, header: str) -> None:
    client = rig.app.test_client()
    for url in ("/healthz", "/login", "/"):
        assert header in client.get(url).headers
    csp = client.get("/login").headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src" not in csp and "'unsafe-inline'" not in csp  # default-src 'none'


def test_session_cookie_is_httponly_and_lax(rig: Rig) -> None:
    client = rig.app.test_client()
    response = login(client, "kari")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain http on loopback; admin.https = true adds it
