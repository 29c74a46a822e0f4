"""The whole build: load and validate -> site model -> render -> write."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .load import load
from .model import build_model
from .render import Renderer, Settings
from .search import index_files
from .datasets import data_files
from .feeds import feed_files, robots, sitemap
from .write import write_site


@dataclass(frozen=True)
class BuildResult:
    pages: int
    missing_translations: tuple[str, ...]


def build(content: Path, out: Path, layouts: Path, assets: Path, base_url: str, as_of: dt.date) -> BuildResult:
    loaded = load(content)                       # raises ContentErrors; nothing written yet
    model = build_model(loaded, as_of)
    renderer = Renderer(model, Settings(base_url, layouts, assets))
    files = renderer.pages()
    files.update(index_files(model))
    files.update(data_files(model, base_url))
    files.update(feed_files(model, renderer.catalogs, base_url))
    vi_pages = sorted(p[: -len("index.html")] for p in files if p.startswith("vi/") and p.endswith("/index.html"))
    files["sitemap.xml"] = sitemap(vi_pages, base_url)
    files["robots.txt"] = robots(base_url)
    count = write_site(files, out, assets)
    return BuildResult(sum(1 for p in files if p.endswith(".html")), loaded.missing_translations)
