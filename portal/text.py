"""Vietnamese text helpers: normalisation, diacritic folding, slugs, collation."""

from __future__ import annotations

import re
import unicodedata

# đ/Đ are letters of their own, not d plus a mark: NFD leaves them alone.
_D_FOLD = str.maketrans({"đ": "d", "Đ": "D"})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def has_control_chars(text: str) -> bool:
    return bool(_CONTROL.search(text))


def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFD", ch.translate(_D_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class _FoldTable(dict):
    """str.translate table filled on first sight of each character: the search index folds
    millions of words, and a table lookup per character is far cheaper than decomposing."""

    def __missing__(self, code: int) -> str:
        self[code] = folded = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Lower-case, drop every diacritic (đ included): "Đồng Tháp" -> "dong thap"."""
    if text.isascii():
        return text.lower()
    stripped = unicodedata.normalize("NFC", text).translate(_FOLD_TABLE)
    return unicodedata.normalize("NFC", stripped).lower()


def slugify(text: str) -> str:
    """ASCII slug: "Đồng Tháp" -> "dong-thap". Idempotent."""
    folded = fold(text)
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    return slug


# Vietnamese alphabet order; tones only break ties.
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_BASE_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
# Combining marks that change the letter itself (not the tone).
_LETTER_MARKS = {"\u0306": "ă", "\u0302": "^", "\u031b": "ơ"}
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _letters(word: str) -> list[tuple[int, int]]:
    """(letter rank, tone rank) for each base letter of a word."""
    out: list[tuple[int, int]] = []
    for ch in unicodedata.normalize("NFD", word.lower()):
        if ch in _TONE_RANK:
            if out:
                out[-1] = (out[-1][0], _TONE_RANK[ch])
            continue
        if ch in _LETTER_MARKS and out:
            base_rank = out[-1][0]
            base = _ALPHABET[base_rank] if base_rank < len(_ALPHABET) else ""
            combined = {("a", "\u0306"): "ă", ("a", "\u0302"): "â", ("e", "\u0302"): "ê",
                        ("o", "\u0302"): "ô", ("o", "\u031b"): "ơ", ("u", "\u031b"): "ư"}
            letter = combined.get((base, ch))
            if letter:
                out[-1] = (_BASE_RANK[letter], out[-1][1])
            continue
        if unicodedata.combining(ch):
            continue
        if ch in _BASE_RANK:
            out.append((_BASE_RANK[ch], 0))
        else:
            # Letters outside the Vietnamese alphabet (f, j, w, z, digits) sort after it.
            out.append((len(_ALPHABET) + ord(ch), 0))
    return out


def vi_sort_key(text: str) -> tuple:
    """Sort key for Vietnamese alphabetical order: a ă â b c d đ e ê ..."""
    words = nfc(text).split()
    letters = tuple(tuple(r for r, _ in _letters(w)) for w in words)
    tones = tuple(tuple(t for _, t in _letters(w)) for w in words)
    return (letters, tones, text)
