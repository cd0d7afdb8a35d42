"""The real spiders end to end: fixture sites on 127.0.0.1, the `coopwatch` CLI, a SQLite file."""

from __future__ import annotations

import socket

import pytest

from crawler.mirror.server import MirrorServer
from scheduler.demo import mirror_start_urls
from tests.conftest import Cli


@pytest.fixture
def cli(sqlite_cli: Cli) -> Cli:
    """Crawl behaviour on SQLite; the first test stores a crawl on both databases, and tests/storage runs the same
    saves, updates and cross-source links on PostgreSQL too."""
    return sqlite_cli


def start_args(mirror: dict[str, MirrorServer], source: str) -> list[str]:
    urls = mirror_start_urls({name: server.url for name, server in mirror.items()})[source]
    return ["--source", source, *(arg for url in urls for arg in ("--start-url", url))]


def sources_args(mirror: dict[str, MirrorServer], *sources: str) -> list[str]:
    """One crawl of several sources, each with its own start URLs."""
    plan = mirror_start_urls({name: server.url for name, server in mirror.items()})
    named = sources or tuple(plan)
    return [*(a for s in named for a in ("--source", s)),
            *(a for s in named for url in plan[s] for a in ("--start-url", f"{s}={url}"))]


def article_requests(server: MirrorServer, source: str) -> list[str]:
    marker = {"most": ("-197", "/vn/tin-tuc/"), "baochinhphu": ("-102",), "vtcnews": ("-ar",)}[source]
    return [p for p in server.requests if any(m in p for m in marker)]


def test_crawl_stores_every_article_of_each_source_and_warns_of_nothing(
    mirror: dict[str, MirrorServer], cli_each_database: Cli
) -> None:
    cli = cli_each_database
    # every warning shown, each time: Scrapy's own deprecations (ScrapyDeprecationWarning is not a
    # DeprecationWarning subclass) and the standard ones alike
    done = Cli(cli.database_url, {**cli.env, "PYTHONWARNINGS": "always"})("crawl", *sources_args(mirror))
    assert done.returncode == 0, done.stderr
    assert [line for line in done.stderr.splitlines() if "eprecat" in line] == []
    for source, expected in (("most", 14), ("baochinhphu", 11), ("vtcnews", 11)):
        line = next(l for l in done.stdout.splitlines() if l.startswith(source))
        pages, new, updated, unchanged, _events, errors = map(int, line.split()[1:7])
        assert (new, updated, unchanged, errors) == (expected, 0, 0, 0), done.stdout
        assert pages > new
    articles = cli.json("articles")
    assert len(articles) == 36
    assert len({a["url"] for a in articles}) == 36
    for record in articles:
        assert set(record) >= {"id", "source", "url", "title", "sapo", "body", "published_at", "author",
                               "category", "is_cooperation"}
        assert record["title"] and record["body"] and record["published_at"].endswith("+07:00")
    cooperation = {a["title"] for a in articles if a["is_cooperation"]}
    assert "Lễ ký kết biên bản ghi nhớ hợp tác giữa VISTIP và KOSME" in cooperation
    assert "VKBIA ký kết hợp tác với Chungbuk Technopark phát triển KHCN Việt - Hàn" in cooperation
    assert "Việt Nam và Nhật Bản ký bản ghi nhớ hợp tác về đào tạo nhân lực bán dẫn" not in cooperation
    captions = {a["title"]: a["captions"] for a in articles if a["captions"]}
    assert captions["Lễ ký kết biên bản ghi nhớ hợp tác giữa VISTIP và KOSME"] == [
        "Ông Kim Moon Hwan (bên trái) và bà Bùi Thị Huy Hợp (bên phải) tại buổi ký kết",
        "Các đại biểu tham dự Lễ ký chụp ảnh lưu niệm cùng đại diện VISTIP và KOSME",
    ]
    assert sum(1 for a in articles if a["captions"]) == 5  # every seed page with a photo caption
    assert all(c not in a["body"] for a in articles for c in a["captions"])
    stored = cli.json("items")
    assert stored and all(e["evidence"] for e in stored)  # every event keeps the sentence it was read from
    (vistip,) = [e for e in stored if any(p["acronym"] == "VISTIP" for p in e["vn_parties"])]
    assert any("VISTIP" in sentence and "KOSME" in sentence for sentence in vistip["evidence"])


def test_pagination_reaches_the_last_page(mirror: dict[str, MirrorServer], cli: Cli) -> None:
    assert cli("crawl", *sources_args(mirror)).returncode == 0
    bcp = mirror["baochinhphu"].requests
    assert "/timelinelist/1021005/2.htm" in bcp and "/timelinelist/1021005/3.htm" in bcp  # 3 = empty, the end
    assert "/timelinelist/1021005/4.htm" not in bcp
    assert "/the-gioi-30/trang-2.html" in mirror["vtcnews"].requests
    assert "/vn/chuyen-muc/493/Tin-tong-hop.aspx?page=4" in mirror["most"].requests
    assert "/tin-tuc-su-kien/xem-theo-ngay-17-06-2023.htm" in mirror["most"].requests  # walked back 7 days


def test_second_crawl_downloads_no_article_and_stops_at_first_pages(mirror: dict[str, MirrorServer], cli: Cli) -> None:
    assert cli("crawl", *sources_args(mirror)).returncode == 0
    before = {s: len(m.requests) for s, m in mirror.items()}
    for server in mirror.values():
        server.requests.clear()
    assert cli("crawl", *sources_args(mirror)).returncode == 0
    for source, server in mirror.items():
        assert article_requests(server, source) == [], source
        assert "timelinelist" not in " ".join(server.requests)
        assert not any("trang-" in p or "page=2" in p for p in server.requests)
        assert len(server.requests) < before[source] / 2
    assert len(cli.json("articles")) == 36  # idempotent: nothing stored twice


def test_refresh_downloads_again_and_records_changes(mirror: dict[str, MirrorServer], cli: Cli) -> None:
    args = start_args(mirror, "vtcnews")
    assert cli("crawl", *args).returncode == 0
    site = mirror["vtcnews"].site
    path = "/vkbia-ky-ket-hop-tac-voi-chungbuk-technopark-phat-trien-khcn-viet-han-ar648657.html"
    ctype, text = site[path]
    site[path] = (ctype, text.replace("Hôm 26/11, Hiệp hội", "Hôm 26/11 (cập nhật), Hiệp hội"))
    mirror["vtcnews"].requests.clear()
    done = cli("crawl", *args, "--refresh")
    line = next(l for l in done.stdout.splitlines() if l.startswith("vtcnews"))
    assert line.split()[2:5] == ["0", "1", "10"]
    assert path in mirror["vtcnews"].requests
    stored = next(a for a in cli.json("articles") if "VKBIA" in a["title"])
    assert "(cập nhật)" in stored["body"]


def test_vtc_and_vtcnews_hosts_are_one_article(mirror: dict[str, MirrorServer], cli: Cli) -> None:
    port = mirror["vtcnews"].port
    done = cli(
        "crawl", "--source", "vtcnews",
        "--start-url", f"http://127.0.0.1:{port}/the-gioi-30.html",
        "--start-url", f"http://localhost:{port}/rss/the-gioi.rss",  # the feed's links name the other host
    )
    assert done.returncode == 0, done.stderr
    articles = cli.json("articles")
    assert len(articles) == 11
    assert len({a["url"].rsplit("-ar", 1)[1] for a in articles}) == 11


def test_start_url_keeps_the_spider_on_that_host(mirror: dict[str, MirrorServer], cli: Cli) -> None:
    site = mirror["baochinhphu"].site
    ctype, text = site["/quoc-te.htm"]
    site["/quoc-te.htm"] = (ctype, text.replace("</body>", '<a href="http://localhost:9/x-102240101000000001.htm">x</a>'
                                                '<a href="javascript:alert(1)-102240101000000002.htm">y</a></body>'))
    done = cli("crawl", "--source", "baochinhphu", "--start-url", f"{mirror['baochinhphu'].url}/quoc-te.htm")
    assert done.returncode == 0
    assert {a["source"] for a in cli.json("articles")} == {"baochinhphu"}
    assert all(a["url"].startswith(mirror["baochinhphu"].url) for a in cli.json("articles"))


def test_cross_source_report_is_one_event_linked_to_both(mirror: dict[str, MirrorServer], cli: Cli) -> None:
    assert cli("crawl", *sources_args(mirror, "most", "baochinhphu")).returncode == 0
    mou = [e for e in cli.json("items", "--type", "mou") if any(p["acronym"] == "MSS" for p in e["kr_parties"])]
    assert len(mou) == 1
    assert mou[0]["date"] == "2024-07-02"
    assert {a["source"] for a in mou[0]["articles"]} == {"most", "baochinhphu"}


def test_unreachable_site_is_a_clear_failure(cli: Cli) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    done = cli("crawl", "--source", "vtcnews", "--start-url", f"http://127.0.0.1:{port}/the-gioi-30.html")
    assert done.returncode == 1
    assert "FAILED" in done.stdout and "Connection was refused" in done.stdout
    assert "Traceback" not in done.stderr


def test_bad_start_url_is_one_line_error(cli: Cli) -> None:
    done = cli("crawl", "--source", "vtcnews", "--start-url", "ftp://example.org/x")
    assert done.returncode == 2
    assert done.stderr.strip() == "coopwatch: error: --start-url 'ftp://example.org/x': not an http(s) URL"
    done = cli("crawl", "--start-url", "http://127.0.0.1:1/x.html")
    assert done.returncode == 2 and "name it with --source" in done.stderr


def test_since_stores_only_newer_articles_and_stops_paging(mirror: dict[str, MirrorServer], cli: Cli) -> None:
    done = cli("crawl", *start_args(mirror, "baochinhphu"), "--since", "2024-06-26")
    assert done.returncode == 0, done.stderr
    dates = sorted(a["published_at"][:10] for a in cli.json("articles"))
    assert dates == ["2024-06-26", "2024-06-27", "2024-06-28", "2024-07-01", "2024-07-02"]
    requests = mirror["baochinhphu"].requests
    assert "/timelinelist/1021005/2.htm" in requests  # page 1 held new articles
    assert "/timelinelist/1021005/3.htm" not in requests  # page 2 held only older ones


def test_server_errors_are_retried_with_backoff_and_robots_is_obeyed(mirror: dict[str, MirrorServer], cli: Cli) -> None:
    server = mirror["vtcnews"]
    path = "/vkbia-ky-ket-hop-tac-voi-chungbuk-technopark-phat-trien-khcn-viet-han-ar648657.html"
    failures = {"left": 1}

    def flaky(request_path: str):
        if request_path == path and failures["left"]:
            failures["left"] -= 1
            return 503, {"Retry-After": "1"}, b"busy"
        return None

    server.hook = flaky
    ctype, robots = server.site["/robots.txt"]
    server.site["/robots.txt"] = (ctype, robots + "Disallow: /the-gioi-30/\n")
    done = cli("crawl", *start_args(mirror, "vtcnews"))
    assert done.returncode == 0, done.stderr
    assert server.requests.count(path) == 2
    assert any("VKBIA" in a["title"] for a in cli.json("articles"))
    assert not any(p.startswith("/the-gioi-30/") for p in server.requests)  # trang-2 is disallowed
