"""/unsubscribe?token=…: a GET shows a confirm button (mail scanners follow links), a POST unsubscribes.

The POST is RFC 8058's one-click unsubscribe: mail clients send `List-Unsubscribe=One-Click` to the
URL of the digest's List-Unsubscribe header.
"""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from sqlalchemy.orm import Session

from alerts.tokens import token_matches, token_subscriber_id
from storage.models import Subscriber
from storage.subscriptions import SubscriberRepository
from web.deps import Config, DbSession, WebConfig
from web.errors import NotFound
from web.i18n import LANGS
from web.render import html_page, page_context

router = APIRouter(tags=["unsubscribe"])
log = logging.getLogger(__name__)


def _subscriber(db: Session, token: str, settings: WebConfig) -> Subscriber:
    """The subscriber the token belongs to; any other token is one 404 (no hint which part failed)."""
    number = token_subscriber_id(token)
    subscriber = SubscriberRepository(db).by_id(number) if number is not None else None
    if subscriber is None or not token_matches(token, subscriber.id, subscriber.email, settings.secret_key):
        raise NotFound(
            "Liên kết hủy đăng ký không hợp lệ, hoặc địa chỉ này đã hủy đăng ký.",
            "This unsubscribe link is not valid, or the address is already unsubscribed.",
        )
    return subscriber


def _lang(request: Request, subscriber: Subscriber) -> str:
    asked = request.query_params.get("lang")
    return asked if asked in LANGS else subscriber.lang if subscriber.lang in LANGS else "vi"


@router.get("/unsubscribe", summary="Confirm page for unsubscribing")
def confirm(
    request: Request, db: DbSession, settings: Config, token: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    subscriber = _subscriber(db, token, settings)
    context = {**page_context(request, _lang(request, subscriber)), "email": subscriber.email,
               "token": token, "done": False}
    return html_page(request, "unsubscribe.html.j2", context)


@router.post("/unsubscribe", summary="Unsubscribe (RFC 8058 one-click)")
def unsubscribe(
    request: Request, db: DbSession, settings: Config, token: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    subscriber = _subscriber(db, token, settings)
    email, lang = subscriber.email, _lang(request, subscriber)
    SubscriberRepository(db).remove(subscriber)
    db.commit()
    log.info("subscriber %s unsubscribed through the web view", subscriber.id)
    context = {**page_context(request, lang), "email": email, "token": "", "done": True}
    return html_page(request, "unsubscribe.html.j2", context)
