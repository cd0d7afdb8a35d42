"""Templates and responses: autoescaped Jinja pages, and conditional GET (ETag, Last-Modified, 304)."""

from __future__ import annotations

import datetime as dt
import hashlib
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request, Response
from jinja2 import Environment, FileSystemLoader

from web.i18n import UI

TEMPLATES = Path(__file__).with_name("templates")
# auto_reload off: the templates ship with the code, and checking each one's file on every render
# was 5 % of a feed's time
_ENV = Environment(
    loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True, auto_reload=False
)


def page_context(request: Request, lang: str) -> dict[str, Any]:
    """What every page's layout needs: the words, the language and the link to the other language."""
    other = "en" if lang == "vi" else "vi"
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    if other != "vi":
        params.append(("lang", other))
    switch = request.url.path + ("?" + urlencode(params) if params else "")
    return {"t": UI[lang], "lang": lang, "lang_switch": switch, "lang_query": "" if lang == "vi" else "lang=en",
            "alternates": [], **_signed_in(request)}


def _signed_in(request: Request) -> dict[str, Any]:
    """The layout's sign-in link or sign-out button (pages that let one write check the account)."""
    session = request.scope.get("session") or {}
    if not session.get("email"):
        return {"user": None, "csrf": ""}
    return {"user": {"email": session["email"]}, "csrf": session.get("csrf", "")}


def render_html(name: str, context: dict[str, Any]) -> str:
    return _ENV.get_template(name).render(context)


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _not_modified(request: Request, etag: str, last_modified: dt.datetime | None) -> bool:
    tags = request.headers.get("if-none-match")
    if tags is not None:
        return etag in [t.strip().removeprefix("W/") for t in tags.split(",")] or tags.strip() == "*"
    since = request.headers.get("if-modified-since")
    if since and last_modified:
        try:
            return last_modified.replace(microsecond=0) <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False


def conditional(
    request: Request,
    body: str | bytes,
    media_type: str,
    *,
    status: int = 200,
    last_modified: dt.datetime | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """The response, or a bodiless 304 when the client's copy (ETag or date) is still current."""
    data = body.encode() if isinstance(body, str) else body
    etag = etag_of(data)
    extra = {"ETag": etag, "Cache-Control": "no-cache", **(headers or {})}
    if last_modified:
        extra["Last-Modified"] = format_datetime(last_modified.astimezone(dt.UTC), usegmt=True)
    if status == 200 and request.method in ("GET", "HEAD") and _not_modified(request, etag, last_modified):
        return Response(status_code=304, headers=extra)
    return Response(data, status_code=status, media_type=media_type, headers=extra)


def html_page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    """A rendered page, conditional like everything else."""
    return conditional(request, render_html(name, context), "text/html; charset=utf-8", status=status)
