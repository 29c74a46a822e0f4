"""Skip a build when nothing it reads has changed since the last one (like make).

The state is one small file in a hidden folder beside the output (`.site.cache/state.json`):
a hash of the size and modification time of every input file (content, layouts, assets,
the generator's own code) and of the build options, and one of the output's files (so a
site that was damaged or edited by hand is built again).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

CODE = Path(__file__).resolve().parent


def cache_dir(out: Path) -> Path:
    out = Path(os.path.abspath(out))
    return out.parent / f".{out.name}.cache"


def _files(folder: str, prefix: str = "", skip_hidden: bool = False):
    """(relative path, size, mtime in ns) of every file under a folder, in sorted order."""
    with os.scandir(folder) as it:
        entries = sorted(it, key=lambda e: e.name)
    for entry in entries:
        if skip_hidden and (entry.name.startswith(".") or entry.name == "__pycache__"):
            continue
        if entry.is_dir():
            yield from _files(entry.path, f"{prefix}{entry.name}/", skip_hidden)
        else:
            st = entry.stat()
            yield f"{prefix}{entry.name}", st.st_size, st.st_mtime_ns


def _output_digest(out: Path) -> str:
    """Names, sizes and times of the output's files: a site someone damaged is built again."""
    digest = hashlib.sha256()
    for rel, size, mtime in _files(os.fspath(out)):
        digest.update(f"{rel}\0{size}\0{mtime}\n".encode())
    return digest.hexdigest()


def fingerprint(folders: list[Path], options: dict) -> str:
    digest = hashlib.sha256(json.dumps(options, sort_keys=True, default=str).encode())
    for folder in [*folders, CODE]:
        folder = Path(folder).resolve()
        digest.update(str(folder).encode())
        digest.update(json.dumps(list(_files(os.fspath(folder), skip_hidden=True)) if folder.is_dir() else []).encode())
    return digest.hexdigest()


def unchanged(out: Path, print_: str) -> bool:
    state = cache_dir(out) / "state.json"
    if not Path(out).is_dir() or not state.is_file():
        return False
    try:
        saved = json.loads(state.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return saved.get("fingerprint") == print_ and saved.get("output") == _output_digest(Path(out))


def remember(out: Path, print_: str) -> None:
    folder = cache_dir(out)
    folder.mkdir(exist_ok=True)
    state = {"fingerprint": print_, "output": _output_digest(Path(out))}
    (folder / "state.json").write_text(json.dumps(state) + "\n", encoding="utf-8")


def forget(out: Path) -> None:
    (cache_dir(out) / "state.json").unlink(missing_ok=True)
