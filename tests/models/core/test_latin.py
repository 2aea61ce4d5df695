"""Names in Latin letters by a named standard scheme, and the spellings the search finds them by."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.core.latin import NONE, RUSSIAN_ICAO, SCHEMES, UKRAINIAN_NATIONAL, latin_name, search_forms
from models.demo import names

CYRILLIC_WORDS = sorted({*names.RUSSIAN_SURNAMES, *names.UKRAINIAN_SURNAMES, *names.RUSSIAN_MALE_NAMES,
                         *names.UKRAINIAN_MALE_NAMES, *names.UKRAINIAN_FEMALE_NAMES})


@pytest.mark.parametrize(("name", "scheme", "latin"), [
    ("Вдовиченко Ігор Лук'янович", UKRAINIAN_NATIONAL, "Vdovychenko Ihor Lukianovych"),  # apostrophe not spelled
    ("Вдовиченко Игорь Лукьянович", RUSSIAN_ICAO, "Vdovichenko Igor Lukianovich"),
    ("Згурський Юрій", UKRAINIAN_NATIONAL, "Zghurskyi Yurii"),  # зг -> zgh, ю at the start -> Yu
    ("Щукин Юрий", RUSSIAN_ICAO, "Shchukin Iurii"),
    ("ЗГУРСЬКИЙ Олександр", UKRAINIAN_NATIONAL, "ZGHURSKYI Oleksandr"),  # a surname in capitals stays so
    ("Ганна-Марія Їжак", UKRAINIAN_NATIONAL, "Hanna-Mariia Yizhak"),
    ("Їжак Євгенія Ґалаган", RUSSIAN_ICAO, "Izhak Ievgeniia Galagan"),  # ICAO's own Ukrainian letters
    ("Ёлкин Фёдор Быков Эдуард", UKRAINIAN_NATIONAL, "Yolkyn Fiodor Bykov Eduard"),  # Russian letters read first
    ("Smith John", RUSSIAN_ICAO, ""),  # nothing to transliterate
    ("Вдовиченко", NONE, ""),
])
def test_the_schemes_spell_names_as_passports_do(name: str, scheme: str, latin: str) -> None:
    assert latin_name(name, scheme) == latin


def test_an_unknown_scheme_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="'gost'.*ru-icao"):
        latin_name("Вдовиченко", "gost")


def test_search_forms_hold_both_passports_spellings() -> None:
    forms = search_forms("Вдовиченко Ігор").split()
    assert {"vdovychenko", "vdovichenko", "ihor", "igor"} <= set(forms) and len(forms) == len(set(forms))


@given(st.lists(st.sampled_from(CYRILLIC_WORDS), min_size=1, max_size=4),
       st.sampled_from([RUSSIAN_ICAO, UKRAINIAN_NATIONAL]))
def test_every_listed_name_comes_out_in_latin_letters_only(words: list[str], scheme: str) -> None:
    latin = latin_name(" ".join(words), scheme)
    assert latin and latin.isascii() and len(latin.split()) == len(words)
    assert all(part[0].isupper() for part in latin.split())


def test_a_name_with_a_letter_no_table_spells_gets_no_latin_line_and_is_still_found_by_its_other_words() -> None:
    """Serbian Ј is in neither the Russian nor the Ukrainian table: no half-Latin line on the label."""
    assert latin_name("Јован Петров", RUSSIAN_ICAO) == latin_name("Јован Петров", UKRAINIAN_NATIONAL) == ""
    assert search_forms("Јован Петров").split() == ["petrov"]


@given(st.text(max_size=60))
def test_any_text_gives_a_latin_line_or_nothing_without_error(text: str) -> None:
    for scheme in SCHEMES:
        latin = latin_name(text, scheme)
        assert not any("\u0400" <= ch <= "\u04ff" for ch in latin)
    assert not any("\u0400" <= ch <= "\u04ff" for ch in search_forms(text))
