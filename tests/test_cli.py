"""The command line's output formats, `show`, `extract` and `demo`, run as real processes."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import text

from crawler.cooperation.normalize import normalize
from crawler.mirror.server import MirrorServer
from storage.db import make_engine
from tests.conftest import Cli
from tests.crawler.test_crawl import start_args


@pytest.fixture
def cli(sqlite_cli: Cli) -> Cli:
    """Output formats on SQLite; the storage tests read and write the same records on PostgreSQL, and the corrections
    round trip reparses on both."""
    return sqlite_cli


def test_output_formats_and_show(mirror: dict[str, MirrorServer], cli: Cli) -> None:
    assert cli("crawl", *start_args(mirror, "vtcnews")).returncode == 0
    items = cli.json("items")
    assert len(items) == 1
    event = items[0]
    assert set(event) >= {"id", "type", "date", "location", "vn_parties", "kr_parties", "topics", "articles",
                          "evidence"}
    assert event["evidence"] and all("VKBIA" in s or "Chungbuk" in s for s in event["evidence"])
    assert event["vn_parties"] == [{"name": "Hiệp hội Doanh nhân & Đầu tư Việt Nam - Hàn Quốc", "acronym": "VKBIA",
                                   "english_name": None}]
    assert event["articles"][0]["source"] == "vtcnews"

    table = cli("items").stdout.splitlines()
    assert table[0].split()[:4] == ["id", "type", "date", "location"] and table[-1] == "(1 rows)"
    rows = list(csv.DictReader(io.StringIO(cli("items", "--format", "csv").stdout)))
    assert rows[0]["type"] == "agreement" and json.loads(rows[0]["kr_parties"])[0]["name"].startswith("Công viên")

    articles_csv = list(csv.DictReader(io.StringIO(cli("articles", "--format", "csv").stdout)))
    assert len(articles_csv) == 11 and {"title", "is_cooperation", "published_at"} <= set(articles_csv[0])

    shown = json.loads(cli("show", str(event["id"])).stdout)
    assert shown["id"] == event["id"]
    assert shown["evidence"] == event["evidence"]  # the sentence(s) to check the record by
    article_id = shown["articles"][0]["id"]
    article = json.loads(cli("show", f"article:{article_id}").stdout)
    assert article["title"].startswith("VKBIA")
    assert article["captions"] == ["Quang cảnh buổi lễ ký kết."]
    assert "Quang cảnh buổi lễ ký kết" not in article["body"]
    missing = cli("show", "999")
    assert missing.returncode == 1 and "no event with id 999" in missing.stderr


def test_extract_json_lines_contract(sqlite_cli: Cli) -> None:  # extract reads no database
    cli = sqlite_cli
    lines = [
        {"id": "a", "url": "u", "title": "SATI ký hợp tác với KIAT", "published_at": "2023-06-23",
         "text": "Ngày 22/6 tại Hà Nội, Cục Ứng dụng và Phát triển công nghệ (SATI) đã ký hợp tác với Viện Phát triển công nghệ Hàn Quốc (KIAT)."},
        {"id": "b", "url": "u", "title": None, "published_at": None, "text": "Tin thời tiết."},
    ]
    done = cli("extract", stdin="".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines))
    assert done.returncode == 0, done.stderr
    out = [json.loads(l) for l in done.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "b"]
    assert out[0]["relevant"] and out[0]["events"][0]["date"] == "2023-06-22"
    assert out[0]["events"][0]["kr_parties"][0]["acronym"] == "KIAT"
    assert out[1] == {"id": "b", "relevant": False, "events": []}


def test_demo_stores_the_seed_stories(cli: Cli) -> None:
    done = cli("demo")
    assert done.returncode == 0, done.stderr
    assert "cooperation events stored" in done.stdout
    for acronym in ("VISTIP", "KOSME", "MSS", "KIAT", "KEIT", "VKBIA", "ASA", "SBA"):
        assert acronym in done.stdout


def test_extract_html_runs_the_site_extractor_then_the_parser(sqlite_cli: Cli, tmp_path) -> None:
    cli = sqlite_cli
    from tests.crawler.test_extract import page

    path = "/sati-ky-hop-tac-voi-kiat-va-keit-thuc-day-cong-nghe-cong-nghiep-viet-nam-han-quoc-197230623101512345.htm"
    saved = tmp_path / "page.html"
    saved.write_text(page("most", path), encoding="utf-8")
    done = cli("extract", "--html", str(saved), "--url", "https://mst.gov.vn" + path)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["article"]["title"].startswith("SATI ký hợp tác")
    assert out["relevant"] is True
    assert sorted(p["acronym"] for e in out["events"] for p in e["kr_parties"]) == ["KEIT", "KIAT"]
    bad = cli("extract", "--html", str(saved), "--url", "https://example.org/page")
    assert bad.returncode == 2 and "not an article URL" in bad.stderr


def test_reparse_keeps_event_ids_and_fills_the_evidence_of_events_stored_before_it_existed(
    mirror: dict[str, MirrorServer], cli: Cli
) -> None:
    for source in ("most", "vtcnews"):
        assert cli("crawl", *start_args(mirror, source)).returncode == 0
    before = {e["id"]: (e["type"], e["date"]) for e in cli.json("items")}
    done = cli("reparse")
    assert done.returncode == 0, done.stderr
    assert "events new 0" in done.stdout and "removed 0" in done.stdout
    assert {e["id"]: (e["type"], e["date"]) for e in cli.json("items")} == before

    engine = make_engine(cli.database_url)
    with engine.begin() as connection:  # what migration 0003 leaves in rows stored before it
        connection.execute(text("UPDATE events SET evidence = '[]'"))
    engine.dispose()
    assert all(e["evidence"] == [] for e in cli.json("items"))
    done = cli("reparse")
    assert done.returncode == 0, done.stderr
    events = cli.json("items")
    assert {e["id"]: (e["type"], e["date"]) for e in events} == before
    articles = {a["id"]: a for a in cli.json("articles")}
    for event in events:
        assert event["evidence"], event
        reported = " ".join(
            normalize(" ".join([a["title"], a["sapo"], a["body"], *a["captions"]]))
            for a in (articles[ref["id"]] for ref in event["articles"])
        )
        assert all(sentence in reported for sentence in event["evidence"]), event
