"""Content errors: each names a file, a line and what to do about it.

Every message comes from the registry in portal/messages.py: an error is raised as
`ContentError(path, line, key, **params)` and shown in English (`str(error)`, the
default) or Vietnamese (`error.render("vi")`, or `str(error)` after --lang vi).
"""

from __future__ import annotations

from functools import total_ordering

from . import messages


def _rebuild(path: str, line: int, key: str, params: dict) -> "ContentError":
    return ContentError(path, line, key, **params)


@total_ordering
class ContentError(Exception):
    """`path:line: field: what is wrong and how to fix it`; errors sort by file, line, then text."""

    def __init__(self, path: str, line: int, key: str, /, **params):
        message = messages.render(key, "en", params)   # KeyError: every message is in the registry
        super().__init__(path, line, message)
        self.path = path          # as shown to the editor, e.g. content/plans/x.md
        self.line = line
        self.key = key
        self.params = params
        self.message = message    # English: "field: what is wrong and how to fix it"

    @property
    def field(self) -> str | None:
        return self.params.get("field")

    def text(self, lang: str | None = None) -> str:
        """The message without its place, in `lang` (default: the chosen language)."""
        lang = lang or messages.language()
        return self.message if lang == "en" else messages.render(self.key, lang, self.params)

    def render(self, lang: str | None = None) -> str:
        return f"{self.path}:{self.line}: {self.text(lang)}"

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"ContentError({self.path!r}, {self.line!r}, {self.key!r}, {self.message!r})"

    def _order(self) -> tuple:
        return (self.path, self.line, self.message)

    def __eq__(self, other) -> bool:
        if not isinstance(other, ContentError):
            return NotImplemented
        return self._order() == other._order()

    def __lt__(self, other) -> bool:
        if not isinstance(other, ContentError):
            return NotImplemented
        return self._order() < other._order()

    def __hash__(self) -> int:
        return hash(self._order())

    def __reduce__(self):   # parsed in worker processes, sent back pickled
        return (_rebuild, (self.path, self.line, self.key, self.params))


class ContentErrors(Exception):
    """Raised once, with every problem found, when content cannot be built."""

    def __init__(self, errors: list[ContentError]):
        self.errors = sorted(set(errors))
        super().__init__("\n".join(str(e) for e in self.errors))
