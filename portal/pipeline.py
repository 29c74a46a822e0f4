"""The whole build: load and validate -> site model -> render -> write."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .load import load
from .model import build_model
from .outputs import extra_files
from .render import Renderer, Settings
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
    files.update(extra_files(model, renderer.catalogs, base_url, list(files)))
    write_site(files, out, assets)
    return BuildResult(sum(1 for p in files if p.endswith(".html")), loaded.missing_translations)
