"""`coopwatch serve [--host H] [--port P]`: the web view in the foreground."""

from __future__ import annotations

import argparse
import signal

from scheduler.common import UsageError, session_factory
from scheduler.config import Settings


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The `serve` subcommand."""
    serve = sub.add_parser("serve", help="serve the web view: events, feeds, CSV, JSON API, unsubscribe")
    serve.add_argument("--host", default=None, help="address to bind (default COOPWATCH_WEB_HOST, 127.0.0.1)")
    serve.add_argument("--port", type=int, default=None, help="port (default COOPWATCH_WEB_PORT, 8080)")


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    """Serve until SIGTERM or Ctrl-C."""
    host = args.host or settings.web_host
    port = args.port if args.port is not None else settings.web_port or 8080
    if not 0 <= port <= 65535:
        raise UsageError(f"serve: --port {port}: not a port number")
    return _serve(settings, host, port)


def serve_demo(settings: Settings) -> int:
    """`coopwatch demo --serve`: the web view of the demo database just crawled."""
    demo_db = (settings.data_dir / "demo.db").resolve()
    demo = settings.model_copy(update={"database_url": f"sqlite:///{demo_db}"})
    print()
    return _serve(demo, settings.web_host, settings.web_port or 8080)


def _serve(settings: Settings, host: str, port: int) -> int:
    # imported here: every other command (a crawl child above all) starts without the web stack
    from scheduler.daemon import next_runs
    from scheduler.serve import WebServer, listen

    factory = session_factory(settings)
    server = WebServer(settings, factory, listen(host, port), lambda: next_runs(settings))
    # uvicorn handles SIGTERM/SIGINT while it serves, then raises the signal again for the handler
    # found before it: this one, so the command ends with 0 instead of a KeyboardInterrupt
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: setattr(server.server, "should_exit", True))
    print(f"coopwatch web view on {server.url}/events (Ctrl-C stops it)", flush=True)
    server.run()
    return 0
