#!/usr/bin/env python3
"""Measure the live preview: from saving one task file to the browser's reload signal.

    python bench/serve_latency.py [--content content] [--edits 5] [--json out.json]
    python bench/generate.py --tasks 100000 --out /tmp/b100k && \\
        python bench/serve_latency.py --content /tmp/b100k/content --edits 5

Starts `build.py serve` on a copy of the content (the first build is timed too), then edits
one task several times, in turn its body (only its own pages change) and its title (every
list that shows it changes too), or the kinds of edit `--kinds` names: also "status" (a new
progress update with another status: every count that holds the task changes) and "deadline"
(moved into the past, then 90 days ahead: it becomes overdue, then upcoming). For each edit
it measures:

- save -> "reload" signal: the pages are rebuilt and written (what an editor waits for);
- save -> "extras" signal: the search index, downloads and feeds are up to date as well;
- that the page served afterwards shows the edit (correctness, not just a signal);
- which output files were rewritten (modification times before and after), so that
  "nothing else is rewritten" is checked, not assumed;
- the server's peak resident memory (VmHWM) at the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import queue
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


EDITS = ("body", "title", "status", "deadline")
STATUSES = ("delayed", "completed")   # alternated by status edits


def mtimes(folder: Path) -> dict[str, int]:
    out = {}
    for root, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            out[os.path.relpath(path, folder)] = os.stat(path).st_mtime_ns
    return out


def group(paths: list[str]) -> dict[str, int]:
    """Rewritten files by kind of page: 'vi/tasks', 'search/vi', 'data/en', ..."""
    kinds: dict[str, int] = {}
    for p in paths:
        parts = p.split("/")
        kind = "/".join(parts[:2]) if len(parts) > 2 else parts[0]
        kinds[kind] = kinds.get(kind, 0) + 1
    return dict(sorted(kinds.items()))


def peak_rss_mib(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def get(port: int, path: str) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path)
    return conn.getresponse().read().decode("utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--content", type=Path, default=ROOT / "content")
    ap.add_argument("--edits", type=int, default=6)
    ap.add_argument("--pause", type=float, default=2.0, help="seconds between edits, after the extras are done")
    ap.add_argument("--timeout", type=float, default=600, help="seconds to wait for each signal")
    ap.add_argument("--json", type=Path, help="write every measurement here")
    ap.add_argument("--kinds", default="body,title", help="edits to make in turn: body, title, status, deadline")
    args = ap.parse_args()
    kinds = args.kinds.split(",")
    if not set(kinds) <= set(EDITS):
        sys.exit(f"--kinds: one or more of {', '.join(EDITS)}")
    work = Path(tempfile.mkdtemp(prefix="serve-latency-"))
    try:
        content = work / "content"
        shutil.copytree(args.content, content)
        # Layouts and assets are copied too: an edit someone makes to the working tree meanwhile
        # would otherwise trigger rebuilds that are not the ones measured.
        for name in ("layouts", "assets"):
            shutil.copytree(ROOT / name, work / name)
        task = sorted(p for p in (content / "tasks").rglob("*.md") if not p.name.endswith(".en.md"))[0]
        rel = task.relative_to(content / "tasks").with_suffix("")
        page = f"/vi/tasks/{rel.as_posix()}/"
        out = work / "site"
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--port", "0", "--content",
                                 str(content), "--out", str(out), "--as-of", "2026-11-22",
                                 "--layouts", str(work / "layouts"), "--assets", str(work / "assets")],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        port = None
        for line in proc.stdout:
            m = re.search(r"127\.0\.0\.1:(\d+)/", line)
            if m:
                port = int(m.group(1))
                break
        first = time.perf_counter() - started
        print(f"first build and start: {first:.2f} s", flush=True)
        server_log: list[str] = []   # what the server prints ("Rebuilt in 0.31 s: ..."), kept in the JSON
        threading.Thread(target=lambda: [server_log.append(line.rstrip()) for line in proc.stdout], daemon=True).start()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=args.timeout)
        conn.request("GET", "/__reload")
        events = conn.getresponse()
        signals: queue.Queue = queue.Queue()

        def reader():
            for raw in events:
                if raw.startswith(b"event: "):
                    signals.put((raw[7:].strip().decode(), time.perf_counter()))

        threading.Thread(target=reader, daemon=True).start()
        time.sleep(1.0)
        results = []
        for i in range(args.edits):
            kind = kinds[i % len(kinds)]
            while not signals.empty():
                signals.get()
            before = mtimes(out)
            text = task.read_text(encoding="utf-8")
            marker = f"Sửa lần {i}"
            files = {task: None}
            if kind == "title":
                text = re.sub(r"^title: .*$", f"title: {marker}", text, count=1, flags=re.M)
            elif kind == "body":
                text = text.rstrip("\n") + f"\n\n{marker}.\n"
            elif kind == "deadline":
                day = dt.date(2026, 6, 30) if i % 2 == 0 else dt.date(2027, 1, 31)   # as of 2026-11-22
                text = re.sub(r"^deadline: .*$", f"deadline: {day.isoformat()}", text, count=1, flags=re.M)
                marker = f"{day.day}/{day.month}/{day.year}"   # as the Vietnamese page writes it
            else:
                update = content / "updates" / rel.parent / f"{rel.name}-serve-{i}.md"
                update.parent.mkdir(parents=True, exist_ok=True)
                files = {update: f"---\ntask: {rel.as_posix()}\ndate: 2026-11-22\nstatus: {STATUSES[i % 2]}\n"
                                 f"source: Báo cáo {i}\n---\n{marker}.\n",
                         update.with_suffix(".en.md"): f"---\nsource: Report {i}\n---\nEdit {i}.\n"}
            t0 = time.perf_counter()
            for path, new_text in files.items():
                path.write_text(text if new_text is None else new_text, encoding="utf-8")
            got = {}
            deadline = time.monotonic() + args.timeout
            while "extras" not in got and time.monotonic() < deadline:
                try:
                    name, at = signals.get(timeout=max(0.01, deadline - time.monotonic()))
                except queue.Empty:
                    break
                got.setdefault(name, at - t0)
                if name == "reload":
                    after_pages = mtimes(out)
                    shown = marker in get(port, page)
            after = mtimes(out)
            pages_written = sorted(p for p in after_pages if after_pages[p] != before.get(p)) if "reload" in got else []
            all_written = sorted(p for p in after if after[p] != before.get(p))
            result = {"edit": kind, "reload_s": got.get("reload"), "extras_s": got.get("extras"),
                      "page_shows_edit": "reload" in got and shown,
                      "written_with_pages": group(pages_written), "written_in_all": len(all_written),
                      "written_by_kind": group(all_written), "files_in_site": len(after)}
            results.append(result)
            print(json.dumps(result, ensure_ascii=False), flush=True)
            time.sleep(args.pause)
        rss = peak_rss_mib(proc.pid)
        proc.terminate()
        proc.wait(30)
        reloads = [r["reload_s"] for r in results if r["reload_s"] is not None]
        extras = [r["extras_s"] for r in results if r["extras_s"] is not None]
        summary = {"content": str(args.content), "first_build_s": first, "server_peak_rss_mib": rss,
                   "reload_median_s": statistics.median(reloads) if reloads else None,
                   "reload_max_s": max(reloads) if reloads else None,
                   "extras_median_s": statistics.median(extras) if extras else None,
                   "edits": results, "server_log": server_log[-40:]}
        print(f"save -> reload signal: median {summary['reload_median_s']:.2f} s, max {summary['reload_max_s']:.2f} s; "
              f"save -> search index, downloads and feeds: median {summary['extras_median_s']:.2f} s; "
              f"server peak RSS {rss:.0f} MiB" if reloads and extras and rss else json.dumps(summary))
        if args.json:
            args.json.write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
