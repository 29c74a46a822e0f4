"""The whole build: load and validate -> site model -> render -> write."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .load import load
from .model import build_model
from .render import Renderer, Settings
from .search import index_files
from .write import write_site


@dataclass(frozen=True)
class BuildResult:
    pages: int
    missing_translations: tuple[str, ...]


def build(content: Path, out: Path, layouts: Path, assets: Path, base_url: str, as_of: dt.date) -> BuildResult:
    loaded = load(content)                       # raises ContentErrors; nothing written yet
    model = build_model(loaded, as_of)
    files = Renderer(model, Settings(base_url, layouts, assets)).pages()
    files.update(index_files(model))
    count = write_site(files, out, assets)
    return BuildResult(sum(1 for p in files if p.endswith(".html")), loaded.missing_translations)
