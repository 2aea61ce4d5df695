"""Sort keys for names written in Cyrillic (Russian and Ukrainian) or Latin.

Code-point order misplaces Ё, Є, І, Ї and Ґ (and puts capitals before small letters); this key follows a
merged Russian-Ukrainian alphabet, case-insensitively, with Latin after Cyrillic.
"""

from __future__ import annotations

import unicodedata

_CYRILLIC = "абвгґдеёєжзиіїйклмнопрстуфхцчшщъыьэюя"
_LATIN = "abcdefghijklmnopqrstuvwxyz"
_RANK = {letter: index for index, letter in enumerate(" " + _CYRILLIC + _LATIN)}
_APOSTROPHES = "'ʼ’`"


def name_key(*parts: str) -> str:
    """A string that sorts names as a person expects (byte order of the key = alphabetical order)."""
    text = " ".join(part for part in parts if part)
    text = unicodedata.normalize("NFC", text).casefold()
    out = []
    for char in text:
        if char in _APOSTROPHES:
            continue
        rank = _RANK.get(char)
        if rank is None:
            rank = 100 + (ord(char) % 3900)
        out.append(chr(0x4E00 + rank))  # fixed-width, order-preserving, valid UTF-8
    return "".join(out)


def number_key(list_number: str) -> int | None:
    """List numbers sort numerically when they are numbers ("2" before "10")."""
    digits = list_number.strip()
    return int(digits) if digits.isdigit() and len(digits) < 18 else None
