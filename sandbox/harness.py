"""Test harness shared by both stand-ins: request log, counters, latency and fault injection.

A stand-in is a plain WSGI app; :class:`Harness` wraps it and serves a small control API under
``/_control/`` (reset, seed, faults, request log, counters, latency) so tests and benchmarks can
drive either stand-in the same way, over HTTP, with :class:`sandbox.control.ControlClient`.

Faults (``POST /_control/faults``, JSON body):
  ``{"status": 429, "retry_after": 1, "times": 2, "method": "GET", "path": "regex"}``
      answer with that status (and the stand-in's own error body) instead of the real response;
  ``{"kind": "drop", ...}``  apply the request, then drop the connection without answering;
  ``{"kind": "delay", "delay_ms": 500, ...}``  answer late.
``times`` omitted or ``null`` means forever. Faults are checked in the order they were added.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["ControlHandler", "Fault", "Harness", "RequestRecord"]

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]
# Builds the stand-in's own error body for an injected status: (content type, body bytes).
ErrorBody = Callable[[int], tuple[str, bytes]]
# The stand-in's own control verbs: name -> handler(json body) -> json-able answer.
ControlHandler = Callable[[Any], Any]


@dataclass
class Fault:
    """One injected fault; see the module docstring for the JSON form."""

    kind: str = "status"  # status | drop | delay
    status: int = 500
    retry_after: float | None = None
    times: int | None = None
    method: str | None = None
    path: str | None = None
    delay_ms: int = 0
    fired: int = 0

    def matches(self, method: str, path: str) -> bool:
        if self.times is not None and self.fired >= self.times:
            return False
        if self.method and self.method.upper() != method.upper():
            return False
        return not (self.path and not re.search(self.path, path))


@dataclass
class RequestRecord:
    """What the log keeps of a request: never its body (it may hold personal data)."""

    method: str
    path: str
    query: str
    status: int
    route: str
    at: float
    fault: str | None = None


@dataclass
class _State:
    faults: list[Fault] = field(default_factory=list)
    log: list[RequestRecord] = field(default_factory=list)
    latency_ms: int = 0


class _Dropped(ConnectionResetError):
    """Raised after closing the socket; the server treats it as a dropped connection."""


class Harness:
    """Wrap ``app``; ``route_of(environ)`` may label requests (the app can also set
    ``environ["sandbox.route"]``), ``error_body`` renders injected errors in the vendor's format,
    ``controls`` adds stand-in specific control verbs (e.g. ``reset``, ``seed``)."""

    def __init__(
        self,
        app: WSGIApp,
        *,
        error_body: ErrorBody,
        controls: dict[str, ControlHandler] | None = None,
    ) -> None:
        self.app = app
        self.error_body = error_body
        self.controls = dict(controls or {})
        self._state = _State()
        self._lock = threading.Lock()

    # -- what tests read ------------------------------------------------------------------
    def records(self) -> list[RequestRecord]:
        with self._lock:
            return list(self._state.log)

    def counters(self) -> dict[str, Any]:
        records = self.records()
        return {
            "total": len(records),
            "by_method": dict(Counter(r.method for r in records)),
            "by_route": dict(Counter(r.route for r in records)),
            "by_status": {str(k): v for k, v in Counter(r.status for r in records).items()},
        }

    def add_fault(self, fault: Fault) -> None:
        with self._lock:
            self._state.faults.append(fault)

    def clear(self) -> None:
        with self._lock:
            self._state = _State()

    # -- WSGI -----------------------------------------------------------------------------
    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path.startswith("/_control/"):
            return self._control(environ, start_response, path[len("/_control/") :])
        method = environ.get("REQUEST_METHOD", "GET")
        fault = self._take_fault(method, path)
        latency = self._state.latency_ms + (
            fault.delay_ms if fault and fault.kind == "delay" else 0
        )
        if latency:
            time.sleep(latency / 1000)
        status_box: list[int] = [0]

        def recording_start(status: str, headers: list[tuple[str, str]], *a: Any) -> Any:
            status_box[0] = int(status.split(" ", 1)[0])
            return start_response(status, headers, *a)

        try:
            if fault and fault.kind == "status":
                return self._fault_response(fault, recording_start)
            body = b"".join(self.app(environ, recording_start))
            if fault and fault.kind == "drop":
                sock = environ.get("werkzeug.socket")
                if isinstance(sock, socket.socket):
                    sock.shutdown(socket.SHUT_RDWR)
                raise _Dropped("connection dropped by an injected fault")
            return [body]
        finally:
            self._record(environ, status_box[0], fault)

    def _take_fault(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for fault in self._state.faults:
                if fault.matches(method, path):
                    fault.fired += 1
                    return fault
        return None

    def _fault_response(self, fault: Fault, start_response: StartResponse) -> list[bytes]:
        content_type, body = self.error_body(fault.status)
        headers = [("Content-Type", content_type), ("Content-Length", str(len(body)))]
        if fault.retry_after is not None:
            headers.append(("Retry-After", f"{fault.retry_after:g}"))
        reason = {429: "Too Many Requests", 500: "Internal Server Error", 503: "Unavailable"}
        start_response(f"{fault.status} {reason.get(fault.status, 'Error')}", headers)
        return [body]

    def _record(self, environ: dict[str, Any], status: int, fault: Fault | None) -> None:
        record = RequestRecord(
            method=environ.get("REQUEST_METHOD", "GET"),
            path=environ.get("PATH_INFO", ""),
            query=environ.get("QUERY_STRING", ""),
            status=status,
            route=str(environ.get("sandbox.route", "")),
            at=time.time(),
            fault=fault.kind if fault else None,
        )
        with self._lock:
            self._state.log.append(record)

    # -- control API ----------------------------------------------------------------------
    def _control(
        self, environ: dict[str, Any], start_response: StartResponse, verb: str
    ) -> list[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        length = int(environ.get("CONTENT_LENGTH") or 0)
        raw = environ["wsgi.input"].read(length) if length else b""
        try:
            payload = json.loads(raw) if raw else {}
            answer = self._dispatch(method, verb, payload)
            status = "200 OK"
        except KeyError as exc:
            answer, status = {"error": f"unknown control verb {exc}"}, "404 Not Found"
        except (TypeError, ValueError) as exc:
            answer, status = {"error": str(exc)}, "400 Bad Request"
        body = json.dumps(answer).encode()
        start_response(status, [("Content-Type", "application/json")])
        return [body]

    def _dispatch(self, method: str, verb: str, payload: Any) -> Any:
        if verb == "faults" and method == "POST":
            self.add_fault(Fault(**payload))
            return {"ok": True}
        if verb == "faults" and method == "DELETE":
            with self._lock:
                self._state.faults.clear()
            return {"ok": True}
        if verb == "requests" and method == "GET":
            return {"requests": [asdict(r) for r in self.records()]}
        if verb == "requests" and method == "DELETE":
            with self._lock:
                self._state.log.clear()
            return {"ok": True}
        if verb == "counters":
            return self.counters()
        if verb == "latency" and method == "POST":
            with self._lock:
                self._state.latency_ms = int(payload.get("ms", 0))
            return {"ok": True}
        if verb == "reset" and method == "POST":
            self.clear()
            handler = self.controls.get("reset")
            return handler(payload) if handler else {"ok": True}
        return self.controls[verb](payload)
