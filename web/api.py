"""/api/events and /api/events/<id>: the records of `coopwatch items --format json`, documented by OpenAPI."""

from __future__ import annotations

import json
import math
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict

from scheduler.output import event_record
from storage.browse import BrowseRepository
from web.deps import DbSession
from web.events import find_event
from web.filters import PER_PAGE, ListingQuery
from web.render import conditional

router = APIRouter(prefix="/api", tags=["api"])


class ApiParty(BaseModel):
    name: str
    acronym: str | None
    english_name: str | None  # the analyst's, else the reference list's; null where neither knows it


class ApiArticle(BaseModel):
    id: int
    source: str
    url: str
    title: str
    published_at: str | None


class ApiEvent(BaseModel):
    """One cooperation event, as `coopwatch items --format json` prints it."""

    model_config = ConfigDict(extra="allow")  # fields the parser adds later come along

    id: int
    type: str
    date: str | None
    location: str | None
    vn_parties: list[ApiParty]
    kr_parties: list[ApiParty]
    signatories: list[str]
    topics: list[str]
    first_stored_at: str
    articles: list[ApiArticle]


class ApiEventPage(BaseModel):
    total: int
    page: int
    pages: int
    per_page: int
    next: str | None
    events: list[ApiEvent]


def _json(request: Request, data: Any) -> Response:
    return conditional(request, json.dumps(data, ensure_ascii=False), "application/json")


@router.get("/events", summary="Events matching the filters, newest first, 50 a page",
            response_class=Response, responses={200: {"model": ApiEventPage}, 400: {"description": "a bad filter"}})
def api_events(request: Request, wanted: ListingQuery, db: DbSession) -> Response:
    repo = BrowseRepository(db)
    total = repo.count(wanted.filter)
    pages = max(1, math.ceil(total / PER_PAGE))
    more = wanted.page < pages
    return _json(request, {
        "total": total, "page": wanted.page, "pages": pages, "per_page": PER_PAGE,
        "next": f"/api/events?{wanted.query(page=wanted.page + 1)}" if more else None,
        "events": [event_record(e) for e in repo.events(wanted.filter, wanted.offset, PER_PAGE)],
    })


@router.get("/events/{event_id}", summary="One event",
            response_class=Response, responses={200: {"model": ApiEvent}, 404: {"description": "no such event"}})
def api_event(request: Request, event_id: str, db: DbSession) -> Response:
    return _json(request, event_record(find_event(db, event_id)))
