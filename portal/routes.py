"""Where every page lives. One function maps a record to its path, so links cannot drift."""

from __future__ import annotations

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
INDEXES = ("provinces", "pillars", "plans", "agencies", "search", "data")
# Page slugs that would collide with a section folder.
RESERVED = frozenset(set(SECTIONS.values()) | {"assets", "search", "data", "feeds"})


def path_of(target, lang: str) -> str:
    """Site path of a page, without the base URL: 'vi/plans/x/'. Anchors keep their '#'."""
    if isinstance(target, str):
        if target == "home":
            return f"{lang}/"
        return f"{lang}/{target}/"
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


def relative_from(from_dir: str):
    """relative(from_dir, ·) for the many links of one page: the page's folder is split once.
    Site paths of folders end with '/', as every path_of() does."""
    here = [p for p in from_dir.split("/") if p]
    prefixes = [("/".join(here[:k]) + "/", k) for k in range(len(here), 0, -1)]
    depth = len(here)

    def rel(to_path: str) -> str:
        anchor = ""
        if "#" in to_path:
            to_path, anchor = to_path.split("#", 1)
            anchor = "#" + anchor
        common, rest = 0, to_path
        for prefix, k in prefixes:
            if to_path.startswith(prefix):
                common, rest = k, to_path[len(prefix):]
                break
        link = "../" * (depth - common) + rest
        return (link or "./") + anchor

    return rel
