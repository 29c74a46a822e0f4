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

import gc
import json
import math
import re
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from collections import defaultdict, deque
from itertools import chain, groupby, repeat
from operator import sub

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
    with _no_cycle_collection():
        docs, facets = documents(model, lang)
        return {f"{SEARCH_FOLDER}{lang}/{name}": data for name, data in build_index(docs, facets).items()}


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

class _FoldedTokens(dict):
    """Whitespace-separated token -> its folded words, each distinct token folded once: a
    10,000-task site has 5 million words per language but only some 100,000 distinct tokens.
    Folding and splitting token by token gives the same words as the whole text: no word
    spans whitespace, and neither NFC nor lower() joins characters across it."""

    def __missing__(self, token: str) -> tuple[str, ...]:
        self[token] = folded = tuple(_WORD_RE.findall(fold(token)))
        return folded


def words(text: str, tokens: _FoldedTokens | None = None) -> list[str]:
    """Folded words of a text: "Quản trị điện tử" -> ["quan", "tri", "dien", "tu"]."""
    return list(chain.from_iterable(map((tokens or _FoldedTokens()).__getitem__, text.split())))


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


def _append_to_each(index: defaultdict, keys, number: int) -> None:
    """index[key].append(number) for every key, looped in C (it runs some 10 million times)."""
    deque(map(list.append, map(index.__getitem__, keys), repeat(number)), maxlen=0)


def _with_prefixes(postings: dict, whole: str, prefix: str, by_word: dict[str, list[int]], total: int) -> None:
    """Add the whole-word and prefix terms of words, given each word's documents.

    A prefix's documents are the union of its words'. Where the union is surely too large
    for a list of gaps (more documents than the bitmap has bytes), it is made as bitmaps
    (ints) ORed together: short prefixes ("p t") join hundreds of words of thousands of
    documents each, which as sets of numbers cost more than all the rest of the index."""
    bitmap_size = (total + 7) // 8
    by_prefix: dict[str, list[str]] = {}
    for word, ids in by_word.items():
        postings[whole + word] = ids
        for i in range(1, len(word) + 1):
            by_prefix.setdefault(word[:i], []).append(word)
    as_bits: dict[str, int] = {}

    def bits(word: str) -> int:
        if word not in as_bits:
            as_bits[word] = _bits(by_word[word], total)
        return as_bits[word]

    for start, matching in by_prefix.items():
        lists = [by_word[w] for w in matching]
        if len(lists) == 1:
            postings[prefix + start] = lists[0]
            continue
        if sum(map(len, lists)) > bitmap_size:
            union = 0
            for word in matching:
                union |= bits(word)
            if union.bit_count() > bitmap_size:
                postings[prefix + start] = union
                continue
        postings[prefix + start] = sorted(set().union(*lists))


def term_postings(docs: list[SearchDoc]) -> dict[str, list[int]]:
    """Every term (the same as doc_terms gives, plus facet pillars) -> sorted document numbers.

    Documents are gathered per word, pair and pillar, and a prefix's documents are the union
    of its words': the same result as adding every prefix of every word of every document, at
    a fraction of the cost (a 10,000-task site has about 60 million such additions)."""
    tokens = _FoldedTokens()
    split = tokens.__getitem__
    by_word: defaultdict = defaultdict(list)
    by_title_word: defaultdict = defaultdict(list)
    by_pair: defaultdict = defaultdict(list)
    by_pillar: defaultdict = defaultdict(list)
    for number, doc in enumerate(docs):
        title = list(chain.from_iterable(map(split, doc.title.split())))
        text = list(chain.from_iterable(map(split, doc.text.split())))
        hidden = list(chain.from_iterable(map(split, doc.hidden.split())))
        pairs = set(zip(title, title[1:]))
        pairs.update(zip(text, text[1:]), zip(hidden, hidden[1:]))
        _append_to_each(by_pair, pairs, number)
        title_words = set(title)
        _append_to_each(by_title_word, title_words, number)
        _append_to_each(by_word, title_words.union(text, hidden), number)
        _append_to_each(by_pillar, doc.pillars, number)
    postings: dict[str, list[int]] = {PAIR + a + " " + b: ids for (a, b), ids in by_pair.items()}
    postings.update((PILLAR + p, ids) for p, ids in by_pillar.items())
    _with_prefixes(postings, WORD, PREFIX, by_word, len(docs))
    _with_prefixes(postings, TITLE_WORD, TITLE_PREFIX, by_title_word, len(docs))
    return postings


def varint(n: int) -> bytes:
    out = bytearray()
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


@lru_cache(maxsize=4)
def _varint_table(size: int) -> tuple[bytes, ...]:
    """varint(n) for every n below size, so that a list of numbers is encoded by one join."""
    return tuple(varint(n) for n in range(size))


def _varints(numbers: list[int], table: tuple[bytes, ...]) -> bytes:
    """Many varints at once; when every number is below 128 (the usual case) each is one byte."""
    if not numbers:
        return b""
    largest = max(numbers)
    if largest < 0x80:
        return bytes(numbers)
    if largest < len(table):
        return b"".join(map(table.__getitem__, numbers))
    return b"".join(map(varint, numbers))


def _bits(ids: list[int], total: int) -> int:
    """Documents as the bits of an int (bit i: document i). Made as "0"/"1" characters set
    in C and read as one base-2 number, far faster than setting bits one by one."""
    flags = bytearray(b"0") * total
    deque(map(flags.__setitem__, ids, repeat(0x31)), maxlen=0)
    flags.reverse()
    return int(flags, 2) if total else 0


def encode_postings(ids: list[int] | int, total: int, table: tuple[bytes, ...] = ()) -> bytes:
    """Sorted document numbers as gaps (varints) or as a bitmap, whichever is smaller.
    ids may also be an int of more set bits than the bitmap has bytes (see _with_prefixes)."""
    bitmap_size = (total + 7) // 8
    if isinstance(ids, int):
        return bytes([BITMAP]) + ids.to_bytes(bitmap_size, "little")
    if len(ids) <= bitmap_size:   # a list of gaps takes at least a byte per document
        # gap = this number - (previous + 1), the previous of the first being -1
        gaps = list(map(sub, ids, chain((0,), map((1).__add__, ids))))
        data = varint(len(ids)) + _varints(gaps, table)
        if len(data) <= bitmap_size:
            return bytes([LIST]) + data
    # Bit i of byte i // 8 is document i: the little-endian bytes of the int.
    return bytes([BITMAP]) + _bits(ids, total).to_bytes(bitmap_size, "little")


def fnv1a(text: str) -> int:
    """FNV-1a (32 bit) of the UTF-8 bytes of text; assets/search.js computes the same."""
    h = 0x811C9DC5
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def shard_of(term: str, shards: int) -> int:
    """The shard of a term: the hash of its text without the kind, so that the whole-word,
    prefix and title terms of one word share a file."""
    return fnv1a(term[len(WORD):]) % shards


def _dumps(value) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@contextmanager
def _no_cycle_collection():
    """The index is millions of lists, tuples and strings, none in a reference cycle: the
    cycle collector would only scan them again and again (it took a third of the time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build_index(docs: list[SearchDoc], facets: Facets) -> dict[str, bytes]:
    """{file name inside the language folder: bytes}."""
    with _no_cycle_collection():
        return _build_index(docs, facets)


def _build_index(docs: list[SearchDoc], facets: Facets) -> dict[str, bytes]:
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
    table = _varint_table(max(total, 1 << 14))
    entries: list[tuple[str, bytes]] = []
    post_files = 0
    for term, ids in sorted(postings.items()):
        data = encode_postings(ids, total, table)
        name = term.encode("utf-8")
        if len(data) <= INLINE_MAX:
            entries.append((term, b"".join((table[len(name)], name, b"\0", table[len(data)], data))))
        else:
            post_files += 1
            files[f"post/{post_files}.bin"] = data
            entries.append((term, b"".join((table[len(name)], name, varint(post_files), varint(len(data))))))
    shards = max(1, math.ceil(sum(len(entry) for _, entry in entries) / SHARD_BYTES))
    by_shard: list[list[bytes]] = [[] for _ in range(shards)]
    hashes: dict[str, int] = {}   # the terms of one word share their text, hence their hash
    for term, entry in entries:
        text = term[len(WORD):]
        h = hashes.get(text)
        if h is None:
            h = hashes[text] = fnv1a(text)
        by_shard[h % shards].append(entry)
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
