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

from . import messages
from .errors import ContentErrors
from .outputs import notes
from .pipeline import build
from .write import OutputError, check_output

ROOT = Path(__file__).resolve().parent.parent
DOCS_WITH_FIELDS = ("docs/content-model.md", "docs/guide.vi.md", "docs/guide.en.md")


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
    c = sub.add_parser("check", help="validate content, links, translations and progress updates")
    c.add_argument("--stale-after", type=int, default=180, metavar="DAYS",
                   help="warn about open tasks with no update for this many days (default 180)")
    c.add_argument("--strict", action="store_true", help="fail on warnings too")
    n = sub.add_parser("new", help="write a new plan, task or update file with every field explained")
    n.add_argument("what", choices=["plan", "task", "update"])
    n.add_argument("names", nargs="+", metavar="NAME",
                   help="plan: PLAN-ID; task: PLAN-ID TASK-NAME; update: TASK-ID (plan/name)")
    n.add_argument("--province", help="plan: the province id (a former province if issued before 1 July 2025)")
    n.add_argument("--date", type=_date, help="update: date of the information (default: the as-of date)")
    n.add_argument("--content", type=Path, default=ROOT / "content", help="content folder (default: content/)")
    sub.add_parser("docs", help="regenerate the field reference in docs/ from the schema")
    for target in (p, b):
        target.add_argument("--jobs", type=int, default=None, help="processes that render pages (default: cores, at most 4)")
        target.add_argument("--force", action="store_true", help="build even if nothing changed since the last build")
    for target in (p, b, s, c):
        target.add_argument("--content", type=Path, default=ROOT / "content", help="content folder (default: content/)")
        target.add_argument("--out", type=Path, default=ROOT / "site", help="output folder (default: site/)")
        target.add_argument("--base-url", type=_base_url, default="/", help="where the site is served, e.g. /portal/")
        target.add_argument("--as-of", type=_date, default=None, help="date statuses are computed for (YYYY-MM-DD)")
        target.add_argument("--lang", choices=messages.LANGUAGES, default=messages.DEFAULT_LANGUAGE,
                            help="language of content error messages: en (default) or vi (tiếng Việt)")
        target.add_argument("--layouts", type=Path, default=ROOT / "layouts", help=argparse.SUPPRESS)
        target.add_argument("--assets", type=Path, default=ROOT / "assets", help=argparse.SUPPRESS)
    return p


def _terminate(signum, frame):  # let cleanup run when killed politely
    raise SystemExit(128 + signum)


def _new(args, as_of: dt.date) -> int:
    from .scaffold import ScaffoldError, new_plan, new_task, new_update
    expected = {"plan": 1, "task": 2, "update": 1}[args.what]
    if len(args.names) != expected:
        usage = {"plan": "new plan PLAN-ID [--province ID]", "task": "new task PLAN-ID TASK-NAME",
                 "update": "new update PLAN-ID/TASK-NAME [--date YYYY-MM-DD]"}[args.what]
        print(f"usage: python build.py {usage}", file=sys.stderr)
        return 2
    try:
        if args.what == "plan":
            path = new_plan(args.content, args.names[0], args.province)
        elif args.what == "task":
            path = new_task(args.content, *args.names)
        else:
            path = new_update(args.content, args.names[0], args.date or as_of)
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote {path}. Replace every TODO value, then run: python build.py check")
    print(f"Add the English translation beside it as {path.name[:-3]}.en.md (see docs/guide.en.md).")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    previous = messages.set_language(getattr(args, "lang", messages.DEFAULT_LANGUAGE))
    try:
        return _main(args)
    finally:
        messages.set_language(previous)


def _main(args) -> int:
    for name in ("content", "out", "layouts", "assets"):   # relative paths mean the same everywhere below
        if getattr(args, name, None) is not None:
            setattr(args, name, Path(os.path.abspath(getattr(args, name))))
    try:
        as_of = args.as_of or default_as_of()
    except ValueError:
        print("error: SOURCE_DATE_EPOCH must be a whole number of seconds", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _terminate)
    if args.command == "docs":
        from .fieldref import update_document
        for doc in DOCS_WITH_FIELDS:
            path = ROOT / doc
            path.write_text(update_document(path.read_text(encoding="utf-8")), encoding="utf-8")
            print(f"Updated {doc}")
        return 0
    if args.command == "new":
        return _new(args, as_of)
    if args.command == "check":
        from .check import report, run_check
        findings = run_check(args.content, args.layouts, args.assets, args.base_url, as_of, args.stale_after)
        print(report(findings))
        failing = [f for f in findings if f.severity == "error" or args.strict]
        return 1 if failing else 0
    if args.command in ("serve", "build", None):
        try:
            check_output(args.out, [args.content, args.layouts, args.assets, ROOT / "portal"])
        except OutputError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    if args.command == "serve":
        from .devserver import serve
        return serve(args, as_of)
    try:
        result = build(args.content, args.out, args.layouts, args.assets, args.base_url, as_of, args.jobs,
                       force=args.force)
    except ContentErrors as exc:
        for error in exc.errors:
            print(error.render(args.lang), file=sys.stderr)
        print(messages.summary(len(exc.errors), args.lang), file=sys.stderr)
        return 1
    if result.skipped:
        print(f"Nothing changed since the last build of {args.out} (as of {as_of.isoformat()}); "
              "nothing written. Use --force to build anyway.")
        return 0
    print(f"Built {result.pages} pages in {args.out} (as of {as_of.isoformat()}).")
    for note in notes(args.base_url):
        print(note)
    if result.missing_translations:
        n = len(result.missing_translations)
        print(f"{n} record{'s have' if n != 1 else ' has'} no English translation yet "
              f"(the English page{'s show' if n != 1 else ' shows'} the Vietnamese text):")
        for path in result.missing_translations[:20]:
            print(f"  {path}")
        if len(result.missing_translations) > 20:
            print(f"  … and {len(result.missing_translations) - 20} more")
    else:
        print("Every record has an English translation.")
    return 0
