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


def _output_digest(out: Path) -> str:
    """Names, sizes and times of the output's files: a site someone damaged is built again."""
    digest = hashlib.sha256()
    for root, dirs, files in os.walk(out):
        dirs.sort()
        for name in sorted(files):
            st = os.stat(os.path.join(root, name))
            digest.update(f"{os.path.relpath(os.path.join(root, name), out)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def fingerprint(folders: list[Path], options: dict) -> str:
    digest = hashlib.sha256(json.dumps(options, sort_keys=True, default=str).encode())
    for folder in [*folders, CODE]:
        folder = Path(folder).resolve()
        entries = []
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
            for name in files:
                if name.startswith("."):
                    continue
                st = os.stat(os.path.join(root, name))
                entries.append((os.path.relpath(os.path.join(root, name), folder), st.st_size, st.st_mtime_ns))
        digest.update(str(folder).encode())
        digest.update(json.dumps(sorted(entries)).encode())
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
