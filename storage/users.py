"""Web accounts: adding, changing the role of, removing and listing them, checking a password and
a session, and counting failed sign-ins.

Every change of an account is an `AccountChange` record (who, when, the role and state before and
after), and removing an account marks it removed instead of deleting it: its corrections keep its
email, and adding the address again brings the account back, with a new password.

Passwords are hashed with Argon2id (argon2-cffi's defaults, RFC 9106's second recommended set);
a hash made with older parameters is replaced on the next good sign-in.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Sequence
from functools import cache
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from storage.correction_log import Who
from storage.models import AccountChange, LoginFailure, User

ROLES = ("analyst", "reader")  # an analyst corrects; a reader only reads a private web view
MIN_PASSWORD = 10
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_HASHER = PasswordHasher()


@cache
def _nobody() -> str:
    """Checked against when the address is unknown, so it takes as long as a wrong password."""
    return _HASHER.hash("no such user, no such password")


class UserError(ValueError):
    """An account that cannot be added, changed or removed; one line for the user."""


def normal_email(email: str) -> str:
    return email.strip().lower()


def check_role(role: str) -> str:
    if role not in ROLES:
        raise UserError(f"unknown role {role!r} (one of {', '.join(ROLES)})")
    return role


def account_state(user: User) -> dict[str, Any]:
    """What an audit record keeps of an account, before and after a change."""
    return {"role": user.role, "active": user.removed_at is None}


class UserRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def account(self, email: str) -> User | None:
        """The account of that address, removed or not."""
        return self.session.scalars(select(User).where(User.email == normal_email(email))).first()

    def by_email(self, email: str) -> User | None:
        """The account of that address if it is not removed: the only ones that sign in."""
        user = self.account(email)
        return user if user is not None and user.removed_at is None else None

    def by_session(self, email: str, key: str) -> User | None:
        """The account a session cookie names, if it is active and the session is of its current key."""
        user = self.by_email(email)
        return user if user is not None and secrets.compare_digest(user.session_key, key) else None

    def list(self) -> Sequence[User]:
        """Every account, removed ones too, by email."""
        return self.session.scalars(select(User).order_by(User.email)).all()

    def changes(self) -> Sequence[AccountChange]:
        """Every change of an account, oldest first (the accounts' audit list)."""
        return self.session.scalars(select(AccountChange).order_by(AccountChange.id)).all()

    def add(self, email: str, role: str, password: str, who: Who) -> AccountChange:
        """A new account, or a removed one of that address active again with this role and password."""
        email = normal_email(email)
        if not EMAIL.match(email):
            raise UserError(f"not an email address: {email!r}")
        check_role(role)
        if len(password) < MIN_PASSWORD:
            raise UserError(f"the password must have at least {MIN_PASSWORD} characters")
        user = self.account(email)
        if user is None:
            user = User(email=email, role=role, password_hash=_HASHER.hash(password), created_at=who.at,
                        session_key=secrets.token_urlsafe(32))
            self.session.add(user)
            return self._record("add", user, None, who)
        if user.removed_at is None:
            raise UserError(f"there is already a user {email}")
        before = account_state(user)
        user.role, user.password_hash, user.removed_at = role, _HASHER.hash(password), None
        user.session_key = secrets.token_urlsafe(32)
        return self._record("reactivate", user, before, who)

    def set_role(self, email: str, role: str, who: Who) -> AccountChange:
        user = self._existing(email)
        if user.removed_at is not None:
            raise UserError(f"user {user.email} is removed (`users add` brings it back)")
        if user.role == check_role(role):
            raise UserError(f"user {user.email} is already {role}: nothing to change")
        before = account_state(user)
        user.role = role
        return self._record("role", user, before, who)

    def remove(self, email: str, who: Who) -> AccountChange:
        """The account can no longer sign in and its sessions end; its row and corrections stay."""
        user = self._existing(email)
        if user.removed_at is not None:
            raise UserError(f"user {user.email} is already removed")
        before = account_state(user)
        user.removed_at = who.at
        user.session_key = secrets.token_urlsafe(32)
        return self._record("remove", user, before, who)

    def _existing(self, email: str) -> User:
        user = self.account(email)
        if user is None:
            raise UserError(f"no user {normal_email(email)}")
        return user

    def _record(self, action: str, user: User, before: dict[str, Any] | None, who: Who) -> AccountChange:
        change = AccountChange(action=action, email=user.email, before=before, after=account_state(user),
                               why=who.why, by=who.by, at=who.at)
        self.session.add(change)
        self.session.flush()
        return change

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
