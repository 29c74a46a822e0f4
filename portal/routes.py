"""Where every page lives. One function maps a record to its path, so links cannot drift."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .records import Agency, Commune, FormerProvince, Page, Pillar, Plan, Province, Task, Update

SECTIONS = {
    Pillar: "pillars",
    Province: "provinces",
    FormerProvince: "former-provinces",
    Commune: "communes",
    Agency: "agencies",
    Plan: "plans",
    Task: "tasks",
}
INDEXES = ("provinces", "pillars", "plans", "agencies", "search", "data", "deadlines")
# Page slugs that would collide with a section folder.
RESERVED = frozenset(set(SECTIONS.values()) | {"assets", "search", "data", "feeds", "deadlines"})


@dataclass(frozen=True)
class Sub:
    """A page below a record's page: Sub(province, "pillars", "papi-2") is
    provinces/<province>/pillars/papi-2/."""
    record: object
    parts: tuple

    def __init__(self, record, *parts: str):
        object.__setattr__(self, "record", record)
        object.__setattr__(self, "parts", parts)


def path_of(target, lang: str) -> str:
    """Site path of a page, without the base URL: 'vi/plans/x/'. Anchors keep their '#'."""
    if isinstance(target, str):
        if target == "home":
            return f"{lang}/"
        return f"{lang}/{target}/"
    if isinstance(target, Sub):
        return path_of(target.record, lang) + "".join(part + "/" for part in target.parts)
    if isinstance(target, Update):
        raise TypeError("link to an update through its task: path_of(task) + '#update-...'")
    if isinstance(target, Page):
        return f"{lang}/{target.slug}/"
    return f"{lang}/{SECTIONS[type(target)]}/{target.slug}/"


def update_anchor(update: Update) -> str:
    return "update-" + update.slug.replace("/", "-")


@lru_cache(maxsize=262144)
def relative(from_dir: str, to_path: str) -> str:
    """Relative link from a page's folder ('vi/plans/x/') to a site path ('vi/' or 'assets/a.css')."""
    anchor = ""
    if "#" in to_path:
        to_path, anchor = to_path.split("#", 1)
        anchor = "#" + anchor
    is_dir = to_path.endswith("/") or to_path == ""
    here = [p for p in from_dir.split("/") if p]
    there = [p for p in to_path.split("/") if p]
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    parts = [".."] * (len(here) - common) + there[common:]
    rel = "/".join(parts) or "."
    if is_dir:
        rel = "./" if rel == "." else rel + "/"
    return rel + anchor


def relative_from(from_dir: str, match: bool = False):
    """relative(from_dir, ·) for the many links of one page: the page's folder is split once.
    Site paths of folders end with '/', as every path_of() does. With match=True the function
    takes a re.Match whose group 1 is the site path (for re.sub)."""
    here = [p for p in from_dir.split("/") if p]
    prefixes = [("/".join(here[:k]) + "/", k) for k in range(1, len(here) + 1)]  # nested, shortest first
    depth = len(here)

    def rel(to_path: str) -> str:
        if match:
            to_path = to_path.group(1)
        anchor = ""
        if "#" in to_path:
            to_path, anchor = to_path.split("#", 1)
            anchor = "#" + anchor
        common, cut = 0, 0
        for prefix, k in prefixes:
            if not to_path.startswith(prefix):
                break
            common, cut = k, len(prefix)
        link = "../" * (depth - common) + to_path[cut:]
        if not link and anchor and common == depth:
            return anchor          # a place on this very page
        return (link or "./") + anchor

    return rel
