"""`python build.py serve`: live preview for editors.

Builds the site, serves it on 127.0.0.1, watches content/, layouts/ and assets/, rebuilds
only what a change affects and tells open pages to reload (Server-Sent Events). When the
content has errors, they are printed in the terminal and every page shows them, until the
files are fixed; the server keeps running.

Why not the `livereload` package, which we started with: it checks for changes every
0.8 s, then ignores any change within 3 s of the previous reload (a second save soon after
the first is never shown), injects an inline script (blocked by our Content-Security-
Policy), and turns on Tornado's code autoreload when given a WSGI app. This server uses the
standard library, and `watchfiles` to hear of saves from the operating system (inotify,
FSEvents, ReadDirectoryChangesW) instead of scanning the tree: at 10,000 tasks one scan of
the 90,000 content files takes about a second.
"""

from __future__ import annotations

import html
import mimetypes
import os
import sys
import threading
import time
import traceback
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from jinja2 import TemplateError, TemplateSyntaxError
from watchfiles import watch

from .errors import ContentErrors
from .incremental import BuildSession

RELOAD_PATH = "/__reload"
SCRIPT_PATH = "/__dev.js"
DEV_SCRIPT = b"""// Development only: reload this page when the site is rebuilt.
(function () {
  var source = new EventSource("/__reload");
  source.addEventListener("reload", function () { location.reload(); });
  // The search index is rebuilt after the pages: only the search page needs to reload.
  source.addEventListener("extras", function () {
    if (document.querySelector("[data-search-index]")) location.reload();
  });
})();
"""
WATCH_STEP_MS = 50        # after a change, wait this long for more (an editor saving several files)
WATCH_TIMEOUT_MS = 200    # between changes, look this often at the deferred search index


def visible_files(folders: list[Path]):
    """A watch filter for the files the build reads: not hidden ones below the watched folders
    (editors' swap files, .git) nor editor backups ("name~")."""
    roots = [Path(os.path.abspath(f)) for f in folders]

    def visible(change, path: str) -> bool:
        path = Path(path)
        for root in roots:
            if path.is_relative_to(root):
                return not any(part.startswith(".") for part in path.relative_to(root).parts) \
                    and not path.name.endswith("~")
        return False

    return visible


def template_error(exc: TemplateError) -> str:
    """A layout problem as `file:line: template: message`, like content errors."""
    if isinstance(exc, TemplateSyntaxError):
        return f"layouts/{exc.name or exc.filename}:{exc.lineno}: template: {exc.message}"
    return f"layouts: template: {exc.message or exc}"


class DevState:
    """What the server shows: the last error list (if any), and a generation to reload on."""

    def __init__(self):
        self.errors: list[str] = []
        self.generation = 0          # pages rebuilt (or errors changed)
        self.extras_generation = 0   # search index, downloads and feeds rebuilt
        self.changed = threading.Condition()

    def bump(self, errors: list[str]) -> None:
        with self.changed:
            self.errors = errors
            self.generation += 1
            self.changed.notify_all()

    def bump_extras(self) -> None:
        with self.changed:
            self.extras_generation += 1
            self.changed.notify_all()


def error_page(errors: list[str], base_path: str = "/") -> bytes:
    items = "".join(f"<li><code>{html.escape(e)}</code></li>" for e in errors)
    return (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>Content errors</title><link rel=\"stylesheet\" href=\"{html.escape(base_path)}assets/style.css\">"
        f"<script src=\"{SCRIPT_PATH}\" defer></script></head><body><main class=\"wrap dev-errors\" id=\"main\">"
        "<h1>Nội dung có lỗi · Content errors</h1>"
        "<p>Sửa các lỗi dưới đây và lưu tệp; trang sẽ tự tải lại. "
        "Fix the problems below and save; this page reloads by itself.</p>"
        f"<ol>{items}</ol></main></body></html>"
    ).encode("utf-8")


def make_handler(out: Path, state: DevState, base_path: str):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):  # quiet: the terminal is for build messages
            pass

        def do_GET(self):
            path = unquote(urlsplit(self.path).path)
            if path == RELOAD_PATH:
                return self.events()
            if path == SCRIPT_PATH:
                return self.send(HTTPStatus.OK, "text/javascript; charset=utf-8", DEV_SCRIPT)
            if state.errors and not path.startswith(base_path + "assets/"):
                return self.send(HTTPStatus.INTERNAL_SERVER_ERROR, "text/html; charset=utf-8", error_page(state.errors, base_path))
            if not path.startswith(base_path):
                return self.not_found()
            rel = path[len(base_path):]
            target = (out / rel).resolve()
            if not target.is_relative_to(out.resolve()):
                return self.not_found()
            if target.is_dir():
                if not path.endswith("/"):
                    self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                    self.send_header("Location", path + "/")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                target = target / "index.html"
            if not target.is_file():
                return self.not_found()
            body = target.read_bytes()
            ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if ctype.startswith("text/") or ctype in ("application/javascript", "application/json", "application/xml"):
                ctype += "; charset=utf-8"
            if ctype.startswith("text/html"):
                body = body.replace(b"</head>", f'<script src="{SCRIPT_PATH}" defer></script></head>'.encode(), 1)
            self.send(HTTPStatus.OK, ctype, body)

        def not_found(self):
            page = out / "404.html"
            body = page.read_bytes() if page.is_file() else b"Not found"
            self.send(HTTPStatus.NOT_FOUND, "text/html; charset=utf-8", body)

        def send(self, status, ctype, body: bytes):
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def events(self):
            """Server-Sent Events: one 'reload' event after each rebuild."""
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            seen, seen_extras = state.generation, state.extras_generation
            try:
                self.wfile.write(b": connected\n\n")
                self.wfile.flush()
                while not self.server.stopping.is_set():
                    with state.changed:
                        state.changed.wait(timeout=1.0)
                        current, current_extras = state.generation, state.extras_generation
                    events = []
                    if current != seen:
                        seen = current
                        events.append(f"event: reload\ndata: {current}\n\n")
                    # Both at once when a rebuild left nothing to do afterwards.
                    if current_extras != seen_extras:
                        seen_extras = current_extras
                        events.append(f"event: extras\ndata: {current_extras}\n\n")
                    self.wfile.write("".join(events).encode() if events else b": keep-alive\n\n")
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


class DevServer:
    def __init__(self, session: BuildSession, port: int, base_path: str = "/"):
        self.session = session
        self.state = DevState()
        self.folders = [session.content, session.layouts, session.assets]
        handler = make_handler(session.out, self.state, base_path)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.httpd.daemon_threads = True
        self.httpd.stopping = threading.Event()
        self.port = self.httpd.server_address[1]
        self._watcher = threading.Thread(target=self._watch, daemon=True)
        self.pending: set[Path] = set()   # files changed since the last build that succeeded

    def build_first(self) -> None:
        self.rebuild([])

    def _report(self, lines: list[str], what: str) -> None:
        for line in lines:
            print(line, file=sys.stderr, flush=True)
        print(f"{len(lines)} problem(s) in the {what}; the browser shows them until they are fixed.",
              file=sys.stderr, flush=True)
        self.state.bump(lines)

    def rebuild(self, changed: list[Path]) -> None:
        """Rebuild for the files changed since the last good build (all of them: after an error,
        fixing the file rebuilds what every save since then affects, not the whole site)."""
        self.pending.update(changed)
        started = time.perf_counter()
        try:
            if self.session.model is None:
                result = self.session.full()
            else:
                result = self.session.update(sorted(self.pending), defer_extras=True)
        except ContentErrors as exc:
            self._report([str(e) for e in exc.errors], "content")
            return
        except TemplateError as exc:
            self.session.env = None            # compile the layouts afresh next time
            self._report([template_error(exc)], "layouts")
            return
        except Exception:                      # a defect: show it, keep serving, retry on the next save
            self.session.env = None
            self._report(traceback.format_exc().rstrip().splitlines()[-6:], "build (a defect: please report it)")
            return
        self.pending.clear()
        took = time.perf_counter() - started
        extras_done = self.session.extras_due is None and self.session.extras_job is None
        if result.full:
            print(f"Built {sum(p.endswith('.html') for p in result.written)} pages in {took:.2f} s.", flush=True)
        else:
            print(f"Rebuilt in {took:.2f} s: {len(result.written)} files written, {len(result.removed)} removed.",
                  flush=True)
        self.state.bump([])
        if extras_done:      # the search index was edited in place, or built with the pages
            self.state.bump_extras()

    def poll_extras(self) -> None:
        """Start the deferred search index, downloads and feeds once saves pause (a child
        process builds them, so the next save's pages need not wait), and announce them."""
        try:
            self.session.start_extras()
            self.session.prepare()
            result = self.session.poll_extras()
        except RuntimeError as exc:   # a defect, not a content error: say so and keep serving
            print(f"Could not update the search index, downloads and feeds:\n{exc}", file=sys.stderr, flush=True)
            return
        if result is not None:
            print(f"Search index, downloads and feeds updated: "
                  f"{len(result.written)} files written, {len(result.removed)} removed.", flush=True)
            self.state.bump_extras()

    def _watch(self) -> None:
        """Rebuild when files change; between saves, bring the search index and the rest up to date."""
        for changes in watch(*self.folders, watch_filter=visible_files(self.folders), stop_event=self.httpd.stopping,
                             step=WATCH_STEP_MS, rust_timeout=WATCH_TIMEOUT_MS, yield_on_timeout=True,
                             raise_interrupt=False):
            if changes:
                self.rebuild(sorted({Path(path) for _, path in changes}))
            else:                                       # pages first; the rest when saves pause
                self.poll_extras()

    def serve_forever(self) -> None:
        self._watcher.start()
        try:
            self.httpd.serve_forever(poll_interval=0.2)
        finally:
            self.httpd.stopping.set()
            self.httpd.server_close()
            self._watcher.join(timeout=10)
            if not self._watcher.is_alive():
                self.session.cancel_extras()

    def stop(self) -> None:
        self.httpd.stopping.set()
        self.httpd.shutdown()


def serve(args, as_of) -> int:
    base_path = "/" + args.base_url.split("://", 1)[-1].split("/", 1)[-1] if "://" in args.base_url else args.base_url
    session = BuildSession(args.content, args.out, args.layouts, args.assets, args.base_url, as_of)
    try:
        server = DevServer(session, args.port, base_path)
    except OSError as exc:
        print(f"error: cannot listen on 127.0.0.1:{args.port} ({exc.strerror}); try --port 8001", file=sys.stderr)
        return 2
    server.build_first()
    print(f"Serving {args.out} at http://127.0.0.1:{server.port}{base_path}vi/ — Ctrl+C to stop.", flush=True)
    try:
        server.serve_forever()
    except (KeyboardInterrupt, SystemExit):  # Ctrl+C, or SIGTERM turned into SystemExit by the CLI
        pass
    print("Stopped.", flush=True)
    return 0
