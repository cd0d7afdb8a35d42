"""The web view's reads on a real SQLite file and a real PostgreSQL server: filters, pages, counts, chart."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from crawler.items import CooperationEvent, EventType, Extraction, NewsItem, Party
from storage.browse import BrowseRepository, EventFilter
from storage.repository import ArticleRepository, EventRepository

NOW = dt.datetime(2026, 11, 22, 5, tzinfo=dt.UTC)
KINDS = [EventType.MOU, EventType.MEETING, EventType.AGREEMENT]
EVIDENCE_ONLY = "graphene"  # a word no headline, party or place has


def store(factory, count: int = 30) -> None:
    """`count` events: three types, two sources, spread over months, a few undated, one with evidence."""
    with factory.begin() as session:
        for n in range(count):
            source = ("vtcnews", "baochinhphu")[n % 2]
            item = NewsItem(source=source, url=f"https://{source}.vn/tin-{n}-ar{n}.html", site_article_id=str(n),
                            title=f"Hợp tác khoa học số {n}", body="…", published_at=NOW, fetched_at=NOW)
            date = None if n % 7 == 6 else dt.date(2024, 1, 1) + dt.timedelta(days=11 * n)
            evidence = (f"Hai bên sẽ nghiên cứu vật liệu {EVIDENCE_ONLY} mới.",) if n == 13 else (f"Câu {n}.",)
            event = CooperationEvent(type=KINDS[n % 3], date=date, evidence=evidence,
                                     vn_parties=(Party(name=f"Viện Việt Nam {n % 4}"),),
                                     kr_parties=(Party(name=f"Viện Hàn Quốc {n % 5}", acronym=f"K{n % 5}"),))
            _, article = ArticleRepository(session).save(item, NOW)
            EventRepository(session).save_extraction(article, Extraction(relevant=True, events=(event,)), NOW)


def test_q_finds_an_event_by_a_word_only_its_evidence_has(factory) -> None:
    store(factory)
    with factory() as session:
        repo = BrowseRepository(session)
        for wanted in (EventFilter(q=EVIDENCE_ONLY), EventFilter(q=EVIDENCE_ONLY.upper()), EventFilter(q="vật liệu"),
                       EventFilter(q="VẬT LIỆU")):
            found = repo.page(wanted)
            assert [e.evidence for e in found.events] == [[f"Hai bên sẽ nghiên cứu vật liệu {EVIDENCE_ONLY} mới."]]
            assert found.total == 1 == repo.count(wanted)
            assert [e.id for e in repo.events(wanted, order="stored")] == [found.events[0].id]


FILTERS = [
    EventFilter(),
    EventFilter(type="mou"),
    EventFilter(since=dt.date(2024, 3, 1), until=dt.date(2024, 9, 1)),
    EventFilter(source="vtcnews"),
    EventFilter(party="K3"),
    EventFilter(party="viet nam 1", type="meeting"),
    EventFilter(q="khoa học số"),
    EventFilter(q="số 2"),
    EventFilter(q="100%_/"),  # LIKE's wildcards and escape character are plain letters in a search
]


@pytest.mark.parametrize("wanted", FILTERS, ids=[str(i) for i in range(len(FILTERS))])
def test_a_page_holds_the_events_count_and_chart_of_its_filter(factory, wanted: EventFilter) -> None:
    store(factory)
    with factory() as session:
        repo = BrowseRepository(session)
        everything = repo.events(wanted, 0, 1000)
        assert everything or wanted.q == "100%_/"
        expected_order = sorted(everything, key=lambda e: (e.date is not None, e.date or dt.date.min, e.id),
                                reverse=True)
        assert list(everything) == expected_order  # newest event date first, undated last
        pages = [repo.page(wanted, offset, 4) for offset in range(0, 40, 4)]
        assert [e.id for p in pages for e in p.events] == [e.id for e in everything]
        assert {p.total for p in pages} == {len(everything)} == {repo.count(wanted)}
        months = Counter((e.date.year, e.date.month, e.type) for e in everything if e.date)
        chart = pages[0].months
        assert Counter({(c.year, c.month, c.type): c.events for c in chart}) == months
        assert [(c.year, c.month) for c in chart] == sorted((c.year, c.month) for c in chart)


def test_pages_read_from_a_filter_s_matches_are_those_read_month_by_month(factory, monkeypatch) -> None:
    """A page of a filter that matches few events of its months is read from the matches gathered
    first (`storage.paging.SPARSE`; at 0, every filter here): the same rows as row by row."""
    store(factory)

    def paged() -> list[list[int]]:
        with factory() as session:
            repo = BrowseRepository(session)
            return [[e.id for offset in range(0, 40, 4) for e in repo.page(wanted, offset, 4).events] for wanted in FILTERS]

    row_by_row = paged()
    monkeypatch.setattr("storage.paging.SPARSE", 0)
    assert paged() == row_by_row and sum(map(bool, row_by_row)) == len(FILTERS) - 1


@pytest.mark.parametrize("wanted", [EventFilter(), EventFilter(source="vtcnews"), EventFilter(q="khoa học")],
                         ids=["all", "source", "q"])
def test_the_export_rows_are_the_listed_events_with_their_parties_and_articles(factory, wanted: EventFilter) -> None:
    store(factory)
    with factory() as session:
        repo = BrowseRepository(session)
        listed, exported = repo.events(wanted, 3, 20), repo.export(wanted, 3, 20)
        assert [e.id for e in exported] == [e.id for e in listed] and listed
        for row, event in zip(exported, listed, strict=True):
            assert (row.date, row.type, row.created_at) == (event.date, event.type, event.created_at)
            for country in ("VN", "KR"):
                assert [(p.name, p.acronym) for p in row.parties if p.country == country] == [
                    (p.name, p.acronym) for p in event.parties(country)]
            assert [(a.source, a.url, a.title) for a in row.articles] == [
                (a.source, a.url, a.title) for a in sorted(event.articles, key=lambda a: a.id)]


def test_q_reads_the_folded_text_kept_in_step_with_every_write(factory, database_url: str) -> None:
    """Evidence words with or without diacritics; a party correction, a re-parse's emptied evidence,
    a changed headline and a migration over events stored before it all change what `q` finds."""
    from alembic import command
    from alembic.config import Config

    from storage.correction_log import CorrectionLog, Who
    from storage.db import MIGRATIONS, make_engine, migrate

    store(factory, 3)
    with factory.begin() as session:
        repo = BrowseRepository(session)
        [event] = repo.events(EventFilter(q="Câu 1"))
        log = CorrectionLog(session)
        log.edit(event.id, {"vn_parties": [log.party("VN", "Trường Đại học Bách khoa Hà Nội")]},
                 Who(by="analyst@example.org", at=NOW, why="the article names the university"))

    def found(q: str) -> list[str]:
        with factory() as session:
            return [e.evidence[0] for e in BrowseRepository(session).page(EventFilter(q=q)).events]

    assert sorted(found("câu")) == sorted(found("CAU")) == ["Câu 0.", "Câu 1.", "Câu 2."]  # evidence only
    assert found("câu 1") == found("cau 1") == ["Câu 1."]
    assert found("bách khoa") == found("bach khoa") == ["Câu 1."]  # the corrected party
    assert "Câu 1." not in found("Việt Nam 1")  # the parser's party, corrected away
    engine = make_engine(database_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0007")
    migrate(engine)  # 0008 again, over the events already stored
    engine.dispose()
    assert found("cau 2") == ["Câu 2."] and found("vien han quoc 2") == ["Câu 2."]
    with factory.begin() as session:
        articles = ArticleRepository(session)
        EventRepository(session).forget_evidence(articles.list())
        updated = NewsItem(source="baochinhphu", url="https://baochinhphu.vn/tin-1-ar1.html", site_article_id="1",
                           title="Ký kết về bán dẫn", body="… mới", published_at=NOW, fetched_at=NOW)
        articles.save(updated, NOW)
    assert found("câu") == []
    with factory() as session:
        assert [e.articles[0].title for e in BrowseRepository(session).page(EventFilter(q="ban dan")).events] == [
            "Ký kết về bán dẫn"]


def test_the_chart_of_all_events_follows_inserts_deletes_and_corrections(factory) -> None:
    """The day and month counts behind it (storage/counts.py) against the listed events, after each kind of write."""
    from storage.correction_log import CorrectionLog, Who
    from storage.models import Event

    def check() -> None:
        with factory() as session:
            repo = BrowseRepository(session)
            for wanted in (EventFilter(), EventFilter(type="mou"), EventFilter(since=dt.date(2024, 3, 1)),
                           # ranges that cut months: whole months from the month counts, the rest by day
                           EventFilter(since=dt.date(2024, 2, 10), until=dt.date(2024, 8, 20)),
                           EventFilter(type="meeting", until=dt.date(2024, 4, 30)),
                           EventFilter(since=dt.date(2024, 3, 5), until=dt.date(2024, 3, 25)),
                           EventFilter(since=dt.date(2024, 3, 5), until=dt.date(2024, 4, 2))):
                listed = repo.events(wanted, 0, 1000)
                overview = repo.overview(wanted)
                assert overview.total == len(listed) == repo.page(wanted).total
                assert Counter({(c.year, c.month, c.type): c.events for c in overview.months}) == Counter(
                    (e.date.year, e.date.month, e.type) for e in listed if e.date)

    store(factory, 8)
    check()
    with factory.begin() as session:
        ids = sorted(e.id for e in BrowseRepository(session).events(EventFilter(), 0, 100))
        log, who = CorrectionLog(session), Who(by="analyst@example.org", at=NOW, why="checked")
        log.hide(ids[0], who)
        log.edit(ids[1], {"location": "Seoul"}, who)  # corrected (a date or type edit is charted at the parser's)
        session.delete(session.get(Event, ids[2]))
    check()


def test_the_source_filter_follows_links_dates_deletes_and_corrections(factory) -> None:
    """`event_sources` (storage/search.py) against each event's own articles, and the source filter's
    count and chart (read from that table alone) against its listed events, after each kind of write."""
    from storage.correction_log import CorrectionLog, Who
    from storage.models import Article, Event

    filters = [EventFilter(source=s, type=t, since=since) for s in ("vtcnews", "baochinhphu")
               for t in (None, "mou") for since in (None, dt.date(2024, 3, 1))]

    def check() -> None:
        with factory() as session:
            repo = BrowseRepository(session)
            every = repo.events(EventFilter(), 0, 1000)
            for wanted in filters:
                listed = repo.events(wanted, 0, 1000)
                expected = [e.id for e in every if any(a.source == wanted.source for a in e.articles)
                            and wanted.type in (None, e.type)
                            and (wanted.since is None or (e.date is not None and e.date >= wanted.since))]
                assert [e.id for e in listed] == expected
                page = repo.page(wanted)
                assert page.total == len(listed) == repo.overview(wanted).total
                assert Counter({(c.year, c.month, c.type): c.events for c in page.months}) == Counter(
                    (e.date.year, e.date.month, e.type) for e in listed if e.date)
                assert [e.id for e in page.events] == expected[:50]

    store(factory, 12)
    check()
    with factory.begin() as session:
        ids = sorted(e.id for e in BrowseRepository(session).events(EventFilter(), 0, 100))
        first, second = session.get(Event, ids[0]), session.get(Event, ids[1])
        assert first is not None and second is not None
        first.articles.append(second.articles[0])  # now reported by both sources
        second.date = dt.date(2023, 5, 5)  # moved out of `since`
        second.type = "mou"
    check()
    with factory.begin() as session:
        article = session.get(Article, ids[3])  # an article's events lose their source
        assert article is not None
        session.delete(article)
        session.delete(session.get(Event, ids[4]))
    check()
    with factory.begin() as session:
        log, who = CorrectionLog(session), Who(by="analyst@example.org", at=NOW, why="checked")
        log.hide(ids[5], who)
        log.edit(ids[6], {"type": "meeting"}, who)
        log.merge(ids[7], ids[8], who)  # the merged event's articles (another source) go with it
    check()
