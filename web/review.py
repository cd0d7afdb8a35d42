"""/review: the review queue for signed-in users (storage/review.py says how it is ranked)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from storage.review import review_queue
from web.auth import auth_context
from web.deps import DbSession
from web.errors import Forbidden
from web.filters import Lang
from web.render import html_page, page_context
from web.views import event_view

router = APIRouter(tags=["corrections"])


@router.get("/review", summary="The review queue (signed-in)", include_in_schema=False)
def review(request: Request, lang: Lang, db: DbSession) -> Response:
    signed = auth_context(request, db)
    if signed["user"] is None:
        raise Forbidden("Hãy đăng nhập để xem hàng đợi cần xem lại.", "Sign in to see the review queue.")
    rows = [{"event": event_view(d.event, lang), "reasons": d.reasons} for d in review_queue(db)]
    response = html_page(request, "review.html.j2", {**page_context(request, lang), **signed, "rows": rows})
    response.headers["Cache-Control"] = "private, no-store"
    return response
