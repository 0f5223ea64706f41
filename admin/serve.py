"""Serving the admin with waitress, and its access log: method, path and status only.

The query string is never logged (a search or a filter could name a person), nor the client's
address.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from typing import Any

__all__ = ["AccessLog", "Served", "serve", "serve_in_thread"]

access_log = logging.getLogger("bridge.admin.access")

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class AccessLog:
    """WSGI middleware: one line per request, ``GET /errors 200``, without the query."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        def logged(status: str, headers: Any, exc_info: Any = None) -> Any:
            path = environ.get("PATH_INFO", "")
            access_log.info("%s %s %s", environ.get("REQUEST_METHOD", "?"), path, status[:3])
            return start_response(status, headers, exc_info)

        return self.app(environ, logged)


def serve(app: Any, host: str, port: int) -> None:
    """Serve until stopped (Ctrl-C), with a few threads: the admin has few users."""
    import waitress

    waitress.serve(AccessLog(app), host=host, port=port, threads=4, ident="bridge")


class Served:
    """A server running in a background thread (the demo, the browser tests)."""

    def __init__(self, server: Any, thread: threading.Thread) -> None:
        self.server, self.thread = server, thread

    @property
    def url(self) -> str:
        host, port = self.server.effective_host, self.server.effective_port
        return f"http://{host}:{port}"

    def stop(self) -> None:
        self.server.close()
        self.thread.join(timeout=5)


def serve_in_thread(app: Any, host: str = "127.0.0.1", port: int = 0) -> Served:
    from waitress.server import create_server

    server = create_server(AccessLog(app), host=host, port=port, threads=4, ident="bridge")
    thread = threading.Thread(target=server.run, name="bridge-admin", daemon=True)
    thread.start()
    return Served(server, thread)
