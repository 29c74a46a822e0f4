"""Check that every internal link and #anchor in a built site resolves.

Every page's links (<a>, <link> — canonical, language alternates, feeds, stylesheet, icon —
<img>, <script>, <source>), and the links of the Atom feeds, which resolve against the feed's
xml:base: the site's root. Used by the test suite and by `python build.py check`. Standard
library only.
"""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs and attrs["id"]:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        for name in ("href", "src"):
            value = attrs.get(name)
            if value is not None and tag in ("a", "link", "script", "img", "source"):
                self.links.append(value)   # a full http(s) address (canonical, with such a --base-url) is skipped below


def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def check_links(site: Path, base_path: str = "/") -> list[str]:
    """Return one line per broken internal link: 'page: link (reason)'."""
    site = Path(site)
    pages = {p.relative_to(site).as_posix(): _parse(p) for p in sorted(site.rglob("*.html"))}
    feeds = {p.relative_to(site).as_posix(): _parse(p) for p in sorted((site / "feeds").rglob("*.xml"))}
    problems = []
    for rel, page in (pages | feeds).items():
        page_dir = "" if rel in feeds else posixpath.dirname(rel)   # a feed's links: against its xml:base
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue  # external (http, https, mailto): not ours to check offline
            if parts.path.startswith("/"):
                if not parts.path.startswith(base_path):
                    problems.append(f"{rel}: {link} (outside the base path {base_path})")
                    continue
                target = parts.path[len(base_path):]
            elif parts.path:
                target = posixpath.normpath(posixpath.join(page_dir, unquote(parts.path)))
                if parts.path.endswith("/"):
                    target += "/"
            else:
                target = rel
            if target.startswith("../") or target == "..":
                problems.append(f"{rel}: {link} (points above the site root)")
                continue
            if target in (".", "./"):
                target = ""
            candidates = [target] if not (target.endswith("/") or target == "") else []
            candidates.append(posixpath.join(target, "index.html"))
            found = next((c.lstrip("/") for c in candidates if (site / c.lstrip("/")).is_file()), None)
            if found is None:
                problems.append(f"{rel}: {link} (no such file)")
                continue
            if parts.fragment:
                anchors = pages[found].ids if found in pages else set()
                if unquote(parts.fragment) not in anchors:
                    problems.append(f"{rel}: {link} (no element with id '{parts.fragment}')")
    return problems
