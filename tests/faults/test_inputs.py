"""Bad input: random and mutated pages and texts never crash the extractors or the parser, and
secrets never show in what coopwatch prints."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.cooperation import parse_article
from crawler.extract import ParseError, extract_article
from crawler.items import NewsItem
from tests.conftest import FIXTURES, Cli
from tests.smtp import free_port

FETCHED = dt.datetime(2026, 11, 22, tzinfo=dt.UTC)
PAGES = {
    "baochinhphu": "/buoc-tien-quan-trong-trong-hop-tac-thuc-day-he-sinh-thai-khoi-nghiep-viet-nam-han-quoc-102240702173012345.htm",
    "vtcnews": "/vkbia-ky-ket-hop-tac-voi-chungbuk-technopark-phat-trien-khcn-viet-han-ar648657.html",
    "most": "/vn/tin-tuc/20945/le-ky-ket-bien-ban-ghi-nho-hop-tac-giua-vistip-va-kosme.aspx",
}


def fixture_page(source: str) -> str:
    index = json.loads((FIXTURES / source / "urls.json").read_text(encoding="utf-8"))
    return (FIXTURES / source / index[PAGES[source]]["file"]).read_text(encoding="utf-8")


def check(html: str, source: str) -> None:
    try:
        item = extract_article(html, "https://example.vn" + PAGES[source], source, FETCHED)
    except ParseError:
        return  # a clear, expected failure
    assert isinstance(item, NewsItem) and item.title and item.body and item.published_at is not None
    NewsItem.model_validate(item.model_dump())
    result = parse_article(item.title, item.sapo, item.body, item.published_at, captions=item.captions)
    assert result.relevant == bool(result.events)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(PAGES)), st.data())
def test_mutated_pages(source: str, data: st.DataObject) -> None:
    html = fixture_page(source)
    for _ in range(data.draw(st.integers(1, 4))):
        start = data.draw(st.integers(0, len(html)))
        end = data.draw(st.integers(start, min(len(html), start + 3000)))
        garbage = data.draw(st.sampled_from(["", "<", "</div>", "<p>", "\x00", "<script>", "&#xffff;", "\ud7ff",
                                             "<!--", "]]>", "<h1 class=\"detail-title\">", "Thứ Sáu, 99/99/2021"]))
        html = html[:start] + garbage + html[end:]
    check(html, source)


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(sorted(PAGES)), st.text(max_size=2000))
def test_random_pages(source: str, html: str) -> None:
    check(html, source)


@settings(max_examples=150, deadline=None)
@given(
    st.text(max_size=300), st.text(max_size=1500), st.one_of(st.none(), st.datetimes(timezones=st.just(dt.UTC))),
    st.lists(st.text(max_size=300), max_size=3),
)
def test_random_texts(title: str, body: str, published: dt.datetime | None, captions: list[str]) -> None:
    result = parse_article(title, "", body, published, captions=captions)
    for event in result.events:
        assert event.vn_parties and event.kr_parties
        assert event.date is None or event.date.year > 1900


def test_secrets_never_show(sqlite_cli: Cli, tmp_path: Path) -> None:
    secret = "Pa55-very-secret"
    secret_file = tmp_path / "smtp.pw"
    secret_file.write_text("file-" + secret)
    env = {**sqlite_cli.env, "COOPWATCH_SMTP_HOST": "127.0.0.1", "COOPWATCH_SMTP_PORT": str(free_port()),
           "COOPWATCH_SMTP_USER": "cw", "COOPWATCH_SMTP_PASSWORD_FILE": str(secret_file),
           "COOPWATCH_OUTBOX": str(tmp_path / "outbox"), "COOPWATCH_LOG_LEVEL": "DEBUG"}
    cli = Cli(sqlite_cli.database_url, env)
    cli("subscribers", "add", "an@example.org")
    shown = [cli("digest", "--send"), cli("status"), cli("status", "--format", "json"), cli("subscribers", "list")]
    db_secret = Cli("postgresql://cw:" + secret + "@127.0.0.1:" + str(free_port()) + "/x",
                    {**env, "COOPWATCH_DATABASE_URL": "postgresql://cw:" + secret + "@127.0.0.1:" + str(free_port()) + "/x"})
    failed = db_secret("status")
    assert failed.returncode == 2 and failed.stderr.startswith("coopwatch: error: database")
    shown.append(failed)
    for done in shown:
        assert secret not in done.stdout + done.stderr, done.args
    for path in tmp_path.rglob("*"):
        if path.is_file() and path != secret_file and path.suffix in (".eml", ".log", ".txt"):
            assert secret not in path.read_text(errors="replace")
