"""Markdown to safe HTML (cmark-gfm, GitHub's CommonMark library, through cmarkgfm).

Raw HTML in content is shown as text, never passed through: every "<" reaches the parser
as a placeholder it cannot read as markup (autolinks like <https://…> excepted), and comes
back as "&lt;". Links are kept only for http(s), mailto and in-page targets; anything else
(javascript:, data:, vbscript:, relative paths) is shown as plain text, and images as their
description, so nothing in a body can run, load from another host or point at a script.
cmark's HTML has a fixed shape (attributes in a known order, values escaped), which is what
lets one regular expression rewrite its links, images, headings and table alignment.
"""

from __future__ import annotations

import ctypes
import re
from functools import lru_cache
from typing import Callable

from cmarkgfm import _cmark
from cmarkgfm.cmark import Options
from markupsafe import Markup, escape

SAFE_URL = re.compile(r"^(?:https?://|mailto:|#)", re.IGNORECASE)
# A page of this site, written from the site's root: /vi/plans/x/, /en/tasks/x/y/#update-z,
# /data/vi/tasks.csv. Rendered as SITE_LINK + the path, which the page makes relative to
# itself (so the link works under any base URL).
SITE_PATH = re.compile(r"^/(?:vi|en|data|feeds|assets)(?:/[A-Za-z0-9._~%/-]*)?(?:#[A-Za-z0-9._-]*)?$")
SITE_LINK = "\x00"
_SITE_LINKS = re.compile("\x00([^\"]*)")
_LT = "\x01"   # stands for "<" while cmark parses; validated content has no control characters
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^\s<>]*)>", re.IGNORECASE)
_OUTPUT = re.compile(
    r'<a href="([^"]*)"( title="[^"]*")?>|</a>'                    # links
    r'|<img src="[^"]*" alt="([^"]*)"(?: title="[^"]*")? />'        # images
    r'|<(/?)h([1-6])>'                                              # headings
    r'|<(t[hd]) align="(left|center|right)">'                       # table alignment
)
_OPTIONS = Options.CMARK_OPT_VALIDATE_UTF8   # and not CMARK_OPT_UNSAFE: no raw HTML, no javascript: URLs
_EXTENSIONS = ["table", "strikethrough"]

# cmarkgfm's markdown_to_html_with_extensions frees neither the document tree it parsed nor the
# HTML it rendered: some 14 KB lost per body, 2 GB in each page worker at 100,000 tasks, and
# a dev server that grows with every save. We call cmark-gfm ourselves and free both. The
# two functions that free are in the same library but not in cmarkgfm's cffi declarations:
# ctypes reaches them (cmark-gfm allocates with the C library's allocator by default).
_lib, _ffi = _cmark.lib, _cmark.ffi
_node_free = ctypes.CDLL(_cmark.__file__).cmark_node_free
_node_free.argtypes, _node_free.restype = [ctypes.c_void_p], None
_c_free = ctypes.CDLL(None).free
_c_free.argtypes, _c_free.restype = [ctypes.c_void_p], None
_lib.cmark_gfm_core_extensions_ensure_registered()
_SYNTAX_EXTENSIONS = [_lib.cmark_find_syntax_extension(name.encode("ascii")) for name in _EXTENSIONS]
assert all(ext != _ffi.NULL for ext in _SYNTAX_EXTENSIONS)


def _address(pointer) -> int:
    return int(_ffi.cast("uintptr_t", pointer))


def cmark_html(source: str) -> str:
    """cmark-gfm's HTML of a Markdown text (tables, strikethrough), every C allocation freed."""
    data = source.encode("utf-8")
    parser = _lib.cmark_parser_new(_OPTIONS)
    try:
        for extension in _SYNTAX_EXTENSIONS:
            _lib.cmark_parser_attach_syntax_extension(parser, extension)
        _lib.cmark_parser_feed(parser, data, len(data))
        root = _lib.cmark_parser_finish(parser)   # the caller's to free (cmark.h)
        try:
            html = _lib.cmark_render_html(root, _OPTIONS, _lib.cmark_parser_get_syntax_extensions(parser))
            try:
                return _ffi.string(html).decode("utf-8")
            finally:
                _c_free(_address(html))
        finally:
            _node_free(_address(root))
    finally:
        _lib.cmark_parser_free(parser)


def _protect(source: str) -> str:
    """Every "<" but those opening an autolink becomes the placeholder."""
    source = source.replace(_LT, "")
    parts, last = [], 0
    for link in _AUTOLINK.finditer(source):
        parts.append(source[last:link.start()].replace("<", _LT))
        parts.append(link.group(0))
        last = link.end()
    parts.append(source[last:].replace("<", _LT))
    return "".join(parts)


def _rewrite(html: str, shift: int) -> str:
    unsafe = False   # whether the open link is shown as text (links do not nest in CommonMark)

    def tag(match: re.Match) -> str:
        nonlocal unsafe
        text = match.group(0)
        if text.startswith("<a "):
            url = match.group(1)
            if SITE_PATH.match(url):
                unsafe = False
                return f'<a href="{SITE_LINK}{url[1:]}"{match.group(2) or ""}>'
            unsafe = not SAFE_URL.match(url)
            if unsafe:
                return '<span class="unsafe-link">'
            rel = ' rel="nofollow noopener"' if url[:4].lower() == "http" else ""
            return f'<a href="{url}"{match.group(2) or ""}{rel}>'
        if text == "</a>":
            return "</span>" if unsafe else text
        if text.startswith("<img"):
            # Images would load from other hosts (tracking, broken CSP); show the description.
            return f'<span class="image-alt">[{match.group(3)}]</span>'
        if match.group(6):
            # A class, not cmark's obsolete align attribute or an inline style the CSP would block.
            return f'<{match.group(6)} class="align-{match.group(7)}">'
        # The page title is the only h1: body headings move down to fit under the page's own.
        return f"<{match.group(4)}h{min(int(match.group(5)) + shift, 6)}>"

    return _OUTPUT.sub(tag, html).replace(_LT, "&lt;")


@lru_cache(maxsize=65536)
def _render(source: str, shift: int) -> str:
    if not source.strip():
        return ""
    html = cmark_html(_protect(source))
    return _rewrite(html, shift)


def render(source: str, shift: int = 1, link: Callable[[str], str] | None = None) -> Markup:
    """shift 0: the body follows the page's h1 (## stays h2); shift 1: it sits under an h2 section.
    `link` turns the site path of a link to a page of this site ("vi/plans/x/") into the address
    to write; by default the path itself, relative to the site's root (feeds set xml:base)."""
    html = _render(source, shift)
    if SITE_LINK in html:
        html = _SITE_LINKS.sub(lambda m: escape(link(m.group(1)) if link else m.group(1)), html)
    return Markup(html)


def site_links(source: str) -> list[str]:
    """The site paths a body links to ("vi/plans/x/"), for `build.py check`."""
    return _SITE_LINKS.findall(_render(source, 1))


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
