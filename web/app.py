"""The web application: routers, the error pages, security headers and the stylesheet."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from web import api, auth, correct, events, feeds, parties, review, sources, unsubscribe
from web.deps import WebConfig
from web.errors import WebError
from web.i18n import LANGS
from web.render import conditional, page_context, render_html

log = logging.getLogger(__name__)
STATIC = Path(__file__).with_name("static")
# everything is served from here, nothing runs from the page: no script at all, no inline style
CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class HeadAsGet:
    """HEAD answered as the GET of the same URL, headers only (FastAPI routes answer GET alone):
    feed readers and link checkers ask HEAD, with the same conditional headers, before they GET."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] != "http.response.body":
                await send(message)
            elif not message.get("more_body", False):
                await send({"type": "http.response.body", "body": b"", "more_body": False})

        await self.app({**scope, "method": "GET"}, receive, headers_only)


def create_app(factory: sessionmaker[Session], config: WebConfig) -> FastAPI:
    """The web view on a session factory; it reads through the repositories in storage/."""
    app = FastAPI(
        title="coopwatch", summary="Vietnam–Korea cooperation events: pages, feeds, CSV and a JSON API",
        docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",  # Swagger UI would load a CDN
    )
    app.state.factory = factory
    app.state.config = config
    for module in (events, correct, review, parties, sources, feeds, api, unsubscribe):
        app.include_router(module.router)
    auth.install(app, config)
    _install_errors(app)
    _install_headers(app)
    app.add_middleware(HeadAsGet)  # outermost: a HEAD goes through every check a GET does
    stylesheet = (STATIC / "style.css").read_bytes()

    @app.get("/static/style.css", include_in_schema=False)
    def style(request: Request) -> Response:
        return conditional(request, stylesheet, "text/css; charset=utf-8")

    return app


def _lang(request: Request) -> str:
    asked = request.query_params.get("lang")
    return asked if asked in LANGS else "vi"


def error_response(request: Request, status: int, reasons: dict[str, str]) -> Response:
    """A 4xx/5xx as a page in the reader's language, or as JSON under /api/."""
    lang = _lang(request)
    headers = {**SECURITY_HEADERS, "Cache-Control": "no-store"}
    if status == 503:
        headers["Retry-After"] = "30"
    if request.url.path.startswith("/api/"):
        body = json.dumps({"status": status, "error": reasons["en"]}, ensure_ascii=False)
        return Response(body, status_code=status, media_type="application/json", headers=headers)
    context = {**page_context(request, lang), "status": status, "reason": reasons[lang]}
    return Response(render_html("error.html.j2", context), status_code=status,
                    media_type="text/html; charset=utf-8", headers=headers)


def _install_errors(app: FastAPI) -> None:
    async def web_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, WebError)
        return error_response(request, exc.status, exc.reasons)

    async def bad_parameter(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ())[1:]) or "request"
        reason = f"{where}: {first.get('msg', 'invalid')}"
        return error_response(request, 400, {"vi": reason, "en": reason})

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        reason = {"vi": "Không có trang này", "en": "No such page"} if exc.status_code == 404 else \
            {"vi": str(exc.detail), "en": str(exc.detail)}
        return error_response(request, exc.status_code, reason)

    async def database_down(request: Request, exc: Exception) -> Response:
        log.warning("database error on %s: %s", request.url.path, str(exc).splitlines()[0])
        return error_response(request, 503, {"vi": "Cơ sở dữ liệu tạm thời không truy cập được.",
                                             "en": "The database cannot be reached right now."})

    app.add_exception_handler(WebError, web_error)
    app.add_exception_handler(RequestValidationError, bad_parameter)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(SQLAlchemyError, database_down)

    async def server_error(request: Request, exc: Exception) -> Response:
        # the traceback goes to the log (by Starlette), never to the reader
        return error_response(request, 500, {"vi": "Lỗi máy chủ.", "en": "Server error."})

    app.add_exception_handler(Exception, server_error)


def _install_headers(app: FastAPI) -> None:
    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response
