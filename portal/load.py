"""Stage 1: read every file under content/, validate it against the schema, return records.

Nothing is written here. Every problem in every file is collected, so an editor sees
them all at once, each as `path:line: field: what is wrong; how to fix it`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import multiprocessing
import os
import re
from collections import ChainMap
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from . import scores as scores_mod
from .errors import ContentError, ContentErrors
from .frontmatter import Document, parse
from .messages import Local, phrase
from .processes import can_fork, default_jobs, die_with_parent
from .records import (
    RECORD_CLASSES, REORGANISATION, Deadline, Record, Source, Target, Text, TextList,
)
from .schema import KIND_BY_FOLDER, KINDS, FieldSpec, KindSpec
from .text import nfc, slugify

PLACEHOLDER = "TODO"  # what `build.py new` writes where only the editor knows the value
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Schema field names that would clash with Record attributes.
ATTRIBUTE = {("update", "source"): "source_text"}
DATA_FOLDER = "data"


@dataclass(frozen=True)
class Content:
    """Everything loaded from content/, validated and cross-checked."""
    records: dict            # kind -> {id: record}, each dict in id order
    scores: scores_mod.ScoreTables
    missing_translations: tuple[str, ...] = ()

    def of(self, kind: str) -> dict:
        return self.records[kind]


@dataclass
class _Pending:
    kind: KindSpec
    id: str
    vi: Document | None = None
    en: Document | None = None
    vi_names: list = field(default_factory=list)
    en_names: list = field(default_factory=list)
    broken: bool = False      # a file of this record could not be read; its own error says why
    vi_file: str | None = None   # absolute paths of its files (the dev server's in-place reload)
    en_file: str | None = None


class _Problem(Exception):
    """A value that does not fit its field: a message key of portal/messages.py and its values
    (the field is added by the caller, who knows it)."""

    def __init__(self, key: str, **params):
        super().__init__(key)
        self.key, self.params = key, params


def _error(path: str, line: int, field: str, problem: _Problem) -> ContentError:
    return ContentError(path, line, problem.key, field=field, **problem.params)


# ---------------------------------------------------------------- value checks

def _describe(value):
    """What YAML read a value as, for messages: a phrase in the message's language."""
    if isinstance(value, bool):
        return phrase("describe.bool", value="true" if value else "false")
    if isinstance(value, dt.datetime):
        return phrase("describe.datetime")
    if isinstance(value, dt.date):
        return phrase("describe.date")
    if isinstance(value, (int, float)):
        return phrase("describe.number", value=value)
    if isinstance(value, list):
        return phrase("describe.list")
    if isinstance(value, dict):
        return phrase("describe.group")
    if value is None:
        return phrase("describe.empty")
    return f"{value!r}"


def _shown(value):
    """A value as written (text), or what YAML read it as."""
    return value if isinstance(value, str) else _describe(value)


def _text(value, spec: FieldSpec) -> str:
    if not isinstance(value, str):
        if value is None:
            raise _Problem("text.empty")
        raise _Problem("text.not-text", describe=_describe(value))
    value = value.strip()
    if not value:
        raise _Problem("text.empty")
    if spec.type == "text" and "\n" in value:
        raise _Problem("text.multiline")
    return value


def _date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        raise _Problem("date.time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()) else _bad_date(value)
        except ValueError:
            pass
    raise _Problem("date.invalid", describe=_describe(value))


def _bad_date(value):
    raise ValueError(value)


_PERCENT_SIGN = re.compile(r"\s*(\d+)\s*%\s*")


def _convert(value, spec: FieldSpec):
    if isinstance(value, str) and value.strip().startswith(PLACEHOLDER):
        raise _Problem("value.todo", value=value.strip())
    t = spec.type
    if t in ("text", "long-text"):
        return _text(value, spec)
    if t == "text-list":
        if not isinstance(value, list):
            raise _Problem("list.expected", describe=_describe(value))
        return tuple(_text(v, spec) for v in value)
    if t == "date":
        return _date(value)
    if t == "year":
        if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2100:
            raise _Problem("year.expected", describe=_describe(value))
        return value
    if t == "bool":
        if not isinstance(value, bool):
            raise _Problem("bool.expected", describe=_describe(value))
        return value
    if t == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _Problem("number.expected", describe=_describe(value))
        return value
    if t == "percent":
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
            sign = _PERCENT_SIGN.fullmatch(value) if isinstance(value, str) else None
            if sign:
                raise _Problem("percent.sign", describe=_describe(value), number=int(sign.group(1)))
            raise _Problem("percent.expected", describe=_describe(value))
        return value
    if t == "url":
        url = _text(value, spec)
        if not re.match(r"^https?://[^\s/$.?#][^\s]*$", url, re.I):
            raise _Problem("url.invalid", url=url)
        return url
    if t == "deadline":
        if value in ("ongoing", "none"):
            return Deadline(value)
        try:
            return Deadline("date", _date(value))
        except _Problem:
            raise _Problem("deadline.invalid", describe=_shown(value)) from None
    if t == "plan-number":
        number = _text(value, spec)
        return None if number == "unknown" else number
    if t == "slug":
        slug = _text(value, spec)
        if "/" in slug or "\\" in slug or ".." in slug or slug.startswith("."):
            raise _Problem("slug.outside", slug=slug)
        if not SLUG_RE.match(slug):
            raise _Problem("slug.invalid", slug=slug, suggestion=slugify(slug) or "ke-hoach")
        return slug
    if t.startswith("ref:"):
        ref = _text(value, spec)
        return ref
    if t.startswith("refs:"):
        if isinstance(value, str):   # one id without brackets: a list of one (see fieldref.type_label)
            value = [value]
        if not isinstance(value, list):
            raise _Problem("refs.expected", describe=_describe(value))
        refs = tuple(_text(v, spec) for v in value)
        if spec.required and not refs:
            raise _Problem("refs.empty")
        dupes = sorted({r for r in refs if refs.count(r) > 1})
        if dupes:
            raise _Problem("refs.twice", ref=dupes[0])
        return refs
    if t.startswith("choice:"):
        options = t[7:].split("|")
        if value not in options:
            raise _Problem("choice.invalid", describe=_shown(value), options=", ".join(options))
        return value
    if t == "targets":
        if not isinstance(value, list):
            raise _Problem("targets.expected", describe=_describe(value))
        return value  # checked item by item in _targets, which knows the lines
    raise AssertionError(f"unknown field type {t}")  # pragma: no cover - schema bug


_TARGET_KEYS = {"pillar": "ref", "year": "year", "value": "number", "baseline_year": "year", "baseline": "number"}


def _targets(items: list, doc: Document, errors: list) -> tuple[Target, ...]:
    out = []
    for i, item in enumerate(items):
        where = f"targets[{i}]"
        line = doc.lines.get(where, doc.lines.get("targets", 1))
        if not isinstance(item, dict):
            errors.append(ContentError(doc.path, line, "target.not-group", field=where, describe=_describe(item)))
            continue
        values = {}
        ok = True
        for key, val in item.items():
            kline = doc.lines.get(f"{where}.{key}", line)
            if key not in _TARGET_KEYS:
                errors.append(ContentError(doc.path, kline, "target.unknown-key", field=f"{where}.{key}"))
                ok = False
                continue
            spec = FieldSpec(key, _TARGET_KEYS[key] if _TARGET_KEYS[key] != "ref" else "text", True, False, "", "", "")
            try:
                values[key] = _convert(val, spec)
            except _Problem as p:
                errors.append(_error(doc.path, kline, f"{where}.{key}", p))
                ok = False
        for key in ("pillar", "year", "value"):
            if key not in item:
                errors.append(ContentError(doc.path, line, "target.missing", field=where, key=key))
                ok = False
        if ("baseline" in item) != ("baseline_year" in item):
            errors.append(ContentError(doc.path, line, "target.baseline", field=where))
            ok = False
        if ok:
            out.append(Target(values["pillar"], values["year"], float(values["value"]),
                              values.get("baseline_year"), float(values["baseline"]) if "baseline" in values else None))
    return tuple(out)


def _unknown_field(path: str, line: int, name: str, spec: KindSpec) -> ContentError:
    names = [f.name for f in spec.fields]
    close = difflib.get_close_matches(name, names, n=1)
    hint = phrase("hint.did-you-mean", name=close[0]) if close else phrase("hint.allowed-fields", names=", ".join(names))
    return ContentError(path, line, "field.unknown", field=name,
                        kind=Local(spec.title_vi.lower(), spec.title_en.lower()), hint=hint)


# ---------------------------------------------------------------- files

def _files(content_dir: Path) -> list[tuple[tuple[str, ...], os.DirEntry]]:
    """Every file and symbolic link below content_dir, hidden ones left out, in path order.

    os.scandir tells links and folders apart without a system call per file, which matters
    to the dev server: it reloads the whole tree after every save."""
    found = []
    # A list of folders to visit, not a nested function calling itself: such a function is a
    # reference cycle, which kept everything found (90,000 entries at 10,000 tasks) alive until
    # the next collection, and the build freezes what loading leaves (pipeline.build).
    folders = [(os.path.abspath(content_dir), ())]
    while folders:
        folder, parts = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue  # hidden files (.gitkeep, .DS_Store) are not content
                if entry.is_dir(follow_symlinks=False):
                    folders.append((entry.path, parts + (entry.name,)))
                else:
                    found.append((parts + (entry.name,), entry))
    found.sort(key=lambda item: item[0])
    return found


def _parse_cached(entry: os.DirEntry, shown: str, cache: dict | None, changed: frozenset | None) -> Document:
    """Parse a file, reusing the previous result while its size and modification time hold,
    or, when the caller knows which files changed (`changed`), while it is not one of them."""
    path = entry.path
    if cache is None:
        with open(path, "rb") as f:
            return parse(f.read(), shown)
    hit = cache.get(path)
    if hit is not None and changed is not None and path not in changed:
        if isinstance(hit[1], ContentError):
            raise hit[1]
        return hit[1]
    return _parse_stat(path, entry.stat(), shown, cache)


def _parse_stat(path: str, stat: os.stat_result, shown: str, cache: dict) -> Document:
    key = (stat.st_mtime_ns, stat.st_size)
    hit = cache.get(path)
    if hit is not None and hit[0] == key:
        if isinstance(hit[1], ContentError):
            raise hit[1]
        return hit[1]
    try:
        with open(path, "rb") as f:
            doc = parse(f.read(), shown)
    except ContentError as exc:
        cache[path] = (key, exc)
        raise
    cache[path] = (key, doc)
    return doc


@dataclass(frozen=True)
class _Place:
    """What a file's path says: which record it is for, in which language."""
    spec: KindSpec
    id: str
    lang: str


_DATA = "data"  # a _Place stand-in for files of the data folder


def _place(parts: tuple[str, ...], shown: str) -> _Place | str | ContentError:
    """The record a content file belongs to, from its path alone (so the result is cached)."""
    if parts[0] == DATA_FOLDER:
        return _DATA
    if len(parts) < 2 or parts[0] not in KIND_BY_FOLDER:
        folders = ", ".join(sorted(list(KIND_BY_FOLDER) + [DATA_FOLDER]))
        return ContentError(shown, 1, "file.unknown-folder", folders=folders)
    if not parts[-1].endswith(".md"):
        return ContentError(shown, 1, "file.not-markdown")
    spec = KIND_BY_FOLDER[parts[0]]
    stem = nfc(parts[-1][:-3])
    lang = "vi"
    m = re.search(r"\.([A-Za-z]{2})$", stem)
    if m:
        if m.group(1) != "en":
            return ContentError(shown, 1, "file.unknown-language", suffix=m.group(1))
        lang, stem = "en", stem[:-3]
    segments = [nfc(p) for p in parts[1:-1]] + [stem]
    slugs = [slugify(s) for s in segments]
    if not all(slugs):
        return ContentError(shown, 1, "file.no-letters")
    return _Place(spec, "/".join(slugs), lang)


# Reading and parsing files is most of loading; from this many files, two processes do it.
PARALLEL_PARSE_FROM = 2000
_PARSE_CHUNK = 500


def _parse_one(entry: os.DirEntry, shown: str, cache: dict | None, changed) -> Document | ContentError:
    try:
        return _parse_cached(entry, shown, cache, changed)
    except ContentError as exc:
        return exc


def _parse_chunk(files: list[tuple[str, str]]) -> list[Document | ContentError]:
    out = []
    for path, shown in files:
        try:
            with open(path, "rb") as f:
                out.append(parse(f.read(), shown))
        except ContentError as exc:
            out.append(exc)
    return out


def _parse_in_workers(files: list[tuple[str, str]]) -> list[Document | ContentError]:
    """Parse files in forked processes, in order (results come back pickled, which costs far
    less than parsing)."""
    chunks = [files[i:i + _PARSE_CHUNK] for i in range(0, len(files), _PARSE_CHUNK)]
    jobs = default_jobs()
    with multiprocessing.get_context("fork").Pool(jobs, initializer=die_with_parent) as pool:
        docs = [doc for chunk in pool.imap(_parse_chunk, chunks) for doc in chunk]
        pool.close()   # let the workers end on their own, rather than be signalled on leaving
        pool.join()
    return docs


def _collect(content_dir: Path, errors: list, cache: dict | None = None,
             changed: frozenset | None = None) -> tuple[dict, list]:
    """Find and parse every content file; group Vietnamese and English by (kind, id)."""
    pending: dict[tuple[str, str], _Pending] = {}
    data_files: list[Path] = []
    places = cache.setdefault(_PLACES, {}) if cache is not None else {}
    to_parse: list[tuple[_Pending, str, os.DirEntry, str]] = []
    for parts, entry in _files(content_dir):
        shown = f"{content_dir.name}/{'/'.join(parts)}"
        if entry.is_symlink():
            errors.append(ContentError(shown, 1, "file.symlink"))
            continue
        place = places.get(parts)
        if place is None:
            place = places[parts] = _place(parts, shown)
        if place is _DATA:
            data_files.append(Path(entry.path))
            continue
        if isinstance(place, ContentError):
            errors.append(place)
            continue
        pending_entry = pending.setdefault((place.spec.kind, place.id), _Pending(place.spec, place.id))
        to_parse.append((pending_entry, place.lang, entry, shown))
    if cache is None and len(to_parse) >= PARALLEL_PARSE_FROM and can_fork():
        docs = _parse_in_workers([(entry.path, shown) for _, _, entry, shown in to_parse])
    else:
        docs = (_parse_one(entry, shown, cache, changed) for _, _, entry, shown in to_parse)
    for (pending_entry, lang, entry, shown), doc in zip(to_parse, docs):
        if isinstance(doc, ContentError):
            errors.append(doc)
            pending_entry.broken = True
            continue
        if lang == "vi":
            pending_entry.vi_names.append(shown)
            if pending_entry.vi is None:
                pending_entry.vi, pending_entry.vi_file = doc, entry.path
        else:
            pending_entry.en_names.append(shown)
            if pending_entry.en is None:
                pending_entry.en, pending_entry.en_file = doc, entry.path
    for entry in pending.values():
        for names in (entry.vi_names, entry.en_names):
            for other in names[1:]:
                errors.append(ContentError(other, 1, "file.same-id", id=entry.id, other=names[0]))
        if entry.vi is None and entry.en is not None and not entry.broken:
            vi_name = entry.en.path[:-len(".en.md")] + ".md"
            errors.append(ContentError(entry.en.path, 1, "file.no-original", original=vi_name))
    return pending, data_files


def _fields(entry: _Pending, errors: list) -> dict | None:
    """Validate both languages' frontmatter; return attribute values for the record class."""
    values, ok = _field_values(entry, errors)
    return values if ok else None


def _field_values(entry: _Pending, errors: list) -> tuple[dict, bool]:
    """Attribute values of every field that is valid, and whether all are (fields that are not
    valid are left out, so a record with errors still has its references checked)."""
    spec, vi, en = entry.kind, entry.vi, entry.en
    values: dict = {}
    ok = True
    for name, raw in vi.data.items():
        fspec = spec.field(name)
        line = vi.lines.get(name, 1)
        if fspec is None:
            errors.append(_unknown_field(vi.path, line, name, spec))
            ok = False
            continue
        try:
            value = _convert(raw, fspec)
            if fspec.type == "targets":
                value = _targets(value, vi, errors)
            values[name] = value
        except _Problem as p:
            errors.append(_error(vi.path, line, name, p))
            ok = False
    for fspec in spec.fields:
        if fspec.required and fspec.name not in vi.data:
            errors.append(ContentError(vi.path, 1, "field.missing", field=fspec.name, example=fspec.example))
            ok = False
    english: dict = {}
    if en is not None:
        for name, raw in en.data.items():
            fspec = spec.field(name)
            line = en.lines.get(name, 1)
            if fspec is None:
                errors.append(_unknown_field(en.path, line, name, spec))
                ok = False
            elif not fspec.translatable:
                errors.append(ContentError(en.path, line, "field.not-translated", field=name, original=vi.path))
                ok = False
            elif name not in vi.data:
                if not fspec.required:   # a required one is already reported missing in the Vietnamese file
                    errors.append(ContentError(en.path, line, "field.no-vietnamese", field=name, original=vi.path))
                ok = False
            else:
                try:
                    english[name] = _convert(raw, fspec)
                except _Problem as p:
                    errors.append(_error(en.path, line, name, p))
                    ok = False
                    continue
                if fspec.type == "text-list" and name in values and len(english[name]) != len(values[name]):
                    errors.append(ContentError(en.path, line, "list.translation-length", field=name,
                                               count=len(english[name]), expected=len(values[name])))
                    ok = False
    for doc in (vi, en):
        if doc is not None and doc.body.lstrip().startswith(PLACEHOLDER):
            errors.append(ContentError(doc.path, doc.body_line, "body.todo"))
            ok = False
    out: dict = {}
    for fspec in spec.fields:
        if fspec.name == "slug" or (not ok and fspec.name not in values):
            continue
        attr = ATTRIBUTE.get((spec.kind, fspec.name), fspec.name)
        value = values.get(fspec.name)
        if fspec.translatable and fspec.type == "text-list":
            out[attr] = TextList(value or (), english.get(fspec.name))
        elif fspec.translatable:
            out[attr] = Text(value or "", english.get(fspec.name))
        elif fspec.type.startswith("refs:") or fspec.type == "targets":
            out[attr] = value or ()
        elif fspec.type == "deadline":
            out[attr] = value
        else:
            out[attr] = value
    return out, ok


def _record(entry: _Pending, values: dict, content_dir_name: str) -> Record:
    spec = entry.kind
    cls = RECORD_CLASSES[spec.kind]
    slug = entry.id
    if "slug" in entry.vi.data:
        slug = "/".join(entry.id.split("/")[:-1] + [entry.vi.data["slug"]])
    defaults = {
        "pillar": {"order": 0, "short_name": None},
        "task": {"order": 0},
        "plan": {"source_complete": True},
        "page": {"order": 0},
    }.get(spec.kind, {})
    for key, default in defaults.items():
        if values.get(key) is None:
            values[key] = default
    if spec.kind == "pillar" and not values["short_name"].vi:
        values["short_name"] = values["name"]
    body = Text(entry.vi.body, entry.en.body if entry.en is not None else None)
    source = Source(entry.vi.path, entry.en.path if entry.en is not None else None)
    return cls(id=entry.id, slug=slug, source=source, translated=entry.en is not None, body=body, **values)


# ---------------------------------------------------------------- references

class _Partial:
    """The valid fields of a record that has errors: enough to check its references too,
    so that one run reports every problem. A field that is missing or invalid reads None."""

    def __init__(self, rid: str, source: Source, values: dict):
        self.id, self.source, self._values = rid, source, values

    def __getattr__(self, name: str):
        return self._values.get(name)

    @property
    def before_reorganisation(self) -> bool | None:
        return None if self.date_issued is None else self.date_issued < REORGANISATION


def _check_refs(records: dict, lines: dict, errors: list, invalid: set, partials: dict | None = None,
                only: set | None = None) -> None:
    """Check every reference between records (with `only`, those of these (kind, id) records:
    the dev server's reload of a few edited files)."""
    def err(rec, field_name, key, **params):
        errors.append(ContentError(rec.source.path, lines[rec.source.path].get(field_name, 1), key, **params))

    def known(kind, ref, rec, field_name):
        if ref is None:          # missing or invalid: its own error says so
            return False
        if ref in records[kind]:
            return True
        if (kind, ref) in invalid:  # exists, but has errors of its own
            return False
        ids = list(records[kind])
        close = difflib.get_close_matches(ref, ids, n=1)
        hint = (phrase("hint.did-you-mean", name=close[0]) if close
                else phrase("hint.see-folder", folder=KINDS[kind].folder))
        err(rec, field_name, "ref.former-province" if kind == "former_province" else "ref.unknown",
            field=field_name, noun=phrase(f"noun.{kind}"), ref=ref, hint=hint)
        return False

    def each(kind):
        if only is not None:
            yield from (records[kind][rid] for k, rid in sorted(only) if k == kind)
            return
        yield from records[kind].values()
        yield from (partials or {}).get(kind, ())

    pillars = records["pillar"]
    for rec in each("pillar"):
        if rec.parent is not None and known("pillar", rec.parent, rec, "parent"):
            seen, node = {rec.id}, rec
            while node.parent is not None and node.parent in pillars:
                if node.parent in seen:
                    err(rec, "parent", "parent.cycle", parent=rec.parent, id=rec.id)
                    break
                seen.add(node.parent)
                node = pillars[node.parent]
    for rec in each("former_province"):
        known("province", rec.successor, rec, "successor")
    for rec in each("commune"):
        before = rec.until is not None and rec.until < REORGANISATION
        known("former_province" if before else "province", rec.province, rec, "province")
        if rec.successor is not None:
            known("commune", rec.successor, rec, "successor")
    for rec in each("agency"):
        if rec.successor is not None:
            known("agency", rec.successor, rec, "successor")
    for rec in each("plan"):
        if rec.before_reorganisation is not None:
            kind = "former_province" if rec.before_reorganisation else "province"
            known(kind, rec.province, rec, "province")
        if rec.commune is not None:
            known("commune", rec.commune, rec, "commune")
        elif rec.level == "commune":
            err(rec, "level", "plan.commune-missing")
        for fw in rec.frameworks or ():
            if known("pillar", fw, rec, "frameworks") and pillars[fw].parent is not None:
                err(rec, "frameworks", "frameworks.dimension", ref=fw)
        for target in rec.targets or ():
            known("pillar", target.pillar, rec, "targets")
    for rec in each("task"):
        folder = rec.id.split("/")[0] if "/" in rec.id else None
        if known("plan", rec.plan, rec, "plan") and folder is not None and rec.plan != folder:
            err(rec, "plan", "task.other-plan", plan=rec.plan, folder=folder)
        for ref in rec.pillars or ():
            known("pillar", ref, rec, "pillars")
        for ref in rec.lead or ():
            known("agency", ref, rec, "lead")
        for ref in rec.partners or ():
            known("agency", ref, rec, "partners")
    plans, tasks = records["plan"], records["task"]
    for rec in each("update"):
        if not known("task", rec.task, rec, "task"):
            continue
        folder = rec.id.split("/")[0] if "/" in rec.id else None
        task_plan = tasks[rec.task].plan
        if folder is not None and task_plan != folder:
            err(rec, "task", "update.other-plan", task=rec.task, plan=task_plan, folder=folder)
        plan = plans.get(task_plan)
        if rec.date is not None and plan is not None and rec.date < plan.date_issued:
            err(rec, "date", "update.before-plan", date=rec.date.isoformat(), issued=plan.date_issued.isoformat())


_RECORDS = "records"   # key, in a load cache, of the records made from unchanged files
_PLACES = "places"     # key, in a load cache, of what each file's path says (_place)


def load(content_dir: Path, cache: dict | None = None, changed=None) -> Content:
    """Load and validate the whole content tree. Raises ContentErrors listing every problem.

    `cache` (path -> parsed file) lets the dev server re-read only the files that changed:
    those whose size or modification time differ or, if it passes the paths that changed
    since the last load with the same cache (`changed`), only those (no stat of the rest).
    """
    content_dir = Path(os.path.abspath(content_dir))   # "content", "./content/" and "." alike
    errors: list[ContentError] = []
    if not content_dir.is_dir():
        raise ContentErrors([ContentError(str(content_dir), 0, "content.not-found")])
    if changed is not None:
        changed = frozenset(os.path.abspath(p) for p in changed)
        reloaded = _reload(content_dir, cache, changed)
        if reloaded is not None:
            return reloaded
    if cache is not None:
        cache.pop(_LAST, None)
    pending, data_files = _collect(content_dir, errors, cache, changed)
    records_made = cache.setdefault(_RECORDS, {}) if cache is not None else {}
    records: dict = {kind: {} for kind in KINDS}
    lines: dict = {}
    slugs: dict = {}
    invalid: set = set()
    partials: dict = {kind: [] for kind in KINDS}
    for (kind, rid), entry in sorted(pending.items()):
        if entry.vi is None:
            if entry.broken:
                invalid.add((kind, rid))
            continue
        # The dev server keeps parsed files: a record whose files were not re-parsed is the same.
        made = records_made.get((kind, rid)) if cache is not None else None
        if made is not None and made[0] is entry.vi and made[1] is entry.en and not entry.broken:
            record = made[2]
        else:
            before = len(errors)
            values, ok = _field_values(entry, errors)
            if not ok or entry.broken:
                invalid.add((kind, rid))
                if entry.vi is not None:   # its valid fields' references are still checked
                    partials[kind].append(_Partial(rid, Source(entry.vi.path, None), values))
                    lines[entry.vi.path] = entry.vi.lines
                continue
            record = _record(entry, values, content_dir.name)
            if cache is not None and len(errors) == before:
                records_made[(kind, rid)] = (entry.vi, entry.en, record)
        key = (kind, record.slug)
        if key in slugs:
            errors.append(ContentError(record.source.path, entry.vi.lines.get("slug", 1), "slug.taken",
                                       slug=record.slug, other=slugs[key]))
            continue
        slugs[key] = record.source.path
        records[kind][rid] = record
        lines[record.source.path] = entry.vi.lines
    _check_refs(records, lines, errors, invalid, partials)
    table = scores_mod.load_scores(content_dir, data_files, errors, records['former_province'], records['pillar'])
    if errors:
        raise ContentErrors(errors)
    content = Content(records, table, _missing_translations(records))
    if cache is not None:
        files = {(kind, rid): (entry.vi_file, entry.en_file) for (kind, rid), entry in pending.items()}
        paths = {path for pair in files.values() for path in pair if path}
        cache[_LAST] = _LastLoad(os.path.abspath(content_dir), content, files, paths, lines)
    return content


def _missing_translations(records: dict) -> tuple[str, ...]:
    return tuple(sorted(r.source.path for kind in records.values() for r in kind.values() if not r.translated))


_LAST = "last"   # key, in a load cache, of the last load that succeeded (_LastLoad)
RELOADABLE = ("task", "update", "plan")


@dataclass(frozen=True)
class _LastLoad:
    root: str
    content: Content
    files: dict       # (kind, id) -> (Vietnamese file, English file or None), absolute paths
    paths: set        # every record file
    lines: dict       # record file -> line of each field
    slugs: dict = field(default_factory=dict)   # kind -> slugs of its records, made on first need


def _reload(content_dir: Path, cache: dict | None, changed: frozenset) -> Content | None:
    """The last load's content with the records of `changed` files made afresh, when only
    tasks, updates or plans were edited in place or added (a progress update, a task, a
    translation; none removed or renamed): what a dev server sees after each save. Validation
    is the same as a full load's; on any error, or any other kind of change, None: the caller
    loads everything, which reports it."""
    last = cache.get(_LAST) if cache is not None else None
    if last is None:
        return None
    prefix = last.root + os.sep
    places = cache[_PLACES]
    keys = set()
    files = last.files
    # (a new record's Vietnamese file before its English one)
    for path in sorted(changed, key=lambda path: (path.endswith(".en.md"), path)):
        if not path.startswith(prefix):
            continue   # layouts or assets
        if os.path.islink(path) or not os.path.isfile(path):
            return None
        parts = tuple(path[len(prefix):].split(os.sep))
        place = places.get(parts)
        if path not in last.paths:
            if any(part.startswith(".") for part in parts):
                return None   # (not content: a full load says so, or skips it)
            if place is None:
                place = places[parts] = _place(parts, f"{content_dir.name}/{'/'.join(parts)}")
            if not isinstance(place, _Place) or place.spec.kind not in RELOADABLE:
                return None
            files = _added(files, place, path, changed)
            if files is None:
                return None
        elif not isinstance(place, _Place) or place.spec.kind not in RELOADABLE:
            return None
        keys.add((place.spec.kind, place.id))
    if not keys:
        return last.content
    records = dict(last.content.records)
    # The last load's line maps, slugs and paths are taken over, not copied (450,000 files at
    # 100,000 tasks): what this reload adds to them is kept apart until it has succeeded.
    lines = ChainMap({}, last.lines)
    claimed: dict = {}   # kind -> slugs new in this reload
    freed: dict = {}     # kind -> slugs that records of this reload no longer have
    records_made = cache.setdefault(_RECORDS, {})
    made = []
    for kind, rid in sorted(keys):
        entry = _Pending(KINDS[kind], rid)
        for lang, path in zip(("vi", "en"), files[(kind, rid)]):
            if path is None:
                continue
            if not os.path.isfile(path):
                return None
            shown = f"{content_dir.name}/{path[len(prefix):].replace(os.sep, '/')}"
            try:
                doc = _parse_stat(path, os.stat(path), shown, cache)
            except ContentError:
                return None
            setattr(entry, lang, doc)
        errors: list = []
        values = _fields(entry, errors)
        if values is None or errors:
            return None
        record = _record(entry, values, content_dir.name)
        old = records[kind].get(rid)
        if old is None or record.slug != old.slug:
            taken = last.slugs.get(kind)
            if taken is None:
                taken = last.slugs[kind] = {r.slug for r in last.content.records[kind].values()}
            if (record.slug in taken and record.slug not in freed.get(kind, ())) or record.slug in claimed.get(kind, ()):
                return None
            claimed.setdefault(kind, set()).add(record.slug)
            if old is not None:
                freed.setdefault(kind, set()).add(old.slug)
        if old is None:
            records[kind] = _inserted(records[kind], rid, record)   # in id order, as a full load
        else:
            if records[kind] is last.content.records[kind]:
                records[kind] = dict(records[kind])   # ids keep their order: only values change
            records[kind][rid] = record
        lines[record.source.path] = entry.vi.lines
        made.append(((kind, rid), (entry.vi, entry.en, record)))
    # Only the edited records' references can have changed (ids, and so what others refer to,
    # did not); a plan's date also bounds its updates' dates.
    checked = set(keys)
    for kind, rid in keys:
        if kind == "plan":   # rarer than task and update edits: a scan is affordable
            tasks = {t.id for t in records["task"].values() if t.plan == rid}
            checked |= {("task", t) for t in tasks}
            checked |= {("update", u.id) for u in records["update"].values() if u.task in tasks}
    errors = []
    _check_refs(records, lines, errors, set(), only=checked)
    if errors:
        return None
    missing = last.content.missing_translations
    if files is not last.files:
        # Records or translations were added: which records have a translation may differ.
        changed_paths = {records[kind][rid].source.path for kind, rid in keys}
        missing = tuple(sorted({p for p in missing if p not in changed_paths} |
                               {records[kind][rid].source.path for kind, rid in keys if not records[kind][rid].translated}))
    content = Content(records, last.content.scores, missing)
    records_made.update(made)
    if files is not last.files:
        last.paths.update(p for p in changed if p.startswith(prefix))
    last.lines.update(lines.maps[0])
    for kind, slugs in last.slugs.items():
        slugs -= freed.get(kind, set())
        slugs |= claimed.get(kind, set())
    cache[_LAST] = _LastLoad(last.root, content, files, last.paths, last.lines, last.slugs)
    return content


def _added(files: dict, place: _Place, path: str, changed: frozenset) -> dict | None:
    """The last load's record files with a new one: a record's Vietnamese file (with its English
    one if there is one), or the English file of a record that had none; else None."""
    key = (place.spec.kind, place.id)
    vi_file, en_file = files.get(key, (None, None))
    if place.lang == "vi":
        if vi_file is not None:
            return None   # two files for one id: a full load reports it
        en = path[:-len(".md")] + ".en.md"
        en_file = en if os.path.isfile(en) and not os.path.islink(en) else None
        if en_file is not None and en_file not in changed:
            return None   # (an English file alone was an error in the last load)
        vi_file = path
    else:
        if en_file == path:
            return files   # added with its Vietnamese file, just before
        if vi_file is None or en_file is not None:
            return None
        en_file = path
    return files | {key: (vi_file, en_file)}


def _inserted(records: dict, rid: str, record) -> dict:
    """A copy of an id-ordered dict of records with one more, in its place."""
    at = bisect.bisect_left(list(records), rid)
    items = iter(records.items())
    out = dict(islice(items, at))
    out[rid] = record
    out.update(items)
    return out
