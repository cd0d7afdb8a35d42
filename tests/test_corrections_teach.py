"""Corrections that teach: corrected parties, exported in the annotated-set schema and trained on,
change the parser's answer on a new article of the same kind.

The kind: a second Vietnamese signer headed by 'Ban' (a provincial management board signing beside
the department). The shipped party model drops it, unsure, so the review queue lists each story; an
analyst adds the board back on seven stories.
The articles are synthetic, written for this test.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.cooperation import parse_article
from crawler.items import NewsItem
from storage.db import make_engine, make_session_factory, migrate
from storage.repository import ArticleRepository, EventRepository
from tests.conftest import ROOT, Cli

SHIPPED = ROOT / "crawler" / "cooperation" / "learn" / "party.json"
NOW = dt.datetime(2025, 4, 20, 3, tzinfo=dt.UTC)
STORIES = [  # province, its board, the Korean partner
    ("Thái Bình", "Ban Quản lý các khu công nghiệp", "Quỹ Nông nghiệp Jeonbuk"),
    ("Nam Định", "Ban Quản lý khu kinh tế", "Viện Công nghệ Gangwon"),
    ("Hưng Yên", "Ban Xúc tiến đầu tư", "Cơ quan Xúc tiến Chungbuk"),
    ("Ninh Bình", "Ban Quản lý dự án", "Viện Nghiên cứu Gyeongnam"),
    ("Hải Dương", "Ban Quản lý các khu công nghiệp", "Tổ chức Phát triển Jeonnam"),
    ("Phú Thọ", "Ban Quản lý khu công nghệ cao", "Viện Thử nghiệm Chungnam"),
    ("Bắc Giang", "Ban Xúc tiến và Hỗ trợ đầu tư", "Quỹ Hỗ trợ Gyeongbuk"),
]
NEW_STORY = ("Yên Bái", "Ban Quản lý khu kinh tế", "Viện Phát triển Jeju")


def story(number: int, province: str, board: str, partner: str) -> tuple[str, str]:
    title = f"{province} hợp tác với {partner.split()[-1]}"
    body = (f"Ngày {number + 3}/4/2025, tại {province}, Sở Khoa học và Công nghệ tỉnh {province} và {board} "
            f"tỉnh {province} đã ký thỏa thuận hợp tác với {partner} (Hàn Quốc).")
    return title, body


def store_stories(database_url: str) -> None:
    """The stories as a crawl stores them: the parser (with the shipped model) reads each one."""
    engine = make_engine(database_url)
    migrate(engine)
    with make_session_factory(engine).begin() as session:
        for number, (province, board, partner) in enumerate(STORIES):
            title, body = story(number, province, board, partner)
            site_id = f"25042{number:03d}"
            item = NewsItem(source="vtcnews", url=f"https://vtcnews.vn/hop-tac-ar{site_id}.html",
                            site_article_id=site_id, title=title, body=body, published_at=NOW, fetched_at=NOW)
            _, article = ArticleRepository(session).save(item, NOW)
            extraction = parse_article(title, "", body, NOW, item.url, "vtcnews")
            EventRepository(session).save_extraction(article, extraction, NOW)
    engine.dispose()


def vn_parties_read(title: str, body: str, env: dict[str, str]) -> list[str]:
    line = json.dumps({"id": "new", "url": "u", "title": title, "published_at": "2025-04-20", "text": body},
                      ensure_ascii=False)
    done = subprocess.run([sys.executable, "-m", "scheduler", "extract"], input=line, capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=180, check=False)
    assert done.returncode == 0, done.stderr
    [event] = json.loads(done.stdout)["events"]
    return [p["name"] for p in event["vn_parties"]]


def test_exported_corrections_retrain_the_parser_to_keep_a_party_it_dropped(sqlite_cli: Cli, tmp_path: Path) -> None:
    shipped_model = SHIPPED.read_bytes()
    store_stories(sqlite_cli.database_url)
    events = sqlite_cli.json("items")
    assert len(events) == len(STORIES)
    assert all(len(e["vn_parties"]) == 1 for e in events)  # the board is dropped every time
    queue = sqlite_cli.json("review")  # and the party model was unsure each time: the queue says so
    assert {q["id"] for q in queue} == {e["id"] for e in events}
    assert all(re.search(r"party model unsure \(0\.6\d\)", q["why"]) for q in queue), queue
    for event in events:
        [department] = event["vn_parties"]
        province = department["name"].split("tỉnh ")[-1]
        board = next(b for p, b, _ in STORIES if p == province)
        done = sqlite_cli("events", "edit", str(event["id"]), "--vn-party", department["name"],
                          "--vn-party", f"{board} tỉnh {province}", "--why", "the board signs too",
                          "--by", "analyst@example.org")
        assert done.returncode == 0, done.stderr

    assert sqlite_cli.json("review") == []  # corrected: reviewed

    exported = sqlite_cli("corrections", "export", "--format", "gold")
    assert exported.returncode == 0, exported.stderr
    corrected = tmp_path / "corrected.jsonl"
    corrected.write_text(exported.stdout, encoding="utf-8")
    records = [json.loads(line) for line in exported.stdout.splitlines()]
    assert len(records) == len(STORIES) and all(len(r["events"][0]["vn_parties"]) == 2 for r in records)

    title, body = story(7, *NEW_STORY)
    board = f"{NEW_STORY[1]} tỉnh {NEW_STORY[0]}"
    shipped = {k: v for k, v in sqlite_cli.env.items() if k != "COOPWATCH_PARSER_MODELS"}
    assert board not in vn_parties_read(title, body, shipped)

    models = tmp_path / "models"
    models.mkdir()
    trained = subprocess.run(
        [sys.executable, "-m", "crawler.cooperation.learn.train", "--extra", str(corrected), "--out", str(models)],
        capture_output=True, text=True, cwd=ROOT, timeout=600, check=False, env=shipped)
    assert trained.returncode == 0, trained.stderr
    retrained = json.loads((models / "party.json").read_text(encoding="utf-8"))
    assert retrained["trained_on"]["articles"] == json.loads(SHIPPED.read_text(encoding="utf-8"))["trained_on"]["articles"] + 7
    assert board in vn_parties_read(title, body, {**shipped, "COOPWATCH_PARSER_MODELS": str(models)})
    assert SHIPPED.read_bytes() == shipped_model  # the committed model was never touched



@pytest.mark.parametrize(("args", "reason"), [
    (["--extra", "{tmp}/missing.jsonl"], "--extra {tmp}/missing.jsonl: No such file or directory"),
    (["--extra", "{tmp}/broken.jsonl"], "--extra {tmp}/broken.jsonl: not annotated JSON lines"),
    (["--out", "{tmp}/nowhere"], "--out {tmp}/nowhere: no such folder"),
])
def test_a_bad_extra_file_or_out_folder_is_one_line_and_writes_nothing(
    tmp_path: Path, args: list[str], reason: str,
) -> None:
    (tmp_path / "broken.jsonl").write_text('{"id": "x", "title": \n', encoding="utf-8")
    models = tmp_path / "models"
    models.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "crawler.cooperation.learn.train", "--out", str(models),
         *(a.format(tmp=tmp_path) for a in args)], capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert done.stderr.startswith(f"dev.py train: {reason.format(tmp=tmp_path)}")
    assert list(models.iterdir()) == []
