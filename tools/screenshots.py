"""Screenshots of the built site at phone and desktop widths, in headless Chromium.

    python tools/screenshots.py [--site site] [--out docs/screenshots] [PATH ...]

Uses Debian's chromium (/usr/bin/chromium) through Playwright; never downloads a browser.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
DEFAULT_PATHS = ["vi/", "en/provinces/ca-mau/", "vi/pillars/papi-2/", "en/plans/an-giang-179-2020/",
                 "vi/tasks/ca-mau-117-2024/33-theo-doi-ho-ngheo/"]


def serve(root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--site", type=Path, default=Path("site"))
    ap.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    ap.add_argument("--full", action="store_true", help="whole page, not just the first screen")
    ap.add_argument("--print", action="store_true", help="use the print stylesheet (A4-like page)")
    ap.add_argument("paths", nargs="*", default=DEFAULT_PATHS)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    server, base = serve(args.site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for name, (w, h) in WIDTHS.items():
                if args.print:
                    w, h = 794, 1123  # A4 at 96 dpi
                page = browser.new_page(viewport={"width": w, "height": h})
                if args.print:
                    page.emulate_media(media="print")
                for path in args.paths:
                    page.goto(base + path)
                    slug = path.strip("/").replace("/", "_").replace("#", "") or "root"
                    target = args.out / f"{slug}.{'print' if args.print else name}.png"
                    page.screenshot(path=str(target), full_page=args.full)
                    print(target)
                page.close()
                if args.print:
                    break
            browser.close()
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
