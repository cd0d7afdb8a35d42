"""A real SMTP server (aiosmtpd) on 127.0.0.1 whose behaviour a test can switch."""

from __future__ import annotations

import asyncio
import socket
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class SmtpBehaviour:
    """mode: accept | 421 | 451 | 554 | slow (accepts after `delay` s) | drop (closes during DATA)."""

    def __init__(self) -> None:
        self.mode = "accept"
        self.delay = 0.0
        self.messages: list[EmailMessage] = []
        self.password = "s3cret-pw"
        self.data_started = 0  # DATA commands seen, accepted or not

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if self.mode == "421":
            return "421 4.3.2 service not available, closing"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.data_started += 1
        if self.mode == "451":
            return "451 4.3.0 try again later"
        if self.mode == "554":
            return "554 5.7.1 rejected"
        if self.mode == "drop":
            server.transport.close()
            return "421 closing"
        if self.mode == "slow":
            await asyncio.sleep(self.delay)
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))  # type: ignore[arg-type]
        return "250 2.0.0 queued"

    def authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        ok = isinstance(data, LoginPassword) and data.password.decode() == self.password
        return AuthResult(success=ok, handled=False)


class SmtpServer:
    def __init__(self, auth: bool = False) -> None:
        self.behaviour = SmtpBehaviour()
        self.port = free_port()
        kwargs: dict[str, Any] = {}
        if auth:
            kwargs = {"authenticator": self.behaviour.authenticate, "auth_require_tls": False, "auth_required": True}
        self.controller = Controller(self.behaviour, hostname="127.0.0.1", port=self.port, **kwargs)

    @property
    def messages(self) -> list[EmailMessage]:
        return self.behaviour.messages

    def start(self) -> SmtpServer:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()
