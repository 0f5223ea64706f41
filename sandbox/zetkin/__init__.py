"""A stateful local stand-in for the Zetkin Platform API (v1 and the v2 canvassing API).

It speaks the wire formats of ``reference/zetkin-api.md`` (envelopes, paging, filters, error
titles, OAuth) so the real client runs against it unchanged, and is wrapped in
:class:`sandbox.harness.Harness` for fault injection, the request log and counters.

Control verbs (``ControlClient.call(verb, payload)``): ``reset`` (back to the start seed),
``seed`` (``"empty"``, ``"demo"`` or ``{"seed": n, "size": m}``), ``expire_tokens``, ``token``
(mint a bearer token, ``{"lifetime": seconds|null}``), ``token_lifetime`` (``{"seconds"}``),
``state`` (a small summary for assertions), ``raw`` (store a person or an applied tag as
given, bypassing validation, for bad-input tests).

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
    ) -> None:
        self.app = ZetkinApp(seed, seed_number, size, token_lifetime)
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
