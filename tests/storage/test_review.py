"""The review queue is one ranked query with a limit: on SQLite and on PostgreSQL (JSON lengths differ)."""

from __future__ import annotations

import datetime as dt

from crawler.items import CooperationEvent, EventType
from crawler.items import Party as Found
from storage.correction_log import CorrectionLog
from storage.review import review_queue
from tests.storage.test_corrections import ANALYST, read, signing


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
