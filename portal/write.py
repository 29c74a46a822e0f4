"""Stage 4: write the rendered site to disk.

The new site is written into a hidden temporary folder beside the target and swapped in
only when complete, so a failed or interrupted build leaves the previous site intact.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterable, Iterator


class OutputError(Exception):
    pass


MARKER = ".portal-site"   # written into every site we build: a folder without it is not ours to replace


def is_our_site(folder: Path) -> bool:
    """A folder an earlier build made (sites from before the marker: index.html, vi/ and en/)."""
    return (folder / MARKER).is_file() or all((folder / name).exists() for name in ("index.html", "vi", "en"))


def check_output(out: Path, inputs: Iterable[Path] = ()) -> None:
    """Refuse an output folder whose replacement would delete someone's files: the build swaps
    the whole folder, so it must be new, empty, or a site an earlier build wrote."""
    out = Path(os.path.abspath(out))
    shown = str(out)
    if out == Path(out.anchor):
        raise OutputError(f"--out {shown}: the output folder cannot be the root of the file system; use e.g. --out site")
    for folder in inputs:
        folder = Path(os.path.abspath(folder))
        if folder == out or folder.is_relative_to(out):
            raise OutputError(f"--out {shown}: the output folder would contain {folder}, which the build reads; "
                              "choose a folder of its own, e.g. --out site")
    if out.exists() and not out.is_dir():
        raise OutputError(f"--out {shown}: this is a file, not a folder; choose another name or delete the file")
    if out.is_dir() and any(out.iterdir()) and not is_our_site(out):
        raise OutputError(f"--out {shown}: this folder already holds files that a build did not make, and a build "
                          "replaces the whole folder; choose a new or empty folder, or delete this one yourself")


def _stale(parent: Path, name: str):
    return sorted(parent.glob(f".{name}.tmp-*")) + sorted(parent.glob(f".{name}.old-*"))


def digest(data: bytes) -> bytes:
    """What the dev server remembers of each file it wrote, to rewrite only changed ones."""
    return hashlib.blake2b(data, digest_size=16).digest()


def _inside(rel: str) -> bool:
    """Whether a relative output path stays inside the output folder, judged on its text:
    the folder is a fresh one the build made, holding no links that could lead out."""
    parts = rel.split("/")
    return bool(rel) and not rel.startswith("/") and "\0" not in rel and all(p not in ("", ".", "..") for p in parts)


def write_files(root: Path, files: Iterable[tuple[str, bytes]], digests: dict | None = None) -> int:
    """Write (relative path, bytes) pairs under root, refusing any path that leaves it;
    with `digests`, record each file's digest in it."""
    root = os.path.realpath(root)
    made: set[str] = set()       # folders already made: a mkdir per file costs a system call each
    count = 0
    for rel, data in files:
        if not _inside(rel):
            raise OutputError(f"refusing to write outside the output folder: {rel}")
        folder, _, _ = rel.rpartition("/")
        if folder not in made:
            os.makedirs(os.path.join(root, folder), exist_ok=True)
            made.add(folder)
        with open(os.path.join(root, rel), "wb") as f:
            f.write(data)
        if digests is not None:
            digests[rel] = digest(data)
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
    check_output(out)
    parent = out.parent
    parent.mkdir(parents=True, exist_ok=True)
    for leftover in _stale(parent, out.name):  # from a build that was killed
        shutil.rmtree(leftover, ignore_errors=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=parent))
    try:
        yield tmp
        (tmp / MARKER).write_bytes(b"Made by build.py (PAPI plans portal); the next build replaces this whole folder.\n")
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
