"""Judging a source's health from its runs: failures in a row, emptied listings, missing fields."""

from __future__ import annotations

import datetime as dt

from scheduler.config import Settings
from scheduler.watch import problems
from storage.models import CrawlRun

SETTINGS = Settings(incident_failed_runs=3, incident_missing_field_share=0.3)
T = dt.datetime(2026, 11, 22, tzinfo=dt.UTC)


def run(outcome: str = "ok", links: dict | None = None, missing: dict | None = None, seen: int = 10,
        error: str = "connection refused", pages: int | None = None) -> CrawlRun:
    fetched = pages if pages is not None else (0 if outcome in ("failed", "timeout", "crashed") else 5)
    return CrawlRun(source="vtcnews", started_at=T, finished_at=T, outcome=outcome, section_links=links or {},
                    missing_fields=missing or {}, articles_seen=seen, error_messages=[error], pages=fetched)


def test_failures_in_a_row() -> None:
    assert problems([run("failed"), run("failed"), run("ok")], SETTINGS) == {}
    found = problems([run("failed"), run("timeout"), run("failed"), run("ok")], SETTINGS)
    assert set(found) == {"failing"} and "3 runs in a row" in found["failing"]
    assert "connection refused" in found["failing"]


def test_a_listing_that_used_to_yield_links_yields_none() -> None:
    before = run(links={"https://vtcnews.vn/the-gioi-30.html": 12, "https://vtcnews.vn/rss/the-gioi.rss": 30})
    now = run(links={"https://vtcnews.vn/the-gioi-30.html": 0, "https://vtcnews.vn/rss/the-gioi.rss": 30})
    found = problems([now, before], SETTINGS)
    assert set(found) == {"empty_section"} and "the-gioi-30.html" in found["empty_section"]
    assert problems([before, before], SETTINGS) == {}
    assert problems([now, now], SETTINGS) == {}  # it was already empty: nothing changed


def test_a_jump_in_articles_missing_a_field() -> None:
    healthy = run(missing={"published date": 1}, seen=20)
    broken = run(missing={"published date": 8, "body": 2}, seen=20)
    found = problems([broken, healthy], SETTINGS)
    assert set(found) == {"missing_fields"} and "50%" in found["missing_fields"]
    assert problems([healthy, healthy], SETTINGS) == {}


def test_a_stopped_run_or_one_that_fetched_nothing_is_no_recovery() -> None:
    """The daemon's stop cutting a crawl short, or a run that got only error pages, does not end 'failing'."""
    failing = [run("failed"), run("failed"), run("failed")]
    assert set(problems([run("stopped", pages=0), *failing], SETTINGS)) == {"failing"}
    assert set(problems([run("failed"), run("stopped", pages=2), run("failed"), run("failed")], SETTINGS)) == {"failing"}
    assert set(problems([run("ok", pages=0, seen=0), *failing], SETTINGS)) == {"failing"}
    assert set(problems([run("partial", pages=0, seen=0), *failing], SETTINGS)) == {"failing"}
    assert problems([run("ok"), *failing], SETTINGS) == {}  # a run that fetched pages is a recovery
