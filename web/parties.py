"""/parties/<id>: one organisation, its events and its counterparts."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request, Response

from storage.browse import BrowseRepository
from web.deps import DbSession
from web.errors import NotFound
from web.filters import Lang
from web.i18n import UI
from web.render import html_page, page_context
from web.views import event_view, party_view

router = APIRouter(tags=["pages"])


@router.get("/parties/{party_id}", summary="One organisation (HTML)")
def party_page(
    request: Request, party_id: str, lang: Lang, db: DbSession
) -> Response:
    repo = BrowseRepository(db)
    party = repo.party(int(party_id)) if party_id.isascii() and party_id.isdigit() else None
    if party is None:
        raise NotFound(f"Không có đối tác {party_id!r}", f"No party {party_id!r}")
    query = [("party", party.acronym or party.name)] + ([("lang", lang)] if lang != "vi" else [])
    context = {
        **page_context(request, lang),
        "party": party_view(party),
        "country": UI[lang][f"country_{party.country}"],
        "events": [event_view(e, lang) for e in repo.party_events(party.id)],
        "counterparts": [{"party": party_view(c.party), "events": c.events} for c in repo.counterparts(party)],
        "filtered": "/events?" + urlencode(query),
    }
    return html_page(request, "party.html.j2", context)
