"""Headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) and a local static server."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
TOOLS = Path(__file__).resolve().parent / "tools" / "node_modules"
# CI sets this so a missing browser or tool fails the run instead of skipping tests.
REQUIRED = os.environ.get("PORTAL_REQUIRE_TOOLS") == "1"


def need(condition: bool, what: str) -> None:
    if not condition:
        if REQUIRED:
            pytest.fail(f"{what} is not installed (PORTAL_REQUIRE_TOOLS=1)")
        pytest.skip(f"{what} is not installed")


def need_chromium() -> None:
    need(Path(CHROMIUM).is_file(), "Debian's chromium")


def need_java() -> None:
    need(shutil.which("java") is not None and (TOOLS / "vnu-jar").is_dir(), "java and npm vnu-jar (npm ci --prefix tests/tools)")


def need_axe() -> Path:
    axe = TOOLS / "axe-core" / "axe.min.js"
    need(axe.is_file(), "npm axe-core (npm ci --prefix tests/tools)")
    return axe


@contextlib.contextmanager
def serve(root: Path, headers: dict | None = None, prefix: str = "/"):
    """Serve `root` at http://127.0.0.1:PORT{prefix} with a UTF-8 charset and extra headers."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                          ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                          ".json": "application/json; charset=utf-8", ".css": "text/css; charset=utf-8"}

        def translate_path(self, path):
            if prefix != "/" and path.startswith(prefix):
                path = "/" + path[len(prefix):]
            return super().translate_path(path)

        def end_headers(self):
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            super().end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def browser():
    need_chromium()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield b
        finally:
            b.close()
