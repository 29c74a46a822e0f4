"""Time (and optionally profile) the search index build on a content folder.

    .venv/bin/python bench/search_build_bench.py --content /tmp/bench/c10k/content --repeat 3 \
        --digest /tmp/searchwork/index-digest.json

To time an older version, copy this file into a checkout of it (`git worktree add`) and
run it there: it imports portal/ from the folder it is in.

Loads the content once, then for each language times `documents(model, lang)` and
`build_index(...)` (together: `language_files`) --repeat times and prints the median CPU
seconds. --digest writes the SHA-256 of every index file (or, if the file exists and
--check is given, compares against it), to show that a faster build writes the same
index. --profile writes a pyinstrument HTML profile of one run per language.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import hashlib
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal.i18n import LANGS  # noqa: E402
from portal.load import load  # noqa: E402
from portal.model import build_model  # noqa: E402
from portal.search import build_index, documents  # noqa: E402


def digest(files: dict[str, bytes]) -> dict[str, str]:
    return {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--content", type=Path, required=True)
    parser.add_argument("--as-of", default="2026-11-22")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--digest", type=Path, help="write (or with --check, compare) index file hashes")
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--profile", type=Path, help="folder for pyinstrument HTML profiles")
    args = parser.parse_args()

    start = time.process_time()
    model = build_model(load(args.content), dt.date.fromisoformat(args.as_of))
    gc.freeze()   # as portal/pipeline.py does before the index is built
    print(f"load + model: {time.process_time() - start:.1f} s CPU", flush=True)

    hashes: dict[str, dict[str, str]] = {}
    for lang in LANGS:
        doc_times, index_times = [], []
        for _ in range(args.repeat):
            start = time.process_time()
            docs, facets = documents(model, lang)
            middle = time.process_time()
            files = build_index(docs, facets)
            doc_times.append(middle - start)
            index_times.append(time.process_time() - middle)
        total = [a + b for a, b in zip(doc_times, index_times)]
        print(f"{lang}: {len(docs)} documents, {len(files)} files, {sum(map(len, files.values())) / 1e6:.1f} MB; "
              f"CPU s, median of {args.repeat}: documents {statistics.median(doc_times):.2f}, "
              f"build_index {statistics.median(index_times):.2f}, language_files {statistics.median(total):.2f} "
              f"(all runs: {', '.join(f'{t:.2f}' for t in total)})", flush=True)
        hashes[lang] = digest(files)
        if args.profile:
            from pyinstrument import Profiler
            args.profile.mkdir(parents=True, exist_ok=True)
            profiler = Profiler(interval=0.005)
            with profiler:
                build_index(*documents(model, lang))
            (args.profile / f"search-{lang}.html").write_text(profiler.output_html(), encoding="utf-8")
            print(profiler.output_text(unicode=False, color=False, show_all=False), flush=True)

    if args.digest:
        if args.check:
            expected = json.loads(args.digest.read_text(encoding="utf-8"))
            for lang in LANGS:
                same = expected[lang] == hashes[lang]
                differ = sorted(set(expected[lang]) ^ set(hashes[lang]) |
                                {n for n in expected[lang] if hashes[lang].get(n) not in (None, expected[lang][n])})
                print(f"{lang}: index {'identical' if same else 'DIFFERS'} ({len(hashes[lang])} files)"
                      + ("" if same else f"; first differing: {differ[:5]}"))
            return 0 if expected == hashes else 1
        args.digest.parent.mkdir(parents=True, exist_ok=True)
        args.digest.write_text(json.dumps(hashes, indent=0, sort_keys=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
