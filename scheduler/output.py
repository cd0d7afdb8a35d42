"""Rendering stored records as table, JSON or CSV for the command line."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from crawler.sources import VN_TZ
from storage.corrections import CorrectedEvent
from storage.models import Article


def article_record(article: Article, full: bool = True, event_ids: list[int] | None = None) -> dict[str, Any]:
    """An article as the `articles` command's JSON promises it (`event_ids`: its corrected events)."""
    return {
        "id": article.id,
        "source": article.source,
        "url": article.url,
        "site_article_id": article.site_article_id,
        "title": article.title,
        "sapo": article.sapo,
        "body": article.body if full else article.body[:300],
        "captions": list(article.captions),
        "published_at": article.published_at.astimezone(VN_TZ).isoformat() if article.published_at else None,
        "fetched_at": article.fetched_at.isoformat(),
        "author": article.author,
        "category": article.category,
        "tags": list(article.tags),
        "is_cooperation": article.is_cooperation,
        "event_ids": [e.id for e in article.events] if event_ids is None else event_ids,
    }


def event_record(event: CorrectedEvent) -> dict[str, Any]:
    """An event as the `items` command's JSON promises it."""
    def parties(country: str) -> list[dict[str, str | None]]:
        return [{"name": p.name, "acronym": p.acronym, "english_name": event.english_name(p)}
                for p in event.parties(country)]

    return {
        "id": event.id,
        "type": event.type,
        "date": event.date.isoformat() if event.date else None,
        "location": event.location,
        "vn_parties": parties("VN"),
        "kr_parties": parties("KR"),
        "signatories": list(event.signatories),
        "topics": list(event.topics),
        "evidence": list(event.evidence),
        "first_stored_at": event.created_at.isoformat(),
        "articles": [
            {
                "id": a.id,
                "source": a.source,
                "url": a.url,
                "title": a.title,
                "published_at": a.published_at.astimezone(VN_TZ).isoformat() if a.published_at else None,
            }
            for a in sorted(event.articles, key=lambda a: a.id)
        ],
    }


def render(records: list[dict[str, Any]], fmt: str, columns: list[str]) -> str:
    """Records as a JSON array, CSV (nested values as JSON) or an aligned text table."""
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=2)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(records[0]) if records else columns)
        writer.writeheader()
        for record in records:
            writer.writerow({k: _flat(v) for k, v in record.items()})
        return buffer.getvalue().rstrip("\n")
    return _table(records, columns)


def _flat(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(
            (v.get("acronym") or v.get("name") or "") if isinstance(v, dict) else str(v) for v in value
        )
    return "" if value is None else str(value)


def _table(records: list[dict[str, Any]], columns: list[str]) -> str:
    rows = [[_cell(r.get(c))[:60] for c in columns] for r in records]
    widths = [max([len(c), *(len(row[i]) for row in rows)]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths))]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)) for row in rows]
    lines.append(f"({len(records)} rows)")
    return "\n".join(lines)
