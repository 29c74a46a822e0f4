"""Client-side search index (issue: "Search that understands Vietnamese").

`index_files(model)` (or `language_files(model, lang)`) returns {output path: bytes} for the files the search page loads
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

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
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


SEARCH_FOLDER = "search/"


def language_files(model: SiteModel, lang: str) -> dict[str, bytes]:
    """The index of one language (the build makes the two in parallel)."""
    return {f"{SEARCH_FOLDER}{lang}/{name}": data for name, data in build_index(*documents(model, lang)).items()}


def index_files(model: SiteModel) -> dict[str, bytes]:
    return {path: data for lang in LANGS for path, data in language_files(model, lang).items()}


# ------------------------------------------------------------------ documents

def plain(markdown_text: str) -> str:
    """Markdown as one line of plain text."""
    return markdown.to_text(markdown_text)


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


@lru_cache(maxsize=1 << 18)
def _word_terms(word: str, whole: str, prefix: str) -> frozenset[str]:
    """A word's whole-word term and every prefix term; words repeat a lot, so each is made once."""
    return frozenset([whole + word, *(prefix + word[:i] for i in range(1, len(word) + 1))])


def doc_terms(doc: SearchDoc) -> set[str]:
    title = words(doc.title)
    fields = [title, words(doc.text), words(doc.hidden)]
    terms = set()
    for field in fields:
        terms.update(PAIR + a + " " + b for a, b in zip(field, field[1:]))
        for w in set(field):
            terms |= _word_terms(w, WORD, PREFIX)
    for w in set(title):
        terms |= _word_terms(w, TITLE_WORD, TITLE_PREFIX)
    return terms


def _with_prefixes(postings: dict[str, list[int]], whole: str, prefix: str, by_word: dict[str, list[int]]) -> None:
    """Add the whole-word and prefix terms of words, given each word's documents."""
    by_prefix: dict[str, list[str]] = {}
    for word, ids in by_word.items():
        postings[whole + word] = ids
        for i in range(1, len(word) + 1):
            by_prefix.setdefault(word[:i], []).append(word)
    for start, matching in by_prefix.items():
        if len(matching) == 1:
            postings[prefix + start] = by_word[matching[0]]
        else:
            postings[prefix + start] = sorted(set().union(*(by_word[w] for w in matching)))


def term_postings(docs: list[SearchDoc]) -> dict[str, list[int]]:
    """Every term (the same as doc_terms gives, plus facet pillars) -> sorted document numbers.

    Documents are gathered per word, and a prefix's documents are the union of its words':
    the same result as adding every prefix of every word of every document, at a fraction of
    the cost (a 10,000-task site has about 60 million such additions)."""
    by_word: dict[str, list[int]] = {}
    by_title_word: dict[str, list[int]] = {}
    postings: dict[str, list[int]] = {}
    for number, doc in enumerate(docs):
        title = words(doc.title)
        fields = (title, words(doc.text), words(doc.hidden))
        pairs = {PAIR + a + " " + b for field in fields for a, b in zip(field, field[1:])}
        pairs.update(PILLAR + p for p in doc.pillars)
        for term in pairs:
            postings.setdefault(term, []).append(number)
        for w in set(title).union(fields[1], fields[2]):
            by_word.setdefault(w, []).append(number)
        for w in set(title):
            by_title_word.setdefault(w, []).append(number)
    _with_prefixes(postings, WORD, PREFIX, by_word)
    _with_prefixes(postings, TITLE_WORD, TITLE_PREFIX, by_title_word)
    return postings


def varint(n: int) -> bytes:
    out = bytearray()
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def _varints(numbers: list[int]) -> bytes:
    """Many varints at once; when every number is below 128 (the usual case) each is one byte."""
    if not numbers or max(numbers) < 0x80:
        return bytes(numbers)
    out = bytearray()
    append = out.append
    for n in numbers:
        if n < 0x80:
            append(n)
        else:
            out += varint(n)
    return bytes(out)


def encode_postings(ids: list[int], total: int) -> bytes:
    """Sorted document numbers as gaps (varints) or as a bitmap, whichever is smaller."""
    bitmap_size = (total + 7) // 8
    if len(ids) <= bitmap_size:   # a list of gaps takes at least a byte per document
        gaps = varint(len(ids)) + _varints([b - a - 1 for a, b in zip([-1, *ids], ids)])
        if len(gaps) <= bitmap_size:
            return bytes([LIST]) + gaps
    bits = bytearray(bitmap_size)
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

    postings = term_postings(docs)
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
