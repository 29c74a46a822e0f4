"""The whole build: load and validate -> site model -> render -> write."""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from . import buildstate
from .load import load
from .model import build_model
from .outputs import extra_parts
from .processes import can_fork, default_jobs, die_with_parent
from .render import Renderer, Settings
from .search import IndexFiles
from .write import copy_assets, staging, write_files

# Below this many pages a second process costs more than it saves.
PARALLEL_FROM = 400


@dataclass(frozen=True)
class BuildResult:
    pages: int
    missing_translations: tuple[str, ...]
    skipped: bool = False      # nothing had changed since the last build


_worker_state: dict = {}


def _run_job(number: int) -> tuple[dict | int, tuple | None]:
    """In a forked worker: run one job (the model is shared copy-on-write) and write its files;
    with digests wanted (the dev server), also send back a search index's state."""
    digests = {} if _worker_state["digests"] else None
    files = _worker_state["jobs"][number]()
    count = write_files(_worker_state["root"], _pairs(files), digests)
    if digests is None:
        return count, None
    return digests, _index_state(files)


def _pages(renderer: Renderer, specs: list):
    """(path, bytes) of each page, rendered one at a time (they are written as they come)."""
    return ((spec.path, renderer.render(spec)) for spec in specs)


def _pairs(files):
    """A job's files as (path, bytes) pairs: jobs give a dict or the pairs themselves."""
    return files.items() if isinstance(files, dict) else files


def _index_state(files) -> tuple | None:
    """(language, state) of a search index's files, for portal/searchedit.py."""
    return (files.lang, files.state) if isinstance(files, IndexFiles) else None


def build(content: Path, out: Path, layouts: Path, assets: Path, base_url: str, as_of: dt.date,
          jobs: int | None = None, force: bool = True) -> BuildResult:
    """Build the site. With force=False, do nothing if no input changed since the last build."""
    state = buildstate.fingerprint([content, layouts, assets], {"base_url": base_url, "as_of": as_of})
    if not force and buildstate.unchanged(out, state):
        return BuildResult(0, (), skipped=True)
    buildstate.forget(out)
    # Loading makes millions of objects and no garbage cycles: the cycle collector would only
    # scan them again and again. Frozen afterwards, they are not scanned (nor copied, in the
    # forked workers, by the collector touching them).
    gc.disable()
    try:
        loaded = load(content)                   # raises ContentErrors; nothing written yet
        model = build_model(loaded, as_of)
    finally:
        gc.enable()
    gc.freeze()
    renderer = Renderer(model, Settings(base_url, layouts, assets))
    try:
        pages = write_model(model, renderer, out, assets, base_url, jobs)
    finally:
        gc.unfreeze()                            # a long-lived process (tests, serve) may build again
    buildstate.remember(out, state)
    return BuildResult(len(pages), loaded.missing_translations)


def write_model(model, renderer: Renderer, out: Path, assets: Path, base_url: str, jobs: int | None = None,
                digests: dict | None = None, index_states: dict | None = None) -> list[str]:
    """Render every page and extra file of a model into a staging folder, both cores at work,
    and swap it in as `out`; returns the page paths. With `digests`, fill it with every
    written file's digest, and `index_states` with each language's search index state (the
    dev server's starting point)."""
    specs = renderer.specs()
    jobs = jobs or default_jobs()
    pages = [s.path for s in specs]
    # Independent jobs, largest first: the search index of each language, the other extra
    # files, then the pages in small shares so that both cores stay busy to the end.
    shares = jobs * 8 if jobs > 1 else 1
    work = [*extra_parts(model, renderer.catalogs, base_url, pages),
            *(partial(_pages, renderer, specs[i::shares]) for i in range(shares))]
    states = _write_site(work, out=out, assets=assets, jobs=jobs, parallel=len(specs) >= PARALLEL_FROM,
                         digests=digests)
    if index_states is not None:
        index_states.update(states)
    return pages


def _write_site(work: list, out: Path, assets: Path, jobs: int, parallel: bool, digests: dict | None = None) -> dict:
    """Run every job into a staging folder and swap it in as the site; with digests, returns
    {language: search index state}."""
    states = {}
    with staging(out) as tmp:
        if jobs > 1 and parallel and can_fork():
            _worker_state.update(root=tmp, jobs=work, digests=digests is not None)
            try:
                with multiprocessing.get_context("fork").Pool(jobs, initializer=die_with_parent) as pool:
                    for done, state in pool.imap_unordered(_run_job, range(len(work))):
                        if digests is not None:
                            digests.update(done)
                        if state is not None:
                            states[state[0]] = state[1]
                    pool.close()   # let the workers end on their own, rather than be signalled
                    pool.join()
            finally:
                _worker_state.clear()
        else:
            for job in work:
                files = job()
                write_files(tmp, _pairs(files), digests)
                state = _index_state(files) if digests is not None else None
                if state is not None:
                    states[state[0]] = state[1]
        copy_assets(assets, tmp)
    return states
