"""A real headless browser for tests: Debian's chromium driven by Playwright, with the network off.

Only loopback requests are allowed; anything else is aborted and recorded, so a test can assert that
a page fetched nothing from outside.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def available() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return shutil.which(CHROMIUM) is not None


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on a free loopback port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


# Material draws diagrams in closed shadow roots; tests open them to look inside.
OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (options) {
  return attach.call(this, Object.assign({}, options, { mode: "open" }));
};
"""


@contextmanager
def browser_page(blocked: list[str]) -> Iterator:
    """A fresh page whose requests to anything but loopback are aborted.

    Each aborted request is listed in `blocked` as "resource-type url".
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        context = browser.new_context()

        def route(route) -> None:
            url = route.request.url
            if url.startswith(("http://127.0.0.1", "data:", "blob:")):
                route.continue_()
            else:
                blocked.append(f"{route.request.resource_type} {url}")
                route.abort()

        context.route("**/*", route)
        context.add_init_script(OPEN_SHADOW_ROOTS)
        page = context.new_page()
        try:
            yield page
        finally:
            context.close()
            browser.close()


def fetched_code(blocked: list[str]) -> list[str]:
    """Blocked requests for scripts, styles or fonts: what a page would have loaded from a CDN."""
    return [b for b in blocked if b.split(" ", 1)[0] in ("script", "stylesheet", "font")]
