"""Storage on a real SQLite file and a real PostgreSQL server: idempotent saves, revisions, events."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import JSON, Boolean, Date, Integer, String, column, func, insert, select, table
from sqlalchemy.orm import Session, sessionmaker

from crawler.items import CooperationEvent, EventType, Extraction, NewsItem, Party
from storage.db import (
    HEAD_REVISION,
    MIGRATIONS,
    DatabaseError,
    make_engine,
    make_session_factory,
    migrate,
)
from storage.models import AccountChange, Article, ArticleRevision, Event, User, UTCDateTime
from storage.models import Party as PartyRow
from storage.repository import ArticleRepository, EventRepository, SaveResult

NOW = dt.datetime(2026, 11, 22, 5, tzinfo=dt.UTC)
ROOT = Path(__file__).resolve().parents[2]
VN = dt.timezone(dt.timedelta(hours=7))


def item(site_id: str = "102240702173012345", body: str = "Chiều 2/7, tại Seoul …", source: str = "baochinhphu") -> NewsItem:
    return NewsItem(
        source=source, url=f"https://{source}.vn/a-{site_id}.htm", site_article_id=site_id,
        title="Bước tiến quan trọng", sapo="Bản ghi nhớ", body=body,
        published_at=dt.datetime(2024, 7, 2, 17, 45, tzinfo=VN), fetched_at=NOW,
        author="Thu Trang", category="Đối ngoại", tags=("Hàn Quốc",),
    )


def mou(date: dt.date = dt.date(2024, 7, 2), kr: str = "MSS", evidence: tuple[str, ...] = ()) -> Extraction:
    event = CooperationEvent(
        evidence=evidence,
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


def test_captions_and_evidence_are_stored_and_evidence_gathered_from_each_report(
    factory: sessionmaker[Session],
) -> None:
    signed = "Chiều 2/7, tại Seoul, Bộ KH&CN và MSS ký bản ghi nhớ."
    reported = "Ngày 2/7, Bộ Khoa học và Công nghệ đã ký bản ghi nhớ với MSS."
    with factory.begin() as session:
        _, first = ArticleRepository(session).save(item().model_copy(update={"captions": ("Lễ ký - Ảnh: VGP",)}), NOW)
        _, second = ArticleRepository(session).save(item("legacy-26312", source="most"), NOW)
        events = EventRepository(session)
        events.save_extraction(first, mou(evidence=(signed,)), NOW)
        events.save_extraction(second, mou(evidence=(reported, signed)), NOW)
        event_id = first.events[0].id
    with factory() as session:
        article = ArticleRepository(session).get("baochinhphu", "102240702173012345")
        assert article is not None and article.captions == ["Lễ ký - Ảnh: VGP"]
        event = EventRepository(session).by_id(event_id)
        assert event is not None and event.evidence == [signed, reported]
    with factory.begin() as session:  # a re-parse keeps only what the parser reads now
        events = EventRepository(session)
        events.forget_evidence(ArticleRepository(session).list())
        article = ArticleRepository(session).get("baochinhphu", "102240702173012345")
        assert article is not None
        events.save_extraction(article, mou(evidence=(reported,)), NOW)
    with factory() as session:
        assert [e.id for e in EventRepository(session).list()] == [event_id]
        assert EventRepository(session).by_id(event_id).evidence == [reported]  # type: ignore[union-attr]


def test_migration_0003_leaves_rows_stored_before_it_readable(database_url: str) -> None:
    engine = make_engine(database_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        old_articles = table(  # the columns of revision 0002, without Python-side defaults
            "articles", *(column(n, String()) for n in ("source", "url", "site_article_id", "title", "sapo", "body",
                                                         "content_hash", "category", "author")),
            column("published_at", UTCDateTime()), column("fetched_at", UTCDateTime()),
            column("tags", JSON()), column("is_cooperation", Boolean()),
        )
        connection.execute(insert(old_articles).values(
            source="vtcnews", url="https://vtcnews.vn/a-ar1.html", site_article_id="1", title="Tin", sapo="",
            body="Thân bài", content_hash=item().content_hash, category="", author="", published_at=NOW,
            fetched_at=NOW, tags=[], is_cooperation=True,
        ))
        old_events = table("events", column("id", Integer()), column("type", String()), column("date", Date()),
                           column("topics", JSON()), column("signatories", JSON()), column("created_at", UTCDateTime()))
        connection.execute(insert(old_events).values(
            id=7, type="mou", date=dt.date(2024, 7, 2), topics=[], signatories=[], created_at=NOW
        ))
    migrate(engine)
    with make_session_factory(engine)() as session:
        assert session.scalars(select(Article)).one().captions == []
        assert session.scalars(select(Event)).one().evidence == []
    engine.dispose()


def test_head_revision_is_alembics_head() -> None:
    """migrate() trusts HEAD_REVISION to skip Alembic on a database already there: a new migration
    must move it."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_heads() == [HEAD_REVISION]


def test_a_database_at_head_is_migrated_without_alembic(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)  # a new database: Alembic creates every table
    engine.dispose()
    script = ("import sys; from storage.db import make_engine, migrate; "
              f"migrate(make_engine({database_url!r})); print('alembic' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "False"


def test_a_bad_database_url_is_one_clear_error() -> None:
    with pytest.raises(DatabaseError, match="COOPWATCH_DATABASE_URL"):
        make_engine("not a url")
    with pytest.raises(DatabaseError, match="COOPWATCH_DATABASE_URL"):
        make_engine("nosuchdb://x/y")


def test_migration_0014_keeps_the_accounts_made_before_it_and_gives_each_its_own_session_key(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    old_users = table("users", column("email", String()), column("role", String()),
                      column("password_hash", String()), column("created_at", UTCDateTime()))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0013")
        connection.execute(insert(old_users), [
            {"email": f"{name}@example.org", "role": "analyst", "password_hash": "$argon2id$x", "created_at": NOW}
            for name in ("ana", "ben")])
    migrate(engine)
    with make_session_factory(engine)() as session:
        users = session.scalars(select(User).order_by(User.email)).all()
        assert [(u.email, u.role, u.removed_at) for u in users] == [
            ("ana@example.org", "analyst", None), ("ben@example.org", "analyst", None)]
        assert len({u.session_key for u in users}) == 2 and all(len(u.session_key) >= 32 for u in users)
        assert session.scalars(select(AccountChange)).all() == []
    engine.dispose()
