"""Query parameters of the listings, validated into a filter; and the canonical query string back."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Annotated
from urllib.parse import urlencode

from fastapi import Depends, Query

from alerts.compose import TYPE_ORDER
from crawler.sources import SOURCES
from storage.browse import EventFilter
from web.errors import BadRequest
from web.i18n import LANGS

PER_PAGE = 50
MAX_TEXT = 200


@dataclass(frozen=True)
class Listing:
    """What a listing URL asks for: the filter, the page and the language."""

    filter: EventFilter
    page: int = 1
    lang: str = "vi"

    def query(self, *, page: int | None = None, lang: str | None = None, paged: bool = True) -> str:
        """The canonical query string of this listing (empty values left out)."""
        f = self.filter
        pairs = [
            ("type", f.type), ("source", f.source), ("party", f.party), ("q", f.q),
            ("since", f.since.isoformat() if f.since else None),
            ("until", f.until.isoformat() if f.until else None),
        ]
        number = page if page is not None else self.page
        if paged and number > 1:
            pairs.append(("page", str(number)))
        chosen = lang or self.lang
        if chosen != "vi":
            pairs.append(("lang", chosen))
        return urlencode([(k, v) for k, v in pairs if v])

    def with_page(self, page: int) -> Listing:
        return replace(self, page=page)

    @property
    def offset(self) -> int:
        return (self.page - 1) * PER_PAGE


def _blank(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def _choice(name: str, value: str | None, known: tuple[str, ...]) -> str | None:
    value = _blank(value)
    if value is not None and value not in known:
        raise BadRequest(
            f"{name}: không có giá trị {value!r}; các giá trị: {', '.join(known)}",
            f"{name}: unknown value {value!r}; known: {', '.join(known)}",
        )
    return value


def _text(name: str, value: str | None) -> str | None:
    value = _blank(value)
    if value is not None and (len(value) > MAX_TEXT or not value.isprintable()):
        raise BadRequest(
            f"{name}: tối đa {MAX_TEXT} ký tự in được", f"{name}: at most {MAX_TEXT} printable characters"
        )
    return value


def _date(name: str, value: str | None) -> dt.date | None:
    value = _blank(value)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else _bad_date(name, value)
    except ValueError:
        return _bad_date(name, value)


def _bad_date(name: str, value: str) -> dt.date:
    raise BadRequest(f"{name}: {value!r} không phải ngày YYYY-MM-DD", f"{name}: {value!r} is not a date (YYYY-MM-DD)")


def _page(value: str | None) -> int:
    value = _blank(value)
    if value is None:
        return 1
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= 100_000:
        raise BadRequest(
            f"page: {value!r} không phải số trang (1 trở lên)", f"page: {value!r} is not a page number (1 or more)"
        )
    return int(value)


def language(lang: Annotated[str | None, Query(description="vi (default) or en")] = None) -> str:
    """The page language: `?lang=en`, Vietnamese otherwise."""
    return _choice("lang", lang, LANGS) or "vi"


def listing(
    kind: Annotated[str | None, Query(alias="type", description="mou, letter_of_intent, agreement or meeting")] = None,
    source: Annotated[str | None, Query(description="most, baochinhphu or vtcnews")] = None,
    party: Annotated[str | None, Query(description="a party's name or acronym, Vietnamese or Korean side")] = None,
    q: Annotated[str | None, Query(description="words, all in a headline, a party's name, the place or the evidence")] = None,
    since: Annotated[str | None, Query(description="event date on or after, YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(description="event date on or before, YYYY-MM-DD")] = None,
    page: Annotated[str | None, Query(description=f"page number, {PER_PAGE} events a page")] = None,
    lang: Annotated[str | None, Query(description="vi (default) or en")] = None,
) -> Listing:
    """The listing a query string asks for; a bad value is a 400 naming the parameter."""
    wanted = EventFilter(
        type=_choice("type", kind, TYPE_ORDER),
        source=_choice("source", source, tuple(SOURCES)),
        party=_text("party", party),
        q=_text("q", q),
        since=_date("since", since),
        until=_date("until", until),
    )
    if wanted.since and wanted.until and wanted.since > wanted.until:
        raise BadRequest("since: phải trước hoặc bằng until", "since: must not be after until")
    return Listing(wanted, _page(page), language(lang))


ListingQuery = Annotated[Listing, Depends(listing)]
Lang = Annotated[str, Depends(language)]
