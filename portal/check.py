"""`python build.py check`: everything the build validates, plus what a build lets through.

- errors (exit 1): content errors; internal links or #anchors that do not resolve;
- warnings: records with no English translation, translations older than their
  Vietnamese original, open tasks with no progress update for longer than --stale-after days.
Use --strict to fail on warnings too.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentErrors
from .links import check_links
from .load import load
from .model import build_model
from .pipeline import build


@dataclass(frozen=True)
class Finding:
    severity: str      # "error" or "warning"
    category: str
    message: str


def _git_times(content: Path) -> dict[Path, float] | None:
    """Last commit time of every file under content/ (uncommitted changes count as now), or None outside git."""
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=content, capture_output=True, text=True, check=True).stdout.strip()
        log = subprocess.run(["git", "log", "--format=@%ct", "--name-only", "--", "."], cwd=content,
                             capture_output=True, text=True, check=True).stdout
        status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all", "--", "."], cwd=content,
                                capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    times: dict[Path, float] = {}
    stamp = 0.0
    for line in log.splitlines():
        if line.startswith("@"):
            stamp = float(line[1:])
        elif line.strip():
            times.setdefault((Path(top) / line.strip()).resolve(), stamp)
    now = dt.datetime.now().timestamp()
    for line in status.splitlines():
        name = line[3:].strip().strip('"')
        if " -> " in name:
            name = name.split(" -> ", 1)[1]
        times[(Path(top) / name).resolve()] = now
    return times


def _changed_time(path: Path, git: dict | None) -> float:
    if git is not None and path.resolve() in git:
        return git[path.resolve()]
    return path.stat().st_mtime


def run_check(content: Path, layouts: Path, assets: Path, base_url: str, as_of: dt.date, stale_after: int) -> list[Finding]:
    findings: list[Finding] = []
    try:
        loaded = load(content)
    except ContentErrors as exc:
        return [Finding("error", "content", str(e)) for e in exc.errors]
    with tempfile.TemporaryDirectory(prefix="portal-check-") as tmp:
        out = Path(tmp) / "site"
        build(content, out, layouts, assets, base_url, as_of)
        base_path = "/" + base_url.split("://", 1)[1].split("/", 1)[1] if "://" in base_url else base_url
        for problem in check_links(out, base_path):
            findings.append(Finding("error", "links", problem))

    root = Path(content).parent
    git = _git_times(Path(content))
    for kind in loaded.records.values():
        for record in kind.values():
            vi_file = root / record.source.path
            if record.source.en_path is None:
                findings.append(Finding("warning", "translation", f"{record.source.path}: no English translation "
                                        f"(create {record.source.path[:-3]}.en.md)"))
                continue
            en_file = root / record.source.en_path
            if _changed_time(vi_file, git) > _changed_time(en_file, git):
                findings.append(Finding("warning", "translation", f"{record.source.en_path}: older than "
                                        f"{record.source.path}; update the translation"))

    model = build_model(loaded, as_of)
    limit = as_of - dt.timedelta(days=stale_after)
    for task in model.tasks.values():
        state = model.states[task.id]
        if state.status in ("completed", "cancelled"):
            continue
        last = state.updates[-1].date if state.updates else None
        since = last or model.plans[task.plan].date_issued
        if since < limit:
            what = f"last update {last.isoformat()}" if last else "no update ever"
            findings.append(Finding("warning", "progress", f"{task.source.path}: {what}, more than {stale_after} days "
                                    f"before {as_of.isoformat()}; add an update (python build.py new update {task.id})"))
    return findings


TITLES = {
    "content": "Content errors",
    "links": "Broken internal links",
    "translation": "Translations missing or out of date",
    "progress": "Tasks without a recent progress update",
}


def report(findings: list[Finding]) -> str:
    lines = []
    for category, title in TITLES.items():
        items = [f for f in findings if f.category == category]
        if not items:
            lines.append(f"✓ {title}: none")
            continue
        severity = items[0].severity
        lines.append(f"{'✗' if severity == 'error' else '!'} {title}: {len(items)} ({severity}{'s' if len(items) != 1 else ''})")
        lines += [f"    {f.message}" for f in items]
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    lines.append(f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}.")
    return "\n".join(lines)
