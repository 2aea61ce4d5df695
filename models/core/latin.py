"""Cyrillic names in Latin letters, for the mediator's staff who read Latin better than Cyrillic.

A campaign chooses one named standard scheme for the Latin line its labels and handover papers carry
(`SCHEMES`); the recipients search finds people by either spelling, whatever the campaign prints. The tables are
translitua's (a maintained package of the official tables), not ours:

- "ru-icao": ICAO Doc 9303, as Russian passports spell names since 2014 (Щукин -> Shchukin, Юрий -> Iurii).
  The Ukrainian letters a Russian-language list still holds are spelled as the same document spells them
  (І, Ї -> I; Є -> IE; Ґ -> G).
- "uk-national": the national table of Ukraine (Cabinet of Ministers resolution 55 of 2010), as Ukrainian
  passports spell names (Вдовиченко -> Vdovychenko, Згурський -> Zghurskyi). Russian letters that table lacks
  are read as their Ukrainian spellings first (ы -> и, э -> е, ё -> йо, ъ dropped).

Apostrophes are not spelled (both tables say so). Each word keeps its case pattern: an all-capitals surname
stays all capitals (the tables themselves would give "ZGhURSKYI").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from models.core.i18n import N_

NONE = "none"
RUSSIAN_ICAO = "ru-icao"
UKRAINIAN_NATIONAL = "uk-national"
SCHEMES: dict[str, str] = {
    NONE: N_("No Latin line"),
    RUSSIAN_ICAO: N_("Russian names, ICAO Doc 9303 (passports)"),
    UKRAINIAN_NATIONAL: N_("Ukrainian names, national table of 2010 (passports)"),
}
"""Scheme key -> its name as the campaign editor shows it (marked for translation)."""

_APOSTROPHES = str.maketrans("", "", "'ʼ’`‘ʹ´")
_UKRAINIAN_FOR_ICAO = str.maketrans({"і": "i", "ї": "i", "є": "ie", "ґ": "g"})
_RUSSIAN_FOR_NATIONAL = str.maketrans({"ы": "и", "э": "е", "ё": "йо", "ъ": None})
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1 << 16)
def _word(word: str, scheme: str) -> str:
    """One word (letters only), spelled in `scheme`, its case pattern kept; names repeat, so each word once."""
    from translitua import RussianICAO, UkrainianKMU, translit  # 5 ms what never spells a name does not pay

    lower = word.lower()
    if scheme == RUSSIAN_ICAO:
        latin = translit(lower.translate(_UKRAINIAN_FOR_ICAO), RussianICAO)
    else:
        latin = translit(lower.translate(_RUSSIAN_FOR_NATIONAL), UkrainianKMU)
    if len(word) > 1 and word.isupper():
        return latin.upper()
    return latin[:1].upper() + latin[1:] if word[:1].isupper() else latin


def latin_name(text: str, scheme: str) -> str:
    """`text` (a name, a place) in Latin letters by `scheme`; "" for `NONE`, a text with no Cyrillic,
    or one with a letter neither table spells (a label prints no half-Latin line).

    Hyphens, spaces and digits stay as they are ("Ганна-Марія" -> "Hanna-Mariia").
    """
    if scheme not in SCHEMES:
        raise ValueError(f"Unknown Latin scheme {scheme!r}; choose one of {', '.join(SCHEMES)}")
    if scheme == NONE or not _cyrillic(text):
        return ""
    plain = unicodedata.normalize("NFC", text).translate(_APOSTROPHES)
    latin = _WORD.sub(lambda found: _word(found.group(), scheme), plain)
    return "" if _cyrillic(latin) else latin  # a letter neither table spells (Serbian Ј, say): no half-Latin line


def _cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def search_forms(text: str) -> str:
    """Every Latin spelling of `text`'s words the search should find, lower case, once each: "Вдовиченко"
    gives "vdovychenko vdovichenko", so a mediator typing either passport's spelling finds the person."""
    forms: list[str] = []
    for token in text.split():
        forms.extend(form for form in _token_forms(token) if form not in forms)
    return " ".join(forms)


@lru_cache(maxsize=1 << 16)
def _token_forms(token: str) -> tuple[str, ...]:
    """The spellings of one space-separated part of a name (an import indexes 100,000 names: parts repeat)."""
    forms: list[str] = []
    for word in _WORD.findall(unicodedata.normalize("NFC", token).translate(_APOSTROPHES).lower()):
        forms.extend(form for form in (_word(word, UKRAINIAN_NATIONAL), _word(word, RUSSIAN_ICAO))
                     if form not in forms and not _cyrillic(form))
    return tuple(forms)
