"""The Zetkin Platform API client: transport, envelopes, retries, paging and request counting.

It receives its ``requests.Session``, base URL, org id and auth object and never reads the
environment. Every call has a timeout and goes through the one retry layer in
:mod:`connectors.zetkin.retry`. Resources hang off the client as attributes::

    client = ZetkinClient(session, "https://api.zetk.in", 1, StaticTokenAuth(token))
    for page in client.people.pages():
        ...
    client.tags.assign(person.id, tag.id)
    client.requests_made.total, client.requests_made.by_family
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Literal
from urllib.parse import urlsplit

import requests
import urllib3.exceptions

from bridge.errors import PermanentApiError
from bridge.messages import t
from connectors.progress import still_waiting
from connectors.zetkin.auth import ZetkinAuth
from connectors.zetkin.canvass import CanvassResource
from connectors.zetkin.envelope import (
    ZetkinTransientError,
    error_from_response,
    unwrap_v1,
    unwrap_v2,
)
from connectors.zetkin.paging import V2_MAX_SIZE, v1_pages, v2_pages
from connectors.zetkin.resources import (
    AccountResource,
    BulkResource,
    CallsResource,
    EventsResource,
    JoinResource,
    OrgsResource,
    PeopleResource,
    TagsResource,
    ViewsResource,
)
from connectors.zetkin.retry import RetryPolicy, parse_retry_after, run_with_retries

__all__ = [
    "FILTER_OPERATORS",
    "Params",
    "RequestCounter",
    "ZetkinClient",
    "family_of",
    "filter_param",
]

JSON = Any
Params = Sequence[tuple[str, str | int]]
# v1 filter operators (reference section 2.1); longest first so ">=" wins over ">".
FILTER_OPERATORS = ("==", "!=", ">=", "<=", "*=", ">", "<")
# A host that takes longer than this to accept a connection is down; the read timeout (the
# configured ``timeout``) is what a slow answer gets.
CONNECT_TIMEOUT = 10.0
_IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS"})
_NUMERIC = re.compile(r"^\d+$")


def filter_param(field: str, op: str, value: object) -> str:
    """One ``filter=`` value, e.g. ``filter_param("state", "==", 0)`` -> ``"state==0"``."""
    if op not in FILTER_OPERATORS:
        raise ValueError(f"unknown Zetkin filter operator {op!r}")
    if isinstance(value, bool):
        value = int(value)  # clients write booleans as 1/0: organizer_action_needed==1
    return f"{field}{op}{value}"


class RequestCounter:
    """HTTP requests made by one client, in total and per endpoint family, for the run record.

    Every request that went over the wire counts: retries, and the resend after a token refresh.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_family: Counter[str] = Counter()
        self.retries = 0

    def add(self, family: str, n: int = 1) -> None:
        with self._lock:
            self._by_family[family] += n

    def add_retry(self) -> None:
        with self._lock:
            self.retries += 1

    @property
    def total(self) -> int:
        with self._lock:
            return sum(self._by_family.values())

    @property
    def by_family(self) -> dict[str, int]:
        with self._lock:
            return dict(self._by_family)

    def as_dict(self) -> dict[str, Any]:
        return {"total": self.total, "retries": self.retries, "by_family": self.by_family}

    def __repr__(self) -> str:
        return f"RequestCounter(total={self.total}, retries={self.retries})"


def family_of(path: str) -> str:
    """``/v1/orgs/1/people/42/tags/3`` -> ``people``; ``/v1/orgs/1/people/tags`` -> ``people/tags``;
    ``/v2/orgs/1/area_assignments/8/stats`` -> ``v2/area_assignments``."""
    parts = [p for p in path.split("?")[0].split("/") if p]
    version = parts[0] if parts and parts[0] in {"v1", "v2"} else ""
    rest = parts[1:] if version else parts
    if len(rest) >= 2 and rest[0] == "orgs" and _NUMERIC.match(rest[1]):
        rest = rest[2:]
    if not rest:
        family = "org"
    elif rest[0] == "people" and len(rest) > 1 and not _NUMERIC.match(rest[1]):
        family = f"people/{rest[1]}"
    else:
        family = rest[0]
    return f"v2/{family}" if version == "v2" else family


def _never_sent(exc: requests.RequestException) -> bool:
    """The request cannot have reached the server (connect refused or connect timeout)."""
    if isinstance(exc, requests.ConnectTimeout):
        return True
    reason = exc.args[0] if exc.args else None
    if isinstance(reason, urllib3.exceptions.MaxRetryError):
        reason = reason.reason
    return isinstance(reason, (urllib3.exceptions.NewConnectionError,))


class ZetkinClient:
    """A client for one Zetkin organisation (v1 and the v2 canvassing API)."""

    def __init__(
        self,
        session: requests.Session,
        base_url: str,
        org_id: int,
        auth: ZetkinAuth,
        *,
        timeout: float = 30,
        retry_cap: float = 60,
        page_size: int = 100,
        backoff_base: float = 1.0,
        backoff_max: float = 30.0,
        max_attempts: int = 10,
        language: str = "nb",
    ) -> None:
        self.session = session
        self.base_url = base_url.rstrip("/")
        self.host = urlsplit(self.base_url).netloc or self.base_url
        self.language = language
        self.org_id = org_id
        self.auth = auth
        self.timeout = timeout
        self.page_size = page_size
        self.retry_policy = RetryPolicy(
            cap=retry_cap,
            base=backoff_base,
            max_wait=backoff_max,
            max_attempts=max_attempts,
            language=language,
        )
        self.requests_made = RequestCounter()
        self.people = PeopleResource(self)
        self.tags = TagsResource(self)
        self.join = JoinResource(self)
        self.bulk = BulkResource(self)
        self.calls = CallsResource(self)
        self.events = EventsResource(self)
        self.views = ViewsResource(self)
        self.orgs = OrgsResource(self)
        self.canvass = CanvassResource(self)
        self.account = AccountResource(self)

    def __repr__(self) -> str:
        return f"ZetkinClient({self.base_url!r}, org_id={self.org_id})"

    # -- paths ------------------------------------------------------------------------------
    def org_path(self, suffix: str, *, version: Literal[1, 2] = 1) -> str:
        return f"/v{version}/orgs/{self.org_id}/{suffix.lstrip('/')}"

    # -- transport --------------------------------------------------------------------------
    def request(
        self,
        method: str,
        path: str,
        *,
        params: Params | None = None,
        json: JSON = None,
        idempotent: bool | None = None,
        recursive: bool = False,
    ) -> requests.Response:
        """One call with retries; returns the successful response or raises a ``bridge.errors``.

        ``idempotent`` defaults by method (POST is not); a POST that is safe to repeat (a search,
        a bulk preview) passes ``idempotent=True``. ``recursive`` adds the bare ``?recursive``
        flag Zetkin uses to widen lists to sub-organisations.
        """
        method = method.upper()
        family = family_of(path)
        where = f"Zetkin {method} {family} ({self.host})"  # the host: which Zetkin failed
        url = self.base_url + path + ("?recursive" if recursive else "")
        safe = method in _IDEMPOTENT if idempotent is None else idempotent
        send_json = json is not None
        tries = [0]

        def attempt() -> requests.Response:
            tries[0] += 1
            try:
                with still_waiting(self.language, "Zetkin", self.host, self.timeout):
                    response = self.session.request(
                        method,
                        url,
                        params=list(params or ()),
                        json=json if send_json else None,
                        auth=self.auth,
                        timeout=(min(self.timeout, CONNECT_TIMEOUT), self.timeout),
                    )
            except requests.RequestException as exc:
                self.requests_made.add(family)
                raise ZetkinTransientError(
                    t("retry.unreachable", self.language, kind=type(exc).__name__),
                    status=None,
                    where=where,
                    may_have_applied=not _never_sent(exc),
                ) from None
            self.requests_made.add(family, 1 + len(response.history))
            if response.status_code == 404 and method == "DELETE" and tries[0] > 1:
                # An earlier attempt was applied before its answer was lost: already gone.
                return response
            if response.status_code >= 400:
                raise error_from_response(
                    response,
                    where=where,
                    language=self.language,
                    retry_after=parse_retry_after(response.headers.get("Retry-After")),
                )
            return response

        return run_with_retries(
            attempt, self.retry_policy, idempotent=safe, on_retry=self.requests_made.add_retry
        )

    def v1(
        self,
        method: str,
        suffix: str,
        *,
        params: Params | None = None,
        json: JSON = None,
        idempotent: bool | None = None,
        recursive: bool = False,
    ) -> JSON:
        """A v1 call under the org (``suffix`` like ``people/42``); returns the envelope's data."""
        path = self.org_path(suffix)
        response = self.request(
            method, path, params=params, json=json, idempotent=idempotent, recursive=recursive
        )
        if response.status_code == 404:  # a repeated DELETE of something already gone
            return None
        return unwrap_v1(response, f"Zetkin {method.upper()} {family_of(path)}")

    def v2(
        self,
        method: str,
        suffix: str,
        *,
        params: Params | None = None,
        json: JSON = None,
        idempotent: bool | None = None,
    ) -> tuple[JSON, Mapping[str, JSON]]:
        """A v2 call under the org; returns ``(data, meta)``."""
        path = self.org_path(suffix, version=2)
        response = self.request(method, path, params=params, json=json, idempotent=idempotent)
        return unwrap_v2(response, f"Zetkin {method.upper()} {family_of(path)}")

    def v1_pages(
        self,
        suffix: str,
        *,
        filters: Sequence[str] = (),
        params: Params = (),
        page_size: int | None = None,
        recursive: bool = False,
    ) -> Iterator[list[JSON]]:
        """Pages of a v1 list (``p``/``pp``, repeated ``filter=``), as a generator."""
        path = self.org_path(suffix)

        def fetch(page: int, size: int) -> JSON:
            query = [*params, *(("filter", f) for f in filters), ("p", page), ("pp", size)]
            return self.v1("GET", suffix, params=query, recursive=recursive)

        return v1_pages(fetch, page_size or self.page_size, where=f"Zetkin GET {family_of(path)}")

    def v2_pages(
        self, suffix: str, *, params: Params = (), size: int = V2_MAX_SIZE
    ) -> Iterator[list[JSON]]:
        """Pages of a v2 collection (``page``/``size``, ``meta.pagination.total``)."""

        def fetch(page: int, page_size: int) -> tuple[JSON, Mapping[str, JSON]]:
            return self.v2("GET", suffix, params=[*params, ("page", page), ("size", page_size)])

        return v2_pages(fetch, size)

    def v1_list(
        self, suffix: str, *, filters: Sequence[str] = (), recursive: bool = False
    ) -> list[JSON]:
        """An unpaged v1 list (small collections: tags, fields, forms, views). An answer that
        is not a list (``{"data": "oops"}``) raises "malformed", so a broken answer is never
        read as an empty list (a tag "missing", no join submissions)."""
        data = self.v1("GET", suffix, params=[("filter", f) for f in filters], recursive=recursive)
        if not isinstance(data, list):
            raise PermanentApiError(
                "Zetkin's answer was malformed (expected a list)",
                where=f"Zetkin GET {family_of(self.org_path(suffix))}",
            )
        return list(data)
