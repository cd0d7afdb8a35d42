"""/events: the filtered, paged list with its chart; /events/<id>: one event; /events.csv: the export."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Iterator
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session

from alerts.compose import TYPE_ORDER, one_line, safe_url
from crawler.sources import SOURCES
from scheduler.output import event_record
from storage.browse import EXPORT_BATCH, BrowseRepository, ExportedEvent, ExportedParty
from storage.corrections import CorrectedEvent
from web.chart import monthly_chart
from web.correct import correction_context
from web.deps import DbSession
from web.errors import NotFound
from web.filters import PER_PAGE, Lang, Listing, ListingQuery
from web.i18n import source_label, type_label
from web.render import conditional, html_page, page_context
from web.views import event_view, evidence

router = APIRouter(tags=["pages"])
CSV_ROWS = 10_000


def feed_links(listing_: Listing) -> dict[str, str]:
    """The feeds and the export of a listing: the same filter, another format."""
    query = listing_.query(paged=False)
    suffix = f"?{query}" if query else ""
    return {"atom": f"/feeds/events.atom{suffix}", "json": f"/feeds/events.json{suffix}",
            "csv": f"/events.csv{suffix}", "api": f"/api/events{suffix}"}


ALTERNATE_FORMATS = (("atom", "application/atom+xml", "Atom"), ("json", "application/feed+json", "JSON Feed"),
                     ("csv", "text/csv", "CSV"), ("api", "application/json", "JSON"))


def alternates(links: dict[str, str]) -> list[dict[str, str]]:
    """A page's `<link rel="alternate">`: what it shows, in the other formats of `links` (feed_links' keys)."""
    return [{"type": kind, "title": title, "href": links[key]} for key, kind, title in ALTERNATE_FORMATS if key in links]


def _pager(listing_: Listing, total: int) -> dict[str, Any]:
    pages = max(1, math.ceil(total / PER_PAGE))
    def link(page: int) -> str:
        return "/events?" + listing_.query(page=page)
    return {"page": listing_.page, "pages": pages,
            "previous": link(listing_.page - 1) if listing_.page > 1 else None,
            "next": link(listing_.page + 1) if listing_.page < pages else None}


def find_event(db: Session, event_id: str) -> CorrectedEvent:
    """The event an URL names, or a 404."""
    event = BrowseRepository(db).event(int(event_id)) if event_id.isascii() and event_id.isdigit() else None
    if event is None:
        raise NotFound(f"Không có sự kiện {event_id!r}", f"No event {event_id!r}")
    return event


@router.get("/", include_in_schema=False)
@router.get("/events", summary="The events page (HTML)")
def events_page(
    request: Request, wanted: ListingQuery, db: DbSession
) -> Response:
    repo = BrowseRepository(db)
    listed = repo.page(wanted.filter, wanted.offset, PER_PAGE)
    total, rows = listed.total, listed.events
    lang = wanted.lang
    context = {
        **page_context(request, lang),
        "listing": wanted, "filter": wanted.filter, "total": total, "pager": _pager(wanted, total),
        "events": [event_view(e, lang) for e in rows], "feeds": feed_links(wanted),
        "alternates": alternates(feed_links(wanted)),
        "chart": monthly_chart(listed.months, lang),
        "types": [(k, type_label(k, lang)) for k in TYPE_ORDER],
        "sources": [(s, source_label(s)) for s in SOURCES],
    }
    return html_page(request, "events.html.j2", context)


@router.get("/events/{event_id}", summary="One event (HTML)")
def event_page(
    request: Request, event_id: str, lang: Lang, db: DbSession
) -> Response:
    return event_response(request, db, find_event(db, event_id), lang)


def event_response(request: Request, db: Session, event: CorrectedEvent, lang: str, *, message: str = "",
                   status: int = 200) -> Response:
    """The event's page; for a signed-in analyst with the correction forms (and `message` above them)."""
    context = {**page_context(request, lang), "event": event_view(event, lang),
               "evidence": evidence(event_record(event)), "api": f"/api/events/{event.id}",
               "alternates": alternates({"api": f"/api/events/{event.id}"}),
               **correction_context(request, db, event, lang, message)}
    response = html_page(request, "event.html.j2", context, status=status)
    if context["user"] is not None:  # the page holds this session's CSRF token
        response.headers["Cache-Control"] = "private, no-store"
    return response


CSV_COLUMNS = ["id", "date", "type", "vn_parties", "kr_parties", "location", "topics", "signatories",
               "headlines", "sources", "urls", "first_stored_at"]


def _names(parties: list[ExportedParty], country: str) -> str:
    shown = [(one_line(p.name), p.acronym if p.acronym and p.acronym not in p.name else None)
             for p in parties if p.country == country]
    return "; ".join(f"{name} ({acronym})" if acronym else name for name, acronym in shown)


def _csv_row(event: ExportedEvent) -> list[str]:
    titles = [one_line(a.title) for a in event.articles]
    return [str(event.id), event.date.isoformat() if event.date else "", event.type, _names(event.parties, "VN"),
            _names(event.parties, "KR"), one_line(event.location), "; ".join(event.topics),
            "; ".join(one_line(s) for s in event.signatories), " | ".join(titles),
            " | ".join(source_label(a.source) for a in event.articles),
            " | ".join(safe_url(a.url) or "" for a in event.articles), event.created_at.isoformat()]


def _csv_text(events: Iterable[ExportedEvent], *, header: bool) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if header:
        buffer.write("\ufeff")  # so Excel reads the file as UTF-8 and shows Vietnamese text right
        writer.writerow(CSV_COLUMNS)
    writer.writerows(_csv_row(event) for event in events)
    return buffer.getvalue()


def _csv_stream(db: Session, first: list[ExportedEvent], rest: Iterator[list[ExportedEvent]]) -> Iterator[bytes]:
    """The file batch by batch, as the rows are read; the session is closed at the end."""
    try:
        yield _csv_text(first, header=True).encode()
        for batch in rest:
            yield _csv_text(batch, header=False).encode()
    finally:
        db.close()


@router.get("/events.csv", summary="The events as CSV (UTF-8 with BOM), same filters as /events",
            response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def events_csv(request: Request, wanted: ListingQuery) -> Response:
    """Up to 10,000 events a file; `page=2` gives the next 10,000 (a Link header says so).

    An export shorter than one batch (500 rows) is answered whole, with an ETag like every page; a longer
    one is streamed as it is read, so its first rows leave at once, without an ETag (known only at
    the end). It has its own session, which lives as long as the stream.
    """
    db: Session = request.app.state.factory()
    try:
        repo = BrowseRepository(db)
        offset = (wanted.page - 1) * CSV_ROWS
        view = repo.corrected_view()
        batches = repo.export_batches(wanted.filter, offset, CSV_ROWS, batch=EXPORT_BATCH, view=view)
        first = next(batches, [])
        headers = {"Content-Disposition": 'attachment; filename="coopwatch-events.csv"'}
        if len(first) == EXPORT_BATCH and repo.has_more(wanted.filter, offset + CSV_ROWS, view):
            headers["Link"] = f'</events.csv?{wanted.query(page=wanted.page + 1)}>; rel="next"'
    except BaseException:
        db.close()
        raise
    if len(first) < EXPORT_BATCH:
        db.close()
        return conditional(request, _csv_text(first, header=True), "text/csv; charset=utf-8", headers=headers)
    return StreamingResponse(_csv_stream(db, first, batches), media_type="text/csv; charset=utf-8",
                             headers={**headers, "Cache-Control": "no-cache"})
