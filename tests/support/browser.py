"""Serve a built site on 127.0.0.1 and open it in headless Chromium with no network.

Used by the browser tests and by ``make bench`` (what a reader downloads), so both see the
site the same way: served locally, every request to another host blocked and recorded.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")


@contextlib.contextmanager
def serve(directory: Path, handler_class: type[http.server.SimpleHTTPRequestHandler] | None = None) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 while the block runs; gives the base URL. The
    requests are answered by ``handler_class`` (default: a quiet static file handler)."""
    handler = functools.partial(handler_class or _QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def launch_chromium(playwright: Any) -> Any:
    """Headless Debian Chromium, with nothing of its own reaching the network."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM),
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
        ],
    )


def allow_only(page: Any, base_url: str) -> list[str]:
    """Let ``page`` reach only ``base_url``: any other request is aborted and recorded in
    the list this returns."""
    elsewhere: list[str] = []

    def route(request_route: Any) -> None:
        if request_route.request.url.startswith(base_url):
            request_route.continue_()
        else:
            elsewhere.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    return elsewhere


def site_pages(site: Path, language: str) -> list[str]:
    """Every page of one edition of a built site, as paths relative to its folder."""
    root = site / language
    return sorted(
        path.relative_to(root).as_posix()
        for path in root.rglob("*.html")
        if path.relative_to(root).parts[0] not in {"_static", "_sources", "_modules"}
    )
