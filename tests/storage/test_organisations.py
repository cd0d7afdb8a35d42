"""Organisations merged and renamed, corrected dates in the listing order and chart, and splits,
on a real SQLite file (nothing here is dialect-specific beyond what test_corrections covers)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from crawler.items import CooperationEvent, EventType
from crawler.items import Party as Found
from scheduler.digests import digest_events
from scheduler.output import event_record
from storage.browse import BrowseRepository, EventFilter
from storage.correction_log import CorrectionLog
from storage.corrections import CorrectedView, CorrectionError, list_events
from storage.db import make_engine, make_session_factory, migrate
from storage.models import Event, Party, Subscriber
from storage.organisations import list_organisations
from tests.storage.test_corrections import ANALYST, read, reread


@pytest.fixture
def sqlite(tmp_path: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'orgs.db'}")
    migrate(engine)
    yield make_session_factory(engine)
    engine.dispose()


def party_id(session: Session, country: str, name: str) -> int:
    return session.scalars(select(Party.id).where(Party.country == country, Party.name == name)).one()


def pair(vn: str, kr: str, day: dt.date = dt.date(2024, 7, 2)) -> CooperationEvent:
    """A signing whose parties carry no acronym, so each spelling is a party row of its own."""
    return CooperationEvent(type=EventType.MOU, date=day, vn_parties=(Found(name=vn),), kr_parties=(Found(name=kr),))


def test_spellings_merged_and_renamed_are_one_organisation_everywhere(sqlite: sessionmaker[Session]) -> None:
    _, [first] = read(sqlite, "1", pair("Bộ KH&CN", "Viện A"))
    _, [second] = read(sqlite, "2", pair("Bộ Khoa học và Công nghệ", "Viện B", dt.date(2024, 8, 1)))
    with sqlite.begin() as session:
        short, full = party_id(session, "VN", "Bộ KH&CN"), party_id(session, "VN", "Bộ Khoa học và Công nghệ")
        log = CorrectionLog(session)
        log.merge_parties(short, full, ANALYST)
        log.rename_party(full, "Bộ Khoa học và Công nghệ Việt Nam", "Ministry of Science and Technology", ANALYST)
        with pytest.raises(CorrectionError, match=f"party {short} is merged into party {full}"):
            log.rename_party(short, "x", None, ANALYST)
        with pytest.raises(CorrectionError, match="is VN and party .* KR"):
            log.merge_parties(full, party_id(session, "KR", "Viện A"), ANALYST)
    with sqlite() as session:
        records = [event_record(e) for e in list_events(session)]
        assert {r["vn_parties"][0]["name"] for r in records} == {"Bộ Khoa học và Công nghệ Việt Nam"}
        repo = BrowseRepository(session)
        assert {e.id for e in repo.events(EventFilter(party="Bộ KH&CN"))} == {first, second}
        assert {e.id for e in repo.events(EventFilter(party="Việt Nam"))} == {first, second}
        assert [c.party.name for c in repo.counterparts(session.get(Party, short))] == ["Viện A", "Viện B"]
        assert {e.id for e in repo.party_events(short)} == {first, second}
        [csv_row] = [r for r in repo.export(EventFilter()) if r.id == first]
        assert [p.name for p in csv_row.parties if p.country == "VN"] == ["Bộ Khoa học và Công nghệ Việt Nam"]
        [org] = list_organisations(CorrectedView(session), "VN")
        assert (org.party.id, org.english, org.spellings, org.events) == (
            full, "Ministry of Science and Technology", ["Bộ Khoa học và Công nghệ", "Bộ KH&CN"], 2)
        assert session.get(Party, full).name == "Bộ Khoa học và Công nghệ"  # the parser's row is kept
        subscriber = Subscriber(email="s@example.org", parties=["Bộ KH&CN"], sources=[], types=[], keywords=[],
                                watermark_event_id=0, created_at=ANALYST.at)
        assert {r["id"] for r in digest_events(session, subscriber)} == {first, second}
    _, [again] = read(sqlite, "3", pair("Bộ KH&CN", "Viện B", dt.date(2024, 8, 1)))
    assert again == second  # the same signing under the other spelling: one event, as the analyst said
    with sqlite.begin() as session:
        log = CorrectionLog(session)
        for line in [a for a in log.audit() if a.correction.kind == "org_merge"]:
            log.undo(line.correction.id, ANALYST)
    with sqlite() as session:
        names = {e.id: e.parties("VN")[0].name for e in list_events(session)}
        assert names == {first: "Bộ KH&CN", second: "Bộ Khoa học và Công nghệ Việt Nam"}


def test_a_corrected_date_moves_the_event_in_the_order_and_the_chart(sqlite: sessionmaker[Session]) -> None:
    _, [old] = read(sqlite, "1", pair("Bộ Y tế", "Viện A", dt.date(2024, 1, 5)))
    _, [new] = read(sqlite, "2", pair("Bộ Công Thương", "Viện C", dt.date(2024, 6, 5)))
    with sqlite.begin() as session:
        CorrectionLog(session).edit(old, {"date": dt.date(2024, 9, 1), "type": "agreement"}, ANALYST)
    with sqlite() as session:
        repo = BrowseRepository(session)
        assert [e.id for e in repo.events(EventFilter())] == [old, new]
        assert [e.id for e in list_events(session)] == [old, new]  # `coopwatch items`
        assert [e.id for e in repo.events(EventFilter(), offset=1, limit=1)] == [new]
        page = repo.page(EventFilter())
        assert [e.id for e in page.events] == [old, new]
        assert [(m.month, m.type, m.events) for m in page.months] == [(6, "mou", 1), (9, "agreement", 1)]
        costly = repo.page(EventFilter(source="baochinhphu"))
        assert [e.id for e in costly.events] == [old, new] and costly.months == page.months
        assert [r.id for r in repo.export(EventFilter())] == [old, new]


def test_a_split_makes_two_events_and_lasts_through_a_reparse_until_undone(sqlite: sessionmaker[Session]) -> None:
    two = CooperationEvent(type=EventType.MOU, date=dt.date(2024, 7, 2), location="Seoul",
                           vn_parties=(Found(name="Bộ Khoa học và Công nghệ"), Found(name="Bộ Y tế")),
                           kr_parties=(Found(name="Viện KIAT"), Found(name="Viện KIST")))
    article_id, [event_id] = read(sqlite, "1", two)
    with sqlite.begin() as session:
        log = CorrectionLog(session)
        split = log.split(event_id, {"vn_parties": [log.party("VN", "Bộ Y tế")],
                                     "kr_parties": [log.party("KR", "Viện KIST")]}, ANALYST)
        split_id, new_id = split.id, split.event_id
    reread(sqlite, article_id, two)
    with sqlite() as session:
        events = {e.id: e for e in list_events(session)}
        assert set(events) == {event_id, new_id}
        assert [p.name for p in events[event_id].parties("KR")] == ["Viện KIAT"]
        assert [p.name for p in events[new_id].parties("VN")] == ["Bộ Y tế"]
        assert (events[new_id].type, events[new_id].date, events[new_id].location) == ("mou", dt.date(2024, 7, 2), "Seoul")
        assert [a.id for a in events[new_id].articles] == [article_id]
        assert CorrectionLog(session).conflicts() == []
    with sqlite.begin() as session:
        CorrectionLog(session).undo(split_id, ANALYST)
    with sqlite() as session:
        [event] = list_events(session)
        assert event.id == event_id and len(event.parties("KR")) == 2
        assert session.get(Event, new_id) is not None  # kept for the record
