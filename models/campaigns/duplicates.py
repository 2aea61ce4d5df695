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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from rapidfuzz import fuzz
from translitua import RussianICAO, translit

from models.core.i18n import _
from models.core.types import RecipientData

NEAR = 88
"""The least rapidfuzz ratio (0-100) of two folded full names that counts as close."""
BLOCK = 1000
"""In a (birth date, place) group larger than this (a placeholder birth date, say) only names equal after
folding are looked for, so that the check stays linear however the list is made."""

_SPACING = re.compile("[\\s\\-\u2010-\u2015\u2212_/,.;:()\"«»№]+")
_APOSTROPHES = "\u2019'\u02bc`\u2018\u02b9\u00b4"
_DROPPED = str.maketrans("", "", _APOSTROPHES)
_CYRILLIC = str.maketrans({
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
    folded = _plain(word.translate(_DROPPED)).translate(_CYRILLIC)
    latin = _plain(translit(folded, RussianICAO)).translate(_LATIN)  # as passports spell it
    return " ".join(_DOUBLED.sub(r"\1", part) for part in _NOT_WORD.split(latin) if part)


def name_key(text: str) -> str:
    """`text` folded for comparison: lower case, Latin letters, single spaces, no hyphens or apostrophes.

    Cyrillic is transliterated as passports do (ICAO Doc 9303, through translitua) after Ukrainian letters are
    read as their Russian neighbours; then y/j are read as i and doubled letters as one. The key is only for
    comparing: it is never shown.
    """
    return " ".join(key for key in map(_word_key, _SPACING.split(text)) if key)


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
    positions: tuple[int, int]
    """Index of `first` (in `existing` when `in_existing`, else in `people`) and of `second` (in `people`)."""
    in_existing: bool


_Entry = tuple[int, bool, RecipientData, str]
"""(index, in `existing`, the person, the key of the full name): a plain tuple, the cheapest to build."""


def _by_group(persons: Sequence[RecipientData], places: dict[str, str]) -> dict[tuple[date, str], list[int]]:
    """Indexes of the people with a birth date, by (birth date, folded place)."""
    groups: defaultdict[tuple[date, str], list[int]] = defaultdict(list)
    for index, person in enumerate(persons):
        born = person.birth_date
        if born is None:
            continue
        place = places.get(person.place)
        if place is None:
            place = places[person.place] = place_key(person.place)
        groups[(born, place)].append(index)
    return groups


def _groups(people: Sequence[RecipientData], existing: Sequence[RecipientData]) -> Iterator[list[_Entry]]:
    """The groups where a pair is possible: two new people, or one beside someone else of the old list."""
    places: dict[str, str] = {}
    parts: dict[str, str] = {}  # each part of a name is folded once
    names: dict[tuple[str, str, str], str] = {}  # and each name once (the versions of a list share most)

    def key(person: RecipientData) -> str:
        name = (person.surname, person.given_name, person.patronymic)
        found = names.get(name)
        if found is None:
            for part in name:
                if part not in parts:
                    parts[part] = name_key(part)
            a, b, c = parts[name[0]], parts[name[1]], parts[name[2]]
            found = names[name] = f"{a} {b} {c}" if a and b and c else " ".join(filter(None, (a, b, c)))
        return found

    old_groups = _by_group(existing, places) if existing else {}
    for group, indexes in _by_group(people, places).items():
        olds = old_groups.get(group, [])
        if len(indexes) == 1:
            number = people[indexes[0]].list_number
            olds = [j for j in olds if existing[j].list_number != number]
            if not olds:
                continue
        yield ([(i, False, people[i], key(people[i])) for i in indexes]
               + [(j, True, existing[j], key(existing[j])) for j in olds])


def _blocks(entries: list[_Entry]) -> Iterator[list[_Entry]]:
    if len(entries) <= BLOCK:
        yield entries
        return
    equal: defaultdict[str, list[_Entry]] = defaultdict(list)
    for entry in entries:
        equal[entry[3]].append(entry)
    yield from (block for block in equal.values() if len(block) > 1)


def _score(a: str, b: str) -> float:
    """100 for equal keys; else the better of the plain ratio and the ratio with words sorted (a list that
    puts the given name first), 0 below NEAR."""
    if a == b:
        return 100.0
    return max(fuzz.ratio(a, b, score_cutoff=NEAR), fuzz.token_sort_ratio(a, b, score_cutoff=NEAR))


def _format_date(value: date) -> str:
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"


def _found(first: _Entry, second: _Entry, score: float) -> LikelyDuplicate:
    (at_a, old, a, _key_a), (at_b, _new, b, _key_b) = first, second
    how = _("equal after folding") if score >= 100 else _("close (score {score})").format(score=round(score))
    values = {"a": a.list_number, "name_a": a.full_name, "b": b.list_number, "name_b": b.full_name,
              "date": _format_date(b.birth_date or date.min), "how": how}
    if old:
        reason = _("Number {b} {name_b} and number {a} {name_a} of the current list: same birth date {date} and "
                   "place, names {how}.").format(**values)
    else:
        reason = _("Number {a} {name_a} and number {b} {name_b}: same birth date {date} and place, names "
                   "{how}.").format(**values)
    return LikelyDuplicate((a.list_number, a.full_name), (b.list_number, b.full_name), reason, score, (at_a, at_b),
                           old)


def likely_duplicates(people: Sequence[RecipientData],
                      existing: Sequence[RecipientData] = ()) -> list[LikelyDuplicate]:
    """Pairs that may be one person twice: within `people`, and between `people` and `existing` (a previous
    version of the list, where the same list number is the same person and is never reported).

    Two people pair when both have the same birth date, the same place (folded) and names equal or close
    after `name_key`. In the order of the later person of `people`.
    """
    pairs: list[LikelyDuplicate] = []
    for group in _groups(people, existing):
        for block in _blocks(group):
            for second in block:
                at, old, person, key = second
                if old:
                    continue
                for first in block:
                    if (first[2].list_number == person.list_number) if first[1] else first[0] >= at:
                        continue  # the person's own previous version, or not an earlier row of the list
                    score = _score(first[3], key)
                    if score:
                        pairs.append(_found(first, second, score))
    pairs.sort(key=lambda pair: (pair.positions[1], pair.in_existing, pair.positions[0]))
    return pairs
