"""`coopwatch status`: what each source did last and does next, what waits for whom, what is broken."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from crawler.sources import SOURCES
from scheduler.config import Settings
from scheduler.daemon import next_runs
from scheduler.digests import digest_events
from storage.repository import CrawlRunRepository
from storage.subscriptions import DigestRepository, IncidentRepository, SubscriberRepository


def collect(settings: Settings, factory: sessionmaker[Session]) -> dict[str, Any]:
    """Everything `status` shows, as plain data (no secrets)."""
    upcoming = next_runs(settings)
    with factory() as session:
        runs = CrawlRunRepository(session)
        sources = []
        for name in SOURCES:
            run = runs.latest(name)
            sources.append({
                "source": name,
                "enabled": settings.source(name).enabled,
                "last_run": run.started_at if run else None,
                "outcome": run.outcome if run else None,
                "pages": run.pages if run else None,
                "articles_new": run.articles_new if run else None,
                "articles_updated": run.articles_updated if run else None,
                "events_new": run.events_new if run else None,
                "errors": run.errors if run else None,
                "next_run": upcoming.get(f"crawl:{name}"),
            })
        digests = DigestRepository(session)
        subscribers = []
        for sub in SubscriberRepository(session).all():
            last = digests.last_sent(sub.id)
            waiting = digests.open_for(sub.id)
            subscribers.append({
                "email": sub.email, "cadence": sub.cadence, "paused": sub.paused,
                "last_digest": last.sent_at if last else None,
                "events_waiting": len(digest_events(session, sub)),
                "unsent_digest": f"{waiting.status}, {waiting.attempts} attempts: {waiting.last_error}" if waiting else None,
            })
        incidents = [
            {"source": i.source, "kind": i.kind, "opened": i.opened_at, "detail": i.detail}
            for i in IncidentRepository(session).open()
        ]
    return {"sources": sources, "subscribers": subscribers, "incidents": incidents,
            "next_digest_check": upcoming.get("digest:daily")}


def _when(value: dt.datetime | None, tz: str) -> str:
    return value.astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M") if value else "-"


def render_status(data: dict[str, Any], tz: str = "Asia/Ho_Chi_Minh") -> str:
    """The status as aligned text."""
    lines = ["SOURCES", (f"  {'source':<12} {'last run':<17} {'outcome':<8} {'pages':>5} {'new':>4} {'upd':>4} "
             f"{'events':>6} {'errors':>6}  next run")]
    for s in data["sources"]:
        lines.append(
            f"  {s['source']:<12} {_when(s['last_run'], tz):<17} {s['outcome'] or '-':<8} {s['pages'] if s['pages'] is not None else '-':>5} "
            f"{s['articles_new'] if s['articles_new'] is not None else '-':>4} {s['articles_updated'] if s['articles_updated'] is not None else '-':>4} "
            f"{s['events_new'] if s['events_new'] is not None else '-':>6} {s['errors'] if s['errors'] is not None else '-':>6}  "
            f"{_when(s['next_run'], tz) if s['enabled'] else 'disabled'}"
        )
    lines += ["", "SUBSCRIBERS"]
    for s in data["subscribers"]:
        lines.append(f"  {s['email']:<36} {s['cadence']:<7} last digest {_when(s['last_digest'], tz):<17} "
                     f"{s['events_waiting']} events waiting{' (paused)' if s['paused'] else ''}"
                     + (f"; unsent: {s['unsent_digest']}" if s['unsent_digest'] else ""))
    if not data["subscribers"]:
        lines.append("  none (coopwatch subscribers add EMAIL)")
    lines += ["", "OPEN INCIDENTS"]
    for i in data["incidents"]:
        lines.append(f"  {i['source']:<12} {i['kind']:<15} since {_when(i['opened'], tz)}  {i['detail']}")
    if not data["incidents"]:
        lines.append("  none")
    return "\n".join(lines)
