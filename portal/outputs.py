"""Files beside the pages: search index, open data, feeds, sitemap, robots.txt."""

from __future__ import annotations

from functools import partial
from collections.abc import Iterator
from typing import Callable

from .datasets import iter_data_files
from .feeds import feed_files, is_absolute, robots, sitemap
from .i18n import LANGS
from .model import SiteModel
from .search import IndexFiles, language_files


def notes(base_url: str) -> tuple[str, ...]:
    """What a build with this base URL leaves out, one line each, for the command line to print."""
    if is_absolute(base_url):
        return ()
    return (f"sitemap.xml not written: the sitemap protocol needs full addresses and --base-url is {base_url}; "
            "build with --base-url https://…/ to publish one (robots.txt then names it).",)


def other_files(model: SiteModel, catalogs: dict, base_url: str, page_paths: list[str]) -> Iterator[tuple[str, bytes]]:
    """Everything beside the pages but the search index, as (path, bytes), one file at a time."""
    yield from iter_data_files(model, base_url)
    yield from feed_files(model, catalogs, base_url).items()
    if is_absolute(base_url):
        vi_pages = sorted(p[: -len("index.html")] for p in page_paths if p.startswith("vi/") and p.endswith("/index.html"))
        yield "sitemap.xml", sitemap(vi_pages, base_url)
    yield "robots.txt", robots(base_url)


def extra_parts(model: SiteModel, catalogs: dict, base_url: str,
                page_paths: list[str]) -> list[Callable[[], dict[str, bytes] | Iterator[tuple[str, bytes]]]]:
    """The extra files as independent jobs, largest first, so a build can run them side by side;
    each gives a dict or (path, bytes) pairs."""
    return [*(partial(language_files, model, lang) for lang in LANGS),
            partial(other_files, model, catalogs, base_url, page_paths)]


def extra_files(model: SiteModel, catalogs: dict, base_url: str, page_paths: list[str],
                index_states: dict | None = None, search: bool = True) -> dict[str, bytes]:
    """page_paths: output paths of every page ('vi/plans/x/index.html'), for the sitemap.
    With index_states, fill it with each language's search index state; without search,
    leave the search index out (it was edited in place)."""
    if not search:
        return dict(other_files(model, catalogs, base_url, page_paths))
    files: dict[str, bytes] = {}
    for part in extra_parts(model, catalogs, base_url, page_paths):
        made = part()
        files.update(made)
        if index_states is not None and isinstance(made, IndexFiles):
            index_states[made.lang] = made.state
    return files
