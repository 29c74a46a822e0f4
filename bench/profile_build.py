#!/usr/bin/env python3
"""Profile one build of our generator: time per stage, and cProfile's top functions.

    .venv/bin/python bench/profile_build.py --content /tmp/bench-10k/content --out /tmp/bench-10k/site-prof

Runs portal.pipeline.build under cProfile. Prints a JSON summary: the cumulative time
of each stage (every function build() calls directly: load, build_model,
Renderer.pages, write_site, ...), of YAML parsing, Markdown, Jinja rendering and file
writes, and the top functions by own and by cumulative time. Saves the raw stats
beside --out (.prof, readable with `python -m pstats`).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import json
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Functions whose cumulative time answers "how much goes to X" (file suffix, function name).
BUCKETS = {
    "frontmatter parse (YAML compose + checks)": [("portal/frontmatter.py", "parse")],
    "yaml compose (libyaml)": [("yaml/composer.py", "compose_document")],
    "markdown (portal.markdown.render, cache misses)": [("portal/markdown.py", "render")],
    "jinja Template.render (includes Markdown called from templates)": [("jinja2/environment.py", "render")],
    "file writes (Path.write_bytes)": [("pathlib.py", "write_bytes")],
    "mkdir": [("pathlib.py", "mkdir")],
}


def stages(stats: pstats.Stats) -> dict:
    """Cumulative seconds of each function portal.pipeline.build calls directly (its stages)."""
    build_key = next(k for k in stats.stats if k[0].endswith("portal/pipeline.py") and k[2] == "build")
    out = {}
    for (file, line, func), (_cc, _nc, _tt, _ct, callers) in stats.stats.items():
        if build_key in callers:
            edge = callers[build_key]           # (calls, prim calls, own, cumulative) from build only
            out[f"{Path(file).parent.name}/{Path(file).name}:{func}"] = round(edge[3], 2)
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def top(stats: pstats.Stats, key: str, n: int) -> list:
    rows = []
    for (file, line, func), (cc, nc, tt, ct, _) in stats.stats.items():
        rows.append({"function": f"{Path(file).name}:{line}({func})", "file": file,
                     "calls": nc, "own_s": round(tt, 2), "cumulative_s": round(ct, 2)})
    rows.sort(key=lambda r: r[key], reverse=True)
    return [{k: v for k, v in r.items() if k != "file"} for r in rows[:n]]


def bucket_times(stats: pstats.Stats) -> dict:
    out = {}
    for name, keys in BUCKETS.items():
        total = 0.0
        for (file, _line, func), (_cc, _nc, _tt, ct, _) in stats.stats.items():
            if any(file.endswith(f) and func == fn for f, fn in keys):
                total = max(total, ct)  # cumulative time of the outermost match (recursion-safe)
        out[name] = round(total, 2)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n\n", 1)[1])
    ap.add_argument("--content", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True, help="site folder to write (replaced)")
    ap.add_argument("--code", type=Path, default=ROOT,
                    help="folder holding build.py, portal/, layouts/, assets/ (default: this checkout; "
                         "bench/run.py leaves a frozen copy in WORK/code-snapshot)")
    ap.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date(2026, 11, 22))
    ap.add_argument("--top", type=int, default=25, help="how many functions to list (default 25)")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(args.code.resolve()))
    from portal.pipeline import build  # noqa: PLC0415

    prof = cProfile.Profile()
    t = time.perf_counter()
    prof.runcall(build, args.content, args.out, args.code / "layouts", args.code / "assets", "/", args.as_of)
    total = time.perf_counter() - t
    prof_path = args.out.with_suffix(".prof")
    prof.dump_stats(prof_path)
    stats = pstats.Stats(prof)
    print(json.dumps({
        "code": str(args.code.resolve()),
        "total_s_under_cprofile": round(total, 2),
        "stages_cumulative_s": stages(stats),
        "buckets_cumulative_s": bucket_times(stats),
        "top_own_time": top(stats, "own_s", args.top),
        "top_cumulative": top(stats, "cumulative_s", args.top),
        "stats_file": str(prof_path),
    }, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
