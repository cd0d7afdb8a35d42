"""The correction commands: `coopwatch events edit|hide|merge|split|add` and `coopwatch corrections`."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import heapq
import json
import sys
from typing import Any

from sqlalchemy.orm import Session

from scheduler.common import UsageError, session_factory
from scheduler.config import Settings
from scheduler.output import render
from storage import correction_values as read
from storage.correction_log import CorrectionLog, Who, gold_records, parties_not_in_text
from storage.correction_values import describe
from storage.corrections import EVENT_TYPES, CorrectionError
from storage.models import AccountChange, Article, Correction
from storage.repository import ArticleRepository
from storage.users import UserRepository


def add_parsers(sub: Any) -> None:
    """Register `events` and `corrections` on the `coopwatch` parser."""
    events = sub.add_parser("events", help="correct the events: edit, hide, merge, split, add")
    actions = events.add_subparsers(dest="action", required=True)
    edit = actions.add_parser("edit", help="change an event's type, date, place or parties")
    edit.add_argument("id")
    _value_flags(edit)
    hide = actions.add_parser("hide", help="hide an event that is not a cooperation event")
    hide.add_argument("id")
    merge = actions.add_parser("merge", help="OTHER is the same signing as ID: show them as one")
    merge.add_argument("id")
    merge.add_argument("other")
    split = actions.add_parser("split", help="part of ID is another signing: make it an event of its own")
    split.add_argument("id")
    _value_flags(split)
    add = actions.add_parser("add", help="add an event the parser missed to an article")
    add.add_argument("--article", required=True, metavar="URL-or-ID")
    _value_flags(add)
    for action in (edit, hide, merge, split, add):
        who_flags(action, why_required=action is hide)

    corrections = sub.add_parser("corrections", help="the corrections made, undo one, conflicts, export")
    corrections.add_argument("--conflicts", action="store_true",
                             help="where the parser's new output disagrees with a correction (it wins)")
    corrections.add_argument("--format", choices=["table", "json", "gold"], default="table")
    what = corrections.add_subparsers(dest="action")
    listing = what.add_parser("list", help="every correction and undo, oldest first (the audit list)")
    listing.add_argument("--format", choices=["table", "json"], default=argparse.SUPPRESS)
    undo = what.add_parser("undo", help="undo a correction (recorded as a correction too)")
    undo.add_argument("id")
    who_flags(undo, why_required=False)
    export = what.add_parser("export", help="the corrected articles as annotated JSON lines (--format gold)")
    export.add_argument("--format", dest="export_format", choices=["gold"], default="gold")


def _value_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--type", help=f"one of {', '.join(EVENT_TYPES)}")
    parser.add_argument("--date", help="YYYY-MM-DD, or 'none'")
    parser.add_argument("--place", help="the place, or 'none'")
    parser.add_argument("--vn-party", action="append", default=[], metavar="NAME",
                        help="a Vietnamese party (known name or acronym, or a new one); repeat for several")
    parser.add_argument("--kr-party", action="append", default=[], metavar="NAME", help="a Korean party")


def who_flags(parser: argparse.ArgumentParser, *, why_required: bool) -> None:
    parser.add_argument("--why", required=why_required, default="", help="the reason, kept with the correction")
    parser.add_argument("--by", metavar="EMAIL", help="who corrects (default: COOPWATCH_ANALYST, or the OS user)")


def who_of(args: argparse.Namespace, settings: Settings) -> Who:
    by = (args.by or settings.analyst or getpass.getuser()).strip()
    if not by:
        raise UsageError("--by: who makes the correction? (an email, or set COOPWATCH_ANALYST)")
    return Who(by=by, at=dt.datetime.now(dt.UTC), why=args.why)


def id_argument(command: str, value: str, kind: str) -> int:
    """The id of an event or party given as ID or KIND:ID; anything else is one usage line."""
    number = read.record_id(value, kind)
    if number is None:
        article = "an" if kind[0] in "aeiou" else "a"
        raise UsageError(f"{command}: expected {article} {kind} id (ID or {kind}:ID), got {value!r}")
    return number


def _event_id(command: str, value: str) -> int:
    return id_argument(command, value, "event")


def _values(args: argparse.Namespace, log: CorrectionLog) -> dict[str, Any]:
    """The fields given on the command line, checked and resolved (parties by name or acronym)."""
    values: dict[str, Any] = {}
    for flag, name, parse in (("type", "type", read.event_type), ("date", "date", read.event_date),
                              ("place", "location", read.place)):
        given = getattr(args, flag)
        if given is not None:
            try:
                values[name] = parse(given)
            except CorrectionError as exc:
                raise UsageError(f"--{flag}: {exc}") from None
    for flag, name, country in (("vn_party", "vn_parties", "VN"), ("kr_party", "kr_parties", "KR")):
        names: list[str] = getattr(args, flag)
        if names:
            values[name] = read.parties(log, country, names)
    return values


def cmd_events(args: argparse.Namespace, settings: Settings) -> int:
    who = who_of(args, settings)
    try:
        with session_factory(settings).begin() as session:
            log = CorrectionLog(session)
            made = _event_action(args, log, session, who)
            lines = [describe(c) for c in made]
    except CorrectionError as exc:
        raise UsageError(f"events {args.action}: {exc}") from None
    print("\n".join(lines))
    return 0


def _event_action(args: argparse.Namespace, log: CorrectionLog, session: Session, who: Who) -> list[Correction]:
    command = f"events {args.action}"
    if args.action == "hide":
        return [log.hide(_event_id(command, args.id), who)]
    if args.action == "merge":
        return [log.merge(_event_id(command, args.id), _event_id(command, args.other), who)]
    if args.action == "add":
        return [log.add(_article(session, args.article), _values(args, log), who)]
    if args.action == "split":
        return [log.split(_event_id(command, args.id), _values(args, log), who)]
    values = _values(args, log)
    if not values:
        raise UsageError("events edit: nothing to change (give --type, --date, --place, --vn-party or --kr-party)")
    return log.edit(_event_id(command, args.id), values, who)


def _article(session: Session, value: str) -> Article:
    number = value.removeprefix("article:")
    articles = ArticleRepository(session)
    article = articles.by_id(int(number)) if number.isascii() and number.isdigit() else articles.by_url(value)
    if article is None:
        raise UsageError(f"events add: no stored article {value!r} (give its id or its URL)")
    return article


def _check_conflicts_flag(args: argparse.Namespace) -> None:
    """--conflicts is a listing of its own: with an action or the gold format it would be ignored."""
    if not args.conflicts:
        return
    if args.action in ("undo", "export"):
        raise UsageError(f"corrections --conflicts: not with {args.action} (it lists the conflicts)")
    if args.format == "gold":
        raise UsageError("corrections --conflicts: --format table or json (the gold file is `corrections export`)")


def cmd_corrections(args: argparse.Namespace, settings: Settings) -> int:
    _check_conflicts_flag(args)
    if args.action == "undo":
        return _undo(args, settings)
    with session_factory(settings)() as session:
        log = CorrectionLog(session)
        if args.action == "export" or args.format == "gold":
            for record in gold_records(session):
                print(json.dumps(record, ensure_ascii=False))
                for name in parties_not_in_text(record):
                    print(f"coopwatch: warning: corrections export: {record['id']}: party {name!r} is in neither"
                          " its title nor its text", file=sys.stderr)
            return 0
        if args.conflicts:
            records = [{"id": c.id, "correction": c.correction_id, "article": c.article_id,
                        "found_at": c.found_at.isoformat(), "detail": c.detail,
                        "parser_value": c.parser_value} for c in log.conflicts()]
            columns = ["id", "correction", "article", "found_at", "detail"]
        else:
            records = _audit_list(session, log)
            columns = ["id", "at", "by", "kind", "event", "account", "field", "before", "after", "why", "undone_by"]
    print(render(records, args.format, columns))
    return 0


def _audit_list(session: Session, log: CorrectionLog) -> list[dict[str, Any]]:
    """The corrections and the changes of accounts, oldest first."""
    corrections = [(line.correction.at, _audit_record(line.correction, line.undone_by)) for line in log.audit()]
    accounts = [(change.at, _account_record(change)) for change in UserRepository(session).changes()]
    return [record for _, record in heapq.merge(corrections, accounts, key=lambda pair: pair[0])]


def _account_record(change: AccountChange) -> dict[str, Any]:
    """An account's change in the audit list's shape: `kind` user_add, user_role, user_remove or
    user_reactivate, `account` its email, `before` and `after` its role and whether it is active;
    no id, since it is not a correction (nothing undoes it but another change)."""
    changed = [name for name in change.after if change.before is not None and change.before[name] != change.after[name]]
    return {"id": None, "at": change.at.isoformat(timespec="seconds"), "by": change.by, "kind": f"user_{change.action}",
            "event": None, "other_event": None, "party": None, "account": change.email,
            "field": ", ".join(changed) or None, "before": change.before, "after": change.after,
            "why": change.why, "undoes": None, "undone_by": None}


def _audit_record(c: Correction, undone_by: int | None) -> dict[str, Any]:
    party = c.after["party"]["id"] if c.kind.startswith("org_") else None
    return {"id": c.id, "at": c.at.isoformat(timespec="seconds"), "by": c.by, "kind": c.kind,
            "event": c.event_id, "other_event": c.other_event_id, "party": party, "account": None, "field": c.field,
            "before": c.before, "after": c.after,
            "why": c.why, "undoes": c.undoes_id, "undone_by": undone_by}


def _undo(args: argparse.Namespace, settings: Settings) -> int:
    number = read.record_id(args.id, "correction")
    if number is None:
        raise UsageError(f"corrections undo: expected a correction id, got {args.id!r}")
    who = who_of(args, settings)
    try:
        with session_factory(settings).begin() as session:
            line = describe(CorrectionLog(session).undo(number, who))
    except CorrectionError as exc:
        raise UsageError(f"corrections undo: {exc}") from None
    print(line)
    return 0
