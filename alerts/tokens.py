"""Unsubscribe tokens: an HMAC of the subscriber, so links can be neither guessed nor enumerated."""

from __future__ import annotations

import base64
import hashlib
import hmac

_MAC_BYTES = 18  # 144 bits: far beyond guessing, short enough for a mail header


def _mac(subscriber_id: int, email: str, secret: str) -> str:
    message = f"unsubscribe\0{subscriber_id}\0{email.strip().lower()}".encode()
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()[:_MAC_BYTES]
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def unsubscribe_token(subscriber_id: int, email: str, secret: str) -> str:
    """The token of one subscriber's unsubscribe link: `<id>.<mac>`."""
    return f"{subscriber_id}.{_mac(subscriber_id, email, secret)}"


def token_subscriber_id(token: str) -> int | None:
    """The subscriber id a well-formed token names (not yet verified), or None."""
    number, dot, mac = token.partition(".")
    if not dot or not number.isascii() or not number.isdigit() or len(number) > 12 or not mac:
        return None
    return int(number)


def token_matches(token: str, subscriber_id: int, email: str, secret: str) -> bool:
    """Whether the token is this subscriber's, compared in constant time."""
    return bool(secret) and hmac.compare_digest(token, unsubscribe_token(subscriber_id, email, secret))
