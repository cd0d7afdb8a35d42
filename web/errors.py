"""The errors a handler raises; `web.app` turns them into a page (or JSON under /api/)."""

from __future__ import annotations


class WebError(Exception):
    """An answer other than 200, with a reason in both languages."""

    status = 500

    def __init__(self, vi: str, en: str | None = None) -> None:
        super().__init__(en or vi)
        self.reasons = {"vi": vi, "en": en or vi}


class BadRequest(WebError):
    status = 400


class NotFound(WebError):
    status = 404


class Forbidden(WebError):
    status = 403
