"""PAPI scores by province, year and dimension (content/data/papi-scores.csv).

Blank cells are missing values, never zeros. Totals are computed only where every
dimension of that year is present, and only within one era: 6 dimensions out of 60
until 2017, 8 out of 80 from 2018 (UNDP advises against comparing the two).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError

SCORES_FILE = "papi-scores.csv"
EIGHT_DIMENSIONS_FROM = 2018
DIMENSIONS = tuple(f"papi-{i}" for i in range(1, 9))


@dataclass(frozen=True)
class ScoreRow:
    province: str                         # former province id (the 63 units PAPI surveyed)
    year: int
    dimensions: tuple[float | None, ...]  # papi-1 .. papi-8; None = not published
    total_official: float | None

    def score(self, pillar: str) -> float | None:
        return self.dimensions[DIMENSIONS.index(pillar)] if pillar in DIMENSIONS else None

    @property
    def dimension_count(self) -> int:
        return 8 if self.year >= EIGHT_DIMENSIONS_FROM else 6

    @property
    def total(self) -> float | None:
        """Sum of the year's dimensions, or None if any is missing."""
        values = self.dimensions[: self.dimension_count]
        if any(v is None for v in values):
            return None
        return round(sum(values), 2)

    @property
    def maximum(self) -> int:
        return self.dimension_count * 10


@dataclass(frozen=True)
class ScoreTable:
    rows: tuple[ScoreRow, ...] = ()
    source: str = ""

    def for_province(self, province: str) -> tuple[ScoreRow, ...]:
        return tuple(r for r in self.rows if r.province == province)

    def get(self, province: str, year: int) -> ScoreRow | None:
        for r in self.rows:
            if r.province == province and r.year == year:
                return r
        return None

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({r.year for r in self.rows}))


def _number(text: str, shown: str, line: int, column: str, errors: list) -> float | None:
    text = text.strip()
    if not text:
        return None
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        errors.append(ContentError(shown, line, f"{column}: {text!r} is not a number; write it like 5.43, or leave it blank if unpublished"))
        return None
    return value


def load_scores(content_dir: Path, data_files: list[Path], errors: list, provinces: dict, pillars: dict) -> ScoreTable:
    rows: list[ScoreRow] = []
    for path in data_files:
        shown = f"{content_dir.name}/{path.relative_to(content_dir).as_posix()}"
        if path.name != SCORES_FILE:
            errors.append(ContentError(shown, 1, f"file: unknown data file; the data folder holds only {SCORES_FILE}"))
            continue
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            errors.append(ContentError(shown, 1, "file: not valid UTF-8 text; save the file as UTF-8"))
            continue
        reader = csv.DictReader(io.StringIO(text))
        expected = ["province", "year", *DIMENSIONS, "total_official"]
        if reader.fieldnames != expected:
            errors.append(ContentError(shown, 1, f"columns: expected {','.join(expected)}"))
            continue
        missing = [d for d in DIMENSIONS if d not in pillars]
        if missing:
            errors.append(ContentError(shown, 1, f"columns: {', '.join(missing)} not found in content/pillars/; add the dimension records first"))
            continue
        seen: dict = {}
        for row in reader:
            line = reader.line_num
            province = (row["province"] or "").strip()
            if province not in provinces:
                errors.append(ContentError(shown, line, f"province: unknown former province '{province}'; use an id from content/former-provinces/"))
                continue
            try:
                year = int(row["year"])
            except (TypeError, ValueError):
                errors.append(ContentError(shown, line, f"year: {row['year']!r} is not a year"))
                continue
            if (province, year) in seen:
                errors.append(ContentError(shown, line, f"year: {province} {year} is already on line {seen[(province, year)]}"))
                continue
            seen[(province, year)] = line
            values = []
            for dim in DIMENSIONS:
                value = _number(row[dim], shown, line, dim, errors)
                if value is not None and not 1 <= value <= 10:
                    errors.append(ContentError(shown, line, f"{dim}: {value} is outside the 1-10 scale"))
                values.append(value)
            official = _number(row["total_official"], shown, line, "total_official", errors)
            rows.append(ScoreRow(province, year, tuple(values), official))
    rows.sort(key=lambda r: (r.province, r.year))
    return ScoreTable(tuple(rows), SCORES_FILE if rows else "")
