#!/usr/bin/env python3
"""One real build (both cores, files written), with each job's time and its worker's memory.

    .venv/bin/python bench/jobs.py --content /tmp/bench/c10k/content --out /tmp/bench/s10k

Runs portal.pipeline.build as `build.py build` does, and prints, as JSON lines: the load
(wall seconds, and CPU seconds of this process and of the parsing workers), then each job
as its worker finishes it (number, wall and CPU seconds, the worker's resident memory
now and its high-water mark, in MiB), then the whole build. Job 0 and 1 are the search
index of each language, job 2 the data downloads and feeds, the others shares of the
pages. A worker runs several jobs one after the other, so its high-water mark after a
job is the most any of its jobs so far needed on top of the model it shares; the build's
peak memory is the largest of these (and of the parent's).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal import pipeline  # noqa: E402


def memory() -> tuple[int, int]:
    """(VmRSS, VmHWM) of this process in MiB."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) // 1024, int(fields["VmHWM"].split()[0]) // 1024


_run_job, _load = pipeline._run_job, pipeline.load


def timed_job(number: int):
    """pipeline._run_job, timed, in the worker (module level: the pool sends it by name)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = _run_job(number)
    rss, hwm = memory()
    print(json.dumps({"job": number, "wall_s": round(time.perf_counter() - wall, 2),
                      "cpu_s": round(time.process_time() - cpu, 2), "rss_mib": rss, "hwm_mib": hwm}), flush=True)
    return result


def timed_load(content):
    wall, before = time.perf_counter(), os.times()
    loaded = _load(content)
    after = os.times()
    print(json.dumps({"load_wall_s": round(time.perf_counter() - wall, 2),
                      "load_cpu_s": round(after.user + after.system - before.user - before.system, 2),
                      "parse_workers_cpu_s": round(after.children_user + after.children_system
                                                   - before.children_user - before.children_system, 2),
                      "rss_mib": memory()[0]}), flush=True)
    return loaded


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--content", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--as-of", default="2026-11-22")
    args = ap.parse_args()
    pipeline._run_job, pipeline.load = timed_job, timed_load
    started = time.perf_counter()
    result = pipeline.build(args.content, args.out, ROOT / "layouts", ROOT / "assets", "/",
                            dt.date.fromisoformat(args.as_of))
    print(json.dumps({"pages": result.pages, "build_wall_s": round(time.perf_counter() - started, 2),
                      "parent_hwm_mib": memory()[1]}), flush=True)


if __name__ == "__main__":
    main()
