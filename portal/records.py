"""Frozen records: what the loader produces and every later stage reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    """A translatable value: Vietnamese (canonical) and English, if translated."""
    vi: str
    en: str | None = None

    def get(self, lang: str) -> str:
        return self.vi if lang == "vi" or self.en is None else self.en

    def is_fallback(self, lang: str) -> bool:
        return lang != "vi" and self.en is None and bool(self.vi)


@dataclass(frozen=True)
class TextList:
    vi: tuple[str, ...]
    en: tuple[str, ...] | None = None

    def get(self, lang: str) -> tuple[str, ...]:
        return self.vi if lang == "vi" or self.en is None else self.en


@dataclass(frozen=True)
class Source:
    """Where a record came from, for messages and the `check` command."""
    path: str                # content/... as shown to editors
    en_path: str | None      # the English file, if there is one


@dataclass(frozen=True)
class Deadline:
    kind: str                # "date", "ongoing" or "none"
    date: dt.date | None = None


@dataclass(frozen=True)
class Target:
    pillar: str
    year: int
    value: float
    baseline_year: int | None = None
    baseline: float | None = None


@dataclass(frozen=True)
class Record:
    id: str
    slug: str                # output path segment(s), ASCII, may contain "/"
    source: Source
    translated: bool         # an English file exists
    body: Text


@dataclass(frozen=True)
class Pillar(Record):
    name: Text
    short_name: Text
    code: str | None
    parent: str | None
    publisher: Text
    url: str | None
    first_year: int | None
    order: float


@dataclass(frozen=True)
class Province(Record):
    name: Text
    type: str
    gso_code: str | None


@dataclass(frozen=True)
class FormerProvince(Record):
    name: Text
    type: str
    successor: str
    region: Text
    papi_id: int | None


@dataclass(frozen=True)
class Commune(Record):
    name: Text
    type: str
    province: str
    district: Text
    until: dt.date | None
    successor: str | None


@dataclass(frozen=True)
class Agency(Record):
    name: Text
    level: str
    successor: str | None
    successor_since: dt.date | None
    ended: dt.date | None
    ended_note: Text


@dataclass(frozen=True)
class Plan(Record):
    title: Text
    short_title: Text
    number: str | None       # None: not in the source
    issuer: Text
    level: str
    province: str
    commune: str | None
    district: Text
    date_issued: dt.date
    signer: str | None
    signer_role: Text
    period_from: int
    period_to: int | None
    frameworks: tuple[str, ...]
    source_document: Text
    source_url: str | None
    source_complete: bool
    source_note: Text
    objectives: TextList
    targets: tuple[Target, ...]

    @property
    def before_reorganisation(self) -> bool:
        return self.date_issued < REORGANISATION


@dataclass(frozen=True)
class Task(Record):
    plan: str
    title: Text
    pillars: tuple[str, ...]
    lead: tuple[str, ...]
    partners: tuple[str, ...]
    deadline: Deadline
    deadline_text: Text
    section: Text
    order: float


@dataclass(frozen=True)
class Update(Record):
    task: str
    date: dt.date
    status: str
    percent: int | None
    source_text: Text
    source_url: str | None


@dataclass(frozen=True)
class Page(Record):
    title: Text
    order: float


# Resolution 202/2025/QH15: 63 provinces became 34 units, districts abolished.
REORGANISATION = dt.date(2025, 7, 1)

RECORD_CLASSES = {
    "pillar": Pillar,
    "province": Province,
    "former_province": FormerProvince,
    "commune": Commune,
    "agency": Agency,
    "plan": Plan,
    "task": Task,
    "update": Update,
    "page": Page,
}
