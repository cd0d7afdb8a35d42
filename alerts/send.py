"""Sending mail: over SMTP (STARTTLS, TLS or plain, with login) or into an outbox folder."""

from __future__ import annotations

import os
import smtplib
import socket
import ssl
import tempfile
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import getaddresses
from pathlib import Path
from typing import Protocol


class SendError(Exception):
    """Delivery failed. `temporary`: try again later; `uncertain`: the server may have it already."""

    def __init__(self, reason: str, *, temporary: bool, uncertain: bool = False) -> None:
        super().__init__(reason)
        self.temporary = temporary
        self.uncertain = uncertain


class Sender(Protocol):
    def send(self, message: EmailMessage) -> None:
        """Deliver the message or raise SendError."""


def recipients(message: EmailMessage) -> list[str]:
    return [addr for _, addr in getaddresses(message.get_all("To", []) + message.get_all("Cc", [])) if addr]


class OutboxSender:
    """Writes each message as an .eml file: the service works with no mail server configured."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def send(self, message: EmailMessage) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            name = "".join(c if c.isalnum() or c in "-._" else "_" for c in str(message["Message-ID"]).strip("<>"))
            target = self.folder / f"{name}.eml"
            with tempfile.NamedTemporaryFile("wb", dir=self.folder, delete=False, suffix=".tmp") as tmp:
                tmp.write(message.as_bytes(policy=SMTP))
                tmp.flush()
                os.fsync(tmp.fileno())
            os.replace(tmp.name, target)  # a reader never sees half a message
        except OSError as exc:
            raise SendError(f"outbox {self.folder}: {exc.strerror or exc}", temporary=True) from None


class SmtpSender:
    """One SMTP conversation per message; failures are classified so nothing is lost or doubled."""

    def __init__(
        self, host: str, port: int, security: str, user: str, password: str, timeout: float = 30
    ) -> None:
        self.host = host
        self.port = port or {"tls": 465, "starttls": 587}.get(security, 25)
        self.security = security
        self.user = user
        self._password = password  # never logged, never in an error message
        self.timeout = timeout

    def __repr__(self) -> str:
        return f"SmtpSender({self.host}:{self.port}, {self.security}, user={self.user!r})"

    def send(self, message: EmailMessage) -> None:
        try:
            smtp = self._connect()
        except (OSError, smtplib.SMTPException) as exc:
            raise SendError(f"cannot reach {self.host}:{self.port}: {_reason(exc)}", temporary=True) from None
        try:
            self._login(smtp)
            self._envelope(smtp, message)
            self._data(smtp, message)
        finally:
            try:
                smtp.quit()
            except (OSError, smtplib.SMTPException):
                smtp.close()

    def _connect(self) -> smtplib.SMTP:
        context = ssl.create_default_context()
        if self.security == "tls":
            return smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=context)
        smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        smtp.ehlo()
        if self.security == "starttls":
            smtp.starttls(context=context)
            smtp.ehlo()
        return smtp

    def _login(self, smtp: smtplib.SMTP) -> None:
        if not self.user:
            return
        try:
            smtp.login(self.user, self._password)
        except smtplib.SMTPResponseException as exc:
            raise SendError(f"login refused: {exc.smtp_code}", temporary=exc.smtp_code < 500) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise SendError(f"login failed: {_reason(exc)}", temporary=True) from None

    def _envelope(self, smtp: smtplib.SMTP, message: EmailMessage) -> None:
        sender = getaddresses([str(message["From"])])[0][1]
        try:
            code, text = smtp.mail(sender)
            _check(code, text, "MAIL FROM")
            for rcpt in recipients(message):
                code, text = smtp.rcpt(rcpt)
                _check(code, text, f"RCPT TO {rcpt}")
        except SendError:
            raise
        except (OSError, smtplib.SMTPException) as exc:
            raise SendError(f"envelope: {_reason(exc)}", temporary=True) from None

    def _data(self, smtp: smtplib.SMTP, message: EmailMessage) -> None:
        try:
            code, text = smtp.data(message.as_bytes(policy=SMTP))
        except smtplib.SMTPResponseException as exc:
            raise SendError(f"DATA refused: {exc.smtp_code}", temporary=exc.smtp_code < 500) from None
        except (OSError, smtplib.SMTPException) as exc:
            # the server may have taken the message before the line dropped: retry with the same Message-ID
            raise SendError(f"DATA interrupted: {_reason(exc)}", temporary=True, uncertain=True) from None
        _check(code, text, "DATA")


def _check(code: int, text: bytes, step: str) -> None:
    if code >= 400:
        raise SendError(f"{step} refused: {code} {text.decode(errors='replace')[:200]}", temporary=code < 500)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, socket.timeout | TimeoutError):
        return "timed out"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def make_sender(
    *, host: str, port: int, security: str, user: str, password: str, timeout: float, outbox: Path
) -> Sender:
    """SMTP when a host is configured, otherwise the outbox folder."""
    if host:
        return SmtpSender(host, port, security, user, password, timeout)
    return OutboxSender(outbox)
