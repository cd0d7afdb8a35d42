"""Correcting an event on its page: the forms a signed-in analyst sees, and the POST they send.

The POST goes through `storage.correction_log.CorrectionLog`, as `coopwatch events edit|hide` does,
so the correction is recorded the same way, with `by` = the signed-in user's email.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request, Response
from fastapi.responses import RedirectResponse
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from storage.correction_log import CorrectionLog, Who
from storage.corrections import EVENT_TYPES, CorrectedEvent, CorrectionError
from storage.models import Party, User
from web.auth import auth_context, check_csrf, session_of, signed_in
from web.deps import DbSession
from web.errors import Forbidden
from web.filters import Lang
from web.i18n import type_label

router = APIRouter(tags=["corrections"])
log = logging.getLogger("coopwatch.web")
SIDES = {"VN": "vn_parties", "KR": "kr_parties"}
ACTIONS = ("type", "date", "place", "party", "hide")


def analyst(request: Request, db: Session) -> User | None:
    user = signed_in(request, db) if "session" in request.scope else None
    return user if user is not None and user.role == "analyst" else None


def correction_context(request: Request, db: Session, event: CorrectedEvent, lang: str,
                       message: str = "") -> dict[str, Any]:
    """The sign-in state, and for an analyst the forms' choices (types, the event's and known parties)."""
    context: dict[str, Any] = {**auth_context(request, db), "can_correct": False, "message": message,
                               "flash": session_of(request).pop("flash", "")}
    if analyst(request, db) is None:
        return context
    current = [(f"{side}:{p.id}", f"{side} · {p.name}") for side in SIDES for p in event.parties(side)]
    known = {side: sorted({n for row in db.execute(select(Party.name, Party.acronym).where(Party.country == side))
                           for n in row if n}) for side in SIDES}
    context.update(can_correct=True, types=[(k, type_label(k, lang)) for k in EVENT_TYPES],
                   current_parties=current, known_parties=known)
    return context


def _date(value: str) -> dt.date | None:
    if not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise CorrectionError(f"not a date (YYYY-MM-DD): {value!r}") from None


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
        if party not in lists[side]:
            lists[side].insert(min(at, len(lists[side])), party)
    if not lists["VN"] or not lists["KR"]:
        raise CorrectionError("an event needs at least one party on each side")
    return {SIDES[s]: lists[s] for s in SIDES}


def _changes(log_: CorrectionLog, event: CorrectedEvent, action: str, form: dict[str, str]) -> dict[str, Any]:
    if action == "type":
        if form["type"] not in EVENT_TYPES:
            raise CorrectionError(f"not an event type: {form['type']!r}")
        return {"type": form["type"]}
    if action == "date":
        return {"date": _date(form["date"])}
    if action == "place":
        return {"location": " ".join(form["place"].split()) or None}
    return _party_changes(log_, event, form["replace"], form["name"], form["side"])


def _record(factory: sessionmaker[Session], event_id: int, action: str, form: dict[str, str], who: Who) -> str:
    """The correction, committed; one line saying what it did."""
    from scheduler.corrections_cli import describe  # the CLI's own wording of a correction

    with factory.begin() as session:
        log_ = CorrectionLog(session)
        if action == "hide":
            return describe(log_.hide(event_id, who))
        from web.events import find_event

        made = log_.edit(event_id, _changes(log_, find_event(session, str(event_id)), action, form), who)
        return "; ".join(describe(c) for c in made)


@router.post("/events/{event_id}/correct", summary="Correct an event (signed-in analysts)",
             include_in_schema=False, dependencies=[Depends(check_csrf)])
def correct(
    request: Request, event_id: str, lang: Lang, db: DbSession,
    action: Annotated[str, Form()] = "", why: Annotated[str, Form(max_length=2000)] = "",
    type: Annotated[str, Form()] = "", date: Annotated[str, Form()] = "",
    place: Annotated[str, Form(max_length=300)] = "", replace: Annotated[str, Form()] = "",
    name: Annotated[str, Form(max_length=300)] = "", side: Annotated[str, Form()] = "",
) -> Response:
    from web.events import event_response, find_event

    user = analyst(request, db)
    if user is None:
        raise Forbidden("Chỉ người phân tích đã đăng nhập mới sửa được sự kiện.",
                        "Only a signed-in analyst can correct events.")
    event = find_event(db, event_id)
    suffix = "" if lang == "vi" else "?lang=en"
    who = Who(by=user.email, at=dt.datetime.now(dt.UTC), why=" ".join(why.split()))
    form = {"type": type, "date": date, "place": place, "replace": replace, "name": name, "side": side}
    try:
        if action not in ACTIONS:
            raise CorrectionError(f"unknown correction {action!r}")
        line = _record(request.app.state.factory, event.id, action, form, who)
    except CorrectionError as exc:
        db.rollback()
        return event_response(request, db, event, lang, message=str(exc), status=400)
    log.info("%s on the web: %s", user.email, line)
    if action != "hide":
        session_of(request)["flash"] = line
    target = "/events" if action == "hide" else f"/events/{event.id}"
    return RedirectResponse(target + suffix, status_code=303)
