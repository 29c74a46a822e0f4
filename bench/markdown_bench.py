#!/usr/bin/env python3
"""Time Markdown engines on the bodies of a content tree (ours: portal.markdown; others if installed).

    .venv/bin/python bench/generate.py --tasks 10000 --out /tmp/bench-10k
    .venv/bin/pip install mistune          # optional: the engine the project started with
    .venv/bin/python bench/markdown_bench.py --content /tmp/bench-10k/content --limit 6000

Prints milliseconds per body for: portal.markdown.render (cmark-gfm and our safety rewrite),
cmark-gfm alone (markdown.cmark_html), and mistune 3 with the plugins we used (when importable). Bodies are
rendered once each (no cache); the best of --reps runs is reported, as the machine is shared.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal import markdown  # noqa: E402
from portal.frontmatter import parse  # noqa: E402


def bodies(content: Path, limit: int) -> list[str]:
    files = sorted(content.glob("tasks/*/*.md"))[: limit // 2] + sorted(content.glob("updates/*/*.md"))[: limit // 2]
    return [parse(f.read_bytes(), str(f)).body for f in files]


def engines() -> dict:
    found = {"portal.markdown (cmark-gfm + rewrite)": lambda s: markdown._render.__wrapped__(s, 1),   # uncached
             "cmark-gfm alone (markdown.cmark_html)": markdown.cmark_html}
    try:
        import mistune
        md = mistune.create_markdown(plugins=["table", "strikethrough"])
        found[f"mistune {mistune.__version__}"] = md
    except ImportError:
        print("mistune is not installed: pip install mistune to compare", file=sys.stderr)
    return found


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--content", type=Path, default=ROOT / "content")
    ap.add_argument("--limit", type=int, default=6000, help="bodies to render (half tasks, half updates)")
    ap.add_argument("--reps", type=int, default=3)
    args = ap.parse_args()
    texts = bodies(args.content, args.limit)
    print(f"{len(texts)} bodies, {sum(map(len, texts)) / max(1, len(texts)):.0f} characters on average")
    for name, render in engines().items():
        best = float("inf")
        for _ in range(args.reps):
            started = time.perf_counter()
            for text in texts:
                render(text)
            best = min(best, time.perf_counter() - started)
        print(f"{name:40} {best / max(1, len(texts)) * 1000:.3f} ms per body")


if __name__ == "__main__":
    main()
