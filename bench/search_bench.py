"""Measure search on synthetic content: our index (portal/search.py + assets/search.js)
against Pagefind, on the same documents, in headless Chromium.

    .venv/bin/python bench/search_bench.py --tasks 10000 100000 --pagefind /tmp/pfvenv/bin/python

Synthetic documents are made by a random walk over the word pairs of the shipped
content (so syllable frequencies look like real plans), per --tasks: that many tasks,
one plan per 50 tasks, one progress update per 4 tasks, the real provinces and pillars.
Only the Vietnamese site is measured; the English index has the same shape.

For each query, a fresh browser context (empty cache) opens the search page, waits until
search is ready ("first load" bytes), runs the query and renders 20 results ("query"
bytes and cold time), then runs it again with every file in memory ("warm" time: the
work after the index parts arrive). Pagefind: the same, with pagefind.search() and
data() of its first 20 results.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import html
import http.server
import random
import resource
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal.load import load  # noqa: E402
from portal.model import build_model  # noqa: E402
from portal.pipeline import build  # noqa: E402
from portal.search import SearchDoc, build_index, documents  # noqa: E402

QUERIES = ("tỉnh", "dân", "công", "dong thap", "Đồng Tháp", "quan tri dien tu", "quan tr",
           "ủy ban nhân dân tỉnh", "ca mau", "cong khai minh bach", "xyzzy")
SEED = 20261122
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@dataclass(frozen=True)
class Measure:
    engine: str
    tasks: int
    query: str
    results: int | None
    first_load: int      # bytes until search is ready
    query_bytes: int     # bytes the query downloaded
    cold_ms: float | None    # query, downloads included (None: gave up after --limit seconds)
    warm_ms: float | None    # the same query again, everything in memory


HEADER = ("| engine | tasks | query | results | first load KB | query KB | cold ms | warm ms |\n"
          "|---|---:|---|---:|---:|---:|---:|---:|")


def report(r: Measure) -> None:
    """Prints one table row as soon as it is measured (a Pagefind run at 100,000 tasks is slow)."""
    def ms(value):
        return "–" if value is None else f"{value:.0f}"
    results = "–" if r.results is None else r.results
    print(f"| {r.engine} | {r.tasks} | {r.query} | {results} | {r.first_load / 1024:.0f} | "
          f"{r.query_bytes / 1024:.0f} | {ms(r.cold_ms)} | {ms(r.warm_ms)} |", flush=True)


# ------------------------------------------------------------------ synthetic content

class Walk:
    """Random text following the word pairs of real text."""

    def __init__(self, texts: list[str], rng: random.Random):
        self.rng = rng
        self.next: dict[str, list[str]] = {}
        self.starts = []
        for text in texts:
            tokens = text.split()
            if tokens:
                self.starts.append(tokens[0])
            for a, b in zip(tokens, tokens[1:]):
                self.next.setdefault(a, []).append(b)

    def text(self, length: int) -> str:
        word = self.rng.choice(self.starts)
        out = [word]
        while len(out) < length:
            word = self.rng.choice(self.next.get(word) or self.starts)
            out.append(word)
        return " ".join(out)


def synthetic_docs(tasks: int, lang: str):
    real, facets = documents(build_model(load(ROOT / "content"), dt.date(2026, 11, 22)), lang)
    rng = random.Random(SEED)
    titles = Walk([d.title for d in real if d.kind in ("task", "plan")], rng)
    bodies = Walk([d.text for d in real if d.kind in ("task", "plan")], rng)
    provinces = [p for p, _ in facets.provinces]
    pillars = [p for p, _ in facets.pillars]
    docs = [d for d in real if d.kind in ("province", "pillar")]
    plans = []
    for n in range(max(1, tasks // 50)):
        province = rng.choice(provinces)
        plans.append(SearchDoc("plan", f"plans/p{n}/", titles.text(rng.randint(8, 20)), bodies.text(rng.randint(40, 120)),
                              "", province, (rng.choice(pillars),), None, rng.randint(2012, 2026)))
    docs += plans
    for n in range(tasks):
        plan = plans[n % len(plans)]
        status = rng.choice(facets.statuses)
        task = SearchDoc("task", f"tasks/t{n}/", titles.text(rng.randint(5, 14)), bodies.text(rng.randint(20, 90)),
                         "", plan.province, tuple(sorted(set(rng.sample(pillars, rng.randint(1, 2))))), status,
                         rng.randint(2013, 2030))
        docs.append(task)
        if n % 4 == 0:
            docs.append(replace(task, kind="update", url=f"tasks/t{n}/#update-1", text=bodies.text(rng.randint(10, 40)),
                                status=rng.choice(facets.statuses[1:])))
    return docs, facets


# ------------------------------------------------------------------ sites

def write_files(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def build_ours(out: Path, docs, facets) -> tuple[float, int]:
    """The real site (for its search page), with the synthetic index in search/vi/."""
    build(ROOT / "content", out, ROOT / "layouts", ROOT / "assets", "/", dt.date(2026, 11, 22))
    shutil.rmtree(out / "search" / "vi")
    start = time.perf_counter()
    files = build_index(docs, facets)
    seconds = time.perf_counter() - start
    write_files(out / "search" / "vi", files)
    return seconds, sum(len(b) for b in files.values())


def build_pagefind(out: Path, docs, python: str) -> tuple[float, float, int]:
    """One HTML page per document, indexed by the Pagefind CLI. Returns seconds, peak GB, bytes."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for n, doc in enumerate(docs):
        (out / f"{n}.html").write_text(
            '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{0}</title></head>'
            '<body><main data-pagefind-body><h1>{0}</h1><p>{1}</p><p>{2}</p></main></body></html>'.format(
                *(html.escape(s) for s in (doc.title, doc.text, doc.hidden))),
            encoding="utf-8")
    (out / "search.html").write_text('<!doctype html><html lang="vi"><head><meta charset="utf-8"></head>'
                                     '<body></body></html>', encoding="utf-8")
    start = time.perf_counter()
    subprocess.run([python, "-m", "pagefind", "--site", str(out), "--quiet"], check=True)
    seconds = time.perf_counter() - start
    peak_gb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 / 1024
    size = sum(p.stat().st_size for p in (out / "pagefind").rglob("*") if p.is_file())
    return seconds, peak_gb, size


# ------------------------------------------------------------------ browser

class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                      ".json": "application/json; charset=utf-8", ".wasm": "application/wasm"}

    def log_message(self, *args):
        pass


def serve(folder: Path) -> http.server.ThreadingHTTPServer:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class Downloads:
    """Bytes a page downloads, its workers included (Pagefind searches in a Web Worker,
    whose requests the page's Resource Timing does not list)."""

    def __init__(self, page):
        self.bytes = 0
        page.on("response", self.add)

    def add(self, response):
        self.bytes += int(response.headers.get("content-length", 0))


OURS_RUN_JS = """async () => {
  const list = document.getElementById('search-list');
  const done = new Promise(resolve => new MutationObserver((_, obs) => {
    if (list.getAttribute('aria-busy') === 'false') { obs.disconnect(); resolve(); }
  }).observe(list, {attributes: true}));
  const start = performance.now();
  document.querySelector('.search-form button').click();
  await done;
  return performance.now() - start;
}"""

PAGEFIND_RUN_JS = """async ([q, limit]) => {
  const start = performance.now();
  const work = (async () => {
    const search = await window.pf.search(q);
    await Promise.all(search.results.slice(0, 20).map(r => r.data()));
    return search.results.length;
  })();
  const results = await Promise.race([work, new Promise(resolve => setTimeout(() => resolve(null), limit))]);
  return [results === null ? null : performance.now() - start, results];
}"""


def measure_ours(browser, base: str, tasks: int) -> None:
    for query in QUERIES:
        context = browser.new_context()
        page = context.new_page()
        downloads = Downloads(page)
        page.goto(base + "vi/search/")
        page.wait_for_selector(".search-app:not([hidden])")
        first = downloads.bytes
        page.fill("#search-q", query)
        cold = page.evaluate(OURS_RUN_JS)
        query_bytes = downloads.bytes - first
        warm = page.evaluate(OURS_RUN_JS)
        count = page.inner_text("#search-status")
        results = int("".join(c for c in count.split(" ")[0] if c.isdigit()) or 0)
        report(Measure("ours", tasks, query, results, first, query_bytes, cold, warm))
        context.close()


def measure_pagefind(browser, base: str, tasks: int, limit_ms: int) -> None:
    for query in QUERIES:
        context = browser.new_context()
        page = context.new_page()
        downloads = Downloads(page)
        page.goto(base + "search.html")
        page.evaluate("""async () => { window.pf = await import('/pagefind/pagefind.js'); await window.pf.init(); }""")
        first = downloads.bytes
        cold, results = page.evaluate(PAGEFIND_RUN_JS, [query, limit_ms])
        query_bytes = downloads.bytes - first
        warm = page.evaluate(PAGEFIND_RUN_JS, [query, limit_ms])[0] if cold is not None else None
        report(Measure("pagefind", tasks, query, results, first, query_bytes, cold, warm))
        context.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tasks", type=int, nargs="+", default=[10000])
    parser.add_argument("--out", type=Path, default=Path("/tmp/search-bench"))
    parser.add_argument("--pagefind", help="a Python that has pagefind[bin] installed; omit to skip Pagefind")
    parser.add_argument("--limit", type=int, default=60, help="seconds to wait for one Pagefind query")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    print(HEADER, flush=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for tasks in args.tasks:
            docs, facets = synthetic_docs(tasks, "vi")
            ours = args.out / f"ours-{tasks}"
            seconds, size = build_ours(ours, docs, facets)
            print(f"ours {tasks} tasks: {len(docs)} documents, index {size / 1e6:.1f} MB, "
                  f"built in {seconds:.0f} s", flush=True)
            server = serve(ours)
            measure_ours(browser, f"http://127.0.0.1:{server.server_address[1]}/", tasks)
            server.shutdown()
            if args.pagefind:
                site = args.out / f"pagefind-{tasks}"
                seconds, peak, size = build_pagefind(site, docs, args.pagefind)
                print(f"pagefind {tasks} tasks: index {size / 1e6:.1f} MB, built in {seconds:.0f} s, "
                      f"peak memory of child processes so far {peak:.1f} GB", flush=True)
                server = serve(site)
                measure_pagefind(browser, f"http://127.0.0.1:{server.server_address[1]}/", tasks, args.limit * 1000)
                server.shutdown()
        browser.close()

    return 0


if __name__ == "__main__":
    raise SystemExit(main())
