"""`python build.py serve`: build, serve site/ on 127.0.0.1, rebuild and reload on change."""

from __future__ import annotations

import sys

from .errors import ContentErrors
from .pipeline import build


def serve(args, as_of) -> int:
    from livereload import Server  # imported here: only the dev server needs it

    def rebuild() -> None:
        try:
            result = build(args.content, args.out, args.layouts, args.assets, args.base_url, as_of)
            print(f"Rebuilt {result.pages} pages.", flush=True)
        except ContentErrors as exc:
            for error in exc.errors:
                print(error, file=sys.stderr, flush=True)
            print("The previous site is still being served; fix the problems above and save.", file=sys.stderr, flush=True)

    rebuild()
    server = Server()
    for folder in (args.content, args.layouts, args.assets):
        server.watch(str(folder), rebuild, delay=0.2)
    print(f"Serving {args.out} on http://127.0.0.1:{args.port}/vi/ (Ctrl+C to stop)", flush=True)
    server.serve(root=str(args.out), host="127.0.0.1", port=args.port, open_url_delay=None)
    return 0
