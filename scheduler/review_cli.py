"""`coopwatch review`: the events the parser was least sure of, first (see storage/review.py)."""

from __future__ import annotations

import argparse
from typing import Any

from scheduler.common import UsageError, session_factory
from scheduler.config import Settings
from scheduler.output import render
from storage.review import review_queue


def add_parser(sub: Any) -> None:
    review = sub.add_parser("review", help="the events most worth an analyst's check, first")
    review.add_argument("--limit", type=int, default=50, help="at most this many (default 50)")
    review.add_argument("--format", choices=["table", "json"], default="table")


def cmd_review(args: argparse.Namespace, settings: Settings) -> int:
    if args.limit < 1:
        raise UsageError(f"review --limit: at least 1, got {args.limit}")
    with session_factory(settings)() as session:
        records = [{"id": d.event.id, "type": d.event.type, "date": d.event.date.isoformat() if d.event.date else None,
                    "vn_parties": "; ".join(p.name for p in d.event.parties("VN")),
                    "kr_parties": "; ".join(p.name for p in d.event.parties("KR")),
                    "doubts": len(d.reasons), "why": "; ".join(d.reasons)}
                   for d in review_queue(session, args.limit)]
    print(render(records, args.format, ["id", "doubts", "type", "date", "vn_parties", "kr_parties", "why"]))
    return 0
