"""Client-side search index (issue: "Search that understands Vietnamese").

`index_files(model)` returns {output path: bytes} for the files the search page loads
(assets/search.js), one folder per language: search/vi/, search/en/. Design, file formats
and measurements: docs/search.md.

Terms are folded (lower case, no diacritics, đ -> d), so the index matches "dong thap",
"Đồng Tháp" and "đồng tháp" alike. Each term's postings are a sorted list of document
numbers, stored as gaps or as a bitmap, whichever is smaller, so even a syllable found in
every document costs at most one bit per document. Documents are numbered in
(kind, province, year, status) order: those four facets are then runs of numbers, kept in a
small table, and a query never downloads per-document facet data except pillars.
"""

from __future__ import annotations

import html
import json
import math
import re
from dataclasses import dataclass
from itertools import groupby

from . import markdown
from .i18n import LANGS
from .model import SiteModel
from .records import Pillar
from .routes import path_of, update_anchor
from .status import STATUSES
from .text import fold, nfc

KINDS = ("province", "pillar", "plan", "task", "update")
DOC_CHUNK = 4           # documents per metadata file: results are scattered, small files waste least
COLUMN_CHUNK = 4096     # documents per pillar-column file
INLINE_MAX = 256        # postings up to this many bytes stay in their term's shard; larger get a file
SHARD_BYTES = 4096      # aim for shards of about this size
EXCERPT_CHARS = 300     # text kept per document for excerpts

# Term kinds, as a prefix before the folded text: whole word and word prefix in any field,
# the same two for the title only (ranking), adjacent word pairs (ranking phrases), and
# the documents of each facet pillar (the pillar filter).
WORD, PREFIX, TITLE_WORD, TITLE_PREFIX, PAIR, PILLAR = "w ", "p ", "t ", "q ", "b ", "f "

_WORD_RE = re.compile(r"[^\W_]+")
_TAG_RE = re.compile(r"<[^>]+>")
_SPACE_RE = re.compile(r"\s+")
LIST, BITMAP = 0, 1          # the first byte of an encoded posting list


@dataclass(frozen=True)
class SearchDoc:
    kind: str                   # one of KINDS
    url: str                    # relative to the language's home page: "tasks/x/#update-y"
    title: str
    text: str                   # indexed and shown in excerpts
    hidden: str                 # indexed, never shown (agency names, Vietnamese names on /en/)
    province: str | None        # current province id
    pillars: tuple[str, ...]    # facet pillar ids (an index or one of its dimensions)
    status: str | None
    year: int | None
    note: str = ""              # key of a label the page adds after the kind ("former")


@dataclass(frozen=True)
class Facets:
    """Facet values in display order, with their labels in the page's language."""
    provinces: tuple[tuple[str, str], ...]
    pillars: tuple[tuple[str, str], ...]
    statuses: tuple[str, ...]


def index_files(model: SiteModel) -> dict[str, bytes]:
    files = {}
    for lang in LANGS:
        docs, facets = documents(model, lang)
        for name, data in build_index(docs, facets).items():
            files[f"search/{lang}/{name}"] = data
    return files


# ------------------------------------------------------------------ documents

def plain(markdown_text: str) -> str:
    """Markdown as one line of plain text."""
    rendered = _TAG_RE.sub(" ", str(markdown.render(markdown_text)))
    return _SPACE_RE.sub(" ", html.unescape(rendered)).strip()


def _join(*parts: str | None) -> str:
    return " ".join(p for p in parts if p)


def facet_pillar(model: SiteModel, pillar_id: str) -> str:
    """The pillar a filter shows: an index itself, or the dimension a sub-dimension is in."""
    node: Pillar = model.pillars[pillar_id]
    while node.parent is not None and model.pillars[node.parent].parent is not None:
        node = model.pillars[node.parent]
    return node.id


def documents(model: SiteModel, lang: str) -> tuple[list[SearchDoc], Facets]:
    m = model
    home = f"{lang}/"

    def url(target) -> str:
        return path_of(target, lang)[len(home):]

    def tx(value) -> str:
        return value.get(lang) or ""

    def pillars_of(ids) -> tuple[str, ...]:
        return tuple(sorted({facet_pillar(m, p) for p in ids}))

    # The English site also finds places by their Vietnamese names.
    def vi_name(record) -> str:
        return record.name.vi if lang != "vi" else ""

    docs = []
    for p in m.provinces.values():
        former = " ".join(_join(f.name.get(lang), vi_name(f)) for f in m.predecessors.get(p.id, []))
        docs.append(SearchDoc("province", url(p), tx(p.name), plain(tx(p.body)), _join(vi_name(p), former),
                              p.id, (), None, None))
    for f in m.former_provinces.values():
        docs.append(SearchDoc("province", url(f), tx(f.name), plain(tx(f.body)), vi_name(f),
                              f.successor, (), None, None, note="former"))
    for p in m.pillars.values():
        docs.append(SearchDoc("pillar", url(p), tx(p.name), _join(p.code, tx(p.short_name), plain(tx(p.body))), "",
                              None, (facet_pillar(m, p.id),), None, None))
    for plan in m.plans.values():
        text = _join(tx(plan.short_title), plan.number, tx(plan.issuer), " ".join(plan.objectives.get(lang)),
                     plain(tx(plan.body)))
        docs.append(SearchDoc("plan", url(plan), tx(plan.title), text, vi_name(m.current_unit(plan)),
                              m.current_unit(plan).id, pillars_of(plan.frameworks), None, plan.date_issued.year))
    for task in m.tasks.values():
        state = m.states[task.id]
        plan = m.plans[task.plan]
        province = m.current_unit(plan).id
        pillars = pillars_of(task.pillars)
        agencies = " ".join(tx(m.agencies[a].name) for a in task.lead + task.partners)
        year = task.deadline.date.year if task.deadline.kind == "date" else None
        docs.append(SearchDoc("task", url(task), tx(task.title), plain(tx(task.body)), agencies,
                              province, pillars, state.status, year))
        for update in state.updates:
            docs.append(SearchDoc("update", url(task) + "#" + update_anchor(update), tx(task.title),
                                  _join(plain(tx(update.body)), tx(update.source_text)), "",
                                  province, pillars, update.status, update.date.year))

    roots = m.children.get(None, [])
    pillar_order = [p for root in roots for p in [root, *m.children.get(root.id, [])]]
    facets = Facets(
        provinces=tuple((p.id, tx(p.name)) for p in m.provinces.values()),
        pillars=tuple((p.id, tx(p.name)) for p in pillar_order),
        statuses=tuple(s.key for s in STATUSES),
    )
    return docs, facets


# ------------------------------------------------------------------ encoding

def words(text: str) -> list[str]:
    """Folded words of a text: "Quản trị điện tử" -> ["quan", "tri", "dien", "tu"]."""
    return _WORD_RE.findall(fold(nfc(text)))


def doc_terms(doc: SearchDoc) -> set[str]:
    title = words(doc.title)
    fields = [title, words(doc.text), words(doc.hidden)]
    terms = set()
    for field in fields:
        terms.update(PAIR + a + " " + b for a, b in zip(field, field[1:]))
        for w in field:
            terms.add(WORD + w)
            terms.update(PREFIX + w[:i] for i in range(1, len(w) + 1))
    for w in title:
        terms.add(TITLE_WORD + w)
        terms.update(TITLE_PREFIX + w[:i] for i in range(1, len(w) + 1))
    return terms


def varint(n: int) -> bytes:
    out = bytearray()
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def encode_postings(ids: list[int], total: int) -> bytes:
    """Sorted document numbers as gaps (varints) or as a bitmap, whichever is smaller."""
    gaps = bytearray(varint(len(ids)))
    previous = -1
    for i in ids:
        gaps += varint(i - previous - 1)
        previous = i
    if len(gaps) <= (total + 7) // 8:
        return bytes([LIST]) + bytes(gaps)
    bits = bytearray((total + 7) // 8)
    for i in ids:
        bits[i >> 3] |= 1 << (i & 7)
    return bytes([BITMAP]) + bytes(bits)


def shard_of(term: str, shards: int) -> int:
    """The shard of a term: FNV-1a (32 bit) of its text without the kind, so that the
    whole-word, prefix and title terms of one word share a file. assets/search.js
    computes the same."""
    h = 0x811C9DC5
    for byte in term[len(WORD):].encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h % shards


def _dumps(value) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def build_index(docs: list[SearchDoc], facets: Facets) -> dict[str, bytes]:
    """{file name inside the language folder: bytes}."""
    province_index = {p: i for i, (p, _) in enumerate(facets.provinces)}
    status_index = {s: i for i, s in enumerate(facets.statuses)}
    pillar_index = {p: i for i, (p, _) in enumerate(facets.pillars)}
    years = [d.year for d in docs if d.year]
    year_min = min(years) if years else 0

    # Facet runs: consecutive documents with the same kind, province, year and status.
    def facet_key(doc: SearchDoc) -> tuple[int, int, int, int]:
        return (KINDS.index(doc.kind), province_index.get(doc.province, -1) + 1,
                doc.year - year_min + 1 if doc.year else 0, status_index.get(doc.status, -1) + 1)

    docs = sorted(docs, key=lambda d: (facet_key(d), d.note, d.url))
    total = len(docs)
    files: dict[str, bytes] = {}
    groups = [(key, sum(1 for _ in run)) for key, run in groupby(docs, key=facet_key)]
    table = bytearray(varint(len(groups)))
    for (kind, province, year, status), count in groups:
        table += varint(count) + varint(kind) + varint(province) + varint(year) + varint(status)
    files["groups.bin"] = bytes(table)

    # Pillars are many-valued: one small number per document, naming a set of pillars.
    pillar_sets: dict[tuple[int, ...], int] = {(): 0}
    column = []
    for doc in docs:
        key = tuple(sorted(pillar_index[p] for p in doc.pillars if p in pillar_index))
        column.append(pillar_sets.setdefault(key, len(pillar_sets)))
    width = 1 if len(pillar_sets) <= 256 else 2
    for start in range(0, total, COLUMN_CHUNK):
        chunk = column[start:start + COLUMN_CHUNK]
        files[f"cols/{start // COLUMN_CHUNK}.bin"] = b"".join(n.to_bytes(width, "little") for n in chunk)

    for start in range(0, total, DOC_CHUNK):
        chunk = [[d.title, d.url, d.text[:EXCERPT_CHARS], *([d.note] if d.note else [])]
                 for d in docs[start:start + DOC_CHUNK]]
        files[f"docs/{start // DOC_CHUNK}.json"] = _dumps(chunk)

    postings: dict[str, list[int]] = {}
    for number, doc in enumerate(docs):
        for term in doc_terms(doc) | {PILLAR + p for p in doc.pillars}:
            postings.setdefault(term, []).append(number)
    # A shard entry: the term, then 0 and the postings, or the number of the postings'
    # file and its size (the page skips large lists that only refine the ranking).
    entries: dict[str, bytes] = {}
    post_files = 0
    for term, ids in sorted(postings.items()):
        data = encode_postings(ids, total)
        name = term.encode("utf-8")
        if len(data) <= INLINE_MAX:
            entries[term] = varint(len(name)) + name + varint(0) + varint(len(data)) + data
        else:
            post_files += 1
            files[f"post/{post_files}.bin"] = data
            entries[term] = varint(len(name)) + name + varint(post_files) + varint(len(data))
    shards = max(1, math.ceil(sum(map(len, entries.values())) / SHARD_BYTES))
    by_shard: list[list[bytes]] = [[] for _ in range(shards)]
    for term, entry in entries.items():
        by_shard[shard_of(term, shards)].append(entry)
    for i, shard in enumerate(by_shard):
        files[f"terms/{i}.bin"] = varint(len(shard)) + b"".join(shard)

    files["meta.json"] = _dumps({
        "version": 1,
        "docs": total,
        "shards": shards,
        "docChunk": DOC_CHUNK,
        "columnChunk": COLUMN_CHUNK,
        "columnWidth": width,
        "kinds": list(KINDS),
        "provinces": [list(p) for p in facets.provinces],
        "pillars": [list(p) for p in facets.pillars],
        "pillarSets": [list(s) for s in sorted(pillar_sets, key=pillar_sets.get)],
        "statuses": list(facets.statuses),
        "yearMin": year_min,
    })
    return files
