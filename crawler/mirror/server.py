"""A real HTTP server on 127.0.0.1 serving one mirror site (from memory or from a fixture folder)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Self

from crawler.mirror.sitegen import Site

# A hook may answer a request itself (status, headers, body) or return None to serve the page.
# Two headers are instructions to the server, for fault tests: X-Mirror-Sleep (seconds to wait
# before answering) and X-Mirror-Cut (bytes of the body to send before closing the connection).
Hook = Callable[[str], tuple[int, dict[str, str], bytes] | None]


def load_site(folder: Path) -> Site:
    """Read a mirror written by sitegen.write_sites (urls.json plus files)."""
    index = json.loads((folder / "urls.json").read_text(encoding="utf-8"))
    return {
        path: (entry["content_type"], (folder / entry["file"]).read_text(encoding="utf-8"))
        for path, entry in index.items()
    }


class MirrorServer:
    """Serves a Site on 127.0.0.1:<free port> in a background thread; use as a context manager."""

    def __init__(self, site: Site, host: str = "127.0.0.1", port: int = 0) -> None:
        self.site = site
        self.hook: Hook | None = None
        self.requests: list[str] = []
        handler = _make_handler(self)
        self._httpd = ThreadingHTTPServer((host, port), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def _make_handler(server: MirrorServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            server.requests.append(self.path)
            answer = server.hook(self.path) if server.hook else None
            if answer is None:
                answer = self._page()
            status, headers, body = answer
            headers = dict(headers)
            sleep = float(headers.pop("X-Mirror-Sleep", 0))
            cut = headers.pop("X-Mirror-Cut", None)
            if sleep:
                time.sleep(sleep)
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if cut is not None:
                self.wfile.write(body[: int(cut)])
                self.wfile.flush()
                self.close_connection = True
                return
            self.wfile.write(body)

        def _page(self) -> tuple[int, dict[str, str], bytes]:
            page = server.site.get(self.path)
            if page is None:
                return 404, {"Content-Type": "text/html; charset=utf-8"}, b"<h1>404</h1>"
            ctype, text = page
            base = f"http://{self.headers.get('Host', f'127.0.0.1:{server.port}')}"
            return 200, {"Content-Type": ctype}, text.replace("{{BASE}}", base).encode("utf-8")

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler
