"""`python build.py check`: everything the build validates, plus what a build lets through.

- errors (exit 1): content errors; internal links or #anchors that do not resolve, links in
  Markdown to pages of this site (/vi/plans/…/) that do not exist, named by file and line;
- warnings: links in Markdown that the site shows as plain text (relative paths, javascript:…);
  records with no English translation, translations older than their
  Vietnamese original, open tasks with no progress update for longer than --stale-after days,
  updates dated after the as-of date (not counted until then).
Use --strict to fail on warnings too.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import markdown, messages
from .errors import ContentError, ContentErrors
from .frontmatter import parse
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
        body_findings, targets = _body_links(loaded, Path(content).parent, out)
        findings += body_findings
        for problem in check_links(out, base_path):
            if _target(problem) not in targets:   # a body link: already named by its source line
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
    for update in loaded.of("update").values():
        if update.date > as_of:
            findings.append(Finding("warning", "future", _after_as_of(root, update.source.path, update.date, as_of)))
    return findings


def _after_as_of(root: Path, shown: str, date: dt.date, as_of: dt.date) -> str:
    """`path:line: date: … is dated after the as-of date …`, in the chosen language."""
    try:
        line = parse((root / shown).read_bytes(), shown).lines.get("date", 1)
    except (OSError, ContentError):
        line = 1
    text = messages.render("update.after-as-of", messages.language(), {"date": date.isoformat(), "as_of": as_of.isoformat()})
    return f"{shown}:{line}: {text}"


_MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")


def _body_links(loaded, root: Path, out: Path) -> tuple[list[Finding], set[str]]:
    """Links written in Markdown bodies: to pages of this site that do not exist (errors), and
    those the site shows as plain text (warnings), each with its file and line."""
    findings: list[Finding] = []
    for kind in loaded.records.values():
        for record in kind.values():
            for shown in (record.source.path, record.source.en_path):
                if shown is None:
                    continue
                lines = (root / shown).read_text(encoding="utf-8").split("\n")
                fences = [i for i, line in enumerate(lines) if line.rstrip() == "---"][:2]
                for number, line in enumerate(lines[fences[-1] + 1:] if len(fences) == 2 else [], fences[-1] + 2):
                    for url in _MARKDOWN_LINK.findall(line):
                        if markdown.SITE_PATH.match(url):
                            path = url[1:].split("#", 1)[0]
                            if not ((out / path).is_file() or (out / path / "index.html").is_file()):
                                findings.append(Finding("error", "body-links", f"{shown}:{number}: body: the link {url} "
                                                        "leads to no page of this site; check the address"))
                        elif url and not markdown.SAFE_URL.match(url):
                            findings.append(Finding("warning", "body-links", f"{shown}:{number}: body: the link "
                                                    f"'{url}' is shown as plain text; a link must start with https://, "
                                                    "mailto:, # or / and a page of this site, e.g. /vi/plans/ca-mau-117-2024/"))
    missing = {f.message.split("the link /", 1)[1].split(" ", 1)[0].split("#")[0].rstrip("/")
               for f in findings if f.severity == "error"}
    return findings, missing


def _target(problem: str) -> str:
    """The site path a link problem ("vi/x/index.html: ../y/ (no such file)") points at."""
    page, _, rest = problem.partition(": ")
    href = rest.rsplit(" (", 1)[0].split("#", 1)[0]
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href)).rstrip("/")


TITLES = {
    "content": "Content errors",
    "body-links": "Links in the text",
    "links": "Broken internal links",
    "translation": "Translations missing or out of date",
    "progress": "Tasks without a recent progress update",
    "future": "Updates dated after the as-of date",
}


def report(findings: list[Finding]) -> str:
    lines = []
    for category, title in TITLES.items():
        items = [f for f in findings if f.category == category]
        if not items:
            lines.append(f"✓ {title}: none")
            continue
        counts = {severity: sum(f.severity == severity for f in items) for severity in ("error", "warning")}
        said = ", ".join(f"{n} {severity}{'s' if n != 1 else ''}" for severity, n in counts.items() if n)
        lines.append(f"{'✗' if counts['error'] else '!'} {title}: {len(items)} ({said})")
        lines += [f"    {f.message}" for f in sorted(items, key=lambda f: f.severity != "error")]
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    lines.append(f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}.")
    return "\n".join(lines)
