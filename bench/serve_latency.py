"""Measure the live preview: time from saving a task file to the reload signal.

    python bench/serve_latency.py [--content content] [--edits 5]

Starts `build.py serve` on a copy of the content, edits one task's title several times,
and prints how long each rebuild-and-signal took (includes the watcher's 0.1 s polling).
"""

from __future__ import annotations

import argparse
import http.client
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--content", type=Path, default=ROOT / "content")
    ap.add_argument("--edits", type=int, default=5)
    ap.add_argument("--timeout", type=float, default=30, help="seconds to wait for each reload")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="serve-latency-"))
    try:
        content = work / "content"
        shutil.copytree(args.content, content)
        task = sorted((content / "tasks").rglob("*.md"))[0]
        task = task if not task.name.endswith(".en.md") else task.with_name(task.name[:-6] + ".md")
        proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--port", "0", "--content", str(content),
                                 "--out", str(work / "site"), "--as-of", "2026-11-22"],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        port = None
        started = time.perf_counter()
        for line in proc.stdout:
            m = re.search(r"127\.0\.0\.1:(\d+)/", line)
            if m:
                port = int(m.group(1))
                break
        print(f"initial build and start: {time.perf_counter() - started:.2f} s")
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request("GET", "/__reload")
        events = conn.getresponse()
        got = threading.Event()

        def reader():
            for raw in events:
                if raw.startswith(b"event: reload"):
                    got.set()

        threading.Thread(target=reader, daemon=True).start()
        time.sleep(0.5)
        timings = []
        for i in range(args.edits):
            got.clear()
            text = task.read_text(encoding="utf-8")
            text = re.sub(r"^title: .*$", f"title: Sửa lần {i}", text, count=1, flags=re.M)
            t0 = time.perf_counter()
            task.write_text(text, encoding="utf-8")
            if not got.wait(args.timeout):
                print(f"no reload signal within {args.timeout} s")
                break
            timings.append(time.perf_counter() - t0)
            time.sleep(0.3)
        proc.terminate()
        proc.wait(10)
        print("save -> reload signal (s):", ", ".join(f"{t:.2f}" for t in timings))
        if timings:
            print(f"median {statistics.median(timings):.2f} s, max {max(timings):.2f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
