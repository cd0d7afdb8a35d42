"""Signing in: /login and /logout, the signed session cookie, CSRF tokens and the private mode.

The session is Starlette's SessionMiddleware: a cookie signed with COOPWATCH_SECRET_KEY
(itsdangerous), HttpOnly, SameSite=Lax, Secure when COOPWATCH_PUBLIC_URL is https. It holds the
signed-in address and a CSRF token; every form carries the token in a hidden field and every POST
but /unsubscribe (RFC 8058 one-click carries no session; its HMAC token protects it) is refused
without it. Failed sign-ins are counted in the database (`login_failures`), so the limit holds
across restarts and across the daemon's and `coopwatch serve`'s servers.
"""

from __future__ import annotations

import datetime as dt
import hmac
import logging
import secrets
from collections.abc import Awaitable, Callable
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, FastAPI, Form, Request, Response
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool
from starlette.middleware.sessions import SessionMiddleware

from storage.models import User
from storage.users import UserRepository
from web.deps import DbSession, WebConfig
from web.errors import Forbidden
from web.i18n import LANGS
from web.render import html_page, page_context

log = logging.getLogger("coopwatch.web")
COOKIE = "coopwatch_session"
SESSION_DAYS = 7
MAX_FAILURES = 5
FAILURE_WINDOW = dt.timedelta(minutes=15)
OPEN_PATHS = ("/login", "/unsubscribe")  # reachable without signing in in private mode, with /static/


def session_of(request: Request) -> dict[str, Any]:
    """The signed session, or an empty one that is not kept (no secret key: signing in is off)."""
    session: dict[str, Any] | None = request.scope.get("session")
    return session if session is not None else {}


def csrf_token(request: Request) -> str:
    session = session_of(request)
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return str(session["csrf"])


def check_csrf(request: Request, csrf: Annotated[str, Form()] = "") -> None:
    """A dependency of every form's POST: the hidden field must be this session's token."""
    expected = session_of(request).get("csrf")
    if not expected or not hmac.compare_digest(str(expected), csrf):
        log.warning("refused a %s to %s without a valid CSRF token", request.method, request.url.path)
        raise Forbidden("Biểu mẫu đã hết hạn hoặc không hợp lệ; hãy tải lại trang.",
                        "The form is stale or not valid; reload the page and try again.")


def signed_in(request: Request, db: Session) -> User | None:
    """The user of this session, if the account is not removed and the session is not from before
    a removal (the account's session key has changed since)."""
    session = session_of(request)
    return _session_user(db, session.get("email"), session.get("account"))


def _session_user(db: Session, email: object, key: object) -> User | None:
    if not email or not key:
        return None
    return UserRepository(db).by_session(str(email), str(key))


def auth_context(request: Request, db: Session) -> dict[str, Any]:
    """What the layout needs to show the sign-in link or the user and the sign-out button."""
    user = signed_in(request, db) if "session" in request.scope else None
    # an anonymous reader gets no token, hence no cookie (only /login gives one)
    return {"user": user, "csrf": csrf_token(request) if user else ""}


router = APIRouter(tags=["sign-in"])


def _lang(request: Request) -> str:
    asked = request.query_params.get("lang")
    return asked if asked in LANGS else "vi"


def _safe_next(target: str) -> str:
    """Only a path of this site: never another host (`//evil`, `/\\evil`)."""
    return target if target.startswith("/") and not target.startswith(("//", "/\\")) else "/events"


def _login_page(request: Request, db: Session, next_: str, message: str = "", status: int = 200) -> Response:
    enabled = "session" in request.scope
    context = {**page_context(request, _lang(request)), **auth_context(request, db),
               "login_csrf": csrf_token(request) if enabled else "", "next": _safe_next(next_),
               "message": message, "enabled": enabled}
    response = html_page(request, "login.html.j2", context, status=status)
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/login", summary="The sign-in form", include_in_schema=False)
def login_form(request: Request, db: DbSession, next: str = "/events") -> Response:
    return _login_page(request, db, next)


@router.post("/login", summary="Sign in", include_in_schema=False, dependencies=[Depends(check_csrf)])
def login(
    request: Request, db: DbSession,
    email: Annotated[str, Form(max_length=320)] = "", password: Annotated[str, Form(max_length=1000)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/events",
) -> Response:
    t = page_context(request, _lang(request))["t"]
    client = request.client.host if request.client else "unknown"
    now = dt.datetime.now(dt.UTC)
    users = UserRepository(db)
    if users.recent_failures(email, client, now - FAILURE_WINDOW) >= MAX_FAILURES:
        log.warning("sign-in refused for %r from %s: too many failures in 15 minutes", email, client)
        return _login_page(request, db, next, t["too_many"], status=429)
    user = users.authenticate(email, password)
    if user is None:
        users.record_failure(email, client, now)
        db.commit()
        log.warning("failed sign-in for %r from %s", email, client)
        return _login_page(request, db, next, t["bad_login"], status=401)
    db.commit()  # a rehashed password
    session = session_of(request)
    session.clear()  # a new token for the new session: a token seen before signing in is worth nothing
    session.update(email=user.email, account=user.session_key, csrf=secrets.token_urlsafe(32))
    log.info("%s signed in from %s", user.email, client)
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout", summary="Sign out", include_in_schema=False, dependencies=[Depends(check_csrf)])
def logout(request: Request) -> Response:
    session_of(request).clear()
    return RedirectResponse("/events", status_code=303)


def install(app: FastAPI, config: WebConfig) -> None:
    """The private mode's gate, inside the session middleware (which is only there with a key)."""
    app.include_router(router)
    if config.private:
        _install_gate(app)
    if config.secret_key:
        _install_forget_removed(app, app.state.factory)
        app.add_middleware(SessionMiddleware, secret_key=config.secret_key, session_cookie=COOKIE,
                           max_age=SESSION_DAYS * 86400, same_site="lax", https_only=config.secure_cookies)


def _known(factory: sessionmaker[Session], session: dict[str, Any]) -> bool:
    with factory() as db:
        return _session_user(db, session.get("email"), session.get("account")) is not None


def _install_forget_removed(app: FastAPI, factory: sessionmaker[Session]) -> None:
    """A cookie of a removed account, or from before its removal, signs nobody in: the session is
    emptied before any page reads it, so no header shows the old address (added after the gate, so
    it runs before it)."""
    @app.middleware("http")
    async def forget_removed(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        session = session_of(request)
        if session.get("email") and not await run_in_threadpool(_known, factory, session):
            session.clear()
        return await call_next(request)


def _install_gate(app: FastAPI) -> None:
    """Only signed-in users read. A private view has a secret key, so _install_forget_removed runs
    before this gate and has emptied the session of a removed account: an email left is a user's."""
    @app.middleware("http")
    async def private(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        path = request.url.path
        if path in OPEN_PATHS or path.startswith("/static/"):
            return await call_next(request)
        session = session_of(request)
        if session.get("email"):
            return await call_next(request)
        if path.startswith("/api/"):
            return Response('{"status": 401, "error": "sign in first"}', status_code=401,
                            media_type="application/json")
        target = path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='/')}", status_code=303)

