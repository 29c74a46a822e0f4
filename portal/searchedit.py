"""Edit a written search index in place after the text of a few documents changed.

The live preview uses it when only bodies changed (portal/incremental.py): rebuilding the
index of 100,000 tasks takes minutes, while an edited body touches a few hundred terms. The
result is byte for byte the index `search.build_index` makes of the edited site (tests prove
it); where it could not be, `edit_index` returns None and the caller rebuilds the index.

Only a document's title, text, hidden phrases and agencies may change (its address and
facets decide its number and the facet runs). Each term whose documents changed gets its list decoded, edited and encoded
again by the rules of search.py: its shard is written again, and its post/ file, named by
a hash of its bytes, is replaced (and the old one removed once no term points to it).
"""

from __future__ import annotations

import json
from dataclasses import replace
from itertools import accumulate
from typing import Callable

from .search import (BITMAP, DOC_CHUNK, LIST, PAIR, PAIR_MAX, IndexState, SearchDoc, _dumps, _record,
                     _steps_table, doc_terms, encode_postings, shard_count, shard_entry, shard_of, varint)

_PLUS_ONE = bytes((b + 1) & 0xFF for b in range(256))


STEPS_TABLE_SIZE = 1 << 14


def warm() -> None:
    """Make the varint table edits use (25 ms), between saves rather than during an edit."""
    _steps_table(STEPS_TABLE_SIZE)


def _read_varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7


def parse_shard(data: bytes) -> dict[str, tuple[bytes, int, bytes | None]]:
    """A terms/N.bin file: term -> (its entry's bytes, post file number or 0, inline postings)."""
    count, pos = _read_varint(data, 0)
    entries = {}
    for _ in range(count):
        start = pos
        length, pos = _read_varint(data, pos)
        term = data[pos:pos + length].decode("utf-8")
        pos += length
        if data[pos] == 0:
            size, pos = _read_varint(data, pos + 1)
            inline = data[pos:pos + size]
            pos += size
            entries[term] = (data[start:pos], 0, inline)
        else:
            number, pos = _read_varint(data, pos)
            _, pos = _read_varint(data, pos)
            entries[term] = (data[start:pos], number, None)
    return entries


def decode_postings(data: bytes, total: int) -> set[int]:
    """The document numbers of an encoded list (search.encode_postings)."""
    if data[0] == BITMAP:
        bits = int.from_bytes(data[1:], "little")
        text = bin(bits)[:1:-1]          # bit i is character i
        found, at = set(), text.find("1")
        while at >= 0:
            found.add(at)
            at = text.find("1", at + 1)
        return found
    assert data[0] == LIST
    count, pos = _read_varint(data, 1)
    body = data[pos:]
    if len(body) == count:               # every step one byte: summed in C
        return set(accumulate(body.translate(_PLUS_ONE), initial=-1)) - {-1}
    ids, last = set(), -1
    for _ in range(count):
        gap, pos = _read_varint(data, pos)
        last += gap + 1
        ids.add(last)
    return ids


def _edited(data: bytes, change: dict[int, bool], total: int, steps) -> tuple[bytes, int]:
    """An encoded list (b"" for none) with documents added or removed: its new encoding and
    how many documents it holds. A bitmap has its bits flipped, and stays one while it has
    more documents than bytes: decoding a list of most documents would cost far more."""
    bitmap_size = (total + 7) // 8
    if data and data[0] == BITMAP:
        bits = int.from_bytes(data[1:], "little")
        for n, now in change.items():
            bits = bits | (1 << n) if now else bits & ~(1 << n)
        count = bits.bit_count()
        if count > bitmap_size:
            return bytes([BITMAP]) + bits.to_bytes(bitmap_size, "little"), count
    ids = decode_postings(data, total) if data else set()
    ids |= {n for n, now in change.items() if now}
    ids -= {n for n, now in change.items() if not now}
    return (encode_postings(sorted(ids), total, steps) if ids else b""), len(ids)


def _size_at_least(count: int, total: int) -> int:
    """The fewest bytes a list of `count` documents can be encoded in."""
    return min(2 + count, 1 + (total + 7) // 8)


def edit_index(state: IndexState, read: Callable[[str], bytes],
               edits: list[tuple[SearchDoc, SearchDoc]]) -> tuple[IndexState, dict[str, bytes | None]] | None:
    """The files of one language's index (names inside its folder) that change when each
    (old, new) document's text changes: new bytes, or None for a file to remove; and the
    index's new state. None if the index must be built again instead."""
    if state.collided:
        return None
    changes: dict[str, dict[int, bool]] = {}       # term -> {document number: now in it}
    records: dict[int, SearchDoc] = {}
    for old, new in edits:
        number = state.numbers.get(old.url)
        if number is None or replace(old, title=new.title, text=new.text, hidden=new.hidden, agencies=new.agencies) != new:
            return None
        records[number] = new
        before, after = doc_terms(old), doc_terms(new)
        for term in before - after:
            changes.setdefault(term, {})[number] = False
        for term in after - before:
            changes.setdefault(term, {})[number] = True

    total = state.total
    steps = _steps_table(STEPS_TABLE_SIZE)
    by_shard: dict[int, list[str]] = {}
    for term in changes:
        by_shard.setdefault(shard_of(term, state.shards), []).append(term)
    post_sizes, post_refs = dict(state.post_sizes), dict(state.post_refs)
    dropped = dict(state.dropped)
    shard_sizes = list(state.shard_sizes)
    entry_bytes = state.entry_bytes
    out: dict[str, bytes | None] = {}
    posts: dict[int, bytes] = {}                    # post files read or written here

    def post(number: int) -> bytes:
        if number not in posts:
            posts[number] = read(f"post/{number}.bin")
        return posts[number]

    def unref(number: int) -> None:
        post_refs[number] -= 1
        if not post_refs[number]:
            del post_refs[number], post_sizes[number]
            out[f"post/{number}.bin"] = None

    for shard in sorted(by_shard):
        entries = parse_shard(read(f"terms/{shard}.bin"))
        for term in by_shard[shard]:
            change = changes[term]
            if term in dropped:
                # Left out for its size: it stays out while it surely stays too large.
                count = dropped[term] + sum(1 if now else -1 for now in change.values())
                if _size_at_least(count, total) <= PAIR_MAX:
                    return None
                dropped[term] = count
                continue
            entry = entries.pop(term, None)
            old = b""
            if entry is not None:
                entry_bytes -= len(entry[0])
                old = entry[2] if entry[1] == 0 else post(entry[1])
                if entry[1]:
                    unref(entry[1])
            data, count = _edited(old, change, total, steps)
            if not count:
                continue
            if term.startswith(PAIR) and len(data) > PAIR_MAX:
                dropped[term] = count
                continue
            made, number = shard_entry(term, data)
            if number:
                if number in post_refs:
                    if post(number) != data:
                        return None          # two lists, one number: the full build handles that
                else:
                    posts[number] = data
                    post_sizes[number] = len(data)
                    out[f"post/{number}.bin"] = data
                post_refs[number] = post_refs.get(number, 0) + 1
            entries[term] = (made, number, None)
            entry_bytes += len(made)
        kept = [entries[term][0] for term in sorted(entries)]
        data = b"".join([varint(len(kept)), *kept])
        shard_sizes[shard] = len(data)
        out[f"terms/{shard}.bin"] = data
    if shard_count(entry_bytes) != state.shards:
        return None                              # every term moves: build it again

    for chunk in sorted({n // DOC_CHUNK for n in records}):
        name = f"docs/{chunk}.json"
        shown = json.loads(read(name))
        for n, doc in records.items():
            if n // DOC_CHUNK == chunk:
                shown[n % DOC_CHUNK] = _record(doc)
        out[name] = _dumps(shown)

    meta = {**state.meta, "largest": {"shard": max(shard_sizes), "list": max(post_sizes.values(), default=0)}}
    if meta != state.meta:
        out["meta.json"] = _dumps(meta)
    return replace(state, entry_bytes=entry_bytes, shard_sizes=tuple(shard_sizes), post_sizes=post_sizes,
                   post_refs=post_refs, dropped=dropped, meta=meta), out
