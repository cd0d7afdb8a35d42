"""`coopwatch users add|list|remove`: the accounts that sign in to the web view."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from pathlib import Path
from typing import Any

from scheduler.common import UsageError, session_factory
from scheduler.config import Settings
from scheduler.output import render
from storage.users import ROLES, UserError, UserRepository


def add_parser(sub: Any) -> None:
    """Register `users` on the `coopwatch` parser."""
    users = sub.add_parser("users", help="the web view's accounts: add, list, remove")
    actions = users.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="add an account; the password is asked for (never echoed)")
    add.add_argument("email")
    add.add_argument("--role", choices=ROLES, required=True, help="analyst: corrects events; reader: reads a private view")
    add.add_argument("--password-file", metavar="PATH",
                     help="read the password from the first line of this file ('-': standard input)")
    listing = actions.add_parser("list", help="the accounts, by email")
    listing.add_argument("--format", choices=["table", "json"], default="table")
    remove = actions.add_parser("remove", help="remove an account (its corrections stay, by its email)")
    remove.add_argument("email")


def _password(args: argparse.Namespace) -> str:
    """From --password-file, from a pipe on standard input, or asked twice on the terminal."""
    source = args.password_file
    if source is None and not sys.stdin.isatty():
        source = "-"
    if source == "-":
        return sys.stdin.readline().rstrip("\r\n")
    if source is not None:
        try:
            lines = Path(source).read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise UsageError(f"users add: --password-file: cannot read {source}: {exc.strerror}") from None
        return lines[0] if lines else ""
    first = getpass.getpass(f"password for {args.email}: ")
    if getpass.getpass("the same again: ") != first:
        raise UsageError("users add: the two passwords differ")
    return first


def cmd_users(args: argparse.Namespace, settings: Settings) -> int:
    factory = session_factory(settings)
    try:
        if args.action == "add":
            password = _password(args)
            with factory.begin() as session:
                user = UserRepository(session).add(args.email, args.role, password, dt.datetime.now(dt.UTC))
                line = f"user {user.email} added ({user.role})"
        elif args.action == "remove":
            with factory.begin() as session:
                line = f"user {UserRepository(session).remove(args.email).email} removed"
        else:
            with factory() as session:
                records = [{"email": u.email, "role": u.role, "created_at": u.created_at.isoformat(timespec="seconds")}
                           for u in UserRepository(session).list()]
            line = render(records, args.format, ["email", "role", "created_at"])
    except UserError as exc:
        raise UsageError(f"users {args.action}: {exc}") from None
    print(line)
    return 0
