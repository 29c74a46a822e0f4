"""Content errors: each names a file, a line and what to do about it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class ContentError(Exception):
    path: str      # as shown to the editor, e.g. content/plans/x.md
    line: int
    message: str   # "field: what is wrong and how to fix it"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ContentErrors(Exception):
    """Raised once, with every problem found, when content cannot be built."""

    def __init__(self, errors: list[ContentError]):
        self.errors = sorted(set(errors))
        super().__init__("\n".join(str(e) for e in self.errors))
