"""Storage on a real SQLite file and a real PostgreSQL server: idempotent saves, revisions, events."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from crawler.items import CooperationEvent, EventType, Extraction, NewsItem, Party
from storage.db import DatabaseError, make_engine
from storage.models import Article, ArticleRevision, Event
from storage.models import Party as PartyRow
from storage.repository import ArticleRepository, EventRepository, SaveResult

NOW = dt.datetime(2026, 11, 22, 5, tzinfo=dt.UTC)
VN = dt.timezone(dt.timedelta(hours=7))


def item(site_id: str = "102240702173012345", body: str = "Chiều 2/7, tại Seoul …", source: str = "baochinhphu") -> NewsItem:
    return NewsItem(
        source=source, url=f"https://{source}.vn/a-{site_id}.htm", site_article_id=site_id,
        title="Bước tiến quan trọng", sapo="Bản ghi nhớ", body=body,
        published_at=dt.datetime(2024, 7, 2, 17, 45, tzinfo=VN), fetched_at=NOW,
        author="Thu Trang", category="Đối ngoại", tags=("Hàn Quốc",),
    )


def mou(date: dt.date = dt.date(2024, 7, 2), kr: str = "MSS") -> Extraction:
    event = CooperationEvent(
        type=EventType.MOU, date=date,
        vn_parties=(Party(name="Bộ Khoa học và Công nghệ", acronym="MOST"),),
        kr_parties=(Party(name="Bộ Doanh nghiệp vừa và nhỏ và Khởi nghiệp Hàn Quốc", acronym=kr),),
        location="Seoul", topics=("startups",),
    )
    return Extraction(relevant=True, events=(event,))


def test_saving_twice_stores_once_and_keeps_the_aware_time(factory) -> None:
    with factory.begin() as session:
        assert ArticleRepository(session).save(item(), NOW)[0] is SaveResult.NEW
    with factory.begin() as session:
        assert ArticleRepository(session).save(item(), NOW)[0] is SaveResult.UNCHANGED
    with factory() as session:
        (article,) = session.scalars(select(Article)).all()
        assert article.published_at == dt.datetime(2024, 7, 2, 10, 45, tzinfo=dt.UTC)
        assert article.tags == ["Hàn Quốc"]
        assert ArticleRepository(session).known_ids("baochinhphu") == {"102240702173012345"}


def test_a_changed_article_is_updated_and_the_change_recorded(factory) -> None:
    with factory.begin() as session:
        ArticleRepository(session).save(item(), NOW)
    with factory.begin() as session:
        result, _article = ArticleRepository(session).save(item(body="Chiều 2/7 (sửa)"), NOW)
        assert result is SaveResult.UPDATED
    with factory() as session:
        (revision,) = session.scalars(select(ArticleRevision)).all()
        assert revision.old_body == "Chiều 2/7, tại Seoul …"
        assert session.scalars(select(Article)).one().body == "Chiều 2/7 (sửa)"


def test_the_same_event_from_two_sources_is_one_event_linked_to_both(factory) -> None:
    with factory.begin() as session:
        _, first = ArticleRepository(session).save(item(), NOW)
        _, second = ArticleRepository(session).save(item("legacy-26312", source="most"), NOW)
        events = EventRepository(session)
        assert events.save_extraction(first, mou(), NOW) == 1
        assert events.save_extraction(second, mou(dt.date(2024, 7, 3)), NOW) == 0  # a day apart
        assert events.save_extraction(second, mou(dt.date(2024, 7, 3)), NOW) == 0  # re-saving
    with factory() as session:
        (event,) = session.scalars(select(Event)).all()
        assert sorted(a.source for a in event.articles) == ["baochinhphu", "most"]
        assert session.scalar(select(func.count(PartyRow.id))) == 2


def test_different_parties_or_dates_are_different_events(factory) -> None:
    with factory.begin() as session:
        _, article = ArticleRepository(session).save(item(), NOW)
        events = EventRepository(session)
        events.save_extraction(article, mou(), NOW)
        _, other = ArticleRepository(session).save(item("102240710000000000"), NOW)
        assert events.save_extraction(other, mou(dt.date(2024, 7, 10)), NOW) == 1
        _, third = ArticleRepository(session).save(item("102240711000000000"), NOW)
        assert events.save_extraction(third, mou(kr="KOSME"), NOW) == 0  # MOST matches, KR name matches
    with factory() as session:
        assert EventRepository(session).count() == 2
        assert [e.date for e in EventRepository(session).list(since=dt.date(2024, 7, 5))] == [dt.date(2024, 7, 10)]


def test_a_bad_database_url_is_one_clear_error() -> None:
    with pytest.raises(DatabaseError, match="COOPWATCH_DATABASE_URL"):
        make_engine("not a url")
    with pytest.raises(DatabaseError, match="COOPWATCH_DATABASE_URL"):
        make_engine("nosuchdb://x/y")
