"""Markdown to safe HTML (mistune 3).

Raw HTML in content is escaped, never passed through. Links and images are kept only
for http(s), mailto and in-page targets; anything else (javascript:, data:, vbscript:)
is shown as plain text, so nothing in a body can run or point at a script.
"""

from __future__ import annotations

import re
from functools import lru_cache

import mistune
from markupsafe import Markup, escape

_SAFE_URL = re.compile(r"^(?:https?://|mailto:|#)", re.IGNORECASE)


class _SafeRenderer(mistune.HTMLRenderer):
    def __init__(self, shift: int):
        super().__init__(escape=True)
        self.shift = shift

    def link(self, text: str, url: str, title=None) -> str:
        if not _SAFE_URL.match(url.strip()):
            return f'<span class="unsafe-link">{text}</span>'
        attrs = f' title="{escape(title)}"' if title else ""
        rel = ' rel="nofollow noopener"' if url.lower().startswith("http") else ""
        return f'<a href="{escape(url)}"{attrs}{rel}>{text}</a>'

    def image(self, text: str, url: str, title=None) -> str:
        # Images would load from other hosts (tracking, broken CSP); show the description.
        return f'<span class="image-alt">[{text}]</span>'

    def heading(self, text: str, level: int, **attrs) -> str:
        # The page title is the only h1: body headings move down to fit under the page's own.
        level = min(level + self.shift, 6)
        return f"<h{level}>{text}</h{level}>\n"


_renderers = {shift: mistune.create_markdown(renderer=_SafeRenderer(shift), plugins=["table", "strikethrough"])
              for shift in (0, 1)}


@lru_cache(maxsize=65536)
def render(source: str, shift: int = 1) -> Markup:
    """shift 0: the body follows the page's h1 (## stays h2); shift 1: it sits under an h2 section."""
    if not source.strip():
        return Markup("")
    return Markup(_renderers[shift](source))


# Markdown as plain text, for the search index: the words a reader sees, without rendering
# (rendering every body a second time, for search, cost as much as rendering the pages).
_TEXT_RULES = [
    (re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d{1,9}[.)]\s+)", re.M), ""),  # block markers
    (re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$", re.M), ""),  # table rule
    (re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$", re.M), ""),                         # thematic break
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),                              # links, images
    (re.compile(r"(\*{1,3}|~~|`+)(?=\S)(.+?)(?<=\S)\1"), r"\2"),                  # emphasis, code
    (re.compile(r"(?<!\w)(_{1,3})(?=\S)(.+?)(?<=\S)\1(?!\w)"), r"\2"),             # not in snake_case
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~>])"), r"\1"),                         # escapes
    (re.compile(r"\s*\|\s*"), " "),                                              # table cells
    (re.compile(r"\s+"), " "),
]


def to_text(source: str) -> str:
    """The text of a Markdown body on one line: "## Mục tiêu\\n- **Một**" -> "Mục tiêu Một"."""
    for pattern, replacement in _TEXT_RULES:
        source = pattern.sub(replacement, source)
    return source.strip()
