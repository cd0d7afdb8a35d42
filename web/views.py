"""Stored records as the templates and feeds show them: labelled, localised, links made safe."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from alerts.compose import one_line, safe_url
from storage.corrections import CorrectedEvent, ReportingArticle
from storage.models import Party
from web.i18n import source_label, topic_label, type_label, undated

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def party_view(party: Party, english: str | None = None) -> dict[str, Any]:
    """A party with its acronym where the name lacks it, and `english` (its English name) where given."""
    acronym = party.acronym if party.acronym and party.acronym not in party.name else None
    return {"id": party.id, "name": one_line(party.name), "acronym": acronym, "country": party.country,
            "english": one_line(english) if english and english != party.name else None}


def article_view(article: ReportingArticle) -> dict[str, Any]:
    published = article.published_at.astimezone(VN_TZ) if article.published_at else None
    return {
        "title": one_line(article.title),
        "url": safe_url(article.url),
        "source": source_label(article.source),
        "published": published.strftime("%d/%m/%Y %H:%M") if published else "",
    }


def local_time(value: dt.datetime | None) -> str:
    return value.astimezone(VN_TZ).strftime("%d/%m/%Y %H:%M") if value else ""


def last_changed(event: CorrectedEvent) -> dt.datetime:
    """When the event was first stored, or its newest article's text changed, or an analyst's
    correction (or undo) last changed how it reads, whichever is latest."""
    changes = [a.updated_at for a in event.articles if a.updated_at]
    if event.corrected_at is not None:
        changes.append(event.corrected_at)
    return max([event.created_at, *changes])


def evidence(record: dict[str, Any]) -> list[str]:
    """The parser's evidence sentences, when the record carries them."""
    found = record.get("evidence") or []
    texts = [item if isinstance(item, str) else str(item.get("text") or item.get("sentence") or "") for item in found]
    return [one_line(t) for t in texts if t]


def event_view(event: CorrectedEvent, lang: str) -> dict[str, Any]:
    """One event for a page: date, type, parties with ids, place, topics, its articles."""
    articles = [article_view(a) for a in sorted(event.articles, key=lambda a: a.id)]

    def english(party: Party) -> str | None:  # for an English reader only
        return event.english_name(party) if lang == "en" else None

    return {
        "id": event.id,
        "date": event.date.strftime("%d/%m/%Y") if event.date else undated(lang),
        "iso_date": event.date.isoformat() if event.date else "",
        "type": event.type,
        "type_label": type_label(event.type, lang),
        "vn": [party_view(p, english(p)) for p in event.parties("VN")],
        "kr": [party_view(p, english(p)) for p in event.parties("KR")],
        "location": one_line(event.location),
        "topics": [topic_label(one_line(t), lang) for t in event.topics],
        "signatories": [one_line(s) for s in event.signatories],
        "articles": articles,
        "headline": articles[0]["title"] if articles else "",
        "first_stored": local_time(event.created_at),
        "last_changed": local_time(last_changed(event)),
    }


def event_title(event: CorrectedEvent, lang: str) -> str:
    """A feed entry's title: the type and the parties of both sides."""
    def names(country: str) -> str:
        return ", ".join(one_line(p.acronym or p.name) for p in event.parties(country)) or "?"

    return f"{type_label(event.type, lang)}: {names('VN')} ↔ {names('KR')}"
