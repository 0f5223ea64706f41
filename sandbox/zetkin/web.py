"""The small HTTP toolkit the stand-in's handlers share: routing, envelopes, errors, paging.

v1 (zetkin-api.md §2.1): ``{"data": ...}``, errors ``{"error": {"title", "description"}}``
(a 404 has only the title), 0-based ``p``/``pp`` paging with no total.
v2 (§2.2): ``{"data", "meta", "related", "success"}``, 1-based ``page``/``size`` (max 100) with
``meta.pagination.total``, FastAPI ``422 {"detail": [...]}``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

from sandbox.zetkin.filters import FilterError, match_all, parse_filters

__all__ = [
    "ApiError",
    "Reply",
    "Request",
    "Router",
    "V2Error",
    "bad",
    "missing",
    "not_found",
    "v1_error_body",
    "v1_list",
    "v2_item",
    "v2_list",
]

_REASONS = {
    200: "OK",
    201: "Created",
    202: "Accepted",
    204: "No Content",
    302: "Found",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    422: "Unprocessable Entity",
    429: "Too Many Requests",
    500: "Internal Server Error",
}


class ApiError(Exception):
    """A v1 error answer; ``description`` None leaves it out (a 404 has only the title)."""

    def __init__(self, status: int, title: str, description: str | None = "") -> None:
        super().__init__(title)
        self.status, self.title, self.description = status, title, description


class V2Error(Exception):
    """A v2 answer with a FastAPI-style ``detail`` (a list for 422, a string otherwise)."""

    def __init__(self, status: int, detail: Any) -> None:
        super().__init__(str(detail))
        self.status, self.detail = status, detail


def not_found() -> ApiError:
    return ApiError(404, "404 Not Found", None)


def missing(name: str) -> ApiError:
    return ApiError(400, "Missing parameter", f'The "{name}" parameter is required.')


def bad(description: str, title: str = "Invalid parameter") -> ApiError:
    return ApiError(400, title, description)


def v1_error_body(status: int, title: str | None = None, description: str | None = "") -> bytes:
    error: dict[str, Any] = {"title": title or f"{status} {_REASONS.get(status, 'Error')}"}
    if description is not None:
        error["description"] = description
    return json.dumps({"error": error}).encode()


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # JSON-able; ``raw`` wins when set
    raw: bytes | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)

    def render(self) -> tuple[str, list[tuple[str, str]], bytes]:
        status = f"{self.status} {_REASONS.get(self.status, 'Unknown')}"
        if self.status == 204:
            return status, list(self.headers), b""
        data = self.raw if self.raw is not None else json.dumps(self.body).encode()
        headers = [("Content-Type", "application/json"), *self.headers]
        return status, headers, data


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    raw_body: bytes
    token: Any = None  # the caller's access token, once authenticated

    @classmethod
    def from_environ(cls, environ: dict[str, Any]) -> Request:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        headers = {
            key[5:].replace("_", "-").lower(): value
            for key, value in environ.items()
            if key.startswith("HTTP_")
        }
        if environ.get("CONTENT_TYPE"):
            headers["content-type"] = environ["CONTENT_TYPE"]
        return cls(
            method=environ.get("REQUEST_METHOD", "GET").upper(),
            path=environ.get("PATH_INFO", ""),
            query=parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True),
            headers=headers,
            raw_body=body,
        )

    def arg(self, name: str) -> str | None:
        values = self.query.get(name)
        return values[0] if values else None

    def json(self, default: Any = None) -> Any:
        """The JSON body; 400 ``Malformed data`` when it does not parse."""
        if not self.raw_body.strip():
            return default
        try:
            return json.loads(self.raw_body)
        except ValueError:
            raise ApiError(400, "Malformed data", "The body is not valid JSON.") from None

    def json_object(self) -> dict[str, Any]:
        body = self.json({})
        if not isinstance(body, dict):
            raise ApiError(400, "Invalid data", "Expected a JSON object.")
        return body

    def form(self) -> dict[str, str]:
        parsed = parse_qs(self.raw_body.decode("utf-8", "replace"), keep_blank_values=True)
        return {k: v[0] for k, v in parsed.items()}


Handler = Callable[..., Reply]


@dataclass
class _Route:
    method: str
    pattern: re.Pattern[str]
    name: str
    handler: Handler
    anonymous: bool
    words: frozenset[str] = frozenset()


class Router:
    """Method + path regex -> handler; path groups become int keyword arguments."""

    def __init__(self) -> None:
        self.routes: list[_Route] = []

    def add(
        self, method: str, path: str, name: str, handler: Handler, anonymous: bool = False
    ) -> None:
        # {name} is a numeric id, {name:slug} a word (e.g. a custom field's id or slug).
        regex = re.sub(r"\{(\w+):slug\}", r"(?P<\1>[A-Za-z0-9_-]+)", path.rstrip("/"))
        regex = re.sub(r"\{(\w+)\}", r"(?P<\1>[0-9]+)", regex)
        words = frozenset(re.findall(r"\{(\w+):slug\}", path))
        self.routes.append(
            _Route(method, re.compile(f"^{regex}/?$"), name, handler, anonymous, words)
        )

    def match(self, method: str, path: str) -> tuple[_Route | None, dict[str, Any], bool]:
        """(route, path args, path known with another method)."""
        known = False
        for route in self.routes:
            found = route.pattern.match(path)
            if not found:
                continue
            known = True
            if route.method == method:
                args: dict[str, Any] = {
                    k: v if k in route.words else int(v) for k, v in found.groupdict().items()
                }
                return route, args, True
        return None, {}, known


# -- paging -------------------------------------------------------------------------------
def _int_arg(req: Request, name: str) -> int | None:
    raw = req.arg(name)
    if raw is None or raw == "":
        return None
    try:
        value = int(raw)
    except ValueError:
        raise bad(f'"{name}" must be an integer.') from None
    if value < 0:
        raise bad(f'"{name}" must not be negative.')
    return value


def v1_list(
    req: Request,
    items: list[dict[str, Any]],
    known: Callable[[str], bool] | None = None,
    transform: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> Reply:
    """Filter (``filter=``), then page (``p``/``pp``), then wrap in ``{"data": [...]}``.

    Without ``p`` and ``pp`` the whole list comes back (reference: server-side cap unknown).
    ``pp`` without ``p`` means page 0; ``p`` without ``pp`` uses 20 (uncertain; Gen2 admin
    default ``get(0, 20)``).
    """
    raw_filters = req.query.get("filter", [])
    if raw_filters:
        if known is None:
            known = _keys_of(items)
        try:
            filters = parse_filters(raw_filters, known)
        except FilterError as exc:
            raise bad(str(exc), "Invalid filter format") from None
        items = [item for item in items if match_all(filters, item)]
    page, per_page = _int_arg(req, "p"), _int_arg(req, "pp")
    if page is not None or per_page is not None:
        if per_page == 0:
            raise bad('"pp" must be at least 1.')
        per_page = per_page or 20
        start = (page or 0) * per_page
        items = items[start : start + per_page]
    if transform is not None:
        items = [transform(item) for item in items]
    return Reply(body={"data": items})


def _keys_of(items: list[dict[str, Any]]) -> Callable[[str], bool]:
    sample = items[0] if items else {}

    def known(name: str) -> bool:
        return not items or name.split(".")[0] in sample

    return known


# -- v2 -----------------------------------------------------------------------------------
_READ_ONLY = {"id", "created", "created_by_user_id", "organization_id"}


def _fields_meta(item: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    if not item:
        return {}
    names = {bool: "bool", int: "int", float: "float", str: "str", list: "list", dict: "object"}
    meta = {}
    for key, value in item.items():
        meta[key] = {
            "type": names.get(type(value), "str"),
            "can_post": key not in _READ_ONLY,
            "can_patch": key not in _READ_ONLY,
            "nullable": value is None,
        }
    return meta


def v2_item(item: dict[str, Any], status: int = 200) -> Reply:
    return Reply(
        status=status,
        body={"data": item, "meta": {"fields": _fields_meta(item)}, "related": {}, "success": True},
    )


def v2_list(req: Request, items: Iterable[dict[str, Any]]) -> Reply:
    """Page with 1-based ``page`` and ``size`` (default 50, max 100); 422 on bad values."""
    details = []
    values = {}
    for name, default, low, high in (("page", 1, 1, None), ("size", 50, 1, 100)):
        raw = req.arg(name)
        if raw is None:
            values[name] = default
            continue
        try:
            value = int(raw)
        except ValueError:
            details.append(_detail(name, "Input should be a valid integer", "int_parsing", raw))
            continue
        if value < low:
            details.append(
                _detail(
                    name, f"Input should be greater than or equal to {low}", "greater_than_equal"
                )
            )
        elif high is not None and value > high:
            details.append(
                _detail(name, f"Input should be less than or equal to {high}", "less_than_equal")
            )
        values[name] = value
    if details:
        raise V2Error(422, details)
    everything = list(items)
    page, size = values["page"], values["size"]
    chunk = everything[(page - 1) * size : page * size]
    body = {
        "data": chunk,
        "meta": {
            "fields": _fields_meta(everything[0] if everything else None),
            "filters": [],
            "ordering": [{"field": "id", "dir": "asc"}],
            "pagination": {"page": page, "size": size, "total": len(everything)},
        },
        "related": {},
        "success": True,
    }
    return Reply(body=body)


def _detail(name: str, msg: str, type_: str, given: Any = None) -> dict[str, Any]:
    detail: dict[str, Any] = {"loc": ["query", name], "msg": msg, "type": type_}
    if given is not None:
        detail["input"] = given
    return detail


def body_detail(name: str, msg: str, type_: str = "missing") -> dict[str, Any]:
    return {"loc": ["body", name], "msg": msg, "type": type_}
