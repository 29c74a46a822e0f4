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
import hashlib
import html
import json
import math
import re
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from collections import Counter, defaultdict, deque
from itertools import chain, groupby, islice, repeat
from operator import iadd, sub

from .i18n import LANGS
from .model import SiteModel
from .records import FormerProvince, Pillar
from .routes import path_of, update_anchor
from .status import STATUSES
from .text import fold, nfc

# In this order documents are numbered, and ties in ranking go to the earlier kind.
KINDS = ("province", "commune", "pillar", "agency", "plan", "task", "update", "page")
DOC_CHUNK = 4           # documents per metadata file: results are scattered, small files waste least
COLUMN_CHUNK = 4096     # documents per pillar-column file
INLINE_MAX = 256        # postings up to this many bytes stay in their term's shard; larger get a file
SHARD_BYTES = 4096      # aim for shards of about this size
EXCERPT_CHARS = 640     # text kept per document for excerpts, cut at a word
PAIR_MAX = 4096         # larger pair lists are left out: a frequent pair costs bytes and ranks little
CHECK_EVERY = 2048      # documents between looks for frequent pairs (term_postings)
QUERY_BUDGET = 192 * 1024   # index bytes a query fetches, ranking-only lists included (assets/search.js); with
#                             the results' docs/ and cols/ files a query stays under 300 KB at 100,000 tasks

# Term kinds, as a prefix before the folded text: whole word and word prefix in any field,
# the same two for the title only (ranking), adjacent word pairs (ranking phrases), the
# documents of each facet pillar (the pillar filter), and a word of the title, a hidden
# phrase or an agency as written, diacritics kept (lower case, NFC; ranking: "Sở" over "số"),
# only where that differs from the folded word.
WORD, PREFIX, TITLE_WORD, TITLE_PREFIX, PAIR, PILLAR, EXACT = "w ", "p ", "t ", "q ", "b ", "f ", "e "

_WORD_RE = re.compile(r"[^\W_]+")
LIST, BITMAP = 0, 1          # the first byte of an encoded posting list


@dataclass(frozen=True)
class SearchDoc:
    kind: str                   # one of KINDS
    url: str                    # relative to the language's home page: "tasks/x/#update-y"
    title: str
    text: str                   # indexed; its start is kept for excerpts
    hidden: tuple[str, ...]     # indexed, never shown, one phrase each (place names, plan number,
                                # Vietnamese names on /en/)
    province: str | None        # current province id
    pillars: tuple[str, ...]    # facet pillars: an index, its dimension, and the index above it
    status: str | None
    year: int | None
    note: str = ""              # key of a label the page adds after the kind ("former")
    agencies: tuple[str, ...] = ()  # indexed, and shown in a result when a query word is in one


@dataclass(frozen=True)
class Facets:
    """Facet values in display order, with their labels in the page's language."""
    provinces: tuple[tuple[str, str], ...]
    pillars: tuple[tuple[str, str, int], ...]   # (id, label, depth): an index is 0, its dimensions 1
    statuses: tuple[str, ...]


SEARCH_FOLDER = "search/"


class IndexFiles(dict):
    """{output path: bytes} of one language's index, with the state an edit in place starts from."""

    def __init__(self, files: dict[str, bytes], lang: str, state: IndexState):
        super().__init__(files)
        self.lang, self.state = lang, state


def language_files(model: SiteModel, lang: str) -> IndexFiles:
    """The index of one language (the build makes the two in parallel)."""
    with _no_cycle_collection():
        docs, facets = documents(model, lang)
        files, state = _build_index(docs, facets)
        return IndexFiles({f"{SEARCH_FOLDER}{lang}/{name}": data for name, data in files.items()}, lang, state)


def index_files(model: SiteModel) -> dict[str, bytes]:
    return {path: data for lang in LANGS for path, data in language_files(model, lang).items()}


# ------------------------------------------------------------------ documents

# Markdown as plain text: the words a reader sees on the page, without rendering it
# (rendering every body a second time, for search, cost as much as rendering the pages).
# portal/markdown.py to_text left reference links, their definitions and autolinks as
# written; this also runs each rule only on bodies that have its characters.
# Heading markers, and quote and list markers, nested ones too ("> 2. ", "- - ").
_BLOCK_MARKER = re.compile(r"^\s{0,3}(?:#{1,6}\s+|(?:(?:>\s?|[-*+]\s+|\d{1,9}[.)]\s+)[ \t]{0,3})+)", re.M)
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$", re.M)
_THEMATIC_BREAK = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$", re.M)
_REFERENCE_DEFINITION = re.compile(
    r"^ {0,3}\[([^\]]+)\]:[ \t]*(?:<[^>\n]*>|\S+)(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$")
# Patterns start with a literal character or an alternation of them, which the regular
# expression engine then looks for directly instead of trying every position.
_INLINE_LINK = re.compile(r"(!\[|\[)([^\]]*)\]\([^)]*\)")
_REFERENCE_LINK = re.compile(r"(!\[|\[)([^\]]*)\](?:\[([^\]]*)\])?")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^\s<>]*)>", re.IGNORECASE)   # as portal/markdown.py keeps
_EMPHASIS = re.compile(r"(\*(?:\*\*?)?|~~|``*)(?=\S)(.+?)(?<=\S)\1")   # *, **, ***, ~~, `…
_UNDERSCORE_EMPHASIS = re.compile(r"(?<!\w)(_{1,3})(?=\S)(.+?)(?<=\S)\1(?!\w)")   # not in snake_case
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")   # a backslash before ASCII punctuation
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Escaped characters stand as private-use characters while the rules run, so that "\\*" is
# not read as emphasis nor "\\&amp;" as an entity.
_PROTECTED = 0xF700
_UNPROTECT = {_PROTECTED + c: chr(c) for c in range(0x21, 0x7F)}


def _label(text: str) -> str:
    """A link label as CommonMark matches it: case-insensitive, runs of spaces as one."""
    return " ".join(text.split()).casefold()


def _without_definitions(source: str) -> tuple[str, set[str]]:
    """Reference definitions ("[ref]: https://…") are not shown: drop them, keep their labels.
    A definition cannot interrupt a paragraph, so only one after a blank line, a heading or
    another definition counts."""
    labels, kept, can_define = set(), [], True
    for line in source.split("\n"):
        definition = _REFERENCE_DEFINITION.match(line) if can_define else None
        if definition:
            labels.add(_label(definition.group(1)))
            continue
        kept.append(line)
        can_define = not line.strip() or line.lstrip().startswith("#")
    return "\n".join(kept), labels


def _entity(match: re.Match) -> str:
    return html.unescape(match.group(0))


def plain(markdown_text: str) -> str:
    """Markdown as one line of the text the page shows: "## Mục tiêu\\n- **Một**" -> "Mục tiêu Một",
    "[Cổng][c]" with "[c]: https://…" -> "Cổng", "<https://a.vn>" -> "https://a.vn"."""
    s = markdown_text
    escaped = "\\" in s
    if escaped:
        s = _ESCAPE.sub(lambda m: chr(_PROTECTED + ord(m.group(1))), s.replace("\\\n", "\n"))
    labels: set[str] = set()
    if "]:" in s:
        s, labels = _without_definitions(s)
    s = _BLOCK_MARKER.sub("", s)
    if "-" in s:
        s = _TABLE_RULE.sub("", s)
    if "-" in s or "*" in s or "_" in s:
        s = _THEMATIC_BREAK.sub("", s)
    if "[" in s:
        # An image shows as its description in brackets (portal/markdown.py), a link as its text.
        s = _INLINE_LINK.sub(lambda m: f"[{m.group(2)}]" if m.group(1) == "![" else m.group(2), s)
        if labels:
            s = _REFERENCE_LINK.sub(lambda m: _reference(m, labels), s)
    if "<" in s:
        s = _AUTOLINK.sub(r"\1", s)
    if "*" in s or "~" in s or "`" in s:
        s = _EMPHASIS.sub(r"\2", s)
    if "_" in s:
        s = _UNDERSCORE_EMPHASIS.sub(r"\2", s)
    if "&" in s:
        s = _ENTITY.sub(_entity, s)
    if escaped:
        s = s.translate(_UNPROTECT)
    # Table cells and line breaks become single spaces.
    return " ".join(s.replace("|", " ").split())


def _reference(match: re.Match, labels: set[str]) -> str:
    """[text][label], [text][] or [text], if the label is defined: the text (an image: "[text]")."""
    opening, text, ref = match.groups()
    if _label(ref or text) not in labels:
        return match.group(0)
    return f"[{text}]" if opening == "![" else text


def _join(*parts: str | None) -> str:
    return " ".join(p for p in parts if p)


def facet_pillar(model: SiteModel, pillar_id: str) -> str:
    """The pillar a filter shows: an index itself, or the dimension a sub-dimension is in."""
    node: Pillar = model.pillars[pillar_id]
    while node.parent is not None and model.pillars[node.parent].parent is not None:
        node = model.pillars[node.parent]
    return node.id


def facet_pillars(model: SiteModel, pillar_ids) -> tuple[str, ...]:
    """The facet pillars of a record: each one's facet pillar and the index above it, so that
    filtering on an index finds what is tagged with any of its dimensions."""
    found = set()
    for pillar_id in pillar_ids:
        found.add(facet_pillar(model, pillar_id))
        found.add(model.root(model.pillars[pillar_id]).id)
    return tuple(sorted(found))


def spaceless(name: str) -> str:
    """A place name written as one word, as people type it: "Hà Nội" -> "HàNội" (finds "hanoi")."""
    parts = name.split()
    return "".join(parts) if len(parts) > 1 else ""


class DocMaker:
    """The search documents of a model's records in one language. documents() makes them all;
    an edit in the live preview (portal/searchedit.py) makes those of one plan or task."""

    def __init__(self, model: SiteModel, lang: str):
        self.m, self.lang = model, lang
        self.home = f"{lang}/"
        self.english = lang != "vi"
        self._plan_places: dict[str, tuple[str, ...]] = {}
        self._plan_hidden: dict[str, tuple[str, ...]] = {}

    def url(self, target) -> str:
        return path_of(target, self.lang)[len(self.home):]

    def tx(self, value) -> str:
        return value.get(self.lang) or ""

    def vi(self, value) -> str:
        """On /en/, the Vietnamese of a value too (people search for names as they are written)."""
        return value.vi if self.english and value.vi != value.get(self.lang) else ""

    @staticmethod
    def phrases(*parts: str | None) -> tuple[str, ...]:
        """Hidden phrases: each once, none empty."""
        return tuple(dict.fromkeys(p for p in parts if p))

    def names(self, *records) -> tuple[str, ...]:
        """Place names as hidden phrases: in the page's language, in Vietnamese, as one word."""
        out: list[str] = []
        for record in records:
            for name in dict.fromkeys([self.tx(record.name), *([record.name.vi] if self.english else [])]):
                out += [name, spaceless(name)]
        return self.phrases(*out)

    def plan_places(self, plan) -> tuple[str, ...]:
        """Where a plan is: its current unit and, for a plan of a former province, that province."""
        found = self._plan_places.get(plan.id)
        if found is None:
            place, unit = self.m.plan_place(plan), self.m.current_unit(plan)
            found = self._plan_places[plan.id] = self.names(unit, *([place] if place is not unit else []))
        return found

    def plan_hidden(self, plan) -> tuple[str, ...]:
        found = self._plan_hidden.get(plan.id)
        if found is None:
            found = self._plan_hidden[plan.id] = self.phrases(plan.number, self.tx(plan.short_title),
                                                              self.vi(plan.short_title))
        return found

    def plan_doc(self, plan) -> SearchDoc:
        m, tx = self.m, self.tx
        text = _join(tx(plan.short_title), plan.number, tx(plan.issuer), " ".join(plan.objectives.get(self.lang)),
                     plain(tx(plan.body)))
        return SearchDoc("plan", self.url(plan), tx(plan.title), text,
                         self.phrases(self.vi(plan.title), *self.plan_places(plan)),
                         m.current_unit(plan).id, facet_pillars(m, plan.frameworks), None, plan.date_issued.year)

    def task_docs(self, task) -> list[SearchDoc]:
        """A task's document, then one per progress update."""
        m, tx, vi = self.m, self.tx, self.vi
        state = m.states[task.id]
        plan = m.plans[task.plan]
        province = m.current_unit(plan).id
        pillars = facet_pillars(m, task.pillars)
        agencies = tuple(dict.fromkeys(m.agencies[a].name for a in task.lead + task.partners))
        places, plan_hidden = self.plan_places(plan), self.plan_hidden(plan)
        hidden = self.phrases(vi(task.title), *places, *plan_hidden, *map(vi, agencies))
        update_hidden = self.phrases(vi(task.title), *places, *plan_hidden)
        year = task.deadline.date.year if task.deadline.kind == "date" else None
        url = self.url(task)
        docs = [SearchDoc("task", url, tx(task.title), plain(tx(task.body)), hidden,
                          province, pillars, state.status, year, agencies=tuple(tx(a) for a in agencies))]
        for update in state.updates:
            docs.append(SearchDoc("update", url + "#" + update_anchor(update), tx(task.title),
                                  _join(plain(tx(update.body)), tx(update.source_text)),
                                  update_hidden, province, pillars, update.status, update.date.year))
        return docs


def documents(model: SiteModel, lang: str) -> tuple[list[SearchDoc], Facets]:
    m = model
    make = DocMaker(model, lang)
    url, tx, vi, phrases, names = make.url, make.tx, make.vi, make.phrases, make.names
    docs = []
    for p in m.provinces.values():
        docs.append(SearchDoc("province", url(p), tx(p.name), plain(tx(p.body)),
                              names(p, *m.predecessors.get(p.id, [])), p.id, (), None, None))
    for f in m.former_provinces.values():
        docs.append(SearchDoc("province", url(f), tx(f.name), plain(tx(f.body)), names(f),
                              f.successor, (), None, None, note="former"))
    for c in m.communes.values():
        place = m.commune_place(c)
        unit = m.provinces[place.successor] if isinstance(place, FormerProvince) else place
        docs.append(SearchDoc("commune", url(c), tx(c.name), _join(tx(c.district), plain(tx(c.body))),
                              phrases(*names(c, unit), vi(c.district)), unit.id, (), None, None,
                              note="former" if c.until else ""))
    for p in m.pillars.values():
        docs.append(SearchDoc("pillar", url(p), tx(p.name), _join(p.code, tx(p.short_name), plain(tx(p.body))),
                              phrases(vi(p.name), vi(p.short_name)), None, facet_pillars(m, [p.id]), None, None))
    for a in m.agencies.values():
        docs.append(SearchDoc("agency", url(a), tx(a.name), _join(tx(a.ended_note), plain(tx(a.body))),
                              phrases(vi(a.name)), None, (), None, None, note="ended" if a.ended or a.successor else ""))
    docs.extend(map(make.plan_doc, m.plans.values()))
    for task in m.tasks.values():
        docs.extend(make.task_docs(task))
    for page in m.content.of("page").values():
        docs.append(SearchDoc("page", url(page), tx(page.title), plain(tx(page.body)), phrases(vi(page.title)),
                              None, (), None, None))

    roots = m.children.get(None, [])
    pillar_order = [(p, depth) for root in roots
                    for p, depth in [(root, 0), *((d, 1) for d in m.children.get(root.id, []))]]
    facets = Facets(
        provinces=tuple((p.id, tx(p.name)) for p in m.provinces.values()),
        pillars=tuple((p.id, tx(p.name), depth) for p, depth in pillar_order),
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


class _ExactWords(dict):
    """Token -> its words as written (lower case, NFC) where that differs from the folded word."""

    def __init__(self, folded: _FoldedTokens):
        super().__init__()
        self.folded = folded

    def __missing__(self, token: str) -> tuple[str, ...]:
        exact: tuple[str, ...] = ()
        if not token.isascii():
            written = _WORD_RE.findall(nfc(token).lower())
            # A combining mark NFC cannot join splits a word as written, never folded: such a
            # token has no exact words rather than misaligned ones.
            if [fold(w) for w in written] == list(self.folded[token]):
                exact = tuple(w for w in written if w != fold(w))
        self[token] = exact
        return exact


def words(text: str, tokens: _FoldedTokens | None = None) -> list[str]:
    """Folded words of a text: "Quản trị điện tử" -> ["quan", "tri", "dien", "tu"]."""
    return list(chain.from_iterable(map((tokens or _FoldedTokens()).__getitem__, text.split())))


def exact_words(text: str) -> set[str]:
    """The words of a text as written, where they differ from the folded ones: "Sở Nội vụ" ->
    {"sở", "nội", "vụ"}."""
    return set(chain.from_iterable(map(_ExactWords(_FoldedTokens()).__getitem__, text.split())))


def _fields(doc: SearchDoc) -> tuple[str, ...]:
    """The title, the text, then each hidden phrase and agency: pairs do not cross them."""
    return (doc.title, doc.text, *doc.hidden, *doc.agencies)


def doc_terms(doc: SearchDoc) -> set[str]:
    """The terms of one document, by definition (term_postings makes the same, faster, but
    leaves out pairs of more than PAIR_MAX bytes)."""
    fields = [words(f) for f in _fields(doc)]
    terms = set()
    for field in fields:
        terms.update(PAIR + a + " " + b for a, b in zip(field, field[1:]))
        for w in field:
            terms.update([WORD + w, *(PREFIX + w[:i] for i in range(1, len(w) + 1))])
    for w in fields[0]:
        terms.update([TITLE_WORD + w, *(TITLE_PREFIX + w[:i] for i in range(1, len(w) + 1))])
    terms.update(EXACT + w for i, f in enumerate(_fields(doc)) if i != 1 for w in exact_words(f))
    terms.update(PILLAR + p for p in doc.pillars)
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
            ids = by_word[word]
            as_bits[word] = _bits(ids, total)
            if len(ids) > bitmap_size:   # encoded as a bitmap too: made once
                postings[whole + word] = as_bits[word]
        return as_bits[word]

    for start, matching in by_prefix.items():
        lists = [by_word[w] for w in matching]
        if len(lists) == 1:
            postings[prefix + start] = lists[0]
            continue
        if sum(map(len, lists)) > bitmap_size:
            # Words of few documents are joined as numbers first: one bitmap for them all.
            few = [ids for ids in lists if len(ids) * 64 < total]
            union = _bits(set().union(*few), total) if few else 0
            for word in matching:
                if len(by_word[word]) * 64 >= total:
                    union |= bits(word)
            if union.bit_count() > bitmap_size:
                postings[prefix + start] = union
                continue
        postings[prefix + start] = sorted(set().union(*lists))


def term_postings(docs: list[SearchDoc], left_out: dict | None = None) -> dict[str, list[int] | int]:
    """Every term of doc_terms -> its sorted document numbers (or, for large lists, an int
    whose bit i is document i).

    Documents are gathered per word, pair, written word and pillar, and a prefix's documents
    are the union of its words': the same result as adding every prefix of every word of
    every document, at a fraction of the cost (a 10,000-task site has about 60 million such
    additions). Pairs in more than PAIR_MAX documents, whose list is surely over PAIR_MAX
    bytes, stop being gathered once found (checked every CHECK_EVERY documents); their terms
    are added to left_out, if given."""
    total = len(docs)
    tokens = _FoldedTokens()
    split = tokens.__getitem__
    exact_of = _ExactWords(tokens).__getitem__
    by_word: defaultdict = defaultdict(list)
    by_title_word: defaultdict = defaultdict(list)
    by_pair: defaultdict = defaultdict(list)
    by_pillar: defaultdict = defaultdict(list)
    by_exact: defaultdict = defaultdict(list)
    may_skip_pairs = (total + 7) // 8 + 1 > PAIR_MAX   # else even a bitmap is small enough
    frequent_pairs: set[tuple[str, str]] = set()
    # Documents of frequent pairs after they were found, counted (in C), not listed: an edit in
    # place (portal/searchedit.py) knows a left-out pair stays too large to list.
    frequent_after: Counter = Counter()
    # The title, hidden phrases and agencies of an update are its task's. Documents that share
    # them form a group: its words, pairs and words as written are made once, and each of
    # its terms gets the group's documents in one extend (a sort puts them in order) instead
    # of one append per document.
    group_of: dict[tuple, int] = {}
    group_docs: list[list[int]] = []
    group_terms: list[tuple[set, set, set, set]] = []   # title words, words, pairs, words as written
    phrases: dict[str, tuple[set, set, set]] = {}       # names repeat over many groups: words, pairs, as written

    def phrase(text: str) -> tuple[set, set, set]:
        if text not in phrases:
            raw = text.split()
            folded = list(chain.from_iterable(map(split, raw)))
            phrases[text] = (set(folded), set(zip(folded, folded[1:])), set(chain.from_iterable(map(exact_of, raw))))
        return phrases[text]

    for number, doc in enumerate(docs):
        key = (doc.title, doc.hidden, doc.agencies)
        group = group_of.get(key)
        if group is None:
            group = group_of[key] = len(group_docs)
            fields = [phrase(f) for f in (doc.title, *doc.hidden, *doc.agencies)]
            group_docs.append([])
            group_terms.append((fields[0][0], set().union(*(f[0] for f in fields)),
                                set().union(*(f[1] for f in fields)), set().union(*(f[2] for f in fields))))
        group_docs[group].append(number)
        _, named_words, named_pairs, _ = group_terms[group]
        text = list(chain.from_iterable(map(split, doc.text.split())))
        pairs = set(zip(text, islice(text, 1, None)))
        pairs -= named_pairs
        if frequent_pairs:
            frequent = pairs & frequent_pairs
            if frequent:
                pairs -= frequent
                frequent_after.update(frequent)
        _append_to_each(by_pair, pairs, number)
        text_words = set(text)
        text_words -= named_words
        _append_to_each(by_word, text_words, number)
        _append_to_each(by_pillar, doc.pillars, number)
        if may_skip_pairs and number >= PAIR_MAX and (number + 1) % CHECK_EVERY == 0:
            frequent_pairs.update(p for p, ids in by_pair.items() if len(ids) > PAIR_MAX)
    for (title_words, named_words, named_pairs, exact), numbers in zip(group_terms, group_docs):
        for index, terms in ((by_title_word, title_words), (by_word, named_words), (by_pair, named_pairs),
                             (by_exact, exact)):
            deque(map(iadd, map(index.__getitem__, terms), repeat(numbers)), maxlen=0)   # += each, in C
    for index in (by_title_word, by_word, by_pair, by_exact):
        for ids in index.values():
            ids.sort()
    postings: dict = {PAIR + a + " " + b: ids for (a, b), ids in by_pair.items() if (a, b) not in frequent_pairs}
    if left_out is not None:
        # Found in more than PAIR_MAX documents: their documents, counted.
        left_out.update((PAIR + a + " " + b, len(by_pair[(a, b)]) + frequent_after[(a, b)]) for a, b in frequent_pairs)
    postings.update((PILLAR + p, ids) for p, ids in by_pillar.items())
    postings.update((EXACT + w, ids) for w, ids in by_exact.items())
    _with_prefixes(postings, WORD, PREFIX, by_word, total)
    _with_prefixes(postings, TITLE_WORD, TITLE_PREFIX, by_title_word, total)
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


# Gaps are stored as varints of (step - 1), the step from the previous number (or from -1):
# for steps up to 128 that is one byte each, made by one translate of the steps' bytes.
_STEP_TO_GAP = bytes((b - 1) & 0xFF for b in range(256))


def _gaps(ids: list[int], steps_table: tuple[bytes, ...]) -> bytes:
    """The gaps of sorted numbers as varints; steps_table[step] is varint(step - 1)."""
    if not ids:
        return b""
    steps = list(map(sub, ids, chain((-1,), ids)))
    largest = max(steps)
    if largest <= 0x80:
        return bytes(steps).translate(_STEP_TO_GAP)
    if largest < len(steps_table):
        return b"".join(map(steps_table.__getitem__, steps))
    return b"".join(varint(step - 1) for step in steps)


@lru_cache(maxsize=4)
def _steps_table(size: int) -> tuple[bytes, ...]:
    """varint(step - 1) for every step from 1 to size (index 0 unused)."""
    return (b"", *_varint_table(size))


def _bits(ids, total: int) -> int:
    """Documents as the bits of an int (bit i: document i). Made as "0"/"1" characters set
    in C and read as one base-2 number, far faster than setting bits one by one."""
    flags = bytearray(b"0") * total
    deque(map(flags.__setitem__, ids, repeat(0x31)), maxlen=0)
    flags.reverse()
    return int(flags, 2) if total else 0


def encode_postings(ids: list[int] | int, total: int, steps_table: tuple[bytes, ...] = ()) -> bytes:
    """Sorted document numbers as gaps (varints) or as a bitmap, whichever is smaller.
    ids may also be an int of more set bits than the bitmap has bytes (see _with_prefixes)."""
    bitmap_size = (total + 7) // 8
    if isinstance(ids, int):
        return bytes([BITMAP]) + ids.to_bytes(bitmap_size, "little")
    if len(ids) <= bitmap_size:   # a list of gaps takes at least a byte per document
        data = varint(len(ids)) + _gaps(ids, steps_table)
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
    """The shard of a term: the hash of its text without the kind (shard_text), so that the
    whole-word, prefix, title and as-written terms of one word share a file."""
    return fnv1a(shard_text(term)) % shards


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
    return build_index_with_state(docs, facets)[0]


def build_index_with_state(docs: list[SearchDoc], facets: Facets) -> tuple[dict[str, bytes], IndexState]:
    """The index's files, and what portal/searchedit.py needs to edit them in place."""
    with _no_cycle_collection():
        return _build_index(docs, facets)


@dataclass(frozen=True)
class IndexState:
    """What portal/searchedit.py needs to edit a written index in place (one language)."""
    numbers: dict[str, int]          # document url -> its number
    total: int
    shards: int
    entry_bytes: int                 # bytes of every shard entry: they decide the shard count
    shard_sizes: tuple[int, ...]
    post_sizes: dict[int, int]       # post file number -> its size
    post_refs: dict[int, int]        # post file number -> terms that point to it
    dropped: dict[str, int]          # pair terms left out for their size -> their documents, at least
    meta: dict                       # meta.json as an object
    collided: bool                   # two lists' post numbers collided (then never edited in place)


def shard_count(entry_bytes: int) -> int:
    """A power of two of shards of at most SHARD_BYTES on average: the count changes (and
    every term moves) only when the index doubles, so an edit rewrites its own shards only."""
    return 1 << max(0, math.ceil(entry_bytes / SHARD_BYTES) - 1).bit_length()


POST_NUMBER_BITS = 48   # a JavaScript number holds it exactly; a collision is most unlikely


def post_number(data: bytes) -> int:
    """The number of the post/N.bin file of a list: a hash of its bytes, so that it depends on
    nothing else and an edit elsewhere renumbers nothing. Never 0 (0 marks inline postings)."""
    return int.from_bytes(hashlib.blake2b(data, digest_size=POST_NUMBER_BITS // 8).digest(), "little") or 1


def shard_entry(term: str, data: bytes, table: tuple[bytes, ...] = (), number: int = 0) -> tuple[bytes, int]:
    """A shard entry of a term and its encoded postings, and its post file number (0: inline;
    given, where two lists' hashes collided)."""
    name = term.encode("utf-8")
    head = table[len(name)] if len(name) < len(table) else varint(len(name))
    if len(data) <= INLINE_MAX:
        return b"".join((head, name, b"\0", varint(len(data)), data)), 0
    number = number or post_number(data)
    return b"".join((head, name, varint(number), varint(len(data)))), number


def shard_text(term: str) -> str:
    """The text whose hash places a term in its shard: the whole-word, prefix, title and
    as-written terms of one word share a shard."""
    text = term[len(WORD):]
    return fold(text) if term.startswith(EXACT) else text


def excerpt_text(text: str) -> str:
    """The start of a text kept for excerpts: EXCERPT_CHARS at most, cut at a word, "…" if cut."""
    if len(text) <= EXCERPT_CHARS:
        return text
    cut = text.rfind(" ", 0, EXCERPT_CHARS)
    return text[:cut if cut > 0 else EXCERPT_CHARS].rstrip() + "…"


def _record(doc: SearchDoc) -> list:
    """A result as the page shows it: title, address, text, then note and agencies if any."""
    record = [doc.title, doc.url, excerpt_text(doc.text), doc.note, list(doc.agencies)]
    while not record[-1]:
        record.pop()
    return record


def _build_index(docs: list[SearchDoc], facets: Facets) -> tuple[dict[str, bytes], IndexState]:
    province_index = {p: i for i, (p, _) in enumerate(facets.provinces)}
    status_index = {s: i for i, s in enumerate(facets.statuses)}
    pillar_index = {p[0]: i for i, p in enumerate(facets.pillars)}
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
        files[f"docs/{start // DOC_CHUNK}.json"] = _dumps([_record(d) for d in docs[start:start + DOC_CHUNK]])

    dropped: dict[str, int] = {}   # pair terms left out for their size -> documents, at least
    postings = term_postings(docs, dropped)
    # A shard entry: the term, then 0 and the postings, or the number of the postings'
    # file and its size (the page skips large lists that only refine the ranking).
    table = _varint_table(max(total, 1 << 14))
    steps = _steps_table(max(total, 1 << 14))
    entries: list[tuple[str, bytes]] = []
    post_sizes: dict[int, int] = {}
    post_refs: dict[int, int] = {}
    collided = False
    # A prefix found in one word only has that word's list, the same object: encoded once.
    encoded: dict[int, bytes] = {}
    for term, ids in sorted(postings.items()):
        data = encoded.get(id(ids))
        if data is None:
            data = encoded[id(ids)] = encode_postings(ids, total, steps)
        if len(data) > PAIR_MAX and term.startswith(PAIR):
            dropped[term] = ids.bit_count() if isinstance(ids, int) else len(ids)
            continue
        entry, number = shard_entry(term, data, table)
        if number:
            # Terms with the same documents ("w thap", "p tha") share a file.
            name = f"post/{number}.bin"
            if name not in files:
                files[name] = data
                post_sizes[number] = len(data)
            elif files[name] != data:
                # Two lists, one hash: the next free number (never seen in practice; such an
                # index is then never edited in place).
                collided = True
                while f"post/{number}.bin" in files and files[f"post/{number}.bin"] != data:
                    number = (number + 1) % (1 << POST_NUMBER_BITS) or 1
                entry, number = shard_entry(term, data, table, number)
                files.setdefault(f"post/{number}.bin", data)
                post_sizes[number] = len(data)
            post_refs[number] = post_refs.get(number, 0) + 1
        entries.append((term, entry))
    entry_bytes = sum(len(entry) for _, entry in entries)
    shards = shard_count(entry_bytes)
    by_shard: list[list[bytes]] = [[] for _ in range(shards)]
    hashes: dict[str, int] = {}   # the terms of one word share their text, hence their hash
    for term, entry in entries:
        text = shard_text(term)
        h = hashes.get(text)
        if h is None:
            h = hashes[text] = fnv1a(text)
        by_shard[h % shards].append(entry)
    for i, shard in enumerate(by_shard):
        files[f"terms/{i}.bin"] = varint(len(shard)) + b"".join(shard)
    largest_list = max(post_sizes.values(), default=0)

    meta = {
        "version": 2,
        "docs": total,
        "shards": shards,
        "docChunk": DOC_CHUNK,
        "columnChunk": COLUMN_CHUNK,
        "columnWidth": width,
        "pairMax": PAIR_MAX,
        "queryBudget": QUERY_BUDGET,
        "kinds": list(KINDS),
        "provinces": [list(p) for p in facets.provinces],
        "pillars": [list(p) for p in facets.pillars],
        "pillarSets": [list(s) for s in sorted(pillar_sets, key=pillar_sets.get)],
        "statuses": list(facets.statuses),
        "yearMin": year_min,
        # The largest files a query may fetch, for its download budget (docs/search.md).
        "largest": {"shard": max(len(files[f"terms/{i}.bin"]) for i in range(shards)), "list": largest_list},
    }
    files["meta.json"] = _dumps(meta)
    state = IndexState({d.url: n for n, d in enumerate(docs)}, total, shards, entry_bytes,
                       tuple(len(files[f"terms/{i}.bin"]) for i in range(shards)), post_sizes, post_refs,
                       dropped, meta, collided)
    return files, state
