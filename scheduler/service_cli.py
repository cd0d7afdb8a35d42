"""The service commands of the CLI: run, status, subscribers, digest, check."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from crawler.sources import SOURCES
from scheduler.common import UsageError, session_factory
from scheduler.config import EMAIL, Settings
from storage.models import Subscriber
from storage.subscriptions import SubscriberRepository

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def add_parsers(sub: Any, date_type: Any) -> None:
    """Register run, status, subscribers, digest and check on the `coopwatch` parser."""
    sub.add_parser("run", help="the daemon: scheduled crawls, digests and alerts")
    status = sub.add_parser("status", help="sources, subscribers and open incidents")
    status.add_argument("--format", choices=["table", "json"], default="table")

    subs = sub.add_parser("subscribers", help="manage digest subscribers")
    subs_sub = subs.add_subparsers(dest="action", required=True)
    add = subs_sub.add_parser("add", help="add or update a subscriber")
    add.add_argument("email")
    add.add_argument("--cadence", choices=["daily", "weekly"], default="daily")
    add.add_argument("--at", default="07:00", metavar="HH:MM", help="local time of the digest")
    add.add_argument("--day", choices=WEEKDAYS, default="mon", help="day of a weekly digest")
    add.add_argument("--source", action="append", choices=sorted(SOURCES), default=[])
    add.add_argument("--type", action="append", choices=["mou", "letter_of_intent", "agreement", "meeting"], default=[])
    add.add_argument("--keyword", action="append", default=[])
    add.add_argument("--party", action="append", default=[])
    add.add_argument("--lang", choices=["vi", "en"], default="vi")
    subs_sub.add_parser("list", help="list subscribers").add_argument("--format", choices=["table", "json"], default="table")
    for action in ("remove", "pause", "resume"):
        subs_sub.add_parser(action, help=f"{action} a subscriber").add_argument("email")

    digest = sub.add_parser("digest", help="preview or send digests now")
    mode = digest.add_mutually_exclusive_group(required=True)
    mode.add_argument("--preview", action="store_true")
    mode.add_argument("--send", action="store_true")
    digest.add_argument("--subscriber", metavar="EMAIL")
    digest.add_argument("--since", type=date_type)
    digest.add_argument("--out", type=Path, metavar="FILE.html")

    check = sub.add_parser("check", help="smoke-test each section of the live sites")
    check.add_argument("--source", action="append", choices=sorted(SOURCES), default=[])


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from scheduler.daemon import run  # APScheduler and the mail sender only for the daemon

    return run(settings)


def cmd_subscribers(args: argparse.Namespace, settings: Settings) -> int:
    factory = session_factory(settings)
    if args.action == "list":
        with factory() as session:
            rows = [_subscriber_record(s) for s in SubscriberRepository(session).all()]
        if args.format == "json":
            print(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            for r in rows:
                when = f"{r['cadence']} {r['day'] + ' ' if r['cadence'] == 'weekly' else ''}{r['at']}"
                print(f"{r['email']:<36} {when:<16} {r['lang']}  {'paused' if r['paused'] else 'active'}  "
                      f"{_filters(r)}")
            print(f"({len(rows)} subscribers)")
        return 0
    email = args.email.strip().lower()
    if not EMAIL.match(email):
        raise UsageError(f"not an email address: {args.email!r}")
    with factory.begin() as session:
        repo = SubscriberRepository(session)
        subscriber = repo.get(email)
        if args.action == "add":
            _check_time(args.at)
            if subscriber is None:
                subscriber = Subscriber(email=email, created_at=_now(), watermark_event_id=0)
                session.add(subscriber)
            subscriber.cadence, subscriber.at, subscriber.weekday = args.cadence, args.at, WEEKDAYS.index(args.day)
            subscriber.sources, subscriber.types = args.source, args.type
            subscriber.keywords, subscriber.parties, subscriber.lang = args.keyword, args.party, args.lang
            print(f"subscriber {email}: {args.cadence} at {args.at}, {args.lang}")
            return 0
        if subscriber is None:
            print(f"coopwatch: no subscriber {email}", file=sys.stderr)
            return 1
        if args.action == "remove":
            session.delete(subscriber)
        else:
            subscriber.paused = args.action == "pause"
        print(f"subscriber {email}: {args.action}d")
    return 0


def _check_time(value: str) -> None:
    try:
        dt.time.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--at: expected HH:MM, got {value!r}") from None


def _subscriber_record(s: Any) -> dict[str, Any]:
    return {"email": s.email, "cadence": s.cadence, "at": s.at, "day": WEEKDAYS[s.weekday], "lang": s.lang,
            "paused": s.paused, "sources": s.sources, "types": s.types, "keywords": s.keywords,
            "parties": s.parties}


def _filters(r: dict[str, Any]) -> str:
    parts = [f"{k}={','.join(r[k])}" for k in ("sources", "types", "keywords", "parties") if r[k]]
    return " ".join(parts) or "all events"


def cmd_digest(args: argparse.Namespace, settings: Settings) -> int:
    # imported here: the digests bring Jinja and the mail modules, which every other command
    # (a crawl's start-up among them) would load for nothing
    from scheduler.daemon import make_sender_for
    from scheduler.digests import compose, digest_events, run_digests

    factory = session_factory(settings)
    if args.send:
        outcome = run_digests(factory, settings, make_sender_for(settings), _now(), email=args.subscriber, force=True)
        for email, result in outcome.items():
            print(f"{email}: {result}")
        return 0 if all(r in ("sent", "nothing new") for r in outcome.values()) else 1
    with factory() as session:
        repo = SubscriberRepository(session)
        subscriber = repo.get(args.subscriber) if args.subscriber else next(iter(repo.active()), None)
        if subscriber is None:
            subscriber = Subscriber(email=args.subscriber or "preview@example.org", cadence="daily", at="07:00",
                                    weekday=0, sources=[], types=[], keywords=[], parties=[], lang="vi",
                                    watermark_event_id=0, created_at=_now())
        events = digest_events(session, subscriber, since=args.since)
        message = compose(subscriber, events, settings, _now())
    html = message.get_body(("html",))
    text = message.get_body(("plain",))
    if args.out:
        args.out.write_text(html.get_content() if html else "", encoding="utf-8")
        print(f"{len(events)} events; HTML preview written to {args.out}")
    else:
        print(f"Subject: {message['Subject']}\nTo: {message['To']}\n")
        print(text.get_content() if text else "")
    return 0


def cmd_status(args: argparse.Namespace, settings: Settings) -> int:
    from scheduler.status import collect, render_status  # reads the daemon's schedule: APScheduler

    data = collect(settings, session_factory(settings))
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str) if args.format == "json" else render_status(data))
    return 0


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    from scheduler.check import check_sources  # fetches with Scrapy's extractors: loaded on use

    report = check_sources(settings, args.source or list(SOURCES))
    print(report.text)
    return 0 if report.ok else 1
