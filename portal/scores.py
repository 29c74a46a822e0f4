"""Index scores by province, year and dimension: content/data/<name>.csv, each described by
an optional declaration <name>.yaml beside it.

The table's header names its columns: `province` (a former province id: the 63 units the
indices surveyed), `year`, then one column per dimension, named by its pillar id
(content/pillars/), and optionally the column of the officially published total. The
declaration says what the code must not assume about an index:

    index: papi                 # the index (a pillar without parent) every column belongs to
    scale: [1, 10]              # lowest and highest score of one dimension
    total: sum                  # sum: a year's total is the sum of its era's dimensions; none: no total
    official_total: total_official   # column with the published total (optional)
    eras:                       # which dimensions were measured from which year; totals are
      - from: 2011              # comparable only within one era (their maximum differs)
        dimensions: [papi-1, papi-2, papi-3, papi-4, papi-5, papi-6]
      - from: 2018
        dimensions: [papi-1, papi-2, papi-3, papi-4, papi-5, papi-6, papi-7, papi-8]
    source: "…"                 # where the numbers come from, cited on the data page and in downloads
    source_url: https://…

Without a declaration: the index is the one the columns belong to, the scale 1–10, every
dimension measured in every year, totals summed, no source. Blank cells are missing
values, never zeros, in every index; a total is given only when every dimension of its
era is present.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError
from .frontmatter import parse

PLACE_COLUMN = "province"
YEAR_COLUMN = "year"
DEFAULT_SCALE = (1.0, 10.0)
DEFAULT_OFFICIAL_TOTAL = "total_official"
TOTAL_RULES = ("sum", "none")
DECLARATION_FIELDS = ("index", "scale", "total", "official_total", "eras", "source", "source_url")

# Compatibility only: portal/render.py and the layouts still read PAPI's dimensions through
# these two names. Nothing here uses them; remove them once those read m.content.scores.
DIMENSIONS = tuple(f"papi-{i}" for i in range(1, 9))
EIGHT_DIMENSIONS_FROM = 2018


@dataclass(frozen=True)
class Era:
    first_year: int
    dimensions: tuple[str, ...]     # pillar ids measured from first_year until the next era


@dataclass(frozen=True)
class ScoreIndex:
    """One score table's declaration, completed with its defaults."""
    name: str                       # file stem, e.g. "papi-scores": the name of its downloads
    path: str                       # content/data/papi-scores.csv, as shown to editors
    index: str                      # pillar id of the index
    dimensions: tuple[str, ...]     # pillar ids, in column order
    scale: tuple[float, float]
    total: str                      # "sum" or "none"
    official_total: str | None      # column name, if the table has one
    eras: tuple[Era, ...]           # oldest first
    source: str | None
    source_url: str | None

    def era(self, year: int) -> Era | None:
        found = None
        for era in self.eras:
            if era.first_year <= year:
                found = era
        return found


@dataclass(frozen=True)
class ScoreRow:
    declaration: ScoreIndex
    province: str                         # former province id
    year: int
    dimensions: tuple[float | None, ...]  # in declaration.dimensions order; None = not published
    total_official: float | None

    @property
    def index(self) -> str:
        return self.declaration.index

    @property
    def era(self) -> Era:
        return self.declaration.era(self.year)

    def score(self, pillar: str) -> float | None:
        names = self.declaration.dimensions
        return self.dimensions[names.index(pillar)] if pillar in names else None

    def measured(self, pillar: str) -> bool:
        """Whether the dimension was part of the index that year (blank then means missing)."""
        return pillar in self.era.dimensions

    @property
    def dimension_count(self) -> int:
        return len(self.era.dimensions)

    @property
    def total(self) -> float | None:
        """Sum of the era's dimensions, or None if any is missing (or the index has no total)."""
        if self.declaration.total != "sum":
            return None
        values = [self.score(d) for d in self.era.dimensions]
        if any(v is None for v in values):
            return None
        return round(sum(values), 2)

    @property
    def maximum(self) -> int | float:
        top = len(self.era.dimensions) * self.declaration.scale[1]
        return int(top) if top == int(top) else top   # "80", not "80.0", where it is shown


@dataclass(frozen=True)
class ScoreTable:
    """The scores of one index."""
    declaration: ScoreIndex
    rows: tuple[ScoreRow, ...]            # by province, then year

    @property
    def index(self) -> str:
        return self.declaration.index

    @property
    def name(self) -> str:
        return self.declaration.name

    @property
    def dimensions(self) -> tuple[str, ...]:
        return self.declaration.dimensions

    @property
    def source(self) -> str:
        return self.declaration.path

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


@dataclass(frozen=True)
class ScoreTables:
    """Every score table, in the order of their indices (pillar order)."""
    tables: tuple[ScoreTable, ...] = ()

    @property
    def indices(self) -> tuple[str, ...]:
        return tuple(t.index for t in self.tables)

    def table(self, index: str) -> ScoreTable | None:
        return next((t for t in self.tables if t.index == index), None)

    def table_of(self, pillar: str) -> ScoreTable | None:
        """The table of an index, or of the index a dimension belongs to."""
        return next((t for t in self.tables if t.index == pillar or pillar in t.dimensions), None)

    def value(self, province: str, year: int, pillar: str) -> float | None:
        table = self.table_of(pillar)
        row = table.get(province, year) if table else None
        return row.score(pillar) if row else None

    def series(self, province: str, pillar: str) -> tuple[tuple[int, float | None], ...]:
        """(year, score) of one dimension in the years it was measured; None = missing."""
        table = self.table_of(pillar)
        if table is None:
            return ()
        return tuple((r.year, r.score(pillar)) for r in table.for_province(province) if r.measured(pillar))

    # Compatibility: portal/model.py, render.py and the layouts read one table through these.
    # They mean the first index's table (PAPI in the shipped content).
    @property
    def rows(self) -> tuple[ScoreRow, ...]:
        return tuple(r for t in self.tables for r in t.rows)

    @property
    def source(self) -> str:
        return ", ".join(t.name + ".csv" for t in self.tables)

    def _first(self) -> ScoreTable | None:
        return self.tables[0] if self.tables else None

    def for_province(self, province: str) -> tuple[ScoreRow, ...]:
        first = self._first()
        return first.for_province(province) if first else ()

    def get(self, province: str, year: int) -> ScoreRow | None:
        first = self._first()
        return first.get(province, year) if first else None

    @property
    def years(self) -> tuple[int, ...]:
        first = self._first()
        return first.years if first else ()


# ---------------------------------------------------------------- loading

def _number(text: str, shown: str, line: int, column: str, errors: list) -> float | None:
    text = text.strip()
    if not text:
        return None
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        errors.append(ContentError(shown, line, "score.not-number", field=column, value=text))
        return None
    return value


def _root(pillar_id: str, pillars: dict) -> str:
    node = pillars[pillar_id]
    seen = {node.id}
    while node.parent is not None and node.parent in pillars and node.parent not in seen:
        node = pillars[node.parent]
        seen.add(node.id)
    return node.id


def _read_declaration(path: Path, shown: str, errors: list):
    """The declaration's fields and the line of each, or None if it cannot be read."""
    raw = path.read_bytes().removeprefix(b"\xef\xbb\xbf")
    if raw.startswith(b"---\n"):   # a YAML document marker: blanked, so lines keep their numbers
        raw = b"\n" + raw[4:]
    try:
        # The frontmatter parser keeps line numbers and rejects repeated keys and custom tags;
        # a fence is put around the file and each line number moved back by one.
        doc = parse(b"---\n" + raw + b"\n---\n", shown)
    except ContentError as exc:   # the same problem, named after the file rather than its frontmatter
        params = dict(exc.params)
        if params.get("field") == "frontmatter":
            params["field"] = "file"
        errors.append(ContentError(shown, max(1, exc.line - 1), exc.key, **params))
        return None
    return doc.data, {key: line - 1 for key, line in doc.lines.items()}


def _is_year(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2100


def _declaration(fields: dict, lines: dict, shown: str, errors: list, columns: list[str], pillars: dict,
                 csv_shown: str) -> dict | None:
    """Validated declaration values (only those given), or None after reporting its problems."""
    before = len(errors)

    def bad(key: str, message: str, **params) -> None:
        errors.append(ContentError(shown, lines.get(key, 1), message, **params))

    out: dict = {}
    for key in fields:
        if key not in DECLARATION_FIELDS:
            bad(key, "decl.unknown-field", field=key, fields=", ".join(DECLARATION_FIELDS))
    if "index" in fields:
        index = fields["index"]
        if not isinstance(index, str) or index not in pillars:
            bad("index", "decl.index-unknown", value=index)
        elif pillars[index].parent is not None:
            bad("index", "decl.index-dimension", index=index, root=_root(index, pillars))
        else:
            out["index"] = index
    if "scale" in fields:
        scale = fields["scale"]
        numbers = isinstance(scale, list) and len(scale) == 2 and all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in scale)
        if not numbers or scale[0] >= scale[1]:
            bad("scale", "decl.scale")
        else:
            out["scale"] = (float(scale[0]), float(scale[1]))
    if "total" in fields:
        if fields["total"] not in TOTAL_RULES:
            bad("total", "decl.total")
        else:
            out["total"] = fields["total"]
    if "official_total" in fields:
        column = fields["official_total"]
        if not isinstance(column, str) or column not in columns:
            bad("official_total", "decl.official-total", value=column, table=csv_shown)
        else:
            out["official_total"] = column
    official = out.get("official_total", DEFAULT_OFFICIAL_TOTAL)
    columns = [c for c in columns if c != official]
    for key in ("source", "source_url"):
        if key in fields:
            value = fields[key]
            if not isinstance(value, str) or not value.strip():
                bad(key, "decl.text", field=key)
            elif key == "source_url" and not value.startswith(("https://", "http://")):
                bad(key, "decl.url", field=key)
            else:
                out[key] = value.strip()
    if "eras" in fields:
        eras = fields["eras"]
        if not isinstance(eras, list) or not eras:
            bad("eras", "decl.eras")
        else:
            parsed = []
            for i, era in enumerate(eras):
                key = f"eras[{i}]"
                if not isinstance(era, dict) or set(era) != {"from", "dimensions"}:
                    bad(key, "decl.era-fields", field=key)
                    continue
                if not _is_year(era["from"]):
                    bad(f"{key}.from", "year.not-a-year", field=f"{key}.from", value=era["from"])
                    continue
                if parsed and era["from"] <= parsed[-1].first_year:
                    bad(f"{key}.from", "decl.era-order", field=f"{key}.from", year=era["from"],
                        previous=parsed[-1].first_year)
                    continue
                dims = era["dimensions"]
                if not isinstance(dims, list) or not dims or not all(isinstance(d, str) for d in dims):
                    bad(f"{key}.dimensions", "decl.era-dimensions", field=f"{key}.dimensions")
                    continue
                unknown = [d for d in dims if d not in columns]
                if unknown:
                    bad(f"{key}.dimensions", "decl.era-unknown", field=f"{key}.dimensions", columns=", ".join(unknown),
                        table=csv_shown)
                    continue
                for d in dims:
                    first = getattr(pillars.get(d), "first_year", None)
                    if first is not None and first > era["from"]:
                        bad(f"{key}.dimensions", "decl.era-first-year", field=f"{key}.dimensions", dimension=d,
                            first=first)
                parsed.append(Era(era["from"], tuple(dims)))
            out["eras"] = tuple(parsed)
    return out if len(errors) == before else None


def _load_table(path: Path, shown: str, declaration_file: tuple[Path, str] | None, errors: list,
                provinces: dict, pillars: dict) -> ScoreTable | None:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        errors.append(ContentError(shown, 1, "file.not-utf8"))
        return None
    reader = csv.DictReader(io.StringIO(text))
    header = list(reader.fieldnames or [])
    if header[:2] != [PLACE_COLUMN, YEAR_COLUMN] or len(header) < 3 or len(set(header)) != len(header):
        errors.append(ContentError(shown, 1, "score.header", place=PLACE_COLUMN, year=YEAR_COLUMN))
        return None
    declared: dict = {}
    if declaration_file is not None:
        read = _read_declaration(*declaration_file, errors)
        if read is None:
            return None
        declared = _declaration(*read, declaration_file[1], errors, header[2:], pillars, shown)
        if declared is None:
            return None
    official = declared.get("official_total", DEFAULT_OFFICIAL_TOTAL if DEFAULT_OFFICIAL_TOTAL in header else None)
    dimensions = [c for c in header[2:] if c != official]
    missing = [d for d in dimensions if d not in pillars]
    if missing:
        errors.append(ContentError(shown, 1, "score.columns-unknown", columns=", ".join(missing)))
        return None
    index = declared.get("index")
    roots = sorted({_root(d, pillars) for d in dimensions})
    if index is None and len(roots) > 1:
        errors.append(ContentError(shown, 1, "score.columns-indices", roots=", ".join(roots)))
        return None
    index = index or roots[0]
    foreign = [d for d in dimensions if _root(d, pillars) != index or d == index]
    if foreign:
        errors.append(ContentError(shown, 1, "score.columns-foreign", columns=", ".join(foreign), index=index))
        return None
    eras = declared.get("eras")
    if eras is not None:
        unmeasured = [d for d in dimensions if not any(d in era.dimensions for era in eras)]
        if unmeasured:
            errors.append(ContentError(declaration_file[1], 1, "score.no-era", columns=", ".join(unmeasured)))
            return None
    scale = declared.get("scale", DEFAULT_SCALE)
    low, high = scale
    scale_text = f"{low:g}-{high:g}"

    raw_rows: list = []
    seen: dict = {}
    for row in reader:
        line = reader.line_num
        province = (row[PLACE_COLUMN] or "").strip()
        if province not in provinces:
            errors.append(ContentError(shown, line, "score.province", province=province))
            continue
        try:
            year = int(row[YEAR_COLUMN])
        except (TypeError, ValueError):
            errors.append(ContentError(shown, line, "year.not-a-year", field="year", value=row[YEAR_COLUMN]))
            continue
        if (province, year) in seen:
            errors.append(ContentError(shown, line, "score.duplicate", province=province, year=year,
                                       other=seen[(province, year)]))
            continue
        seen[(province, year)] = line
        era = None
        if eras is not None:
            era = next((e for e in reversed(eras) if e.first_year <= year), None)
            if era is None:
                errors.append(ContentError(shown, line, "score.before-era", year=year, first=eras[0].first_year,
                                           declaration=declaration_file[1]))
                continue
        values = []
        for dim in dimensions:
            value = _number(row[dim] or "", shown, line, dim, errors)
            if value is not None and not low <= value <= high:
                errors.append(ContentError(shown, line, "score.scale", field=dim, value=value, scale=scale_text))
            if value is not None and era is not None and dim not in era.dimensions:
                errors.append(ContentError(shown, line, "score.unmeasured", field=dim, year=year, first=era.first_year,
                                           declaration=declaration_file[1]))
            values.append(value)
        total = _number(row[official] or "", shown, line, official, errors) if official else None
        raw_rows.append((province, year, tuple(values), total))
    if not raw_rows:
        return None
    if eras is None:   # every dimension measured in every year of the table
        eras = (Era(min(r[1] for r in raw_rows), tuple(dimensions)),)
    declaration = ScoreIndex(
        name=path.stem, path=shown, index=index, dimensions=tuple(dimensions), scale=scale,
        total=declared.get("total", "sum"), official_total=official, eras=eras,
        source=declared.get("source"), source_url=declared.get("source_url"))
    rows = sorted((ScoreRow(declaration, *r) for r in raw_rows), key=lambda r: (r.province, r.year))
    return ScoreTable(declaration, tuple(rows))


def load_scores(content_dir: Path, data_files: list[Path], errors: list, provinces: dict, pillars: dict) -> ScoreTables:
    """Every score table in content/data/; problems are added to `errors`, one per line."""
    def shown(path: Path) -> str:
        return f"{content_dir.name}/{path.relative_to(content_dir).as_posix()}"

    tables_csv = {p.with_suffix(""): p for p in data_files if p.suffix == ".csv"}
    declarations = {p.with_suffix(""): p for p in data_files if p.suffix == ".yaml"}
    for path in sorted(data_files):
        if path.suffix not in (".csv", ".yaml"):
            errors.append(ContentError(shown(path), 1, "data.unknown-file"))
        elif path.suffix == ".yaml" and path.with_suffix("") not in tables_csv:
            errors.append(ContentError(shown(path), 1, "data.no-table", stem=path.stem))
    tables = []
    for stem, path in sorted(tables_csv.items()):
        declaration = declarations.get(stem)
        table = _load_table(path, shown(path), (declaration, shown(declaration)) if declaration else None,
                            errors, provinces, pillars)
        if table is not None:
            tables.append(table)
    seen: dict = {}
    for table in tables:
        if table.index in seen:
            errors.append(ContentError(table.declaration.path, 1, "data.two-tables", index=table.index,
                                       other=seen[table.index]))
        seen.setdefault(table.index, table.declaration.path)
    order = lambda t: (pillars[t.index].order, t.index)  # noqa: E731
    return ScoreTables(tuple(sorted(tables, key=order)))
