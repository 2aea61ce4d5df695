"""Likely duplicates in a recipient list: one person listed twice under two numbers, spelled otherwise.

Mediators type names in Russian or Ukrainian, with or without ё, with one apostrophe or another, and now
and then in a passport's Latin transliteration. `name_key` folds all of these onto one Latin spelling, so
"Їжакевич", "Іжакевич" and "Yizhakevych" meet, and "Олександр" comes within a letter of "Александр".
Only people with the same birth date and the same place are compared, which makes the groups small: a list
of 100,000 people is checked in a fraction of a second, never pair by pair over the whole list.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import iuliia
from rapidfuzz import fuzz

from models.core.i18n import _
from models.core.types import RecipientData

NEAR = 88
"""The least rapidfuzz ratio (0-100) of two folded full names that counts as close."""
BLOCK = 1000
"""A (birth date, place) group larger than this (a placeholder birth date) is compared for near names only
among surnames with the same first letter, so that it stays far from quadratic; equal names are always found."""

_SPACING = str.maketrans({mark: " " for mark in "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212_/,.;:()\"«»№"})
_DROPPED = {mark: None for mark in "\u2019'\u02bc`\u2018\u02b9\u00b4"}
_CYRILLIC = str.maketrans({
    **_DROPPED,
    # Ukrainian and Russian spellings of one name onto one alphabet: і, ї (and Russian ы) as и; є, э, ё as е.
    "ё": "е", "і": "и", "ї": "и", "ы": "и", "є": "е", "э": "е", "ґ": "г", "ъ": None, "ь": None,
})
_LATIN = str.maketrans({"y": "i", "j": "i", "w": "v"})
"""Latin spellings of one sound (Yurii, Jurij, Iurii; Wolodymyr) onto the one the Cyrillic side gives."""
_DOUBLED = re.compile(r"([^\W\d_])\1+")
_NOT_WORD = re.compile(r"[\W_]+")


def _plain(text: str) -> str:
    """Casefolded, without diacritics (й, ё, ї lose theirs: the transliteration spells й and и alike)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@lru_cache(maxsize=1 << 16)
def _word_key(word: str) -> str:
    """One word of a name, folded; names repeat a great deal, so each word is transliterated once."""
    folded = _plain(word).translate(_CYRILLIC)
    latin = _plain(str(iuliia.ICAO_DOC_9303.translate(folded))).translate(_LATIN)  # as passports spell it
    return " ".join(_DOUBLED.sub(r"\1", part) for part in _NOT_WORD.split(latin) if part)


def name_key(text: str) -> str:
    """`text` folded for comparison: lower case, Latin letters, single spaces, no hyphens or apostrophes.

    Cyrillic is transliterated as passports do (ICAO Doc 9303, through iuliia) after Ukrainian letters are
    read as their Russian neighbours; then y/j are read as i and doubled letters as one. The key is only for
    comparing: it is never shown.
    """
    words = text.translate(_DROPPED).translate(_SPACING).split()
    return " ".join(key for key in map(_word_key, words) if key)


def place_key(text: str) -> str:
    """A place folded like a name, spaces dropped too: "ИК-3", "ИК 3" and "ик3" are one place."""
    return name_key(text).replace(" ", "")


@dataclass(frozen=True)
class LikelyDuplicate:
    first: tuple[str, str]
    """(list number, full name): the earlier person of the list, or one of the previous version."""
    second: tuple[str, str]
    """(list number, full name): the later person of the list."""
    reason: str
    score: float
    """100 when the names are equal after folding, else rapidfuzz's ratio of the folded names."""
    positions: tuple[int, int] = (-1, -1)
    """Index of `first` (in `existing` when `in_existing`, else in `people`) and of `second` (in `people`)."""
    in_existing: bool = False


@dataclass(frozen=True)
class _Entry:
    index: int
    in_existing: bool
    person: RecipientData
    key: str
    sorted_key: str


def _group(people: Sequence[RecipientData], existing: Sequence[RecipientData]) -> list[list[_Entry]]:
    """People with a birth date, by (birth date, place); only groups where a pair is possible."""
    places: dict[str, str] = {}
    groups: defaultdict[tuple[date, str], list[tuple[int, bool, RecipientData]]] = defaultdict(list)
    for in_existing, persons in ((False, people), (True, existing)):
        for index, person in enumerate(persons):
            if person.birth_date is None:
                continue
            place = places.get(person.place)
            if place is None:
                place = places[person.place] = place_key(person.place)
            groups[(person.birth_date, place)].append((index, in_existing, person))
    keys: dict[str, tuple[str, str]] = {}
    found: list[list[_Entry]] = []
    for members in groups.values():
        numbers = {person.list_number for _index, is_old, person in members if not is_old}
        new = sum(not is_old for _index, is_old, _person in members)
        if not new or (new == 1 and all(person.list_number in numbers for _i, is_old, person in members)):
            continue  # nobody new, or one new person beside only their own previous version
        entries = []
        for index, in_existing, person in members:
            full = person.full_name
            pair = keys.get(full)
            if pair is None:
                key = name_key(full)
                pair = keys[full] = (key, " ".join(sorted(key.split())))
            entries.append(_Entry(index, in_existing, person, *pair))
        found.append(entries)
    return found


def _blocks(entries: list[_Entry]) -> list[list[_Entry]]:
    if len(entries) <= BLOCK:
        return [entries]
    blocks: defaultdict[str, list[_Entry]] = defaultdict(list)
    for entry in entries:
        blocks[entry.key[:1]].append(entry)
    return list(blocks.values())


def _score(a: _Entry, b: _Entry) -> float:
    if a.key == b.key or a.sorted_key == b.sorted_key:
        return 100.0
    return max(fuzz.ratio(a.key, b.key, score_cutoff=NEAR), fuzz.ratio(a.sorted_key, b.sorted_key, score_cutoff=NEAR))


def _format_date(value: date) -> str:
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"


def _found(first: _Entry, second: _Entry, score: float) -> LikelyDuplicate:
    how = _("equal after folding") if score >= 100 else _("close (score {score})").format(score=round(score))
    values = {"a": first.person.list_number, "name_a": first.person.full_name, "b": second.person.list_number,
              "name_b": second.person.full_name, "date": _format_date(second.person.birth_date or date.min),
              "how": how}
    if first.in_existing:
        reason = _("Number {b} {name_b} and number {a} {name_a} of the current list: same birth date {date} and "
                   "place, names {how}.").format(**values)
    else:
        reason = _("Number {a} {name_a} and number {b} {name_b}: same birth date {date} and place, names "
                   "{how}.").format(**values)
    return LikelyDuplicate((first.person.list_number, first.person.full_name),
                           (second.person.list_number, second.person.full_name), reason, score,
                           (first.index, second.index), first.in_existing)


def likely_duplicates(people: Sequence[RecipientData],
                      existing: Sequence[RecipientData] = ()) -> list[LikelyDuplicate]:
    """Pairs that may be one person twice: within `people`, and between `people` and `existing` (a previous
    version of the list, where the same list number is the same person and is never reported).

    Two people pair when both have the same birth date, the same place (folded) and names equal or close
    after `name_key`. In the order of the later person of `people`.
    """
    pairs: list[LikelyDuplicate] = []
    for group in _group(people, existing):
        for block in _blocks(group):
            for second in block:
                if second.in_existing:
                    continue
                for first in block:
                    if first.in_existing:
                        if first.person.list_number == second.person.list_number:
                            continue
                    elif first.index >= second.index:
                        continue
                    score = _score(first, second)
                    if score:
                        pairs.append(_found(first, second, score))
    pairs.sort(key=lambda pair: (pair.positions[1], pair.in_existing, pair.positions[0]))
    return pairs
