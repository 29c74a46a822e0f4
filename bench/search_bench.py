"""Measure search on synthetic content: our index (portal/search.py + assets/search.js)
against Pagefind, on the same documents, in headless Chromium.

    .venv/bin/python bench/search_bench.py --tasks 10000 100000 --pagefind /tmp/pfvenv/bin/python

The documents are reproducible: they come from bench/search_corpus.json (a snapshot of the
shipped content's provinces, indices, agencies, communes and pages, and the titles and
bodies of its plans and tasks; `--snapshot` writes it again from content/) and a fixed
random seed. Titles and bodies are random walks over the word pairs of the snapshot's
titles and bodies, so syllable frequencies are those of real plans, and the vocabulary
stays the real site's at any size (how the dictionary and the pair lists grow with new
words is not measured). Per --tasks: that many tasks, one plan per 50 tasks, one progress
update per 4 tasks; a task's hidden phrases and agencies are made as portal/search.py
documents() makes them (its province, plan number and short title; one or two agencies),
an update has its task's. Only the Vietnamese site is measured; the English index has
the same shape.

For each query, a fresh browser context (empty cache) opens the search page, waits until
search is ready ("first load" bytes), runs the query and renders 20 results ("query"
bytes and cold time), then runs it --warm more times with every file in memory and
reports the median ("warm" time: the work after the index parts arrive). Pagefind: the
same, with pagefind.search() and data() of its first 20 results.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import html
import http.server
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal.pipeline import build  # noqa: E402
from portal.search import Facets, SearchDoc, build_index, spaceless  # noqa: E402

CORPUS = ROOT / "bench" / "search_corpus.json"
QUERIES = ("tỉnh", "dân", "công", "dong thap", "Đồng Tháp", "quan tri dien tu", "quan tr",
           "ủy ban nhân dân tỉnh", "ca mau", "cong khai minh bach", "so noi vu",
           "ủy ban nhân dân tỉnh thực hiện công tác cải", "xyzzy")
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
    warm_ms: float | None    # median of the warm runs, everything in memory


HEADER = ("| engine | tasks | query | results | first load KB | query KB | cold ms | warm ms (median) |\n"
          "|---|---:|---|---:|---:|---:|---:|---:|")


def report(r: Measure) -> None:
    """Prints one table row as soon as it is measured (a Pagefind run at 100,000 tasks is slow)."""
    def ms(value):
        return "–" if value is None else f"{value:.0f}"
    results = "–" if r.results is None else r.results
    print(f"| {r.engine} | {r.tasks} | {r.query} | {results} | {r.first_load / 1024:.0f} | "
          f"{r.query_bytes / 1024:.0f} | {ms(r.cold_ms)} | {ms(r.warm_ms)} |", flush=True)


# ------------------------------------------------------------------ synthetic content

def snapshot() -> None:
    """Writes bench/search_corpus.json from the shipped content (Vietnamese)."""
    from portal.load import load
    from portal.model import build_model
    from portal.search import documents
    model = build_model(load(ROOT / "content"), dt.date(2026, 11, 22))
    docs, facets = documents(model, "vi")
    fixed = [d for d in docs if d.kind not in ("plan", "task", "update")]
    corpus = {
        "provinces": [list(p) for p in facets.provinces],
        "pillars": [list(p) for p in facets.pillars],
        "statuses": list(facets.statuses),
        "agencies": [a.name.vi for a in model.agencies.values()],
        "documents": [[d.kind, d.url, d.title, d.text, list(d.hidden), d.province, list(d.pillars), d.note]
                      for d in fixed],
        "titles": [d.title for d in docs if d.kind in ("task", "plan")],
        "bodies": [d.text for d in docs if d.kind in ("task", "plan")],
    }
    CORPUS.write_text(json.dumps(corpus, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")


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


def synthetic_docs(tasks: int) -> tuple[list[SearchDoc], Facets]:
    corpus = json.loads(CORPUS.read_text(encoding="utf-8"))
    facets = Facets(tuple(map(tuple, corpus["provinces"])), tuple(map(tuple, corpus["pillars"])),
                    tuple(corpus["statuses"]))
    rng = random.Random(SEED)
    titles, bodies = Walk(corpus["titles"], rng), Walk(corpus["bodies"], rng)
    names = dict(facets.provinces)
    pillars = [p for p, _, _ in facets.pillars]
    parent, index = {}, None   # a dimension's index: facet pillars carry it, as documents() makes them
    for pillar, _, depth in facets.pillars:
        index = pillar if depth == 0 else index
        parent[pillar] = index
    docs = [SearchDoc(kind, url, title, text, tuple(hidden), province, tuple(p), None, None, note)
            for kind, url, title, text, hidden, province, p, note in corpus["documents"]]
    plans = []
    for n in range(max(1, tasks // 50)):
        province = rng.choice(list(names))
        short = titles.text(rng.randint(3, 6))
        hidden = (names[province], spaceless(names[province]), f"{rng.randint(1, 999)}/KH-UBND", short)
        pillar = rng.choice(pillars)
        plans.append(SearchDoc("plan", f"plans/p{n}/", titles.text(rng.randint(8, 20)),
                               bodies.text(rng.randint(40, 120)), hidden, province,
                               tuple(sorted({pillar, parent[pillar]})), None, rng.randint(2012, 2026)))
    docs += plans
    for n in range(tasks):
        plan = plans[n % len(plans)]
        status = rng.choice(facets.statuses)
        chosen = rng.sample(pillars, rng.randint(1, 2))
        task = SearchDoc("task", f"tasks/t{n}/", titles.text(rng.randint(5, 14)), bodies.text(rng.randint(20, 90)),
                         plan.hidden, plan.province,
                         tuple(sorted(set(chosen) | {parent[p] for p in chosen})), status, rng.randint(2013, 2030),
                         agencies=tuple(rng.sample(corpus["agencies"], rng.randint(1, 2))))
        docs.append(task)
        if n % 4 == 0:
            docs.append(replace(task, kind="update", url=f"tasks/t{n}/#update-1", text=bodies.text(rng.randint(10, 40)),
                                status=rng.choice(facets.statuses[1:]), agencies=()))
    return docs, facets


# ------------------------------------------------------------------ sites

def write_files(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def build_ours(out: Path, docs, facets) -> tuple[float, int, int]:
    """The real site (for its search page), with the synthetic index in search/vi/.
    Returns CPU seconds of build_index, bytes and files of the index."""
    build(ROOT / "content", out, ROOT / "layouts", ROOT / "assets", "/", dt.date(2026, 11, 22))
    shutil.rmtree(out / "search" / "vi")
    start = time.process_time()
    files = build_index(docs, facets)
    seconds = time.process_time() - start
    write_files(out / "search" / "vi", files)
    return seconds, sum(len(b) for b in files.values()), len(files)


def build_pagefind(out: Path, docs, python: str) -> tuple[float, float, int, int]:
    """One HTML page per document, indexed by the Pagefind CLI. Returns seconds, peak GB,
    bytes and files of the index."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for n, doc in enumerate(docs):
        (out / f"{n}.html").write_text(
            '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{0}</title></head>'
            '<body><main data-pagefind-body><h1>{0}</h1><p>{1}</p><p>{2}</p></main></body></html>'.format(
                *(html.escape(s) for s in (doc.title, doc.text, " ".join(doc.hidden + doc.agencies)))),
            encoding="utf-8")
    (out / "search.html").write_text('<!doctype html><html lang="vi"><head><meta charset="utf-8"></head>'
                                     '<body></body></html>', encoding="utf-8")
    start = time.perf_counter()
    subprocess.run([python, "-m", "pagefind", "--site", str(out), "--quiet"], check=True)
    seconds = time.perf_counter() - start
    peak_gb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 / 1024
    files = [p for p in (out / "pagefind").rglob("*") if p.is_file()]
    return seconds, peak_gb, sum(p.stat().st_size for p in files), len(files)


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


def measure_ours(browser, base: str, tasks: int, warm_runs: int) -> None:
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
        warm = statistics.median(page.evaluate(OURS_RUN_JS) for _ in range(warm_runs))
        count = page.inner_text("#search-status")
        results = int("".join(c for c in count.split(" ")[0] if c.isdigit()) or 0)
        report(Measure("ours", tasks, query, results, first, query_bytes, cold, warm))
        context.close()


def measure_pagefind(browser, base: str, tasks: int, limit_ms: int, warm_runs: int) -> None:
    for query in QUERIES:
        context = browser.new_context()
        page = context.new_page()
        downloads = Downloads(page)
        page.goto(base + "search.html")
        page.evaluate("""async () => { window.pf = await import('/pagefind/pagefind.js'); await window.pf.init(); }""")
        first = downloads.bytes
        cold, results = page.evaluate(PAGEFIND_RUN_JS, [query, limit_ms])
        query_bytes = downloads.bytes - first
        warm = None
        if cold is not None:
            runs = [page.evaluate(PAGEFIND_RUN_JS, [query, limit_ms])[0] for _ in range(warm_runs)]
            warm = statistics.median(runs) if None not in runs else None
        report(Measure("pagefind", tasks, query, results, first, query_bytes, cold, warm))
        context.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tasks", type=int, nargs="+", default=[10000])
    parser.add_argument("--out", type=Path, default=Path("/tmp/search-bench"))
    parser.add_argument("--pagefind", help="a Python that has pagefind[bin] installed; omit to skip Pagefind")
    parser.add_argument("--limit", type=int, default=60, help="seconds to wait for one Pagefind query")
    parser.add_argument("--warm", type=int, default=5, help="warm runs per query (the median is reported)")
    parser.add_argument("--snapshot", action="store_true", help="write bench/search_corpus.json from content/")
    args = parser.parse_args()
    if args.snapshot:
        snapshot()
        return 0
    from playwright.sync_api import sync_playwright

    print(HEADER, flush=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for tasks in args.tasks:
            docs, facets = synthetic_docs(tasks)
            ours = args.out / f"ours-{tasks}"
            seconds, size, count = build_ours(ours, docs, facets)
            print(f"ours {tasks} tasks: {len(docs)} documents, index {size / 1e6:.1f} MB in {count} files, "
                  f"build_index {seconds:.0f} s CPU", flush=True)
            server = serve(ours)
            measure_ours(browser, f"http://127.0.0.1:{server.server_address[1]}/", tasks, args.warm)
            server.shutdown()
            if args.pagefind:
                site = args.out / f"pagefind-{tasks}"
                seconds, peak, size, count = build_pagefind(site, docs, args.pagefind)
                print(f"pagefind {tasks} tasks: index {size / 1e6:.1f} MB in {count} files, built in {seconds:.0f} s, "
                      f"peak memory of child processes so far {peak:.1f} GB", flush=True)
                server = serve(site)
                measure_pagefind(browser, f"http://127.0.0.1:{server.server_address[1]}/", tasks,
                                 args.limit * 1000, args.warm)
                server.shutdown()
        browser.close()

    return 0


if __name__ == "__main__":
    raise SystemExit(main())
