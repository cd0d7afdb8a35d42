"""`coopwatch parties list|merge|rename`: the organisations, one entry for all their spellings."""

from __future__ import annotations

import argparse
from typing import Any

from scheduler.common import UsageError, session_factory
from scheduler.config import Settings
from scheduler.corrections_cli import id_argument, who_flags, who_of
from scheduler.output import render
from storage import correction_values as read
from storage.correction_log import CorrectionLog
from storage.corrections import CorrectedView, CorrectionError
from storage.organisations import list_organisations


def add_parser(sub: Any) -> None:
    parties = sub.add_parser("parties", help="the organisations: list, merge spellings, rename")
    actions = parties.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="each organisation once, with its other spellings, most events first")
    listing.add_argument("--country", choices=["VN", "KR"])
    listing.add_argument("--name", help="only those with this word or acronym in one of their names")
    listing.add_argument("--format", choices=["table", "json"], default="table")
    merge = actions.add_parser("merge", help="OTHER is another spelling of ID: one organisation, shown as ID")
    merge.add_argument("id")
    merge.add_argument("other")
    rename = actions.add_parser("rename", help="the name everyone reads for an organisation")
    rename.add_argument("id")
    rename.add_argument("name")
    rename.add_argument("--english", metavar="NAME", help="its English name")
    for action in (merge, rename):
        who_flags(action, why_required=False)


def _party_id(command: str, value: str) -> int:
    return id_argument(command, value, "party")


def cmd_parties(args: argparse.Namespace, settings: Settings) -> int:
    if args.action == "list":
        return _list(args, settings)
    command = f"parties {args.action}"
    who = who_of(args, settings)
    try:
        with session_factory(settings).begin() as session:
            log = CorrectionLog(session)
            if args.action == "merge":
                made = log.merge_parties(_party_id(command, args.other), _party_id(command, args.id), who)
            else:
                made = log.rename_party(_party_id(command, args.id), args.name, args.english, who)
            line = read.describe(made)
    except CorrectionError as exc:
        raise UsageError(f"{command}: {exc}") from None
    print(line)
    return 0


def _list(args: argparse.Namespace, settings: Settings) -> int:
    with session_factory(settings)() as session:
        rows = list_organisations(CorrectedView(session), args.country, args.name)
        records = [{"id": r.party.id, "country": r.party.country, "name": r.party.name, "acronym": r.party.acronym,
                    "english": r.english, "spellings": r.spellings, "events": r.events} for r in rows]
    print(render(records, args.format, ["id", "country", "name", "acronym", "english", "events", "spellings"]))
    return 0
