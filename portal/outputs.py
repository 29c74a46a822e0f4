"""Files beside the pages: search index, open data, feeds, sitemap, robots.txt."""

from __future__ import annotations

from .datasets import data_files
from .feeds import feed_files, robots, sitemap
from .model import SiteModel
from .search import index_files


def extra_files(model: SiteModel, catalogs: dict, base_url: str, page_paths: list[str]) -> dict[str, bytes]:
    """page_paths: output paths of every page ('vi/plans/x/index.html'), for the sitemap."""
    files: dict[str, bytes] = {}
    files.update(index_files(model))
    files.update(data_files(model, base_url))
    files.update(feed_files(model, catalogs, base_url))
    vi_pages = sorted(p[: -len("index.html")] for p in page_paths if p.startswith("vi/") and p.endswith("/index.html"))
    files["sitemap.xml"] = sitemap(vi_pages, base_url)
    files["robots.txt"] = robots(base_url)
    return files
