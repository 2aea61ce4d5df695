"""Sort keys for names written in Cyrillic (Russian and Ukrainian) or Latin.

Code-point order misplaces Ё, Є, І, Ї and Ґ (and puts capitals before small letters); this key follows a
merged Russian-Ukrainian alphabet, case-insensitively, with Latin after Cyrillic.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_CYRILLIC = "абвгґдеёєжзиіїйклмнопрстуфхцчшщъыьэюя"
_LATIN = "abcdefghijklmnopqrstuvwxyz"
_RANK = {letter: index for index, letter in enumerate(" " + _CYRILLIC + _LATIN)}
_APOSTROPHES = "'ʼ’`"


class _Ranks(dict[int, "str | None"]):
    """`str.translate`'s table: each letter to its rank's character, apostrophes to nothing, and any other
    character to a rank after the known letters (worked out on first sight, kept for the common ones)."""

    def __missing__(self, code: int) -> str:
        value = chr(0x4E00 + 100 + code % 3900)
        if len(self) < 10_000:
            self[code] = value
        return value


_TABLE = _Ranks({ord(letter): chr(0x4E00 + rank) for letter, rank in _RANK.items()}
                | {ord(apostrophe): None for apostrophe in _APOSTROPHES})
"""Ranks as characters from U+4E00: fixed-width, order-preserving, valid UTF-8."""


_SPACE = chr(0x4E00 + _RANK[" "])


def name_key(*parts: str) -> str:
    """A string that sorts names as a person expects (byte order of the key = alphabetical order): the key of
    the parts joined by spaces."""
    return _SPACE.join(_part_key(part) for part in parts if part)


@lru_cache(maxsize=1 << 16)
def _part_key(part: str) -> str:
    """The key of one part of a name; an import keys 100,000 names, whose given names and patronymics repeat.
    Keying is a character at a time (NFC composes no character across a space), so the parts' keys joined
    by the space's are the key of the whole."""
    return unicodedata.normalize("NFC", part).casefold().translate(_TABLE)


def number_key(list_number: str) -> int | None:
    """List numbers sort numerically when they are numbers ("2" before "10")."""
    digits = list_number.strip()
    return int(digits) if digits.isdigit() and len(digits) < 18 else None
