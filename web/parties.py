"""/parties/<id>: one organisation (all its spellings), its events and its counterparts; for a
signed-in analyst, forms to rename it and to merge another spelling into it."""

from __future__ import annotations

import logging
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request, Response
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from storage import correction_values as read
from storage.browse import BrowseRepository, EventFilter
from storage.correction_history import organisation_history, party_named
from storage.correction_log import CorrectionLog, Who
from storage.corrections import CorrectedView, CorrectionError
from storage.models import Correction, Party
from web.auth import auth_context, check_csrf, session_of
from web.correct import analyst, analyst_who
from web.deps import DbSession
from web.errors import NotFound
from web.events import alternates, feed_links
from web.filters import Lang, Listing
from web.i18n import UI
from web.render import html_page, page_context
from web.views import event_view, party_view

router = APIRouter(tags=["pages"])
log = logging.getLogger("coopwatch.web")


def find_party(db: Session, party_id: str) -> Party:
    """The party an URL names, or a 404 (a merged spelling names the organisation it went into)."""
    party = BrowseRepository(db).party(int(party_id)) if party_id.isascii() and party_id.isdigit() else None
    if party is None:
        raise NotFound(f"Không có đối tác {party_id!r}", f"No party {party_id!r}")
    return party


@router.get("/parties/{party_id}", summary="One organisation (HTML)")
def party_page(
    request: Request, party_id: str, lang: Lang, db: DbSession
) -> Response:
    return party_response(request, db, find_party(db, party_id), lang)


def party_response(request: Request, db: Session, party: Party, lang: str, *, message: str = "",
                   status: int = 200) -> Response:
    repo, orgs = BrowseRepository(db), CorrectedView(db).orgs
    shown = orgs.shown(party)
    its_events = Listing(EventFilter(party=shown.acronym or shown.name), lang=lang)
    context: dict[str, Any] = {
        **page_context(request, lang), **auth_context(request, db),
        "party": party_view(shown), "english": orgs.english(party), "spellings": orgs.spellings(party),
        "country": UI[lang][f"country_{party.country}"],
        "events": [event_view(e, lang) for e in repo.party_events(party.id)],
        "counterparts": [{"party": party_view(c.party), "events": c.events} for c in repo.counterparts(party)],
        "filtered": "/events?" + its_events.query(), "alternates": alternates(feed_links(its_events)),
        "can_correct": analyst(request, db) is not None, "message": message,
        "history": organisation_history(db, orgs.members(party.id)),
        "flash": session_of(request).pop("flash", "") if "session" in request.scope else "",
    }
    response = html_page(request, "party.html.j2", context, status=status)
    if context["user"] is not None:  # the page holds this session's CSRF token
        response.headers["Cache-Control"] = "private, no-store"
    return response


def _undo(db: Session, log_: CorrectionLog, party: Party, value: str, who: Who) -> Correction:
    number = read.record_id(value, "correction")
    if number is None or number not in {c.id for c in organisation_history(db, CorrectedView(db).orgs.members(party.id))}:
        raise CorrectionError(f"correction {value!r} is not one of this organisation's")
    return log_.undo(number, who)


def _other_party(db: Session, party: Party, value: str) -> int:
    """Another party of the same side, by id or by a name or acronym it is stored under."""
    number = read.record_id(value, "party")
    if number is not None:
        return number
    found = party_named(db, party.country, value)
    if found is None:
        raise CorrectionError(f"no {party.country} party named {value.strip()!r}")
    return found


@router.post("/parties/{party_id}/correct", summary="Correct an organisation (signed-in analysts)",
             include_in_schema=False, dependencies=[Depends(check_csrf)])
def correct_party(
    request: Request, party_id: str, lang: Lang, db: DbSession,
    action: Annotated[str, Form()] = "", why: Annotated[str, Form(max_length=2000)] = "",
    name: Annotated[str, Form(max_length=300)] = "", english: Annotated[str, Form(max_length=300)] = "",
    other: Annotated[str, Form(max_length=300)] = "", correction: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    who = analyst_who(request, db, why, ("Chỉ người phân tích đã đăng nhập mới sửa được tổ chức.",
                                         "Only a signed-in analyst can correct organisations."))
    party = find_party(db, party_id)
    try:
        with request.app.state.factory.begin() as session:
            log_ = CorrectionLog(session)
            if action == "rename":
                made = log_.rename_party(party.id, name, english, who)
            elif action == "merge":
                made = log_.merge_parties(_other_party(session, party, other), party.id, who)
            elif action == "undo":
                made = _undo(session, log_, party, correction, who)
            else:
                raise CorrectionError(f"unknown correction {action!r}")
            line = read.describe(made)
    except CorrectionError as exc:
        db.rollback()
        return party_response(request, db, party, lang, message=str(exc), status=400)
    log.info("%s on the web: %s", who.by, line)
    session_of(request)["flash"] = line
    suffix = "" if lang == "vi" else "?lang=en"
    return RedirectResponse(f"/parties/{party.id}{suffix}", status_code=303)
