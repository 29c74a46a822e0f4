"""Stage 4: write the rendered site to disk.

The new site is written into a hidden temporary folder beside the target and swapped in
only when complete, so a failed or interrupted build leaves the previous site intact.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterable, Iterator


class OutputError(Exception):
    pass


def _stale(parent: Path, name: str):
    return sorted(parent.glob(f".{name}.tmp-*")) + sorted(parent.glob(f".{name}.old-*"))


def write_files(root: Path, files: Iterable[tuple[str, bytes]]) -> int:
    """Write (relative path, bytes) pairs under root, refusing any path that leaves it."""
    root = Path(root).resolve()
    count = 0
    for rel, data in files:
        target = (root / rel).resolve()
        if not target.is_relative_to(root) or target == root:
            raise OutputError(f"refusing to write outside the output folder: {rel}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        count += 1
    return count


def copy_assets(assets: Path, root: Path) -> None:
    if assets.is_dir():
        for src in sorted(assets.rglob("*")):
            if src.is_file() and not src.name.startswith("."):
                dest = root / "assets" / src.relative_to(assets)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, dest)


@contextlib.contextmanager
def staging(out: Path) -> Iterator[Path]:
    """A temporary folder beside `out`; on success it replaces `out`, on any failure it is removed."""
    out = Path(os.path.abspath(out))
    parent = out.parent
    parent.mkdir(parents=True, exist_ok=True)
    for leftover in _stale(parent, out.name):  # from a build that was killed
        shutil.rmtree(leftover, ignore_errors=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=parent))
    try:
        yield tmp
        os.chmod(tmp, 0o755)
        old = None
        if out.exists():
            old = parent / f".{out.name}.old-{os.getpid()}"
            os.replace(out, old)
        os.replace(tmp, out)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def write_site(files: dict[str, bytes], out: Path, assets: Path) -> int:
    with staging(out) as tmp:
        count = write_files(tmp, files.items())
        copy_assets(assets, tmp)
    return count
