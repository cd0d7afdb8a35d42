"""Atom (feedgen) and JSON Feed 1.1 of any filtered listing: the newest stored events first."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from xml.etree import ElementTree

from fastapi import APIRouter, Request, Response
from feedgen.feed import FeedGenerator
from sqlalchemy.orm import Session

from alerts.compose import one_line
from scheduler.output import event_record
from storage.browse import BrowseRepository
from storage.corrections import CorrectedEvent
from web.deps import Config, DbSession
from web.filters import PER_PAGE, Listing, ListingQuery
from web.i18n import UI
from web.render import conditional, render_html
from web.views import event_title, event_view, evidence, last_changed

router = APIRouter(tags=["feeds"])
ATOM = "http://www.w3.org/2005/Atom"
EMPTY_FEED_DATE = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)  # a fixed date keeps an empty feed's ETag stable


def entry_id(event: CorrectedEvent) -> str:
    """A feed entry's id: stable for the event's life, whatever the host or the filter."""
    return f"urn:coopwatch:event:{event.id}"


def _summary(event: CorrectedEvent) -> str:
    """The evidence sentences, or else the first report's lead paragraph."""
    found = evidence(event_record(event))
    if found:
        return " ".join(found)
    sapo = next((a.sapo for a in sorted(event.articles, key=lambda a: a.id) if a.sapo), "")
    return one_line(sapo)[:600]


def _entries(request: Request, wanted: Listing, db: Session) -> list[dict[str, Any]]:
    base = request.app.state.config.base_url(request)
    rows = BrowseRepository(db).events(wanted.filter, wanted.offset, PER_PAGE, order="stored")
    entries = []
    for event in rows:
        view = event_view(event, wanted.lang)
        entries.append({
            "id": entry_id(event), "url": f"{base}/events/{event.id}", "title": event_title(event, wanted.lang),
            "summary": _summary(event), "published": event.created_at, "updated": last_changed(event),
            "type": event.type, "type_label": view["type_label"], "topics": list(event.topics),
            "content_html": render_html("feed_entry.html.j2", {"e": view, "t": UI[wanted.lang],
                                                                "evidence": evidence(event_record(event))}),
            "articles": view["articles"],
        })
    return entries


def _links(request: Request, wanted: Listing, kind: str) -> tuple[str, str]:
    base = request.app.state.config.base_url(request)
    query = wanted.query(paged=False)
    suffix = f"?{query}" if query else ""
    return f"{base}/events{suffix}", f"{base}/feeds/events.{kind}{suffix}"


def _newest(entries: list[dict[str, Any]], db: Session) -> dt.datetime:
    """The feed's last change: its newest entry's, or the latest correction's, which may have hidden
    or merged away an entry (so a reader asking If-Modified-Since is not told nothing changed)."""
    corrected = BrowseRepository(db).last_correction_at()
    return max([e["updated"] for e in entries] + ([corrected] if corrected else []), default=EMPTY_FEED_DATE)


@router.get("/feeds/events.atom", summary="Atom feed of the events, same filters as /events",
            response_class=Response, responses={200: {"content": {"application/atom+xml": {}}}})
def atom_feed(request: Request, wanted: ListingQuery, db: DbSession) -> Response:
    entries = _entries(request, wanted, db)
    newest = _newest(entries, db)
    page, self_url = _links(request, wanted, "atom")
    feed = FeedGenerator()
    feed.id(self_url)
    feed.title(f"{UI[wanted.lang]['site']}")
    feed.author({"name": "coopwatch"})
    feed.link(href=page, rel="alternate")
    feed.link(href=self_url, rel="self")
    feed.language(wanted.lang)
    feed.updated(newest)
    for e in entries:
        item = feed.add_entry(order="append")
        item.id(e["id"])
        item.title(e["title"])
        item.link(href=e["url"], rel="alternate")
        for article in e["articles"]:
            if article["url"]:
                item.link(href=article["url"], rel="related", title=article["title"])
        item.published(e["published"])
        item.updated(e["updated"])
        if e["summary"]:
            item.summary(e["summary"])
        item.content(e["content_html"], type="html")
        item.category(term=e["type"], label=e["type_label"])
    return conditional(request, _mark_related(feed.atom_str(pretty=True), entries),
                       "application/atom+xml; charset=utf-8", last_modified=newest)


def _mark_related(atom: bytes, entries: list[dict[str, Any]]) -> bytes:
    """Give the source-article links their rel="related" and title back.

    feedgen 1.0.0 drops every attribute of an entry's links but href (a variable is shadowed in
    `FeedEntry.atom_entry`), which would leave several rel="alternate" links per entry.
    """
    ElementTree.register_namespace("", ATOM)
    root = ElementTree.fromstring(atom)
    for element, entry in zip(root.iter(f"{{{ATOM}}}entry"), entries, strict=True):
        titles = {a["url"]: a["title"] for a in entry["articles"] if a["url"]}
        for link in element.iter(f"{{{ATOM}}}link"):
            href = link.get("href") or ""
            if href != entry["url"] and href in titles:
                link.set("rel", "related")
                link.set("title", titles[href])
    xml: bytes = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    return xml


@router.get("/feeds/events.json", summary="JSON Feed 1.1 of the events, same filters as /events",
            response_class=Response, responses={200: {"content": {"application/feed+json": {}}}})
def json_feed(
    request: Request, wanted: ListingQuery, db: DbSession,
    settings: Config,
) -> Response:
    entries = _entries(request, wanted, db)
    page, self_url = _links(request, wanted, "json")
    items = []
    for e in entries:
        item: dict[str, Any] = {
            "id": e["id"], "url": e["url"], "title": e["title"], "content_html": e["content_html"],
            "date_published": e["published"].isoformat(), "date_modified": e["updated"].isoformat(),
            "tags": [e["type_label"], *e["topics"]],
        }
        if e["summary"]:
            item["summary"] = e["summary"]
        external = next((a["url"] for a in e["articles"] if a["url"]), None)
        if external:
            item["external_url"] = external
        items.append(item)
    body = {
        "version": "https://jsonfeed.org/version/1.1", "title": UI[wanted.lang]["site"],
        "home_page_url": page, "feed_url": self_url, "language": wanted.lang,
        "authors": [{"name": "coopwatch", "url": settings.base_url(request)}], "items": items,
    }
    return conditional(request, json.dumps(body, ensure_ascii=False, indent=1), "application/feed+json",
                       last_modified=_newest(entries, db))
