"""A stateful local stand-in for the Zetkin Platform API (v1 and the v2 canvassing API).

It speaks the wire formats of ``reference/zetkin-api.md`` (envelopes, paging, filters, error
titles, OAuth) so the real client runs against it unchanged, and is wrapped in
:class:`sandbox.harness.Harness` for fault injection, the request log and counters.

Control verbs (``ControlClient.call(verb, payload)``): ``reset`` (back to the start seed),
``seed`` (``"empty"``, ``"demo"`` or ``{"seed": n, "size": m}``), ``expire_tokens``, ``token``
(mint a bearer token, ``{"lifetime": seconds|null, "level": 1|2}``), ``token_lifetime``
(``{"seconds"}``), ``state`` (a small summary for assertions), ``raw`` (store a person or an
applied tag as given, bypassing validation, for bad-input tests), ``account`` (``{"role":
"admin"|"organizer"|null, "enforce_level2": bool}``), ``short_pull`` (``{"by": n}``: the people
list and view rows leave out their last n people, for "a pull cut short"), ``malform``
(``{"route": name, "data": value}``: that route answers ``{"data": value}``), ``bulk_pending``
(``{"polls": n}``: bulk jobs stay unfinished for n reads of ``GET bulk``), ``api_key``.

Auth as the real service: the code flow and the API-key grant (``grant_type=urn:ietf:params:
oauth:grant-type:jwt-bearer``, ``assertion`` = :attr:`ZetkinStandin.api_key`, HTTP Basic)
mint level-2 tokens only when ``scope=level2`` is asked for; a level-1 token may read but its
organiser writes get 403 (``enforce_level2=False`` or the ``account`` verb keeps the old
lenient way). :attr:`ZetkinStandin.level1_api_key` is a key of an account without two-factor
login: its grant gives level 1 whatever scope is asked for. The printed
:attr:`ZetkinStandin.token` is level 2.

Usage::

    with ZetkinStandin(seed="demo") as zetkin:
        requests.get(f"{zetkin.url}/v1/orgs/{zetkin.org_id}/people",
                     headers={"Authorization": f"Bearer {zetkin.token}"})
"""

from __future__ import annotations

from typing import Any

from sandbox.control import ControlClient
from sandbox.serve import ServedApp
from sandbox.zetkin.app import ZetkinApp, build_harness, error_body

__all__ = ["ZetkinApp", "ZetkinStandin", "build_harness", "error_body"]


class ZetkinStandin:
    """The stand-in served on a loopback port.

    ``seed``: ``"demo"`` (the fictional branch from ``seed_number`` and ``size``) or
    ``"empty"``; ``token_lifetime``: seconds an OAuth access token lives. :attr:`token` never
    expires on its own (only ``expire_tokens`` ends it; ``reset`` revives it).
    """

    def __init__(
        self,
        seed: str = "demo",
        seed_number: int = 1,
        size: int = 300,
        token_lifetime: float = 3600.0,
        port: int = 0,
        enforce_level2: bool = True,
    ) -> None:
        self.app = ZetkinApp(seed, seed_number, size, token_lifetime, enforce_level2)
        self.harness = build_harness(self.app)
        self.served = ServedApp(self.harness, port=port)
        self._control: ControlClient | None = None

    @property
    def url(self) -> str:
        return self.served.url

    @property
    def org_id(self) -> int:
        return self.app.store.org_id

    @property
    def token(self) -> str:
        return self.app.store.static_token

    @property
    def api_key(self) -> str:
        """The API key the jwt-bearer grant accepts (as ``assertion``)."""
        return self.app.store.api_key

    @property
    def level1_api_key(self) -> str:
        """An API key of an account without two-factor login: its tokens are level 1."""
        return self.app.store.level1_api_key

    @property
    def client_id(self) -> str:
        return self.app.store.client_id

    @property
    def client_secret(self) -> str:
        return self.app.store.client_secret

    @property
    def control(self) -> ControlClient:
        if self._control is None:
            self._control = ControlClient(self.url)
        return self._control

    @property
    def state(self) -> dict[str, Any]:
        """A small summary (counts of people, tags, submissions, ...) read in-process."""
        return self.app.summary()

    def start(self) -> ZetkinStandin:
        self.served.start()
        return self

    def stop(self) -> None:
        self.served.stop()
        if self._control is not None:
            self._control.session.close()

    def __enter__(self) -> ZetkinStandin:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
