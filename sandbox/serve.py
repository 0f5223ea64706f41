"""Run a WSGI app on a loopback port in a background thread.

Both stand-ins (Zetkin and Google Sheets) are plain WSGI apps; this is the one place that
turns such an app into a real HTTP server, for the sandbox command, the demo and the tests.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

__all__ = ["ServedApp"]


class _QuietHandler(WSGIRequestHandler):
    """No per-request access log: request lines can carry personal data in query strings."""

    def log_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class ServedApp:
    """A WSGI app served on 127.0.0.1 (port 0 picks a free one) until :meth:`stop`."""

    def __init__(self, app: Callable[..., Any], host: str = "127.0.0.1", port: int = 0) -> None:
        self.server: BaseWSGIServer = make_server(
            host, port, app, threaded=True, request_handler=_QuietHandler
        )
        self.host = host
        self.port = self.server.server_port
        self._thread = threading.Thread(
            target=self.server.serve_forever, name=f"sandbox-{self.port}", daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> ServedApp:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> ServedApp:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
