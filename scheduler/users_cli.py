"""`coopwatch users add|role|list|remove`: the accounts that sign in to the web view.

Every change is an audit record (shown by `coopwatch corrections list`); a removed account keeps its row.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from scheduler.common import UsageError, session_factory
from scheduler.config import Settings
from scheduler.corrections_cli import who_flags, who_of
from scheduler.output import render
from storage.models import User
from storage.users import ROLES, UserError, UserRepository, check_role

ROLE_HELP = f"one of {', '.join(ROLES)}: an analyst corrects events; a reader reads a private view"


def add_parser(sub: Any) -> None:
    """Register `users` on the `coopwatch` parser."""
    users = sub.add_parser("users", help="the web view's accounts: add, change the role of, list, remove")
    actions = users.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="add an account, or bring a removed one back; the password is asked"
                                         " for (never echoed)")
    add.add_argument("email")
    add.add_argument("--role", required=True, help=ROLE_HELP)
    add.add_argument("--password-file", metavar="PATH",
                     help="read the password from the first line of this file ('-': standard input)")
    role = actions.add_parser("role", help="give an account another role")
    role.add_argument("email")
    role.add_argument("--role", required=True, help=ROLE_HELP)
    listing = actions.add_parser("list", help="the accounts, removed ones too, by email")
    listing.add_argument("--format", choices=["table", "json"], default="table")
    remove = actions.add_parser("remove", help="remove an account: it cannot sign in, its sessions end, "
                                               "its corrections stay by its email")
    remove.add_argument("email")
    for action in (add, role, remove):
        who_flags(action, why_required=False)


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
    try:
        line = _list(args, settings) if args.action == "list" else _change(args, settings)
    except UserError as exc:
        raise UsageError(f"users {args.action}: {exc}") from None
    print(line)
    return 0


def _change(args: argparse.Namespace, settings: Settings) -> str:
    who = who_of(args, settings)
    if args.action != "remove":
        check_role(args.role)  # before the password is asked for
    password = _password(args) if args.action == "add" else ""
    with session_factory(settings).begin() as session:
        users = UserRepository(session)
        if args.action == "add":
            change = users.add(args.email, args.role, password, who)
            done = "added again" if change.action == "reactivate" else "added"
            return f"user {change.email} {done} ({args.role})"
        if args.action == "role":
            change = users.set_role(args.email, args.role, who)
            return f"user {change.email} is now {args.role} (was {change.before['role']})"
        return f"user {users.remove(args.email, who).email} removed"


def _list(args: argparse.Namespace, settings: Settings) -> str:
    with session_factory(settings)() as session:
        records = [_user_record(u) for u in UserRepository(session).list()]
    return render(records, args.format, ["email", "role", "created_at", "removed_at"])


def _user_record(user: User) -> dict[str, Any]:
    removed = user.removed_at.isoformat(timespec="seconds") if user.removed_at else None
    return {"email": user.email, "role": user.role, "created_at": user.created_at.isoformat(timespec="seconds"),
            "removed_at": removed}
