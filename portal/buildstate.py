"""Skip a build when nothing it reads has changed since the last one (like make).

The state is one small file in a hidden folder beside the output (`.site.cache/state.json`):
a hash of the size and modification time of every input file (content, layouts, assets,
the generator's own code) and of the build options.
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
        return json.loads(state.read_text(encoding="utf-8")).get("fingerprint") == print_
    except (OSError, ValueError):
        return False


def remember(out: Path, print_: str) -> None:
    folder = cache_dir(out)
    folder.mkdir(exist_ok=True)
    (folder / "state.json").write_text(json.dumps({"fingerprint": print_}) + "\n", encoding="utf-8")


def forget(out: Path) -> None:
    (cache_dir(out) / "state.json").unlink(missing_ok=True)
