"""Dates as Vietnamese news writes them, resolved against the publication date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

_CUE = (
    r"(?:(?:vào\s+)?(?:sáng|chiều|tối|trưa|đêm|hôm|ngày|rạng sáng)(?:\s+(?:ngày|nay|qua))?"
    r"|thứ\s+(?:hai|ba|tư|năm|sáu|bảy|\d)|chủ\s+nhật)(?:\s+(?:mùng|mồng))?"  # 'ngày mùng 5/3'
)
_NUMERIC = re.compile(
    rf"(?P<cue>{_CUE})?[\s,()]*(?:\((?:thứ\s+\w+|chủ nhật)\)\s*)?"
    r"(?<![\d/.,-])(?P<d>\d{1,2})\s*(?P<sep>[/.-])\s*(?P<m>\d{1,2})(?:\s*(?P=sep)\s*(?P<y>\d{4}))?(?![\d%]|[/-]\d|,\d)",
    re.IGNORECASE,
)
_DAY_MONTH = re.compile(r"\d\s*[/.-]\s*\d")
# months written as words ('14 tháng Mười', 'mùng 2 tháng Chín'), longest first so 'Mười một' wins over 'Mười'
_MONTH_WORDS = {"mười hai": 12, "mười một": 11, "mười": 10, "giêng": 1, "hai": 2, "ba": 3, "tư": 4, "năm": 5,
                "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "chạp": 12}
_WORDS = re.compile(
    r"(?:[Nn]gày|NGÀY)\s+(?:(?:mùng|mồng)\s+)?(?P<d>\d{1,2})\s+(?:[Tt]háng|THÁNG)\s+(?P<m>\d{1,2}|"
    + "|".join(w.capitalize() for w in _MONTH_WORDS) + r")(?![\wÀ-ỹ])(?:\s+năm\s+(?P<y>\d{4}))?"
)
_MONTH = re.compile(r"tháng\s+(?P<m>\d{1,2})\s*(?:[/-]|\s+năm)\s*(?P<y>\d{4})", re.IGNORECASE)


@dataclass(frozen=True)
class DateMention:
    """A date found in text: `day` is None when only the month is known."""

    start: int
    year: int | None
    month: int
    day: int | None
    explicit_year: bool


def find_dates(text: str) -> list[DateMention]:
    """Every date mention, in text order. A bare D/M needs a cue word (ngày, chiều, hôm …)."""
    return list(_find_dates(text))


@lru_cache(maxsize=2048)
def _find_dates(text: str) -> tuple[DateMention, ...]:
    found: list[DateMention] = []
    months = "tháng" in text.lower()  # both word patterns need it: most sentences are read by one look
    for m in _WORDS.finditer(text) if months else ():
        found.append(_mention(m.start(), m["d"], m["m"], m["y"]))
    for m in _NUMERIC.finditer(text) if _DAY_MONTH.search(text) else ():  # the cue-first pattern is slow: look once
        weekday_in_brackets = "(" in m.group(0)[: m.start("d") - m.start()]
        if not m["y"] and not m["cue"] and not weekday_in_brackets:
            continue
        if any(abs(f.start - m.start()) < 3 for f in found):
            continue
        found.append(_mention(m.start("d") if not m["cue"] else m.start(), m["d"], m["m"], m["y"]))
    for m in _MONTH.finditer(text) if months else ():
        if not any(f.start <= m.start() <= f.start + 25 for f in found):
            found.append(DateMention(m.start(), int(m["y"]), int(m["m"]), None, True))
    valid = [f for f in found if 1 <= f.month <= 12 and (f.day is None or 1 <= f.day <= 31)]
    return tuple(sorted(valid, key=lambda f: f.start))


def _mention(start: int, d: str, m: str, y: str | None) -> DateMention:
    month = int(m) if m.isdigit() else _MONTH_WORDS[m.lower()]
    return DateMention(start, int(y) if y else None, month, int(d), bool(y))


def resolve(mention: DateMention, published: dt.date | None) -> dt.date | None:
    """The calendar day of a mention; a missing year comes from `published`, and lands at most a few days after it."""
    if mention.day is None:
        return None
    if mention.year is not None:
        return _safe(mention.year, mention.month, mention.day)
    if published is None:
        return None
    day = _safe(published.year, mention.month, mention.day)
    if day is not None and (day - published).days > _PUBLISHED_EARLY:
        day = _safe(published.year - 1, mention.month, mention.day)
    return day


# a page's date may be a day or two before the event it reports (its draft's date, another time zone): a day that
# close after it is of the same year, not of the year before
_PUBLISHED_EARLY = 3


_RANGE_START = re.compile(r"\btừ\s+(?:ngày\s+)?\d{1,2}(?:/\d{1,2})?\s+(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?$", re.IGNORECASE)


def parse_date(text: str, published: dt.date | None) -> dt.date | None:
    """The first day-precise date in `text`, resolved against `published`; a range gives none."""
    for mention in find_dates(text):
        if _RANGE_START.search(text[max(0, mention.start - 30) : mention.start]):
            continue  # 'từ ngày 3 đến ngày 5/6': a trip, not one day
        day = resolve(mention, published)
        if day is not None:
            return day
    return _relative_day(text, published)


# 'Sáng nay, …' is the day of publication, 'Chiều qua, …' the day before (rule 7: the text gives the day)
_TODAY = re.compile(r"(?<![\wÀ-ỹ])(?:(?:[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa) nay|[Hh]ôm nay)(?![\wÀ-ỹ])")
_YESTERDAY = re.compile(r"(?<![\wÀ-ỹ])(?:(?:[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa) qua|[Hh]ôm qua)(?![\wÀ-ỹ])")


def _relative_day(text: str, published: dt.date | None) -> dt.date | None:
    if published is None:
        return None
    if _TODAY.search(text):
        return published
    if _YESTERDAY.search(text):
        return published - dt.timedelta(days=1)
    return None


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def opening_day(text: str, published: dt.date | None, within: int = 25) -> dt.date | None:
    """The day a sentence opens with ('Sáng 03/12/2025, …'), if it opens with one and it is no range."""
    mentions = find_dates(text)
    if not mentions or mentions[0].start >= within or mentions[0].day is None:
        return None
    if _RANGE_START.search(text[max(0, mentions[0].start - 30) : mentions[0].start]):
        return None
    return resolve(mentions[0], published)
