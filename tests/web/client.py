"""A small HTTP client that keeps its session cookie, reads forms' CSRF tokens and can send from
another loopback address (127.0.0.2 …) so the per-client rate limit can be told from the per-address one."""

from __future__ import annotations

import http.client
import re
from dataclasses import dataclass, field
from email.message import Message
from urllib.parse import urlencode, urlsplit


@dataclass
class Reply:
    status: int
    headers: Message
    text: str

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")


@dataclass
class Client:
    base: str
    source: str = "127.0.0.1"
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> Reply:
        parts = urlsplit(self.base)
        connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=60,
                                                source_address=(self.source, 0))
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        body = None
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            reply = Reply(response.status, response.headers, response.read().decode("utf-8"))
        finally:
            connection.close()
        for cookie in reply.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            value = rest.split(";", 1)[0]
            if value in ("", "null") or "max-age=0" in cookie.lower() or "expires=thu, 01 jan 1970" in cookie.lower():
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return reply

    def get(self, path: str) -> Reply:
        return self.request("GET", path)

    def post(self, path: str, form: dict[str, str]) -> Reply:
        return self.request("POST", path, form)

    def csrf(self, path: str = "/login") -> str:
        """The CSRF token of the first form on a page (the session cookie comes with it)."""
        page = self.get(path)
        found = re.search(r'name="csrf" value="([^"]+)"', page.text)
        assert found, f"no CSRF field on {path} ({page.status})"
        return found.group(1)

    def sign_in(self, email: str, password: str) -> Reply:
        return self.post("/login", {"csrf": self.csrf(), "email": email, "password": password, "next": "/events"})
