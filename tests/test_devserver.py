"""The live preview: edit a file, see the rebuilt page and the reload signal; errors and recovery."""

from __future__ import annotations

import http.client
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time

import pytest

from tests.conftest import BASE, ROOT, write_tree

TASK = "tasks/dt-83-2014/01-cong-khai.md"


class Events(threading.Thread):
    """Reads the server's Server-Sent Events into a queue."""

    def __init__(self, port: int):
        super().__init__(daemon=True)
        self.port, self.events = port, queue.Queue()

    def run(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.request("GET", "/__reload")
        response = conn.getresponse()
        assert response.status == 200
        for raw in response:
            line = raw.decode().strip()
            if line.startswith("event: "):
                self.events.put(line[7:])

    def wait_for(self, kind: str, timeout=15.0) -> None:
        """Wait for an event of this kind, skipping others ("reload" after the pages are
        rebuilt, "extras" after the search index, downloads and feeds)."""
        deadline = time.monotonic() + timeout
        while self.events.get(timeout=max(0.01, deadline - time.monotonic())) != kind:
            pass

    def wait_reload(self, timeout=15.0) -> None:
        self.wait_for("reload", timeout)


def get(port: int, path: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path)
    response = conn.getresponse()
    return response.status, response.read().decode("utf-8")


def start(tmp_path, *extra: str):
    content = write_tree(tmp_path / "content", BASE)
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--port", "0", "--content", str(content),
         "--out", str(tmp_path / "site"), "--as-of", "2026-11-22", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    port = None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if match:
            port = int(match.group(1))
            break
    assert port, "server did not start"
    return proc, port, content


@pytest.fixture
def server(tmp_path):
    proc, port, content = start(tmp_path)
    yield proc, port, content
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def test_layout_error_is_shown_and_fixing_it_recovers(tmp_path):
    layouts = tmp_path / "layouts"
    shutil.copytree(ROOT / "layouts", layouts)
    proc, port, content = start(tmp_path, "--layouts", str(layouts), "--base-url", "/portal/")
    try:
        events = Events(port)
        events.start()
        time.sleep(0.3)
        task = layouts / "task.html"
        good = task.read_text(encoding="utf-8")
        task.write_text(good.replace("{% endblock %}", "{% if %}{% endblock %}", 1), encoding="utf-8")
        events.wait_reload()
        status, page = get(port, "/portal/vi/tasks/dt-83-2014/01-cong-khai/")
        assert status == 500
        assert "layouts/task.html:2: template: Expected an expression, got &#x27;end of statement block&#x27;" in page
        assert 'href="/portal/assets/style.css"' in page     # the error page is styled under a sub-path too
        assert get(port, "/portal/assets/style.css")[0] == 200
        task.write_text(good.replace("<h1>", "<h1 class=\"fixed\">", 1), encoding="utf-8")
        events.wait_reload()
        status, page = get(port, "/portal/vi/tasks/dt-83-2014/01-cong-khai/")
        assert status == 200 and '<h1 class="fixed">' in page
    finally:
        proc.kill()
        proc.wait()


def test_edit_rebuilds_and_signals_reload(server):
    proc, port, content = server
    status, page = get(port, "/vi/tasks/dt-83-2014/01-cong-khai/")
    assert status == 200 and "Công khai danh sách hộ nghèo" in page
    assert '<script src="/__dev.js" defer></script>' in page
    events = Events(port)
    events.start()
    time.sleep(0.3)
    path = content / TASK
    path.write_text(path.read_text(encoding="utf-8").replace("title: Công khai danh sách hộ nghèo", "title: Tiêu đề mới"),
                    encoding="utf-8")
    events.wait_reload()
    status, page = get(port, "/vi/tasks/dt-83-2014/01-cong-khai/")
    assert status == 200 and "Tiêu đề mới" in page
    # the search index and the downloads follow the pages, with their own signal
    events.wait_for("extras")
    status, tasks_csv = get(port, "/data/vi/tasks.csv")
    assert status == 200 and "Tiêu đề mới" in tasks_csv
    search_files = [f.read_text(encoding="utf-8") for f in (content.parent / "site/search/vi/docs").glob("*.json")]
    assert any("Tiêu đề mới" in text for text in search_files)

    # a broken file: the terminal and every page say what is wrong; the server keeps running
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("deadline: 2015-12-31", "deadline: soon"), encoding="utf-8")
    events.wait_reload()
    status, page = get(port, "/vi/plans/dt-83-2014/")
    assert status == 500
    assert "content/tasks/dt-83-2014/01-cong-khai.md:7: deadline: &#x27;soon&#x27; is not a deadline" in page

    # fixing it recovers
    path.write_text(good, encoding="utf-8")
    events.wait_reload()
    status, page = get(port, "/vi/plans/dt-83-2014/")
    assert status == 200 and "Tiêu đề mới" in page

    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=15)
    assert proc.returncode == 0
    assert "Stopped." in out
    assert "content/tasks/dt-83-2014/01-cong-khai.md:7: deadline:" in err
    # recovering re-rendered what the edits since the last good build affect, not the whole site
    assert "Built " not in out and out.count("Rebuilt in ") == 2, out


def test_unknown_path_gets_404_page(server):
    proc, port, content = server
    status, page = get(port, "/vi/no-such-page/")
    assert status == 404 and "Không tìm thấy trang" in page
    status, _ = get(port, "/../../etc/passwd")
    assert status == 404
