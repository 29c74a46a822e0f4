"""Command line: python build.py [build] [--content DIR] [--out DIR] [--base-url URL] [--as-of DATE].

Exit codes: 0 built, 1 content errors (nothing written), 2 usage errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import signal
import sys
from pathlib import Path

from .errors import ContentErrors
from .pipeline import build

ROOT = Path(__file__).resolve().parent.parent


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write YYYY-MM-DD") from None


def _base_url(text: str) -> str:
    if not (text.startswith("/") or text.startswith("http://") or text.startswith("https://")):
        raise argparse.ArgumentTypeError(f"{text!r} must start with / or http(s)://, e.g. /portal/")
    return text if text.endswith("/") else text + "/"


def default_as_of() -> dt.date:
    """SOURCE_DATE_EPOCH (reproducible builds) if set, else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="build.py", description="Build the PAPI plans portal.")
    sub = p.add_subparsers(dest="command")
    b = sub.add_parser("build", help="build the site (default)")
    s = sub.add_parser("serve", help="build, serve on 127.0.0.1 and rebuild when files change")
    s.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)")
    for target in (p, b, s):
        target.add_argument("--content", type=Path, default=ROOT / "content", help="content folder (default: content/)")
        target.add_argument("--out", type=Path, default=ROOT / "site", help="output folder (default: site/)")
        target.add_argument("--base-url", type=_base_url, default="/", help="where the site is served, e.g. /portal/")
        target.add_argument("--as-of", type=_date, default=None, help="date statuses are computed for (YYYY-MM-DD)")
        target.add_argument("--layouts", type=Path, default=ROOT / "layouts", help=argparse.SUPPRESS)
        target.add_argument("--assets", type=Path, default=ROOT / "assets", help=argparse.SUPPRESS)
    return p


def _terminate(signum, frame):  # let cleanup run when killed politely
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        as_of = args.as_of or default_as_of()
    except ValueError:
        print("error: SOURCE_DATE_EPOCH must be a whole number of seconds", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _terminate)
    if args.command == "serve":
        from .devserver import serve
        return serve(args, as_of)
    try:
        result = build(args.content, args.out, args.layouts, args.assets, args.base_url, as_of)
    except ContentErrors as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        n = len(exc.errors)
        print(f"{n} problem{'s' if n != 1 else ''} found; nothing was written.", file=sys.stderr)
        return 1
    print(f"Built {result.pages} pages in {args.out} (as of {as_of.isoformat()}).")
    if result.missing_translations:
        print(f"{len(result.missing_translations)} records have no English translation yet "
              f"(their English pages show the Vietnamese text):")
        for path in result.missing_translations[:20]:
            print(f"  {path}")
        if len(result.missing_translations) > 20:
            print(f"  … and {len(result.missing_translations) - 20} more")
    else:
        print("Every record has an English translation.")
    return 0
