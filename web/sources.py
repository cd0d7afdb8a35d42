"""/sources: each source's health as `coopwatch status` shows it."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from storage.browse import BrowseRepository
from web.deps import Config, DbSession
from web.filters import Lang
from web.i18n import source_label
from web.render import html_page, page_context
from web.views import local_time

router = APIRouter(tags=["pages"])


@router.get("/sources", summary="Source health (HTML)")
def sources_page(
    request: Request,
    lang: Lang,
    db: DbSession,
    settings: Config,
) -> Response:
    upcoming = settings.next_runs() if settings.next_runs else {}
    rows = []
    for health in BrowseRepository(db).source_health(settings.sources):
        run = health.last_run
        rows.append({
            "source": health.source, "label": source_label(health.source),
            "last_run": local_time(run.started_at) if run else None, "outcome": run.outcome if run else None,
            "pages": run.pages if run else None, "articles_new": run.articles_new if run else None,
            "events_new": run.events_new if run else None, "errors": run.errors if run else None,
            "messages": list(run.error_messages[:3]) if run else [],
            "next_run": local_time(upcoming.get(f"crawl:{health.source}")),
            "incidents": [{"kind": i.kind, "detail": i.detail, "opened": local_time(i.opened_at)}
                          for i in health.incidents],
        })
    return html_page(request, "sources.html.j2", {**page_context(request, lang), "rows": rows})
