"""Client for the stand-ins' control API (see :mod:`sandbox.harness`), for tests and benches."""

from __future__ import annotations

from typing import Any

import requests

__all__ = ["ControlClient"]


class ControlClient:
    """Drive one stand-in's ``/_control/`` endpoints over real HTTP."""

    def __init__(self, base_url: str, session: requests.Session | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.session = session or requests.Session()
        self.session.trust_env = False

    def _call(self, method: str, verb: str, payload: Any = None) -> Any:
        response = self.session.request(
            method, f"{self.base_url}/_control/{verb}", json=payload, timeout=30
        )
        response.raise_for_status()
        return response.json()

    def reset(self, **payload: Any) -> Any:
        return self._call("POST", "reset", payload)

    def call(self, verb: str, payload: Any = None) -> Any:
        """A stand-in specific verb, e.g. ``seed``."""
        return self._call("POST", verb, payload)

    def inject(
        self,
        status: int = 500,
        *,
        kind: str = "status",
        times: int | None = None,
        retry_after: float | None = None,
        method: str | None = None,
        path: str | None = None,
        delay_ms: int = 0,
    ) -> None:
        self._call(
            "POST",
            "faults",
            {
                "kind": kind,
                "status": status,
                "times": times,
                "retry_after": retry_after,
                "method": method,
                "path": path,
                "delay_ms": delay_ms,
            },
        )

    def clear_faults(self) -> None:
        self._call("DELETE", "faults")

    def requests(self) -> list[dict[str, Any]]:
        return list(self._call("GET", "requests")["requests"])

    def clear_log(self) -> None:
        self._call("DELETE", "requests")

    def counters(self) -> dict[str, Any]:
        return dict(self._call("GET", "counters"))

    def set_latency(self, ms: int) -> None:
        self._call("POST", "latency", {"ms": ms})
