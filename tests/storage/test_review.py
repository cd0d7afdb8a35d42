"""The review queue is one ranked query with a limit: on SQLite and on PostgreSQL (JSON lengths differ);
the party model's certainty is stored with each event and read again by a re-parse."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from crawler.items import CooperationEvent, EventType
from crawler.items import Party as Found
from storage.correction_log import CorrectionLog
from storage.models import Event
from storage.review import review_queue
from tests.storage.test_corrections import ANALYST, read, reread, signing


def test_the_least_sure_events_come_first_and_the_limit_holds(factory) -> None:
    _, [listed] = read(factory, "1", signing())  # reference parties, a date, no evidence sentence
    unknown = CooperationEvent(type=EventType.MOU, date=None, vn_parties=(Found(name="Viện Lạ"),),
                               kr_parties=(Found(name="Công ty Lạ"),), evidence=("Một câu.", "Câu thứ hai."))
    _, [doubtful] = read(factory, "2", unknown)
    _, [third] = read(factory, "3", unknown.model_copy(update={"date": dt.date(2024, 1, 2)}))
    with factory() as session:
        queue = review_queue(session)
        assert [d.event.id for d in queue] == [doubtful, third, listed]
        assert queue[0].reasons == ("party not in the reference list: Viện Lạ",
                                    "party not in the reference list: Công ty Lạ", "no date")
        assert queue[2].reasons == ("no evidence sentence",)
        assert [d.event.id for d in review_queue(session, limit=1)] == [doubtful]
    with factory.begin() as session:
        CorrectionLog(session).edit(doubtful, {"date": dt.date(2024, 1, 3)}, ANALYST)
    with factory() as session:
        assert [d.event.id for d in review_queue(session)] == [third, listed]  # a corrected event is reviewed


def test_the_party_model_s_least_sure_choices_come_first_and_a_reparse_reads_them_again(factory) -> None:
    sure = CooperationEvent(type=EventType.MOU, date=dt.date(2024, 7, 2), evidence=("Một câu.", "Câu thứ hai."),
                            vn_parties=(Found(name="Bộ Khoa học và Công nghệ", acronym="MOST"),),
                            kr_parties=(Found(name="Viện Phát triển công nghệ Hàn Quốc", acronym="KIAT"),))
    _, [confident] = read(factory, "1", sure.model_copy(update={"certainty": 0.97}))
    _, [doubtful] = read(factory, "2", sure.model_copy(update={"certainty": 0.62, "date": dt.date(2024, 8, 1)}))
    article, [doubtful_most] = read(factory, "3", sure.model_copy(update={"certainty": 0.51, "date": dt.date(2024, 9, 1)}))
    with factory() as session:
        queue = review_queue(session)
        assert [d.event.id for d in queue] == [doubtful_most, doubtful]  # the sure one has nothing to doubt
        assert [d.reasons for d in queue] == [("party model unsure (0.51)",), ("party model unsure (0.62)",)]
    reread(factory, article, sure.model_copy(update={"certainty": 0.9, "date": dt.date(2024, 9, 1)}))  # retrained
    with factory() as session:
        assert [d.event.id for d in review_queue(session)] == [doubtful]
        assert {e.id: e.certainty for e in session.scalars(select(Event))} == {
            confident: 0.97, doubtful: 0.62, doubtful_most: 0.9}
