"""Client-side search index (issue: "Search that understands Vietnamese").

`index_files(model)` returns {output path: bytes} for the files the search page loads.
Placeholder until the index is built: the search page then explains that search is
unavailable and links to the browse pages.
"""

from __future__ import annotations

from .model import SiteModel


def index_files(model: SiteModel) -> dict[str, bytes]:
    return {}
