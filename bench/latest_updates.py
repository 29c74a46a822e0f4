#!/usr/bin/env python3
"""Time finding the home page's latest progress updates afresh (SiteModel.latest_updates), the
pass over every update that a status edit is spared by _derived_patched.

    .venv/bin/python bench/latest_updates.py --content /tmp/bench/c100k/content [--reps 3]

Loads the content, makes the model, then times latest_updates(LATEST) from nothing --reps
times and prints each in milliseconds, with the number of updates.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal.load import load  # noqa: E402
from portal.model import LATEST, build_model  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--content", type=Path, required=True)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--as-of", default="2026-11-22")
    args = parser.parse_args()
    gc.disable()   # as BuildSession does while loading: millions of objects
    model = build_model(load(args.content), dt.date.fromisoformat(args.as_of))
    print("updates", len(model.content.of("update")))
    for _ in range(args.reps):
        model.derived.pop(("latest", LATEST), None)
        start = time.perf_counter()
        model.latest_updates(LATEST)
        print(f"latest_updates({LATEST}) afresh: {(time.perf_counter() - start) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
