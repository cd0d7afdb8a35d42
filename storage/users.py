"""Web accounts: adding, listing and removing them, checking a password, and counting failed sign-ins.

Passwords are hashed with Argon2id (argon2-cffi's defaults, RFC 9106's second recommended set);
a hash made with older parameters is replaced on the next good sign-in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from storage.models import LoginFailure, User

ROLES = ("analyst", "reader")  # an analyst corrects; a reader only reads a private web view
MIN_PASSWORD = 10
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_HASHER = PasswordHasher()


@cache
def _nobody() -> str:
    """Checked against when the address is unknown, so it takes as long as a wrong password."""
    return _HASHER.hash("no such user, no such password")


class UserError(ValueError):
    """An account that cannot be added or removed; one line for the user."""


def normal_email(email: str) -> str:
    return email.strip().lower()


class UserRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def by_email(self, email: str) -> User | None:
        return self.session.scalars(select(User).where(User.email == normal_email(email))).first()

    def list(self) -> Sequence[User]:
        return self.session.scalars(select(User).order_by(User.email)).all()

    def add(self, email: str, role: str, password: str, now: dt.datetime) -> User:
        email = normal_email(email)
        if not EMAIL.match(email):
            raise UserError(f"not an email address: {email!r}")
        if role not in ROLES:
            raise UserError(f"unknown role {role!r} (one of {', '.join(ROLES)})")
        if len(password) < MIN_PASSWORD:
            raise UserError(f"the password must have at least {MIN_PASSWORD} characters")
        if self.by_email(email) is not None:
            raise UserError(f"there is already a user {email}")
        user = User(email=email, role=role, password_hash=_HASHER.hash(password), created_at=now)
        self.session.add(user)
        self.session.flush()
        return user

    def remove(self, email: str) -> User:
        user = self.by_email(email)
        if user is None:
            raise UserError(f"no user {normal_email(email)}")
        self.session.delete(user)
        self.session.flush()
        return user

    def authenticate(self, email: str, password: str) -> User | None:
        """The user if the password is theirs, else None (the same time either way)."""
        user = self.by_email(email)
        try:
            _HASHER.verify(user.password_hash if user else _nobody(), password)
        except (VerificationError, InvalidHashError):
            return None
        if user is None:
            return None
        if _HASHER.check_needs_rehash(user.password_hash):
            user.password_hash = _HASHER.hash(password)
        return user

    def record_failure(self, email: str, client: str, now: dt.datetime) -> None:
        self.session.add(LoginFailure(email=normal_email(email)[:320], client=client[:64], at=now))
        self.session.flush()

    def recent_failures(self, email: str, client: str, since: dt.datetime) -> int:
        """The failed sign-ins since then for this address or from this client, whichever is more."""
        rows = self.session.execute(
            select(LoginFailure.email, LoginFailure.client, func.count())
            .where(LoginFailure.at >= since,
                   or_(LoginFailure.email == normal_email(email), LoginFailure.client == client))
            .group_by(LoginFailure.email, LoginFailure.client)
        ).all()
        by_email = sum(n for e, _, n in rows if e == normal_email(email))
        by_client = sum(n for _, c, n in rows if c == client)
        return max(by_email, by_client)
