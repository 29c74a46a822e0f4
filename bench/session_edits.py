#!/usr/bin/env python3
"""Time the live preview's rebuild itself, in one process, without the server around it.

    python bench/session_edits.py --content DIR/content [--edits 3] [--title | --status | --deadline] [--profile] [--verify] [--json out.json]

Copies nothing: it edits the first task of DIR/content in place (appends a line to its body,
or with --title changes its title, or with --status adds a progress update that changes its
status: every count and list that holds it changes, or with --deadline moves its deadline
into the past and out again: it becomes overdue, then upcoming or later),
so run it on a generated corpus (bench/generate.py), not on content/. Builds the site once
with the dev server's BuildSession (into DIR/site-session), then edits the task's body
`--edits` times and times BuildSession.update for each: what an editor waits for between
saving and the reload signal, less the file watcher's 50 ms and the browser. Before each edit
it runs what the server runs between saves (BuildSession.prepare), timed apart. Reports the
files each edit wrote, whether anything was left for later (extras due), and, with
--profile, the last edit's cProfile top 30 by cumulative time. With --verify, it then builds
the edited content afresh (build.py's pipeline, into DIR/site-clean) and compares every file
byte for byte with what the edits left (extras finished first).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import pstats
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal.incremental import BuildSession  # noqa: E402
from portal.pipeline import build  # noqa: E402


# Alternated by --status: neither is the generated updates' last status of every task.
STATUSES = ("delayed", "completed")
# Alternated by --deadline: overdue on the as-of date (2026-11-22), then within the 90 days ahead.
DEADLINES = ("2026-06-30", "2027-01-31")


def _files(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_size for p in root.rglob("*")
            if p.is_file() and p.name != ".portal-site"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--content", type=Path, required=True)
    ap.add_argument("--out", type=Path, help="default: beside the content, site-session/")
    ap.add_argument("--edits", type=int, default=3)
    ap.add_argument("--title", action="store_true", help="edit the title (every list showing the task changes)")
    ap.add_argument("--status", action="store_true", help="add a progress update with a new status (counts change)")
    ap.add_argument("--deadline", action="store_true", help="move the deadline (overdue, then not)")
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--verify", action="store_true", help="compare with a clean build afterwards")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    out = args.out or args.content.parent / "site-session"
    task = sorted(p for p in (args.content / "tasks").rglob("*.md") if not p.name.endswith(".en.md"))[0]
    if args.status:
        # An earlier run's updates would make this run's the same as they: no change to measure.
        for old in (args.content / "updates").rglob("*-bench-*.md"):
            old.unlink()
    session = BuildSession(args.content, out, ROOT / "layouts", ROOT / "assets", "/", dt.date(2026, 11, 22))
    started = time.perf_counter()
    session.full()
    first = time.perf_counter() - started
    print(f"full build: {first:.1f} s", flush=True)
    edits = []
    profile = None
    for i in range(args.edits):
        # What the dev server does between saves (finding where records sit, freezing objects).
        t0 = time.perf_counter()
        session.prepare()
        prepared = time.perf_counter() - t0
        text = task.read_text(encoding="utf-8")
        if args.status:
            rel = task.relative_to(args.content / "tasks").with_suffix("")
            update = args.content / "updates" / rel.parent / f"{rel.name}-bench-{i}.md"
            update.parent.mkdir(parents=True, exist_ok=True)
            update.write_text(f"---\ntask: {rel.as_posix()}\ndate: 2026-11-22\nstatus: {STATUSES[i % 2]}\n"
                              f"source: Báo cáo kiểm tra {i}\n---\nGhi chú lần {i}.\n", encoding="utf-8")
            update.with_suffix(".en.md").write_text(f"---\nsource: Inspection report {i}\n---\nNote {i}.\n",
                                                    encoding="utf-8")
            changed = [update, update.with_suffix(".en.md")]
        else:
            if args.title:
                text = re.sub(r"^title: .*$", f"title: Nhiệm vụ sửa lần {i}", text, count=1, flags=re.M)
            elif args.deadline:
                text, n = re.subn(r"^deadline: .*$", f"deadline: {DEADLINES[i % 2]}", text, count=1, flags=re.M)
                if not n:
                    sys.exit(f"{task}: no deadline line to edit")
            else:
                text = text.rstrip("\n") + f"\n\nSửa lần {i}: từ mới {i}.\n"
            task.write_text(text, encoding="utf-8")
            changed = [task]
        profile = cProfile.Profile() if args.profile and i == args.edits - 1 else None
        t0 = time.perf_counter()
        if profile:
            profile.enable()
        result = session.update(changed, defer_extras=True)
        if profile:
            profile.disable()
        took = time.perf_counter() - t0
        edits.append({"edit": "status" if args.status else "title" if args.title else "deadline" if args.deadline else "body", "update_s": took, "prepare_before_s": prepared, "written": len(result.written),
                      "written_files": list(result.written)[:20], "rendered": result.rendered,
                      "extras_due": session.extras_due is not None})
        print(json.dumps(edits[-1], ensure_ascii=False), flush=True)
    summary = {"content": str(args.content), "full_build_s": first, "edits": edits,
               "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    if profile:
        text = io.StringIO()
        pstats.Stats(profile, stream=text).sort_stats("cumulative").print_stats(30)
        print(text.getvalue())
    if args.verify:
        session.finish_extras()
        clean = args.content.parent / "site-clean"
        build(args.content, clean, ROOT / "layouts", ROOT / "assets", "/", dt.date(2026, 11, 22))
        ours, theirs = _files(out), _files(clean)
        differ = sorted(p for p in ours.keys() & theirs.keys() if (out / p).read_bytes() != (clean / p).read_bytes())
        summary["verify"] = {"files": len(theirs), "only_incremental": sorted(ours.keys() - theirs.keys())[:20],
                             "only_clean": sorted(theirs.keys() - ours.keys())[:20], "differ": differ[:20]}
        print(json.dumps(summary["verify"], ensure_ascii=False), flush=True)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
