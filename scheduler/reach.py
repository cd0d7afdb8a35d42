"""Before `start` crawls: can each site be reached at all? One DNS lookup and TCP connect per host,
all hosts at once, a few seconds at most, instead of a minute of crawl retries when offline."""

from __future__ import annotations

import logging
import socket
import threading
import time
import urllib.request
from collections.abc import Iterable
from urllib.parse import urlsplit

PROBE_TIMEOUT = 4.0  # seconds for the whole check: a site this slow to connect is not worth a crawl
DEFAULT_PORTS = {"http": 80, "https": 443}

Endpoint = tuple[str, int]
log = logging.getLogger("coopwatch.start")


def reachable_sources(urls: dict[str, list[str]], timeout: float = PROBE_TIMEOUT) -> list[str]:
    """The sources (name -> start URLs) one of whose hosts accepts a connection; says what it checks."""
    points = {source: list(dict.fromkeys(endpoint(u) for u in source_urls)) for source, source_urls in urls.items()}
    every = list(dict.fromkeys(p for source_points in points.values() for p in source_points))
    hosts = [describe(p) for p in every]
    log.info("checking %s …", ", ".join(hosts), extra={"event": "reachability_check", "hosts": hosts})
    reasons = probe(every, timeout)
    unreachable = {describe(p): reason for p, reason in reasons.items() if reason is not None}
    reachable = [s for s, source_points in points.items() if any(reasons[p] is None for p in source_points)]
    skipped = [s for s in urls if s not in reachable]
    if unreachable:
        consequence = f"; not crawling {', '.join(skipped)}" if reachable and skipped else ""
        log.warning("cannot reach %s%s", ", ".join(f"{h} ({r})" for h, r in unreachable.items()), consequence,
                    extra={"event": "unreachable", "unreachable": unreachable})
    return reachable


def endpoint(url: str) -> Endpoint:
    """Where a request for `url` connects: the site, or the proxy the environment names for it."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    proxy = urllib.request.getproxies().get(parts.scheme)
    if proxy and not urllib.request.proxy_bypass(host):
        proxy_parts = urlsplit(proxy if "://" in proxy else f"http://{proxy}")
        return proxy_parts.hostname or "", proxy_parts.port or DEFAULT_PORTS.get(proxy_parts.scheme, 80)
    return host, parts.port or DEFAULT_PORTS.get(parts.scheme, 80)


def describe(point: Endpoint) -> str:
    """`vtcnews.vn`, or `127.0.0.1:8080` when the port is not the usual one."""
    host, port = point
    return host if port in DEFAULT_PORTS.values() else f"{host}:{port}"


def probe(points: Iterable[Endpoint], timeout: float = PROBE_TIMEOUT) -> dict[Endpoint, str | None]:
    """Each endpoint -> None if a TCP connection opened, else the reason in a few words.

    One daemon thread per endpoint: getaddrinfo has no timeout of its own, and a lookup still
    hanging when the time is up must not keep the process alive.
    """
    results: dict[Endpoint, str | None] = {}
    deadline = time.monotonic() + timeout
    threads = []
    for point in dict.fromkeys(points):
        thread = threading.Thread(target=lambda p=point: results.__setitem__(p, _connect(p, deadline)),
                                  name=f"probe {describe(point)}", daemon=True)
        thread.start()
        threads.append((point, thread))
    for point, thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()) + 0.5)
    return {point: results.get(point, f"no answer in {timeout:g} s") for point, _ in threads}


def _connect(point: Endpoint, deadline: float) -> str | None:
    host, port = point
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        return "DNS lookup failed"
    except UnicodeError:
        return "not a valid host name"
    reason = "no address"
    for family, kind, proto, _, address in addresses:
        try:
            with socket.socket(family, kind, proto) as sock:
                sock.settimeout(max(0.1, deadline - time.monotonic()))
                sock.connect(address)
                return None
        except TimeoutError:
            reason = "no answer in time"
        except ConnectionRefusedError:
            reason = "connection refused"
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
    return reason
