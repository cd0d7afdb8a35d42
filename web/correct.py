"""Correcting an event on its page: the forms a signed-in analyst sees, and the POST they send.

The POST goes through `storage.correction_log.CorrectionLog`, as `coopwatch events …` and
`coopwatch corrections undo` do, with the same value parsing (`storage.correction_values`), so the
correction is recorded the same way, with `by` = the signed-in user's email.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request, Response
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session, sessionmaker

from storage import correction_values as read
from storage.correction_history import event_history, known_party_names
from storage.correction_log import CorrectionLog, Who
from storage.correction_values import describe
from storage.corrections import EVENT_TYPES, CorrectedEvent, CorrectedView, CorrectionError
from storage.models import Article, Correction, User
from storage.repository import ArticleRepository
from web.auth import auth_context, check_csrf, session_of, signed_in
from web.deps import DbSession
from web.errors import Forbidden
from web.filters import Lang
from web.i18n import type_label

router = APIRouter(tags=["corrections"])
log = logging.getLogger("coopwatch.web")
SIDES = {"VN": "vn_parties", "KR": "kr_parties"}
ACTIONS = ("type", "date", "place", "party", "hide", "merge", "add", "split", "undo")


def analyst(request: Request, db: Session) -> User | None:
    user = signed_in(request, db) if "session" in request.scope else None
    return user if user is not None and user.role == "analyst" else None


def analyst_who(request: Request, db: Session, why: str, refusal: tuple[str, str]) -> Who:
    """The signed-in analyst making a correction, as the correction log records them; anyone else is
    refused with `refusal` (Vietnamese, English)."""
    user = analyst(request, db)
    if user is None:
        raise Forbidden(*refusal)
    return Who(by=user.email, at=dt.datetime.now(dt.UTC), why=" ".join(why.split()))


def correction_context(request: Request, db: Session, event: CorrectedEvent, lang: str,
                       message: str = "") -> dict[str, Any]:
    """The sign-in state, and for an analyst the forms' choices (types, the event's and known parties)."""
    context: dict[str, Any] = {**auth_context(request, db), "can_correct": False, "message": message,
                               "flash": session_of(request).pop("flash", "")}
    if analyst(request, db) is None:
        return context
    current = [(f"{side}:{p.id}", f"{side} · {p.name}") for side in SIDES for p in event.parties(side)]
    known = known_party_names(db, SIDES)
    context.update(can_correct=True, types=[(k, type_label(k, lang)) for k in EVENT_TYPES],
                   current_parties=current, known_parties=known, history=event_history(db, event.id),
                   event_articles=[(a.id, a.title) for a in event.articles])
    return context


def _party_changes(log_: CorrectionLog, event: CorrectedEvent, replace: str, name: str,
                   side: str) -> dict[str, Any]:
    """The party lists after putting `name` on `side`, in place of `replace` (SIDE:ID) when given."""
    if side not in SIDES:
        raise CorrectionError("choose the side of the party (VN or KR)")
    lists = {s: event.parties(s) for s in SIDES}
    at = len(lists[side])
    if replace:
        old_side, _, old_id = replace.partition(":")
        old = next((p for p in lists.get(old_side, []) if str(p.id) == old_id), None)
        if old is None:
            raise CorrectionError(f"this event has no party {replace!r}")
        at = lists[old_side].index(old) if old_side == side else at
        lists[old_side].remove(old)
    if name.strip():
        party = log_.party(side, name)
        if party.id not in {p.id for p in lists[side]}:  # shown parties may be copies (renamed)
            lists[side].insert(min(at, len(lists[side])), party)
    if not lists["VN"] or not lists["KR"]:
        raise CorrectionError("an event needs at least one party on each side")
    return {SIDES[s]: lists[s] for s in SIDES}


def _changes(log_: CorrectionLog, event: CorrectedEvent, action: str, form: dict[str, str]) -> dict[str, Any]:
    if action == "type":
        return {"type": read.event_type(form["type"])}
    if action == "date":
        return {"date": read.event_date(form["date"], none_word=False)}
    if action == "place":
        return {"location": " ".join(form["place"].split()) or None}
    return _party_changes(log_, event, form["replace"], form["name"], form["side"])


def _new_event_values(log_: CorrectionLog, form: dict[str, str]) -> dict[str, Any]:
    """The fields of an added or split-off event that the form fills in (empty ones are left out)."""
    values: dict[str, Any] = {}
    if form["type"]:
        values["type"] = read.event_type(form["type"])
    if form["date"].strip():
        values["date"] = read.event_date(form["date"], none_word=False)
    if form["place"].strip():
        values["location"] = read.place(form["place"])
    for field, name, side in (("vn", "vn_parties", "VN"), ("kr", "kr_parties", "KR")):
        if form[field].strip():
            values[name] = [log_.party(side, form[field])]
    return values


def _number(value: str, what: str) -> int:
    number = read.record_id(value, what)
    if number is None:
        raise CorrectionError(f"not {'an' if what[0] in 'aeiou' else 'a'} {what} id: {value!r}")
    return number


def _article_of(session: Session, event: CorrectedEvent, value: str, url: str) -> Article:
    """One of the event's articles, or any stored article by its URL (one the parser found no event in)."""
    if url.strip():
        found = ArticleRepository(session).by_url(url)
        if found is None:
            raise CorrectionError(f"no stored article at {url.strip()!r}")
        return found
    number = _number(value, "article")
    article = session.get(Article, number) if any(a.id == number for a in event.articles) else None
    if article is None:
        raise CorrectionError(f"article {number} does not report this event")
    return article


def _own_correction(session: Session, event_id: int, value: str) -> int:
    number = _number(value, "correction")
    correction = session.get(Correction, number)
    if correction is None or event_id not in (correction.event_id, correction.other_event_id):
        raise CorrectionError(f"correction {number} is not one of this event's")
    return number


def _record(factory: sessionmaker[Session], event_id: int, action: str, form: dict[str, str],
            who: Who) -> tuple[str, str]:
    """The correction, committed; one line saying what it did, and the page to show next."""
    from web.events import find_event

    with factory.begin() as session:
        log_ = CorrectionLog(session)
        here = f"/events/{event_id}"
        if action == "hide":
            return describe(log_.hide(event_id, who)), "/events"
        if action == "merge":
            return describe(log_.merge(event_id, _number(form["other"], "event"), who)), here
        if action == "undo":
            line = describe(log_.undo(_own_correction(session, event_id, form["correction"]), who))
            return line, here if CorrectedView(session).by_id(event_id) is not None else "/events"
        event = find_event(session, str(event_id))
        if action in ("add", "split"):
            values = _new_event_values(log_, form)
            made = (log_.add(_article_of(session, event, form["article"], form["article_url"]), values, who)
                    if action == "add"
                    else log_.split(event_id, values, who))
            return describe(made), f"/events/{made.event_id}"
        edits = log_.edit(event_id, _changes(log_, event, action, form), who)
        return "; ".join(describe(c) for c in edits), here


@router.post("/events/{event_id}/correct", summary="Correct an event (signed-in analysts)",
             include_in_schema=False, dependencies=[Depends(check_csrf)])
def correct(
    request: Request, event_id: str, lang: Lang, db: DbSession,
    action: Annotated[str, Form()] = "", why: Annotated[str, Form(max_length=2000)] = "",
    type: Annotated[str, Form()] = "", date: Annotated[str, Form()] = "",
    place: Annotated[str, Form(max_length=300)] = "", replace: Annotated[str, Form()] = "",
    name: Annotated[str, Form(max_length=300)] = "", side: Annotated[str, Form()] = "",
    other: Annotated[str, Form(max_length=40)] = "", article: Annotated[str, Form(max_length=40)] = "",
    correction: Annotated[str, Form(max_length=40)] = "", vn: Annotated[str, Form(max_length=300)] = "",
    kr: Annotated[str, Form(max_length=300)] = "", article_url: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    from web.events import event_response, find_event

    who = analyst_who(request, db, why, ("Chỉ người phân tích đã đăng nhập mới sửa được sự kiện.",
                                         "Only a signed-in analyst can correct events."))
    event = find_event(db, event_id)
    suffix = "" if lang == "vi" else "?lang=en"
    form = {"type": type, "date": date, "place": place, "replace": replace, "name": name, "side": side,
            "other": other, "article": article, "correction": correction, "vn": vn, "kr": kr,
            "article_url": article_url}
    try:
        if action not in ACTIONS:
            raise CorrectionError(f"unknown correction {action!r}")
        line, target = _record(request.app.state.factory, event.id, action, form, who)
    except CorrectionError as exc:
        db.rollback()
        return event_response(request, db, event, lang, message=str(exc), status=400)
    log.info("%s on the web: %s", who.by, line)
    if target != "/events":
        session_of(request)["flash"] = line
    return RedirectResponse(target + suffix, status_code=303)
