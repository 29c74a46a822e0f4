#!/usr/bin/env python3
"""Time each stage of one build, in one process, without writing anything.

    .venv/bin/python bench/stages.py --content /tmp/bench/c10k/content [--json out.json]

The build itself (portal/pipeline.py) loads the files in two processes and then runs the
search index of each language, the other extra files and the pages as independent jobs on
both cores; this script runs the same functions one after the other, so that each stage's
CPU time can be read on its own: load and validate, site model, page specs, every page
(with the time per template), the search index of each language, and the other extra
files (data downloads, feeds, robots.txt). It also prints the process's resident memory
after each stage and its high-water mark (VmHWM), which is what one job of the build's
workers adds on top of the model it shares.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal.i18n import LANGS  # noqa: E402
from portal.load import load  # noqa: E402
from portal.model import build_model  # noqa: E402
from portal.outputs import extra_parts  # noqa: E402
from portal.render import Renderer, Settings  # noqa: E402


def memory() -> tuple[int, int]:
    """(VmRSS, VmHWM) in MiB."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) // 1024, int(fields["VmHWM"].split()[0]) // 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--content", type=Path, required=True)
    ap.add_argument("--as-of", default="2026-11-22")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    stages: dict[str, dict] = {}

    def stage(name: str, work):
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        rss, hwm = memory()
        stages[name] = {"wall_s": round(time.perf_counter() - wall, 2), "cpu_s": round(time.process_time() - cpu, 2),
                        "rss_mib": rss, "hwm_mib": hwm}
        print(f"{name:28s} {stages[name]['wall_s']:8.2f} s wall {stages[name]['cpu_s']:8.2f} s CPU "
              f"(this process; RSS {rss} MiB, high-water {hwm} MiB)", flush=True)
        return result

    gc.disable()      # as the build does while loading
    loaded = stage("load (parse + validate)", lambda: load(args.content))
    model = stage("site model", lambda: build_model(loaded, dt.date.fromisoformat(args.as_of)))
    gc.enable()
    gc.freeze()
    renderer = Renderer(model, Settings("/", ROOT / "layouts", ROOT / "assets"))
    specs = stage("page specs", renderer.specs)
    per_template: Counter = Counter()
    pages: Counter = Counter()

    def render_all() -> None:
        for spec in specs:
            started = time.perf_counter()
            renderer.render(spec)
            per_template[spec.template] += time.perf_counter() - started
            pages[spec.template] += 1

    stage(f"pages ({len(specs)})", render_all)
    names = [f"search index ({lang})" for lang in LANGS] + ["data, feeds, robots.txt"]
    for name, part in zip(names, extra_parts(model, renderer.catalogs, "/", [s.path for s in specs])):
        stage(name, lambda part=part: dict(part()))
    print("\npages by template (wall s, ms per page):")
    for template, seconds in per_template.most_common():
        print(f"  {template:24s} {pages[template]:7d} pages {seconds:7.2f} s {1000 * seconds / pages[template]:7.2f} ms")
    if args.json:
        args.json.write_text(json.dumps({"content": str(args.content), "stages": stages,
                                         "templates": {t: {"pages": pages[t], "s": round(s, 2)}
                                                       for t, s in per_template.items()}}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
