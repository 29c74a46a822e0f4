"""The whole build: load and validate -> site model -> render -> write."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from dataclasses import dataclass
from pathlib import Path

from . import buildstate
from .load import load
from .model import build_model
from .outputs import extra_files
from .render import Renderer, Settings
from .write import copy_assets, staging, write_files

# Below this many pages a second process costs more than it saves.
PARALLEL_FROM = 400


@dataclass(frozen=True)
class BuildResult:
    pages: int
    missing_translations: tuple[str, ...]
    skipped: bool = False      # nothing had changed since the last build


_worker_state: dict = {}


def _die_with_parent() -> None:
    """Workers must not outlive a killed build and keep writing into its temporary folder."""
    try:
        import ctypes
        import signal
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the parent's clean-up still removes the folder
        pass


def _render_share(args: tuple[int, int, str]) -> int:
    """In a forked worker: render every n-th page (the model is shared copy-on-write) and write it."""
    index, count, root = args
    renderer, specs = _worker_state["renderer"], _worker_state["specs"]
    return write_files(Path(root), ((s.path, renderer.render(s)) for s in specs[index::count]))


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 4))


def build(content: Path, out: Path, layouts: Path, assets: Path, base_url: str, as_of: dt.date,
          jobs: int | None = None, force: bool = True) -> BuildResult:
    """Build the site. With force=False, do nothing if no input changed since the last build."""
    state = buildstate.fingerprint([content, layouts, assets], {"base_url": base_url, "as_of": as_of})
    if not force and buildstate.unchanged(out, state):
        return BuildResult(0, (), skipped=True)
    buildstate.forget(out)
    loaded = load(content)                       # raises ContentErrors; nothing written yet
    model = build_model(loaded, as_of)
    renderer = Renderer(model, Settings(base_url, layouts, assets))
    specs = renderer.specs()
    jobs = jobs or default_jobs()
    with staging(out) as tmp:
        if jobs > 1 and len(specs) >= PARALLEL_FROM and "fork" in multiprocessing.get_all_start_methods():
            _worker_state.update(renderer=renderer, specs=specs)
            try:
                with multiprocessing.get_context("fork").Pool(jobs, initializer=_die_with_parent) as pool:
                    pool.map(_render_share, [(i, jobs, str(tmp)) for i in range(jobs)])
            finally:
                _worker_state.clear()
        else:
            write_files(tmp, ((s.path, renderer.render(s)) for s in specs))
        pages = [s.path for s in specs]
        write_files(tmp, extra_files(model, renderer.catalogs, base_url, pages).items())
        copy_assets(assets, tmp)
    buildstate.remember(out, state)
    return BuildResult(len(pages), loaded.missing_translations)
