"""Corrections on a real SQLite file and a real PostgreSQL server: the corrected view, re-reads, undo."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from crawler.items import CooperationEvent, EventType, Extraction, NewsItem, Party
from scheduler.digests import digest_events
from scheduler.output import event_record
from storage.browse import BrowseRepository, EventFilter
from storage.correction_log import CorrectionLog, Who, gold_records
from storage.corrections import CorrectedView, list_events
from storage.models import Article, Correction, Event, Subscriber
from storage.repository import ArticleRepository, EventRepository

NOW = dt.datetime(2026, 11, 22, 5, tzinfo=dt.UTC)
ANALYST = Who(by="analyst@example.org", at=NOW, why="read the article")
VN = dt.timezone(dt.timedelta(hours=7))


def item(site_id: str, title: str = "Ký kết hợp tác") -> NewsItem:
    return NewsItem(
        source="baochinhphu", url=f"https://baochinhphu.vn/a-102{site_id}.htm", site_article_id=site_id,
        title=title, sapo="Bản ghi nhớ", body="Ngày 2/7, tại Seoul, hai bên ký kết.",
        published_at=dt.datetime(2024, 7, 2, 17, 45, tzinfo=VN), fetched_at=NOW,
    )


def signing(kind: EventType = EventType.MOU, date: dt.date = dt.date(2024, 7, 2), vn: str = "Bộ Khoa học và Công nghệ",
            kr: str = "Viện Phát triển công nghệ Hàn Quốc", kr_acronym: str = "KIAT") -> CooperationEvent:
    return CooperationEvent(type=kind, date=date, vn_parties=(Party(name=vn, acronym="MOST"),),
                            kr_parties=(Party(name=kr, acronym=kr_acronym),), location="Seoul")


def read(factory: sessionmaker[Session], site_id: str, *events: CooperationEvent) -> tuple[int, list[int]]:
    """Store an article and what 'the parser' read in it; returns the article's id and its events' ids."""
    with factory.begin() as session:
        _, article = ArticleRepository(session).save(item(site_id), NOW)
        EventRepository(session).save_extraction(article, Extraction(relevant=bool(events), events=events), NOW)
        return article.id, [e.id for e in article.events]


def reread(factory: sessionmaker[Session], article_id: int, *events: CooperationEvent) -> None:
    """What `reparse` or a later crawl does to one article: the parser reads it again."""
    with factory.begin() as session:
        article = session.get(Article, article_id)
        assert article is not None
        repo = EventRepository(session)
        repo.forget_evidence([article])
        repo.save_extraction(article, Extraction(relevant=bool(events), events=events), NOW)
        repo.delete_orphans()


def listed(factory: sessionmaker[Session], **wanted: object) -> dict[int, dict]:
    with factory() as session:
        return {e.id: event_record(e) for e in BrowseRepository(session).events(EventFilter(**wanted))}  # type: ignore[arg-type]


def test_an_edit_is_what_everyone_reads_and_the_parser_row_is_kept(factory) -> None:
    _, [event_id] = read(factory, "1", signing())
    with factory.begin() as session:
        CorrectionLog(session).edit(event_id, {"type": "agreement", "date": dt.date(2024, 7, 3)}, ANALYST)
    with factory() as session:
        assert [(e.type, e.date) for e in list_events(session)] == [("agreement", dt.date(2024, 7, 3))]
        stored = session.get(Event, event_id)
        assert stored is not None and (stored.type, stored.date) == ("mou", dt.date(2024, 7, 2))  # the parser's
        repo = BrowseRepository(session)
        assert [e.id for e in repo.events(EventFilter(type="agreement"))] == [event_id]
        assert repo.count(EventFilter(type="mou")) == 0 and repo.count(EventFilter(type="agreement")) == 1
        assert repo.count(EventFilter(since=dt.date(2024, 7, 3))) == 1
        shown = repo.event(event_id)
        assert shown is not None and shown.type == "agreement"


def test_edits_survive_the_parser_reading_the_article_again_and_undo_restores(factory) -> None:
    article_id, [event_id] = read(factory, "1", signing())
    with factory.begin() as session:
        [correction] = CorrectionLog(session).edit(event_id, {"type": "agreement"}, ANALYST)
        correction_id = correction.id
    reread(factory, article_id, signing())  # the parser says the same as before
    assert [(i, e["type"]) for i, e in listed(factory).items()] == [(event_id, "agreement")]
    with factory() as session:
        assert CorrectionLog(session).conflicts() == []
    with factory.begin() as session:
        CorrectionLog(session).undo(correction_id, ANALYST)
    assert [(i, e["type"]) for i, e in listed(factory).items()] == [(event_id, "mou")]
    with factory() as session:
        audit = CorrectionLog(session).audit()
        assert [(a.correction.kind, a.undone_by) for a in audit] == [("edit", audit[1].correction.id), ("undo", None)]


def test_where_the_parser_now_reads_otherwise_the_correction_wins_and_the_conflict_is_listed(factory) -> None:
    article_id, [event_id] = read(factory, "1", signing())
    with factory.begin() as session:
        CorrectionLog(session).edit(event_id, {"type": "agreement"}, ANALYST)
    reread(factory, article_id, signing(kind=EventType.MEETING))  # a changed parser: now a meeting
    assert [(i, e["type"]) for i, e in listed(factory).items()] == [(event_id, "agreement")]
    with factory() as session:
        [conflict] = CorrectionLog(session).conflicts()
        assert f"no longer reads event {event_id}" in conflict.detail and "meeting" in conflict.detail
        assert [e.id for e in list_events(session)] == [event_id]
        assert session.scalar(select(func.count(Event.id))) == 2  # the parser's new reading is kept, hidden
    reread(factory, article_id, signing())  # and back: the conflict is over
    with factory() as session:
        assert CorrectionLog(session).conflicts() == []
        assert [e.id for e in list_events(session)] == [event_id]


def test_a_field_the_parser_changes_under_a_correction_is_a_conflict(factory) -> None:
    article_id, [event_id] = read(factory, "1", signing())
    with factory.begin() as session:
        log = CorrectionLog(session)
        log.edit(event_id, {"vn_parties": [log.party("VN", "Bộ Khoa học và Công nghệ"),
                                           log.party("VN", "Trung tâm Khuyến nông tỉnh Thái Bình")]}, ANALYST)
        log.edit(event_id, {"location": "Hà Nội"}, ANALYST)
    reread(factory, article_id, signing().model_copy(update={"location": "Busan"}))
    with factory() as session:
        [conflict] = CorrectionLog(session).conflicts()
        assert conflict.detail == "the parser now reads location = Busan; the correction keeps Hà Nội"
        [event] = list_events(session)
        assert event.location == "Hà Nội"
        assert [p.name for p in event.parties("VN")] == ["Bộ Khoa học và Công nghệ", "Trung tâm Khuyến nông tỉnh Thái Bình"]


def test_a_hidden_event_is_gone_from_every_reader_and_kept_in_the_database(factory) -> None:
    article_id, [event_id] = read(factory, "1", signing())
    _, [other_id] = read(factory, "2", signing(kr="Tập đoàn Samsung", kr_acronym=None))
    with factory.begin() as session:
        session.add(Subscriber(email="reader@example.org", created_at=NOW))
        CorrectionLog(session).hide(event_id, ANALYST)
    reread(factory, article_id, signing())
    with factory() as session:
        assert [e.id for e in list_events(session)] == [other_id]
        repo = BrowseRepository(session)
        assert [e.id for e in repo.events(EventFilter())] == [other_id] and repo.count(EventFilter()) == 1
        assert repo.event(event_id) is None
        assert sum(m.events for m in repo.per_month(EventFilter())) == 1
        subscriber = session.scalars(select(Subscriber)).one()
        assert [r["id"] for r in digest_events(session, subscriber)] == [other_id]
        assert session.get(Event, event_id) is not None


def test_merged_events_show_once_with_both_articles(factory) -> None:
    first_article, [kept] = read(factory, "1", signing())
    second_article, [gone] = read(factory, "2", signing(date=dt.date(2024, 7, 9), kr="Viện KIAT", kr_acronym=None))
    assert kept != gone
    with factory.begin() as session:
        CorrectionLog(session).merge(kept, gone, ANALYST)
    records = listed(factory)
    assert list(records) == [kept]
    assert [a["id"] for a in records[kept]["articles"]] == [first_article, second_article]
    with factory() as session:
        shown = CorrectedView(session).by_id(gone)  # the old id leads to the event it went into
        assert shown is not None and shown.id == kept
        assert BrowseRepository(session).count(EventFilter(source="baochinhphu")) == 1


def test_q_finds_an_organisation_by_the_name_an_analyst_gave_and_by_a_merged_spelling(factory) -> None:
    """On both databases: `q` reads an FTS5 index on SQLite and LIKE through pg_trgm on PostgreSQL."""
    _, [mine] = read(factory, "1", signing(kr="Viện Công nghệ Hàn Quốc", kr_acronym=None))
    _, [other] = read(factory, "2", signing(date=dt.date(2024, 7, 9), kr="Viện Cơ khí Hàn Quốc", kr_acronym=None))
    with factory.begin() as session:
        kept, merged = (session.get_one(Event, i).parties("KR")[0].id for i in (mine, other))
        log = CorrectionLog(session)
        log.merge_parties(merged, kept, ANALYST)
        log.rename_party(kept, "Viện Máy móc Hàn Quốc", "Korea Machinery Institute", ANALYST)
    with factory() as session:
        repo = BrowseRepository(session)
        for words in ("máy móc", "MACHINERY", "cơ khí"):
            page = repo.page(EventFilter(q=words))
            assert [e.id for e in page.events] == [other, mine] and page.total == 2 == repo.count(EventFilter(q=words))


def test_an_added_event_appears_and_lasts_through_a_reparse(factory) -> None:
    article_id, _ = read(factory, "1")  # the parser found nothing
    with factory.begin() as session:
        log = CorrectionLog(session)
        article = session.get(Article, article_id)
        assert article is not None
        log.add(article, {"type": "meeting", "date": dt.date(2024, 7, 2),
                          "vn_parties": [log.party("VN", "UBND tỉnh Bắc Ninh")],
                          "kr_parties": [log.party("KR", "tỉnh Gyeonggi")]}, ANALYST)
    reread(factory, article_id)  # still nothing: the analyst's event stays
    [record] = listed(factory).values()
    assert record["type"] == "meeting" and record["vn_parties"][0]["name"] == "UBND tỉnh Bắc Ninh"
    assert [a["id"] for a in record["articles"]] == [article_id]
    with factory() as session:
        [gold] = gold_records(session)
        assert list(gold) == ["id", "url", "title", "published_at", "text", "relevant", "events"]
        assert gold["relevant"] is True
        assert list(gold["events"][0]) == ["type", "date", "vn_parties", "kr_parties", "location"]
        assert gold["events"][0]["kr_parties"] == [{"name": "tỉnh Gyeonggi", "aliases": []}]


def test_nothing_is_deleted(factory) -> None:
    article_id, [event_id] = read(factory, "1", signing())
    with factory.begin() as session:
        log = CorrectionLog(session)
        hide = log.hide(event_id, ANALYST)
        log.undo(hide.id, ANALYST)
        log.edit(event_id, {"date": None}, ANALYST)
    reread(factory, article_id)  # the parser no longer finds any event in the article
    with factory() as session:
        assert session.get(Event, event_id) is not None
        assert session.scalar(select(func.count(Correction.id))) == 3
        [event] = list_events(session)
        assert event.id == event_id and event.date is None
        [conflict] = CorrectionLog(session).conflicts()
        assert conflict.detail == f"the parser no longer reads event {event_id} from this article"


def test_an_event_kept_only_for_the_record_is_not_listed(factory) -> None:
    article_id, [event_id] = read(factory, "1", signing())
    with factory.begin() as session:
        log = CorrectionLog(session)
        [correction] = log.edit(event_id, {"type": "agreement", "location": "Hà Nội"}, ANALYST)[:1]
        log.undo(correction.id, ANALYST)
    reread(factory, article_id)  # the parser no longer reads the event: one conflict, however many fields
    with factory() as session:
        assert len(CorrectionLog(session).conflicts()) == 1
    with factory.begin() as session:
        log = CorrectionLog(session)
        log.undo(next(a.correction.id for a in log.audit() if a.correction.field == "location"), ANALYST)
    reread(factory, article_id, signing(kr="Tập đoàn Samsung", kr_acronym=None))
    with factory() as session:
        assert session.get(Event, event_id) is not None  # kept: corrections name it
        [event] = list_events(session)
        assert event.id != event_id and event.parties("KR")[0].name == "Tập đoàn Samsung"
        assert CorrectionLog(session).conflicts() == []
