"""The one status vocabulary. Labels live in the UI catalogs (status.<key>)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Status:
    key: str
    colour: str     # passes 4.5:1 against white for text, used with an icon
    icon: str       # a shape, so status never relies on colour alone


NO_PROGRESS = "no-progress"

STATUSES: tuple[Status, ...] = (
    Status(NO_PROGRESS, "#5f6368", "○"),
    Status("not-started", "#6b4fa0", "◇"),
    Status("in-progress", "#1559a8", "◐"),
    Status("completed", "#17703a", "●"),
    Status("delayed", "#b03a05", "▲"),
    Status("cancelled", "#3c3c3c", "✕"),
)
BY_KEY = {s.key: s for s in STATUSES}
